# The few commands a contributor needs. `make serve` and `make test` do all
# setup on a fresh Debian machine (a virtualenv in .venv, pinned packages,
# Debian's Pango and fonts for the handbook PDF, Debian's Chromium for the
# browser tests).

VENV ?= .venv
PY := $(VENV)/bin/python
ADDR ?= 127.0.0.1:8000

.PHONY: serve build test validate system system-pdf clean

# The handbook PDF (WeasyPrint, sotay/outputs/handbook.py) needs Pango and HarfBuzz
# and fonts with every Vietnamese letter: Liberation 2 (Times New Roman and
# Arial metrics; Liberation 1.x lacks "ệ", "ướ"...) and DejaVu. pdftoppm
# (poppler-utils) renders the PDF to PNG in the tests.
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig \
	fonts-liberation2 fonts-dejavu-core poppler-utils

$(VENV)/.installed: requirements.txt requirements-test.txt requirements-nodeps.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.txt -r requirements-test.txt
	$(PY) -m pip install -q --no-deps -r requirements-nodeps.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $@

serve: $(VENV)/.installed system-pdf  ## build the site from data/ and serve it, rebuilding on change
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs serve --dirty -a $(ADDR)

build: $(VENV)/.installed system-pdf  ## build the site and publish it atomically at site/ (a link to the latest good build)
	$(VENV)/bin/sotay publish

validate: $(VENV)/.installed  ## check data/ and list every problem
	$(VENV)/bin/sotay validate data

system: system-pdf  ## Debian packages the tests use (Chromium for Playwright)
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

system-pdf:  ## Debian packages the handbook PDF needs (Pango, fonts) and pdftoppm
	@missing=$$(for p in $(PDF_DEBS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

test: $(VENV)/.installed system  ## run every test (pytest exit 5, "no tests", is a failure)
	@$(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest ran no test: failing"; exit 1; fi; exit $$rc

clean:
	rm -rf $(VENV) site site-builds .pytest_cache
