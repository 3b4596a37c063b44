"""Erasure that erases, on RelStorage (PostgreSQL, history-free): on a
`make cluster` site, one person's lifecycle (tests/instance/lifecycle_script.py:
contribute, notice v2, access, erase, retention), then a pack: the address is
in no row of the database (pg_dump of every table, searched as text and as
the hex bytea is dumped in). The same search finds the text of the
anonymised comment, which stays (so it can find what is there). History-free
RelStorage keeps no old revision, and a contribution is erased before it is
deleted, so the address is gone before the pack too; the pack collects the
deleted objects (the deleted pledge's text is there before it, not after)."""

from .conftest import require_services
from .harness import Cluster
from .harness import ROOT

import json
import os
import pytest
import subprocess


pytestmark = pytest.mark.cluster

ADDRESS = "relstorage-marker-5d17@example.org"
# The anonymised comment's text (lifecycle_script.py): it stays.
KEPT_TEXT = "Un commento da cancellare."
# The deleted pledge's text: in an unreachable row until the pack.
DELETED_TEXT = "Un impegno da cancellare."
ZCONSOLE = str(ROOT / ".venv" / "bin" / "zconsole")
CONF = str(ROOT / "instance" / "etc" / "zope-relstorage.conf")


@pytest.fixture(scope="module")
def cluster():
    require_services()
    with Cluster(mode="relstorage", instances=1).running() as running:
        yield running


def environ(cluster):
    here = cluster.cluster_dir / "lifecycle"
    for name in ("log", "cache", "blobcache"):
        (here / name).mkdir(parents=True, exist_ok=True)
    return cluster.env(
        INSTANCE_HOME=str(ROOT / "instance"),
        CLUSTER_DIR=str(cluster.cluster_dir),
        CLUSTER_INSTANCE_DIR=str(here),
        PGPASSFILE=str(cluster.cluster_dir / "postgresql.pgpass"),
        LIFECYCLE_ADDRESS=ADDRESS,
    )


def zconsole(cluster, script):
    done = subprocess.run(
        [ZCONSOLE, "run", CONF, str(script)],
        cwd=ROOT,
        env=environ(cluster),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


def found_in_database(cluster, text):
    """How many times ``text`` is in a dump of every table."""
    dump = subprocess.run(
        [
            "pg_dump",
            "-h",
            "127.0.0.1",
            "-p",
            str(cluster.pg_port),
            "-U",
            "socialplan",
            "-d",
            "socialplan",
            "--data-only",
        ],
        env={
            **os.environ,
            "PGPASSFILE": str(cluster.cluster_dir / "postgresql.pgpass"),
        },
        capture_output=True,
        timeout=300,
        check=True,
    ).stdout
    needle = text.encode()
    found = dump.count(needle) + dump.count(needle.hex().encode())
    if found:
        # Where: the table each occurrence is dumped under (for the failure).
        tables = []
        for part in dump.split(b"\nCOPY ")[1:]:
            if needle in part or needle.hex().encode() in part:
                tables.append(part.split(b" ", 1)[0].decode())
        print(f"{text!r} found in {tables}")
    return found


def test_after_erasure_retention_and_pack_the_address_is_in_no_row(cluster):
    out = zconsole(cluster, ROOT / "tests" / "instance" / "lifecycle_script.py")
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["versions"] == [1]
    assert seen["erased"] == {"deleted": 1, "anonymised": 1}
    assert found_in_database(cluster, KEPT_TEXT) > 0
    assert found_in_database(cluster, ADDRESS) == 0
    assert found_in_database(cluster, DELETED_TEXT) > 0

    zconsole(cluster, ROOT / "scripts" / "pack.py")

    assert found_in_database(cluster, DELETED_TEXT) == 0
    assert found_in_database(cluster, KEPT_TEXT) > 0
    assert found_in_database(cluster, ADDRESS) == 0
