"""Every outcome's estimate at each point of a design, saved block by block.

A sweep or sensitivity analysis runs thousands of points; each block of ``BLOCK`` points
is saved as it finishes, so a killed run loses at most one block and ``--resume`` ends with
the numbers of an uninterrupted run. A block is reused only if it was computed from the
same points, worlds, seed and model.
"""

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from simulator import __version__, results
from simulator.results import analysis
from simulator.running import engine
from simulator.studies import experiment_folder
from simulator.studies.experiment_folder import PARTIAL, json_default

BLOCK = 64
"""Points evaluated, and saved, together: what a killed sweep or sensitivity run can lose."""


def _block_key(parameter_sets: Sequence[Mapping[str, Any]], runs: int, seed: int) -> str:
    """What a saved block must have been computed from to be reused: points, worlds, seed, model.

    The model is its version and the machine's float32 rounding: a folder moved to a machine
    of another CPU family recomputes its blocks rather than mix two machines' bytes.
    """
    text = json.dumps([__version__, results.float32_rounding(), runs, seed,
                       [sorted(p.items()) for p in parameter_sets]],
                      sort_keys=True, default=json_default)
    return hashlib.sha256(text.encode()).hexdigest()


def evaluate_points(parameter_sets: Sequence[Mapping[str, Any]], runs: int, seed: int,
                    runner, progress: bool, description: str, folder: Path | None = None,
                    resume: bool = False,
                    asked: dict | None = None) -> list[dict[str, analysis.Estimate]]:
    """Every outcome's estimate at each point (``engine.evaluate``), saved block by block.

    With a ``folder``, each block of ``BLOCK`` points is written to ``points.partial`` as
    soon as its last point finishes; ``resume`` reuses the blocks computed from the same
    points, worlds and seed, so a killed run continues where it stopped and ends with the
    same numbers. The points of every block still to compute go to the runner as one
    stream (a block does not wait for the one before), so a saved design keeps every worker
    of a cluster busy as an unsaved one does. What the experiment was ``asked`` is recorded
    first, for ``experiment_folder.prepare_out`` to check on resume.
    """
    if folder is None:
        return [s.estimates() for s in engine.evaluate(parameter_sets, runs, seed, runner,
                                                       progress, description)]
    partial = folder / PARTIAL
    partial.mkdir(parents=True, exist_ok=True)
    if asked is not None:
        experiment_folder.write_record(partial, asked)
    starts = range(0, len(parameter_sets), BLOCK)
    found: dict[int, list[dict[str, analysis.Estimate]]] = {}
    todo = []  # (block start, its path, its key)
    for start in starts:
        block = parameter_sets[start:start + BLOCK]
        path = partial / f"block-{start // BLOCK:05d}.json"
        key = _block_key(block, runs, seed)
        saved = _read_block(path, key) if resume else None
        if saved is None:
            todo.append((start, path, key))
        else:
            found[start] = saved
    if todo:
        indices = [i for start, _, _ in todo
                   for i in range(start, min(start + BLOCK, len(parameter_sets)))]
        where = {start: (path, key) for start, path, key in todo}
        done: dict[int, dict[str, analysis.Estimate]] = {}

        def save(position: int, stats) -> None:
            point = indices[position]
            done[point] = stats.estimates()
            start = point - point % BLOCK
            members = range(start, min(start + BLOCK, len(parameter_sets)))
            if all(i in done for i in members):
                found[start] = [done[i] for i in members]
                _write_block(*where[start], found[start])

        engine.evaluate([parameter_sets[i] for i in indices], runs, seed, runner, progress,
                        f"{description} ({len(todo)} of {len(starts)} blocks to compute)",
                        on_point=save)
    return [estimate for start in starts for estimate in found[start]]


def _write_block(path: Path, key: str, estimates: list[dict[str, analysis.Estimate]]) -> None:
    """Save one block's estimates, atomically, under the key it was computed from."""
    document = {"key": key, "estimates": [
        {name: [e.estimate, e.ci_low, e.ci_high, e.n] for name, e in point.items()}
        for point in estimates]}
    text = json.dumps(document, default=json_default)
    results.write_atomic(path, lambda tmp: tmp.write_text(text))


def _read_block(path: Path, key: str) -> list[dict[str, analysis.Estimate]] | None:
    """A saved block if it was computed from ``key``'s points, else None (recompute it)."""
    try:
        document = json.loads(path.read_text())
        if document.get("key") != key:
            return None
        return [{name: analysis.Estimate(*values) for name, values in point.items()}
                for point in document["estimates"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def estimate_columns(estimates: Mapping[str, analysis.Estimate]) -> dict[str, float]:
    """Each outcome's estimate as ``name``, ``name_low``, ``name_high`` (one table row)."""
    row = {}
    for name in analysis.OUTCOMES:
        est = estimates[name]
        row[name], row[f"{name}_low"], row[f"{name}_high"] = est.estimate, est.ci_low, est.ci_high
    return row


class Reporting:
    """A runner that reports each finished task to ``on_progress(done, total)``.

    What a page's progress bar follows; the tasks, and so the numbers, are the runner's own.
    """

    def __init__(self, runner: engine.Runner, on_progress: Callable[[int, int], None]):
        self.runner, self.on_progress = runner, on_progress
        self.done = self.total = 0

    @property
    def where(self) -> str:
        """Where the runner runs its tasks (as its manifest records it)."""
        return self.runner.where

    @property
    def slots(self) -> int:
        """The runner's slots (what ``engine.evaluate`` cuts its tasks for)."""
        return self.runner.slots

    def start(self, tasks: int) -> None:
        """Start ``tasks`` tasks, reporting 0 of them done."""
        self.total = tasks
        self.runner.start(tasks)
        self.on_progress(0, tasks)

    def map(self, tasks):
        """The runner's results, reporting each one as it finishes."""
        for item in self.runner.map(tasks):
            self.done += 1
            self.on_progress(self.done, self.total)
            yield item
