"""Sweeps and sensitivity analyses survive being killed, resume only into their own folder,
and one analysis answers for every outcome."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from simulator import results
from simulator.model.scenario import load
from simulator.running import engine
from simulator.studies import designs, evaluation, experiment_folder, morris, sobol, sweeps

ROOT = Path(__file__).resolve().parents[2]
VARY = ["chain.base_refusal=0.01:0.3", "leader.resolve=0:6", "dummy=0:1"]
DEADLINE = 300
"""Seconds to wait for a condition (generous: the machine may be slow and shared)."""


def test_a_killed_sensitivity_run_resumes_to_the_same_numbers(tmp_path):
    out = tmp_path / "sobol"
    command = [sys.executable, "-m", "simulator", "sensitivity", "baseline",
               *(part for v in VARY for part in ("--vary", v)), "--samples", "128",
               "--runs-per-point", "400", "--seed", "3", "--resamples", "99", "--workers", "1",
               "--quiet", "--json", "--out", str(out)]
    first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    partial = out / experiment_folder.PARTIAL
    deadline = time.monotonic() + DEADLINE
    while not (partial / "block-00000.json").exists():  # wait for the condition, not a time
        assert first.poll() is None, first.stderr.read()
        assert time.monotonic() < deadline, "no block saved"
        time.sleep(0.05)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=60)
    blocks = (128 * (len(VARY) + 2) + evaluation.BLOCK - 1) // evaluation.BLOCK
    saved = sorted(partial.glob("block-*.json"))
    assert 1 <= len(saved) < blocks, "the run was not interrupted mid-way"
    kept = {p.name: p.stat().st_mtime_ns for p in saved}

    resumed = subprocess.run([*command, "--resume"], cwd=ROOT, capture_output=True, text=True,
                             timeout=DEADLINE * 3)
    assert resumed.returncode == 0, resumed.stderr
    assert {p.name: p.stat().st_mtime_ns for p in saved} == kept  # reused, not recomputed
    clean = sobol.sensitivity("baseline", VARY, samples=128, runs_per_point=400, seed=3,
                              resamples=99, workers=1)
    assert json.loads(resumed.stdout)["indices"] == json.loads(
        json.dumps(clean.summary()["indices"], default=float))


def stopped_after(points: int):
    """``engine.evaluate`` as it runs until ``points`` points have finished, then Ctrl-C."""
    real = engine.evaluate

    def interrupted(parameter_sets, *args, on_point=None, **kwargs):
        finished = []

        def counted(point, stats):
            on_point(point, stats)
            finished.append(point)
            if len(finished) == points:
                raise KeyboardInterrupt
        return real(parameter_sets, *args, on_point=counted, **kwargs)
    return interrupted


def test_a_resumed_sweep_reuses_only_blocks_of_the_same_design(tmp_path, monkeypatch):
    out = tmp_path / "sweep"
    real = engine.evaluate
    # as if the run were stopped during its second block, the first one saved
    monkeypatch.setattr(engine, "evaluate", stopped_after(evaluation.BLOCK + 1))
    with pytest.raises(KeyboardInterrupt):
        sweeps.sweep("kemp", VARY[:2], points=150, runs_per_point=300, seed=2, out=out,
                     workers=1)
    saved = sorted(p.name for p in (out / experiment_folder.PARTIAL).glob("block-*.json"))
    assert saved == ["block-00000.json"]  # saved as its last point finished
    monkeypatch.setattr(engine, "evaluate", real)
    resumed = sweeps.sweep("kemp", VARY[:2], points=150, runs_per_point=300, seed=2,
                           out=out, resume=True, workers=1)
    clean = sweeps.sweep("kemp", VARY[:2], points=150, runs_per_point=300, seed=2,
                         workers=1)
    assert resumed.to_pandas().equals(clean.to_pandas())


def test_resuming_an_interrupted_sweep_with_another_seed_is_refused(tmp_path, monkeypatch):
    out = tmp_path / "sweep"
    real = engine.evaluate
    # stopped during its second block: no manifest yet
    monkeypatch.setattr(engine, "evaluate", stopped_after(evaluation.BLOCK + 1))
    with pytest.raises(KeyboardInterrupt):
        sweeps.sweep("kemp", VARY[:2], points=70, runs_per_point=50, seed=2, out=out,
                     workers=1)
    monkeypatch.setattr(engine, "evaluate", real)
    before = folder_bytes(out)
    with pytest.raises(designs.ExperimentError, match=r"seed 2 \(asked 5\)"):
        sweeps.sweep("kemp", VARY[:2], points=70, runs_per_point=50, seed=5, out=out,
                     resume=True, workers=1)
    assert folder_bytes(out) == before  # nothing changed
    resumed = sweeps.sweep("kemp", VARY[:2], points=70, runs_per_point=50, seed=2,
                           out=out, resume=True, workers=1)  # its own seed continues
    clean = sweeps.sweep("kemp", VARY[:2], points=70, runs_per_point=50, seed=2,
                         workers=1)
    assert resumed.to_pandas().equals(clean.to_pandas())



def test_resuming_a_sweep_of_an_edited_scenario_of_the_same_name_is_refused(tmp_path):
    out = tmp_path / "sweep"
    sweeps.sweep("baseline", VARY[:1], points=4, runs_per_point=40, seed=1, out=out,
                 workers=1)
    before = folder_bytes(out)
    edited = load("baseline").with_overrides({"leader.resolve": 3}, name="baseline")
    with pytest.raises(designs.ExperimentError,
                       match="scenario baseline with other parameters"):
        sweeps.sweep(edited, VARY[:1], points=4, runs_per_point=40, seed=1, out=out,
                     resume=True, workers=1)
    assert folder_bytes(out) == before
    # a folder written before the request was recorded is checked against its manifest
    (out / experiment_folder.PARTIAL / "experiment.json").unlink()
    before = folder_bytes(out)
    with pytest.raises(designs.ExperimentError, match="with other parameters"):
        sweeps.sweep(edited, VARY[:1], points=4, runs_per_point=40, seed=1, out=out,
                     resume=True, workers=1)
    assert folder_bytes(out) == before

def folder_bytes(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes (and every folder, as None) under ``folder``, by relative path."""
    return {p.relative_to(folder).as_posix(): None if p.is_dir() else p.read_bytes()
            for p in sorted(folder.rglob("*"))}


SMALL = ["--vary", VARY[0], "--runs-per-point", "40", "--workers", "1", "--quiet"]
"""A finished experiment in a second or two: a few points of one parameter, few worlds."""
FIRST = {"sweep": ["sweep", "baseline", *SMALL, "--points", "4", "--seed", "1"],
         "sensitivity": ["sensitivity", "baseline", *SMALL, "--samples", "4", "--seed", "1",
                         "--resamples", "99"]}


def cli(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *arguments], cwd=ROOT,
                          capture_output=True, text=True, timeout=DEADLINE)


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """One finished folder per command (copied by each test that resumes onto it)."""
    folders = {}
    for command, arguments in FIRST.items():
        folders[command] = tmp_path_factory.mktemp(command) / "out"
        done = cli(*arguments, "--out", str(folders[command]))
        assert done.returncode == 0, done.stderr
    return folders


@pytest.mark.parametrize("command, change, named", [
    ("sweep", {"scenario": "kemp", "--seed": "3", "--points": "8"},  # the example
     ["scenario baseline (asked kemp)", "seed 1 (asked 3)", "points 4 (asked 8)"]),
    ("sweep", {"--design": "grid"}, ["design lhs (asked grid)"]),  # 4 points too
    ("sweep", {"--runs-per-point": "60"}, ["worlds per point 40 (asked 60)"]),
    ("sweep", {VARY[0]: VARY[1]}, [f"parameters varied {VARY[0]} (asked {VARY[1]})"]),
    ("sweep", {"--set": "leader.resolve=3"},
     ["scenario baseline (asked baseline"]),  # its name says it was changed
    ("sensitivity", {"--samples": "8"}, ["samples 4 (asked 8)", "points 12 (asked 24)"]),
    ("sensitivity", {"--resamples": "199"}, ["resamples 99 (asked 199)"]),
    ("sensitivity", {"--outcome": "order_blocked"},
     ["outcome nuclear_use (asked order_blocked)"]),
    ("sensitivity", {"scenario": "kemp"}, ["scenario baseline (asked kemp)"]),
])
def test_resume_onto_another_experiment_exits_2_and_changes_nothing(finished, tmp_path,
                                                                    command, change, named):
    out = tmp_path / "out"
    shutil.copytree(finished[command], out)
    before = folder_bytes(out)
    blocks = block_times(out)
    arguments = changed(FIRST[command], change)
    refused = cli(*arguments, "--out", str(out), "--resume")
    assert refused.returncode == 2, refused.stderr
    message = refused.stderr.strip()
    assert message.startswith(f"error: resume: {out} holds another experiment") and \
        message.count("\n") == 0, message  # one line, no traceback
    for part in named:
        assert part in message
    assert folder_bytes(out) == before  # not a byte changed, nothing added
    # the experiment it holds still resumes, reusing its blocks: the same table
    resumed = cli(*FIRST[command], "--out", str(out), "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert block_times(out) == blocks  # reused, not recomputed
    table = f"{command}.csv"
    assert folder_bytes(out)[table] == before[table]


def block_times(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns
            for p in sorted((folder / experiment_folder.PARTIAL).glob("block-*.json"))}


def changed(arguments: list[str], change: dict[str, str]) -> list[str]:
    """``arguments`` changed: ``scenario``, an option's value (added if absent), or a value."""
    arguments = list(arguments)
    for key, value in change.items():
        if key == "scenario":
            arguments[1] = value
        elif key.startswith("--") and key in arguments:
            arguments[arguments.index(key) + 1] = value
        elif key.startswith("--"):
            arguments += [key, value]
        else:
            arguments[arguments.index(key)] = value
    return arguments


def test_resume_of_a_sensitivity_onto_a_sweep_is_refused(finished, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(finished["sweep"], out)
    before = folder_bytes(out)
    refused = cli(*FIRST["sensitivity"], "--out", str(out), "--resume")
    assert refused.returncode == 2 and "a sweep, asked a sensitivity" in refused.stderr, \
        refused.stderr
    assert folder_bytes(out) == before


@pytest.mark.parametrize("module, name, other", [
    (evaluation, "__version__", "0.0.1"),  # another version of the model
    (results, "float32_rounding", lambda: "000000000000"),  # a machine that rounds otherwise
])
def test_a_resumed_sweep_recomputes_blocks_of_another_model(tmp_path, monkeypatch, module, name,
                                                            other):
    out = tmp_path / "sweep"
    sweeps.sweep("kemp", VARY[:2], points=130, runs_per_point=200, seed=2, out=out,
                 workers=1)  # three blocks, all saved
    (out / "sweep.parquet").unlink()  # as if stopped before the table was written
    calls = []
    real = engine.evaluate

    def counting(parameter_sets, *args, **kwargs):
        calls.append(len(parameter_sets))
        return real(parameter_sets, *args, **kwargs)

    monkeypatch.setattr(engine, "evaluate", counting)
    sweeps.sweep("kemp", VARY[:2], points=130, runs_per_point=200, seed=2, out=out,
                 resume=True, workers=1)
    assert calls == []  # the same version reuses every block
    monkeypatch.setattr(module, name, other)
    sweeps.sweep("kemp", VARY[:2], points=130, runs_per_point=200, seed=2, out=out,
                 resume=True, overwrite=True, workers=1)
    assert calls == [130]  # another model's blocks are not reused: all three, one stream


def test_one_sensitivity_run_answers_for_every_outcome():
    run = sobol.sensitivity("baseline", VARY, samples=32, runs_per_point=300, seed=1,
                            resamples=99, workers=1)
    direct = sobol.sensitivity("baseline", VARY, outcome="order_blocked", samples=32,
                               runs_per_point=300, seed=1, resamples=99, workers=1)
    derived = run.for_outcome("order_blocked")
    assert np.array_equal(derived.first_order, direct.first_order)
    assert np.array_equal(derived.total_high, direct.total_high)
    assert set(run.points) >= {"matrix", "nuclear_use", "order_blocked", "territory_km2"}


def test_sensitivity_command_with_several_outcomes_prints_a_table_each(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "simulator", "sensitivity", "baseline", "--vary", VARY[0],
         "--vary", VARY[1], "--samples", "16", "--runs-per-point", "200", "--resamples", "99",
         "--outcome", "nuclear_use", "--outcome", "leader_ousted", "--workers", "1", "--quiet",
         "--json"], cwd=ROOT, capture_output=True, text=True, timeout=DEADLINE)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [f["outcome"] for f in found] == ["nuclear_use", "leader_ousted"]


def test_morris_screening_ranks_a_strong_parameter_first_and_the_dummy_last():
    screen = morris.morris("baseline", ["leader.bluff_share=0:1", "dummy=0:1",
                                        "chain.base_refusal=0.01:0.3"],
                                trajectories=8, runs_per_point=500, seed=1, workers=1)
    names = [screen.varies[i].name for i in screen.ranking()]
    assert names[-1] == "dummy" and screen.mu_star[1] == 0 and screen.sigma[1] == 0
    assert screen.mu_star[0] > 0.02  # bluffing leaders change P(use) by points, not noise
    assert screen.mu[0] < 0          # more bluffing, less use
    again = morris.morris("baseline", ["leader.bluff_share=0:1", "dummy=0:1",
                                       "chain.base_refusal=0.01:0.3"],
                               trajectories=8, runs_per_point=500, seed=1, workers=1)
    assert np.array_equal(again.mu_star, screen.mu_star)


def test_morris_command_prints_the_table():
    result = subprocess.run(
        [sys.executable, "-m", "simulator", "morris", "kemp", "--vary", VARY[0], "--vary",
         VARY[2], "--trajectories", "4", "--runs-per-point", "300", "--workers", "1",
         "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=DEADLINE)
    assert result.returncode == 0, result.stderr
    assert "Morris screening of nuclear_use" in result.stdout and "dummy" in result.stdout
