# A newcomer needs two commands: `make run` and `make test`. Everything else is set up here.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format serve clean

$(INSTALLED): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

## make run: install, migrate, seed the demo (idempotent), make a token, serve GraphiQL on :8000
# The token goes to GraphiQL's Headers tab through the environment (not argv, which any
# local user can read); roster serves it on a loopback host in development only.
run: install
	$(BIN)/roster db upgrade
	$(BIN)/roster seed --demo
	@token=$$($(BIN)/roster token create --email admin@acme.example) && \
	  scim_token=$$($(BIN)/roster token create --scim --tenant acme --name "demo SCIM") && \
	  echo "" && \
	  echo "  GraphiQL:     http://$(HOST):$(PORT)/graphql" && \
	  echo "  Live page:    http://$(HOST):$(PORT)/live (the Real-time monitor and Seat map, kept live)" && \
	  echo "  Admin token:  $$token (in GraphiQL's Headers tab and the live page when served on this machine)" && \
	  echo "  SCIM token:   $$scim_token (base URL http://$(HOST):$(PORT)/scim/v2)" && \
	  echo "" && \
	  case "$(HOST)" in 127.*|localhost|::1) ;; *) token="";; esac && \
	  ROSTER_GRAPHIQL_TOKEN=$$token exec $(BIN)/roster serve --host $(HOST) --port $(PORT)

## make test: the whole suite, on SQLite and PostgreSQL (ROSTER_TEST_POSTGRES_URL's server, else a throwaway one)
## and Redis (ROSTER_TEST_REDIS_URL's server, else a throwaway one)
test: install federation-deps audit-deps
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-postgres-server.sh
	@if [ -z "$$ROSTER_TEST_REDIS_URL" ]; then bash scripts/ensure-redis-server.sh; fi
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports --no-logo

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) roster.db roster.db-wal roster.db-shm .pytest_cache .mypy_cache .ruff_cache .import_linter_cache

## make router: the five subgraphs as their own processes over one database, Hive Gateway on :4000
.PHONY: router federation-deps
FEDERATION_MODULES := federation/node_modules/.package-lock.json

$(FEDERATION_MODULES): federation/package.json federation/package-lock.json
	cd federation && npm ci --prefer-offline --ignore-scripts --no-audit --no-fund --loglevel=error

# npm's packages for composition, the router and the product-service fixture; without
# Node.js the federation tests skip themselves, so this only says so.
federation-deps:
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory $(FEDERATION_MODULES); \
	  else echo "Node.js not found: the federation tests will be skipped"; fi

router: install federation-deps
	bash federation/run-local.sh

## make screenshot-live: retake docs/images/live.png, the README's picture of the live page
.PHONY: screenshot-live
screenshot-live: install
	bash scripts/ensure-chromium.sh
	$(BIN)/python scripts/screenshot-live.py

## make soak: a few minutes of mixed reads and writes on 2 workers over PostgreSQL; results in docs/reliability.md
.PHONY: soak
soak: install
	$(BIN)/python -m bench.soak

## npm's graphql-http, for the GraphQL-over-HTTP audit in the suite
AUDIT_MODULES := tests/gateway/audit/node_modules/.package-lock.json

$(AUDIT_MODULES): tests/gateway/audit/package.json tests/gateway/audit/package-lock.json
	cd tests/gateway/audit && npm ci --prefer-offline --ignore-scripts --no-audit --no-fund --loglevel=error

.PHONY: audit-deps fuzz
audit-deps:
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory $(AUDIT_MODULES); \
	  else echo "Node.js not found: the graphql-http audit will be skipped"; fi

## make fuzz: the fuzzers and the executors' differential oracle with many more examples
## (ROSTER_FUZZ_EXAMPLES, default 2000)
fuzz: install audit-deps
	ROSTER_FUZZ_EXAMPLES=$${ROSTER_FUZZ_EXAMPLES:-2000} $(BIN)/pytest -p no:logging \
	  tests/gateway/test_fuzz.py tests/schemas/oracle/test_generated.py \
	  tests/schemas/test_cursor_arguments.py

## make bench: roster next to raw SQL+orjson and naive Strawberry, side by side; writes docs/benchmarks.*
.PHONY: bench
BENCH_INSTALLED := $(VENV)/.installed-bench

$(BENCH_INSTALLED): $(INSTALLED)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,bench]'
	touch $(BENCH_INSTALLED)

bench: $(BENCH_INSTALLED) federation-deps
	bash scripts/ensure-wrk.sh
	$(BIN)/python -m bench

## make bench-subscriptions: the subscriptions stage alone (delays and memory; docs/events.md)
.PHONY: bench-subscriptions
bench-subscriptions: $(INSTALLED)
	$(BIN)/python -m bench.subscriptions

## make bench-telemetry: the users page with and without traces (and the other parts' telemetry), one run
.PHONY: bench-telemetry
bench-telemetry: $(INSTALLED)
	$(BIN)/python -m bench.telemetry

## make bench-webhooks: one webhook dispatcher's throughput beside a plain httpx loop
.PHONY: bench-webhooks
bench-webhooks: install
	$(BIN)/python -m bench.webhooks

## make bench-postgres: the PostgreSQL stage alone (SIZES="1m" for the 1M database only)
.PHONY: bench-postgres
SIZES ?= 1m 10m
bench-postgres: $(BENCH_INSTALLED)
	bash scripts/ensure-wrk.sh
	$(BIN)/python -m bench --only-postgres --postgres-sizes $(SIZES)
