"""Back up and restore the embedded database: repozo for Data.fs (a full,
compressed backup each time) and a tar of the blobs, under one timestamp.

    make backup     BACKUP_DIR=... (default: DATA_DIR/backups)
    make restore    (the latest backup; the instance must be stopped)

Rotation: only the newest BACKUP_KEEP (default 7) backups are kept, so with
one backup a day an erased address (GDPR art. 17, retention) is gone from the
backups within BACKUP_KEEP days. Keep BACKUP_KEEP (days, at one a day) below
the shortest retention period of Site Setup → Personal data and legal pages.
For RelStorage on PostgreSQL use pg_dump with the same rule.
"""

from pathlib import Path

import os
import shutil
import subprocess
import sys
import tarfile
import time


def say(message):
    print(f"[backup] {message}", flush=True)


def paths():
    data = Path(os.environ["DATA_DIR"])
    backups = Path(os.environ.get("BACKUP_DIR") or data / "backups")
    return data, backups


def repozo():
    return str(Path(sys.executable).with_name("repozo"))


def backups_in(backups):
    """Timestamps of the complete backups (a blob archive and repozo's file)."""
    blobs = {p.name[: -len(".blobs.tar.gz")] for p in backups.glob("*.blobs.tar.gz")}
    return sorted(blobs)


def backup(keep):
    data, backups = paths()
    (backups / "filestorage").mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            repozo(),
            "--backup",
            "--full",
            "--gzip",
            "--quick",
            "--repository",
            str(backups / "filestorage"),
            "--file",
            str(data / "filestorage" / "Data.fs"),
        ],
        check=True,
    )
    # repozo names its file by the time it started: the newest is this one.
    newest = sorted((backups / "filestorage").glob("*.fsz"))[-1].stem
    with tarfile.open(backups / f"{newest}.blobs.tar.gz", "w:gz") as tar:
        tar.add(data / "blobstorage", arcname="blobstorage")
    say(f"backup {newest} in {backups}")
    rotate(backups, keep)


def rotate(backups, keep):
    stamps = backups_in(backups)
    for stamp in stamps[: max(0, len(stamps) - keep)]:
        for path in backups.glob(f"{stamp}.*"):
            path.unlink()
        for path in (backups / "filestorage").glob(f"{stamp}.*"):
            path.unlink()
        say(f"removed backup {stamp} (more than {keep} kept)")


def restore():
    data, backups = paths()
    stamps = backups_in(backups)
    if not stamps:
        sys.exit(f"[backup] no backup in {backups}")
    stamp = stamps[-1]
    storage = data / "filestorage"
    storage.mkdir(parents=True, exist_ok=True)
    for name in ("Data.fs", "Data.fs.index", "Data.fs.tmp", "Data.fs.lock"):
        (storage / name).unlink(missing_ok=True)
    subprocess.run(
        [
            repozo(),
            "--recover",
            "--repository",
            str(backups / "filestorage"),
            "--output",
            str(storage / "Data.fs"),
        ],
        check=True,
    )
    shutil.rmtree(data / "blobstorage", ignore_errors=True)
    with tarfile.open(backups / f"{stamp}.blobs.tar.gz") as tar:
        tar.extractall(data, filter="data")
    say(f"restored backup {stamp} into {data}")


def main(argv):
    started = time.monotonic()
    if argv[1:2] == ["backup"]:
        backup(int(os.environ.get("BACKUP_KEEP") or 7))
    elif argv[1:2] == ["restore"]:
        restore()
    else:
        sys.exit("usage: backup.py backup|restore")
    say(f"done in {time.monotonic() - started:.1f}s")


if __name__ == "__main__":
    main(sys.argv)
