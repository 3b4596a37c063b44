"""scripts/backup.py keeps the newest BACKUP_KEEP backups (the rule that
bounds how long an erased address lives on in backups)."""

from pathlib import Path

import importlib.util


SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "backup.py"


def load():
    spec = importlib.util.spec_from_file_location("backup_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_only_the_newest_backups_are_kept(tmp_path):
    backup = load()
    (tmp_path / "filestorage").mkdir()
    stamps = [f"2026-12-0{day}-03-15-00" for day in range(1, 10)]
    for stamp in stamps:
        (tmp_path / f"{stamp}.blobs.tar.gz").write_bytes(b"")
        for suffix in (".fsz", ".dat", ".index"):
            (tmp_path / "filestorage" / f"{stamp}{suffix}").write_bytes(b"")
    backup.rotate(tmp_path, keep=7)
    assert backup.backups_in(tmp_path) == stamps[2:]
    left = sorted(p.name for p in (tmp_path / "filestorage").iterdir())
    assert left == sorted(f"{s}{x}" for s in stamps[2:] for x in (".dat", ".fsz", ".index"))
