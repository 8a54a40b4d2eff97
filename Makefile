# Footprint: the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

.PHONY: demo test test-fast lint fix bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.dev: $(VENV)/.installed
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

$(VENV)/.bench: $(VENV)/.dev
	$(PY) -m pip install -q -e '.[dev,bench]'
	touch $@

demo: $(VENV)/.installed  ## build, analyse and report the synthetic demo case into demo-case/
	rm -rf demo-case
	$(BIN)/footprint demo --out demo-case

test: $(VENV)/.dev  ## the whole test suite (slow end-to-end tests included)
	$(PY) -m pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

test-fast: $(VENV)/.dev
	$(PY) -m pytest -q -m "not slow"

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

fix: $(VENV)/.dev
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

bench: $(VENV)/.bench  ## benchmarks side by side with peer tools (see docs/benchmarks.md)
	$(PY) bench/ingest_whatsapp.py

clean:
	rm -rf demo-case bench/out .pytest_cache .mypy_cache .ruff_cache
