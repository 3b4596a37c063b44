"""`make backup` and `make restore`: the database and its blobs, with the
tools the stack already has.

FileStorage (the default): repozo backs up Data.fs (incremental, gzipped;
a full one when the last is older than BACKUP_FULL_DAYS, or after a pack),
and the blob directory is snapshotted beside it under the same timestamp,
hard-linking the blob files the previous snapshot already holds (ZODB never
rewrites a blob file: a new revision is a new file). Restore picks the
newest backup, or the newest at or before DATE (UTC, as repozo takes it),
and puts the database and the blobs of that moment back together.

RelStorage on PostgreSQL (RELSTORAGE_DSN set): pg_dump in its custom format
(the blobs are in the database), pg_restore --clean to restore, refused
while any instance is connected to the database (stop the instances, keep
PostgreSQL running; start the instances again after).

Rotation, the rule: a backup chain (a full backup and the incrementals made
on it) is deleted once its newest backup is older than BACKUP_KEEP_DAYS,
except the newest chain, which is always kept. Keep BACKUP_KEEP_DAYS at or
below the shortest retention period of personal data: an address erased
from the site is then gone from every backup BACKUP_KEEP_DAYS later.

Restoring never throws away the current data: Data.fs and the blob
directory are moved aside (``*.before-restore-<timestamp>``), and restore
refuses to run while the site holds the database open.
"""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from pathlib import Path

import argparse
import fcntl
import os
import re
import shutil
import subprocess
import sys


STAMP = "%Y-%m-%d-%H-%M-%S"
# repozo's file names: <timestamp>.fs[z] (full), .deltafs[z] (incremental).
BACKUP_FILE = re.compile(r"^(\d{4}(?:-\d{2}){5})\.(fsz?|deltafsz?)$")
DUMP_FILE = re.compile(r"^(\d{4}(?:-\d{2}){5})\.dump$")


class BackupError(Exception):
    pass


def settings():
    data = Path(os.environ.get("DATA_DIR", "instance/var")).resolve()
    backups = Path(os.environ.get("BACKUP_DIR") or f"{data}-backups").resolve()
    return {
        "data": data,
        "backups": backups,
        "keep_days": int(os.environ.get("BACKUP_KEEP_DAYS", "30")),
        "full_days": int(os.environ.get("BACKUP_FULL_DAYS", "7")),
        "dsn": os.environ.get("RELSTORAGE_DSN", ""),
        "bin": Path(sys.executable).parent,
    }


def now():
    return datetime.now(UTC).replace(microsecond=0)


def stamp_of(name):
    return datetime.strptime(name, STAMP).replace(tzinfo=UTC)


def say(message):
    print(f"==> {message}", flush=True)


# FileStorage


def repository(config):
    return config["backups"] / "filestorage"


def snapshots(config):
    return config["backups"] / "blobstorage"


def backups_in(folder):
    """[(timestamp, full?, path)] of repozo's backups, oldest first."""
    found = []
    for path in folder.iterdir() if folder.is_dir() else ():
        match = BACKUP_FILE.match(path.name)
        if match:
            full = match.group(2).startswith("fs")
            found.append((stamp_of(match.group(1)), full, path))
    return sorted(found)


def chains(folder):
    """The backups grouped by the full backup they rest on, oldest first."""
    result = []
    for stamp, full, path in backups_in(folder):
        if full or not result:
            result.append([])
        result[-1].append((stamp, path))
    return result


def database_in_use(data):
    """Whether a running Zope holds Data.fs (zc.lockfile flocks Data.fs.lock)."""
    lock = data / "filestorage" / "Data.fs.lock"
    if not lock.exists():
        return False
    with open(lock, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False


def snapshot_blobs(source, target, previous):
    """Copy the blob directory to ``target``, hard-linking each file that
    ``previous`` holds under the same name (blob files never change)."""
    for folder, _dirs, files in os.walk(source):
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            if name.endswith(".lock"):
                continue
            original = Path(folder) / name
            copy = target / relative / name
            earlier = previous / relative / name if previous else None
            if earlier is not None and earlier.is_file():
                os.link(earlier, copy)
            else:
                shutil.copy2(original, copy)


def backup_filestorage(config):
    data_fs = config["data"] / "filestorage" / "Data.fs"
    if not data_fs.is_file():
        raise BackupError(f"No database at {data_fs}: nothing to back up.")
    repo = repository(config)
    repo.mkdir(parents=True, exist_ok=True)
    snapshots(config).mkdir(parents=True, exist_ok=True)
    before = {path for _stamp, _full, path in backups_in(repo)}
    fulls = [stamp for stamp, full, _path in backups_in(repo) if full]
    force_full = not fulls or now() - fulls[-1] > timedelta(days=config["full_days"])
    command = [str(config["bin"] / "repozo"), "-B", "-z", "-r", str(repo)]
    command += ["-f", str(data_fs)] + (["-F"] if force_full else [])
    subprocess.run(command, check=True)
    made = [item for item in backups_in(repo) if item[2] not in before]
    if not made:
        say("The database has not changed since the last backup.")
        return
    stamp, full, path = made[-1]
    name = stamp.strftime(STAMP)
    existing = sorted(p for p in snapshots(config).iterdir() if p.is_dir())
    previous = existing[-1] if existing else None
    snapshot_blobs(config["data"] / "blobstorage", snapshots(config) / name, previous)
    say(f"{'Full' if full else 'Incremental'} backup {name}: {path}")


def rotate_filestorage(config):
    repo = repository(config)
    limit = now() - timedelta(days=config["keep_days"])
    found = chains(repo)
    removed = []
    for chain in found[:-1]:
        if chain[-1][0] < limit:
            for stamp, path in chain:
                path.unlink()
                path.with_suffix(".dat").unlink(missing_ok=True)
                path.with_suffix(".index").unlink(missing_ok=True)
                blobs = snapshots(config) / stamp.strftime(STAMP)
                if blobs.is_dir():
                    shutil.rmtree(blobs)
                removed.append(path.name)
    if removed:
        say(
            f"Rotated out (older than {config['keep_days']} days): {', '.join(removed)}"
        )


def chosen_backup(config, date):
    found = backups_in(repository(config))
    if date is not None:
        found = [item for item in found if item[0] <= date]
    if not found:
        raise BackupError(
            f"No backup in {repository(config)}"
            + (f" at or before {date.strftime(STAMP)}" if date else "")
            + "."
        )
    return found[-1][0]


def restore_filestorage(config, date):
    data = config["data"]
    if database_in_use(data):
        raise BackupError("The site is running: stop it, then restore.")
    stamp = chosen_backup(config, date)
    name = stamp.strftime(STAMP)
    blobs = snapshots(config) / name
    if not blobs.is_dir():
        raise BackupError(f"The blobs of backup {name} are missing ({blobs}).")
    aside = f"before-restore-{now().strftime(STAMP)}"
    storage = data / "filestorage"
    storage.mkdir(parents=True, exist_ok=True)
    for path in storage.glob("Data.fs*"):
        path.rename(path.with_name(f"{path.name}.{aside}"))
    blob_dir = data / "blobstorage"
    if blob_dir.exists():
        blob_dir.rename(data / f"blobstorage.{aside}")
    command = [str(config["bin"] / "repozo"), "-R", "-r", str(repository(config))]
    command += ["-D", name, "-o", str(storage / "Data.fs")]
    subprocess.run(command, check=True)
    shutil.copytree(blobs, blob_dir)
    say(f"Restored backup {name}; the data it replaced is kept as *.{aside}")


# RelStorage on PostgreSQL


def dumps(config):
    return config["backups"] / "postgresql"


def backup_postgresql(config):
    folder = dumps(config)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{now().strftime(STAMP)}.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={target}", config["dsn"]], check=True
    )
    say(f"PostgreSQL backup {target}")


def rotate_postgresql(config):
    limit = now() - timedelta(days=config["keep_days"])
    found = sorted(p for p in dumps(config).iterdir() if DUMP_FILE.match(p.name))
    for path in found[:-1]:
        if stamp_of(DUMP_FILE.match(path.name).group(1)) < limit:
            path.unlink()
            say(f"Rotated out: {path.name}")


def other_connections(dsn):
    """How many clients (Zope instances, their write turns) hold the
    database open, besides this check."""
    done = subprocess.run(
        [
            "psql",
            "--no-psqlrc",
            "-tAc",
            "select count(*) from pg_stat_activity where datname = "
            "current_database() and pid <> pg_backend_pid() and "
            "backend_type = 'client backend'",
            dsn,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"Cannot reach the database: {done.stderr.strip()}")
    return int(done.stdout.strip() or 0)


def restore_postgresql(config, date):
    # Instances still connected would block pg_restore's DROPs (their open
    # transactions hold locks) and, if it went through, go on serving
    # objects from their caches that are newer than the restored database.
    connected = other_connections(config["dsn"])
    if connected:
        raise BackupError(
            f"The site is running ({connected} connections to the database): "
            "stop every instance, then restore."
        )
    found = sorted(
        (stamp_of(DUMP_FILE.match(p.name).group(1)), p)
        for p in (dumps(config).iterdir() if dumps(config).is_dir() else ())
        if DUMP_FILE.match(p.name)
    )
    if date is not None:
        found = [item for item in found if item[0] <= date]
    if not found:
        raise BackupError(f"No PostgreSQL backup in {dumps(config)}.")
    subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            f"--dbname={config['dsn']}",
            str(found[-1][1]),
        ],
        check=True,
    )
    say(f"Restored {found[-1][1].name}; restart every instance.")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("backup", "restore"))
    parser.add_argument(
        "--date",
        help="restore the newest backup at or before this UTC time "
        "(yyyy-mm-dd[-hh[-mm[-ss]]])",
    )
    args = parser.parse_args(argv)
    config = settings()
    date = None
    if args.date:
        parts = args.date.split("-")
        try:
            date = datetime(*map(int, parts), tzinfo=UTC) if len(parts) >= 3 else None
        except ValueError:
            date = None
        if date is None:
            parser.error(f"--date {args.date!r}: use yyyy-mm-dd[-hh[-mm[-ss]]], UTC")
        if len(parts) == 3:
            date += timedelta(days=1, seconds=-1)  # the whole day
    try:
        if args.command == "backup":
            if config["dsn"]:
                backup_postgresql(config)
                rotate_postgresql(config)
            else:
                backup_filestorage(config)
                rotate_filestorage(config)
        elif config["dsn"]:
            restore_postgresql(config, date)
        else:
            restore_filestorage(config, date)
    except BackupError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
