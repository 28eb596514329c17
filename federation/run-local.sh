#!/usr/bin/env bash
# `make router`: roster as a federated graph on this machine. Each of the five subgraphs
# runs as its own `roster serve --subgraph NAME` process on the port federation/subgraphs.json
# gives it (4001-4005), all over one database (ROSTER_DATABASE_URL); Hive Gateway serves
# schema/supergraph.graphql in front of them on :4000 (ROUTER_PORT). Ctrl-C stops them all.
# With OTEL_EXPORTER_OTLP_ENDPOINT set, every one of them sends its traces there.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
ROSTER="${ROSTER:-$ROOT/.venv/bin/roster}"
ROUTER_PORT="${ROUTER_PORT:-4000}"
export ROSTER_DATABASE_URL="${ROSTER_DATABASE_URL:-sqlite+aiosqlite:///$ROOT/roster.db}"
# The subgraphs answer only requests that carry it; the router adds it (gateway.config.mjs).
export ROSTER_SUBGRAPH_SECRET="${ROSTER_SUBGRAPH_SECRET:-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}"

# Each subgraph is its own process: a change committed by the admin subgraph's reaches the
# callCenter subgraph's subscriptions only over a shared bus. PostgreSQL's LISTEN/NOTIFY is
# one; on SQLite, Redis pub/sub (ROSTER_EVENTS_URL) is, so a local Redis is used when one runs.
subscriptions_note=""
if [ -z "${ROSTER_EVENTS_URL:-}" ] && [[ "$ROSTER_DATABASE_URL" == sqlite* ]]; then
  if (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
    export ROSTER_EVENTS_URL="redis://127.0.0.1:6379/0"
    subscriptions_note="events between the subgraphs: Redis at 127.0.0.1:6379 (ROSTER_EVENTS_URL)"
  else
    subscriptions_note="no shared bus (SQLite and no ROSTER_EVENTS_URL): a subscription hears only the changes its own subgraph's process commits"
  fi
fi

command -v node >/dev/null || { echo "Node.js is needed for the router" >&2; exit 1; }
[ -x "$HERE/node_modules/.bin/hive-gateway" ] || (cd "$HERE" && npm ci --no-audit --no-fund)

pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

"$ROSTER" db upgrade
"$ROSTER" seed --demo
token="$("$ROSTER" token create --email admin@acme.example)"

# "name port" for each subgraph of federation/subgraphs.json
mapfile -t subgraphs < <(node -e '
  for (const { name, url } of require(process.argv[1])) console.log(name, new URL(url).port);
' "$HERE/subgraphs.json")

for entry in "${subgraphs[@]}"; do
  read -r name port <<<"$entry"
  "$ROSTER" serve --subgraph "$name" --port "$port" &
  pids+=("$!")
done

# wait_until NAME PID URL: until URL answers 2xx; fails as soon as PID is gone, or after 60 s.
wait_until() {
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$3" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { echo "$1 exited; see its output above" >&2; return 1; }
    sleep 0.5
  done
  echo "$1 did not answer $3 within 60 s" >&2
  return 1
}

for i in "${!subgraphs[@]}"; do
  read -r name port <<<"${subgraphs[$i]}"
  wait_until "subgraph $name" "${pids[$i]}" "http://127.0.0.1:$port/readyz"
done

(cd "$HERE" && exec node_modules/.bin/hive-gateway supergraph "$ROOT/schema/supergraph.graphql" \
  --host 127.0.0.1 --port "$ROUTER_PORT") &
pids+=("$!")
wait_until router "$!" "http://127.0.0.1:$ROUTER_PORT/healthcheck"
echo ""
echo "  Router (Hive Gateway):  http://127.0.0.1:$ROUTER_PORT/graphql"
echo "  Admin token:            $token"
echo "  Header:                 {\"Authorization\": \"Bearer $token\"}"
echo "  Subscribe (SSE):        curl -N http://127.0.0.1:$ROUTER_PORT/graphql -H 'Accept: text/event-stream' \\"
echo "                            -H \"Authorization: Bearer $token\" -H 'Content-Type: application/json' \\"
echo "                            -d '{\"query\": \"subscription { seatMapChanged { seat { label occupant { displayName } } } }\"}'"
[ -n "$subscriptions_note" ] && echo "  Subscriptions:          $subscriptions_note"
# Metrics (issue 17): Prometheus' text format, open to this machine in development.
echo "  Metrics (router):       http://127.0.0.1:$ROUTER_PORT/metrics"
ports="$(for entry in "${subgraphs[@]}"; do read -r name port <<<"$entry"; printf '%s ' "$name:$port"; done)"
echo "  Metrics (subgraphs):    http://127.0.0.1:PORT/metrics, PORT each subgraph's: ${ports% }"
traces_to="${OTEL_EXPORTER_OTLP_TRACES_ENDPOINT:-${OTEL_EXPORTER_OTLP_ENDPOINT:-}}"
[ -n "$traces_to" ] && echo "  Traces (OTLP/HTTP):     $traces_to (the router and the five subgraphs; docs/observability.md)"
echo "  Ctrl-C stops the router and the five subgraphs."
echo ""
wait -n "${pids[@]}"
