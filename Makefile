# Honingraat: `make run` serves the demo, `make test` runs the whole suite. Needs only Python 3.11+.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
TOOLS := var/tools
UV := $(TOOLS)/bin/uv
export UV_PYTHON_DOWNLOADS := never
export UV_COMPILE_BYTECODE := 1
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_LINK_MODE := copy

.PHONY: install run test lint e2e format demo clean backup restore bench

install: $(VENV)/.installed

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check "uv>=0.9,<1"

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

run: install
	$(VENV)/bin/python scripts/services.py run -- $(VENV)/bin/python scripts/serve.py --port $(PORT)

backup: install
	$(VENV)/bin/python scripts/services.py run -- $(VENV)/bin/python scripts/backup.py maak

# make restore ARCHIEF=var/backups/honingraat-….tar [OVERSCHRIJVEN=1]
restore: install
	@test -n "$(ARCHIEF)" || { echo "gebruik: make restore ARCHIEF=var/backups/honingraat-….tar"; exit 1; }
	$(VENV)/bin/python scripts/services.py run -- \
		$(VENV)/bin/python scripts/backup.py herstel "$(ARCHIEF)" $(if $(OVERSCHRIJVEN),--overschrijven)

# Load at V/100 and V (minutes; seeds its scratch databases once) into docs/BENCHMARKS.md; BENCH_ARGS=--snel
bench: install
	$(UV) sync --frozen --group bench
	$(VENV)/bin/python scripts/services.py run --prefer-local --var-dir var/bench -- \
		$(VENV)/bin/python bench/last.py $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

test: lint
	$(VENV)/bin/python scripts/services.py run --prefer-local --test-run --var-dir var/test -- \
		$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

e2e: install
	$(VENV)/bin/python scripts/services.py run --prefer-local --test-run --var-dir var/test -- \
		$(VENV)/bin/python -m pytest -m e2e $(PYTEST_ARGS)

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) $(TOOLS) var/test var/static
