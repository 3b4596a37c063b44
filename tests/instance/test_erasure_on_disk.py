"""Erasure that erases: on a real site in a throwaway DATA_DIR (FileStorage
and blobs), one person's lifecycle (tests/instance/lifecycle_script.py), then
`make pack`: the address's bytes are found nowhere in the storage's files,
the blobs or the logs. Before the pack the old revisions still hold it (so
the search can find it)."""

from child_make import child_environ
from pathlib import Path

import json
import pytest
import subprocess


ROOT = Path(__file__).resolve().parents[2]
ADDRESS = "lifecycle-marker-91c4@example.org"

pytestmark = pytest.mark.instance


def run(args, data_dir, **env):
    environ = child_environ()
    environ.update(
        DATA_DIR=str(data_dir),
        SITE_ID="Plone",
        ADMIN_PASSWORD="lifecycle-secret",  # noqa: S106 (a throwaway instance)
        INSTANCE_HOME=str(ROOT / "instance"),
        LIFECYCLE_ADDRESS=ADDRESS,
        **env,
    )
    done = subprocess.run(
        args, cwd=ROOT, env=environ, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def occurrences(directory):
    """{file: count} of the address's bytes in every file under ``directory``."""
    needle = ADDRESS.encode()
    found = {}
    for path in directory.rglob("*"):
        if path.is_file():
            count = path.read_bytes().count(needle)
            if count:
                found[str(path.relative_to(directory))] = count
    return found


def test_after_erasure_retention_and_pack_the_address_is_nowhere(tmp_path):
    data_dir = tmp_path / "var"
    make = ["make", "--no-print-directory"]
    run([*make, "site", f"DATA_DIR={data_dir}"], data_dir)
    zconsole = str(ROOT / ".venv" / "bin" / "zconsole")
    conf = str(ROOT / "instance" / "etc" / "zope.conf")
    out = run(
        [zconsole, "run", conf, str(ROOT / "tests/instance/lifecycle_script.py")],
        data_dir,
    )
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["exported"] == 2
    assert seen["versions"] == [1]  # accepted under v1, exported after v2
    assert seen["current"] == 2
    assert seen["erased"] == {"deleted": 1, "anonymised": 1}
    before = occurrences(data_dir)
    assert any(name.startswith("filestorage") for name in before), before

    run([*make, "pack", f"DATA_DIR={data_dir}"], data_dir)

    assert occurrences(data_dir) == {}
