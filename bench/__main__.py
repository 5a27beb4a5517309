"""``python -m bench [--quick]``: every benchmark, each printing its markdown table.

- ``bench.engine_bench``: runs/s of the model in one process (10^4, 10^5 worlds) and of
  ``run`` (10^5 and 10^6 worlds, 1 and 2 workers), peak memory, against one Mesa model
  per world.
- ``bench.speed_bench``: the figures of issue "Speed v2": worlds per CPU-second against
  drawing the uniforms alone, the command line's start-up, a vectorised design, Sobol'.
- ``bench.app_latency``: the app in headless Chromium, slider key press to the new
  P(nuclear use), run in its own process with the same arguments.
- ``bench.app_load``: 1 to 40 users moving Explore's sliders at once (protocol-level
  clients), simulations in the server process and on the pool; then in its own process.
- ``bench.app_first_paint``: a new visitor in Chromium, Explore's headline and Claims, the
  bytes of a first load, against a one-line app's first element; in its own process.
- ``bench.workshop_reveal``: a workshop reveal of 40 participants, and a board poll.
- ``bench.workshop_poll``: 30 participants' pages polling the room (CPU per second), and how
  fast pages in chromium follow a reveal and a new round by themselves.
- ``bench.dask_bench``: the same run on a Dask LocalCluster and on local processes.
- ``bench.uncertainty_bench``: worlds/s of ``run`` with and without ``--uncertainty``.
- ``bench.manifest_bench``: a results folder's bookkeeping per chunk at 10^3 to 10^5 parts.
- ``bench.nowcast_bench``: one view's as-of answer at ESS 5,000, against drawing its worlds
  (``--page``: the app's page "The risk over time", its first open and a slider move).
"""

import subprocess
import sys
from pathlib import Path

from bench import (
    dask_bench,
    engine_bench,
    manifest_bench,
    nowcast_bench,
    speed_bench,
    uncertainty_bench,
    workshop_poll,
    workshop_reveal,
)


def main(argv: list[str]) -> int:
    """Run the engine, workshop and app benchmarks; the app benchmarks' exit status."""
    engine_bench.main(argv)
    print(flush=True)
    speed_bench.main(argv)
    print(flush=True)
    workshop_reveal.main(argv)
    print(flush=True)
    workshop_poll.main(argv)
    print(flush=True)
    dask_bench.main(argv)
    print(flush=True)
    uncertainty_bench.main(argv)
    print(flush=True)
    manifest_bench.main(argv)
    print(flush=True)
    nowcast_bench.main(argv)
    print(flush=True)
    statuses = []
    for app_bench in ("bench.app_latency", "bench.app_load", "bench.app_first_paint"):
        statuses.append(subprocess.run([sys.executable, "-m", app_bench, *argv],
                                       cwd=Path(__file__).resolve().parent.parent).returncode)
        print(flush=True)
    return max(statuses)


raise SystemExit(main(sys.argv[1:]))
