"""Participants' pages following the room (#29): what their polls cost, how fast they follow.

A participant's page runs a fragment every ``POLL_SECONDS`` (2 s) that reads the room's state
(``WorkshopStore.room_state``: round, locked, revealed, reveal time) and reruns the page only
when it changed. Two measures:

- **store**: 30 protocol-level participants (threads) each polling ``room_state`` every 2 s on
  one SQLite file, staggered as pages opened at different moments are; the CPU this process
  spends per second of wall time, and per poll: the database half of the server's cost. Then
  a facilitator locks, reveals and starts a round while they poll: each poller must see the
  three new states (and the first).
- **browser** (``--browser N``, default 3; 0 skips it): the app served as the browser tests
  serve it, N participant pages in Debian's chromium, idle for a while: the Streamlit server's
  CPU per second (psutil, the server and its children), which includes the fragment reruns
  Streamlit itself makes; then the facilitator (through the store) reveals and starts round
  2, and each page's delay until it shows the change without a click.

    .venv/bin/python -m bench.workshop_poll [--quick] [--participants 30] [--seconds 20]
                                            [--browser 3]

Prints markdown tables; asserts nothing (tests never assert a time).
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from simulator.workshop import WorkshopStore, results  # noqa: E402

POLL_SECONDS = 2.0  # simulator.app.workshop_common.POLL_SECONDS (not imported: no streamlit)


def _facilitate(store: WorkshopStore, code: str, key: str, seconds: float) -> None:
    """Lock, reveal and start round 2 while the participants poll: three new states."""
    time.sleep(seconds / 3)
    store.lock_round(code, key, 1)
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=500))
    time.sleep(seconds / 3)
    store.start_next_round(code, key, 1, {}, "Round 2")


def store_polls(participants: int, seconds: float) -> dict[str, float]:
    """CPU per wall second and per poll of ``participants`` polling threads on one store."""
    with tempfile.TemporaryDirectory(prefix="bench-workshop-poll-") as tmp:
        store = WorkshopStore(f"sqlite:///{tmp}/workshop.db")
        room, key = store.create_room("Bench", "baseline", ["chain.layers"])
        code = room.join_code
        for i in range(participants):
            _, token = store.join(code, f"participant {i}")
            store.submit(code, token, 1, 0.1)
        polls, lock = [], threading.Lock()
        stop = threading.Event()

        def participant(index: int) -> None:
            time.sleep(POLL_SECONDS * index / participants)  # pages opened at other moments
            while not stop.is_set():
                started = time.perf_counter()
                store.room_state(code)
                with lock:
                    polls.append(time.perf_counter() - started)
                stop.wait(POLL_SECONDS)

        threads = [threading.Thread(target=participant, args=(i,)) for i in range(participants)]
        cpu, wall = time.process_time(), time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(seconds)
        stop.set()
        for thread in threads:
            thread.join()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        store.close()
    return {"cpu_per_second": cpu / wall, "polls": len(polls),
            "poll_ms": 1000 * statistics.median(polls), "cpu_ms_per_poll": 1000 * cpu / len(polls)}


def store_polls_with_changes(participants: int, seconds: float) -> int:
    """How many pollers ended on the room's last state while a facilitator moved it on.

    A poller may miss a state that lasts less than a poll (locked, while the reveal runs): a
    page needs only the latest one to redraw right.
    """
    with tempfile.TemporaryDirectory(prefix="bench-workshop-poll-") as tmp:
        store = WorkshopStore(f"sqlite:///{tmp}/workshop.db")
        room, key = store.create_room("Bench", "baseline", ["chain.layers"])
        code = room.join_code
        _, token = store.join(code, "Ana")
        store.submit(code, token, 1, 0.1)
        seen = [None] * participants
        stop = threading.Event()

        def participant(index: int) -> None:
            while not stop.is_set():
                seen[index] = store.room_state(code)
                stop.wait(POLL_SECONDS)

        threads = [threading.Thread(target=participant, args=(i,)) for i in range(participants)]
        for thread in threads:
            thread.start()
        _facilitate(store, code, key, seconds)
        time.sleep(POLL_SECONDS * 1.5)
        stop.set()
        for thread in threads:
            thread.join()
        last = store.room_state(code)
        store.close()
    return sum(state == last for state in seen)


def browser_follow(pages: int, idle_seconds: float) -> dict[str, object] | None:
    """Server CPU per second with ``pages`` idle participant pages, and their follow delays."""
    try:
        import psutil
        from playwright.sync_api import sync_playwright
        from support.browser import (
            CHROMIUM_ARGS,
            free_port,
            start_streamlit,
            stop,
            wait_healthy,
            wait_idle,
        )
    except ImportError as missing:
        print(f"(browser part skipped: {missing})")
        return None
    chromium = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser")
                     if os.path.exists(p)), None)
    if chromium is None:
        print("(browser part skipped: no chromium)")
        return None
    with tempfile.TemporaryDirectory(prefix="bench-workshop-follow-") as tmp:
        port, log = free_port(), Path(tmp) / "server.log"
        with mock.patch.dict(os.environ, {"WORKSHOP_DATA_DIR": tmp}):  # the server inherits it
            for name in ("WORKSHOP_DATABASE_URL", "WORKSHOP_PUBLIC_URL"):
                os.environ.pop(name, None)
            process = start_streamlit(port, log)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(base, process, log)
            store = WorkshopStore(f"sqlite:///{Path(tmp).resolve() / 'workshop.db'}")
            room, key = store.create_room("Bench", "baseline", ["chain.layers"])
            code = room.join_code
            tokens = [store.join(code, f"P{i}")[1] for i in range(pages)]
            for token in tokens:
                store.submit(code, token, 1, 0.1)
            with sync_playwright() as driver:
                browser = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                shown = []
                for token in tokens:
                    page = browser.new_context().new_page()
                    page.goto(f"{base}/workshop?room={code}&token={token}")
                    wait_idle(page)
                    shown.append(page)
                server = psutil.Process(process.pid)

                def server_cpu() -> float:
                    total = 0.0
                    for one in (server, *server.children(recursive=True)):
                        try:
                            times = one.cpu_times()
                            total += times.user + times.system
                        except psutil.Error:
                            pass
                    return total

                cpu, wall = server_cpu(), time.perf_counter()
                time.sleep(idle_seconds)
                idle = (server_cpu() - cpu) / (time.perf_counter() - wall)
                delays = {}
                for step, act, seen in (
                    ("reveal", lambda: store.reveal(code, key, 1, lambda r, s: results.compute(
                        r, s, runs=2_000)), "Your result in round 1"),
                    ("next round", lambda: store.start_next_round(code, key, 1, {},
                                                                  "Round 2 news"),
                     "Round 2 news"),
                ):
                    act()
                    started = time.perf_counter()
                    for page in shown:
                        page.get_by_text(seen).first.wait_for(timeout=30_000)
                    delays[step] = time.perf_counter() - started
                browser.close()
            store.close()
        finally:
            stop(process)
    return {"pages": pages, "idle_cpu_per_second": idle, "delays": delays}


def main(argv: list[str] | None = None) -> str:
    """Measure and print the tables."""
    parser = argparse.ArgumentParser(prog="python -m bench.workshop_poll")
    parser.add_argument("--quick", action="store_true", help="8 s of polling instead of 20")
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--browser", type=int, default=3, help="participant pages (0: none)")
    args = parser.parse_args(argv)
    seconds = args.seconds or (8.0 if args.quick else 20.0)
    found = store_polls(args.participants, seconds)
    followed = store_polls_with_changes(args.participants, 3 * POLL_SECONDS)
    rows = [
        "| participants' polls (store, SQLite) | participants | value |",
        "|---|---:|---:|",
        f"| CPU per second of polling (this process) | {args.participants} "
        f"| {1000 * found['cpu_per_second']:.1f} ms/s ({100 * found['cpu_per_second']:.2f}% "
        "of a core) |",
        f"| one poll, wall time (median) | {args.participants} | {found['poll_ms']:.2f} ms |",
        f"| CPU per poll | {args.participants} | {found['cpu_ms_per_poll']:.2f} ms |",
        f"| polls in {seconds:g} s | {args.participants} | {found['polls']} |",
        f"| pollers on round 2 within {1.5 * POLL_SECONDS:g} s of its start "
        f"| {args.participants} | {followed} of {args.participants} |",
    ]
    if args.browser:
        seen = browser_follow(args.browser, 10.0 if args.quick else 20.0)
        if seen:
            per_page = seen["idle_cpu_per_second"] / seen["pages"]
            rows += [
                "",
                "| participants' pages (Streamlit server, chromium) | pages | value |",
                "|---|---:|---:|",
                f"| server CPU per second, pages idle (fragment every {POLL_SECONDS:g} s) "
                f"| {seen['pages']} | {1000 * seen['idle_cpu_per_second']:.0f} ms/s |",
                f"| the same per page; times 30 participants | 1 / 30 | {1000 * per_page:.0f}"
                f" ms/s / {30 * per_page:.2f} cores (estimate) |",
                *(f"| delay until every page shows the {step} by itself | {seen['pages']} "
                  f"| {delay:.1f} s |" for step, delay in seen["delays"].items()),
            ]
    table = "\n".join(rows)
    print(table)
    return table


if __name__ == "__main__":
    main(sys.argv[1:])
