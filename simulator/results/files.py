"""Files written whole or not at all, and their checksums."""

import hashlib
import os
from pathlib import Path


def write_atomic(path: Path, write) -> None:
    """Write through a temporary name and rename, so a part is whole or absent.

    The temporary name starts with a dot: dataset readers (pyarrow, pandas) skip it.
    """
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)


def sha256(data: bytes) -> str:
    """Hex sha256 of some bytes."""
    return hashlib.sha256(data).hexdigest()
