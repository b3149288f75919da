# Two commands on a fresh machine with Python >= 3.11 and pip:
#   make demo   set up, then run the main job on the bundled demo corpus
#   make test   set up, then run the tests (and the eval gate)
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: setup demo test eval time-eval crossdoc-eval bench bench-stories clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

demo: setup
	$(VENV)/bin/bilat demo

test: setup
	$(PY) -m pytest -q -p no:cacheprovider

eval: setup
	$(PY) eval/run_eval.py

# reported, never gated: publication and event dates (issue 3) on every gold corpus
time-eval: setup
	$(PY) eval/run_time_eval.py

# reported, never gated: one event per happening, independent sources, contradictions and
# story clusters (issue 4) on the held-out groups in eval/crossdoc
crossdoc-eval: setup
	$(PY) eval/run_crossdoc_eval.py

bench: setup
	$(PY) benchmarks/bench_ingest.py
	$(PY) benchmarks/bench_claims.py

bench-stories: setup
	$(PY) benchmarks/bench_stories.py

clean:
	rm -rf $(VENV) bilat-demo.duckdb
