# Wijkteam — `make run` starts everything, `make test` runs lint and every test.
SHELL := /bin/bash
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DATA ?= .data
# The fuzz tests (no Celery worker) run on two processes: 200 inputs for each of ~50 forms.
FUZZ := tests/wijkteam/test_fuzz.py

.PHONY: run test lint format install browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

# Browser tests drive Debian's chromium; the compose test uses Debian's docker-compose; the
# virus-scan test starts Debian's clamd.
browser: node_modules/.installed
	scripts/install-system-packages

run: install
	PORT=$(PORT) $(BIN)/python -m wijkteam.launcher $(DATA)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint browser
	DEBUG=1 $(BIN)/python -m wijkteam.embedded -- $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m wijkteam.embedded -- bash -c '$(BIN)/pytest --ignore=$(FUZZ) $(PYTEST_ARGS) \
	  && $(BIN)/pytest -n 2 $(FUZZ) $(PYTEST_ARGS)'

clean:
	rm -rf $(VENV) node_modules $(DATA)
