"""Pack the site's database: drop every old object revision, so that what
retention or an erasure removed is gone from the storage too (FileStorage:
Data.fs is rewritten and the previous one kept as Data.fs.old, which this
script deletes; RelStorage: the same through its own pack).

    make pack
    zconsole run instance/etc/zope.conf scripts/pack.py
"""

from pathlib import Path

import time


def say(message):
    print(f"[pack] {message}", flush=True)


def main(app):
    db = app._p_jar.db()
    storage = db.storage
    started = time.monotonic()
    db.pack(time.time())
    name = getattr(storage, "_file_name", None)
    if name:
        old = Path(f"{name}.old")
        if old.exists():
            # The previous Data.fs, every erased revision in it.
            old.unlink()
    say(f"packed {db.getName()} in {time.monotonic() - started:.1f}s")


if __name__ == "__main__":
    try:
        main(app)  # noqa: F821
    finally:
        app._p_jar.db().close()  # noqa: F821
