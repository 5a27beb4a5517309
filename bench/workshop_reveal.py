"""Workshop benchmark: a reveal of 40 participants through the real store (SQLite file).

Each participant moves six sliders to random values (seeded); the reveal runs everyone's
scenario and the per-parameter effects on 10,000 worlds each, in this process, as the app
does. Also times one poll of the board's count. Prints a markdown table; asserts nothing.
"""

import argparse
import random
import sys
import tempfile
import time

from ui import workshop_results
from workshop import WorkshopStore

ALLOWED = ["chain.layers", "chain.base_refusal", "leader.resolve", "leader.nuclear_threshold",
           "west.influence", "leader.bluff_share"]


def reveal_seconds(participants: int) -> tuple[float, int, float]:
    """Seconds for the reveal of ``participants`` answers, scenarios it ran, ms per poll."""
    with tempfile.TemporaryDirectory(prefix="bench-workshop-") as tmp:
        store = WorkshopStore(f"sqlite:///{tmp}/workshop.db")
        room, key = store.create_room("Bench", "baseline", ALLOWED)
        rng = random.Random(1)
        for i in range(participants):
            _, token = store.join(room.join_code, f"participant {i}")
            values = {"chain.layers": rng.randint(2, 8),
                      "chain.base_refusal": round(rng.uniform(0, 0.3), 2),
                      "leader.resolve": round(rng.uniform(0, 6), 1),
                      "leader.nuclear_threshold": round(rng.uniform(0.4, 1), 2),
                      "west.influence": round(rng.uniform(0, 1), 2),
                      "leader.bluff_share": round(rng.uniform(0, 1), 2)}
            store.submit(room.join_code, token, 1, rng.uniform(0, 0.3), rng.randint(1, 5), values)
        started = time.perf_counter()
        store.reveal(room.join_code, key, lambda round_, answers: workshop_results.compute(
            round_, answers, allowed=ALLOWED))
        seconds = time.perf_counter() - started
        scenarios = store.submissions(room.join_code)[0].results["round"]["scenarios_run"]
        polls = 50
        started = time.perf_counter()
        for _ in range(polls):
            store.submission_count(room.join_code)
            store.participant_count(room.join_code)
        poll_ms = (time.perf_counter() - started) / polls * 1000
        store.close()
    return seconds, scenarios, poll_ms


def main(argv: list[str] | None = None) -> str:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.workshop_reveal")
    parser.add_argument("--quick", action="store_true", help="10 participants instead of 40")
    args = parser.parse_args(argv)
    participants = 10 if args.quick else 40
    seconds, scenarios, poll_ms = reveal_seconds(participants)
    table = "\n".join([
        "| workshop | participants | scenarios run (10,000 worlds each) | time |",
        "|---|---:|---:|---:|",
        f"| reveal, one process | {participants} | {scenarios} | {seconds:.1f} s |",
        f"| one board poll (database reads) | {participants} | - | {poll_ms:.2f} ms |",
    ])
    print(table)
    return table


if __name__ == "__main__":
    main(sys.argv[1:])
