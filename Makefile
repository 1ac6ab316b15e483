# yuqing — two commands set everything up on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONFIG ?= yuqing.example.yaml
PACKAGES := app core collectors sentiment alerting dashboard crisis_playbooks reports brand_events

.PHONY: venv system-deps run demo test lint format bench clean opensearch-node elasticsearch-node

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q -U pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# Debian packages the test suite runs for real (IMAP server, PostgreSQL, Chromium, CJK fonts, ...).
system-deps:
	bash scripts/system-deps.sh

run: venv
	$(BIN)/yuqing demo --fresh --config $(CONFIG)

demo: run

test: venv system-deps
	$(BIN)/pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy $(PACKAGES)

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: venv
	$(BIN)/python -m bench

# A local OpenSearch 2.x / Elasticsearch 8.x node (built from Maven Central, no Docker); prints
# its URL. Ctrl-C stops it. The test session builds and starts both by itself.
opensearch-node: venv
	$(BIN)/python -m tests.support.localnode opensearch

elasticsearch-node: venv
	$(BIN)/python -m tests.support.localnode elasticsearch

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
