# The two commands of the README: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test tools lint types pytest bench e2e clean

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

clean:
	rm -rf $(VENV) build *.egg-info
