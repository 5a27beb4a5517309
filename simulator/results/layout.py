"""Where everything of a results folder lives: file names, formats and weekly columns.

Light (no pyarrow, no Mesa): the CLI and a reader name paths and columns without loading
anything heavy.
"""

from pathlib import Path

from simulator.model import ladder
from simulator.model.outcomes import WEEKLY_EVENTS, WEEKLY_FLOWS

FORMATS = ("parquet", "csv")
MANIFEST = "manifest.json"
JOURNAL = "parts.journal"
"""Lines of the parts a run has written so far, one appended per chunk (O(1) a chunk); sealed
into the manifest when the run ends, then removed."""
LOCK = ".lock"
"""Lock file of a results folder, held with ``flock`` by the run writing the folder."""
WEEKLY_COLUMNS = tuple(f"rung_{r.level}" for r in ladder.RUNGS) + WEEKLY_EVENTS + WEEKLY_FLOWS
KINDS = ("outcomes", "weekly")


def part_name(chunk: int, fmt: str) -> str:
    """File name of one chunk's part."""
    return f"part-{chunk:05d}.{fmt}"


def part_paths(folder: Path, fmt: str, chunk: int) -> tuple[Path, Path]:
    """Paths of one chunk's outcomes part and weekly part."""
    name = part_name(chunk, fmt)
    return Path(folder) / f"outcomes.{fmt}" / name, Path(folder) / f"weekly.{fmt}" / name


def chunk_sizes(runs: int, chunk_size: int) -> list[int]:
    """Worlds in each chunk of a batch of ``runs`` worlds."""
    return [min(chunk_size, runs - k * chunk_size) for k in range(-(-runs // chunk_size))]


def stray_files(folder: Path, fmt: str, chunks: int) -> list[Path]:
    """Files in the part folders that no chunk of the run owns (dot files aside)."""
    expected = {part_name(k, fmt) for k in range(chunks)}
    found = []
    for kind in KINDS:
        where = Path(folder) / f"{kind}.{fmt}"
        if where.is_dir():
            found += sorted(p for p in where.iterdir()
                            if p.name not in expected and not p.name.startswith((".", "_")))
    return found

