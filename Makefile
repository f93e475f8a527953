# The two commands of the README are `make run` and `make test`; the rest serve the data.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DATA ?=
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium
NGINX ?= /usr/sbin/nginx
REPLICAS ?= 2
SERVE_PORT = $(if $(filter command line environment,$(origin PORT)),$(PORT),8080)

.PHONY: run test lint chromium nginx serve validate export schema feed changelog-entry check-sources bench bench-first-open bench-readers profile-pages synth clean

$(VENV)/.run-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt $(VENV)/.run-installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## run [ARGS=...]: set up the virtual environment and start the dashboard on http://localhost:$(PORT)
run: $(VENV)/.run-installed
	$(PY) -m streamlit run dashboard.py --server.port $(PORT) $(ARGS)

# Installs a Debian package when the condition $(1) holds (the program is missing) and this is root.
define debian_package
if $(1); then \
  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
    echo "installing Debian's $(2) for $(3)"; \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
  else \
    echo "note: $(2) is missing and this is not root: $(3) will skip (fail under CI)"; \
  fi; \
fi
endef

## chromium: Debian's Chromium for the browser tests (installed when missing and running as root)
chromium:
	@$(call debian_package,[ ! -x "$(CHROMIUM)" ],chromium,the browser tests)

## nginx: Debian's nginx for `make serve` and its tests (installed when missing and running as root)
nginx:
	@$(call debian_package,[ ! -x "$(NGINX)" ] && ! command -v nginx >/dev/null,nginx,make serve and its tests)

## serve [REPLICAS=2] [PORT=8080] [SERVE_ARGS=...]: REPLICAS Streamlit processes behind nginx on http://127.0.0.1:$(PORT) (Ctrl-C stops all)
serve: $(VENV)/.run-installed nginx
	$(PY) -m deploy.serve serve --replicas $(REPLICAS) --port $(SERVE_PORT) $(SERVE_ARGS)

## test: install what the tests need, lint, then run every test (unit, AppTest, browser)
test: $(VENV)/.dev-installed chromium nginx lint
	$(PY) -m record.cli schema --check
	$(PY) -m pytest

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m vulture

## validate [DATA=dir]: check a data folder; prints file:line: message, exits non-zero on problems
validate: $(VENV)/.run-installed
	@$(PY) -m record.cli validate $(DATA)

## export [DATA=dir]: the validated record as one JSON document on stdout
export: $(VENV)/.run-installed
	@$(PY) -m record.cli export $(DATA)

## schema: regenerate schema/*.json from the model
schema: $(VENV)/.run-installed
	$(PY) -m record.cli schema

## feed: write static/feed.xml, the Atom feed of the data's changes, from data/changelog.yaml (commit it)
feed: $(VENV)/.dev-installed
	$(PY) -m record.cli feed $(DATA)

## changelog-entry BASE=rev [DATA=dir]: the added/changed/ended lists of a new changelog entry, from git revision BASE to the working tree
changelog-entry: $(VENV)/.run-installed
	@test -n "$(BASE)" || { echo "usage: make changelog-entry BASE=<git revision> [DATA=dir]"; exit 2; }
	@$(PY) -m record.cli changelog-entry $(BASE) $(DATA)

## check-sources [DATA=dir] [REPORT=file.md|.json] [CACHE=dir]: fetch every source; report dead links and lost quotes, exit non-zero on any
check-sources: $(VENV)/.dev-installed
	$(PY) -m record.check_sources $(DATA) $(if $(REPORT),--report $(REPORT)) $(if $(CACHE),--cache $(CACHE))

## synth N=... OUT=dir: write a valid synthetic record of N measures (for benchmarks)
synth: $(VENV)/.run-installed
	@test -n "$(N)" -a -n "$(OUT)" || { echo "usage: make synth N=10000 OUT=dir"; exit 2; }
	$(PY) -m record.synth $(N) $(OUT)

## bench: the cost table at N = curated, 1,000, 10,000, 100,000 (server side and in Chromium)
bench: $(VENV)/.dev-installed chromium
	$(PY) bench/run.py $(if $(SIZES),--sizes $(SIZES))
	$(MAKE) --no-print-directory bench-readers

## bench-first-open [ROUNDS=4]: the first open after a start in Chromium, dashboard and minimal page, alternating
bench-first-open: $(VENV)/.dev-installed chromium
	$(PY) bench/first_open.py $(if $(ROUNDS),--rounds $(ROUNDS))

## bench-readers: 1 and 20 concurrent readers (websocket sessions), direct, through nginx at 1 and 2 processes, and the minimal page
bench-readers: $(VENV)/.dev-installed nginx
	$(PY) bench/readers.py $(if $(DURATION),--duration $(DURATION)) $(READERS_ARGS)

## profile-pages: where a cached rerun of each page spends server CPU (py-spy) -> /tmp/reports/profile.md
profile-pages: $(VENV)/.dev-installed
	$(PY) bench/profile_pages.py $(PROFILE_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
