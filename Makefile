# OneVoice: `make run` to try it, `make test` to check it. Both work on a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

# A production-like environment for `check --deploy`: DEBUG off, a long random-looking key.
PROD_ENV := DEBUG=0 SECRET_KEY=check-deploy-$(shell printf '%064d' 0 | tr 0 k) \
	ALLOWED_HOSTS=onevoice.example.com DATABASE_URL=sqlite:///:memory:

# `make serve`: production settings (DEBUG off, manifest static files) over plain HTTP on
# loopback, so the cookies and the HTTPS redirect are relaxed; behind a TLS proxy use defaults.
SERVE_ENV := DEBUG=0 SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 \
	SECURE_HSTS_SECONDS=0
SERVE_BIND ?= 127.0.0.1:8000
WORKERS ?= 2

.PHONY: run serve test install lint check-deploy pytest screenshots migrate seed clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml changed (the stamp carries its checksum).
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

.env:
	@echo "DEBUG=1" > .env
	@echo "SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" >> .env
	@echo "Wrote .env for local development (DEBUG on)."

run: install .env
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

serve: install .env
	$(SERVE_ENV) $(PY) manage.py collectstatic --no-input --verbosity 0
	$(SERVE_ENV) $(PY) manage.py migrate --no-input
	$(SERVE_ENV) $(VENV)/bin/gunicorn config.wsgi --bind $(SERVE_BIND) --workers $(WORKERS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

check-deploy: install
	$(PROD_ENV) $(PY) manage.py check --deploy --fail-level WARNING

pytest: install
	$(VENV)/bin/pytest

test: lint check-deploy pytest

# The browser journeys write screenshots of their key pages; a few go to docs/screenshots.
screenshots: install
	rm -rf build/screenshots
	BROWSER_SCREENSHOTS=build/screenshots $(VENV)/bin/pytest tests/browser -q -p no:cacheprovider
	$(PY) -m tests.browser.screenshots build/screenshots docs/screenshots

clean:
	rm -rf $(VENV) staticfiles build .pytest_cache .ruff_cache
