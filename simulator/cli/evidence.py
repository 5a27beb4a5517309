"""The commands of the evidence: claims, backtest, heldout, calibrate, nowcast."""

import json

from simulator.cli.reports import (
    PREQUENTIAL_CAVEAT,
    backtest_json,
    backtest_lines,
    prequential,
    prequential_json,
    prequential_lines,
)
from simulator.cli.shared import (
    claims,
    engine,
    held_out,
    nowcast,
    nowcast_series,
    record,
    scenario_with,
    war,
)
from simulator.errors import SimulatorError, shown
from simulator.model import params
from simulator.model.scenario import list_presets, load


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


def cmd_backtest(args) -> int:
    """Score each view against the record of the year and the forecasts of the time.

    Then each view's prequential score over the record: its nowcast of each 13-week period
    given what was known at the period's start (``nowcast_series``), scored on what happened.
    """
    rec = record.load(args.record) if args.record else record.default()
    names = args.scenarios or list_presets()
    scenarios = [scenario_with(name, args.set) for name in names]
    engine.check_runs(args.runs)
    views = record.backtest(scenarios, args.runs, args.seed, rec, workers=args.workers)
    scores = prequential(scenarios, rec, args.seed, args.workers)
    if args.json:
        print(json.dumps({**backtest_json(views, args.runs, args.seed),
                          "prequential": prequential_json(scores)}, indent=2))
    else:
        print("\n".join(backtest_lines(views, rec, args.runs, args.seed)
                        + prequential_lines(scores, args.seed)))
    return 0


def cmd_heldout(args) -> int:
    """Score views on the held-out years 2023-25 (their events scheduled, their record)."""
    held = held_out.load()
    scenarios = [scenario_with(name, args.set) for name in args.scenarios or list_presets()]
    engine.check_runs(args.runs)
    scores = held_out.score(scenarios, args.runs, args.seed, workers=args.workers, held=held)
    print(json.dumps(held_out.as_json(scores), indent=2) if args.json
          else "\n".join(held_out.lines(scores, held)))
    return 0


def cmd_calibrate(args) -> int:
    """Fit the free baseline parameters to the forecasts of the time and report the fit."""
    from simulator.evidence import calibrate  # scipy.optimize only when asked

    rec = record.load(args.record) if args.record else record.default()
    engine.check_runs(args.runs)
    fit = calibrate.fit(load("baseline"), args.runs, args.seed, rec)
    print(json.dumps(fit.summary(), indent=2) if args.json else fit.table())
    return 0


def cmd_nowcast(args) -> int:
    """Each view's answer at --as-of given the record up to it, or the series (--series)."""
    rec = record.load(args.record) if args.record else record.default()
    if (args.as_of is None) == (not args.series):
        raise SimulatorError("nowcast: give --as-of DATE (one date) or --series (every "
                             f"--every weeks), not {'both' if args.series else 'neither'}")
    scenarios = [scenario_with(name, args.set) for name in args.scenarios]
    if args.war:  # the whole war: 156 weeks, the held-out years' events scheduled
        scenarios, rec = [war.scenario(s) for s in scenarios], war.record(rec)
    engine.check_runs(args.max_worlds, "max_worlds")
    engine.check_runs(args.ess, "ess", args.max_worlds)
    options = {"target": args.ess, "cap": args.max_worlds, "seed": args.seed,
               "record": rec, "workers": args.workers}
    if args.series:
        views = nowcast_series.series(scenarios, args.weeks, args.every, args.outcome,
                                      **options)
        print(json.dumps({"seed": args.seed, **span(args.war),
                          "views": [v.as_dict() for v in views]}, indent=2)
              if args.json else "\n".join(series_lines(views, args.war)))
        return 0
    found = [nowcast.nowcast(s, args.as_of, args.weeks, args.outcome, **options)
             for s in scenarios]
    print(json.dumps({"seed": args.seed, **span(args.war),
                      "views": [n.as_dict() for n in found]}, indent=2)
          if args.json else "\n".join(nowcast_lines(found)
                                      + ([held_out_note()] if args.war else [])))
    return 0


def held_out_note() -> str:
    """What a whole-war answer says of the held-out years.

    A function, not a constant: the evidence loads only for the commands that print it.
    """
    return (f"The whole war: from {war.HELD_OUT_FROM:%d %b %Y} these are the held-out years "
            "(scenarios/record-2023-2025.yaml), never used to set anything; their events "
            "are scheduled in every world, and answers there are tests (docs/HELD_OUT.md).")


def span(whole_war: bool) -> dict:
    """The JSON's record span: the record year, or the whole war with its held-out start."""
    if not whole_war:
        return {"span": "record-year"}
    return {"span": "war", "held_out_from": str(war.HELD_OUT_FROM)}


def nowcast_lines(found) -> list[str]:
    """The text table of ``nowcast``: each view given the record and ignoring it, and why."""
    first = found[0]
    start, end = first.window
    lines = [f"P({first.outcome} in {start:%d %b %Y} - {end:%d %b %Y}, the {first.weeks} "
             f"weeks from the week of {first.as_of:%d %b %Y} | the record up to that date)",
             "", f"{'view':16s} {'given the record':24s} {'ignoring it':24s} {'ESS':>8s} "
             f"{'worlds':>10s} {'seconds':>8s}"]
    for n in found:
        short = "" if n.ess >= n.target else f"  (below the target {n.target:,}: cap reached)"
        lines.append(f"{n.view:16s} {n.estimate.text():24s} {n.unconditioned.text():24s} "
                     f"{n.ess:8,.0f} {n.worlds:10,} {n.seconds:8.2f}{short}")
    lines += ["", "Conditioned on (share of the first view's worlds that agree):"]
    lines += [f"  {f.fact.id}: {f.fact.test} ({f.share:.1%})" for f in first.facts] or \
        ["  nothing: no time has passed"]
    lines += ["Not conditioned on (no dated trace in a world, or dated later):"]
    lines += [f"  {i}: {why}" for i, why in first.skipped]
    lines += ["", "ESS: effective sample size, how many equally weighted worlds the answer is "
              "worth; the interval is simulation noise on them, not the spread of the views' "
              "assumptions."]
    return lines


def series_lines(views, whole_war: bool = False) -> list[str]:
    """The text of ``nowcast --series``: the risk over time, the forecasts, the scores."""
    first = views[0]
    weeks = first.points[0].weeks
    lines = [f"P({first.outcome} within the next {weeks} weeks | the record up to the date)",
             *([held_out_note()] if whole_war else []),
             "", f"{'date':12s}" + "".join(f"{v.view:>15s}" for v in views)]
    for i, point in enumerate(first.points):
        lines.append(f"{point.as_of!s:12s}" + "".join(
            f"{v.points[i].estimate.estimate:15.1%}" for v in views))
    lines += ["", "Forecasts of the time, and each view's answer to the same question on the "
              "same date (* cut at the view's horizon):"]
    for i, beside in enumerate(first.beside):
        f = beside.forecast
        mark = "*" if beside.truncated else " "
        lines.append(f"  {f.made!s} {f.id:36s} {f.probability:6.1%}{mark}  " + "  ".join(
            f"{v.view}: {v.beside[i].point.estimate.estimate:.1%}" for v in views))
    lines += ["", f"Prequential score: each view's forecast of each {weeks}-week period, made "
              "given the record at its start, scored on what happened (higher log score and "
              "lower Brier are better):"]
    for v in views:
        lines.append(f"  {v.view:16s} log score {v.log_score:8.4f}   Brier {v.brier:.5f}   "
                     f"({len(v.periods)} periods, {v.worlds:,} worlds)")
    lines += ["", PREQUENTIAL_CAVEAT]
    return lines
