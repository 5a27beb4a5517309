"""What workers run: a chunk of worlds to the horizon, or the statistics of several points.

Plain module-level functions with picklable arguments, so a worker process or a Dask
worker can run them; each draws its chunk's uniforms through ``draws.chunk_draws``.
"""

import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from simulator.model import params, pool, ranges
from simulator.model.world import STRUCTURAL, EscalationModel, per_world
from simulator.results.stats import BlockStats, OutcomeStats
from simulator.running.chunks import CHUNK_SIZE
from simulator.running.draws import chunk_draws, chunk_rng


@dataclass
class ChunkResult:
    """What one chunk sends back: its outcome columns, per-week counts and statistics."""

    chunk: int
    outcomes: dict[str, np.ndarray]
    weekly: np.ndarray
    stats: OutcomeStats | None = None
    blocks: BlockStats | None = None


def simulate_chunk(parameters: Mapping[str, Any], seed: int, chunk: int, n_worlds: int,
                   trace: bool = False, ranged: Mapping[str, ranges.Range] | None = None,
                   members: Sequence[pool.Member] | None = None) -> ChunkResult:
    """Run one chunk of worlds to the horizon (a plain function, so workers can run it).

    With ``ranged`` (``--uncertainty``), each block of ``ranges.BLOCK_WORLDS`` worlds runs
    on its own draw of those parameters (``block_parameters``), and the chunk also sends
    back its blocks' statistics. With ``members`` (a pooled view), each block runs under the
    member it draws (``pool_parameters``), on that member's ranges if it carries any. The
    worlds' own draws are the point run's either way.
    """
    parameters = params.validate({}, base=parameters)
    draws = chunk_draws(seed, chunk, n_worlds, parameters["horizon_weeks"])
    first = chunk * CHUNK_SIZE
    if members:
        model_parameters = pool_parameters(members, seed, first, n_worlds)
        ranged = {name: r for m in members for name, r in m.ranges.items()}
    elif ranged:
        model_parameters = block_parameters(parameters, ranged, seed, first, n_worlds)
    else:
        model_parameters = parameters
    model = EscalationModel(model_parameters, n_worlds=n_worlds, rng=chunk_rng(seed, chunk),
                            trace=trace, uniforms=draws).run()
    world = np.arange(first, first + n_worlds, dtype=np.int64)
    outcomes = {"world": world, **model.outcomes()}
    weekly = model.weekly_counts()
    blocks = BlockStats.of(outcomes, first, ranges.BLOCK_WORLDS) if ranged else None
    return ChunkResult(chunk, outcomes, weekly, OutcomeStats.of(outcomes), blocks)


def block_parameters(parameters: Mapping[str, Any], ranged: Mapping[str, ranges.Range],
                     seed: int, first_world: int, n_worlds: int) -> Mapping[str, Any]:
    """The parameters of worlds ``first_world`` on, each block on its own draw of ``ranged``.

    Where no block differs from the point (``block_points``), the point parameters
    themselves are returned, so the model runs exactly as without ranges. Otherwise
    ``per_world`` merges the blocks' parameter sets: a ranged parameter becomes one value
    per world.
    """
    return _merged(block_points(parameters, ranged, seed, first_world, n_worlds), n_worlds)


def block_points(parameters: Mapping[str, Any], ranged: Mapping[str, ranges.Range],
                 seed: int, first_world: int, n_worlds: int) -> list[Mapping[str, Any]]:
    """Each block's parameter set from ``first_world`` on: the point with its draw of ``ranged``.

    A drawn value equal to the point is left as the point (a collapsed range changes no
    bit), and a block whose draws all equal the point gets ``parameters`` itself.
    """
    drawn = block_values(ranged, seed, first_world, n_worlds)
    points = []
    for block in range(-(-n_worlds // ranges.BLOCK_WORLDS)):
        changes = {name: float(values[block]) for name, values in drawn.items()
                   if float(values[block]) != parameters[name]}
        points.append(params.validate(changes, base=parameters) if changes else parameters)
    return points


def pool_parameters(members: Sequence[pool.Member], seed: int, first_world: int,
                    n_worlds: int) -> Mapping[str, Any]:
    """The parameters of worlds ``first_world`` on, each block under the member it draws.

    A block's parameters are exactly those its member's own run gives that block (its
    point, or its draw of the member's ranges: ``block_points``), so a pool's world i is
    world i of its block's member. Where every block draws one member (and no ranges), that
    member's parameters are returned as they are.
    """
    count = -(-n_worlds // ranges.BLOCK_WORLDS)
    views = pool.block_views([m.weight for m in members], seed,
                             first_world // ranges.BLOCK_WORLDS, count).tolist()
    own = {}
    for index in sorted(set(views)):
        member = members[index]
        points = params.validate({}, base=member.parameters)
        own[index] = (block_points(points, member.ranges, seed, first_world, n_worlds)
                      if member.ranges else [points] * count)
    return _merged([own[index][block] for block, index in enumerate(views)], n_worlds)


def _merged(points: list[Mapping[str, Any]], n_worlds: int) -> Mapping[str, Any]:
    """One model's parameters for blocks of worlds: the shared set, or ``per_world``."""
    if all(point is points[0] for point in points[1:]):
        return points[0]
    starts = range(0, n_worlds, ranges.BLOCK_WORLDS)
    return per_world(points, [min(ranges.BLOCK_WORLDS, n_worlds - start) for start in starts])


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


def block_values(ranged: Mapping[str, ranges.Range], seed: int, first_world: int,
                 n_worlds: int) -> dict[str, np.ndarray]:
    """Each block's value of every ranged parameter: ``ranges.world_values``, once a block.

    The same values (tested), with each range's frozen scipy distribution made once per
    process (``_distribution``) rather than once per chunk: building one costs twice as
    much as reading its 64 quantiles, and a preset ranges dozens of parameters.
    """
    first = first_world // ranges.BLOCK_WORLDS
    count = -(-(first_world + n_worlds) // ranges.BLOCK_WORLDS) - first
    found = {}
    for name in sorted(ranged):
        found[name] = _values(ranged[name], ranges.block_uniforms(seed, name, first, count))
    return found


@functools.lru_cache(maxsize=1024)
def _distribution(rng: ranges.Range):
    """``rng.distribution()``, made once per process (Range is frozen: a safe key)."""
    return rng.distribution()


def _values(rng: ranges.Range, uniforms: np.ndarray) -> np.ndarray:
    """``rng.values(uniforms)`` on the cached distribution."""
    distribution = _distribution(rng)
    if distribution is None:
        return rng.values(uniforms)
    drawn = np.clip(distribution.ppf(uniforms), rng.low, rng.high)
    return np.rint(drawn) if rng.integer else drawn


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


def replay_world(parameters: Mapping[str, Any], seed: int, world: int,
                 members: Sequence[pool.Member] = ()) -> EscalationModel:
    """Re-run world ``world`` of a batch alone, with a week-by-week trace.

    ``members``: a pooled view's (without ranges): the world runs under its block's view.
    """
    chunk, index = divmod(world, CHUNK_SIZE)
    if members:
        parameters = pool_parameters(members, seed, chunk * CHUNK_SIZE, index + 1)
    model = EscalationModel(parameters, n_worlds=index + 1, rng=chunk_rng(seed, chunk), trace=True)
    model.run()
    model.world_index = index
    return model
