# Shared by scripts/cluster/*.sh: settings (the Makefile exports them; the
# defaults below serve a direct call) and helpers. Sourced, not run.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
CONF=$ROOT/scripts/cluster/conf
BIN=${BIN:-$ROOT/.venv/bin}
# Absolute: what runs as another user runs from / (see as_user).
DATA_DIR=$(realpath -m "${DATA_DIR:-$ROOT/instance/var}")
CLUSTER_DIR=$(realpath -m "${CLUSTER_DIR:-$DATA_DIR/cluster}")
RUN=$CLUSTER_DIR/run
LOG=$CLUSTER_DIR/log

INSTANCES=${INSTANCES:-2}
INSTANCE_THREADS=${INSTANCE_THREADS:-4}
CLUSTER_HOST=${CLUSTER_HOST:-127.0.0.1}
CLUSTER_PORT=${CLUSTER_PORT:-8090}
# Instance n listens on INSTANCE_BASE_PORT + n - 1.
INSTANCE_BASE_PORT=${INSTANCE_BASE_PORT:-8091}
PG_PORT=${PG_PORT:-5433}
REDIS_PORT=${REDIS_PORT:-6380}
ZEO_PORT=${ZEO_PORT:-8100}
# haproxy connects to the instances from this loopback address, the only one
# they trust for X-Forwarded-For: a client on 127.0.0.1 is not the proxy.
PROXY_SOURCE=${PROXY_SOURCE:-127.0.0.2}
SITE_ID=${SITE_ID:-Plone}
PG_VERSION_DIR=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)

export INSTANCE_HOME=${INSTANCE_HOME:-$ROOT/instance}
export DATA_DIR CLUSTER_DIR PG_PORT REDIS_PORT ZEO_PORT PROXY_SOURCE SITE_ID
export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore}
# Rome time for every process started here (Zope's DateTime reads the zone
# once, at import), as `make start` does; the Makefile passes SITE_TZ.
export TZ=${SITE_TZ:-Europe/Rome}

say() { echo "[cluster] $*"; }
die() { echo "[cluster] error: $*" >&2; exit 1; }

# as_user USER COMMAND...: COMMAND as USER, started from /, a folder every
# user can enter: the checkout may lie in a private one (root's home, a
# `mktemp -d`), and PostgreSQL's programs stop where they cannot enter
# their working directory.
as_user() {
    local user=$1
    shift
    (cd / && exec runuser -u "$user" -- "$@")
}

# can_enter USER DIR: USER can enter DIR and every folder above it.
can_enter() {
    as_user "$1" test -x "$2" 2>/dev/null
}

# first_closed USER DIR: the first folder from / down to DIR that USER
# cannot enter (DIR's nearest existing folder when all of those can).
first_closed() {
    local user=$1 dir path=""
    dir=$(realpath -m "$2")
    local IFS=/ part
    for part in ${dir#/}; do
        path=$path/$part
        [ -e "$path" ] || break
        can_enter "$user" "$path" || { echo "$path"; return; }
    done
    echo "${path:-/}"
}

# pid_alive NAME: the process of RUN/NAME.pid is running.
pid_alive() {
    local file=$RUN/$1.pid
    [ -s "$file" ] && kill -0 "$(head -1 "$file")" 2>/dev/null
}

# stop_pid NAME [SIGNAL]: signal the PID of RUN/NAME.pid, wait up to 30 s,
# then SIGKILL; remove the file.
stop_pid() {
    local name=$1 signal=${2:-TERM} file=$RUN/$1.pid pid
    [ -s "$file" ] || return 0
    pid=$(head -1 "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill -"$signal" "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$pid" 2>/dev/null; then
            say "$name ($pid) did not stop: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        say "stopped $name ($pid)"
    fi
    rm -f "$file"
}

# wait_port PORT SECONDS NAME [PIDNAME]: until something accepts on loopback.
wait_port() {
    local port=$1 seconds=$2 name=$3 pidname=${4:-}
    for _ in $(seq 1 $((seconds * 2))); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return 0
        fi
        if [ -n "$pidname" ] && ! pid_alive "$pidname"; then
            die "$name exited: see $LOG/$pidname.log"
        fi
        sleep 0.5
    done
    die "$name not listening on port $port after ${seconds}s: see $LOG/"
}

# port_free PORT NAME: refuse to start on a port something else holds.
port_free() {
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
        die "port $1 ($2) is taken: choose another (make cluster ${3:-PORT}=...)"
    fi
}

instance_port() { echo $((INSTANCE_BASE_PORT + $1 - 1)); }

# start_instance N CONF: runwsgi with instance/etc/zope-cluster.ini, its own
# log and blob cache in CLUSTER_DIR/instanceN, in its own session.
start_instance() {
    local n=$1 storage=$2 port dir
    port=$(instance_port "$n")
    dir=$CLUSTER_DIR/instance$n
    mkdir -p "$dir/log" "$dir/blobcache" "$dir/cache"
    pid_alive "instance$n" && { say "instance$n already running"; return 0; }
    port_free "$port" "instance$n" INSTANCE_BASE_PORT
    CLUSTER_INSTANCE_DIR=$dir setsid "$BIN/runwsgi" "$INSTANCE_HOME/etc/zope-cluster.ini" \
        storage="$storage" http_port="$port" data_dir="$dir" threads="$INSTANCE_THREADS" \
        >"$LOG/instance$n.log" 2>&1 </dev/null &
    echo $! >"$RUN/instance$n.pid"
}
