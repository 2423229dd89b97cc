# The README's two commands are `make demo` and `make test`; both set everything up first.
# Works on a fresh Debian machine with Python 3.11 (as root, or with sudo for apt-get).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
OUT    ?= output

.PHONY: setup system-deps browser demo test bench clean

## setup: virtualenv with kg, its statistical model, the Oxigraph server and the test tools
setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[model,server,dev]'
	touch $(STAMP)

## browser: Debian's Chromium for the browser tests (never a downloaded browser build)
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }

## demo: build the fictional sample in examples/ and render every view into output/
demo: setup
	$(BIN)/kg build examples --out $(OUT) --aliases examples/aliases.toml
	$(BIN)/kg validate --out $(OUT)
	$(BIN)/kg viz --out $(OUT)
	$(BIN)/kg topics --out $(OUT)
	$(BIN)/kg query --out $(OUT) --name summary
	@echo "Open $(OUT)/index.html in a browser, or run: $(BIN)/kg serve --out $(OUT)"

## test: the whole test suite (unit, golden end-to-end on ../shared/corpus, browser, notebook)
test: setup browser
	$(BIN)/pytest -q

## bench: the benchmarks behind BENCHMARKS.md
bench: setup browser
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(OUT)/* .pytest_cache tests/artifacts
