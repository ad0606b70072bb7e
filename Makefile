# interviewkit: `make run` to try it, `make test` to check it.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install lock audit syscheck testdeps migrate seed run serve worker test lint format bench bench-check simulate clean

# The lock is complete, so pip installs exactly it without resolving (--no-deps): the pip a new
# venv brings (23.2) otherwise asks the index again for a dependency named with extras, such as
# WeasyPrint's fonttools[woff], and refuses the newer release it finds as unpinned. pip check
# then proves that the installed set satisfies every package's requirements.
$(BIN)/activate: requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required: install Debian's python3.11 (apt-get install python3.11 python3.11-venv)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip check
	@touch $(BIN)/activate

install: $(BIN)/activate syscheck

# requirements.lock: every package (pip itself too) pinned with the hashes of its files, from
# pyproject.toml's pins; versions already in the lock stay as they are. After changing a pin
# in pyproject.toml: make lock && make install.
LOCK_COMMAND := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --extra dev --output-file requirements.lock pyproject.toml
lock:
	@test -x $(BIN)/pip-compile || { echo "pip-compile is missing: run make install first."; exit 1; }
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_COMMAND)

# Known vulnerabilities in the locked versions (PyPI's advisory data, needs the network): any
# finding, or a package that could not be checked, fails.
audit: install
	$(BIN)/pip-audit --strict --disable-pip --require-hashes -r requirements.lock

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

# The browser tests drive Debian's Chromium. Install it when it is missing (as root, with apt),
# or stop before running anything and say the one command to run: a run without the browser
# tests never ends green.
# What the tests need from Debian, as "file:package" pairs: Chromium, and Node.js for the
# OpenID provider of the single sign-on tests (tests/oidc/).
TEST_NEEDS := /usr/bin/chromium:chromium /usr/bin/node:nodejs /usr/bin/npm:npm
# npm packages the browser tests load: a real OpenID provider, and axe-core.
NODE_TEST_DIRS := tests/oidc tests/axe
# Wait for another apt or dpkg (a fresh machine's unattended upgrades, another make test) to
# finish instead of failing at once on its lock. apt waits for dpkg's lock (APT_WAIT) but not
# for the package lists' lock of `apt-get update` or the download cache's: on those the two
# steps are tried again every 5 s, up to APT_TRIES times (10 minutes).
APT_WAIT := -o DPkg::Lock::Timeout=600
APT_TRIES := 120
testdeps:
	@missing=""; \
	for need in $(TEST_NEEDS); do [ -e "$${need%%:*}" ] || missing="$$missing $${need#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages the tests need:$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    tries=1; \
	    until said=$$({ apt-get $(APT_WAIT) update -qq \
	                   && apt-get $(APT_WAIT) install -y -qq $$missing >/dev/null; } 2>&1); do \
	      case "$$said" in *"Could not get lock"*) ;; *) tries=$(APT_TRIES) ;; esac; \
	      if [ $$tries -ge $(APT_TRIES) ]; then \
	        echo "$$said"; echo "apt-get could not install$$missing"; exit 1; \
	      fi; \
	      [ $$tries -gt 1 ] || echo "Another apt-get holds its lock: waiting for it (up to 10 minutes)."; \
	      tries=$$((tries + 1)); sleep 5; \
	    done; \
	  else \
	    echo "The tests need Debian packages that are missing:$$missing"; \
	    echo "Run:  sudo apt-get install$$missing   and then make test again."; \
	    exit 1; \
	  fi; \
	fi
	@for dir in $(NODE_TEST_DIRS); do [ -d $$dir/node_modules ] || npm ci --prefix $$dir --no-audit --no-fund || exit 1; done

# PYTEST_ARGS narrows a run, e.g. make test PYTEST_ARGS='-m "not browser"'.
test: install testdeps
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The benchmarks' own checks first (they start processes), then the timed run.
bench: install bench-check
	$(PY) -m bench

# The seeded simulation study of the trust figures (docs/scoring-methods.md) alone, kept in bench/results.json.
simulate: install
	$(PY) -m bench --only simulate --merge

bench-check: install
	$(BIN)/pytest bench/tests -q

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
