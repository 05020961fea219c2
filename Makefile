# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

FRONTEND := frontend
FRONTEND_SOURCES := $(shell find $(FRONTEND)/src $(FRONTEND)/public $(FRONTEND)/index.html $(FRONTEND)/*.config.ts -type f 2>/dev/null)

.PHONY: run test test-backend test-frontend test-e2e lint format migrations-check install clean chromium nginx api-types

# The lock files pin every package, transitive ones too, with hashes. After changing
# requirements*.txt: `pip-compile --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url
# --no-emit-find-links -o requirements.lock requirements.txt` (and the same for -dev).
$(BIN)/.installed: requirements.lock requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install: $(BIN)/.installed $(FRONTEND)/node_modules/.installed

$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund
	touch $@

# The built app that Django serves on the same origin (it24u/spa.py).
$(FRONTEND)/dist/index.html: $(FRONTEND)/node_modules/.installed $(FRONTEND_SOURCES)
	cd $(FRONTEND) && npm run build

# Debian's Chromium for the end-to-end tests (Playwright drives it; it downloads no browser).
chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

# Debian's NGINX for the production topology test (only the binary is used; its service stays off).
nginx:
	@test -x /usr/sbin/nginx || command -v nginx >/dev/null || \
		(apt-get update -qq && apt-get install -y -qq nginx && (service nginx stop >/dev/null 2>&1 || true))

# Development defaults: DEBUG on, embedded SQLite, in-process events (unless the environment says otherwise).
run: export DEBUG ?= 1
run: $(BIN)/.installed $(FRONTEND)/dist/index.html
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py competition_init
	$(BIN)/python manage.py init_users
	$(BIN)/python manage.py competition_create_dummy_data --if-empty
	@echo ""
	@echo "  24-hour run is at http://$(HOST):$(PORT)/"
	@echo "  API: http://$(HOST):$(PORT)/api/   docs: http://$(HOST):$(PORT)/api/docs/   admin: http://$(HOST):$(PORT)/admin/"
	@echo "  Logins: admin / admin (staff)   competition / competition (queue-up volunteer)"
	@echo ""
	$(BIN)/daphne -b $(HOST) -p $(PORT) --access-log /dev/null it24u.asgi:application

# Every test: the backend (pytest), the app's units (Vitest), and the app in Chromium (Playwright).
test: test-backend test-frontend test-e2e

# The deployment test runs the real NGINX with nginx/nginx.conf in front of the built app.
test-backend: $(BIN)/.installed $(FRONTEND)/dist/index.html nginx
	REQUIRE_NGINX=1 $(BIN)/pytest

test-frontend: $(FRONTEND)/node_modules/.installed
	cd $(FRONTEND) && npx vitest run

test-e2e: $(BIN)/.installed $(FRONTEND)/dist/index.html chromium
	cd $(FRONTEND) && npm run e2e

lint: $(BIN)/.installed $(FRONTEND)/node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	cd $(FRONTEND) && npm run lint
	cd $(FRONTEND) && npm run --silent api:check

# The app's API types (frontend/src/api/schema.d.ts, eventTypes.ts) from the OpenAPI schema that
# Django describes; run after changing what the API answers, and commit the result.
api-types: $(BIN)/.installed $(FRONTEND)/node_modules/.installed
	cd $(FRONTEND) && npm run --silent api:types

format: $(BIN)/.installed $(FRONTEND)/node_modules/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	cd $(FRONTEND) && npm run format

migrations-check: $(BIN)/.installed
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles $(FRONTEND)/node_modules $(FRONTEND)/dist
