"""``python -m bench.nowcast_bench [--quick]``: what one as-of answer costs (issue #27).

Wall seconds of ``nowcast.nowcast`` (baseline, as of 11 Nov 2022, 13 weeks, ESS 5,000, on
``WORKERS`` workers) for each date of ``DATES``, beside the anchor measured in the same run:
``engine.run`` of as many worlds as the nowcast drew, same seeds and workers, so the ratio
is what the conditioning (facts, weights, rounds) adds to drawing the worlds. Each is run once
to warm up, then timed alternately, the best of ``REPEATS`` kept. Nothing here asserts a
time: the target (an answer in at most 2 s on 2 cores) is printed beside the figure.
"""

import datetime as dt
import sys
import time

from simulator.evidence import nowcast
from simulator.model.scenario import load
from simulator.running import engine

SEED = 2022
WORKERS = 2
TARGET_SECONDS = 2.0
DATES = (dt.date(2022, 11, 11), dt.date(2022, 12, 14), dt.date(2023, 5, 24))
VIEWS = ("baseline", "alperovitch", "alexander", "hodges", "kemp", "pooled")


def timed_nowcast(scenario, day: dt.date) -> tuple[float, nowcast.Nowcast]:
    """Seconds of one as-of answer, and the answer."""
    started = time.perf_counter()
    found = nowcast.nowcast(scenario, day, 13, seed=SEED, workers=WORKERS)
    return time.perf_counter() - started, found


def timed_anchor(scenario, found: nowcast.Nowcast) -> float:
    """Seconds of drawing the same worlds with the engine alone (the same rounds)."""
    first = min(found.worlds, round(nowcast.TARGET_ESS * nowcast.FIRST_ROUND_MARGIN))
    sizes = [first] + ([found.worlds - first] if found.worlds > first else [])
    started = time.perf_counter()
    for r, n in enumerate(sizes):
        engine.run(scenario, n, SEED + r, workers=WORKERS)
    return time.perf_counter() - started


def main(argv: list[str]) -> None:
    """Print the markdown table: seconds per answer, ESS, worlds, and the ratio to the anchor."""
    repeats = 1 if "--quick" in argv else 3
    views = VIEWS[:1] if "--quick" in argv else VIEWS
    print(f"## nowcast: one view's as-of answer at ESS {nowcast.TARGET_ESS:,} ({WORKERS} "
          f"workers, seed {SEED}, best of {repeats})\n")
    print("| view | as of | estimate | ESS | worlds | seconds | engine alone | ratio |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    worst = 0.0
    for name in views:
        scenario = load(name)
        for day in DATES:
            timed_nowcast(scenario, day)  # warm-up
            runs, anchors = [], []
            for _ in range(repeats):
                seconds, found = timed_nowcast(scenario, day)
                runs.append(seconds)
                anchors.append(timed_anchor(scenario, found))
            best, anchor = min(runs), min(anchors)
            worst = max(worst, best)
            print(f"| {name} | {day} | {found.estimate.text()} | {found.ess:,.0f} | "
                  f"{found.worlds:,} | {best:.2f} | {anchor:.2f} | {best / anchor:.2f}x |")
    verdict = "meets" if worst <= TARGET_SECONDS else "misses"
    print(f"\nslowest answer: {worst:.2f} s (target <= {TARGET_SECONDS:g} s: {verdict} it)")


if __name__ == "__main__":
    main(sys.argv[1:])
