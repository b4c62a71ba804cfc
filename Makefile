# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint validate screenshots bench install

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

run: $(STAMP)
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

# axe-core for the accessibility test, from package-lock.json (node_modules/ is not committed).
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

test: $(STAMP) $(CHROMIUM) node_modules/axe-core/axe.min.js
	$(PY) -m ruff check .
	$(PY) -m gfmd validate
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check .

validate: $(STAMP)
	$(PY) -m gfmd validate

screenshots: $(STAMP) $(CHROMIUM)
	$(PY) scripts/screenshots.py
