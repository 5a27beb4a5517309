"""What made a result (versions, float32 rounding, command, git commit) and when.

Recorded in every manifest, so a result can be traced to the code and machine that made it,
and ``--resume`` can refuse to mix two of them in one batch.
"""

import functools
import platform
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any


def versions() -> dict[str, str]:
    """Versions of what produced a result, for the manifest."""
    return dict(_versions())


@functools.cache
def _versions() -> dict[str, str]:
    """The versions, read once per process (13 ms of metadata lookups: a tenth of a run)."""
    from simulator import __version__  # the code's own, not what pip installed last

    found = {"python": platform.python_version(), "simulator": __version__}
    for package in ("mesa", "numpy", "scipy", "pyarrow"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    found["float32_rounding"] = float32_rounding()
    return found


@functools.cache
def float32_rounding() -> str:
    """A digest of how this process rounds the float32 functions the model calls.

    numpy picks its SIMD code for the CPU at run time, and its float32 exp and power round
    differently with AVX-512 than with AVX2: the same seed then gives other bytes (measured
    at seed 2022, 100,000 worlds per preset: territory differs in its last digits in 30-41%
    of worlds, and one baseline world saw its leader ousted on one and not the other).
    Machines whose digests differ give other bytes; digests that agree on 4,099 values of
    each function are strong evidence that the bytes will too, not a proof.
    """
    import hashlib

    import numpy as np
    from scipy.special import expit, logit

    x = np.linspace(-30, 30, 4099, dtype=np.float32)  # an odd count: the SIMD loops' tails too
    u = np.linspace(0, 1, 4099, dtype=np.float32)
    digest = hashlib.sha256()
    with np.errstate(all="ignore"):  # 0 to a negative power, logit(0): infinities, as intended
        for values in (np.exp(x), np.power(u, x / 8), u ** 3, np.sqrt(u), expit(x), logit(u)):
            digest.update(np.ascontiguousarray(values, np.float32).tobytes())
    return digest.hexdigest()[:12]


def provenance() -> dict[str, Any]:
    """What made a result: the command line and the git commit of the code, for the manifest.

    ``git_commit`` is None outside a git checkout; ``git_dirty`` says whether the checkout had
    uncommitted changes (then the commit alone does not reproduce the code). Only a checkout
    whose top is the folder holding ``simulator/`` counts: an installed copy in a venv inside
    some other repository is not that repository's code.
    """
    import subprocess

    root = Path(__file__).resolve().parents[2]  # the folder holding simulator/
    found: dict[str, Any] = {"command": " ".join(sys.argv), "git_commit": None,
                             "git_dirty": None}
    try:
        commit = subprocess.run(["git", "rev-parse", "--show-toplevel", "HEAD"], cwd=root,
                                capture_output=True, text=True, timeout=10)
        top, _, head = commit.stdout.strip().partition("\n")
        if commit.returncode == 0 and Path(top).resolve() == root:
            found["git_commit"] = head
            status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                                    cwd=root, capture_output=True, text=True, timeout=10)
            found["git_dirty"] = bool(status.stdout.strip()) if status.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        pass
    return found


def now() -> str:
    """UTC timestamp for the manifest."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
