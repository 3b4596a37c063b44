#!/usr/bin/env bash
# Varnish in front of the consultation, on loopback: `varnish.sh start|stop|status|check`.
#
# Settings (environment):
#   DATA_DIR       where its files go: $DATA_DIR/varnish/ (default instance/var)
#   BACKEND_HOST   what Varnish forwards to (haproxy; default 127.0.0.1)
#   BACKEND_PORT   its port (default 8080)
#   VARNISH_HOST   where Varnish listens (default 127.0.0.1)
#   VARNISH_PORT   its port (default 6081)
#   VARNISH_MEMORY cache size (default 256m)
#   VARNISH_PROXY_PORT  optional second port on VARNISH_HOST speaking the PROXY
#                  protocol, for a TLS terminator in front (client addresses
#                  kept, so that PURGE from outside stays refused)
#
# The configuration is conf/varnish.vcl, with the backend filled in. Debian's
# varnish is installed when varnishd is missing (its service stays off: this
# script starts its own varnishd, stopped by the PID it wrote). Plone sends
# its PURGE requests to http://$VARNISH_HOST:$VARNISH_PORT (see
# scripts/cluster/purging.py).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA_DIR="${DATA_DIR:-$ROOT/instance/var}"
DATA_DIR="$(mkdir -p "$DATA_DIR" && cd "$DATA_DIR" && pwd)"
BACKEND_HOST="${BACKEND_HOST:-127.0.0.1}"
BACKEND_PORT="${BACKEND_PORT:-8080}"
VARNISH_HOST="${VARNISH_HOST:-127.0.0.1}"
VARNISH_PORT="${VARNISH_PORT:-6081}"
VARNISH_MEMORY="${VARNISH_MEMORY:-256m}"
VARNISH_PROXY_PORT="${VARNISH_PROXY_PORT:-}"

# Started by root, varnishd compiles the VCL as the user varnish and serves
# as vcache: they must reach DIR. When they cannot (DATA_DIR in a private
# folder, as root's home or `mktemp -d` is), DIR is a folder of its own under
# Varnish's /var/lib/varnish, which DATA_DIR/varnish links to.
LINK="$DATA_DIR/varnish"
DIR="$LINK"
[ -L "$LINK" ] && DIR="$(readlink -f "$LINK")"
VAR_LIB=/var/lib/varnish

set_paths() {
    PIDFILE="$DIR/varnishd.pid"
    VCL="$DIR/socialplan.vcl"
    WORKDIR="$DIR/work"
    LOG="$DIR/varnishd.log"
}
set_paths

# Run from /, a folder every user can enter.
can_enter() {
    (cd / && runuser -u "$1" -- test -x "$2") 2>/dev/null
}

as_root_needs_placing() {
    [ "$(id -u)" = 0 ] && id varnish >/dev/null 2>&1 && [ ! -L "$LINK" ] &&
        ! { can_enter varnish "$DATA_DIR" && can_enter vcache "$DATA_DIR"; }
}

# check: say what to do, before anything starts, when Varnish cannot run.
check() {
    if as_root_needs_placing && [ ! -d "$VAR_LIB" ]; then
        echo "The users varnish and vcache cannot enter $DATA_DIR, and $VAR_LIB is missing:"
        echo "give DATA_DIR's folders o+x, or choose a DATA_DIR they can reach"
        exit 1
    fi
    return 0
}

place() {
    as_root_needs_placing || return 0
    check
    rm -rf "$LINK"  # what a varnishd that is not running left there
    DIR="$(mktemp -d "$VAR_LIB/socialplan-XXXXXXXX")"
    echo "$DATA_DIR" > "$DIR/data_dir"
    ln -s "$DIR" "$LINK"
    set_paths
    echo "The user varnish cannot enter $DATA_DIR: Varnish's files go to $DIR ($LINK links there)"
}

running() {
    [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

install_varnish() {
    command -v varnishd >/dev/null && return
    PATH="$PATH:/usr/sbin"
    command -v varnishd >/dev/null && return
    echo "==> Installing Debian's varnish"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish >/dev/null
}

start() {
    if running; then
        echo "Varnish already running (PID $(cat "$PIDFILE")) on http://$VARNISH_HOST:$VARNISH_PORT"
        return
    fi
    install_varnish
    export PATH="$PATH:/usr/sbin"
    place
    mkdir -p "$DIR" "$WORKDIR"
    sed -e "s/@BACKEND_HOST@/$BACKEND_HOST/" -e "s/@BACKEND_PORT@/$BACKEND_PORT/" \
        "$HERE/conf/varnish.vcl" > "$VCL"
    chmod 755 "$DIR"
    chmod 644 "$VCL"
    if [ "$(id -u)" = 0 ] && id varnish >/dev/null 2>&1 \
            && ! (cd / && runuser -u varnish -- test -r "$VCL") 2>/dev/null; then
        # Started by root, varnishd reads its VCL as the varnish user.
        echo "The varnish user cannot read $VCL: give DATA_DIR's folders o+x"
        exit 1
    fi
    # Compile first: a broken VCL says why here, not in a log.
    if ! (cd / && varnishd -C -f "$VCL" -n "$WORKDIR") >/dev/null 2>"$DIR/vcl-check.log"; then
        tail -30 "$DIR/vcl-check.log"
        exit 1
    fi
    local listen=(-a "$VARNISH_HOST:$VARNISH_PORT")
    if [ -n "$VARNISH_PROXY_PORT" ]; then
        listen+=(-a "$VARNISH_HOST:$VARNISH_PROXY_PORT,PROXY")
    fi
    (cd / && varnishd \
        "${listen[@]}" \
        -f "$VCL" \
        -n "$WORKDIR" \
        -P "$PIDFILE" \
        -s "malloc,$VARNISH_MEMORY" \
        -T none) \
        > "$LOG" 2>&1
    for _ in $(seq 1 50); do
        if running && (exec 3<>"/dev/tcp/$VARNISH_HOST/$VARNISH_PORT") 2>/dev/null; then
            echo "Varnish (PID $(cat "$PIDFILE")) on http://$VARNISH_HOST:$VARNISH_PORT -> $BACKEND_HOST:$BACKEND_PORT"
            return
        fi
        sleep 0.1
    done
    echo "Varnish did not start:"; cat "$LOG"
    exit 1
}

stop() {
    if ! running; then
        rm -f "$PIDFILE"
        echo "Varnish not running"
        return
    fi
    local pid
    pid="$(cat "$PIDFILE")"
    kill -TERM "$pid"
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid"
    fi
    rm -f "$PIDFILE"
    echo "Varnish stopped"
}

case "${1:-}" in
    start) start ;;
    check) check ;;
    stop) stop ;;
    status)
        if running; then echo "running (PID $(cat "$PIDFILE"))"; else echo "stopped"; exit 3; fi ;;
    *) echo "usage: $0 start|stop|status|check"; exit 2 ;;
esac
