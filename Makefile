# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format migrations-check install clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

# Development defaults: DEBUG on, embedded SQLite, in-process events (unless the environment says otherwise).
run: export DEBUG ?= 1
run: $(BIN)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py competition_init
	$(BIN)/python manage.py init_users
	$(BIN)/python manage.py competition_create_dummy_data --if-empty
	@echo ""
	@echo "  24-hour run is at http://$(HOST):$(PORT)/"
	@echo "  API: http://$(HOST):$(PORT)/api/   docs: http://$(HOST):$(PORT)/api/docs/   admin: http://$(HOST):$(PORT)/admin/"
	@echo "  Logins: admin / admin (staff)   competition / competition (queue-up volunteer)"
	@echo ""
	$(BIN)/daphne -b $(HOST) -p $(PORT) it24u.asgi:application

test: $(BIN)/.installed
	$(BIN)/pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(BIN)/.installed
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
