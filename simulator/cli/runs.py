"""The commands that run worlds and summarise them: run, summarize, compare, conditional."""

import json

from simulator.cli.reports import summary_json, summary_lines
from simulator.cli.shared import (
    comparison,
    conditionals,
    engine,
    experiment_folder,
    scenario_with,
    uncertainty,
)
from simulator.results import analysis


def cmd_run(args) -> int:
    """Run a batch and print (or write) its summary."""
    scenario = scenario_with(args.scenario, args.set)
    batch = engine.run(scenario, args.runs, args.seed, out=args.out, fmt=args.format,
                       workers=args.workers, dask=args.dask, resume=args.resume,
                       overwrite=args.overwrite, progress=not (args.quiet or args.json),
                       keep_worlds=False,  # the summary needs no world: flat memory
                       uncertainty=args.uncertainty)
    if args.json:
        print(json.dumps(summary_json(batch), indent=2))
    else:
        print("\n".join(summary_lines(batch)))
        if args.out:
            print(f"Wrote {batch.runs:,} rows to {args.out}/outcomes.{args.format}/ "
                  f"and {args.out}/manifest.json")
    return 0


def cmd_summarize(args) -> int:
    """Read a results folder back and print its summary."""
    batch = engine.load(args.folder)
    print(json.dumps(summary_json(batch), indent=2) if args.json
          else "\n".join(summary_lines(batch)))
    return 0


def cmd_merge(args) -> int:
    """Merge results folders of one scenario on distinct seeds; print the summary."""
    from simulator.results.merging import merge

    merged = merge(args.folders)
    print(json.dumps(merged.summary(), indent=2) if args.json else "\n".join(merged.lines()))
    return 0


def cmd_compare(args) -> int:
    """Run scenarios on common random numbers; print each one's paired difference from the first."""
    scenarios = [scenario_with(name, args.set) for name in args.scenarios]
    if args.uncertainty:
        return compare_uncertain(scenarios, args)
    result = comparison.compare(scenarios, args.runs, args.seed, out=args.out,
                                overwrite=args.overwrite, workers=args.workers, dask=args.dask,
                                progress=not (args.quiet or args.json))
    print(json.dumps(result.summary(), indent=2) if args.json else result.table())
    if args.out and not args.json:
        print(f"\nWrote {args.out}/comparison.csv, comparison.parquet and comparison.json")
    return 0


def cmd_conditional(args) -> int:
    """P(THEN within K weeks after GIVEN | GIVEN by week W), under each view."""
    scenarios = [scenario_with(name, args.set) for name in args.scenarios or ["baseline"]]
    answers = conditionals.ask(scenarios, args.then, args.within, args.given, args.by,
                              args.runs, args.seed, workers=args.workers, dask=args.dask)
    if args.json:
        print(json.dumps({"runs": args.runs, "seed": args.seed,
                          "answers": [a.summary() for a in answers]}, indent=2))
    else:
        print(conditionals.table(answers, args.runs, args.seed))
    return 0


def compare_uncertain(scenarios, args) -> int:
    """``compare --uncertainty``: each view's predictive intervals, then the views pooled."""
    if args.out:  # before any work: a folder in the way is refused at once
        experiment_folder.prepare_out(args.out, args.overwrite, uncertainty.FILES)
    batches = engine.run_many(scenarios, args.runs, args.seed, workers=args.workers,
                              dask=args.dask, progress=not (args.quiet or args.json),
                              uncertainty=True)
    pooled = uncertainty.views_spread(batches)
    if args.out:
        uncertainty.write(batches, pooled, args.out, args.runs, args.seed, args.overwrite)
    if args.json:
        print(json.dumps({"runs": args.runs, "seed": args.seed,
                          "views": {b.scenario.name: b.summary() for b in batches},
                          "pooled": {name: one.as_dict() for name, one in pooled.items()}},
                         indent=2))
        return 0
    lines = []
    for batch in batches:
        lines += [f"{batch.scenario.name}: {batch.scenario.title}"]
        lines += [f"  {analysis.OUTCOMES[name]}: {one.text()}"
                  for name, one in batch.predictive.items()]
        lines.append("")
    lines += [f"The {len(batches)} views together ({args.runs:,} worlds each, seed {args.seed}, "
              "blocks paired across views):"]
    lines += [f"  {analysis.OUTCOMES[name]}: {one.text()}" for name, one in pooled.items()]
    if args.out:
        lines += ["", f"Wrote {args.out}/uncertainty.csv, uncertainty.parquet and "
                      "uncertainty.json"]
    print("\n".join(lines))
    return 0
