# Two commands set everything up on a fresh machine: `make run` and `make test`.
# Each creates .venv on first use and reinstalls when pyproject.toml or the constraints
# change. Every install takes the exact versions in packaging/constraints.txt (`make lock`).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Stamps record what was installed into the venv, so repeated runs start at once.
RUN_STAMP  := $(VENV)/.installed-run
DEV_STAMP  := $(VENV)/.installed-dev
CONSTRAINTS := packaging/constraints.txt
PIP_INSTALL  = python -m pip install --quiet --constraint $(CONSTRAINTS)

.PHONY: run demo test test-fast lint bench clean help bundle screenshots lock

help:
	@echo "make run    open Track Record on your data"
	@echo "make demo   open it on a throwaway copy of the sample data"
	@echo "make test   run the whole test suite headless"
	@echo "make lint   ruff, and mypy strict on trackrecord.core"
	@echo "make bench  run the benchmarks (slow)"
	@echo "make bundle build the one-folder app in dist/trackrecord/ (PyInstaller)"
	@echo "make screenshots  retake docs/screenshots/ from the demo data (Xvfb)"
	@echo "make lock   re-resolve packaging/constraints.txt and the Flatpak's pins (network)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Track Record needs Python 3.11 or newer (found $$($(PYTHON) --version))."; exit 1; }
	@$(PYTHON) -m venv $(VENV) || \
	  { echo "Could not create $(VENV). On Debian/Ubuntu: sudo apt install python3-venv"; \
	    rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/$(PIP_INSTALL) -e .
	@touch $@

$(DEV_STAMP): pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/$(PIP_INSTALL) -e '.[dev]'
	@touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/trackrecord

demo: $(RUN_STAMP)
	$(BIN)/trackrecord --demo

# One worker per core (pytest-xdist); worksteal keeps both busy to the end, since a few slow
# tests (the crash soak, the long fuzz runs, the bundle) take most of the time.
PYTEST := QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto --dist worksteal

test: $(DEV_STAMP)
	$(PYTEST)

test-fast: $(DEV_STAMP)
	$(PYTEST) -m "not slow"

lint: $(DEV_STAMP)
	$(BIN)/ruff check desktop tests benchmarks tools packaging
	$(BIN)/mypy

bench: $(DEV_STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) build dist *.egg-info desktop/*.egg-info .pytest_cache .mypy_cache .ruff_cache

# `make bundle`: a one-folder app in dist/trackrecord/ (PyInstaller), built from a normal
# (non-editable) install of this checkout in its own venv; see packaging/README.md.
BUNDLE_VENV := build/bundle-venv

bundle:
	@test -x $(BUNDLE_VENV)/bin/python || $(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_VENV)/bin/python -m pip install --quiet --upgrade pip
	@# setuptools reuses build/lib: clear it so a deleted module cannot reach the bundle
	rm -rf build/lib build/bdist.*
	$(BUNDLE_VENV)/bin/$(PIP_INSTALL) '.[bundle]'
	$(BUNDLE_VENV)/bin/$(PIP_INSTALL) --force-reinstall --no-deps .
	$(BUNDLE_VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
	  --distpath dist --workpath build/pyinstaller packaging/pyinstaller/trackrecord.spec
	QT_QPA_PLATFORM=offscreen dist/trackrecord/trackrecord --version

# `make screenshots`: docs/screenshots/*.png of every main screen from the demo data, on a
# virtual screen (needs xvfb, xdotool and imagemagick from apt).
screenshots: $(RUN_STAMP)
	$(BIN)/python tools/screenshots.py --app $(BIN)/trackrecord --out docs/screenshots

# `make lock`: resolve every requirement in pyproject.toml again on each Python 3.11+ found
# here, write packaging/constraints.txt, and rewrite the Flatpak manifest's pinned files.
lock:
	$(PYTHON) tools/lock.py
