# The few commands a contributor needs. `make serve` and `make test` do all
# setup on a fresh Debian machine (a virtualenv in .venv, pinned packages,
# Debian's Chromium for the browser tests).

VENV ?= .venv
PY := $(VENV)/bin/python
ADDR ?= 127.0.0.1:8000

.PHONY: serve build test validate system clean

$(VENV)/.installed: requirements.txt requirements-test.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.txt -r requirements-test.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $@

serve: $(VENV)/.installed  ## build the site from data/ and serve it, rebuilding on change
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs serve -a $(ADDR)

build: $(VENV)/.installed  ## build the site into site/
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict

validate: $(VENV)/.installed  ## check data/ and list every problem
	$(PY) scripts/validate.py data

system:  ## Debian packages the tests use (Chromium for Playwright)
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

test: $(VENV)/.installed system  ## run every test (pytest exit 5, "no tests", is a failure)
	@$(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest ran no test: failing"; exit 1; fi; exit $$rc

clean:
	rm -rf $(VENV) site .pytest_cache
