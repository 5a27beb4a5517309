"""Speed v2 benchmark: the figures of issue "Speed v2", each against an anchor of the same run.

- **One process**: worlds x 52 weeks per CPU-second of ``engine.run(workers=1)``, against
  the CPU time of drawing the same worlds' uniforms alone (``model.model_draws``, into one
  reused array as the engine draws them).
- **Command line**: CPU seconds (user + system) of the whole process
  ``python -m simulator run baseline --runs 10000``, against ``python -m simulator --help``,
  ``python -c "import numpy, pandas"`` (issue 28's anchor) and ``python -c "import mesa"``,
  the floor of any command that builds the model (with BLAS single-threaded, as the command
  line starts it); and the run less Mesa's own imports (``import mesa`` less ``import numpy,
  pandas``: scipy.spatial, networkx, Mesa), an estimate of the ratio without Mesa.
  ``--startup`` measures this part alone.
- **A design of small points**: 64 points x 2,000 worlds through ``engine.evaluate`` (one
  vectorised model per 16,384 worlds, ``model.per_world``), against one model per point
  with its weekly DataCollector, as every point ran before.
- **Sobol'**: ``sobol.sensitivity`` of 4 parameters, N = 512, 2,000 worlds per point,
  on 2 worker processes (wall clock).

Minimum and median of 3 runs (the Sobol' analysis once with ``--quick``, at N = 64).
Nothing asserts a time: the targets are printed next to the numbers.

    .venv/bin/python -m bench.speed_bench [--quick] [--startup]
"""

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 2022
SOBOL_VARY = ["chain.base_refusal=0.01:0.3", "leader.resolve=0:6",
              "leader.nuclear_threshold=0.4:1", "west.influence=0:1"]
TARGETS = {"worlds_per_cpu_second": 120_000, "model_vs_draws": 2.2, "cli_cpu_seconds": 1.0,
           "sobol_seconds": 20.0}
STARTUP_TARGET = 2.0
"""``run --runs 10000``, whole process, over ``python -c "import numpy, pandas"`` (issue 28)."""


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


def process_cpu(args: list[str], env: dict[str, str]) -> float:
    """User + system CPU seconds of one ``python ARGS`` process in the environment ``env``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def startup(repeats: int) -> dict[str, list[float]]:
    """Process CPU seconds of ``run --runs 10000`` and of its anchors, interleaved.

    Each with its bytecode cached, as an installed package runs: the processes write their
    ``.pyc`` under a temporary ``PYTHONPYCACHEPREFIX`` (even where ``PYTHONDONTWRITEBYTECODE``
    is set, which makes every process compile the simulator's sources), after one warm-up.
    """
    commands = {"cli": ["-m", "simulator", "run", "baseline", "--runs", "10000", "--seed",
                        str(SEED)],
                "help": ["-m", "simulator", "--help"],
                "numpy_pandas": ["-c", "import numpy, pandas"], "mesa": ["-c", "import mesa"]}
    found: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory(prefix="speed-bench-pyc-") as cache:
        env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
               "PYTHONPYCACHEPREFIX": cache, "OPENBLAS_NUM_THREADS": "1"}
        for args in commands.values():
            process_cpu(args, env)
        for i in range(repeats):
            _log(f"command line: run --runs 10000, --help, import numpy, pandas and import mesa "
                 f"({i + 1}/{repeats}) ...")
            for name, args in commands.items():
                found[name].append(process_cpu(args, env))
    return found


def startup_rows(found: dict[str, list[float]]) -> list[str]:
    """The command line's rows of the table."""
    cli, help_, anchor, mesa = (found[k] for k in ("cli", "help", "numpy_pandas", "mesa"))
    own = min(mesa) - min(anchor)
    return [
        f"| `python -m simulator run baseline --runs 10000`: process CPU s | "
        f"{_spread(cli)[0]:.2f} / {_spread(cli)[1]:.2f} | `--help`: {_spread(help_)[0]:.2f} / "
        f"{_spread(help_)[1]:.2f} | {min(cli) / min(help_):.2f}x |",
        f"| the same run | {_spread(cli)[0]:.2f} / {_spread(cli)[1]:.2f} | "
        f"`python -c \"import numpy, pandas\"`: {_spread(anchor)[0]:.2f} / "
        f"{_spread(anchor)[1]:.2f} | {min(cli) / min(anchor):.2f}x |",
        f"| `OPENBLAS_NUM_THREADS=1 python -c \"import mesa\"`: process CPU s | "
        f"{_spread(mesa)[0]:.2f} / "
        f"{_spread(mesa)[1]:.2f} | the run above | {min(mesa) / min(cli):.0%} of it |",
        f"| the run less Mesa's own imports (`import mesa` less `import numpy, pandas`: "
        f"{own:.2f}), an estimate | {min(cli) - own:.2f} | `import numpy, pandas` | "
        f"{(min(cli) - own) / min(anchor):.2f}x |",
    ]


def startup_verdicts(found: dict[str, list[float]]) -> list[str]:
    """The command line's lines under the table: its targets, met or not."""
    cli, anchor, mesa = min(found["cli"]), min(found["numpy_pandas"]), min(found["mesa"])
    ratio, without = cli / anchor, (cli - (mesa - anchor)) / anchor
    return [
        f"- `run --runs 10000`, whole process: {cli:.2f} CPU s (target <= "
        f"{TARGETS['cli_cpu_seconds']} s): {_verdict(cli <= TARGETS['cli_cpu_seconds'])}"
        f" (importing Mesa alone: {mesa:.2f} CPU s)",
        f"- `run --runs 10000` / `python -c \"import numpy, pandas\"`: {ratio:.2f}x (target <= "
        f"{STARTUP_TARGET}x): {_verdict(ratio <= STARTUP_TARGET)}; less Mesa's own imports "
        f"(an estimate): {without:.2f}x",
    ]


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


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


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1 / 5 / 15 min)"


def main(argv: list[str] | None = None) -> str:
    """Run the speed benchmark; print and return its markdown table."""
    parser = argparse.ArgumentParser(prog="python -m bench.speed_bench")
    parser.add_argument("--quick", action="store_true",
                        help="10^5 worlds in one process and a Sobol' analysis at N = 64")
    parser.add_argument("--startup", action="store_true",
                        help="the command line's start-up only (5 runs of each process)")
    args = parser.parse_args(argv)
    if args.startup:
        found = startup(5)
        table = "\n".join([
            f"Command-line start-up (`python -m bench.speed_bench --startup`): {os.cpu_count()} "
            f"CPUs, Python {platform.python_version()}, load average {_load()}; min / median "
            "of 5.", "", "| what | measured (min / median) | anchor (min / median) | ratio |",
            "|---|---:|---:|---:|", *startup_rows(found), "", *startup_verdicts(found)])
        print(table)
        return table
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
    found = startup(repeats)
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
        *startup_rows(found),
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
        *startup_verdicts(found),
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
