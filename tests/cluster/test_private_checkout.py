"""`make cluster` from a checkout in a private folder (mode 0700, as
`mktemp -d` and root's home folder are), which the user postgres cannot
enter: as root, PostgreSQL's programs run as postgres from /, and its data
goes to a folder postgres can reach; what cannot work is said before
anything starts."""

from tests.cluster.harness import Cluster
from tests.cluster.harness import copy_checkout
from tests.cluster.harness import require_services
from tests.cluster.harness import source_session

import os
import pytest
import shutil
import stat
import subprocess
import tempfile


pytestmark = pytest.mark.cluster

AS_ROOT = os.geteuid() == 0


def can_enter(user, path):
    """``user`` can enter ``path`` (and every folder above it)."""
    return (
        subprocess.run(
            ["runuser", "-u", user, "--", "test", "-x", str(path)],
            cwd="/",
            check=False,
        ).returncode
        == 0
    )


@pytest.fixture
def private_checkout():
    """A copy of the checkout inside a fresh 0700 folder."""
    folder = tempfile.mkdtemp(prefix="socialplan-private-")
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    try:
        yield copy_checkout(os.path.join(folder, "checkout"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_make_cluster_serves_from_a_private_checkout(private_checkout):
    require_services()
    # Its default DATA_DIR, inside the checkout: postgres reaches neither.
    data_dir = private_checkout / "instance" / "var"
    data_dir.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(instances=1, data_dir=data_dir, root=private_checkout)
    if AS_ROOT:
        assert not can_enter("postgres", private_checkout)
    try:
        with cluster.running():
            response = source_session("127.0.0.1").get(
                f"{cluster.proxy_url}/@@ok", timeout=60
            )
            assert response.status_code == 200
            site = source_session("127.0.0.1").get(cluster.proxy_url, timeout=60)
            assert site.status_code == 200
            if AS_ROOT:
                place = cluster.postgres_place
                assert place is not None, cluster.log
                assert can_enter("postgres", place / "data")
                assert (place / "data").stat().st_uid != 0
                assert "PostgreSQL's data goes to" in cluster.log
    finally:
        cluster.remove_postgres_place()


@pytest.mark.skipif(not AS_ROOT, reason="only root runs PostgreSQL as postgres")
def test_data_postgres_cannot_reach_is_refused_before_anything_starts(
    private_checkout,
):
    require_services()
    data_dir = private_checkout / "instance" / "var"
    # PostgreSQL's data of an earlier run, where postgres cannot reach it.
    (data_dir / "cluster" / "postgresql").mkdir(parents=True)
    (data_dir / "cluster" / "postgresql" / "PG_VERSION").write_text("15\n")
    cluster = Cluster(instances=1, data_dir=data_dir, root=private_checkout)
    result = cluster.make("cluster", timeout=120)
    assert result.returncode != 0
    closed = os.path.dirname(private_checkout)
    assert f"the user postgres cannot enter {closed}" in cluster.log
    assert f"chmod o+x {closed}" in cluster.log
    # Nothing started, nothing to stop.
    assert "stopping what was started" not in cluster.log
    assert not list(cluster.run_dir.glob("*.pid"))
    assert not (data_dir / "cluster" / "postgresql").is_symlink()
