# The two commands a newcomer needs: `make demo` and `make test`. Each builds .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOME_SCENARIO := docs/examples/dprk-2025-01-12.yaml
OUT := out
# Every install takes its versions from the lock (runtime, dev and docs sets in one file, made by
# pip-tools from pyproject.toml: `make lock` refreshes it). PIP_CONSTRAINT also reaches the isolated
# environment in which pip builds the package, so the build backend is pinned too.
LOCK := requirements/constraints.txt
export PIP_CONSTRAINT := $(abspath $(LOCK))

.PHONY: demo test lint typecheck pytest rules-check bench clean docs docs-generate lock

$(BIN)/legal-analysis: pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e .
	touch $@

$(VENV)/.dev: $(BIN)/legal-analysis
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[dev]'
	touch $@

# Refresh the lock from pyproject.toml's ranges (newest versions that fit), then run `make test`.
# The frames extra (pandas, for Analysis.to_frame) is left out: make never installs it.
lock: $(VENV)/.dev
	PIP_CONSTRAINT= $(BIN)/pip-compile --quiet --upgrade --extra dev --extra docs --strip-extras \
	  --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links --output-file $(LOCK) pyproject.toml

demo: $(BIN)/legal-analysis
	mkdir -p $(OUT)
	for f in md html docx json; do \
	  $(BIN)/legal-analysis memo $(HOME_SCENARIO) -f $$f -o $(OUT)/dprk-2025-01-12.$$f --force || exit 1; \
	done
	@if command -v chromium >/dev/null || command -v google-chrome >/dev/null; then \
	  $(BIN)/legal-analysis memo $(HOME_SCENARIO) -f pdf -o $(OUT)/dprk-2025-01-12.pdf --force || exit 1; \
	else echo "No Chromium or Chrome on PATH: the PDF memo is skipped (apt-get install chromium)"; fi
	@echo "The home scenario's memo, in each format written:"; ls -1 $(OUT)/dprk-2025-01-12.*

test: $(VENV)/.dev
	$(BIN)/ruff check src tests benchmarks docs/tools
	$(BIN)/mypy --strict
	$(BIN)/legal-analysis rules check
	$(BIN)/python -m pytest -q

$(VENV)/.docs: $(BIN)/legal-analysis
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[docs]'
	touch $@

# The documentation site, offline: the casebook's HTML memos, then mkdocs (site/).
docs: $(VENV)/.docs
	$(BIN)/python docs/tools/gen_casebook.py --memos
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# Regenerate the generated parts of the docs (after a change to the rules, models or memos).
docs-generate: $(BIN)/legal-analysis
	$(BIN)/python docs/tools/gen_reference.py
	$(BIN)/python docs/tools/gen_format2.py
	$(BIN)/python docs/tools/gen_casebook.py

bench: $(VENV)/.dev
	for f in benchmarks/bench_*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) $(OUT) build dist site .mypy_cache .pytest_cache .ruff_cache
