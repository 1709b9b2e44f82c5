# Dangvu — the commands a newcomer needs. `make run` and `make test` are enough.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000
# `make run DEBUG=1` shows Django's debug pages; without it the site's own error pages answer.
DEBUG ?=
# pytest arguments, e.g. `make test ARGS="-k members -x"`
ARGS ?=

.PHONY: install run test test-fast lint lock demo bench screenshots messages clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PY) >/dev/null || { echo "Cần Python 3.11 ($(PY)) — Python 3.11 is required"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

run: install
	$(BIN)/dangvu migrate --no-input
	$(BIN)/dangvu demo --if-empty
	@# The Hà Nội 2025–2026 scenario continues the 2016 demo, inline (about a minute the first time;
	@# a server reading while it writes would find SQLite locked at login). Once built: a second.
	$(BIN)/dangvu demo --scenario hanoi-2025 --if-demo
	$(BIN)/dangvu logins --url http://$(HOST)
	@# --insecure: runserver serves the static files even with DEBUG off (a server uses collectstatic).
	@# The background jobs' worker (large imports) runs beside the server and stops with it.
	$(BIN)/dangvu worker & WORKER=$$!; trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(if $(DEBUG),DANGVU_DEBUG=$(DEBUG)) $(BIN)/dangvu runserver --insecure $(HOST)

test: install
	scripts/ensure-chromium
	scripts/ensure-fonts
	$(BIN)/pytest -n 2 $(ARGS)

# Everything but the browser tests, for a quick loop while coding.
test-fast: install
	$(BIN)/pytest -n 2 -m "not browser" $(ARGS)

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

demo: install
	$(BIN)/dangvu migrate --no-input
	$(BIN)/dangvu demo
	$(BIN)/dangvu demo --scenario hanoi-2025

bench: install
	$(BIN)/python -m bench

screenshots: install
	scripts/ensure-chromium
	scripts/ensure-fonts
	$(BIN)/dangvu screenshots

# Refresh and compile the English catalogue (msgids are Vietnamese; needs GNU gettext).
messages: install
	cd src/dangvu && ../../$(BIN)/dangvu makemessages -l en --no-wrap --no-location --no-obsolete \
	  && ../../$(BIN)/dangvu compilemessages -l en -l vi

# Re-pin every dependency after editing pyproject.toml.
lock:
	rm -rf .lockenv && $(PY) -m venv .lockenv && .lockenv/bin/pip install --quiet ".[dev]"
	{ echo "# Exact versions of every dependency (direct and transitive) for Python 3.11."; \
	  echo "# Regenerate with \`make lock\` after changing pyproject.toml."; \
	  .lockenv/bin/pip freeze --exclude dangvu; } > requirements.lock
	rm -rf .lockenv

clean:
	rm -rf $(VENV) .pytest_cache
