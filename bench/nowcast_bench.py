"""``python -m bench.nowcast_bench [--quick]``: what one as-of answer costs (issue #27).

Wall seconds of ``nowcast.nowcast`` (baseline, as of 11 Nov 2022, 13 weeks, ESS 5,000, on
``WORKERS`` workers) for each date of ``DATES``, beside the anchor measured in the same run:
``engine.run`` of as many worlds as the nowcast drew, same seeds and workers, so the ratio
is what the conditioning (facts, weights, rounds) adds to drawing the worlds. Each is run once
to warm up, then timed alternately, the best of ``REPEATS`` kept. Nothing here asserts a
time: the target (an answer in at most 2 s on 2 cores) is printed beside the figure.

``--page`` times the app's page "The risk over time" headless (AppTest, the app's process
pool as configured): its first open (every view's weekly series computed, on the pool, from
cold caches; Explore ran first, so the pool's workers are up), a second open (cached), and
moves of the date slider, against the target of 0.5 s a move. ``--page-only`` skips the rest.
``--war`` times the page's whole-war view the same way (every view over 156 weeks, its first
open from cold caches after the record year's), without printing any of its answers: from 21
Sep 2023 they are held-out tests (docs/HELD_OUT.md).
"""

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

from simulator.evidence import nowcast
from simulator.model.scenario import load
from simulator.running import engine

SEED = 2022
WORKERS = 2
TARGET_SECONDS = 2.0
DATES = (dt.date(2022, 11, 11), dt.date(2022, 12, 14), dt.date(2023, 5, 24))
VIEWS = ("baseline", "alperovitch", "alexander", "hodges", "kemp", "pooled")
REPO = Path(__file__).resolve().parent.parent
MOVE_TARGET_SECONDS = 0.5
PAGE_MOVES = (8, 9, 20, 33, 0, 39, 12, 26)
"""The weeks the page's date slider is moved to, in turn (16 Nov 2022 is week 8)."""


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


WAR_MOVES = (8, 60, 100, 143, 52, 120, 30, 90)
"""The weeks the whole war's slider is moved to (week 100 is 23 Aug 2024)."""


def page_latency(moves: int, war: bool = False) -> tuple[float, float, list[float]]:
    """Seconds of the page's first open, of a cached open, and of each slider move.

    ``war``: the page is opened on the record year first (cached), then switched to the
    whole war, whose first open is timed from there.
    """
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=900)
    at.query_params["worlds"] = "1000"
    at.run()  # AppTest starts on Explore (it starts the pool)
    at.switch_page("simulator/app/timeline.py")
    started = time.perf_counter()
    at.run()
    if war:
        started = time.perf_counter()
        at.radio(key="timeline_span").set_value("war").run()
    first = time.perf_counter() - started
    started = time.perf_counter()
    at.run()
    cached = time.perf_counter() - started
    start = dt.date(2022, 9, 21)
    seconds = []
    weeks = WAR_MOVES if war else PAGE_MOVES
    for week in (weeks * (1 + moves // len(weeks)))[:moves]:
        slider = at.select_slider(key="timeline_day")
        started = time.perf_counter()
        slider.set_value(start + dt.timedelta(weeks=week)).run()
        seconds.append(time.perf_counter() - started)
    if at.exception:
        raise RuntimeError(f"the page failed: {at.exception}")
    return first, cached, seconds


def page_table(moves: int, war: bool = False) -> None:
    """Print the page's figures as a markdown table (times only)."""
    from simulator.app import compute, timeline_compute

    first, cached, seconds = page_latency(moves, war)
    span = "the whole war, 156 weeks" if war else "the record year"
    print(f"\n## The page \"The risk over time\", {span} (AppTest, {compute.workers()} pool "
          f"workers, {len(timeline_compute.VIEWS)} views every week, seed "
          f"{timeline_compute.SEED}; the script's run, not the browser's drawing)\n")
    print("| what | seconds |\n|---|---:|")
    print(f"| first open (every view's series computed) | {first:.2f} |")
    print(f"| open again (cached) | {cached:.2f} |")
    print(f"| date slider move, median of {len(seconds)} | {statistics.median(seconds):.3f} |")
    print(f"| date slider move, slowest | {max(seconds):.3f} |")
    verdict = "meets" if max(seconds) <= MOVE_TARGET_SECONDS else "misses"
    print(f"\nslowest move: {max(seconds):.3f} s (target <= {MOVE_TARGET_SECONDS:g} s: "
          f"{verdict} it)")
    compute.shutdown()


def main(argv: list[str]) -> None:
    """Print the markdown table: seconds per answer, ESS, worlds, and the ratio to the anchor."""
    if "--page-only" in argv or "--war" in argv:
        page_table(4 if "--quick" in argv else 8, "--war" in argv)
        return
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
    if "--page" in argv:
        page_table(4 if "--quick" in argv else 8)


if __name__ == "__main__":
    main(sys.argv[1:])
