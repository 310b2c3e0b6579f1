# The two commands a newcomer needs: `make demo` and `make test`. Each builds .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOME_SCENARIO := docs/examples/dprk-2025-01-12.yaml
OUT := out

.PHONY: demo test lint typecheck pytest rules-check bench clean

$(BIN)/legal-analysis: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(BIN)/legal-analysis
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/legal-analysis
	mkdir -p $(OUT)
	$(BIN)/legal-analysis memo $(HOME_SCENARIO) -o $(OUT)/dprk-2025-01-12.md --force
	@echo "Memo written to $(OUT)/dprk-2025-01-12.md"

test: $(VENV)/.dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy --strict
	$(BIN)/legal-analysis rules check
	$(BIN)/python -m pytest -q

bench: $(VENV)/.dev
	for f in benchmarks/bench_*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) $(OUT) build dist .mypy_cache .pytest_cache .ruff_cache
