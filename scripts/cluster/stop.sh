#!/usr/bin/env bash
# `make cluster-stop` / `make zeo-stop`: stop, by the PID files of
# CLUSTER_DIR/run, what scripts/cluster/start.sh started, front to back.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
[ -d "$RUN" ] || exit 0

# Varnish, if `make cluster VARNISH=1` put it in front.
if [ -d "$CLUSTER_DIR/varnish" ]; then
    DATA_DIR=$CLUSTER_DIR bash "$(dirname "$0")/varnish.sh" stop
fi
stop_pid haproxy
for file in "$RUN"/instance*.pid; do
    [ -e "$file" ] || continue
    stop_pid "$(basename "$file" .pid)"
done
stop_pid zeo
stop_pid redis
# SIGINT is PostgreSQL's "fast" shutdown: clients are gone already.
stop_pid postgresql INT
