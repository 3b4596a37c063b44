"""`make backup` and `make restore` on RelStorage (RELSTORAGE_DSN set:
pg_dump and pg_restore), as a round trip on a `make cluster` site: back up;
add a contribution (posted to the instance) and another (tests/instance/
site_state.py); restore is refused while the instance is connected; the
instance stopped, restore; the cluster started again serves exactly the
backed-up state: every contribution of the backup, neither addition (and
its instance runs on Rome time, as every `make cluster` process)."""

from pathlib import Path
from tests.cluster.harness import ADMIN
from tests.cluster.harness import body
from tests.cluster.harness import Cluster
from tests.cluster.harness import comment
from tests.cluster.harness import DEMO_CHAPTER
from tests.cluster.harness import DEMO_PLAN
from tests.cluster.harness import marker
from tests.cluster.harness import post_contribution
from tests.cluster.harness import require_services
from tests.cluster.harness import ROOT
from tests.cluster.harness import source_session

import json
import os
import pytest
import signal
import subprocess
import time


pytestmark = pytest.mark.cluster

ZCONSOLE = str(ROOT / ".venv" / "bin" / "zconsole")
CONF = str(ROOT / "instance" / "etc" / "zope-relstorage.conf")


@pytest.fixture(scope="module")
def cluster():
    require_services()
    with Cluster(mode="relstorage", instances=1).running() as running:
        yield running


def database(cluster):
    return {
        "RELSTORAGE_DSN": (
            f"host=127.0.0.1 port={cluster.pg_port} dbname=socialplan user=socialplan"
        ),
        "PGPASSFILE": str(cluster.cluster_dir / "postgresql.pgpass"),
    }


def site_state(cluster, **extra):
    """The contributions' paths, read from the database by zconsole."""
    here = cluster.cluster_dir / "state"
    for name in ("log", "cache", "blobcache"):
        (here / name).mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [ZCONSOLE, "run", CONF, str(ROOT / "tests" / "instance" / "site_state.py")],
        cwd=ROOT,
        env=cluster.env(
            INSTANCE_HOME=str(ROOT / "instance"),
            CLUSTER_DIR=str(cluster.cluster_dir),
            CLUSTER_INSTANCE_DIR=str(here),
            **database(cluster),
            **extra,
        ),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])["contributions"]


def served_queue(cluster):
    """The moderation queue as the instance serves it, to a Manager."""
    manager = source_session("127.0.0.1")
    manager.auth = ADMIN
    response = manager.get(
        f"{cluster.instance_url(1)}/{DEMO_PLAN}/@moderation",
        params={"b_size": 1000},
        timeout=120,
    )
    assert response.status_code == 200
    return body(response)


def stop_instance(cluster):
    pid = cluster.pid("instance1")
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.5)
    os.kill(pid, signal.SIGKILL)


def test_backup_and_restore_round_trip_on_postgresql(cluster, tmp_path):
    backups = tmp_path / "backups"
    before = site_state(cluster)
    assert before  # the demo's contributions
    queue_before = served_queue(cluster)

    made = cluster.make("backup", timeout=600, BACKUP_DIR=backups, **database(cluster))
    assert made.returncode == 0, cluster.log[-3000:]
    dumps = list((backups / "postgresql").glob("*.dump"))
    assert len(dumps) == 1

    posted = f"Aggiunto dopo il backup ({marker()})."
    post_contribution(
        f"{cluster.instance_url(1)}/{DEMO_CHAPTER}/@comments", comment(posted)
    )
    after = site_state(cluster, STEP="add")
    assert len(after) == len(before) + 2
    assert posted in served_queue(cluster)

    # Refused while the instance holds the database open: nothing changes.
    refused = cluster.make(
        "restore", timeout=600, BACKUP_DIR=backups, **database(cluster)
    )
    assert refused.returncode != 0
    assert "stop every instance, then restore" in cluster.log
    assert posted in served_queue(cluster)

    stop_instance(cluster)
    restored = cluster.make(
        "restore", timeout=600, BACKUP_DIR=backups, **database(cluster)
    )
    assert restored.returncode == 0, cluster.log[-3000:]
    assert site_state(cluster) == before
    started = cluster.make("cluster")
    assert started.returncode == 0, cluster.log[-3000:]

    # Started by `make cluster` on Rome time (scripts/cluster/lib.sh).
    environ = (Path("/proc") / str(cluster.pid("instance1")) / "environ").read_bytes()
    assert b"TZ=Europe/Rome" in environ.split(b"\0")

    queue_after = served_queue(cluster)
    assert posted not in queue_after
    assert "Aggiunto dopo il backup." not in queue_after
    assert queue_after == queue_before
    assert site_state(cluster) == before
