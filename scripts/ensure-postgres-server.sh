#!/usr/bin/env bash
# Installs Debian's PostgreSQL server binaries, once, for the suite's throwaway server
# (tests/throwaway_postgres.py runs initdb and postgres in a temporary folder of its own
# when ROSTER_TEST_POSTGRES_URL is unset: no system service is used or needed).
set -euo pipefail

DEBIAN_BINARIES=/usr/lib/postgresql

have_binaries() {
    if command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1; then
        return 0
    fi
    local bin
    for bin in "$DEBIAN_BINARIES"/*/bin; do
        if [ -x "$bin/initdb" ] && [ -x "$bin/postgres" ]; then
            return 0
        fi
    done
    return 1
}

if have_binaries; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "ensure-postgres-server: initdb and postgres are missing and installing them needs root" \
        "(apt-get install postgresql), or set ROSTER_TEST_POSTGRES_URL to a server of your own" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
install() {
    $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
}
# The package lists are fetched only when they do not know the package, or are too old
# for its files to be found.
policy=$(apt-cache policy postgresql 2>/dev/null || true)
if [[ "$policy" != *"Candidate: "[0-9]* ]] || ! install; then
    $SUDO apt-get update -qq
    install
fi
have_binaries
ls -d "$DEBIAN_BINARIES"/*/bin/postgres
