# Two commands for a fresh machine: `make run` and `make test`. Both can be run again safely.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The one Python version the project runs on (major.minor), shared with pyenv-style tools.
PYTHON_VERSION := $(shell cat .python-version)

.PHONY: run test install migrate demo messages worker beat serve-production clean security audit-deps faults backup-drill \
	lint check-python

# Refuses another major.minor: the virtualenv's Python once it exists, else $(PYTHON) that would create it.
check-python:
	@py=$$(test -x $(PY) && echo $(PY) || echo $(PYTHON)); \
	have=$$($$py -c 'import sys; print("Python %d.%d" % sys.version_info[:2])' 2>/dev/null || echo "not found"); \
	if [ "$$have" != "Python $(PYTHON_VERSION)" ]; then \
		echo "This project needs Python $(PYTHON_VERSION) (.python-version); $$py is $$have." >&2; \
		echo "Run with PYTHON=python$(PYTHON_VERSION) (and 'make clean' first if .venv was made by another Python)." >&2; \
		exit 1; \
	fi

$(VENV)/.installed: requirements.txt | check-python
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: check-python $(VENV)/.installed

messages: install
	$(PY) manage.py compilemessages --ignore=.venv -v0

migrate: install
	$(PY) manage.py migrate --noinput -v0

demo: migrate
	$(PY) manage.py load_demo $(DEMO_ARGS)

run: messages demo
	@echo "打开 http://$(HOST):$(PORT)/ ，演示账户见 README。"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: messages
	$(PY) -m pytest $(PYTEST_ARGS)

# The real stack (see README): gunicorn + a Celery worker + Celery beat, configured by environment.
serve-production: install
	DJANGO_SETTINGS_MODULE=ali_party.settings.production $(PY) manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=ali_party.settings.production $(VENV)/bin/gunicorn ali_party.wsgi -b $(HOST):$(PORT) -w 3

worker: install
	$(VENV)/bin/celery -A ali_party worker -l info --concurrency 2

beat: install
	$(VENV)/bin/celery -A ali_party beat -l info --schedule /tmp/ali_party-celerybeat-schedule

clean:
	rm -rf $(VENV) staticfiles db.sqlite3

# Style and consistency: ruff (rules in ruff.toml) and no model change without its migration.
lint: install
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

# Every package of the project's own code (the apps of ali_party/pillars.py and the rest).
PROJECT_CODE = accounts ali_party branches cadres activities capacity evaluations funding indicators dataexchange \
	orglife dues mobility development lapse earlywarning annualstats api

# Static security analysis (bandit): fails on medium-or-higher findings of medium-or-higher confidence.
security: install
	$(VENV)/bin/bandit -q -r $(PROJECT_CODE) -x '*/tests/*,*/migrations/*' -ll -ii

# Known vulnerabilities in the pinned dependencies (pip-audit, PyPI/OSV advisories). Needs the advisory
# service on the network; --strict fails when a package could not be checked, so an unreachable
# service is a failure, never a silent pass. Not in .ci/run: this workplace's CI has no advisory data.
audit-deps: install
	$(PY) -m pip install --quiet pip-audit
	$(VENV)/bin/pip-audit -r requirements.txt --strict

# Fault-injection tests (throwaway PostgreSQL cluster and Redis server; see docs/operations.md).
faults: messages
	FAULT_TESTS=1 $(PY) -m pytest -q -s tests/faults

# Backup and restore drill: make backup-drill DB=aliparty
backup-drill:
	scripts/backup_drill.sh $(DB)
