"""The batch engine: same bytes on any executor, resuming a killed run, retries, bad input."""

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulator import results
from simulator.model.scenario import load
from simulator.results import analysis, origin
from simulator.running import engine

ROOT = Path(__file__).resolve().parents[2]
THREE_CHUNKS = 2 * engine.CHUNK_SIZE + 500


def cli(*args, env=None, **kw):
    return subprocess.run([sys.executable, "-m", "simulator", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})}, **kw)


def parts(folder: Path, kind: str = "outcomes") -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / f"{kind}.parquet").glob("*.parquet"))}


def test_chunk_statistics_give_the_same_summary_as_the_columns():
    batch = engine.run(load("crimea-offensive"), 3_000, seed=5, workers=1)
    direct = analysis.summarize(batch.columns)
    for name, est in batch.estimates.items():
        if name in analysis.PROBABILITY_OUTCOMES:
            assert est == direct[name], name
        else:
            assert est.n == direct[name].n
            np.testing.assert_allclose([est.estimate, est.ci_low, est.ci_high],
                                       [direct[name].estimate, direct[name].ci_low,
                                        direct[name].ci_high], rtol=1e-12, err_msg=name)
    # merging pieces (Chan's formula) gives the statistics of the whole
    halves = [engine.OutcomeStats.of({k: v[:1234] for k, v in batch.columns.items()}),
              engine.OutcomeStats.of({k: v[1234:] for k, v in batch.columns.items()})]
    merged, whole = engine.OutcomeStats.combine(halves), engine.OutcomeStats.of(batch.columns)
    assert merged.n == whole.n and np.array_equal(merged.counts, whole.counts)
    np.testing.assert_allclose(merged.means, whole.means, rtol=1e-12)
    np.testing.assert_allclose(merged.m2, whole.m2, rtol=1e-9)


def test_a_batch_in_memory_joins_each_column_over_its_chunks_when_first_read():
    runs = engine.CHUNK_SIZE + 300
    batch = engine.run(load("baseline"), runs, seed=8, workers=1)
    names = list(batch.columns)
    assert names[0] == "world" and len(batch.columns) == len(names)
    assert np.array_equal(batch.columns["world"], np.arange(runs))
    assert batch.columns["nuclear_use"] is batch.columns["nuclear_use"]  # joined once
    last = engine.simulate_chunk(load("baseline").parameters, 8, 1, 300)
    assert np.array_equal(batch.columns["max_rung"][-300:], last.outcomes["max_rung"])
    assert list(batch.columns) == names  # reading columns leaves their order alone
    with pytest.raises(KeyError):
        batch.columns["no_such_outcome"]


def test_a_renewing_pool_replaces_a_pool_whose_worker_died_once_however_many_notice():
    """The one pool of the engine, the app and the workshop: a killed worker costs one retry."""
    from concurrent.futures.process import BrokenProcessPool

    from simulator.running import executor

    shared = executor.RenewingPool(1, start_now=True)
    try:
        first = shared.current
        victim = shared.submit(os.getpid).result(60)
        os.kill(victim, signal.SIGKILL)
        for _ in range(2):  # the pool may learn of it before this submit or during it
            try:
                answer = shared.submit(os.getpid).result(60)
                break
            except BrokenProcessPool:
                continue
        assert answer != victim and shared.current is not first
        renewed = shared.current
        assert shared.renew(first) is renewed  # a second caller noticing replaces nothing
        assert shared.start_method in ("fork", "forkserver")
    finally:
        shared.shutdown()


def test_run_many_gives_each_batch_the_manifest_and_numbers_of_run():
    """One manifest builder: run_many's batches record parameters, versions and provenance."""
    scenarios = [load("baseline"), load("baseline").with_overrides({"chain.layers": 2})]
    together = engine.run_many(scenarios, 700, seed=6, workers=1)
    for scenario, batch in zip(scenarios, together, strict=True):
        alone = engine.run(scenario, 700, seed=6, workers=1)
        assert batch.summary() == alone.summary()
        assert np.array_equal(batch.weekly, alone.weekly)
        timing = {"created", "finished", "seconds", "runs_per_second"}
        assert {k: v for k, v in batch.manifest.items() if k not in timing} == \
            {k: v for k, v in alone.manifest.items() if k not in timing}
        assert batch.manifest["parameters"] == scenario.parameters
        assert batch.manifest["versions"] == results.versions()
        assert set(batch.manifest["provenance"]) == {"command", "git_commit", "git_dirty"}
        assert batch.manifest["status"] == "complete"


def test_same_bytes_in_process_with_two_processes_on_dask_and_on_any_executor(tmp_path):
    from dask.distributed import LocalCluster

    scenario = load("baseline")
    one = engine.run(scenario, THREE_CHUNKS, seed=3, out=tmp_path / "one", workers=1)
    two = engine.run(scenario, THREE_CHUNKS, seed=3, out=tmp_path / "two", workers=2)
    assert one.manifest["executor"] == "this process"
    # forced even for a small batch; fork, or forkserver when earlier tests left threads
    assert two.manifest["executor"] in ("2 processes (fork)", "2 processes (forkserver)")
    with ThreadPoolExecutor(2) as pool:
        threads = engine.run(scenario, THREE_CHUNKS, seed=3, out=tmp_path / "threads",
                             executor=pool)
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                      dashboard_address=None) as cluster:
        on_dask = engine.run(scenario, THREE_CHUNKS, seed=3, out=tmp_path / "dask",
                             dask=cluster.scheduler_address)
    assert on_dask.manifest["executor"].startswith("the Dask cluster at tcp://")

    reference = parts(tmp_path / "one")
    assert len(reference) == 3
    for other in ("two", "threads", "dask"):
        assert parts(tmp_path / other) == reference, other
        assert parts(tmp_path / other, "weekly") == parts(tmp_path / "one", "weekly"), other
    # decoded columns too, and the same as a batch kept in memory
    in_memory = engine.run(scenario, THREE_CHUNKS, seed=3, workers=1)
    for batch in (two, threads, on_dask):
        for name in in_memory.columns:
            assert np.array_equal(batch.columns[name], in_memory.columns[name],
                                  equal_nan=batch.columns[name].dtype.kind == "f"), name
        assert batch.summary() == one.summary() == in_memory.summary()
        assert np.array_equal(batch.weekly, in_memory.weekly)


def test_a_folder_batch_reads_columns_from_disk_only_when_asked(tmp_path):
    batch = engine.run(load("kemp"), 2_000, seed=1, out=tmp_path / "A", workers=1)
    assert isinstance(batch.columns, engine.FolderColumns) and not batch.columns._cache
    assert batch.estimates["nuclear_use"].n == 2_000  # from chunk statistics
    assert not batch.columns._cache
    frame = batch.to_pandas()
    pd.testing.assert_frame_equal(frame, pd.read_parquet(tmp_path / "A" / "outcomes.parquet"))
    assert engine.load(tmp_path / "A").summary() == batch.summary()


def test_a_killed_run_resumes_to_the_same_bytes_without_recomputing_finished_chunks(tmp_path):
    runs, out = 6 * engine.CHUNK_SIZE, tmp_path / "killed"
    process = subprocess.Popen(
        [sys.executable, "-m", "simulator", "run", "baseline", "--runs", str(runs), "--seed", "3",
         "--out", str(out), "--workers", "1", "--quiet"], cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(list((out / "outcomes.parquet").glob("*.parquet"))) < 2:
        assert process.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    finished = sorted((out / "outcomes.parquet").glob("*.parquet"))
    assert 2 <= len(finished) < 6
    kept = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in finished}
    # what a crash can leave: a temporary file, or a part cut short (were it written in place)
    (out / "weekly.parquet" / "part-00005.parquet.tmp").write_bytes(b"PAR1 half")
    (out / "weekly.parquet" / "part-00005.parquet").write_bytes(b"PAR1 trunc")
    (out / "outcomes.parquet" / "part-00005.parquet").write_bytes(b"PAR1 trunc")
    with pytest.raises(results.ResultsError, match="missing part|corrupt or truncated"):
        engine.load(out)

    resumed = cli("run", "baseline", "--runs", str(runs), "--seed", "3", "--out", str(out),
                  "--workers", "1", "--quiet", "--resume")
    assert resumed.returncode == 0, resumed.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "complete"
    assert manifest["chunks_computed"] == 6 - len(kept)
    for name, identity in kept.items():
        path = out / "outcomes.parquet" / name
        assert (path.stat().st_ino, path.stat().st_mtime_ns) == identity, name
    assert not list(out.rglob("*.tmp"))

    whole = engine.run(load("baseline"), runs, seed=3, out=tmp_path / "whole", workers=1)
    assert parts(out) == parts(tmp_path / "whole")
    assert parts(out, "weekly") == parts(tmp_path / "whole", "weekly")
    assert engine.load(out).summary() == whole.summary()


def test_resume_refuses_another_batch_and_changes_nothing(tmp_path, monkeypatch):
    out = tmp_path / "A"
    engine.run(load("baseline"), 600, seed=1, out=out, workers=1)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    for kwargs, what in (({"seed": 2}, "another seed"), ({"runs": 700}, "another runs"),
                         ({"fmt": "csv"}, "another format")):
        options = {"runs": 600, "seed": 1, **kwargs}
        with pytest.raises(engine.EngineError, match=what):
            engine.run(load("baseline"), options.pop("runs"), out=out, resume=True, **options)
    versions = results.versions()
    monkeypatch.setattr(origin, "versions", lambda: {**versions, "simulator": "0.0.1"})
    with pytest.raises(engine.EngineError, match="written by simulator .* this is 0.0.1"):
        engine.run(load("baseline"), 600, seed=1, out=out, resume=True)
    monkeypatch.setattr(origin, "versions",
                        lambda: {**versions, "float32_rounding": "000000000000"})
    with pytest.raises(engine.EngineError, match="rounds float32 arithmetic otherwise"):
        engine.run(load("baseline"), 600, seed=1, out=out, resume=True)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_summarize_names_a_corrupt_or_missing_part(tmp_path):
    out = tmp_path / "A"
    engine.run(load("baseline"), 800, seed=1, out=out, workers=1)
    good = cli("summarize", str(out), "--json")
    assert good.returncode == 0 and json.loads(good.stdout)["runs"] == 800
    part = out / "outcomes.parquet" / "part-00000.parquet"
    part.write_bytes(part.read_bytes()[:200])
    bad = cli("summarize", str(out))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "part-00000.parquet: corrupt or truncated part" in bad.stderr
    part.unlink()
    with pytest.raises(results.ResultsError, match="part-00000.parquet: missing part"):
        engine.load(out)


def test_an_unreachable_dask_scheduler_is_a_clear_error_and_writes_nothing(tmp_path):
    result = cli("run", "baseline", "--runs", "100", "--dask", "tcp://127.0.0.1:9",
                 "--out", str(tmp_path / "A"), env={engine.DASK_TIMEOUT_ENV: "0.5"})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "cannot reach a Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert not (tmp_path / "A").exists()
    with pytest.raises(engine.EngineError, match="cannot reach a Dask scheduler at nonsense"):
        engine.connect_dask("nonsense")


def _flaky(marker: str, value: int) -> int:
    """Fails the first time it is called for ``marker`` (a file), then returns ``value``."""
    if not os.path.exists(marker):
        open(marker, "w").close()
        raise RuntimeError("first attempt fails")
    return value


def _always_fails(value: int) -> int:
    raise RuntimeError(f"broken {value}")


def _dies_once(marker: str) -> int:
    """Kills its worker process the first time (as an out-of-memory kill would)."""
    if not os.path.exists(marker):
        open(marker, "w").close()
        os._exit(1)
    return os.getpid()


@pytest.mark.parametrize("where", ["here", "threads"])
def test_a_failed_task_is_retried_once_then_reported_with_its_seed(tmp_path, where):
    label = engine.chunk_label(7, 3, 100)
    flaky = [engine.Task(k, _flaky, (str(tmp_path / f"{where}-{k}"), k), label) for k in range(3)]
    failing = [engine.Task(0, _always_fails, (1,), label)]
    with ThreadPoolExecutor(2) as pool:
        runner = engine.Runner(pool if where == "threads" else None)
        assert sorted(result for _, result in runner.map(flaky)) == [0, 1, 2]
        with pytest.raises(engine.EngineError, match=r"chunk 3 .*seed 7.* failed twice.*broken 1"):
            list(runner.map(failing))
    assert "SeedSequence(7, spawn_key=(3,))" in label


def test_a_worker_killed_mid_chunk_is_replaced_and_its_chunk_rerun(tmp_path):
    marker = str(tmp_path / "died")
    tasks = [engine.Task(k, _dies_once, (marker,), f"task {k}") for k in range(4)]
    with engine.open_runner(10**6, workers=2) as runner:
        pids = [result for _, result in runner.map(tasks)]
    assert len(pids) == 4 and os.getpid() not in pids


def test_bad_options_are_refused_before_anything_runs(tmp_path):
    scenario = load("baseline")
    for kwargs, message in (({"runs": 0}, "runs: 0 is not allowed"),
                            ({"runs": 2.5}, "runs: 2.5 is not allowed"),
                            ({"seed": -1}, "seed: -1 is not allowed"),
                            ({"workers": 0}, "workers: 0 is not allowed"),
                            ({"fmt": "xlsx"}, "format: 'xlsx' is not allowed")):
        options = {"runs": 100, **kwargs}
        with pytest.raises(engine.EngineError, match=message):
            engine.run(scenario, options.pop("runs"), out=tmp_path / "A", **options)
    assert not (tmp_path / "A").exists()
    (tmp_path / "file").write_text("x")
    with pytest.raises(engine.EngineError, match="is a file"):
        engine.run(scenario, 100, out=tmp_path / "file")


def test_the_written_out_normal_quantile_is_scipys():
    from scipy import stats

    from simulator.results import analysis

    assert analysis.Z95 == stats.norm.ppf(0.975)


def test_the_written_out_intervals_are_scipys_to_the_bit():
    from scipy import stats

    from simulator.results import analysis

    for n in (2, 3, 10, 999, 10_000, 123_457, 10**6):
        for k in {1, n // 3, n // 2, n - 1}:
            interval = stats.binomtest(k, n).proportion_ci(method="wilson")
            assert analysis.wilson(k, n) == (interval.low, interval.high), (k, n)
    values = np.random.default_rng(0).normal(size=500)
    half = stats.t.ppf(0.975, 499) * values.std(ddof=1) / np.sqrt(500)
    assert analysis.mean(values).ci_high - values.mean() == pytest.approx(half, rel=1e-14)


def test_a_chunk_too_large_to_keep_reuses_the_memory_of_the_last_but_never_one_in_use():
    """156-week chunks exceed DRAWS_KEPT_BYTES; the next is drawn into the last one's
    memory once nothing reads it, and the draws are those of a fresh array. (Where the
    memory comes from cannot be told apart here: glibc hands a freed block back too.)"""
    from simulator.model.world import model_draws

    first = engine.chunk_draws(11, 0, 16_384, 156)
    address = first.__array_interface__["data"][0]
    held = engine.chunk_draws(11, 1, 16_384, 156)  # `first` still held: not reused
    assert held.__array_interface__["data"][0] != address
    assert np.array_equal(held, model_draws(engine.chunk_rng(11, 1), 16_384, 156))
    del first, held
    again = engine.chunk_draws(11, 2, 16_384, 156)  # drawn into the evicted array's memory
    assert np.array_equal(again, model_draws(engine.chunk_rng(11, 2), 16_384, 156))
