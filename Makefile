# The two commands of the README: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test tools lint types pytest bench e2e reliability clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/facilitator

test: $(STAMP) tools lint types pytest

# The end-to-end tests drive a real terminal: install tmux when we can (root with apt-get);
# otherwise those tests skip and say why.
tools:
	@command -v tmux >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& (apt-get update -qq >/dev/null 2>&1; apt-get install -y -qq tmux >/dev/null 2>&1) \
		|| echo "tmux not installed: the end-to-end tests will be skipped"; }

lint: $(STAMP)
	$(BIN)/ruff check facilitator screens tests bench
	$(BIN)/ruff format --check facilitator screens tests bench
	$(BIN)/lint-imports

types: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -n 2 -q

bench: $(STAMP)
	$(BIN)/python -m bench

# The SSH test also needs sshd: installed like tmux when we can; otherwise it skips and says why.
e2e: $(STAMP) tools
	@[ -x /usr/sbin/sshd ] || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& (apt-get update -qq >/dev/null 2>&1; apt-get install -y -qq openssh-server >/dev/null 2>&1) \
		|| echo "openssh-server not installed: the SSH test will be skipped"; }
	$(BIN)/pytest -q -m e2e tests/e2e

# The long attacks of issue 6 (100 kills through act and through the app, a one-minute race of
# four writers and two readers, many more hostile examples), then the table of faults and results.
RELIABILITY := build/reliability
reliability: $(STAMP) tools
	@mkdir -p $(RELIABILITY) && rm -f $(RELIABILITY)/figures.jsonl
	status=0; FACILITATOR_RELIABILITY_LONG=1 FACILITATOR_RELIABILITY_FIGURES=$(CURDIR)/$(RELIABILITY)/figures.jsonl \
		$(BIN)/pytest -n 2 -q -o faulthandler_timeout=600 --junitxml=$(RELIABILITY)/results.xml \
		tests/reliability tests/store tests/cli/test_act.py tests/cli/test_shared_cli.py tests/core/test_minutes.py \
		|| status=$$?; \
	$(BIN)/python -m tests.reliability.table $(RELIABILITY)/results.xml $(RELIABILITY)/figures.jsonl && exit $$status

clean:
	rm -rf $(VENV) build *.egg-info
