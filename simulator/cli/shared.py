"""What every command shares: argument types, scenarios with ``--set``, deferred modules.

The heavy modules are imported when a command first uses them (``Deferred``), so that
``--help``, ``params`` and ``validate`` load no model.
"""

import argparse
import datetime as dt
import importlib
from collections.abc import Sequence

from simulator.errors import shown
from simulator.model import params
from simulator.model.scenario import Scenario, load


class Deferred:
    """A module imported when one of its attributes is first read.

    The model (Mesa), scipy and pyarrow cost over a second to import; ``--help``,
    ``params`` and ``validate`` need none of them, so a command pays only for what it uses.
    The import itself is the ordinary one (``importlib.util.LazyLoader`` half-loaded
    modules that import each other).
    """

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attribute: str):
        return getattr(importlib.import_module(self._name), attribute)


DESIGNS = ("grid", "lhs", "sobol")
"""designs.DESIGNS, written out so that building the parser loads no model (tested)."""

claims = Deferred("simulator.evidence.claims")
comparison = Deferred("simulator.studies.comparison")
conditionals = Deferred("simulator.studies.conditionals")
designs = Deferred("simulator.studies.designs")
engine = Deferred("simulator.running.engine")
experiment_folder = Deferred("simulator.studies.experiment_folder")
held_out = Deferred("simulator.evidence.held_out")
morris = Deferred("simulator.studies.morris")
nowcast = Deferred("simulator.evidence.nowcast")
nowcast_series = Deferred("simulator.evidence.nowcast_series")
record = Deferred("simulator.evidence.record")
results = Deferred("simulator.results")
sobol = Deferred("simulator.studies.sobol")
story = Deferred("simulator.studies.story")
sweeps = Deferred("simulator.studies.sweeps")
unknowns = Deferred("simulator.studies.unknowns")
uncertainty = Deferred("simulator.studies.uncertainty")
war = Deferred("simulator.evidence.war")


def scenario_with(name: str, assignments: Sequence[str] | None) -> Scenario:
    """The preset or scenario file ``name`` with the ``--set NAME=VALUE`` changes applied."""
    scenario = load(name)
    changes = dict(params.parse_assignment(text) for text in assignments or [])
    return scenario.with_overrides(changes)


def whole(text: str) -> int:
    """A whole number from the command line, written with the digits 0-9 (argparse type).

    ``int()`` alone also reads ``1_000`` and other scripts' digits (``'٣'`` as 3).
    """
    if params.PLAIN_WHOLE.fullmatch(text.strip()) is None:
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a whole number written with "
                                         "the digits 0-9 (e.g. 10000)")
    try:
        return int(text)
    except ValueError:  # more digits than Python reads: far past any maximum
        raise argparse.ArgumentTypeError(f"a number of {len(text.strip()):,} digits is out "
                                         "of range") from None


def day(text: str) -> dt.date:
    """A date from the command line, YYYY-MM-DD (argparse type)."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a date; expected YYYY-MM-DD "
                                         "(e.g. 2022-11-11)") from None


def number(text: str) -> float:
    """A number from the command line, written with the digits 0-9 (argparse type)."""
    if params.PLAIN_NUMBER.fullmatch(text.strip()) is None:
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a number written with the "
                                         "digits 0-9 (e.g. 0.5)")
    return float(text)


def executor_args(parser: argparse.ArgumentParser) -> None:
    """Add ``--workers``, ``--dask`` and ``--quiet``: where a command's worlds run."""
    parser.add_argument("--workers", type=whole, help="worker processes (default: all cores)")
    parser.add_argument("--dask", metavar="ADDRESS", help="run on a Dask scheduler, tcp://host:8786")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
