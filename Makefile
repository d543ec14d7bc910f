# Two entry points for a fresh machine (see README):
#   make summarize   installs the tool with the embedded local model and runs it on seeds/
#   make test        installs the test tools and runs ruff, mypy and pytest (offline)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: summarize test lint browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.local-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[local]'
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

summarize: $(VENV)/.local-installed
	$(BIN)/summarize seeds/ -o out

lint: $(VENV)/.test-installed
	$(BIN)/ruff check summarizer tests scripts
	$(BIN)/mypy

# The HTML report is tested in a real headless Chromium (Debian's package).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: install chromium (apt-get install chromium) to run the browser tests"; fi

test: lint browser
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out
