# Sixia — 四下基层工作平台.  `make run` serves the platform; `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
export UV_PYTHON_DOWNLOADS := never
export SIXIA_PROJECT_DIR := $(CURDIR)
# Byte-compile the venv when it is installed and let Python cache the project's own bytecode: with
# PYTHONDONTWRITEBYTECODE set (as on CI machines) every process recompiled scikit-learn & co. — 16 s per start.
export UV_COMPILE_BYTECODE := 1
unexport PYTHONDONTWRITEBYTECODE
# A working `uv` on PATH is used; otherwise the project bootstraps its own into .tools/ from PyPI.
ifeq ($(shell uv --version >/dev/null 2>&1 && echo yes),yes)
UV := uv
UV_BOOTSTRAP :=
else
UV := $(CURDIR)/.tools/bin/uv
UV_BOOTSTRAP := $(UV)
endif
RUN := $(UV) run --locked
PYTEST_ARGS ?=
# pytest-xdist processes per database run (0 = in one process); two pay on the two-core CI machine
PYTEST_WORKERS ?= 2
PYTEST := pytest -n $(PYTEST_WORKERS) --dist loadfile

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(CURDIR)/.tools/bin/uv:
	@echo "==> installing uv into .tools/"
	python3 -m venv .tools && .tools/bin/pip install --quiet uv

.venv/.synced: pyproject.toml uv.lock | $(UV_BOOTSTRAP)
	$(UV) sync --locked --all-groups
	@touch $@

.PHONY: venv
venv: .venv/.synced assets ## create/refresh the virtual environment (uv, Python 3.12) and the front-end assets

# Apache ECharts from the npm registry (assets/package-lock.json pins it; docs/adr/0005-charts.md): `npm ci` runs
# only when the lock file is newer than the copy, which lands in a gitignored static dir whitenoise serves.
ECHARTS_DIR := src/sixia/web/static/vendor/echarts
$(ECHARTS_DIR)/echarts.min.js: assets/package.json assets/package-lock.json
	@echo "==> npm ci (assets/): echarts"
	cd assets && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@mkdir -p $(ECHARTS_DIR)
	cp assets/node_modules/echarts/LICENSE assets/node_modules/echarts/NOTICE $(ECHARTS_DIR)/
	cp assets/node_modules/echarts/dist/echarts.min.js $(ECHARTS_DIR)/echarts.min.js

.PHONY: assets
assets: $(ECHARTS_DIR)/echarts.min.js ## fetch the front-end libraries (ECharts) from the npm registry

.PHONY: system-deps
system-deps: ## install Debian's chromium (browser tests) and PostgreSQL binaries when missing
	@bash scripts/system_deps.sh

.PHONY: keys
keys: venv ## generate var/secret_key and var/field_key once (random, mode 0600; existing files are kept)
	@$(RUN) python -m sixia.keys "$${SIXIA_VAR_DIR:-var}"

.PHONY: setup
setup: venv messages keys ## keys, migrate, and the first time: regions, demo data, suggestion model
	@mkdir -p var
	$(RUN) sixia migrate --no-input -v0
	$(RUN) sixia collectstatic --no-input -v0
	@if [ ! -f var/.demo-loaded ]; then \
	  echo "==> first run: loading regions (all five levels) and the demo county 霞浦县"; \
	  $(RUN) sixia load-regions && \
	  $(RUN) sixia demo --if-empty && \
	  touch var/.demo-loaded; \
	fi

.PHONY: run
run: setup ## run the platform on http://$(HOST):$(PORT) (SQLite under ./var, demo data)
	@$(RUN) sixia demo-logins --url http://$(HOST):$(PORT)
	$(RUN) gunicorn sixia.wsgi -b $(HOST):$(PORT) -w $(WORKERS) --access-logfile - \
	  $$( [ -z "$$SIXIA_NO_WORKER" ] && echo "--config python:sixia.gunicorn_conf" )

.PHONY: lint
lint: venv ## ruff, mypy and the migrations check
	$(RUN) ruff check src tests bench scripts
	SIXIA_DEBUG=true SIXIA_VAR_DIR=$$(mktemp -d) $(RUN) mypy
	SIXIA_DEBUG=true SIXIA_VAR_DIR=$$(mktemp -d) $(RUN) sixia makemigrations --check --dry-run

# Tools that load the settings but read no data run with SIXIA_DEBUG=true in a temporary var/: throwaway keys.
.PHONY: messages
messages: venv ## compile the UI translation catalogues (src/sixia/*/locale/*/LC_MESSAGES/django.po → .mo)
	@bash scripts/system_deps.sh gettext
	cd src/sixia && SIXIA_DEBUG=true SIXIA_VAR_DIR=$$(mktemp -d) $(RUN) sixia compilemessages -v0

.PHONY: test-sqlite
test-sqlite: venv messages
	SIXIA_VAR_DIR=$$(mktemp -d) $(RUN) $(PYTEST) $(PYTEST_ARGS)

.PHONY: test-postgres
test-postgres: venv messages
	SIXIA_VAR_DIR=$$(mktemp -d) $(RUN) python scripts/with_postgres.py -- $(RUN) $(PYTEST) $(PYTEST_ARGS)

.PHONY: test-at
test-at: venv messages ## the SQLite suite with the clock starting at DATE (e.g. make test-at DATE=2027-03-15)
	@test -n "$(DATE)" || { echo "usage: make test-at DATE=YYYY-MM-DD"; exit 2; }
	@bash scripts/system_deps.sh faketime
	SIXIA_VAR_DIR=$$(mktemp -d) faketime -f "@$(DATE) 10:00:00" $(RUN) $(PYTEST) $(PYTEST_ARGS)

.PHONY: test
test: venv system-deps lint test-sqlite test-postgres ## the whole suite: lint, then pytest on SQLite and on PostgreSQL
	@echo "==> all checks passed on SQLite and PostgreSQL"

.PHONY: bench
bench: venv keys ## run the benchmark scripts under bench/ (prints numbers)
	@# benches use temporary var/ directories: they read this checkout's keys through the *_FILE variables
	@export SIXIA_SECRET_KEY_FILE=$(CURDIR)/var/secret_key SIXIA_FIELD_KEY_FILE=$(CURDIR)/var/field_key; \
	  for b in bench/*.py; do echo "==> $$b"; $(RUN) python $$b || exit 1; done

.PHONY: clean
clean: ## remove the local database, models, virtual environment and fetched assets
	rm -rf var .venv assets/node_modules $(ECHARTS_DIR)
