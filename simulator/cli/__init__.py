"""Command line: ``python -m simulator COMMAND ...`` (``--help`` on any command).

User mistakes (unknown preset or parameter, value out of range, malformed YAML, a
results folder in the way) print one line naming the field and what is allowed, and
exit with status 2, without a traceback.

The modules: ``blas_threads`` (imported first: one BLAS thread, set before numpy loads),
``shared`` (argument types, ``--set``, modules imported on first use), ``runs`` (run,
summarize, compare, conditional), ``studies`` (sweep, morris, discover, sensitivity),
``evidence`` (claims, backtest, heldout, calibrate), ``scenarios`` (params, validate,
story), ``reports`` (what run, summarize and backtest print) and ``entry`` (the parser, the
size checks and ``main``, the console script ``simulator.cli:main``).
"""

from simulator.cli import blas_threads  # noqa: F401 - first: its setting must precede numpy
from simulator.cli.entry import MAX_WORKERS, build_parser, check_args, main
from simulator.cli.shared import DESIGNS, number, whole

__all__ = ["DESIGNS", "MAX_WORKERS", "build_parser", "check_args", "main", "number", "whole"]
