"""The commands of the evidence: claims, backtest, heldout, calibrate."""

import json

from simulator.cli.reports import backtest_json, backtest_lines
from simulator.cli.shared import claims, engine, held_out, record, scenario_with
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
    """Score each view against the record of the year and the forecasts of the time."""
    rec = record.load(args.record) if args.record else record.default()
    names = args.scenarios or list_presets()
    scenarios = [scenario_with(name, args.set) for name in names]
    engine.check_runs(args.runs)
    views = record.backtest(scenarios, args.runs, args.seed, rec, workers=args.workers)
    if args.json:
        print(json.dumps(backtest_json(views, args.runs, args.seed), indent=2))
    else:
        print("\n".join(backtest_lines(views, rec, args.runs, args.seed)))
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
