# Kompetenslyft: `make run` serves the demo site, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install install-dev messages migrate run test test-fast lint format bench browsers worker clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	@bash scripts/ensure_system_deps.sh
	$(PIP) install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	@bash scripts/ensure_system_deps.sh
	$(PIP) install -q -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

messages: install
	$(PY) manage.py compile_translations

migrate: install messages
	$(PY) manage.py migrate --noinput

run: migrate
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

# Browser tests need Debian's Chromium, Java for the HTML checker and npm packages (axe-core, vnu-jar).
browsers:
	@bash scripts/ensure_browser_deps.sh

# Two passes: the suite spread over TEST_WORKERS processes (default: the cores, at most 4), then the
# browser tests in one process (scripts/run_tests.sh).
test: install-dev messages browsers
	bash scripts/run_tests.sh $(PYTEST_ARGS)

test-fast: install-dev messages
	$(VENV)/bin/pytest --reuse-db -m "not e2e" $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install-dev messages
	$(PY) benchmarks/run.py

worker: migrate
	TASKS_BACKEND=django_tasks_db.DatabaseBackend $(PY) manage.py db_worker

clean:
	rm -rf $(VENV) staticfiles node_modules .pytest_cache
