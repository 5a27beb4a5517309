"""Speed v2 benchmark: the figures of issue "Speed v2", each against an anchor of the same run.

- **One process**: worlds x 52 weeks per CPU-second of ``engine.run(workers=1)``, against
  the CPU time of drawing the same worlds' uniforms alone (``model.model_draws``, into one
  reused array as the engine draws them).
- **Command line**: CPU seconds (user + system) of the whole process
  ``python -m simulator run baseline --runs 10000``, against ``python -m simulator --help``
  and against ``python -c "import mesa"``, the floor of any command that builds the model
  (with BLAS single-threaded, as the command line starts it).
- **A design of small points**: 64 points x 2,000 worlds through ``engine.evaluate`` (one
  vectorised model per 16,384 worlds, ``model.per_world``), against one model per point
  with its weekly DataCollector, as every point ran before.
- **Sobol'**: ``sobol.sensitivity`` of 4 parameters, N = 512, 2,000 worlds per point,
  on 2 worker processes (wall clock).

Minimum and median of 3 runs (the Sobol' analysis once with ``--quick``, at N = 64).
Nothing asserts a time: the targets are printed next to the numbers.

    .venv/bin/python -m bench.speed_bench [--quick]
"""

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 2022
SOBOL_VARY = ["chain.base_refusal=0.01:0.3", "leader.resolve=0:6",
              "leader.nuclear_threshold=0.4:1", "west.influence=0:1"]
TARGETS = {"worlds_per_cpu_second": 120_000, "model_vs_draws": 2.2, "cli_cpu_seconds": 1.0,
           "sobol_seconds": 20.0}


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _spread(values: list[float]) -> tuple[float, float]:
    return min(values), statistics.median(values)


def one_process(runs: int) -> tuple[float, float]:
    """CPU seconds of ``engine.run`` in this process, and of drawing its uniforms alone."""
    from simulator.model.scenario import load
    from simulator.model.world import model_draws
    from simulator.running import engine

    scenario = load("baseline")
    started = time.process_time()
    engine.run(scenario, runs, SEED, workers=1)
    model_seconds = time.process_time() - started
    started = time.process_time()
    drawn = None
    for chunk, n in engine.plan(runs):  # into one array, as the engine reuses its draws' memory
        out = drawn if drawn is not None and drawn.shape[2] == n else None
        drawn = model_draws(engine.chunk_rng(SEED, chunk), n, scenario.parameters["horizon_weeks"],
                            out=out)
    return model_seconds, time.process_time() - started


def process_cpu(args: list[str], env: dict[str, str] | None = None) -> float:
    """User + system CPU seconds of one ``python ARGS`` process (``env`` added to ours)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, **(env or {})})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def design(count: int, runs: int) -> tuple[float, float]:
    """CPU seconds of a design through ``engine.evaluate``, and one model per point.

    The design is the Latin hypercube ``sweep --design lhs`` makes over the Sobol' parameters.
    """
    from simulator.model.scenario import load
    from simulator.model.world import EscalationModel
    from simulator.running import engine
    from simulator.studies import designs

    base = load("baseline")
    varies = [designs.parse_vary(text) for text in SOBOL_VARY]
    parameter_sets = [designs.point_scenario(base, varies, row).parameters
                      for row in designs.design_points(varies, "lhs", count, SEED)]
    with engine.open_runner(count * runs, workers=1) as runner:
        started = time.process_time()
        together = engine.evaluate(parameter_sets, runs, SEED, runner)
        vectorised = time.process_time() - started
    started = time.process_time()
    alone = [engine.OutcomeStats.of(EscalationModel(p, n_worlds=runs,
                                                    rng=engine.chunk_rng(SEED, 0)).run().outcomes())
             for p in parameter_sets]
    one_by_one = time.process_time() - started
    if [s.estimates() for s in together] != [s.estimates() for s in alone]:
        raise RuntimeError("the vectorised design differs from one model per point")
    return vectorised, one_by_one


def sobol(samples: int) -> float:
    """Wall seconds of a Sobol' analysis of 4 parameters on 2 worker processes."""
    from simulator.studies.sobol import sensitivity

    started = time.perf_counter()
    sensitivity("baseline", SOBOL_VARY, samples=samples, runs_per_point=2_000, seed=SEED,
                workers=2)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> str:
    """Run the speed benchmark; print and return its markdown table."""
    parser = argparse.ArgumentParser(prog="python -m bench.speed_bench")
    parser.add_argument("--quick", action="store_true",
                        help="10^5 worlds in one process and a Sobol' analysis at N = 64")
    args = parser.parse_args(argv)
    runs = 100_000 if args.quick else 1_000_000
    samples = 64 if args.quick else 512
    repeats = 3

    from simulator.model.scenario import load
    from simulator.running import engine

    engine.run(load("baseline"), 2_000, SEED, workers=1)  # warm up imports and caches
    model, draws = [], []
    for i in range(repeats):
        _log(f"one process: {runs:,} worlds ({i + 1}/{repeats}) ...")
        seconds, drawing = one_process(runs)
        model.append(seconds)
        draws.append(drawing)
    cli, help_, mesa = [], [], []
    for i in range(repeats):
        _log(f"command line: run --runs 10000, --help and import mesa ({i + 1}/{repeats}) ...")
        cli.append(process_cpu(["-m", "simulator", "run", "baseline", "--runs", "10000",
                                "--seed", str(SEED)]))
        help_.append(process_cpu(["-m", "simulator", "--help"]))
        mesa.append(process_cpu(["-c", "import mesa"], {"OPENBLAS_NUM_THREADS": "1"}))
    together, alone = [], []
    for i in range(repeats):
        _log(f"design: 64 points x 2,000 worlds ({i + 1}/{repeats}) ...")
        vectorised, one_by_one = design(64, 2_000)
        together.append(vectorised)
        alone.append(one_by_one)
    sobol_times = []
    for i in range(1 if args.quick else repeats):
        _log(f"Sobol': 4 parameters, N = {samples}, 2,000 worlds per point, 2 workers "
             f"({i + 1}) ...")
        sobol_times.append(sobol(samples))

    best_model, best_draws = min(model), min(draws)
    rate = runs / best_model
    ratio = best_model / best_draws
    verdict = lambda ok: "met" if ok else "NOT MET"  # noqa: E731
    sobol_points = samples * (len(SOBOL_VARY) + 2)
    lines = [
        f"Speed benchmark (`python -m bench.speed_bench{' --quick' if args.quick else ''}`): "
        f"baseline, seed {SEED}; {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"min / median of {repeats}.",
        "",
        "| what | measured (min / median) | anchor, same run (min / median) | ratio |",
        "|---|---:|---:|---:|",
        f"| one process, {runs:,} worlds x 52 weeks: CPU s | {_spread(model)[0]:.2f} / "
        f"{_spread(model)[1]:.2f} | drawing its uniforms alone: {_spread(draws)[0]:.2f} / "
        f"{_spread(draws)[1]:.2f} | {ratio:.2f}x |",
        f"| `python -m simulator run baseline --runs 10000`: process CPU s | "
        f"{_spread(cli)[0]:.2f} / {_spread(cli)[1]:.2f} | `--help`: {_spread(help_)[0]:.2f} / "
        f"{_spread(help_)[1]:.2f} | {min(cli) / min(help_):.2f}x |",
        f"| `OPENBLAS_NUM_THREADS=1 python -c \"import mesa\"`: process CPU s | "
        f"{_spread(mesa)[0]:.2f} / "
        f"{_spread(mesa)[1]:.2f} | the run above | {min(mesa) / min(cli):.0%} of it |",
        f"| 64 points x 2,000 worlds, `engine.evaluate` (vectorised): CPU s | "
        f"{_spread(together)[0]:.2f} / {_spread(together)[1]:.2f} | one model per point: "
        f"{_spread(alone)[0]:.2f} / {_spread(alone)[1]:.2f} | {min(alone) / min(together):.2f}x "
        "faster |",
        f"| Sobol', 4 parameters, N = {samples} ({sobol_points:,} points x 2,000 worlds), "
        f"2 workers: wall s | {_spread(sobol_times)[0]:.1f} / {_spread(sobol_times)[1]:.1f} "
        "| - | - |",
        "",
        "Targets (issue \"Speed v2\"):",
        f"- one process: {rate:,.0f} worlds x 52 weeks per CPU-second (target >= "
        f"{TARGETS['worlds_per_cpu_second']:,}): "
        f"{verdict(rate >= TARGETS['worlds_per_cpu_second'])}"
        + ("" if runs == 1_000_000 else " (--quick: 10^5 worlds, the target is at 10^6)"),
        f"- the model's time / the time to draw its uniforms: {ratio:.2f}x (target <= "
        f"{TARGETS['model_vs_draws']}x): {verdict(ratio <= TARGETS['model_vs_draws'])}",
        f"- `run --runs 10000`, whole process: {min(cli):.2f} CPU s (target <= "
        f"{TARGETS['cli_cpu_seconds']} s): {verdict(min(cli) <= TARGETS['cli_cpu_seconds'])}"
        f" (importing Mesa alone: {min(mesa):.2f} CPU s)",
        f"- Sobol', 4 parameters, N = 512, 2 cores: {min(sobol_times):.1f} s (target <= "
        f"{TARGETS['sobol_seconds']:g} s): "
        + (verdict(min(sobol_times) <= TARGETS["sobol_seconds"]) if samples == 512
           else "not measured (--quick runs N = 64)"),
    ]
    table = "\n".join(lines)
    print(table)
    return table


if __name__ == "__main__":
    main()
