# Two commands for a newcomer: `make demo` and `make test`. Both set up what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Both cores; tests of one file stay on one worker (the Redis worker tests share a queue).
PYTEST_ARGS ?= -n 2 --dist loadfile

.PHONY: demo test install lint types messages browser clean bench api-schema

$(STAMP): requirements.lock pyproject.toml package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

install: $(STAMP) messages

messages: $(STAMP)
	cd src/jeugdketen && ../../$(BIN)/django-admin compilemessages --ignore=.venv -v0

demo: install
	JEUGDKETEN_DEMO=1 $(BIN)/jeugdketen demo

# The benchmark against a built demo database (see benchmarks/README.md):
#   make bench DATABASE_URL=postgres://postgres@127.0.0.1:5432/jk_bench [BENCH_ARGS="--db10 ..."]
bench: install
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard benchmarks)
	$(BIN)/ruff format --check src tests $(wildcard benchmarks)
	$(BIN)/lint-imports
	SECRET_KEY=lint-only $(BIN)/jeugdketen makemigrations --check --dry-run

types: $(STAMP)
	SECRET_KEY=typecheck-only $(BIN)/mypy

# The committed API schema (docs/api/openapi.json); tests/test_api_schema.py fails when it drifts.
# Generated as the tests see it (local http: the session cookie is `sessionid`; a production server
# names it `__Host-sessionid` and serves that in its own /api/v1/schema/).
api-schema: $(STAMP)
	DEBUG=1 SECRET_KEY=schema-only $(BIN)/jeugdketen spectacular --format openapi-json --validate --file docs/api/openapi.json

# Browser tests drive Debian's Chromium; install it when it is missing and we may.
browser:
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq chromium); } || { echo "Installeer Chromium: apt-get install chromium"; exit 1; }

# The whole suite. With DATABASE_URL set (CI: PostgreSQL) it runs there, and the database tests
# run once more on the embedded SQLite database (not the two-node script: it brings its own PostgreSQL).
test: install lint types browser
	$(BIN)/pytest $(PYTEST_ARGS)
	@if [ -n "$$DATABASE_URL" ]; then echo "== database tests on SQLite =="; env -u DATABASE_URL $(BIN)/pytest -m "not e2e and not cluster" -p no:cacheprovider $(PYTEST_ARGS); fi

clean:
	rm -rf $(VENV) node_modules data
