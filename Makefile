# The two commands: `make demo` and `make test`. Everything else is a step of theirs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: demo test test-sqlite test-pg lint typecheck format messages migrate system-packages lock serve worker clean

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

system-packages:
	@bash scripts/system-packages.sh

messages: $(VENV)/.installed
	@$(PY) scripts/compile_messages.py

migrate: messages
	$(PY) manage.py migrate --noinput

## make demo: install, migrate a SQLite database, load the demo campaign, serve on 127.0.0.1:8000.
demo: system-packages migrate
	$(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

## make test: the whole suite (unit, view and browser tests) on SQLite, or on $DATABASE_URL.
test: system-packages messages
	$(PY) manage.py makemigrations --check --dry-run
	bash scripts/pytest.sh $(PYTEST_ARGS)

## make test-pg: the same suite on a throwaway PostgreSQL cluster on a loopback port.
test-pg: system-packages messages
	bash scripts/with-postgres.sh bash scripts/pytest.sh $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy minping

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## make lock: re-pin requirements.lock from pyproject.toml (run after changing dependencies).
lock:
	rm -rf /tmp/minping-lock && $(PYTHON) -m venv /tmp/minping-lock
	/tmp/minping-lock/bin/pip install --quiet --upgrade pip
	/tmp/minping-lock/bin/pip install --quiet -e '.[dev]'
	/tmp/minping-lock/bin/pip freeze --exclude-editable | grep -v '^minping' > requirements.lock

serve: migrate
	$(VENV)/bin/gunicorn minping.wsgi --bind $(HOST):$(PORT) --workers 3

worker: migrate
	$(PY) manage.py db_worker

clean:
	rm -rf $(VENV) var/static
