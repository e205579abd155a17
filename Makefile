PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make install`: the command in its own environment, linked into a bin folder (pipx-style)
PREFIX ?= $(HOME)/.local
APP_VENV := $(PREFIX)/share/outreach-coach/venv

.PHONY: run test bench lint setup clean install uninstall weights

# The shared corpora sit beside the checkout (one level further up from a git worktree).
SHARED ?= $(firstword $(wildcard ../shared ../../shared) ../shared)
# The labelled sets the built-in weights are fitted to (bench/data/final-blind.csv stays out:
# it is the set nobody tunes on), and the one whose cross-validated figures are reported.
FIT_REAL := $(SHARED)/corpus/real.csv
FIT_SETS := $(SHARED)/corpus/dev.csv $(FIT_REAL) tests/data/holdout.csv tests/data/blind.csv \
	tests/data/blind4.csv tests/data/blind5.csv tests/data/blind6.csv

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Byte-compiled first, as an install is: where PYTHONDONTWRITEBYTECODE is set, each start
# would otherwise compile coach's own modules again (0.1-0.2 s before the first frame).
run: $(STAMP)
	$(BIN)/python -m compileall -q coach
	$(BIN)/coach

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

weights: $(STAMP)
	$(BIN)/python -m coach.fit --cross-validate $(FIT_REAL) -o rules/_weights.yaml $(FIT_SETS)

lint: $(STAMP)
	$(BIN)/ruff check coach tests bench
	$(BIN)/ruff format --check coach tests bench

install:
	$(PYTHON) -m venv $(APP_VENV)
	$(APP_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(APP_VENV)/bin/python -m pip install --quiet .
	mkdir -p $(PREFIX)/bin
	ln -sf $(APP_VENV)/bin/coach $(PREFIX)/bin/coach
	@echo "coach is in $(PREFIX)/bin; add it to PATH if 'coach --help' is not found."

uninstall:
	rm -f $(PREFIX)/bin/coach
	rm -rf $(PREFIX)/share/outreach-coach

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
