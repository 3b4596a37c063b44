# torino.socialplan: `make start` serves the site, `make test` runs the suite.
# Every setting below can be given as `make start PORT=9000` or as an
# environment variable of the same name.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

PORT ?= 8080
HOST ?= 127.0.0.1
SITE_ID ?= Plone
ADMIN_PASSWORD ?= admin
DATA_DIR ?= instance/var
PYTHON ?= python3.11
# The clock of Zope's DateTime (Plone's history, listings): read once when
# the process starts, so it is the process's TZ, not a zope.conf setting.
SITE_TZ ?= Europe/Rome
DRY_RUN ?=

ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
VENV := $(ROOT)/.venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DATA := $(abspath $(DATA_DIR))
INSTANCE := $(ROOT)/instance

# Read by instance/etc/zope.conf and scripts/create_site.py.
export INSTANCE_HOME := $(INSTANCE)
export DATA_DIR := $(DATA)
export SITE_ID ADMIN_PASSWORD
# scripts/cluster/lib.sh (`make cluster`, `make zeo`) sets TZ from it.
export SITE_TZ
export PYTHONWARNINGS := ignore

.PHONY: help
help: ## Show this help
	@grep -E '^[a-zA-Z_.-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-20s\033[0m %s\n", $$1, $$2}'

# --- install ---------------------------------------------------------------

$(INSTALLED): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: set PYTHON=/path/to/python3.11"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "==> Installing the pinned version set into .venv (first time: a few minutes)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
	    -c constraints.txt -e ".[test,dev,cluster]"
	@touch $@

# axe-core (pinned in package-lock.json) for the accessibility scans.
AXE := $(ROOT)/node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Debian's npm (the browser tests need axe-core)"; exit 1; }
	npm ci --no-audit --no-fund --silent
	@touch $@

.PHONY: install
install: $(INSTALLED) $(AXE) ## Create .venv with the pinned set and the add-on (editable), and node_modules

# --- run -------------------------------------------------------------------

.PHONY: data-dir
data-dir:
	@mkdir -p $(DATA)/filestorage $(DATA)/blobstorage $(DATA)/log $(DATA)/cache

.PHONY: site
site: $(INSTALLED) data-dir ## Create the site with the add-on, or reuse and upgrade it
	@TZ=$(SITE_TZ) $(BIN)/zconsole run $(INSTANCE)/etc/zope.conf scripts/create_site.py

.PHONY: start
start: site ## Install, create the site if missing, serve it on http://localhost:$(PORT)/$(SITE_ID)
	@echo "==> http://localhost:$(PORT)/$(SITE_ID)  (user admin; Ctrl+C stops)"
	@TZ=$(SITE_TZ) exec $(BIN)/runwsgi $(INSTANCE)/etc/zope.ini \
	    http_host=$(HOST) http_port=$(PORT) data_dir=$(DATA)

.PHONY: purge-personal-data
purge-personal-data: $(INSTALLED) data-dir ## Apply the retention periods (DRY_RUN=1 lists what would go); then `make pack`
	@TZ=$(SITE_TZ) $(BIN)/zconsole run $(INSTANCE)/etc/zope.conf scripts/purge_personal_data.py $(if $(filter-out 0,$(DRY_RUN)),--dry-run,)

.PHONY: pack
pack: $(INSTALLED) data-dir ## Pack the database: old revisions (erased data included) are removed
	@TZ=$(SITE_TZ) $(BIN)/zconsole run $(INSTANCE)/etc/zope.conf scripts/pack.py

.PHONY: console
console: $(INSTALLED) data-dir ## Python console with `app` (the Zope root)
	@TZ=$(SITE_TZ) $(BIN)/zconsole debug $(INSTANCE)/etc/zope.conf

# --- backups ---------------------------------------------------------------
# BACKUP_DIR defaults beside DATA_DIR: put it on another disk in production.
# With RELSTORAGE_DSN set, PostgreSQL is backed up (pg_dump) instead of
# Data.fs and blobs (repozo). See scripts/backup.py for the rotation rule.
BACKUP_DIR ?= $(DATA)-backups
BACKUP_KEEP_DAYS ?= 30
BACKUP_FULL_DAYS ?= 7
export BACKUP_DIR BACKUP_KEEP_DAYS BACKUP_FULL_DAYS

.PHONY: backup
backup: $(INSTALLED) ## Back up the database and blobs into BACKUP_DIR; older backups rotate out
	@$(BIN)/python scripts/backup.py backup

.PHONY: restore
restore: $(INSTALLED) ## Restore the newest backup (or DATE=yyyy-mm-dd-hh-mm-ss, UTC); stop the site first
	@$(BIN)/python scripts/backup.py restore $(if $(DATE),--date $(DATE))

# --- quality ---------------------------------------------------------------

.PHONY: test
test: $(INSTALLED) $(AXE) ## Run the whole test suite
	@$(BIN)/pytest $(PYTEST_ARGS)

.PHONY: test-coverage
test-coverage: $(INSTALLED) $(AXE) ## Run the suite with a coverage report
	@$(BIN)/pytest --cov=torino.socialplan --cov-report=term-missing $(PYTEST_ARGS)

.PHONY: bench
bench: $(INSTALLED) ## Benchmarks: our pages and exports against stock Plone, as ratios
	@$(BIN)/pytest bench -p no:cacheprovider -q -s $(PYTEST_ARGS)

.PHONY: lint
lint: $(INSTALLED) ## ruff check, ruff format --check, zpretty --check, the layer contracts
	$(BIN)/ruff check src tests scripts bench docs
	$(BIN)/ruff format --check src tests scripts bench docs
	find src instance -name '*.zcml' -o -name '*.xml' | xargs $(BIN)/zpretty --check
	$(BIN)/lint-imports

.PHONY: docs
docs: $(INSTALLED) ## Build the documentation (docs/ -> docs/_build/html) with Sphinx; warnings are errors
	$(BIN)/sphinx-build -W --keep-going -n -q -b html docs docs/_build/html
	@echo "==> docs/_build/html/index.html"

.PHONY: format
format: $(INSTALLED) ## Fix what lint reports, where a tool can
	$(BIN)/ruff check --fix src tests scripts bench docs
	$(BIN)/ruff format src tests scripts bench docs
	find src instance -name '*.zcml' -o -name '*.xml' | xargs $(BIN)/zpretty -i

.PHONY: theme
theme: ## Rebuild the theme's CSS and fonts from package-lock.json (needs npm; the result is committed)
	@command -v npm >/dev/null || { echo "npm not found: install Debian's npm"; exit 1; }
	npm ci --no-audit --no-fund --silent
	@bash scripts/build_theme.sh

.PHONY: screenshots
screenshots: $(INSTALLED) $(AXE) ## Refresh the screenshots of each page type in docs/screenshots/
	@SOCIALPLAN_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/browser/test_accessibility.py tests/browser/test_promoters_panel.py -p no:cacheprovider -q -k "it- or test_upload_a_logo" $(PYTEST_ARGS)
	@# One file per picture: the site root shows the Plan (its default page),
	@# so keep the first of byte-identical files (plan-*, before site-root-*).
	@sha256sum docs/screenshots/*.png | sort | awk 'seen[$$1]++ { print $$2 }' | xargs -r rm -v

.PHONY: i18n
i18n: $(INSTALLED) ## Rebuild the .pot and sync the it/en catalogues
	@$(BIN)/python scripts/i18n.py

# --- version set and buildout ----------------------------------------------

versions.cfg: constraints.txt scripts/versions_cfg.py ## Write buildout pins from constraints.txt
	@$(PYTHON) scripts/versions_cfg.py constraints.txt versions.cfg

.PHONY: update-constraints
update-constraints: ## Re-resolve the version set in a throwaway venv, rewrite constraints.txt
	@rm -rf .venv-resolve && $(PYTHON) -m venv .venv-resolve
	.venv-resolve/bin/pip install --quiet --disable-pip-version-check \
	    "plone.app.layout<7" zc.buildout plone.recipe.zope2instance -e ".[test,dev,cluster]"
	@{ sed -n '/^#/p' constraints.txt; \
	   .venv-resolve/bin/pip freeze --all --exclude-editable | grep -v -i '^pip==' | sort -f; \
	 } > constraints.txt.new && mv constraints.txt.new constraints.txt
	@rm -rf .venv-resolve
	@$(MAKE) --no-print-directory versions.cfg

.PHONY: buildout
buildout: ## Build bin/instance with zc.buildout (the alternative to `make start`)
	@test -x .venv-buildout/bin/python || $(PYTHON) -m venv .venv-buildout
	.venv-buildout/bin/pip install --quiet --disable-pip-version-check \
	    -c constraints.txt zc.buildout setuptools wheel
	.venv-buildout/bin/buildout

# --- several instances: RelStorage cluster, ZEO ------------------------------
# `make cluster`: PostgreSQL, Redis, INSTANCES Zope instances on RelStorage and
# haproxy in front, on loopback, from DATA_DIR/cluster (see README.rst,
# "Several instances"). Each setting can be given as for `make start`.

INSTANCES ?= 2
# Threads per instance; haproxy sends each instance no more at once.
INSTANCE_THREADS ?= 4
CLUSTER_PORT ?= 8090
INSTANCE_BASE_PORT ?= 8091
PG_PORT ?= 5433
REDIS_PORT ?= 6380
ZEO_PORT ?= 8100
PROXY_SOURCE ?= 127.0.0.2
CLUSTER_DIR ?= $(DATA)/cluster
ZEO_DIR ?= $(DATA)/zeo

VARNISH ?= 0
VARNISH_PORT ?= 6081

export INSTANCES INSTANCE_THREADS CLUSTER_PORT INSTANCE_BASE_PORT PG_PORT REDIS_PORT ZEO_PORT PROXY_SOURCE
export VARNISH VARNISH_PORT
export ROOT BIN

.PHONY: cluster-install
cluster-install: ## Install PostgreSQL, haproxy and Redis (Debian packages) if missing
	@bash scripts/cluster/install.sh

.PHONY: cluster
cluster: $(INSTALLED) cluster-install ## Start PostgreSQL, Redis, INSTANCES Zope instances on RelStorage, haproxy (VARNISH=1: Varnish in front)
	@CLUSTER_DIR=$(CLUSTER_DIR) MODE=relstorage bash scripts/cluster/start.sh

.PHONY: cluster-services
cluster-services: cluster-install ## PostgreSQL, Redis and haproxy only, for instances of cluster.cfg (buildout)
	@CLUSTER_DIR=$(CLUSTER_DIR) MODE=relstorage SERVICES_ONLY=1 bash scripts/cluster/start.sh

.PHONY: cluster-stop
cluster-stop: ## Stop what `make cluster` started (by PID)
	@CLUSTER_DIR=$(CLUSTER_DIR) bash scripts/cluster/stop.sh

.PHONY: migrate-to-relstorage
migrate-to-relstorage: $(INSTALLED) cluster-install ## Copy the embedded database of `make start` (blobs included) into the cluster's PostgreSQL
	@CLUSTER_DIR=$(CLUSTER_DIR) bash scripts/cluster/migrate.sh

.PHONY: zeo
zeo: $(INSTALLED) ## Start one ZEO server and INSTANCES Zope instances on it
	@CLUSTER_DIR=$(ZEO_DIR) MODE=zeo bash scripts/cluster/start.sh

.PHONY: zeo-stop
zeo-stop: ## Stop what `make zeo` started (by PID)
	@CLUSTER_DIR=$(ZEO_DIR) bash scripts/cluster/stop.sh

# --- housekeeping ----------------------------------------------------------

.PHONY: clean
clean: ## Remove .venv, buildout parts and caches (the site's data stays)
	rm -rf $(VENV) .venv-buildout bin develop-eggs parts .installed.cfg \
	    .pytest_cache .ruff_cache src/*.egg-info docs/_build

.PHONY: remove-data
remove-data: ## Delete the site's data in DATA_DIR (Data.fs, blobs, logs)
	rm -rf $(DATA)
