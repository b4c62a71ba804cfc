# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501
CHROMIUM := /usr/bin/chromium
SOFFICE := /usr/bin/soffice
NGINX := /usr/sbin/nginx
TESTSSL := /usr/bin/testssl
WORKERS ?= 2
SERVE_PORT ?= 8080

.PHONY: run serve serve-stop test lint validate screenshots bench install messages check-messages

install: $(STAMP)

# The venv is rebuilt whenever requirements.txt changes.
$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# Debian's Chromium for the real-browser tests (Playwright drives it; never a browser download).
$(CHROMIUM):
	@if [ "$$(id -u)" -ne 0 ]; then echo "install Debian's chromium (apt-get install chromium) or run as root"; exit 1; fi
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-dejavu-core fonts-noto-color-emoji

# Debian's LibreOffice Writer (no GUI) lays the Word briefing out as a PDF, to prove the
# short note fits one A4 page (tests/test_briefing_pdf.py).
$(SOFFICE):
	@if [ "$$(id -u)" -ne 0 ]; then echo "install Debian's libreoffice-writer-nogui or run as root"; exit 1; fi
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q libreoffice-writer-nogui

# Debian's testssl.sh checks the HTTPS profile of `make serve` (tests/serve/test_tls.py).
$(TESTSSL):
	@if [ "$$(id -u)" -ne 0 ]; then echo "install Debian's testssl.sh (apt-get install testssl.sh) or run as root"; exit 1; fi
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q testssl.sh

# Debian's nginx for `make serve` and its tests (installed once as root; runs as any user).
$(NGINX):
	@if [ "$$(id -u)" -ne 0 ]; then echo "install Debian's nginx (apt-get install nginx-light) or run as root"; exit 1; fi
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light || DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx

run: $(STAMP)
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

# WORKERS app processes behind nginx on SERVE_PORT, kept up by supervisord in the
# background; configs and logs in .serve/ (README: Serving). The other settings pass
# through as variables: make serve SERVE_HOSTS=gfmd.example.org
# SERVE_TLS_CERT=/etc/ssl/gfmd.pem SERVE_TLS_KEY=/etc/ssl/private/gfmd.key SERVE_PORT=443
# SERVE_HTTP_PORT=80 (README: Hardening).
serve: $(STAMP) $(NGINX)
	$(PY) scripts/serve.py start --workers $(WORKERS) --port $(SERVE_PORT)

# supervisorctl shutdown: nginx and the workers stop first, then supervisord.
serve-stop:
	$(PY) scripts/serve.py stop

# The browser tests' Node packages, from package-lock.json (node_modules/ is not committed):
# axe-core for the accessibility test, oidc-provider for the independent sign-in provider.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The tests run in TEST_WORKERS processes (README: Tests). Whole files go to one worker
# (--dist loadfile), so a module's servers start once; each worker has its own temp dirs
# and free ports. Files are handed out in collection order (--no-loadscope-reorder:
# xdist would otherwise sort them by test count, sending the one-test serving scenarios,
# among the longest, last): browser and serving files first, the short files last, so
# both workers end together. `make test TEST_WORKERS=0` runs them in this one process.
TEST_WORKERS ?= 2

test: $(STAMP) $(CHROMIUM) $(SOFFICE) $(NGINX) $(TESTSSL) $(NODE_STAMP)
	$(PY) -m ruff check .
	$(PY) -m gfmd validate
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

lint: $(STAMP)
	$(PY) -m ruff check .

validate: $(STAMP)
	$(PY) -m gfmd validate

screenshots: $(STAMP) $(CHROMIUM)
	$(PY) scripts/screenshots.py

# Translations (README: Translating). `make messages` brings every catalogue up to date with
# the English in gfmd/text/messages.py: new messages empty, changed ones fuzzy with the previous
# English kept; `make check-messages` fails on a missing, fuzzy or mismatched translation.
LOCALES := gfmd/text/locales
POT := $(LOCALES)/messages.pot
MESSAGES_PY := gfmd/text/messages.py
PYBABEL := PYTHONPATH=. $(VENV)/bin/pybabel

messages: $(STAMP)
	$(PYBABEL) extract -F babel.cfg --no-location -c "Translators:" \
		--project="GFMD participation dashboard" -o $(POT) $(MESSAGES_PY)
	$(PYBABEL) update -i $(POT) -d $(LOCALES) --previous --ignore-obsolete \
		--ignore-pot-creation-date

check-messages: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider tests/test_translations.py
