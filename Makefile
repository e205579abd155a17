PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make install`: the command in its own environment, linked into a bin folder (pipx-style)
PREFIX ?= $(HOME)/.local
APP_VENV := $(PREFIX)/share/outreach-coach/venv

.PHONY: run test bench lint setup clean install uninstall

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/coach

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

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
