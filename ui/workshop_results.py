"""Moved to ``workshop/results.py`` (no Streamlit there); kept for bench/workshop_reveal.py."""

from workshop.results import *  # noqa: F403
from workshop.results import RUNS, SEED, compute, round_results  # noqa: F401
