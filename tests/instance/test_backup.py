"""`make backup` and `make restore` as an administrator runs them, on a real
instance's FileStorage and blobs (scripts/backup.py).

The round trip: a site with a file (a blob) and a published comment is backed
up; then a second file and a second comment are added; restore; the site,
served again, shows exactly the backed-up state: the first file's bytes, the
first comment, and neither addition. The data restore replaced is kept
aside. Restore refuses while the site runs. Rotation is checked on a
repository of dated backup files.
"""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from pathlib import Path
from tests.support.child_make import child_environ
from tests.support.instance import free_port
from tests.support.instance import Instance

import importlib.util
import pytest
import requests
import subprocess
import time


ROOT = Path(__file__).resolve().parents[2]
SITE_ID = "backup-site"
PASSWORD = "backup-pass"  # noqa: S105 (a throwaway test instance)

pytestmark = pytest.mark.instance

ADD = """
from AccessControl.SecurityManagement import newSecurityManager
from plone import api
from plone.namedfile.file import NamedBlobFile
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
import transaction

app = makerequest(app)  # noqa: F821 (zconsole provides it)
site = app[{site!r}]
setSite(site)
newSecurityManager(None, app.acl_users.getUser("admin").__of__(app.acl_users))
api.content.create(
    container=site, type="File", id={file_id!r}, title={file_id!r},
    file=NamedBlobFile(data={data!r}, filename="note.txt"),
)
page = api.content.create(container=site, type="Document", id={page_id!r},
                          title={page_id!r})
# Files have no workflow (they show where they are); the page is published.
api.content.transition(obj=page, transition="publish")
transaction.commit()
print("added", {file_id!r}, {page_id!r})
"""


def make(target, data_dir, backup_dir, *args, check=True):
    env = child_environ("PORT", "HOST", "BACKUP_DIR", "RELSTORAGE_DSN")
    env.update(
        DATA_DIR=str(data_dir),
        BACKUP_DIR=str(backup_dir),
        SITE_ID=SITE_ID,
        ADMIN_PASSWORD=PASSWORD,
    )
    result = subprocess.run(
        ["make", "--no-print-directory", target, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def add(data_dir, tmp, file_id, page_id, data):
    script = tmp / f"add_{file_id}.py"
    script.write_text(
        ADD.format(site=SITE_ID, file_id=file_id, page_id=page_id, data=data)
    )
    env = child_environ()
    env.update(INSTANCE_HOME=str(ROOT / "instance"), DATA_DIR=str(data_dir))
    result = subprocess.run(
        [
            str(ROOT / ".venv/bin/zconsole"),
            "run",
            "instance/etc/zope.conf",
            str(script),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def serve(data_dir, backup_dir, log_path):
    """`make start` on ``data_dir``, serving: (the instance, the site's URL)."""
    port = free_port()
    instance = Instance(
        log_path,
        env={
            "DATA_DIR": str(data_dir),
            "SITE_ID": SITE_ID,
            "PORT": str(port),
            "BACKUP_DIR": str(backup_dir),
        },
    )
    url = f"http://localhost:{port}/{SITE_ID}"
    instance.wait_until_serving(url)
    return instance, url


def get(url, path):
    return requests.get(f"{url}/{path}", timeout=30)


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("backup")
    data_dir, backup_dir = tmp / "data", tmp / "backups"
    make("site", data_dir, backup_dir)
    add(data_dir, tmp, "kept-file", "kept-page", b"kept blob bytes")
    backed_up = make("backup", data_dir, backup_dir)
    # repozo names backups by the second: the additions come after it.
    time.sleep(1.1)
    add(data_dir, tmp, "later-file", "later-page", b"later blob bytes")

    served, url = serve(data_dir, backup_dir, tmp / "running.log")
    refused = make("restore", data_dir, backup_dir, check=False)
    before_restore = get(url, "later-file/@@download/file")
    served.stop()

    restored = make("restore", data_dir, backup_dir)
    served, url = serve(data_dir, backup_dir, tmp / "restored.log")
    yield {
        "backed_up": backed_up,
        "refused": refused,
        "before_restore": before_restore,
        "restored": restored,
        "url": url,
        "data_dir": data_dir,
        "backup_dir": backup_dir,
    }
    served.stop()


class TestRoundTrip:
    def test_backup_made_with_blobs(self, round_trip):
        assert "Full backup" in round_trip["backed_up"].stdout
        backups = round_trip["backup_dir"]
        assert list((backups / "filestorage").glob("*.fsz"))
        [snapshot] = list((backups / "blobstorage").iterdir())
        assert any(path.suffix == ".blob" for path in snapshot.rglob("*"))

    def test_restore_refused_while_running(self, round_trip):
        refused = round_trip["refused"]
        assert refused.returncode != 0
        assert "The site is running: stop it, then restore." in refused.stderr
        # The addition was there before the restore.
        assert round_trip["before_restore"].content == b"later blob bytes"

    def test_the_backed_up_state_is_served(self, round_trip):
        url = round_trip["url"]
        kept = get(url, "kept-file/@@download/file")
        assert kept.status_code == 200
        assert kept.content == b"kept blob bytes"
        assert get(url, "kept-page").status_code == 200

    def test_what_came_after_is_gone(self, round_trip):
        url = round_trip["url"]
        assert get(url, "later-file/@@download/file").status_code == 404
        assert get(url, "later-page").status_code == 404

    def test_replaced_data_kept_aside(self, round_trip):
        data_dir = round_trip["data_dir"]
        aside = list((data_dir / "filestorage").glob("Data.fs.before-restore-*"))
        assert aside
        assert list(data_dir.glob("blobstorage.before-restore-*"))
        assert "kept as" in round_trip["restored"].stdout


def load_backup_script():
    spec = importlib.util.spec_from_file_location(
        "backup_script", ROOT / "scripts" / "backup.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rotation_keeps_recent_chains_and_always_the_newest(tmp_path, monkeypatch):
    backup = load_backup_script()
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BACKUP_DIR", str(tmp_path / "backups"))
    monkeypatch.setenv("BACKUP_KEEP_DAYS", "30")
    config = backup.settings()
    repo, blobs = backup.repository(config), backup.snapshots(config)
    repo.mkdir(parents=True)
    today = datetime.now(UTC).replace(microsecond=0)

    def made(days_ago, suffix):
        stamp = (today - timedelta(days=days_ago)).strftime(backup.STAMP)
        (repo / f"{stamp}.{suffix}").write_bytes(b"x")
        (blobs / stamp).mkdir(parents=True)
        return stamp

    old_chain = [made(60, "fsz"), made(55, "deltafsz")]
    # A chain whose full backup is old but whose last incremental is recent.
    spanning = [made(40, "fsz"), made(10, "deltafsz")]
    newest = [made(2, "fsz")]
    backup.rotate_filestorage(config)
    left = sorted(path.name.split(".")[0] for path in repo.iterdir())
    assert left == sorted(spanning + newest)
    assert sorted(path.name for path in blobs.iterdir()) == sorted(spanning + newest)
    assert old_chain[0] not in left

    # Even a stale newest chain is kept: there must always be a backup.
    monkeypatch.setenv("BACKUP_KEEP_DAYS", "1")
    backup.rotate_filestorage(backup.settings())
    left = sorted(path.name.split(".")[0] for path in repo.iterdir())
    assert left == newest


def test_restore_without_backups_says_so(tmp_path, monkeypatch, capsys):
    backup = load_backup_script()
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BACKUP_DIR", str(tmp_path / "none"))
    monkeypatch.delenv("RELSTORAGE_DSN", raising=False)
    assert backup.main(["restore"]) == 1
    assert "No backup in" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        backup.main(["restore", "--date", "yesterday"])
