"""Dask against local processes on one machine: the same run, the same bytes.

Two local worker processes (``workers=2``) against a ``LocalCluster`` of two nanny-managed
worker processes, first as Dask starts them (``MALLOC_TRIM_THRESHOLD_=65536``, reached
through a plain ``executor=``), then as ``--dask`` leaves them (``engine.keep_heap`` on
every worker). Minimum of three runs each, the local ones interleaved. Nothing asserts a
time: the target is printed next to the ratio.
"""

import argparse
import sys
import time

SEED = 2022
TARGET_RATIO = 1.2


def main(argv: list[str] | None = None) -> str:
    """Run the Dask benchmark; print and return its markdown table."""
    parser = argparse.ArgumentParser(prog="python -m bench.dask_bench")
    parser.add_argument("--quick", action="store_true", help="2 x 10^5 worlds, not 10^6")
    args = parser.parse_args(argv)
    runs = 200_000 if args.quick else 1_000_000
    from dask.distributed import Client, LocalCluster

    from simulator.model.scenario import load
    from simulator.running import engine

    scenario = load("baseline")
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731

    def timed(**where) -> tuple[float, dict]:
        started = time.perf_counter()
        batch = engine.run(scenario, runs, SEED, **where)
        return time.perf_counter() - started, batch.summary()

    times: dict[str, list[float]] = {"local": [], "default": [], "keep_heap": []}
    summaries = {}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        for label in ("default", "keep_heap"):
            if label == "keep_heap":
                client.run(engine.keep_heap)
            for _ in range(3):
                log(f"{runs:,} worlds: local, then Dask ({label}) ...")
                seconds, summaries["local"] = timed(workers=2)
                times["local"].append(seconds)
                where = ({"executor": client.get_executor()} if label == "default"
                         else {"dask": cluster.scheduler_address})
                seconds, summaries[label] = timed(**where)
                times[label].append(seconds)
    best = {label: min(found) for label, found in times.items()}
    same = summaries["local"] == summaries["default"] == summaries["keep_heap"]
    lines = [
        f"Dask benchmark: baseline, {runs:,} worlds x 52 weeks, seed {SEED}, two workers on "
        "one machine; minimum of 3 runs.",
        "",
        "| where | wall (s) | vs two local processes |",
        "|---|---:|---:|",
        f"| two local worker processes (`workers=2`) | {best['local']:.2f} | 1.00x |",
        f"| Dask LocalCluster, workers as Dask starts them | {best['default']:.2f} | "
        f"{best['default'] / best['local']:.2f}x |",
        f"| Dask LocalCluster through `--dask` (keep_heap) | {best['keep_heap']:.2f} | "
        f"{best['keep_heap'] / best['local']:.2f}x |",
        "",
        f"Same summary on all three: {'yes' if same else 'NO'}. Target: Dask within "
        f"{TARGET_RATIO}x of local processes: "
        f"{'met' if best['keep_heap'] / best['local'] <= TARGET_RATIO else 'NOT MET'}.",
    ]
    table = "\n".join(lines)
    print(table)
    return table


if __name__ == "__main__":
    main()
