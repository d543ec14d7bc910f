# Two entry points for a fresh machine (see README):
#   make summarize   installs the tool with the embedded local model and runs it on seeds/
#   make test        installs the test tools and runs ruff, mypy and pytest (offline)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: summarize test lint browser clean dev-set dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# llama.cpp is built for portable x86-64 (AVX2) rather than -march=native: a native
# build on a CPU with AMX crashes in ggml's AMX matmul (llama.cpp issue 20824), and a
# cached native wheel would also break on a machine with fewer CPU features.
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_BMI2=ON -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF

$(VENV)/.local-installed: pyproject.toml | $(BIN)/python
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/python -m pip install -q --no-cache-dir \
	  "$$(grep -o 'llama-cpp-python\[server\]==[0-9.]*' pyproject.toml)"
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

# The out-of-sample dev set: nine BASIL articles (three stories x Fox, HuffPost, NYT) and
# their hand-labelled gold, built into dev/ (git-ignored: the text is not ours to commit)
# from a git mirror of github:launchnlp/BASIL. BASIL=<mirror git dir>, DEV_GOLD=<folder
# holding build_dev_set.py and gold/>.
BASIL ?= $(firstword $(wildcard /work/.mirror/launchnlp+BASIL/repo) basil.git)
DEV_GOLD ?= ../shared/evals/dev
dev-set:
	@test -d "$(BASIL)" || { echo "dev-set: no BASIL mirror at '$(BASIL)': git clone --mirror https://github.com/launchnlp/BASIL basil.git, or make dev-set BASIL=<dir>"; exit 2; }
	$(PYTHON) $(DEV_GOLD)/build_dev_set.py "$(BASIL)" dev
	cp evals/dev/corpus.json dev/evals/gold/corpus.json

# Score the default version on the dev set (embedded model, one story per run).
dev: $(VENV)/.local-installed dev-set
	$(BIN)/python scripts/benchmark.py dev

clean:
	rm -rf $(VENV) out
