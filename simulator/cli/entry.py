"""The entry point: the parser of every command, the size checks, and ``main``.

User mistakes (unknown preset or parameter, value out of range, malformed YAML, a
results folder in the way) print one line naming the field and what is allowed, and
exit with status 2, without a traceback.
"""

import argparse
import sys
from collections.abc import Sequence

from simulator.cli.evidence import (
    cmd_backtest,
    cmd_calibrate,
    cmd_claims,
    cmd_heldout,
    cmd_nowcast,
)
from simulator.cli.runs import cmd_compare, cmd_conditional, cmd_merge, cmd_run, cmd_summarize
from simulator.cli.scenarios import cmd_params, cmd_story, cmd_validate
from simulator.cli.shared import (
    DESIGNS,
    conditionals,
    day,
    designs,
    engine,
    executor_args,
    number,
    whole,
)
from simulator.cli.studies import cmd_discover, cmd_morris, cmd_sensitivity, cmd_sweep
from simulator.errors import SimulatorError, shown
from simulator.model.scenario import list_presets
from simulator.results import analysis

DESCRIPTION = "Command line: ``python -m simulator COMMAND ...`` (``--help`` on any command)."
"""What ``--help`` says first (the first line of ``simulator.cli``'s docstring)."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one sub-command per task."""
    parser = argparse.ArgumentParser(prog="python -m simulator", description=DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True)
    presets = ", ".join(list_presets())

    run = sub.add_parser("run", help="run a batch of worlds and summarise it")
    run.add_argument("scenario", help=f"a preset ({presets}) or a .yaml file")
    run.add_argument("--runs", type=whole, default=10_000, help="number of worlds (default 10000)")
    run.add_argument("--seed", type=whole, default=0, help="batch seed (default 0)")
    run.add_argument("--set", action="append", metavar="NAME=VALUE", help="change a parameter")
    run.add_argument("--out", help="write outcomes and manifest to this folder")
    run.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    run.add_argument("--resume", action="store_true", help="finish an interrupted --out folder")
    run.add_argument("--overwrite", action="store_true", help="replace results already in --out")
    run.add_argument("--json", action="store_true", help="print the summary as JSON")
    run.add_argument("--uncertainty", action="store_true",
                     help="draw the scenario's ranged parameters once per block of 256 worlds "
                          "and give each outcome a 95%% predictive interval and the parts of "
                          "its spread (simulation, the ranges)")
    executor_args(run)
    run.set_defaults(func=cmd_run)

    compare = sub.add_parser("compare", help="compare scenarios on common random numbers")
    compare.add_argument("scenarios", nargs="+", help="two or more presets or .yaml files")
    compare.add_argument("--runs", type=whole, default=10_000)
    compare.add_argument("--seed", type=whole, default=0)
    compare.add_argument("--set", action="append", metavar="NAME=VALUE",
                         help="change a parameter in every scenario")
    compare.add_argument("--json", action="store_true")
    compare.add_argument("--out", metavar="DIR",
                         help="also write the table as comparison.csv/.parquet/.json in DIR")
    compare.add_argument("--overwrite", action="store_true",
                         help="replace a comparison already in --out")
    compare.add_argument("--uncertainty", action="store_true",
                         help="draw each view's ranges per block of worlds: each view's "
                              "predictive interval, and the spread over the views split into "
                              "simulation, the views' ranges and their disagreement")
    executor_args(compare)
    compare.set_defaults(func=cmd_compare)

    vary_help = ("a parameter and its range, e.g. chain.base_refusal=0.01:0.3 (repeat for "
                 "more); dummy=0:1 is a pseudo-parameter with no effect")
    sweep = sub.add_parser("sweep", help="run a grid/LHS/Sobol' design over parameter ranges")
    sweep.add_argument("scenario", help=f"a preset ({presets}) or a .yaml file")
    sweep.add_argument("--vary", action="append", metavar="NAME=LOW:HIGH", help=vary_help)
    sweep.add_argument("--design-file", metavar="CSV",
                       help="your own design instead of --vary: one column per parameter, one "
                            "row per point (from EMA Workbench, SALib, a spreadsheet)")
    sweep.add_argument("--design", choices=DESIGNS, default="lhs",
                       help="grid, Latin hypercube (default) or scrambled Sobol' points")
    sweep.add_argument("--points", type=whole, metavar="N",
                       help="points of the design (grid: values per parameter; default "
                            "5 for grid, 16 otherwise; a power of 2 for sobol)")
    sweep.add_argument("--runs-per-point", type=whole, default=2_000, metavar="M",
                       help="worlds at each point (default 2000)")
    sweep.add_argument("--seed", type=whole, default=0,
                       help="seed of every point, so they share their draws (default 0)")
    sweep.add_argument("--set", action="append", metavar="NAME=VALUE",
                       help="change a parameter at every point")
    sweep.add_argument("--out", required=True, metavar="DIR",
                       help="write sweep.parquet, sweep.csv and manifest.json here")
    sweep.add_argument("--overwrite", action="store_true", help="replace a sweep in --out")
    sweep.add_argument("--resume", action="store_true",
                       help="continue an interrupted sweep in --out (same numbers)")
    sweep.add_argument("--uncertainty", action="store_true",
                       help="draw the base's other ranges per block of 256 worlds at every "
                            "point: each outcome gets its predictive interval (pi_low, pi_high)")
    sweep.add_argument("--json", action="store_true", help="print every point as JSON")
    executor_args(sweep)
    sweep.set_defaults(func=cmd_sweep)

    screen = sub.add_parser("morris", help="Morris screening of many parameters (SALib)")
    screen.add_argument("scenario", help=f"a preset ({presets}) or a .yaml file")
    screen.add_argument("--vary", action="append", required=True, metavar="NAME=LOW:HIGH",
                        help=vary_help)
    screen.add_argument("--outcome", default="nuclear_use",
                        help="the outcome screened (default nuclear_use)")
    screen.add_argument("--trajectories", type=whole, default=10, metavar="R",
                        help="trajectories (default 10); points = R x (parameters + 1)")
    screen.add_argument("--levels", type=whole, default=4, help="grid levels (default 4)")
    screen.add_argument("--runs-per-point", type=whole, default=2_000, metavar="M",
                        help="worlds at each point (default 2000)")
    screen.add_argument("--seed", type=whole, default=0)
    screen.add_argument("--set", action="append", metavar="NAME=VALUE",
                        help="change a parameter at every point")
    screen.add_argument("--json", action="store_true", help="print the effects as JSON")
    executor_args(screen)
    screen.set_defaults(func=cmd_morris)

    find = sub.add_parser("discover",
                          help="find which ranges of assumptions lead to an outcome (PRIM)")
    find.add_argument("scenario", help=f"a preset ({presets}) or a .yaml file")
    find.add_argument("--vary", action="append", required=True, metavar="NAME=LOW:HIGH",
                      help=vary_help)
    find.add_argument("--outcome", default="nuclear_use",
                      help="the outcome examined (default nuclear_use)")
    find.add_argument("--threshold", type=number,
                      help="a point is a case when its estimate exceeds this (default: the "
                           "median over the design)")
    find.add_argument("--method", choices=("prim", "cart"), default="prim",
                      help="PRIM (EMA Workbench, default) or a CART tree (scikit-learn)")
    find.add_argument("--points", type=whole, default=128, metavar="N",
                      help="Latin-hypercube points (default 128)")
    find.add_argument("--runs-per-point", type=whole, default=2_000, metavar="M",
                      help="worlds at each point (default 2000)")
    find.add_argument("--min-density", type=number, default=0.8,
                      help="the box chosen has at least this density (default 0.8)")
    find.add_argument("--seed", type=whole, default=0)
    find.add_argument("--set", action="append", metavar="NAME=VALUE",
                      help="change a parameter at every point")
    find.add_argument("--json", action="store_true", help="print the box as JSON")
    executor_args(find)
    find.set_defaults(func=cmd_discover)

    sobol = sub.add_parser("sensitivity",
                           help="Sobol' indices (first-order, total) of one outcome")
    sobol.add_argument("scenario", help=f"a preset ({presets}) or a .yaml file")
    sobol.add_argument("--vary", action="append", metavar="NAME=LOW:HIGH", help=vary_help)
    sobol.add_argument("--ranges", action="store_true",
                       help="vary the preset's own ranges, each drawn from its distribution "
                            "(PERT, triangular, uniform): which unknowns matter most; "
                            "instead of --vary")
    sobol.add_argument("--outcome", action="append",
                       help=f"an outcome to explain (default nuclear_use; repeat it for several: "
                            f"one run answers for all); one of: {', '.join(analysis.OUTCOMES)}")
    sobol.add_argument("--samples", "--base-samples", type=whole, default=64, metavar="N",
                       help="base sample N, a power of 2 (default 64); the model runs at "
                            "N x (parameters + 2) points")
    sobol.add_argument("--runs-per-point", "--runs", type=whole, default=2_000, metavar="M",
                       help="worlds at each point (default 2000)")
    sobol.add_argument("--resamples", type=whole, default=999,
                       help="bootstrap resamples for the intervals (default 999)")
    sobol.add_argument("--seed", type=whole, default=0)
    sobol.add_argument("--set", action="append", metavar="NAME=VALUE",
                       help="change a parameter at every point")
    sobol.add_argument("--out", metavar="DIR",
                       help="write sensitivity.csv/.json, points.parquet and manifest.json here")
    sobol.add_argument("--overwrite", action="store_true",
                       help="replace an analysis in --out")
    sobol.add_argument("--resume", action="store_true",
                       help="continue an interrupted analysis in --out (same numbers)")
    sobol.add_argument("--json", action="store_true", help="print the indices as JSON")
    executor_args(sobol)
    sobol.set_defaults(func=cmd_sensitivity)

    events = ", ".join(conditionals.EVENTS)  # a light module: no model behind it
    given = sub.add_parser("conditional",
                           help="P(THEN within K weeks after GIVEN | GIVEN by week W)")
    given.add_argument("scenarios", nargs="*", help="presets or .yaml files (default baseline)")
    given.add_argument("--then", required=True, metavar="EVENT", help=f"one of: {events}")
    given.add_argument("--within", type=whole, required=True, metavar="K",
                       help="weeks after GIVEN, its own week included")
    given.add_argument("--given", required=True, metavar="EVENT", help=f"one of: {events}")
    given.add_argument("--by", type=whole, required=True, metavar="W",
                       help="GIVEN happened in weeks 0 to W-1 (week 0: 21 Sep 2022)")
    given.add_argument("--runs", type=whole, default=100_000,
                       help="worlds per view (default 100000)")
    given.add_argument("--seed", type=whole, default=0)
    given.add_argument("--set", action="append", metavar="NAME=VALUE",
                       help="change a parameter in every view")
    given.add_argument("--json", action="store_true")
    executor_args(given)
    given.set_defaults(func=cmd_conditional)

    summarize = sub.add_parser("summarize", help="summarise a results folder")
    summarize.add_argument("folder")
    summarize.add_argument("--json", action="store_true")
    summarize.set_defaults(func=cmd_summarize)
    merged = sub.add_parser("merge", help="summarise results folders of one scenario run on "
                                          "distinct seeds (shards) as one sample")
    merged.add_argument("folders", nargs="+", metavar="FOLDER")
    merged.add_argument("--json", action="store_true")
    merged.set_defaults(func=cmd_merge)

    schema = sub.add_parser("params", help="list every parameter with its range and claims")
    schema.add_argument("--json", action="store_true")
    schema.set_defaults(func=cmd_params)

    registry = sub.add_parser(
        "claims", help="list the claims; --check runs each check under its preset and falsifier")
    registry.add_argument("--check", action="store_true",
                          help="run each check where it must hold and where it must fail")
    registry.add_argument("--scenario", metavar="PRESET_OR_FILE",
                          help="with --check: run every check in this scenario instead")
    registry.add_argument("--set", action="append", metavar="NAME=VALUE",
                          help="with --check: change a parameter wherever the checks run")
    registry.add_argument("--speaker", help="only this speaker's claims (part of the name)")
    registry.add_argument("--runs", type=whole, default=20_000)
    registry.add_argument("--seed", type=whole, default=1)
    registry.set_defaults(func=cmd_claims)

    back = sub.add_parser("backtest",
                          help="score views against what happened and the 2022 forecasts")
    back.add_argument("scenarios", nargs="*",
                      help=f"presets or .yaml files (default: every preset: {presets})")
    back.add_argument("--runs", type=whole, default=20_000, help="worlds per view (default 20000)")
    back.add_argument("--seed", type=whole, default=2022)
    back.add_argument("--set", action="append", metavar="NAME=VALUE",
                      help="change a parameter in every view")
    back.add_argument("--record", metavar="FILE",
                      help="another record file (default scenarios/record.yaml)")
    back.add_argument("--json", action="store_true")
    back.add_argument("--workers", type=whole, help="worker processes (default: all cores)")
    back.set_defaults(func=cmd_backtest)

    held = sub.add_parser("heldout", help="score views on the held-out years 2023-25 "
                                          "(docs/HELD_OUT.md: read the rules first)")
    held.add_argument("scenarios", nargs="*", help="presets or .yaml files (default: every "
                                                   "preset)")
    held.add_argument("--runs", type=whole, default=100_000, help="worlds per view")
    held.add_argument("--seed", type=whole, default=2022)
    held.add_argument("--set", action="append", metavar="NAME=VALUE")
    held.add_argument("--json", action="store_true")
    held.add_argument("--workers", type=whole, help="worker processes (default: all cores)")
    held.set_defaults(func=cmd_heldout)

    now = sub.add_parser("nowcast", help="a view's answer at a date given the record up to it, "
                                         "or the risk over time (--series)")
    now.add_argument("scenarios", nargs="+", help=f"presets or .yaml files ({presets})")
    now.add_argument("--as-of", type=day, metavar="DATE",
                     help="the date, YYYY-MM-DD, within the record (21 Sep 2022 - 21 Sep 2023; "
                          "with --war, to 17 Sep 2025)")
    now.add_argument("--series", action="store_true",
                     help="every --every weeks from 21 Sep 2022, with the forecasts of the "
                          "time and the prequential scores")
    now.add_argument("--war", action="store_true",
                     help="the whole war, 21 Sep 2022 - 17 Sep 2025: each view over 156 weeks "
                          "with the held-out years' events scheduled, the record with their "
                          "events and the later forecasts (from 21 Sep 2023: held-out tests)")
    now.add_argument("--weeks", type=whole, default=13, help="the window (default 13 weeks)")
    now.add_argument("--every", type=whole, default=4, help="--series: weeks between dates")
    now.add_argument("--outcome", default="nuclear_use",
                     choices=("nuclear_use", "nuclear_order", "leader_ousted", "nato_involved"))
    now.add_argument("--ess", type=whole, default=5_000,
                     help="effective sample size to reach (default 5000)")
    now.add_argument("--max-worlds", type=whole, default=1_000_000,
                     help="the most worlds drawn per view (default 1000000)")
    now.add_argument("--seed", type=whole, default=2022)
    now.add_argument("--set", action="append", metavar="NAME=VALUE",
                     help="change a parameter in every view")
    now.add_argument("--record", metavar="FILE",
                     help="another record file (default scenarios/record.yaml)")
    now.add_argument("--json", action="store_true")
    now.add_argument("--workers", type=whole, help="worker processes (default: all cores)")
    now.set_defaults(func=cmd_nowcast)

    fit = sub.add_parser("calibrate",
                         help="fit the free baseline parameters to the 2022 forecasts")
    fit.add_argument("--runs", type=whole, default=20_000,
                     help="worlds per evaluation (default 20000, as the schema's fit)")
    fit.add_argument("--seed", type=whole, default=2022)
    fit.add_argument("--record", metavar="FILE",
                     help="another record file (default scenarios/record.yaml)")
    fit.add_argument("--json", action="store_true")
    fit.set_defaults(func=cmd_calibrate)

    validate = sub.add_parser("validate", help="check a scenario file")
    validate.add_argument("file")
    validate.set_defaults(func=cmd_validate)

    tell = sub.add_parser("story", help="tell one world week by week")
    tell.add_argument("scenario")
    tell.add_argument("--seed", type=whole, default=0)
    tell.add_argument("--world", type=whole, default=0)
    tell.add_argument("--set", action="append", metavar="NAME=VALUE")
    tell.add_argument("--all-weeks", action="store_true", help="print quiet weeks too")
    tell.set_defaults(func=cmd_story)
    return parser



MAX_WORKERS = 1024
"""Most worker processes ``--workers`` may ask for."""


def check_args(args: argparse.Namespace) -> None:
    """Refuse sizes beyond the stated maxima before any work (or allocation) starts."""
    counts = {"runs": lambda: engine.MAX_RUNS, "runs_per_point": lambda: engine.MAX_RUNS,
              "points": lambda: designs.MAX_POINTS, "samples": lambda: designs.MAX_POINTS,
              "resamples": lambda: designs.MAX_RESAMPLES}
    for name, maximum in counts.items():  # a command without sizes loads no model
        if getattr(args, name, None) is not None:
            engine.check_runs(getattr(args, name), name, maximum())
    workers = getattr(args, "workers", None)
    if workers is not None and not 1 <= workers <= MAX_WORKERS:
        raise SimulatorError(f"workers: {shown(workers)} is not allowed; expected a whole "
                             f"number from 1 to {MAX_WORKERS:,}")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        check_args(args)
        return args.func(args)
    except SimulatorError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; finished chunks are kept - re-run with --resume", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`... | head`): not an error of ours
        sys.stderr.close()
        return 0
