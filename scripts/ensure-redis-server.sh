#!/usr/bin/env bash
# Installs Debian's redis-server binary, once, for the suite's throwaway Redis
# (tests/throwaway_redis.py runs one on a free port when ROSTER_TEST_REDIS_URL is unset:
# no system service is used or needed).
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "ensure-redis-server: redis-server is missing and installing it needs root" \
        "(apt-get install redis-server), or set ROSTER_TEST_REDIS_URL to a server of your own" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
install() {
    $SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
}
policy=$(apt-cache policy redis-server 2>/dev/null || true)
if [[ "$policy" != *"Candidate: "[0-9]* ]] || ! install; then
    $SUDO apt-get update -qq
    install
fi
# The package starts a system service; the suite does not use it.
redis-server --version
