# Two commands matter:  `make app` starts the Streamlit app, `make test` runs the test suite.
# Both set up .venv first (scripts/setup.sh; a no-op when nothing changed).
#
#   make app                        http://127.0.0.1:8501 on this machine only
#   make app ADDRESS=0.0.0.0        laptops on the room network join at http://<this-ip>:8501
#   make app PORT=8600              another port
#   make test PYTEST_ARGS='-m "not browser" -x'

PYTHON      := .venv/bin/python
PORT        ?= 8501
ADDRESS     ?= 127.0.0.1
PYTEST_ARGS ?=

.PHONY: setup setup-dev app test test-fast test-slow test-all bench docs clean

setup:
	bash scripts/setup.sh

setup-dev:
	bash scripts/setup.sh --dev

app: setup
	$(PYTHON) -m streamlit run app.py --server.headless true --browser.gatherUsageStats false \
		--server.port $(PORT) --server.address $(ADDRESS)

test: setup-dev
	$(PYTHON) -m pytest $(PYTEST_ARGS)

# The unit tier, under 3 minutes: no app pages, no whole processes, no browser or database.
test-fast: setup-dev
	$(PYTHON) -m pytest -m "not app and not integration and not browser and not postgres" $(PYTEST_ARGS)

test-slow: setup-dev
	$(PYTHON) -m pytest --runslow -m slow $(PYTEST_ARGS)

# Every tier at once (what `.ci/run` covers with `make test` and `make test-slow`).
test-all: setup-dev
	$(PYTHON) -m pytest --runslow $(PYTEST_ARGS)

bench: setup-dev
	$(PYTHON) -m bench

docs: setup-dev
	$(PYTHON) -m sphinx -W --keep-going -b html docs docs/_build/html

clean:
	rm -rf .venv
