# The two commands that matter: `make run` and `make test`. Everything installs itself.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install build check run test test-cms test-browser bench clean

$(STAMP): pyproject.toml package.json package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[cms,test,production]'
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

install: $(STAMP)

build: install
	$(BIN)/portal build

check: install
	$(BIN)/portal check
	$(BIN)/portal i18n check

run: build
	@echo "Serving the site and the CMS. Press Ctrl+C to stop."
	$(BIN)/portal run --port $(PORT)

test: install
	$(BIN)/python -m pytest

test-cms: install
	$(BIN)/python -m pytest tests/cms

test-browser: install
	$(BIN)/python -m pytest tests/browser

bench: install
	$(BIN)/python bench/build_speed.py --pages 2000 --locales 18
	$(BIN)/python bench/hugo_reference.py --pages 2000 --locales 18
	$(BIN)/python bench/cms_reports.py --pages 2000 --locales 18
	$(BIN)/python bench/publish_latency.py
	$(BIN)/python bench/deepl_characters.py
	$(BIN)/python bench/search_bench.py
	$(BIN)/portal build
	node bench/chat_quality.mjs
	node bench/chat_latency.mjs --site output --locale ar
	node bench/chat_latency.mjs --site bench/.corpus/search-2000/output --locale ar
	node bench/lighthouse.mjs --site output --json bench/results/lighthouse.json

clean:
	rm -rf output .output-* bench/.corpus
