"""The commands of studies over many points: sweep, morris, discover, sensitivity (--ranges)."""

import functools
import json

from simulator.cli.shared import (
    designs,
    experiment_folder,
    morris,
    results,
    scenario_with,
    sobol,
    sweeps,
    unknowns,
)
from simulator.errors import SimulatorError


def _design_file(path: str):
    """A CSV of points (one column per parameter), or an error naming the file."""
    import pandas as pd

    try:
        design = pd.read_csv(path)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise SimulatorError(f"--design-file {path}: cannot read it as CSV ({error})") from None
    if design.empty or len(design) > designs.MAX_POINTS:
        raise SimulatorError(f"--design-file {path}: {len(design):,} rows; expected 1 to "
                             f"{designs.MAX_POINTS:,} points, one per row")
    return design


def cmd_sweep(args) -> int:
    """Run a design over parameter ranges, every point on the same seed; write one row per point."""
    scenario = scenario_with(args.scenario, args.set)
    if args.design_file:
        from simulator import api

        if args.vary:
            raise SimulatorError("--design-file and --vary: give one or the other")
        if args.uncertainty:
            raise SimulatorError("--design-file and --uncertainty: a design file's points are "
                                 "run at their values only; give --vary for a sweep with "
                                 "uncertainty")
        folder = experiment_folder.prepare_out(args.out, args.overwrite, ("sweep.parquet",
                                                                         "sweep.csv"))
        table = api.evaluate(scenario, _design_file(args.design_file), args.runs_per_point,
                             args.seed, workers=args.workers, dask=args.dask,
                             progress=not (args.quiet or args.json))
        folder.mkdir(parents=True, exist_ok=True)
        experiment_folder.write_table(folder, "sweep", table)
        results.write_manifest(folder, experiment_folder.manifest(
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
    result = sweeps.sweep(scenario, args.vary, design=args.design, points=args.points,
                          runs_per_point=args.runs_per_point, seed=args.seed, out=args.out,
                          overwrite=args.overwrite, resume=args.resume, workers=args.workers,
                          dask=args.dask, progress=not (args.quiet or args.json),
                          uncertainty=args.uncertainty)
    if args.json:
        print(json.dumps(result.summary(), indent=2))
        return 0
    print(result.table())
    print(f"\nEvery outcome with its interval, one row per point: {args.out}/sweep.parquet "
          f"(and sweep.csv); {result.seconds:.1f} s")
    return 0


def cmd_morris(args) -> int:
    """Morris elementary effects: screen many parameters cheaply before a Sobol' analysis."""
    scenario = scenario_with(args.scenario, args.set)
    result = morris.morris(scenario, args.vary, outcome=args.outcome,
                           trajectories=args.trajectories, levels=args.levels,
                           runs_per_point=args.runs_per_point, seed=args.seed,
                           workers=args.workers, dask=args.dask,
                           progress=not (args.quiet or args.json))
    print(json.dumps(result.summary(), indent=2, default=float) if args.json else result.table())
    return 0


def cmd_discover(args) -> int:
    """Find the ranges of assumptions where an outcome is high (PRIM or CART)."""
    from simulator.studies import discovery

    scenario = scenario_with(args.scenario, args.set)
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
    if args.ranges and args.vary:
        raise SimulatorError("sensitivity: --ranges varies the preset's own ranges, --vary the "
                             "parameters you name; give one or the other (to vary one ranged "
                             "parameter over other bounds, use --vary alone)")
    if not (args.ranges or args.vary):
        raise SimulatorError("sensitivity: give --vary NAME=LOW:HIGH (one or more), or "
                             "--ranges for the preset's own ranges")
    scenario = scenario_with(args.scenario, args.set)
    outcomes = args.outcome or ["nuclear_use"]
    for outcome in outcomes:
        designs.check_outcome(outcome)
    study = unknowns.unknowns if args.ranges else functools.partial(sobol.sensitivity,
                                                                     vary=args.vary)
    result = study(scenario, outcome=outcomes[0], samples=args.samples,
                   runs_per_point=args.runs_per_point, seed=args.seed, resamples=args.resamples,
                   out=args.out, overwrite=args.overwrite, resume=args.resume,
                   workers=args.workers, dask=args.dask, progress=not (args.quiet or args.json))
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
