#!/usr/bin/env bash
# `make migrate-to-relstorage`: copy the embedded database of `make start`
# (DATA_DIR/filestorage/Data.fs and DATA_DIR/blobstorage) into the cluster's
# PostgreSQL with zodbconvert, then check that the copy holds the same site:
# scripts/cluster/inventory.py on both sides (every content object, version,
# blob, comment, pledge and audit entry) must be equal.
#
# Stop `make start` first. The cluster's instances must not run either; the
# database must be empty, unless MIGRATE_CLEAR=1 (which deletes what it holds).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

source_fs=$DATA_DIR/filestorage/Data.fs
[ -s "$source_fs" ] || die "no embedded database at $source_fs (DATA_DIR=$DATA_DIR)"
for file in "$RUN"/instance*.pid; do
    [ -e "$file" ] || continue
    pid_alive "$(basename "$file" .pid)" && die "the cluster's instances are running: make cluster-stop first"
done
# FileStorage holds this lock while `make start` (or a console) has it open.
if ! python3 - "$source_fs.lock" <<'PY'
import fcntl, os, sys
path = sys.argv[1]
if os.path.exists(path):
    with open(path, "a") as lock:
        try:
            fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            sys.exit(1)
PY
then
    die "$source_fs is open (make start running?): stop it first"
fi

mkdir -p "$RUN" "$LOG" "$CLUSTER_DIR/migrate/blobcache" "$CLUSTER_DIR/migrate/cache"
MODE=relstorage POSTGRES_ONLY=1 bash "$ROOT/scripts/cluster/start.sh"
export PGPASSFILE=$CLUSTER_DIR/postgresql.pgpass

sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U socialplan -d socialplan -tAc "$1"; }
objects=0
if [ "$(sql "select to_regclass('object_state') is not null")" = t ]; then
    objects=$(sql "select count(*) from object_state")
fi
clear=()
if [ "$objects" != 0 ]; then
    [ "${MIGRATE_CLEAR:-}" = 1 ] ||
        die "the cluster's database already holds $objects objects: MIGRATE_CLEAR=1 replaces them"
    clear=(--clear)
fi

say "inventory of the embedded database"
"$BIN/zconsole" run "$INSTANCE_HOME/etc/zope.conf" "$ROOT/scripts/cluster/inventory.py" \
    "$CLUSTER_DIR/migrate/before.json" 2>>"$LOG/migrate.log" | grep '^\[inventory\]'

say "zodbconvert $source_fs -> postgresql 127.0.0.1:$PG_PORT/socialplan"
started=$(date +%s)
"$BIN/zodbconvert" "${clear[@]}" "$CONF/zodbconvert.conf" >>"$LOG/migrate.log" 2>&1 ||
    die "zodbconvert failed: see $LOG/migrate.log"
say "copied in $(($(date +%s) - started)) s"

say "inventory of the copy"
CLUSTER_INSTANCE_DIR=$CLUSTER_DIR/migrate "$BIN/zconsole" run \
    "$INSTANCE_HOME/etc/zope-relstorage.conf" "$ROOT/scripts/cluster/inventory.py" \
    "$CLUSTER_DIR/migrate/after.json" 2>>"$LOG/migrate.log" | grep '^\[inventory\]'
if ! cmp -s "$CLUSTER_DIR/migrate/before.json" "$CLUSTER_DIR/migrate/after.json"; then
    diff "$CLUSTER_DIR/migrate/before.json" "$CLUSTER_DIR/migrate/after.json" | head -20 >&2
    die "the copy differs from the embedded database (see above)"
fi
say "the copy holds the same site; \`make cluster\` serves it (PostgreSQL is left running)"
