"""Command line: ``python -m simulator COMMAND ...`` (``--help`` on any command).

User mistakes (unknown preset or parameter, value out of range, malformed YAML, a
results folder in the way) print one line naming the field and what is allowed, and
exit with status 2, without a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence

# Set before numpy loads (the imports below). The model's arithmetic is elementwise, so
# BLAS threads never help a command; numpy's and scipy's OpenBLAS each start one per core at
# import, which cost a fifth of a CPU-second before any world ran, and the worker processes
# would inherit them. Dask's nanny sets the same in its workers; a user's own value wins.
# Not OMP_NUM_THREADS: pyarrow sizes its thread pool for Parquet from it.
for _variable in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from simulator.errors import SimulatorError, shown  # noqa: E402
from simulator.model import params  # noqa: E402
from simulator.model.scenario import Scenario, list_presets, load  # noqa: E402
from simulator.results import analysis


class _Deferred:
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
"""experiments.DESIGNS, written out so that building the parser loads no model (tested)."""

claims = _Deferred("simulator.evidence.claims")
conditionals = _Deferred("simulator.studies.conditionals")
engine = _Deferred("simulator.running.engine")
experiments = _Deferred("simulator.studies.experiments")
held_out = _Deferred("simulator.evidence.held_out")
record = _Deferred("simulator.evidence.record")
results = _Deferred("simulator.results")
story = _Deferred("simulator.studies.story")


def _scenario(name: str, assignments: Sequence[str] | None) -> Scenario:
    scenario = load(name)
    changes = dict(params.parse_assignment(text) for text in assignments or [])
    return scenario.with_overrides(changes)


def _summary_lines(batch: engine.Batch) -> list[str]:
    lines = [f"{batch.scenario.title or batch.scenario.name}",
             f"scenario {batch.scenario.name} (hash {batch.scenario.hash}), seed {batch.seed}, "
             f"{batch.runs:,} worlds x {batch.scenario.parameters['horizon_weeks']} weeks", ""]
    width = max(len(label) for label in analysis.OUTCOMES.values())
    for name, est in batch.estimates.items():
        percent = name in analysis.PROBABILITY_OUTCOMES
        lines.append(f"  {analysis.OUTCOMES[name]:<{width}}  {est.text(percent)}")
    lines.append("")
    lines.append("Intervals: 95% (Wilson for probabilities, Student t for means).")
    return lines


def _summary_json(batch: engine.Batch) -> dict:
    return {
        "scenario": batch.scenario.name,
        "hash": batch.scenario.hash,
        "seed": batch.seed,
        "runs": batch.runs,
        "outcomes": batch.summary(),
    }


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


def number(text: str) -> float:
    """A number from the command line, written with the digits 0-9 (argparse type)."""
    if params.PLAIN_NUMBER.fullmatch(text.strip()) is None:
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a number written with the "
                                         "digits 0-9 (e.g. 0.5)")
    return float(text)


def _executor_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workers", type=whole, help="worker processes (default: all cores)")
    parser.add_argument("--dask", metavar="ADDRESS", help="run on a Dask scheduler, tcp://host:8786")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def cmd_run(args) -> int:
    """Run a batch and print (or write) its summary."""
    scenario = _scenario(args.scenario, args.set)
    batch = engine.run(scenario, args.runs, args.seed, out=args.out, fmt=args.format,
                       workers=args.workers, dask=args.dask, resume=args.resume,
                       overwrite=args.overwrite, progress=not (args.quiet or args.json),
                       keep_worlds=False)  # the summary needs no world: flat memory
    if args.json:
        print(json.dumps(_summary_json(batch), indent=2))
    else:
        print("\n".join(_summary_lines(batch)))
        if args.out:
            print(f"Wrote {batch.runs:,} rows to {args.out}/outcomes.{args.format}/ "
                  f"and {args.out}/manifest.json")
    return 0


def cmd_conditional(args) -> int:
    """P(THEN within K weeks after GIVEN | GIVEN by week W), under each view."""
    scenarios = [_scenario(name, args.set) for name in args.scenarios or ["baseline"]]
    answers = conditionals.ask(scenarios, args.then, args.within, args.given, args.by,
                              args.runs, args.seed, workers=args.workers, dask=args.dask)
    if args.json:
        print(json.dumps({"runs": args.runs, "seed": args.seed,
                          "answers": [a.summary() for a in answers]}, indent=2))
    else:
        print(conditionals.table(answers, args.runs, args.seed))
    return 0


def cmd_summarize(args) -> int:
    """Read a results folder back and print its summary."""
    batch = engine.load(args.folder)
    print(json.dumps(_summary_json(batch), indent=2) if args.json
          else "\n".join(_summary_lines(batch)))
    return 0


def cmd_params(args) -> int:
    """Print the parameter schema."""
    if args.json:
        print(json.dumps({name: {"default": p.default, "low": p.low, "high": p.high,
                                 "unit": p.unit, "help": p.help, "claims": list(p.claims),
                                 "assumption": p.assumption, "integer": p.integer,
                                 "per_layer": p.per_layer}
                          for name, p in params.SCHEMA.items()}, indent=2))
        return 0
    for actor, group in params.by_actor().items():
        print(f"\n[{actor}]")
        for p in group:
            source = ", ".join(p.claims) or "assumption"
            print(f"  {p.name:<34} {p.default:>10g}  {p.low:g}..{p.high:g} {p.unit}")
            print(f"      {p.help}  <- {source}")
    return 0


def cmd_claims(args) -> int:
    """List the claims registry; with --check, run every claim check on both sides."""
    registry = claims.load_claims()
    if args.speaker:
        registry = tuple(c for c in registry if args.speaker.lower() in c.speaker.lower())
    if not args.check and (args.scenario or args.set):
        raise SimulatorError("--scenario and --set go with --check")
    if not args.check:
        for claim in registry:
            print(f"{claim.id}  [{claim.speaker}]\n  \"{claim.quote}\"\n  {claim.paraphrase}\n"
                  f"  -> {', '.join(claim.informs) or '(outcome check only)'}")
        return 0
    problems = claims.problems()
    for problem in problems:
        print(f"REGISTRY PROBLEM: {problem}")
    if args.scenario or args.set:
        return _claims_under(args, registry, problems)
    verdicts = claims.verdicts(args.runs, args.seed, registry)
    for verdict in verdicts:
        status = "PASS" if verdict.discriminates else "FAIL"
        print(f"{status}  {verdict.claim.id}: {verdict.claim.check.says}\n"
              f"      {verdict.text()}\n      {verdict.holds.detail}\n"
              f"      falsifier: {verdict.falsified.detail}")
    failed = sum(not v.discriminates for v in verdicts)
    print(f"\n{len(verdicts) - failed} hold under their preset and fail under their falsifier, "
          f"{failed} do not")
    return 1 if failed or problems else 0


def _claims_under(args, registry, problems) -> int:
    """Every check in one what-if: --scenario replaces each check's preset, --set changes it."""
    changes = dict(params.parse_assignment(text) for text in args.set or [])
    results, cache = [], {}
    for claim in (c for c in registry if c.check):
        base = load(args.scenario) if args.scenario else load(claim.check.preset)
        scenario = base.with_overrides(changes, name=_what_if_name(base.name, changes))
        try:
            results.append(claims.evaluate(claim, args.runs, args.seed, _cache=cache,
                                           under=scenario))
        except SimulatorError as error:  # e.g. a per-layer list against a check's layer count
            print(f"n/a    {claim.id}: cannot run in this what-if: {error}")
    for result in results:
        status = "holds" if result.passed else "fails"
        print(f"{status:5s}  {result.claim.id}: {result.claim.check.says}\n      {result.detail}")
    held = sum(r.passed for r in results)
    print(f"\n{held} of {len(results)} checks that could run hold in this what-if (a failing "
          "check is an answer here, not an error)")
    return 1 if problems else 0


def _what_if_name(name: str, changes: dict) -> str:
    return name + "".join(f" {key}={shown(value)}" for key, value in changes.items())


def _backtest_lines(views: Sequence[record.ViewBacktest], rec: record.Record,
                    runs: int, seed: int) -> list[str]:
    ranked = sorted(views, key=lambda v: v.joint.estimate, reverse=True)
    factors = record.bayes_factors(views)
    lines = [f"What happened, 21 Sep 2022 - 21 Sep 2023, against each view ({runs:,} worlds, "
             f"seed {seed}, common random numbers)", "",
             f"{'view':26s} {'P(the year)':>12s} {'log score':>10s} "
             f"{'Bayes factor (best / this)':>30s}  evidence for the best"]
    for view in ranked:
        factor = factors[view.name]
        lines.append(f"{view.name:26s} {view.joint.estimate:12.2%} {view.log_score:10.2f} "
                     f"{factor.estimate:12.2f} [{factor.low:6.2f}, {factor.high:6.2f}]  "
                     f"{factor.words}")
    lines += ["(the range is simulation noise only; a factor under 3 does not tell the views "
              "apart)"]
    lines += ["", "The term structure: P(nuclear use) within 1, 3, 7 and 12 months of 21 Sep "
                  "2022, beside the forecasts of the time nearest each horizon",
              f"{'within':8s} {'forecasters':30s} " + " ".join(
                  f"{v.name[:11]:>11s}" for v in ranked)]
    for months in record.TERM_MONTHS:
        near = [f for f in rec.scored_forecasts
                if abs(rec.week(f.horizon) - record.month_week(months)) <= 3]
        said = ", ".join(f"{f.probability:.1%} ({f.forecaster.split()[0]})" for f in near) or "-"
        lines.append(f"{f'{months} mo':8s} {said[:30]:30s} " + " ".join(
            f"{v.term[months].estimate:11.1%}" for v in ranked))
    lines += ["", "P(each recorded event) under each view:",
              f"{'event':34s} " + " ".join(f"{v.name[:11]:>11s}" for v in ranked)]
    for event in rec.scored_events:
        lines.append(f"{event.id:34s} " + " ".join(
            f"{v.events[event.id].estimate:11.1%}" for v in ranked))
    lines += ["", "The forecasts of the time, on their own questions (Brier: lower is better):",
              f"{'forecast':36s} {'week':>4s} {'theirs':>7s} " + " ".join(
                  f"{v.name[:11]:>11s}" for v in ranked)]
    for scores in zip(*(v.forecasts for v in ranked), strict=True):
        forecast = scores[0].forecast
        if forecast.scored:
            lines.append(f"{forecast.id:36s} {scores[0].horizon_week:4d} "
                         f"{forecast.probability:7.1%} "
                         + " ".join(f"{s.estimate.estimate:11.1%}" for s in scores))
    own = [f.brier for f in rec.scored_forecasts]
    lines += ["", f"{'mean Brier score':36s} {'':4s} {sum(own) / len(own):7.4f} " + " ".join(
        f"{v.brier:11.4f}" for v in ranked), record.BRIER_CAVEAT]
    lines += ["", "One history is one draw: a view that gave the year a low probability is less "
                  "supported than one that gave it more, not refuted. The record is never used "
                  "to fit the model; only the forecasts are (python -m simulator calibrate)."]
    return lines


def _backtest_json(views: Sequence[record.ViewBacktest], runs: int, seed: int) -> dict:
    factors = record.bayes_factors(views)
    return {"runs": runs, "seed": seed, "brier_caveat": record.BRIER_CAVEAT, "views": [{
        "scenario": v.name, "joint": v.joint.as_dict(), "log_score": v.log_score,
        "bayes_factor_of_best": factors[v.name].as_dict(),
        "term_structure": {f"{m}_months": e.as_dict() for m, e in v.term.items()},
        "brier": v.brier, "events": {k: e.as_dict() for k, e in v.events.items()},
        "forecasts": {f.forecast.id: {"horizon_week": f.horizon_week, "truncated": f.truncated,
                                      "forecaster": f.forecast.probability,
                                      "view": f.estimate.as_dict(), "brier": f.brier,
                                      "scored": f.forecast.scored}
                      for f in v.forecasts},
    } for v in views]}


def cmd_heldout(args) -> int:
    """Score views on the held-out years 2023-25 (their events scheduled, their record)."""
    held = held_out.load()
    scenarios = [_scenario(name, args.set) for name in args.scenarios or list_presets()]
    engine.check_runs(args.runs)
    scores = held_out.score(scenarios, args.runs, args.seed, workers=args.workers, held=held)
    print(json.dumps(held_out.as_json(scores), indent=2) if args.json
          else "\n".join(held_out.lines(scores, held)))
    return 0


def cmd_backtest(args) -> int:
    """Score each view against the record of the year and the forecasts of the time."""
    rec = record.load(args.record) if args.record else record.default()
    names = args.scenarios or list_presets()
    scenarios = [_scenario(name, args.set) for name in names]
    engine.check_runs(args.runs)
    views = record.backtest(scenarios, args.runs, args.seed, rec, workers=args.workers)
    if args.json:
        print(json.dumps(_backtest_json(views, args.runs, args.seed), indent=2))
    else:
        print("\n".join(_backtest_lines(views, rec, args.runs, args.seed)))
    return 0


def cmd_calibrate(args) -> int:
    """Fit the free baseline parameters to the forecasts of the time and report the fit."""
    from simulator.evidence import calibrate  # scipy.optimize only when asked

    rec = record.load(args.record) if args.record else record.default()
    engine.check_runs(args.runs)
    fit = calibrate.fit(load("baseline"), args.runs, args.seed, rec)
    print(json.dumps(fit.summary(), indent=2) if args.json else fit.table())
    return 0


def cmd_validate(args) -> int:
    """Check a scenario file without running it."""
    scenario = load(args.file)
    values = len([name for name in scenario.overrides if name in params.SCHEMA])
    print(f"{args.file}: valid scenario {scenario.name!r} (hash {scenario.hash}), "
          f"{values} value{'' if values == 1 else 's'} differ{'s' if values == 1 else ''} from "
          f"the baseline, {len(scenario.events)} event{'' if len(scenario.events) == 1 else 's'} "
          "scheduled")
    return 0


def cmd_story(args) -> int:
    """Tell one world week by week."""
    scenario = _scenario(args.scenario, args.set)
    if args.world < 0:
        raise SimulatorError(f"world: {args.world} is not allowed; expected a whole number >= 0")
    for week in story.tell(scenario, args.seed, args.world):
        last_week = scenario.parameters["horizon_weeks"] - 1
        rung_changed = week.sentences[-1].startswith("Rung now")
        if args.all_weeks or week.events or rung_changed or week.week in (0, last_week):
            print(week.text())
    return 0


def cmd_compare(args) -> int:
    """Run scenarios on common random numbers; print each one's paired difference from the first."""
    scenarios = [_scenario(name, args.set) for name in args.scenarios]
    result = experiments.compare(scenarios, args.runs, args.seed, out=args.out,
                                 overwrite=args.overwrite, workers=args.workers, dask=args.dask,
                                 progress=not (args.quiet or args.json))
    print(json.dumps(result.summary(), indent=2) if args.json else result.table())
    if args.out and not args.json:
        print(f"\nWrote {args.out}/comparison.csv, comparison.parquet and comparison.json")
    return 0


def _design_file(path: str):
    """A CSV of points (one column per parameter), or an error naming the file."""
    import pandas as pd

    try:
        design = pd.read_csv(path)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise SimulatorError(f"--design-file {path}: cannot read it as CSV ({error})") from None
    if design.empty or len(design) > experiments.MAX_POINTS:
        raise SimulatorError(f"--design-file {path}: {len(design):,} rows; expected 1 to "
                             f"{experiments.MAX_POINTS:,} points, one per row")
    return design


def cmd_sweep(args) -> int:
    """Run a design over parameter ranges, every point on the same seed; write one row per point."""
    scenario = _scenario(args.scenario, args.set)
    if args.design_file:
        from simulator import api

        if args.vary:
            raise SimulatorError("--design-file and --vary: give one or the other")
        folder = experiments._prepare_out(args.out, args.overwrite, ("sweep.parquet",
                                                                      "sweep.csv"))
        table = api.evaluate(_design_file(args.design_file), scenario, args.runs_per_point,
                             args.seed, workers=args.workers, dask=args.dask,
                             progress=not (args.quiet or args.json))
        folder.mkdir(parents=True, exist_ok=True)
        experiments._write_table(folder, "sweep", table)
        results.write_manifest(folder, experiments._manifest(
            "sweep", scenario, args.seed, design_file=str(args.design_file), points=len(table),
            runs_per_point=args.runs_per_point))
        if args.json:
            print(table.to_json(orient="records", indent=2))
        else:
            print(f"{len(table)} points of {args.design_file}, {args.runs_per_point:,} worlds "
                  f"each, seed {args.seed}: every outcome with its interval in "
                  f"{args.out}/sweep.parquet (and sweep.csv)")
        return 0
    if not args.vary:
        raise SimulatorError("sweep: give --vary NAME=LOW:HIGH (one or more) or --design-file")
    result = experiments.sweep(scenario, args.vary, design=args.design, points=args.points,
                               runs_per_point=args.runs_per_point, seed=args.seed, out=args.out,
                               overwrite=args.overwrite, resume=args.resume, workers=args.workers,
                               dask=args.dask,
                               progress=not (args.quiet or args.json))
    if args.json:
        print(json.dumps(result.summary(), indent=2))
        return 0
    print(result.table())
    print(f"\nEvery outcome with its interval, one row per point: {args.out}/sweep.parquet "
          f"(and sweep.csv); {result.seconds:.1f} s")
    return 0


def cmd_morris(args) -> int:
    """Morris elementary effects: screen many parameters cheaply before a Sobol' analysis."""
    scenario = _scenario(args.scenario, args.set)
    result = experiments.morris(scenario, args.vary, outcome=args.outcome,
                                trajectories=args.trajectories, levels=args.levels,
                                runs_per_point=args.runs_per_point, seed=args.seed,
                                workers=args.workers, dask=args.dask,
                                progress=not (args.quiet or args.json))
    print(json.dumps(result.summary(), indent=2, default=float) if args.json else result.table())
    return 0


def cmd_discover(args) -> int:
    """Find the ranges of assumptions where an outcome is high (PRIM or CART)."""
    from simulator.studies import discovery

    scenario = _scenario(args.scenario, args.set)
    found = discovery.discover(scenario, args.vary, outcome=args.outcome,
                               threshold=args.threshold, method=args.method, points=args.points,
                               runs_per_point=args.runs_per_point, seed=args.seed,
                               min_density=args.min_density, workers=args.workers,
                               dask=args.dask, progress=not (args.quiet or args.json))
    if args.json:
        print(json.dumps(found.summary(), indent=2))
        return 0
    print(found.text())
    return 0


def cmd_sensitivity(args) -> int:
    """First-order and total Sobol' indices of outcomes, ranked, with bootstrap intervals."""
    scenario = _scenario(args.scenario, args.set)
    outcomes = args.outcome or ["nuclear_use"]
    for outcome in outcomes:
        experiments.check_outcome(outcome)
    result = experiments.sensitivity(scenario, args.vary, outcome=outcomes[0],
                                     samples=args.samples, runs_per_point=args.runs_per_point,
                                     seed=args.seed, resamples=args.resamples, out=args.out,
                                     overwrite=args.overwrite, resume=args.resume,
                                     workers=args.workers, dask=args.dask,
                                     progress=not (args.quiet or args.json))
    analyses = [result, *(result.for_outcome(outcome) for outcome in outcomes[1:])]
    if args.json:
        found = [a.summary() for a in analyses]
        print(json.dumps(found[0] if len(found) == 1 else found, indent=2))
        return 0
    print("\n\n".join(a.table() for a in analyses))
    if args.out:
        print(f"\nWrote {args.out}/sensitivity.csv, sensitivity.json and points.parquet, which "
              f"holds every outcome at every point ({result.seconds:.1f} s)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one sub-command per task."""
    parser = argparse.ArgumentParser(prog="python -m simulator", description=__doc__.split("\n")[0])
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
    _executor_args(run)
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
    _executor_args(compare)
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
    sweep.add_argument("--json", action="store_true", help="print every point as JSON")
    _executor_args(sweep)
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
    _executor_args(screen)
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
    _executor_args(find)
    find.set_defaults(func=cmd_discover)

    sobol = sub.add_parser("sensitivity",
                           help="Sobol' indices (first-order, total) of one outcome")
    sobol.add_argument("scenario", help=f"a preset ({presets}) or a .yaml file")
    sobol.add_argument("--vary", action="append", required=True, metavar="NAME=LOW:HIGH",
                       help=vary_help)
    sobol.add_argument("--outcome", action="append",
                       help=f"an outcome to explain (default nuclear_use; repeat it for several: "
                            f"one run answers for all); one of: {', '.join(analysis.OUTCOMES)}")
    sobol.add_argument("--samples", type=whole, default=64, metavar="N",
                       help="base sample N, a power of 2 (default 64); the model runs at "
                            "N x (parameters + 2) points")
    sobol.add_argument("--runs-per-point", type=whole, default=2_000, metavar="M",
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
    _executor_args(sobol)
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
    _executor_args(given)
    given.set_defaults(func=cmd_conditional)

    summarize = sub.add_parser("summarize", help="summarise a results folder")
    summarize.add_argument("folder")
    summarize.add_argument("--json", action="store_true")
    summarize.set_defaults(func=cmd_summarize)

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
              "points": lambda: experiments.MAX_POINTS, "samples": lambda: experiments.MAX_POINTS,
              "resamples": lambda: experiments.MAX_RESAMPLES}
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
