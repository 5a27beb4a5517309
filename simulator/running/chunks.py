"""How a batch is cut into chunks, and the checks of its size and seed before any work.

World ``i`` lives in chunk ``i // CHUNK_SIZE`` and draws from a generator seeded by
``SeedSequence(seed, spawn_key=(chunk,))`` (``draws.chunk_rng``): its draws do not depend on
how many worlds the chunk holds, on which worker runs it, or in what order chunks finish.
"""

from typing import Any

from simulator.errors import SimulatorError

CHUNK_SIZE = 16_384
"""Worlds per chunk. Part of what a result depends on, so it is in the manifest."""
IN_PROCESS_LIMIT = 2 * CHUNK_SIZE
"""With ``workers=None``, batches up to this size run in this process: starting worker
processes would cost more than it saves."""


class EngineError(SimulatorError):
    """A batch that cannot run: bad options, a folder in the way, a failed chunk."""


def plan(runs: int) -> list[tuple[int, int]]:
    """(chunk index, worlds in it) for a batch of ``runs`` worlds (at most ``MAX_RUNS``)."""
    runs = check_runs(runs)  # before the list is built: 10**12 runs would exhaust memory
    return [(k, min(CHUNK_SIZE, runs - k * CHUNK_SIZE)) for k in range(-(-runs // CHUNK_SIZE))]


MAX_RUNS = 10**9
"""Most worlds in one batch (and the default cap of ``check_runs``): 61,036 chunks."""


def check_runs(runs: Any, name: str = "runs", maximum: int = MAX_RUNS) -> int:
    """``runs`` as an int from 1 to ``maximum`` (1e5 is accepted as 100000), or EngineError.

    The error names ``name`` and the allowed range; it comes before any work is planned.
    """
    from simulator.errors import shown  # a 400-digit number must not break the message

    try:
        value = int(runs)
        whole = not isinstance(runs, bool) and value == runs
    except (TypeError, ValueError, OverflowError):
        whole = False
    if not whole or value < 1:
        raise EngineError(f"{name}: {shown(runs)} is not allowed; expected a whole number "
                          f"from 1 to {maximum:,}")
    if value > maximum:
        raise EngineError(f"{name}: {shown(runs)} is too many; expected a whole number from 1 "
                          f"to {maximum:,} (the most allowed)")
    return value


def check_seed(seed: Any) -> int:
    """``seed`` as an int >= 0 (a batch's seed), or EngineError naming it."""
    try:
        value = int(seed)
    except (TypeError, ValueError):
        raise EngineError(f"seed: {seed!r} is not allowed; expected a whole number >= 0") from None
    if value < 0 or value != seed:
        raise EngineError(f"seed: {seed!r} is not allowed; expected a whole number >= 0")
    return value


def chunk_label(seed: int, chunk: int, n: int, what: str = "") -> str:
    """How a failed chunk is named: its worlds, its seed, and the SeedSequence to replay it."""
    first = chunk * CHUNK_SIZE
    return (f"{what}chunk {chunk} (worlds {first}-{first + n - 1}, seed {seed}, "
            f"SeedSequence({seed}, spawn_key=({chunk},)))")
