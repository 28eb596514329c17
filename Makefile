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

## make run: install, migrate, seed the demo (idempotent), print a token, serve GraphiQL on :8000
run: install
	$(BIN)/roster db upgrade
	$(BIN)/roster seed --demo
	@token=$$($(BIN)/roster token create --email admin@acme.example) && \
	  echo "" && \
	  echo "  GraphiQL:     http://$(HOST):$(PORT)/graphql" && \
	  echo "  Admin token:  $$token" && \
	  echo "  In GraphiQL's Headers tab: {\"Authorization\": \"Bearer $$token\"}" && \
	  echo ""
	$(BIN)/roster serve --host $(HOST) --port $(PORT)

## make test: the whole suite (PostgreSQL tests run when ROSTER_TEST_POSTGRES_URL is set)
test: install federation-deps
	bash scripts/ensure-chromium.sh
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) roster.db roster.db-wal roster.db-shm .pytest_cache .mypy_cache .ruff_cache

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
