"""Running on a Dask cluster: connect fast or fail clearly, and refuse workers that differ.

A worker that runs other code, or rounds float32 arithmetic otherwise (another CPU family),
would give other bytes for the same seed: ``connect_dask`` checks every worker first.
"""

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from simulator import settings
from simulator.results.origin import float32_rounding
from simulator.running.chunks import EngineError
from simulator.running.memory import keep_heap

DASK_TIMEOUT_ENV = "SIMULATOR_DASK_TIMEOUT"
"""Environment variable: seconds to wait for a Dask scheduler (default 5; ``settings``)."""


def connect_dask(address: str):
    """Connect to a Dask scheduler, or fail fast with an error naming the address.

    Every step is bounded by ``SIMULATOR_DASK_TIMEOUT`` seconds (default 5): the TCP
    connection, then dask's handshake and an ``identity`` request, in a thread of their
    own. A server that accepts the connection but is not a scheduler (it sends nothing,
    or bytes that dask would read as a 3 EiB message) is refused before a Client is made.
    """
    try:
        from dask.distributed import Client
        from distributed.comm import connect
        from distributed.comm.addressing import parse_address, parse_host_port
    except ImportError:  # pragma: no cover - dask is in requirements.txt
        raise EngineError("--dask needs dask[distributed]: pip install 'dask[distributed]'") \
            from None
    import asyncio
    import socket

    try:
        seconds = settings.current().dask_timeout
    except settings.SettingError as error:  # refused as every bad option of a run is
        raise EngineError(str(error)) from None
    if not isinstance(address, str) or not address.strip() or len(address) > 1000:
        raise EngineError(f"--dask: {str(address)[:60]!r} is not allowed; expected the address "
                          "a scheduler prints, e.g. tcp://10.0.0.5:8786")

    def unreachable(reason: Any) -> EngineError:
        return EngineError(f"--dask: cannot reach a Dask scheduler at {address} ({reason}); "
                           "expected the address a scheduler prints, e.g. tcp://10.0.0.5:8786")

    try:
        scheme, location = parse_address(address)
        if scheme == "tcp":  # the TCP connection alone first: unreachable, or not a scheduler
            socket.create_connection(parse_host_port(location), timeout=seconds).close()
    except (OSError, TypeError, ValueError) as error:
        raise unreachable(error) from None

    async def identity():
        comm = await connect(address, timeout=seconds)  # its handshake is not timed: wait_for
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    answer: dict[str, Any] = {}

    def probe() -> None:
        try:
            answer["reply"] = asyncio.run(asyncio.wait_for(identity(), seconds))
        except BaseException as error:  # noqa: BLE001 - garbage can raise anything (MemoryError)
            answer["error"] = error

    thread = threading.Thread(target=probe, name="dask-probe", daemon=True)
    thread.start()
    thread.join(seconds + 10)  # the probe times itself out; this guards against the rest
    reply, error = answer.get("reply"), answer.get("error")
    if scheme != "tcp" and isinstance(error, OSError) and not isinstance(error, TimeoutError):
        raise unreachable(error)
    if not (isinstance(reply, dict) and reply.get("type") == "Scheduler"):
        raise EngineError(f"--dask: {address} is not a Dask scheduler (or did not answer within "
                          f"{seconds:g} s); expected the address a scheduler prints, e.g. "
                          "tcp://10.0.0.5:8786")
    try:
        client = Client(address, timeout=f"{seconds}s")
    except (OSError, TimeoutError, ValueError) as error:
        raise unreachable(error) from None
    check_workers(client, address)
    return client


def simulator_identity() -> str:
    """This process's simulator: its version and a digest of its sources.

    Workers must compute with the same code as the client, or the same seed would give
    other bytes; the digest tells two checkouts of one version apart. The shipped presets
    (``simulator/scenarios``, a package only in a wheel) are left out, and so are the app and
    the workshop, which workers never run: the client sends each
    scenario's parameters, so a wheel and a checkout of the same code agree.
    """
    import hashlib

    import simulator

    package = Path(simulator.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package).parts[0] in ("scenarios", "app", "workshop"):
            continue
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{simulator.__version__}+{digest.hexdigest()[:12]}"


def check_workers(client, address: str) -> None:
    """Every worker computes as this process does, or an error says what not.

    The same simulator (``simulator_identity``), and the same float32 rounding
    (``float32_rounding``): either way a seed would give other bytes. Then each worker
    keeps its temporaries on the heap (``keep_heap``).
    """
    mine = simulator_identity()
    try:
        theirs = client.run(simulator_identity)
    except ImportError as error:
        client.close()
        raise EngineError(
            f"--dask: the workers of {address} cannot import the simulator ({error}); start them "
            "from this project's virtualenv after `make setup`, which installs it "
            "(.venv/bin/dask worker ...), or run `pip install -e .` in their environment") \
            from None
    if not theirs:
        client.close()
        raise EngineError(f"--dask: the scheduler at {address} has no workers yet; start some "
                          "(.venv/bin/dask worker ADDRESS) and run again")
    _refuse_others(client, theirs, mine, "run another simulator",
                   "start them from the same checkout and version")
    _refuse_others(client, client.run(float32_rounding), float32_rounding(),
                   "round float32 arithmetic unlike this machine",
                   "another CPU family does (AVX2 against AVX-512), and their worlds would not be "
                   "the bytes this seed gives here: use workers of this machine's kind, or run "
                   "the command from one of theirs")
    client.run(keep_heap)


def _refuse_others(client, theirs: Mapping[str, str], mine: str, differ: str,
                   remedy: str) -> None:
    """Close ``client`` and say which workers answered otherwise than ``mine``, if any."""
    other = {worker: found for worker, found in theirs.items() if found != mine}
    if other:
        client.close()
        worker, found = next(iter(other.items()))
        raise EngineError(f"--dask: {len(other)} of {len(theirs)} workers {differ} (e.g. "
                          f"{worker}: {found}; this machine: {mine}); {remedy}")
