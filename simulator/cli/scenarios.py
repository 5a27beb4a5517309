"""Commands that read the inputs or tell one world: params (the schema), validate, story."""

import json

from simulator.cli.shared import scenario_with, story
from simulator.errors import SimulatorError
from simulator.model import labels, params
from simulator.model.scenario import load


def cmd_params(args) -> int:
    """Print the parameter schema, each id beside the plain name the pages show."""
    if args.json:
        print(json.dumps({name: {"name": labels.PARAMETERS.get(name, name),
                                 "shown_unit": labels.shown_unit(name, p.unit),
                                 "default": p.default, "low": p.low, "high": p.high,
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
            print(f"      {labels.PARAMETERS.get(p.name, p.name)}: {p.help}  <- {source}")
    return 0


def cmd_validate(args) -> int:
    """Check a scenario file without running it."""
    scenario = load(args.file)
    if scenario.pool:
        views = ", ".join(f"{m.name} {m.weight:.1%}" for m in scenario.pool)
        print(f"{args.file}: valid pooled view {scenario.name!r} (hash {scenario.hash}) of "
              f"{len(scenario.pool)} views: {views}")
        return 0
    values = len([name for name in scenario.overrides if name in params.SCHEMA])
    print(f"{args.file}: valid scenario {scenario.name!r} (hash {scenario.hash}), "
          f"{values} value{'' if values == 1 else 's'} differ{'s' if values == 1 else ''} from "
          f"the baseline, {len(scenario.events)} event{'' if len(scenario.events) == 1 else 's'} "
          "scheduled")
    return 0


def cmd_story(args) -> int:
    """Tell one world week by week."""
    scenario = scenario_with(args.scenario, args.set)
    if args.world < 0:
        raise SimulatorError(f"world: {args.world} is not allowed; expected a whole number >= 0")
    for week in story.tell(scenario, args.seed, args.world):
        last_week = scenario.parameters["horizon_weeks"] - 1
        rung_changed = week.sentences[-1].startswith("Rung now")
        if args.all_weeks or week.events or rung_changed or week.week in (0, last_week):
            print(week.text())
    return 0
