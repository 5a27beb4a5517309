"""Batch engine benchmark: runs/s, ratio to one Mesa model per world, peak memory.

Runs/s of the model in one process for 10^4 and 10^5 worlds (in memory), and of ``run``
for 10^5 and 10^6 worlds with 1 and 2 workers with peak memory, against the same model
run one world per Mesa model, all in one invocation.

Each batch runs in a fresh Python process (``python -m bench.engine_bench child ...``) so
that its peak resident memory (``resource.getrusage``) is its own: ``RUSAGE_SELF`` for the
main process, ``RUSAGE_CHILDREN`` for the largest worker process. Times are wall clock of
``engine.run`` (worker start-up included, imports excluded); the memory row runs the
command line itself (``simulator.cli.main``), streaming to a results folder.

Nothing here asserts a time: the targets are printed next to the numbers measured.
"""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 2022
TARGET_SECONDS_1E5 = 2.0
TARGET_RATIO = 100
TARGET_PEAK_MIB = 1024


def _peak_mib() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest (reaped) child, MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _child(argv: list[str]) -> None:
    """In a fresh process: one measured batch (or one CLI call); JSON on the last line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("engine", "cli"))
    parser.add_argument("--runs", type=int, required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    from simulator import cli
    from simulator.model.scenario import load
    from simulator.running import engine

    scenario = load("baseline")
    started = time.perf_counter()
    if args.mode == "engine":
        engine.run(scenario, args.runs, SEED, out=args.out, workers=args.workers)
    else:
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            status = cli.main(["run", "baseline", "--runs", str(args.runs), "--seed", str(SEED),
                               "--out", args.out, "--workers", str(args.workers), "--quiet"])
        if status:
            raise SystemExit(status)
    seconds = time.perf_counter() - started
    own, workers = _peak_mib()
    print(json.dumps({"seconds": seconds, "main_mib": own, "worker_mib": workers}))


def measure(mode: str, runs: int, workers: int) -> dict:
    """Run one measured batch in a fresh process and return its numbers."""
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        done = subprocess.run(
            [sys.executable, "-m", "bench.engine_bench", "child", mode, "--runs", str(runs),
             "--workers", str(workers), "--out", str(Path(tmp) / "out")],
            cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"bench child failed ({mode}, {runs}, {workers}):\n{done.stderr}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    found.update(mode=mode, runs=runs, workers=workers, runs_per_second=runs / found["seconds"])
    return found


def one_model_per_world(worlds: int) -> float:
    """Runs/s of the same model run one world per Mesa model (``n_worlds=1``)."""
    from simulator.model import params
    from simulator.model.world import EscalationModel
    from simulator.running import engine

    parameters = params.defaults()
    EscalationModel(parameters, n_worlds=1, rng=engine.chunk_rng(SEED, 0)).run()  # warm up
    started = time.perf_counter()
    for world in range(worlds):
        EscalationModel(parameters, n_worlds=1, rng=engine.chunk_rng(SEED, world)).run()
    return worlds / (time.perf_counter() - started)


def in_process(runs: int) -> float:
    """Seconds for ``runs`` worlds in this process, in memory (the model's own speed)."""
    from simulator.model.scenario import load
    from simulator.running import engine

    scenario = load("baseline")
    engine.run(scenario, 1_000, SEED, workers=1)  # warm up
    started = time.perf_counter()
    engine.run(scenario, runs, SEED, workers=1)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> str:
    """Run the engine benchmark; print and return its markdown table."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="10^5 worlds only and a shorter baseline (about 20 s)")
    args = parser.parse_args(argv)
    sizes = (100_000,) if args.quick else (100_000, 1_000_000)
    baseline_worlds = 100 if args.quick else 300
    memory_runs = 100_000 if args.quick else 1_000_000

    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    log(f"one Mesa model per world: {baseline_worlds} worlds ...")
    per_world = one_model_per_world(baseline_worlds)
    model_rows = []
    for runs in (10_000, 100_000):
        log(f"model in one process: {runs:,} worlds ...")
        model_rows.append((runs, in_process(runs)))
    rows = []
    for runs in sizes:
        for workers in (1, 2):
            log(f"run: {runs:,} worlds, {workers} worker(s) ...")
            rows.append(measure("engine", runs, workers))
    log(f"command line: run --runs {memory_runs:,} --out DIR --workers 2 ...")
    cli_row = measure("cli", memory_runs, 2)

    lines = [
        f"Engine benchmark: baseline scenario, 52 weeks, seed {SEED}; {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {platform.machine()}.",
        "",
        "| what | worlds | workers | wall (s) | runs/s | vs one Mesa model per world "
        "| peak RSS main (MiB) | peak RSS per worker (MiB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        f"| one Mesa model per world (`n_worlds=1`) | {baseline_worlds:,} | 1 | "
        f"{baseline_worlds / per_world:.2f} | {per_world:,.0f} | 1x | - | - |",
    ]
    for runs, seconds in model_rows:
        lines.append(f"| model in one process (`engine.run`, in memory) | {runs:,} | 1 | "
                     f"{seconds:.2f} | {runs / seconds:,.0f} | {runs / seconds / per_world:,.0f}x "
                     "| - | - |")
    for row in [*rows, cli_row]:
        what = ("`engine.run(out=DIR)`" if row["mode"] == "engine"
                else "`python -m simulator run --out DIR`")
        worker = f"{row['worker_mib']:,.0f}" if row["workers"] > 1 else "-"
        lines.append(f"| {what} | {row['runs']:,} | {row['workers']} | {row['seconds']:.2f} | "
                     f"{row['runs_per_second']:,.0f} | {row['runs_per_second'] / per_world:,.0f}x "
                     f"| {row['main_mib']:,.0f} | {worker} |")
    two = next(r for r in rows if r["runs"] == 100_000 and r["workers"] == 2)
    one_process = max(runs / seconds for runs, seconds in model_rows)
    best = max(r["runs_per_second"] for r in rows)
    total = cli_row["main_mib"] + cli_row["workers"] * cli_row["worker_mib"]
    verdict = lambda ok: "met" if ok else "NOT MET"  # noqa: E731
    lines += [
        "",
        "Targets:",
        f"- 100,000 worlds x 52 weeks with 2 workers: {two['seconds']:.2f} s "
        f"(target <= {TARGET_SECONDS_1E5:g} s): {verdict(two['seconds'] <= TARGET_SECONDS_1E5)}",
        f"- worlds x 52 weeks per second in one process: {one_process:,.0f} "
        f"(target >= 50,000): {verdict(one_process >= 50_000)}",
        f"- runs/s vs one Mesa model per world: {best / per_world:,.0f}x "
        f"(target >= {TARGET_RATIO}x): {verdict(best / per_world >= TARGET_RATIO)}",
        f"- {memory_runs:,} worlds through the command line, peak memory: main "
        f"{cli_row['main_mib']:,.0f} MiB + 2 workers x {cli_row['worker_mib']:,.0f} MiB = "
        f"at most {total:,.0f} MiB (target <= {TARGET_PEAK_MIB} MiB): "
        f"{verdict(total <= TARGET_PEAK_MIB)}"
        + ("" if memory_runs == 1_000_000 else " (--quick: run without it for 10^6)"),
        "",
        "Peak RSS per process from `resource.getrusage` (RUSAGE_SELF for the main process, "
        "RUSAGE_CHILDREN for the largest worker); forked workers share the parent's pages, so "
        "main + workers over-counts.",
    ]
    table = "\n".join(lines)
    print(table)
    return table


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        _child(sys.argv[2:])
    else:
        main()
