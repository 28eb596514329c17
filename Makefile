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
test: install
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
