# zhixing — the two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= data/demo.db
CASES ?= 2000

.PHONY: run test venv lint snapshot-update demo bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $(STAMP)

venv: $(STAMP)

## make run: create .venv, install, build the demo database and open the app
run: $(STAMP)
	@if [ ! -f $(DB) ]; then $(BIN)/zhixing demo --cases $(CASES) --db $(DB) --no-tui; fi
	$(BIN)/zhixing tui --db $(DB)

demo: $(STAMP)
	$(BIN)/zhixing demo --cases $(CASES) --db $(DB) --no-tui

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

## make test: create/update .venv, install, run ruff and the whole suite
test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest

snapshot-update: $(STAMP)
	$(BIN)/python -m pytest tests/tui -k snapshot --snapshot-update

bench: $(STAMP)
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) .pytest_cache

## make migration MSG="what changed": autogenerate the next alembic revision from the models
migration: $(STAMP)
	$(BIN)/python scripts/new_migration.py "$(MSG)"
