"""A class on one laptop: N users moving Explore's sliders at once, timed at the protocol.

Starts the app on a free port (as the browser tests do) and drives it with N clients that
speak Streamlit's own protocol, no browser: each opens the websocket (``/_stcore/stream``),
asks for a script run with a ``BackMsg.rerun_script`` (the URL's query string and the
widget states, as Streamlit's frontend sends them) and reads the ``ForwardMsg`` replies.
Each user loads Explore at 10,000 worlds with a "bluff share" of its own, then, all at
the same moments, moves "each layer's baseline refusal" MOVES times: every move is a
setting no one has run yet (never a cache hit). A move's time runs from sending the new
widget state to the arrival of the delta carrying the new P(nuclear use); the run must
then finish without an error on the page.

Two servers are measured, one after the other: the simulations in the Streamlit process
(``SIMULATOR_APP_WORKERS=0``, as before the pool) and on the pool (``simulator/app/compute.py``,
one worker per core). Server memory is the resident memory of the server process and all
its children (the pool's workers): the sum of their proportional set sizes (a page shared
by k processes counts 1/k to each), sampled every 0.5 s with psutil; "cores used" is their
CPU time over the wall time of the moves, "client cores" the same for this benchmark's own
process (its clients share the machine with the server).

    .venv/bin/python -m bench.app_load [--quick] [--users 1,10,20,40] [--moves 3]
                                       [--modes in-process,pool]

(``python -m bench`` runs it after the app latency benchmark.) Nothing here asserts a time:
the targets are printed next to the numbers measured. The machine's load average is
printed with each row: other work on it slows every figure.
"""

import argparse
import asyncio
import contextlib
import os
import platform
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from support.browser import free_port, start_streamlit, stop, wait_healthy  # noqa: E402

from simulator.app import compute, i18n  # noqa: E402

WORLDS = 10_000
SLIDER = "chain.base_refusal"
OWN = "leader.bluff_share"
"""Each user's own value of this parameter makes its settings differ from everyone's."""
P_USE = i18n.TEXT["en"]["explore.headline_label"].format(weeks=52)
RUN_TIMEOUT_S = 180
MODES = {"in-process": "0", "pool": ""}
"""SIMULATOR_APP_WORKERS of each server ("": the default, one worker per core)."""
TARGETS = {20: 2.5, 40: 5.0}
"""Users: p90 seconds to meet on the pool."""
TARGET_PEAK_MIB = 1024


class PageError(Exception):
    """The page showed an exception or an error message."""


async def script_run(socket, state: ClientState) -> tuple[float, dict[str, str]]:
    """Ask for a script run; seconds to the new P(nuclear use), and the sliders' ids by key.

    Raises:
        PageError: The page showed an error, or the run ended without P(nuclear use).
    """
    started = time.perf_counter()
    await socket.send(BackMsg(rerun_script=state).SerializeToString())
    seconds, sliders = None, {}
    while True:
        message = ForwardMsg.FromString(await socket.recv())
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            which = element.WhichOneof("type")
            if which == "metric" and element.metric.label == P_USE and seconds is None:
                seconds = time.perf_counter() - started
            elif which == "slider":
                sliders[element.slider.id.split("-", 2)[2]] = element.slider.id
            elif which == "exception" or (which == "alert"
                                          and element.alert.format == Alert.ERROR):
                raise PageError(which)
        elif kind == "script_finished" \
                and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
            if seconds is None:
                raise PageError("no P(nuclear use) on the page")
            return seconds, sliders


async def user(url: str, number: int, moves: int, loaded: asyncio.Barrier,
               latencies: list[float], errors: list[str]) -> None:
    """One user: load Explore with a setting of its own, then move the slider ``moves`` times.

    ``number`` is unique over the whole benchmark of one server, so no two users (and no
    two moves) ask for the same setting: every move is a fresh simulation.
    """
    own = round(0.1 + 0.01 * (number % 80), 2)
    query = f"worlds={WORLDS}&{OWN}={own}"
    state = ClientState(query_string=query)
    try:
        async with websockets.connect(url.replace("http", "ws", 1) + "/_stcore/stream",
                                      subprotocols=["streamlit"], max_size=None) as socket:
            _, sliders = await asyncio.wait_for(script_run(socket, state), RUN_TIMEOUT_S)
            await loaded.wait()
            for move in range(moves):
                value = round(0.06 + 0.01 * move + 0.2 * (number // 80), 2)
                state.query_string = f"{query}&{SLIDER}={value}"
                state.widget_states.ClearField("widgets")
                widget = state.widget_states.widgets.add(id=sliders[SLIDER])
                widget.double_array_value.data.append(value)
                seconds, _ = await asyncio.wait_for(script_run(socket, state), RUN_TIMEOUT_S)
                latencies.append(seconds)
    except (OSError, PageError, TimeoutError, websockets.WebSocketException) as error:
        with contextlib.suppress(asyncio.BrokenBarrierError):
            await loaded.abort()  # the others do not wait for this user
        errors.append(f"user {number}: {error!r}")


class MemoryWatch:
    """Peak memory (PSS) and CPU time of a process and its children, sampled in a thread."""

    def __init__(self, pid: int):
        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _tree(self) -> list[psutil.Process]:
        return [self.process, *self.process.children(recursive=True)]

    def _sample_once(self) -> None:
        pss = 0
        for process in self._tree():
            with contextlib.suppress(psutil.Error):  # a worker may have just exited
                pss += process.memory_full_info().pss
        self.peak = max(self.peak, pss)

    def _sample(self) -> None:
        # At once and at the end too: a round shorter than the interval had no sample (0 MiB).
        self._sample_once()
        while not self._stop.wait(0.5):
            self._sample_once()

    def cpu_seconds(self) -> float:
        """CPU time so far of the process and its living children."""
        total = 0.0
        for process in self._tree():
            with contextlib.suppress(psutil.Error):
                times = process.cpu_times()
                total += times.user + times.system
        return total

    def __enter__(self) -> "MemoryWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample_once()


async def crowd(url: str, users: int, first: int, moves: int) -> tuple[list[float], list[str]]:
    """``users`` users at once, numbered from ``first``; every move's seconds, and errors."""
    latencies, errors = [], []
    loaded = asyncio.Barrier(users)
    await asyncio.gather(*(user(url, first + k, moves, loaded, latencies, errors)
                           for k in range(users)))
    return latencies, errors


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie (nearest rank); nan if none."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered \
        else float("nan")


def measure(mode: str, crowds: list[int], moves: int) -> list[dict]:
    """Start a server in ``mode`` and run each crowd on it in turn; one row per crowd."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server_log = Path(tempfile.mkdtemp(prefix="bench-app-load-")) / "server.log"
    saved = os.environ.get(compute.WORKERS_ENV)
    os.environ[compute.WORKERS_ENV] = MODES[mode]
    if not MODES[mode]:
        del os.environ[compute.WORKERS_ENV]
    try:
        process = start_streamlit(port, server_log)
    finally:
        if saved is None:
            os.environ.pop(compute.WORKERS_ENV, None)
        else:
            os.environ[compute.WORKERS_ENV] = saved
    rows = []
    try:
        wait_healthy(url, process, server_log)
        log(f"{mode}: server at {url} (log {server_log}); warming up ...")
        numbered = 1  # user 0 warms up: starts the pool, runs every preset's view
        asyncio.run(crowd(url, 1, 0, 0))
        for users in crowds:
            log(f"{mode}: {users} user(s) x {moves} moves ...")
            with MemoryWatch(process.pid) as watch:
                cpu, own = watch.cpu_seconds(), time.process_time()
                started = time.perf_counter()
                latencies, errors = asyncio.run(crowd(url, users, numbered, moves))
                wall = time.perf_counter() - started
                cores = (watch.cpu_seconds() - cpu) / wall
                client = (time.process_time() - own) / wall
            numbered += users
            for error in errors:
                log(f"  {error}")
            rows.append({"mode": mode, "users": users, "moves": len(latencies),
                         "p50": percentile(latencies, 0.5), "p90": percentile(latencies, 0.9),
                         "max": max(latencies, default=float("nan")), "cores": cores,
                         "client": client, "peak_mib": watch.peak / 2**20, "errors": len(errors),
                         "load": os.getloadavg()})
            log("  p50 {p50:.2f} s, p90 {p90:.2f} s, max {max:.2f} s, {peak_mib:.0f} MiB, "
                "load {load}".format(**rows[-1]))
    finally:
        stop(process)
    return rows


def log(text: str) -> None:
    """Progress goes to stderr; the markdown table alone goes to stdout."""
    print(text, file=sys.stderr, flush=True)


def verdicts(rows: list[dict]) -> list[str]:
    """The targets, met or not, from the pool's rows."""
    pool = {row["users"]: row for row in rows if row["mode"] == "pool"}
    lines = []
    for users, target in TARGETS.items():
        if users in pool:
            met = "met" if pool[users]["p90"] <= target else "NOT MET"
            lines.append(f"- {users} users, p90 <= {target} s on the pool: {met} "
                         f"({pool[users]['p90']:.2f} s)")
    if 40 in pool:
        met = "met" if pool[40]["peak_mib"] <= TARGET_PEAK_MIB else "NOT MET"
        lines.append(f"- server memory peak at 40 users <= {TARGET_PEAK_MIB} MiB on the "
                     f"pool: {met} ({pool[40]['peak_mib']:.0f} MiB)")
    return lines or ["- (the targets are for 20 and 40 users on the pool: not run)"]


def main(argv: list[str] | None = None) -> str:
    """Run the benchmark; print and return its markdown table."""
    parser = argparse.ArgumentParser(prog="python -m bench.app_load",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 and 5 users, 2 moves each")
    parser.add_argument("--users", help="comma-separated crowd sizes (default 1,10,20,40)")
    parser.add_argument("--moves", type=int, help="slider moves per user (default 3)")
    parser.add_argument("--modes", default=",".join(MODES),
                        help=f"servers to measure, among {', '.join(MODES)}")
    args = parser.parse_args(argv)
    crowds = [int(n) for n in (args.users or ("1,5" if args.quick else "1,10,20,40")).split(",")]
    moves = args.moves or (2 if args.quick else 3)
    rows = [row for mode in args.modes.split(",") for row in measure(mode, crowds, moves)]
    table = "\n".join([
        f"App under load: Explore, {WORLDS:,} worlds, every user moving '{SLIDER}' to "
        f"settings of its own at the same moments (protocol-level clients, no browser); "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}.",
        "",
        "| simulations | users | moves timed | p50 (s) | p90 (s) | max (s) | cores used "
        "| client cores | server peak PSS (MiB) | errors | load avg 1/5/15 min |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        *(f"| {row['mode']} | {row['users']} | {row['moves']} | {row['p50']:.2f} | "
          f"{row['p90']:.2f} | {row['max']:.2f} | {row['cores']:.1f} | {row['client']:.1f} | "
          f"{row['peak_mib']:.0f} | {row['errors']} | "
          f"{' / '.join(f'{x:.2f}' for x in row['load'])} |" for row in rows),
        "",
        "Targets (slider move -> new P(nuclear use) arrives):",
        *verdicts(rows),
    ])
    print(table)
    return table


if __name__ == "__main__":
    main()
