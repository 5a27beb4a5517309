"""A progress bar on a terminal for a long batch, and nothing anywhere else."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(total: int, enabled: bool, description: str = "chunks",
                 completed: int = 0) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(steps=1)``: a rich progress bar on a terminal, a no-op otherwise."""
    if not (enabled and sys.stderr.isatty()):
        yield lambda steps=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn(), transient=True, console=Console(stderr=True))
    task = bar.add_task(description, total=total, completed=completed)
    with bar:
        yield lambda steps=1: bar.advance(task, steps)
