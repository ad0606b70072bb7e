# interviewkit: `make run` to try it, `make test` to check it.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install syscheck migrate seed run serve worker test lint format bench clean

$(BIN)/activate: requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required: install Debian's python3.11 (apt-get install python3.11 python3.11-venv)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	@touch $(BIN)/activate

install: $(BIN)/activate syscheck

# WeasyPrint needs Pango from the system; say which Debian package when it is missing.
syscheck: $(BIN)/activate
	@$(PY) -m interviewkit.syscheck

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py import_kits seeds/
	$(PY) manage.py demo

run: seed
	$(PY) manage.py runserver_with_worker $(HOST):$(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(PY) -m bench

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
