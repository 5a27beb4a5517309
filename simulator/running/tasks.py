"""What workers run: a chunk of worlds to the horizon, or the statistics of several points.

Plain module-level functions with picklable arguments, so a worker process or a Dask
worker can run them; each draws its chunk's uniforms through ``draws.chunk_draws``.
"""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from simulator.model import params
from simulator.model.world import STRUCTURAL, EscalationModel, per_world
from simulator.results.stats import OutcomeStats
from simulator.running.chunks import CHUNK_SIZE
from simulator.running.draws import chunk_draws, chunk_rng


@dataclass
class ChunkResult:
    """What one chunk sends back: its outcome columns, per-week counts and statistics."""

    chunk: int
    outcomes: dict[str, np.ndarray]
    weekly: np.ndarray
    stats: OutcomeStats | None = None


def simulate_chunk(parameters: Mapping[str, Any], seed: int, chunk: int, n_worlds: int,
                   trace: bool = False) -> ChunkResult:
    """Run one chunk of worlds to the horizon (a plain function, so workers can run it)."""
    parameters = params.validate({}, base=parameters)
    draws = chunk_draws(seed, chunk, n_worlds, parameters["horizon_weeks"])
    model = EscalationModel(parameters, n_worlds=n_worlds, rng=chunk_rng(seed, chunk),
                            trace=trace, uniforms=draws).run()
    world = np.arange(chunk * CHUNK_SIZE, chunk * CHUNK_SIZE + n_worlds, dtype=np.int64)
    outcomes = {"world": world, **model.outcomes()}
    weekly = model.weekly_counts()
    return ChunkResult(chunk, outcomes, weekly, OutcomeStats.of(outcomes))


def simulate_stats(items: Sequence[tuple[Mapping[str, Any], int, int]],
                   seed: int) -> list[OutcomeStats]:
    """Run several (parameters, chunk, worlds) items; return only their statistics.

    Sweeps use it: a point's chunk k is exactly chunk k of a batch of that scenario on
    the same seed, so a point's estimates equal those of ``run`` (common random numbers
    across points), and small points share one task instead of one each. Items of the same
    shape run as one vectorised model whose parameters vary per world (``per_world``):
    a week's Python overhead is paid once for all of them, not once per point.
    """
    found = []
    for group in _same_shape(items):
        points = [params.validate({}, base=parameters) for parameters, _, _ in group]
        weeks = points[0]["horizon_weeks"]
        sizes = [n_worlds for _, _, n_worlds in group]
        draws = [chunk_draws(seed, chunk, n_worlds, weeks) for _, chunk, n_worlds in group]
        model = EscalationModel(per_world(points, sizes), n_worlds=sum(sizes), collect=False,
                                uniforms=draws).run()
        outcomes = model.outcomes()
        bounds = np.cumsum([0, *sizes])
        found += [OutcomeStats.of({name: column[start:stop] for name, column in outcomes.items()})
                  for start, stop in zip(bounds[:-1], bounds[1:], strict=True)]
    return found


def _same_shape(items: Sequence[tuple[Mapping[str, Any], int, int]]) -> Iterator[list]:
    """Consecutive runs of items that one vectorised model can hold (``model.STRUCTURAL``)."""
    group, key = [], None
    for item in items:
        item_key = tuple(item[0][name] for name in STRUCTURAL)
        if group and item_key != key:
            yield group
            group = []
        group.append(item)
        key = item_key
    if group:
        yield group


def replay_world(parameters: Mapping[str, Any], seed: int, world: int) -> EscalationModel:
    """Re-run world ``world`` of a batch alone, with a week-by-week trace."""
    chunk, index = divmod(world, CHUNK_SIZE)
    model = EscalationModel(parameters, n_worlds=index + 1, rng=chunk_rng(seed, chunk), trace=True)
    model.run()
    model.world_index = index
    return model
