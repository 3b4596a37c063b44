#!/usr/bin/env bash
# `make cluster`: PostgreSQL, Redis, INSTANCES Zope instances on RelStorage,
# haproxy in front; each its own folder and PID file under CLUSTER_DIR.
# Creates the site on the first run. A failed step stops what was started.
# `make zeo` runs it with MODE=zeo: a ZEO server and the instances, on
# CLUSTER_DIR too (no PostgreSQL, Redis or haproxy).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
MODE=${MODE:-relstorage}

mkdir -p "$RUN" "$LOG"
# Set once the checks passed: a check that fails stops nothing that runs.
stop_on_failure() {
    trap 'status=$?; if [ $status -ne 0 ]; then say "a step failed: stopping what was started"; "$ROOT/scripts/cluster/stop.sh" || true; fi' EXIT
}

# PostgreSQL refuses to run as root: as root, its programs run as the Debian
# user postgres (as_user: from /), which must reach the data folder. That is
# CLUSTER_DIR/postgresql when postgres can enter CLUSTER_DIR; otherwise (the
# checkout in a private folder, as root's home or `mktemp -d` is) a folder of
# its own under postgres' home, /var/lib/postgresql/socialplan/NAME/data,
# which CLUSTER_DIR/postgresql links to. Decided before anything starts;
# sets PGDATA.
place_postgres() {
    local link=$CLUSTER_DIR/postgresql home closed place
    PGDATA=$link
    [ "$(id -u)" = 0 ] || return 0
    id postgres >/dev/null 2>&1 ||
        die "as root, PostgreSQL runs as the user postgres, which does not exist: run scripts/cluster/install.sh, or make cluster as another user"
    if [ -L "$link" ]; then
        PGDATA=$(readlink -f "$link")
        [ -d "$PGDATA" ] ||
            die "$link links to $PGDATA, which is gone: remove the link (rm $link) and the cluster's database is made anew"
        can_enter postgres "$PGDATA" ||
            die "the user postgres cannot enter $(first_closed postgres "$PGDATA"), above PostgreSQL's data $PGDATA: chmod o+x that folder"
        return 0
    fi
    if can_enter postgres "$CLUSTER_DIR"; then
        return 0
    fi
    closed=$(first_closed postgres "$CLUSTER_DIR")
    if [ -d "$link" ] && [ -n "$(ls -A "$link")" ]; then
        die "the user postgres cannot enter $closed, above PostgreSQL's data $link: chmod o+x $closed, or move $link to a folder postgres can reach and link $link to it"
    fi
    home=$(getent passwd postgres | cut -d: -f6)
    if [ -z "$home" ] || [ ! -d "$home" ] || ! can_enter postgres "$home"; then
        die "the user postgres cannot enter $closed, nor has a home folder of its own: chmod o+x $closed, or choose a DATA_DIR it can reach (make cluster DATA_DIR=/srv/socialplan)"
    fi
    mkdir -p "$home/socialplan"
    chown postgres: "$home/socialplan"
    place=$(mktemp -d "$home/socialplan/$(basename "$ROOT")-XXXXXXXX")
    echo "$CLUSTER_DIR" >"$place/cluster_dir"
    mkdir "$place/data"
    chown -R postgres: "$place"
    chmod 700 "$place/data"
    rm -rf "$link"
    ln -s "$place/data" "$link"
    PGDATA=$place/data
    say "the user postgres cannot enter $closed: PostgreSQL's data goes to $PGDATA ($link links there; delete both to start anew)"
}

start_postgres() {
    local pgdata=$PGDATA pgbin=$PG_VERSION_DIR
    local as=()
    if [ "$(id -u)" = 0 ]; then
        as=(as_user postgres)
        mkdir -p "$pgdata"
        chown postgres: "$pgdata"
        chmod 700 "$pgdata"
    fi
    if [ ! -s "$pgdata/PG_VERSION" ]; then
        say "initdb $pgdata"
        local pwfile=$CLUSTER_DIR/postgresql.password initpw
        ( umask 077; python3 -c 'import secrets; print(secrets.token_urlsafe(24))' >"$pwfile" )
        # initdb reads the password as postgres: a copy in /tmp, removed after.
        initpw=$(mktemp)
        cat "$pwfile" >"$initpw"
        [ "$(id -u)" = 0 ] && chown postgres: "$initpw"
        if ! "${as[@]}" "$pgbin/initdb" -D "$pgdata" -U socialplan --pwfile="$initpw" \
                --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
                >"$LOG/initdb.log" 2>&1; then
            rm -f "$initpw"
            die "initdb failed: see $LOG/initdb.log"
        fi
        rm -f "$initpw"
        echo "include 'socialplan.conf'" >>"$pgdata/postgresql.conf"
        ( umask 077; echo "127.0.0.1:*:*:socialplan:$(cat "$pwfile")" >"$CLUSTER_DIR/postgresql.pgpass" )
    fi
    # Our settings, copied beside the server's own: the server (postgres)
    # may not reach the checkout. A cluster made before included them from
    # the checkout: from now on, the copy.
    cp "$CONF/postgresql.conf" "$pgdata/socialplan.conf"
    sed -i "s|^include '.*/scripts/cluster/conf/postgresql.conf'\$|include 'socialplan.conf'|" \
        "$pgdata/postgresql.conf"
    if [ "$(id -u)" = 0 ]; then
        chown postgres: "$pgdata/socialplan.conf" "$pgdata/postgresql.conf"
    fi
    if [ -s "$pgdata/postmaster.pid" ] && kill -0 "$(head -1 "$pgdata/postmaster.pid")" 2>/dev/null; then
        say "postgresql already running"
    else
        port_free "$PG_PORT" postgresql PG_PORT
        "${as[@]}" "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
            -o "-p $PG_PORT -k $pgdata" start >/dev/null ||
            die "PostgreSQL did not start: see $pgdata/server.log"
    fi
    head -1 "$pgdata/postmaster.pid" >"$RUN/postgresql.pid"
    export PGPASSFILE=$CLUSTER_DIR/postgresql.pgpass
    if ! psql -h 127.0.0.1 -p "$PG_PORT" -U socialplan -d postgres -tAc \
            "select 1 from pg_database where datname = 'socialplan'" | grep -q 1; then
        psql -q -h 127.0.0.1 -p "$PG_PORT" -U socialplan -d postgres -c "create database socialplan"
    fi
    say "postgresql on 127.0.0.1:$PG_PORT (data: $pgdata)"
}

start_redis() {
    if pid_alive redis; then say "redis already running"; return; fi
    port_free "$REDIS_PORT" redis REDIS_PORT
    mkdir -p "$CLUSTER_DIR/redis"
    redis-server "$CONF/redis.conf" --port "$REDIS_PORT" --dir "$CLUSTER_DIR/redis" \
        --pidfile "$RUN/redis.pid" --logfile "$LOG/redis.log"
    wait_port "$REDIS_PORT" 20 redis
    say "redis on 127.0.0.1:$REDIS_PORT"
}

start_zeo() {
    if pid_alive zeo; then say "zeo already running"; return; fi
    port_free "$ZEO_PORT" zeo ZEO_PORT
    mkdir -p "$CLUSTER_DIR/zeo/filestorage" "$CLUSTER_DIR/zeo/blobstorage"
    setsid "$BIN/runzeo" -C "$CONF/zeo.conf" >"$LOG/zeo.log" 2>&1 </dev/null &
    echo $! >"$RUN/zeo.pid"
    wait_port "$ZEO_PORT" 30 zeo zeo
    say "zeo on 127.0.0.1:$ZEO_PORT (data: $CLUSTER_DIR/zeo)"
}

create_site() {
    # The same script as `make start`, on the shared storage, before any
    # instance serves: it creates the site (and the demo) or upgrades it.
    local dir=$CLUSTER_DIR/setup
    mkdir -p "$dir/blobcache" "$dir/cache"
    CLUSTER_INSTANCE_DIR=$dir "$BIN/zconsole" run "$INSTANCE_HOME/etc/zope-$MODE.conf" \
        "$ROOT/scripts/create_site.py" 2>&1 | tee "$LOG/create_site.log" | grep '^\[create_site\]' ||
        die "the site could not be created: see $LOG/create_site.log"
    [ "${PIPESTATUS[0]}" = 0 ] || die "the site could not be created: see $LOG/create_site.log"
    if [ "${VARNISH:-0}" = 1 ]; then
        # Purges go to Varnish, in front of haproxy (off by the profile).
        VARNISH_URL="http://127.0.0.1:${VARNISH_PORT:-6081}" CLUSTER_INSTANCE_DIR=$dir \
            "$BIN/zconsole" run "$INSTANCE_HOME/etc/zope-$MODE.conf" \
            "$ROOT/scripts/cluster/purging.py" >>"$LOG/create_site.log" 2>&1 ||
            die "purging could not be configured: see $LOG/create_site.log"
    fi
}

start_haproxy() {
    if pid_alive haproxy; then stop_pid haproxy; fi
    port_free "$CLUSTER_PORT" haproxy CLUSTER_PORT
    local cfg=$RUN/haproxy.cfg n
    cp "$CONF/haproxy.cfg" "$cfg"
    for n in $(seq 1 "$INSTANCES"); do
        # No more requests at once than the instance has threads: the rest
        # wait in haproxy's queue, not in Zope's, nor as concurrent writes.
        echo "    server instance$n 127.0.0.1:$(instance_port "$n") check maxconn $INSTANCE_THREADS" >>"$cfg"
    done
    CLUSTER_HOST=$CLUSTER_HOST CLUSTER_PORT=$CLUSTER_PORT \
        haproxy -D -p "$RUN/haproxy.pid" -f "$cfg" >"$LOG/haproxy.log" 2>&1 ||
        die "haproxy did not start: see $LOG/haproxy.log"
}

wait_served() {
    local url=$1 seconds=$2 name=$3 pidname=${4:-}
    for _ in $(seq 1 "$seconds"); do
        curl -sf -o /dev/null "$url" && return 0
        if [ -n "$pidname" ] && ! pid_alive "$pidname"; then
            tail -20 "$LOG/$pidname.log" >&2
            die "$name exited: see $LOG/$pidname.log"
        fi
        sleep 1
    done
    die "$name does not serve $url after ${seconds}s: see $LOG/"
}

preflight_postgres() {
    [ -n "$PG_VERSION_DIR" ] || die "PostgreSQL is not installed: run scripts/cluster/install.sh"
    pid_alive postgresql || port_free "$PG_PORT" postgresql PG_PORT
    place_postgres
}

preflight() {
    # Before anything starts: every port free (or held by our own process),
    # every folder reachable by the user who runs there.
    local n
    if [ "$MODE" = relstorage ]; then
        pid_alive haproxy || port_free "$CLUSTER_PORT" haproxy CLUSTER_PORT
        pid_alive redis || port_free "$REDIS_PORT" redis REDIS_PORT
        preflight_postgres
        if [ "${VARNISH:-0}" = 1 ] && [ -z "${SERVICES_ONLY:-}" ]; then
            DATA_DIR=$CLUSTER_DIR bash "$ROOT/scripts/cluster/varnish.sh" check
        fi
    else
        pid_alive zeo || port_free "$ZEO_PORT" zeo ZEO_PORT
    fi
    for n in $(seq 1 "$INSTANCES"); do
        pid_alive "instance$n" || port_free "$(instance_port "$n")" "instance$n" INSTANCE_BASE_PORT
    done
}

if [ -n "${POSTGRES_ONLY:-}" ]; then
    # For scripts/cluster/migrate.sh: the database alone.
    preflight_postgres
    stop_on_failure
    start_postgres
    trap - EXIT
    exit 0
fi
preflight
stop_on_failure
if [ "$MODE" = relstorage ]; then
    start_postgres
    start_redis
else
    start_zeo
fi
if [ -n "${SERVICES_ONLY:-}" ]; then
    # For instances run elsewhere (cluster.cfg, the buildout): the services
    # and haproxy, which marks the instances up when they answer.
    [ "$MODE" = relstorage ] && start_haproxy
    trap - EXIT
    say "services started; haproxy on http://localhost:$CLUSTER_PORT/ waits for instances on ports $(instance_port 1)..$(instance_port "$INSTANCES")"
    exit 0
fi
create_site
for n in $(seq 1 "$INSTANCES"); do
    start_instance "$n" "$MODE"
done
for n in $(seq 1 "$INSTANCES"); do
    wait_served "http://127.0.0.1:$(instance_port "$n")/$SITE_ID/@@ok" 180 "instance$n" "instance$n"
    say "instance$n on http://127.0.0.1:$(instance_port "$n")/$SITE_ID"
done
if [ "$MODE" = relstorage ]; then
    start_haproxy
    wait_served "http://127.0.0.1:$CLUSTER_PORT/$SITE_ID/@@ok" 30 haproxy
    if [ "${VARNISH:-0}" = 1 ]; then
        # The production recommendation: Varnish in front of haproxy.
        DATA_DIR=$CLUSTER_DIR BACKEND_HOST=127.0.0.1 BACKEND_PORT=$CLUSTER_PORT \
            VARNISH_PORT=${VARNISH_PORT:-6081} bash "$ROOT/scripts/cluster/varnish.sh" start ||
            die "varnish did not start"
        say "==> http://localhost:${VARNISH_PORT:-6081}/$SITE_ID  (Varnish over haproxy)"
    fi
    say "==> http://localhost:$CLUSTER_PORT/$SITE_ID  (haproxy over $INSTANCES instances; make cluster-stop stops it)"
else
    say "==> http://localhost:$(instance_port 1)/$SITE_ID ... instance$INSTANCES (make zeo-stop stops them)"
fi
