"""The worked example of docs/howto/dask.md (*A worked example: 10^8 worlds*), run and measured.

What an analyst types, in order: a ``dask scheduler`` and a ``dask worker`` with 2 worker
processes on this machine (localhost only), then one ``python -m simulator run ... --dask``
per shard (distinct seeds, each into its own folder), then ``merge``, then the page's Python
block that reads the merged summary and a folder with pandas (run as it is written, from the
folder holding ``worlds/``). Measured: wall seconds of each step, CPU seconds of every
process (the commands through ``getrusage``; the scheduler, the nanny and the workers through
psutil, their whole trees, sampled before and after the shards), worlds per CPU-second,
folder sizes and the manifest's share of them, and the load average. Nothing asserts a time.

    .venv/bin/python -m bench.cluster_example [--worlds 100000000] [--shards 4] [--keep]
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PAGE = ROOT / "docs" / "howto" / "dask.md"
SECTION = "## A worked example: 10^8 worlds"
DEADLINE = 180
"""Seconds to wait for the scheduler and the workers to start (the machine may be loaded)."""


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def page_python_block() -> str:
    """The Python block of the page's worked example: the reading step, run as written."""
    text = PAGE.read_text(encoding="utf-8")
    section = text[text.index(SECTION):]
    found = re.search(r"^```python\n(.*?)^```", section, re.M | re.S)
    return found[1]


def tree_cpu(process: psutil.Process) -> float:
    """User + system CPU seconds of a process and its descendants (a nanny's workers).

    Living processes count with their waited children (``children_user``).
    """
    total = 0.0
    for each in [process, *process.children(recursive=True)]:
        try:
            times = each.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def command(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of one command run to its end, and what it printed."""
    cpu, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return wall, _children_cpu() - cpu, done.stdout


def folder_bytes(folder: Path) -> int:
    """Bytes of the files under ``folder`` (what the disk holds of it, less the blocks)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


class Cluster:
    """``dask scheduler`` and ``dask worker --nworkers N --nthreads 1`` on localhost."""

    def __init__(self, workers: int, where: Path, env: dict[str, str]):
        self.workers, self.where, self.env = workers, where, env
        self.processes: list[subprocess.Popen] = []

    def __enter__(self) -> "Cluster":
        log = self.where / "scheduler.log"
        with open(log, "w") as out:
            self.processes.append(subprocess.Popen(
                [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                 "--no-dashboard"], cwd=self.where, env=self.env, stdout=out, stderr=out))
        deadline, self.address = time.monotonic() + DEADLINE, None
        while self.address is None:
            found = re.search(r"Scheduler at:\s+(tcp://\S+)", log.read_text())
            self.address = found and found[1]
            if self.processes[0].poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"no scheduler address:\n{log.read_text()[-2000:]}")
            if self.address is None:
                time.sleep(0.2)  # polling a log file for a condition, not a fixed wait
        with open(self.where / "worker.log", "w") as out:
            self.processes.append(subprocess.Popen(
                [str(BIN / "dask"), "worker", self.address, "--nworkers", str(self.workers),
                 "--nthreads", "1", "--no-dashboard"], cwd=self.where, env=self.env,
                stdout=out, stderr=out))
        from dask.distributed import Client

        with Client(self.address, timeout="60s") as client:
            client.wait_for_workers(self.workers, timeout=DEADLINE)
        return self

    def cpu(self) -> float:
        """CPU seconds of the scheduler, the nanny and the workers so far."""
        return sum(tree_cpu(psutil.Process(p.pid)) for p in self.processes)

    def __exit__(self, *exc) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()


def run(worlds: int, shards: int, workers: int, where: Path) -> dict:
    """The example end to end in ``where`` (it writes ``where/worlds``); the measurements."""
    if worlds % shards:
        raise SystemExit(f"--worlds {worlds:,} is not a multiple of --shards {shards}")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    simulator = [sys.executable, "-m", "simulator"]
    out = where / "worlds"
    out.mkdir(parents=True, exist_ok=True)
    found: dict = {"worlds": worlds, "shards": shards, "workers": workers,
                   "load_before": os.getloadavg(), "cpus": os.cpu_count()}
    started = time.perf_counter()
    with Cluster(workers, where, env) as cluster:
        found["cluster_start_wall"] = time.perf_counter() - started
        idle_cpu = cluster.cpu()
        found["shard_runs"] = []
        for seed in range(1, shards + 1):
            _log(f"shard {seed}/{shards}: {worlds // shards:,} worlds on {cluster.address} ...")
            wall, cpu, _ = command([*simulator, "run", "baseline", "--runs",
                                    str(worlds // shards), "--seed", str(seed), "--out",
                                    str(out / f"seed-{seed}"), "--dask", cluster.address,
                                    "--quiet"], where, env)
            found["shard_runs"].append({"seed": seed, "wall": wall, "command_cpu": cpu})
        found["cluster_cpu"] = cluster.cpu() - idle_cpu
    found["load_after_shards"] = os.getloadavg()
    _log("merge ...")
    wall, cpu, printed = command([*simulator, "merge", *(str(out / f"seed-{s}")
                                                          for s in range(1, shards + 1)),
                                  "--json"], where, env)
    (out / "merged.json").write_text(printed)
    found["merge_wall"], found["merge_cpu"] = wall, cpu
    found["merged"] = json.loads(printed)["outcomes"]["nuclear_use"]
    _log("the page's Python block (reading) ...")
    wall, cpu, printed = command([sys.executable, "-c", page_python_block()], where, env)
    found["read_wall"], found["read_cpu"], found["read_printed"] = wall, cpu, printed
    found["folders"] = []
    for seed in range(1, shards + 1):
        folder = out / f"seed-{seed}"
        found["folders"].append({
            "seed": seed, "bytes": folder_bytes(folder),
            "outcomes": folder_bytes(folder / "outcomes.parquet"),
            "weekly": folder_bytes(folder / "weekly.parquet"),
            "manifest": (folder / "manifest.json").stat().st_size,
            "parts": len(list((folder / "outcomes.parquet").glob("*.parquet")))})
    found["load_after"] = os.getloadavg()
    return found


def table(found: dict) -> str:
    """The measurements as the page's table (markdown)."""
    runs = found["shard_runs"]
    shard_wall = sum(r["wall"] for r in runs)
    command_cpu = sum(r["command_cpu"] for r in runs)
    cpu = command_cpu + found["cluster_cpu"]
    size = sum(f["bytes"] for f in found["folders"])
    manifest = sum(f["manifest"] for f in found["folders"])
    parts = sum(f["parts"] for f in found["folders"])
    load = lambda key: " / ".join(f"{x:.2f}" for x in found[key])  # noqa: E731
    use = found["merged"]
    return "\n".join([
        f"Cluster example (`python -m bench.cluster_example --worlds {found['worlds']}`): "
        f"baseline, {found['shards']} shards x {found['worlds'] // found['shards']:,} worlds, "
        f"seeds 1-{found['shards']}, a local `dask worker` of {found['workers']} processes; "
        f"{found['cpus']} CPUs. Load average (1 / 5 / 15 min): before {load('load_before')}, "
        f"after the shards {load('load_after_shards')}.",
        "",
        "| what | measured |",
        "|---|---:|",
        f"| scheduler and workers up: wall s | {found['cluster_start_wall']:.1f} |",
        f"| the {found['shards']} shards, one after the other: wall s | {shard_wall:,.1f} "
        f"({', '.join(f'{r['wall']:,.0f}' for r in runs)}) |",
        f"| CPU s, every process (workers, scheduler, the `run` commands) | {cpu:,.0f} "
        f"(workers and scheduler {found['cluster_cpu']:,.0f}, `run` commands "
        f"{command_cpu:,.0f}) |",
        f"| worlds x 52 weeks per CPU-second | {found['worlds'] / cpu:,.0f} |",
        f"| worlds per wall second | {found['worlds'] / shard_wall:,.0f} |",
        f"| folders on disk | {size / 1e6:,.1f} MB ({size / found['worlds']:.1f} bytes per "
        f"world; {parts:,} parts) |",
        f"| manifests | {manifest / 1e6:,.2f} MB ({manifest / size:.2%} of the folders) |",
        f"| `merge --json` of the {found['shards']} folders: wall s / CPU s | "
        f"{found['merge_wall']:.1f} / {found['merge_cpu']:.1f} |",
        f"| the page's reading block (merged JSON, one folder's column with pandas): "
        f"wall s / CPU s | {found['read_wall']:.1f} / {found['read_cpu']:.1f} |",
        f"| P(nuclear use), merged | {use['estimate']:.2%} [{use['ci_low']:.3%}, "
        f"{use['ci_high']:.3%}] over {use['n']:,} worlds |",
    ])


def main(argv: list[str] | None = None) -> dict:
    """Run the worked example; print its table and what the reading block printed.

    Returns the measurements (``run``'s dict), for a test.
    """
    parser = argparse.ArgumentParser(prog="python -m bench.cluster_example")
    parser.add_argument("--worlds", type=int, default=100_000_000)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dir", type=Path, default=None,
                        help="where to write worlds/ (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the folders")
    args = parser.parse_args(argv)
    where = args.dir or Path(tempfile.mkdtemp(prefix="cluster-example-"))
    where.mkdir(parents=True, exist_ok=True)
    try:
        found = run(args.worlds, args.shards, args.workers, where)
    finally:
        if not args.keep:
            shutil.rmtree(where / "worlds", ignore_errors=True)
            if args.dir is None:
                shutil.rmtree(where, ignore_errors=True)
    print(table(found))
    print()
    print(found["read_printed"].rstrip())
    return found


if __name__ == "__main__":
    main()
