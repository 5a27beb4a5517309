"""``python -m bench.uncertainty_bench [--quick]``: what ``--uncertainty`` costs per world.

Worlds per second of ``engine.run`` on the baseline with and without ``uncertainty``,
same scenario, seed and number of worlds, in this process (``workers=1``, so the two
are timed on the same core and the ratio is the model's, not the pool's). Each is run
once to warm up (imports, scipy.stats, the draws' memory), then timed alternately, the
best of ``REPEATS`` kept. The scenario is the baseline with its preset ranges; a preset
that ships none gets the ranges of ``FALLBACK_RANGES``. Nothing here asserts a time: the
target is printed beside the ratio measured.
"""

import sys
import time

from simulator.model.ranges import Range
from simulator.model.scenario import load
from simulator.running import engine

SEED = 2022
TARGET_RATIO = 1.2
REPEATS = 3
FALLBACK_RANGES = {"chain.base_refusal": (0.01, 0.3), "leader.resolve": (0.5, 4.0)}


def scenario():
    """The baseline with ranges: its own, or ``FALLBACK_RANGES``."""
    base = load("baseline")
    if base.ranges:
        return base
    values = base.parameters
    return base.with_ranges({name: Range("pert", low, high, values[name], why="bench")
                             for name, (low, high) in FALLBACK_RANGES.items()})


def timed(ranged, runs: int, uncertainty: bool) -> float:
    """Seconds of one run (summary only, in this process)."""
    started = time.perf_counter()
    engine.run(ranged, runs, SEED, workers=1, keep_worlds=False, uncertainty=uncertainty)
    return time.perf_counter() - started


def main(argv: list[str]) -> None:
    """Print the markdown table: worlds/s with and without --uncertainty, and their ratio."""
    runs = 4 * engine.CHUNK_SIZE if "--quick" in argv else 16 * engine.CHUNK_SIZE
    ranged = scenario()
    timed(ranged, engine.CHUNK_SIZE, False)
    timed(ranged, engine.CHUNK_SIZE, True)
    point, drawn = [], []
    for _ in range(REPEATS):
        point.append(timed(ranged, runs, False))
        drawn.append(timed(ranged, runs, True))
    point_s, drawn_s = min(point), min(drawn)
    ratio = drawn_s / point_s
    print(f"## --uncertainty: cost per world (baseline, {len(ranged.ranges)} ranges, "
          f"{runs:,} worlds, seed {SEED}, one process, best of {REPEATS})\n")
    print("| run | seconds | worlds/s |")
    print("|---|---:|---:|")
    print(f"| point | {point_s:.2f} | {runs / point_s:,.0f} |")
    print(f"| --uncertainty | {drawn_s:.2f} | {runs / drawn_s:,.0f} |")
    verdict = "meets" if ratio <= TARGET_RATIO else "misses"
    print(f"\ntime per world, --uncertainty / point: {ratio:.2f}x (target <= {TARGET_RATIO}x: "
          f"{verdict} it)")


if __name__ == "__main__":
    main(sys.argv[1:])
