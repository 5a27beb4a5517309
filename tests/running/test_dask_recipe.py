"""The README's Dask recipe followed literally: a real scheduler, two worker processes started
outside the checkout, and the same bytes as a local run; workers that cannot import the
simulator, or run another one, are named."""

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulator import results
from simulator.running import engine

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DEADLINE = 180
"""Seconds to wait for the scheduler, the workers and a run (the machine may be loaded)."""


def readme_recipe() -> list[str]:
    """The three command lines of the docs' Dask how-to (docs/howto/dask.md)."""
    text = (ROOT / "docs" / "howto" / "dask.md").read_text()
    section = text[text.index("# Running on a Dask cluster"):]
    block = section[section.index("```") + 3:]
    block = block[:block.index("```")]
    return [line.split("  #")[0].strip() for line in block.strip().splitlines()]


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two workers started as the README says, from a folder elsewhere."""
    scheduler_line, worker_line, _ = readme_recipe()
    assert scheduler_line.startswith(".venv/bin/dask scheduler")
    scheduler = subprocess.Popen(
        [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard"],
        cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    processes = [scheduler]
    try:
        address, deadline = None, time.monotonic() + DEADLINE
        while address is None:
            line = scheduler.stderr.readline()
            assert line or scheduler.poll() is None, "the scheduler exited"
            found = re.search(r"Scheduler at:\s+(tcp://\S+)", line)
            address = found and found[1]
            assert time.monotonic() < deadline, "no scheduler address"
        worker_args = worker_line.split()[1:]  # "worker tcp://... --nworkers 8 --nthreads 1"
        worker_args[1] = address
        worker_args[worker_args.index("--nworkers") + 1] = "2"
        processes.append(subprocess.Popen([str(BIN / "dask"), *worker_args], cwd=tmp_path,
                                          stderr=subprocess.DEVNULL))
        from dask.distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=DEADLINE)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def parts(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "outcomes.parquet").glob("*.parquet"))}


def test_the_readme_recipe_gives_the_bytes_of_a_local_run(cluster, tmp_path):
    _, _, run_line = readme_recipe()
    args = run_line.split()[3:]  # after "python -m simulator"
    args[args.index("--runs") + 1] = str(2 * engine.CHUNK_SIZE + 100)
    args[args.index("--out") + 1] = str(tmp_path / "dask")
    args[args.index("--dask") + 1] = cluster
    result = subprocess.run([sys.executable, "-m", "simulator", *args, "--quiet"], cwd=ROOT,
                            capture_output=True, text=True, timeout=DEADLINE * 2)
    assert result.returncode == 0, result.stderr
    local_args = [a for a in args[:args.index("--dask")]]
    local_args[local_args.index("--out") + 1] = str(tmp_path / "local")
    local = subprocess.run([sys.executable, "-m", "simulator", *local_args, "--workers", "1",
                            "--quiet"], cwd=ROOT, capture_output=True, text=True,
                           timeout=DEADLINE * 2)
    assert local.returncode == 0, local.stderr
    assert len(parts(tmp_path / "dask")) == 3
    assert parts(tmp_path / "dask") == parts(tmp_path / "local")


class FakeClient:
    """What ``client.run`` answers per function (by name), for the worker check.

    A function not given runs here, as on two workers like this machine.
    """

    def __init__(self, **answers):
        self.answers, self.closed = answers, False

    def run(self, function):
        answer = self.answers.get(function.__name__)
        if answer is None:
            return {"tcp://w1": function(), "tcp://w2": function()}
        if isinstance(answer, Exception):
            raise answer
        return answer

    def close(self):
        self.closed = True


@pytest.mark.parametrize("answers, message", [
    ({"simulator_identity": ModuleNotFoundError("No module named 'simulator'")},
     "cannot import the simulator (No module named 'simulator')"),
    ({"simulator_identity": {"tcp://w1": "0.1.0+000000000000"}},
     "1 of 1 workers run another simulator"),
    ({"simulator_identity": {}}, "has no workers yet"),
    ({"float32_rounding": {"tcp://w1": "000000000000", "tcp://w2": results.float32_rounding()}},
     "1 of 2 workers round float32 arithmetic unlike this machine (e.g. tcp://w1: 000000000000"),
])
def test_workers_that_cannot_compute_the_same_bytes_are_named(answers, message):
    client = FakeClient(**answers)
    with pytest.raises(engine.EngineError, match=re.escape(message)):
        engine.check_workers(client, "tcp://10.0.0.5:8786")
    assert client.closed


def test_workers_with_this_simulator_and_rounding_pass():
    client = FakeClient()
    engine.check_workers(client, "tcp://10.0.0.5:8786")
    assert not client.closed


def test_the_package_imports_from_any_folder(tmp_path):
    result = subprocess.run([sys.executable, "-c", "import simulator, simulator.cli; "
                             "print(simulator.__file__)"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).parent == ROOT / "simulator"
    script = subprocess.run([str(BIN / "escalation-sim"), "params", "--json"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert script.returncode == 0 and '"chain.layers"' in script.stdout


def test_keep_heap_applies_on_this_machine():
    """glibc here: the Dask workers' allocation fix takes effect (its speed is in bench/)."""
    assert engine.keep_heap()
