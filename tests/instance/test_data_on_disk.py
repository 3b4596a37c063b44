"""Personal data on disk, on a real site in a throwaway DATA_DIR (FileStorage
and blobs; `make site` once, copied for each test):

- erasure that erases: one person's lifecycle (lifecycle_script.py), then
  `make pack`: the address's bytes are found nowhere in the storage's files,
  the blobs, the logs or the mail queue (the MailHost queueing in DATA_DIR,
  the mail server down); before the pack the old revisions still hold it (so
  the search can find it), and the queue held the mail telling the person
  their comment was published until erasure deleted it;
- `make backup` and `make restore` round trip: a contribution added after the
  backup is gone once restored, and everything backed up is there."""

from pathlib import Path
from tests.support.child_make import child_environ

import json
import pytest
import shutil
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


def occurrences(directory, text=ADDRESS):
    """{file: count} of the bytes of ``text`` in every file under ``directory``."""
    needle = text.encode()
    found = {}
    for path in directory.rglob("*"):
        if path.is_file():
            count = path.read_bytes().count(needle)
            if count:
                found[str(path.relative_to(directory))] = count
    return found


MAKE = ["make", "--no-print-directory"]
ZCONSOLE = str(ROOT / ".venv" / "bin" / "zconsole")
CONF = str(ROOT / "instance" / "etc" / "zope.conf")


def zconsole(script, data_dir, **env):
    out = run(
        [ZCONSOLE, "run", CONF, str(ROOT / "tests/instance" / script)], data_dir, **env
    )
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("built") / "var"
    run([*MAKE, "site", f"DATA_DIR={data_dir}"], data_dir)
    return data_dir


@pytest.fixture
def data_dir(built_site, tmp_path):
    copy = tmp_path / "var"
    shutil.copytree(built_site, copy)
    return copy


def test_after_erasure_retention_and_pack_the_address_is_nowhere(data_dir):
    queue = data_dir / "mailqueue"
    seen = zconsole(
        "lifecycle_script.py",
        data_dir,
        LIFECYCLE_MAIL_QUEUE=str(queue),
        MAILHOST_QUEUE_ONLY="1",
    )
    assert seen["queued_before_erasure"] == 1
    assert (queue / "new").is_dir()
    assert seen["exported"] == 2
    assert seen["versions"] == [1]  # accepted under v1, exported after v2
    assert seen["current"] == 2
    assert seen["erased"] == {"deleted": 1, "anonymised": 1}
    before = occurrences(data_dir)
    assert any(name.startswith("filestorage") for name in before), before

    run([*MAKE, "pack", f"DATA_DIR={data_dir}"], data_dir)

    assert occurrences(data_dir) == {}
    # The deleted pledge is collected too (lifecycle_script.py's text).
    assert occurrences(data_dir, "Un impegno da cancellare.") == {}


def test_backup_and_restore_round_trip(data_dir, tmp_path):
    backups = tmp_path / "backups"
    before = zconsole("site_state.py", data_dir)["contributions"]
    assert before  # the demo's
    run([*MAKE, "backup", f"DATA_DIR={data_dir}", f"BACKUP_DIR={backups}"], data_dir)
    after_add = zconsole("site_state.py", data_dir, STEP="add")["contributions"]
    assert len(after_add) == len(before) + 1
    run([*MAKE, "restore", f"DATA_DIR={data_dir}", f"BACKUP_DIR={backups}"], data_dir)
    assert zconsole("site_state.py", data_dir)["contributions"] == before
