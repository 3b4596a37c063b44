#!/usr/bin/env bash
# Install the Debian packages `make cluster` runs (PostgreSQL, haproxy, Redis,
# Varnish with VARNISH=1),
# each only if missing, as .ci/run does for Chromium. Idempotent.
set -euo pipefail

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v varnishd >/dev/null || [ -x /usr/sbin/varnishd ] || missing+=(varnish)

if [ ${#missing[@]} -gt 0 ]; then
    echo "==> apt-get install ${missing[*]}"
    $SUDO apt-get update -qq
    # policy-rc.d keeps Debian from starting the system-wide services: the
    # cluster runs its own, in DATA_DIR.
    $SUDO env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
