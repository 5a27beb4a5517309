"""``python -m bench [--quick]``: every benchmark, each printing its markdown table.

- ``bench.engine_bench``: runs/s of ``run`` (10^5 and 10^6 worlds, 1 and 2 workers), peak
  memory, against one Mesa model per world.
- ``bench/app_latency.py`` (when present): the app's own timings, run as
  ``python -m bench.app_latency`` with the same arguments.
"""

import subprocess
import sys
from pathlib import Path

from bench import engine_bench


def main(argv: list[str]) -> int:
    """Run the engine benchmark, then the app's if it exists; the worst exit status."""
    engine_bench.main(argv)
    status = 0
    if (Path(__file__).parent / "app_latency.py").is_file():
        print(flush=True)
        status = subprocess.run([sys.executable, "-m", "bench.app_latency", *argv],
                                cwd=Path(__file__).resolve().parent.parent).returncode
    return status


raise SystemExit(main(sys.argv[1:]))
