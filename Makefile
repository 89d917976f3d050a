# zhixing — the two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= data/demo.db
CASES ?= 2000
# pytest-xdist workers: the Pilot tests wait on the terminal as much as they compute, so 4 on 2 cores;
# worksteal keeps one worker from ending alone on a long run of Pilot tests
WORKERS ?= 4
# PostgreSQL: the storage and services suites run on SQLite and on this server as well (every machine
# this project runs on has PostgreSQL 15 at 127.0.0.1:5432, trust, database test; .ci/run starts it).
# `make test ZHIXING_TEST_PG=` runs them on SQLite only.
ZHIXING_TEST_PG ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
export ZHIXING_TEST_PG

.PHONY: run test venv lint typecheck snapshot-update demo bench probes print-check lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# requirements.lock pins the whole dependency tree (make lock writes it from pyproject.toml)
$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

## make run: create .venv, install, build the demo database and open the app
run: $(STAMP)
	@if [ ! -f $(DB) ]; then $(BIN)/zhixing demo --cases $(CASES) --db $(DB) --no-tui; fi
	$(BIN)/zhixing tui --db $(DB)

demo: $(STAMP)
	$(BIN)/zhixing demo --cases $(CASES) --db $(DB) --no-tui

lint: $(STAMP)
	$(BIN)/ruff check src tests bench printcheck
	$(BIN)/ruff format --check src tests bench printcheck

typecheck: $(STAMP)
	$(BIN)/mypy src/zhixing_tui/domain src/zhixing_tui/profiles

## make test: create/update .venv, install, run ruff (lint and format), mypy and the whole suite
test: lint typecheck
	$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal

snapshot-update: $(STAMP)
	$(BIN)/python -m pytest tests/tui -k snapshot --snapshot-update

## make bench: every benchmark in bench/, printing figures (BENCH_ARGS="--cases 100000" for county scale;
## BENCH_ARGS="--db postgresql+psycopg://postgres@127.0.0.1:5432/zhixing_bench" for PostgreSQL)
bench: $(STAMP)
	$(BIN)/python -m bench.run_all $(BENCH_ARGS)

## make probes: issue 16's probes (kill -9, tiny and hostile files, identity, audit tamper, file modes,
## three processes on one file) against this checkout's CLI, on SQLite and PostgreSQL; a table, exit 1
## on any failure (PROBE_ARGS="--only kill-import,hostile", "--big" adds the 1M-row dry-run)
probes: $(STAMP)
	$(BIN)/python -m bench.probes $(PROBE_ARGS)

## make print-check: every form and workbook of every profile from a demo (PRINT_CASES cases), through
## LibreOffice to PDF, checked as paper: widths, page budgets, type >= 9 pt, court name, no tofu
## (needs soffice and poppler-utils; PRINT_ARGS="--profile jianli --module node_table" to narrow it)
PRINT_CASES ?= 300
print-check: $(STAMP)
	$(BIN)/python -m printcheck --cases $(PRINT_CASES) --out build/print-check $(PRINT_ARGS)

## make lock: re-pin the whole dependency tree after changing pyproject.toml
lock: $(BIN)/python
	$(BIN)/python -m pip install -q pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --extra test --strip-extras --allow-unsafe --no-emit-index-url \
		--no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) .pytest_cache

## make migration MSG="what changed": autogenerate the next alembic revision from the models
migration: $(STAMP)
	$(BIN)/python scripts/new_migration.py "$(MSG)"
