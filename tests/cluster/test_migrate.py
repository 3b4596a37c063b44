"""`make migrate-to-relstorage`: the embedded database of `make start`
(demo, a blob, versions, comments, pledges, audit entries) copied into the
cluster's PostgreSQL, then served by `make cluster`."""

from tests.cluster.harness import ADMIN
from tests.cluster.harness import Cluster
from tests.cluster.harness import require_services
from tests.cluster.harness import ROOT
from tests.cluster.harness import source_session

import json
import pytest
import subprocess


pytestmark = pytest.mark.cluster

EXTRAS = ROOT / "tests" / "cluster" / "embedded_extras.py"


@pytest.fixture(scope="module")
def migrated():
    require_services()
    cluster = Cluster(mode="relstorage", instances=2)
    try:
        assert cluster.make("site").returncode == 0, cluster.log
        extras = subprocess.run(
            [
                str(ROOT / ".venv" / "bin" / "zconsole"),
                "run",
                str(ROOT / "instance" / "etc" / "zope.conf"),
                str(EXTRAS),
            ],
            cwd=ROOT,
            env=cluster.env(INSTANCE_HOME=ROOT / "instance"),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert "[extras] done" in extras.stdout, extras.stderr[-3000:]
        result = cluster.make("migrate-to-relstorage")
        yield cluster, result
    finally:
        cluster.stop()
        cluster.remove()


def inventory(cluster, name):
    path = cluster.cluster_dir / "migrate" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_copy_holds_every_object_version_blob_comment_and_audit_entry(migrated):
    cluster, result = migrated
    assert result.returncode == 0, cluster.log
    before, after = inventory(cluster, "before"), inventory(cluster, "after")
    assert after == before
    # Not an empty comparison: the demo and the extras are there.
    content = before["content"]
    types = {item["type"] for item in content}
    assert {"Plan", "Chapter", "Action", "Pledge", "File"} <= types
    assert sum(item["versions"] for item in content) > len(
        [c for c in content if c["type"] in ("Plan", "Chapter", "Action")]
    )
    blobs = [item["blobs"] for item in content if item["blobs"]]
    assert blobs == [{"file": [1048576, blobs[0]["file"][1]]}]
    states = {comment["state"] for comment in before["comments"]}
    assert {"published", "pending", "rejected"} <= states
    entries = [entry for plan in before["audit"].values() for entry in plan]
    assert {"publish", "reject"} <= {entry["transition"] for entry in entries}
    assert "published" in {i["state"] for i in content if i["type"] == "Pledge"}


def test_make_cluster_serves_the_migrated_site(migrated):
    cluster, result = migrated
    assert result.returncode == 0, cluster.log
    cluster.start()
    assert "exists: reused" in cluster.log
    manager = source_session("127.0.0.1")
    manager.auth = ADMIN
    download = manager.get(f"{cluster.proxy_url}/allegato/@@download/file", timeout=60)
    assert download.status_code == 200
    assert download.content == bytes(range(256)) * 4096
    queue = manager.get(
        f"{cluster.proxy_url}/piano-metropolitano-economia-sociale/@moderation",
        params={"b_size": 1000},
        timeout=60,
    )
    assert "Commento in attesa, prima della migrazione." in json.dumps(
        queue.json(), ensure_ascii=False
    )
    cluster.stop()

    # A second run does not overwrite the database it now serves.
    again = cluster.make("migrate-to-relstorage")
    assert again.returncode != 0
    assert "MIGRATE_CLEAR=1 replaces them" in cluster.log
