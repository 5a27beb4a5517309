"""Workshop benchmark: a reveal of 40 participants through the real store (SQLite file).

Each participant moves six sliders to random values (seeded); the reveal runs everyone's
scenario and the per-parameter effects on 10,000 worlds each. Timed twice, from an empty
cache each time:

- **cold**: the reveal simulates everything itself (as it did before answers were prepared);
- **prepared**: each answer's scenarios were simulated when it was submitted
  (`simulator.workshop.results.prepare`, which the app runs on its process pool while the room is
  still answering); the reveal finds them cached.

Also times one poll of the board's count. Prints a markdown table; asserts nothing.
"""

import argparse
import random
import sys
import tempfile
import time
from concurrent.futures import Future

from simulator.workshop import WorkshopStore, results

ALLOWED = ["chain.layers", "chain.base_refusal", "leader.resolve", "leader.nuclear_threshold",
           "west.influence", "leader.bluff_share"]


def _in_process(fn, *args) -> Future:
    done = Future()
    done.set_result(fn(*args))
    return done


def reveal_seconds(participants: int, prepared: bool) -> tuple[float, float, dict, float]:
    """Reveal seconds, preparation CPU seconds, the reveal's summary, ms per board poll."""
    results.clear_cache()
    with tempfile.TemporaryDirectory(prefix="bench-workshop-") as tmp:
        store = WorkshopStore(f"sqlite:///{tmp}/workshop.db")
        room, key = store.create_room("Bench", "baseline", ALLOWED)
        rng = random.Random(1)
        preparing = 0.0
        for i in range(participants):
            _, token = store.join(room.join_code, f"participant {i}")
            values = {"chain.layers": rng.randint(2, 8),
                      "chain.base_refusal": round(rng.uniform(0, 0.3), 2),
                      "leader.resolve": round(rng.uniform(0, 6), 1),
                      "leader.nuclear_threshold": round(rng.uniform(0.4, 1), 2),
                      "west.influence": round(rng.uniform(0, 1), 2),
                      "leader.bluff_share": round(rng.uniform(0, 1), 2)}
            store.submit(room.join_code, token, 1, rng.uniform(0, 0.3), rng.randint(1, 5), values)
            if prepared:
                started = time.process_time()
                results.prepare(store.current_round(room.join_code), values, _in_process)
                preparing += time.process_time() - started
        started = time.perf_counter()
        store.reveal(room.join_code, key, 1, lambda round_, answers: results.compute(
            round_, answers, allowed=ALLOWED))
        seconds = time.perf_counter() - started
        summary = store.submissions(room.join_code)[0].results["round"]
        polls = 50
        started = time.perf_counter()
        for _ in range(polls):
            store.submission_count(room.join_code)
            store.participant_count(room.join_code)
        poll_ms = (time.perf_counter() - started) / polls * 1000
        store.close()
    results.clear_cache()
    return seconds, preparing, summary, poll_ms


def main(argv: list[str] | None = None) -> str:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.workshop_reveal")
    parser.add_argument("--quick", action="store_true", help="10 participants instead of 40")
    args = parser.parse_args(argv)
    participants = 10 if args.quick else 40
    cold, _, summary, poll_ms = reveal_seconds(participants, prepared=False)
    scenarios = summary["scenarios_run"]
    ready, preparing, after, _ = reveal_seconds(participants, prepared=True)
    table = "\n".join([
        "| workshop | participants | scenarios (10,000 worlds each) | time |",
        "|---|---:|---:|---:|",
        f"| reveal, cold (simulates every scenario) | {participants} | {scenarios} "
        f"| {cold:.1f} s |",
        f"| preparing each answer as it is submitted (one core, CPU) | {participants} "
        f"| {scenarios} | {preparing:.1f} s in all, {preparing / participants:.2f} s per answer |",
        f"| reveal once the answers were prepared | {participants} "
        f"| {after['simulated']} simulated | {ready:.2f} s |",
        f"| one board poll (database reads) | {participants} | - | {poll_ms:.2f} ms |",
    ])
    print(table)
    return table


if __name__ == "__main__":
    main(sys.argv[1:])
