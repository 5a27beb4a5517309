"""``python -m bench [--quick]``: every benchmark, each printing its markdown table.

- ``bench.engine_bench``: runs/s of the model in one process (10^4, 10^5 worlds) and of
  ``run`` (10^5 and 10^6 worlds, 1 and 2 workers), peak memory, against one Mesa model
  per world.
- ``bench.app_latency``: the app in headless Chromium, slider key press to the new
  P(nuclear use), run in its own process with the same arguments.
- ``bench.workshop_reveal``: a workshop reveal of 40 participants, and a board poll.
- ``bench.dask_bench``: the same run on a Dask LocalCluster and on local processes.
"""

import subprocess
import sys
from pathlib import Path

from bench import dask_bench, engine_bench, workshop_reveal


def main(argv: list[str]) -> int:
    """Run the engine, workshop and app benchmarks; the app benchmark's exit status."""
    engine_bench.main(argv)
    print(flush=True)
    workshop_reveal.main(argv)
    print(flush=True)
    dask_bench.main(argv)
    print(flush=True)
    return subprocess.run([sys.executable, "-m", "bench.app_latency", *argv],
                          cwd=Path(__file__).resolve().parent.parent).returncode


raise SystemExit(main(sys.argv[1:]))
