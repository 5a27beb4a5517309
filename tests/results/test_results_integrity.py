"""Results folders cannot silently lie: one writer at a time, checksummed parts and manifest.

Two runs writing one folder, a part corrupted or copied from another run, an edited or
malformed manifest, an output path that cannot be created: each is refused with exit
status 2 and one line naming the path and the problem, and changes nothing.
"""

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
from support.imports import loaded_after

from simulator import cli, results
from simulator.model.scenario import load
from simulator.running import engine

ROOT = Path(__file__).resolve().parents[2]
TWO_CHUNKS = engine.CHUNK_SIZE + 1_500
"""Small, but more than one chunk, so a folder has several parts."""
DEADLINE = 120
"""Seconds to wait for a condition (generous: the machine may be slow and shared)."""


def command(*args) -> list[str]:
    return [sys.executable, "-m", "simulator", *map(str, args)]


def run_args(out: Path, seed: int, runs: int = TWO_CHUNKS, fmt: str = "parquet", *extra) -> list:
    return ["run", "baseline", "--runs", runs, "--seed", seed, "--out", out, "--format", fmt,
            "--workers", "1", "--quiet", *extra]


def main(capsys, *args) -> tuple[int, str]:
    """The CLI in this process: (exit status, stderr). Status 2 means no traceback."""
    capsys.readouterr()
    status = cli.main([str(a) for a in args])
    return status, capsys.readouterr().err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def part_files(folder: Path, fmt: str) -> list[Path]:
    return sorted(p for kind in results.KINDS for p in (folder / f"{kind}.{fmt}").iterdir())


def parts(folder: Path, fmt: str = "parquet") -> dict[str, bytes]:
    return {f"{p.parent.name}/{p.name}": p.read_bytes() for p in part_files(folder, fmt)}


def wait_for(condition, what: str, process: subprocess.Popen | None = None):
    deadline = time.monotonic() + DEADLINE
    while not (found := condition()):
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the process ended ({process.returncode}) before {what}: "
                                 f"{process.stderr.read() if process.stderr else ''}")
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)
    return found


def held_by(folder: Path, process: subprocess.Popen) -> bool:
    holder = results.writer_of(folder)
    return holder is not None and f"pid {process.pid} " in holder


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    """A clean two-chunk run of baseline (seed 5) in each format, and one of seed 9."""
    base = tmp_path_factory.mktemp("clean")
    made = {}
    for name, seed, fmt in (("parquet", 5, "parquet"), ("csv", 5, "csv"),
                            ("seed9", 9, "parquet")):
        engine.run(load("baseline"), TWO_CHUNKS, seed, out=base / name, fmt=fmt, workers=1)
        made[name] = base / name
    return made


@pytest.fixture
def copy_of(folders, tmp_path):
    def copy(name: str) -> Path:
        return Path(shutil.copytree(folders[name], tmp_path / name))
    return copy


# --- one writer at a time ------------------------------------------------------------------

@pytest.mark.slow
def test_two_concurrent_writers_exactly_one_wins_and_the_folder_is_a_clean_run(tmp_path):
    """A second person starts a run into the folder while the first is writing it."""
    out, runs = tmp_path / "D", 24 * engine.CHUNK_SIZE
    first = subprocess.Popen(command(*run_args(out, 3, runs, "parquet")), cwd=ROOT, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # wait for the condition, not a time: the first run holds the lock
    wait_for(lambda: out.exists() and held_by(out, first), "the first run's lock", first)
    second = subprocess.run(command(*run_args(out, 4, runs, "parquet", "--overwrite")), cwd=ROOT,
                            text=True, capture_output=True, timeout=DEADLINE * 3)
    first_out, first_err = first.communicate(timeout=DEADLINE * 3)
    assert (first.returncode, second.returncode) == (0, 2), (first_err, second.stderr)
    winner, loser, error = 3, 4, second.stderr
    assert "Traceback" not in error and len(error.strip().splitlines()) == 1, error
    # refused while the winner held the lock (its pid is in the message), not after it
    assert f"{out} is being written by another run: its lock {out / results.LOCK} is held " \
        f"(pid {first.pid} " in error and "nothing was changed" in error

    clean = engine.run(load("baseline"), runs, winner, out=tmp_path / "clean", workers=2)
    assert len(parts(out)) == 48 and parts(out) == parts(tmp_path / "clean")
    manifest = results.read_run_manifest(out)
    assert manifest["seed"] == winner and manifest["status"] == "complete"
    assert manifest["parts"] == clean.manifest["parts"]
    assert engine.load(out).summary() == clean.summary()
    # the lock went with the winner: the folder can be replaced now
    assert results.writer_of(out) is None
    engine.run(load("baseline"), 600, loser, out=out, workers=1, overwrite=True)


def test_a_held_lock_refuses_writers_and_readers_and_changes_nothing(copy_of):
    folder = copy_of("parquet")
    before = snapshot(folder)
    with results.FolderLock.acquire(folder):
        for options in ({"overwrite": True}, {"resume": True}, {}):
            with pytest.raises(results.FolderBusyError, match=r"\.lock is held"):
                engine.run(load("baseline"), TWO_CHUNKS, 5, out=folder, workers=1, **options)
        with pytest.raises(results.FolderBusyError, match="being written by another run"):
            engine.load(folder)
        after = snapshot(folder)
    assert {k: v for k, v in after.items() if k != results.LOCK} == \
        {k: v for k, v in before.items() if k != results.LOCK}
    assert results.writer_of(folder) is None
    engine.load(folder)


def test_the_lock_is_released_when_a_run_fails(copy_of, tmp_path):
    folder = copy_of("parquet")
    with pytest.raises(engine.EngineError, match="another seed"):
        engine.run(load("baseline"), TWO_CHUNKS, 6, out=folder, workers=1, resume=True)
    assert results.writer_of(folder) is None

    from concurrent.futures import ThreadPoolExecutor

    broken = ThreadPoolExecutor(1)
    broken.shutdown()
    with pytest.raises(RuntimeError):
        engine.run(load("baseline"), TWO_CHUNKS, 5, out=tmp_path / "E", executor=broken)
    with results.FolderLock.acquire(tmp_path / "E", patience=0):
        pass


INTERRUPTED_CHUNKS = 12
"""Chunks of a run stopped by a signal once its first part is written: the 11 left take over
two CPU-seconds here, so it cannot finish before the signal arrives even on a machine several
times faster, and resuming them stays a matter of seconds."""


def ctrl_c_as_in_a_terminal() -> None:
    """SIGINT handled by default in the child, as at a terminal: a job started in the
    background by a non-interactive shell (as CI may start the suite) inherits SIGINT
    ignored, and Python then installs no KeyboardInterrupt for it (measured: the run ended
    with exit 0 after its Ctrl-C)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("how, workers", [(signal.SIGKILL, 2), (signal.SIGINT, 1)])
def test_a_killed_or_interrupted_run_leaves_no_lock_behind(tmp_path, how, workers):
    # mid-run, once a first part is written: SIGKILL while worker processes run, Ctrl-C in
    # a run of one process
    out, runs = tmp_path / "D", INTERRUPTED_CHUNKS * engine.CHUNK_SIZE
    process = subprocess.Popen(
        command("run", "baseline", "--runs", runs, "--seed", 3, "--out", out, "--workers",
                workers, "--quiet"), cwd=ROOT, text=True, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, preexec_fn=ctrl_c_as_in_a_terminal)
    wait_for(lambda: held_by(out, process), "the run locks the folder", process)
    wait_for(lambda: list((out / "outcomes.parquet").glob("part-*")), "a first part", process)
    process.send_signal(how)
    process.wait(timeout=DEADLINE)
    error = process.stderr.read()
    assert process.returncode == (-signal.SIGKILL if how == signal.SIGKILL else 130), error
    if how == signal.SIGINT:
        assert "interrupted; finished chunks are kept" in error and "Traceback" not in error
    # kill -9: the kernel drops the lock with the process (its workers do not keep it)
    wait_for(lambda: results.writer_of(out) is None, "the lock to be released")
    batch = engine.run(load("baseline"), runs, 3, out=out, workers=1, resume=True)
    # stopped mid-run, and what finished was kept
    assert 0 < batch.manifest["chunks_computed"] < INTERRUPTED_CHUNKS
    assert engine.load(out).summary() == batch.summary()


# --- checksums of the parts ----------------------------------------------------------------

@pytest.mark.parametrize("fmt", results.FORMATS)
def test_every_random_byte_flip_of_a_part_is_detected(folders, copy_of, capsys, fmt):
    folder = copy_of(fmt)
    clean = snapshot(folder)
    rng = np.random.default_rng(20240611)
    files = part_files(folder, fmt)
    assert len(files) == 4
    for trial in range(40):
        path = files[rng.integers(len(files))]
        data = bytearray(clean[str(path.relative_to(folder))])
        at = rng.choice(len(data), size=rng.integers(1, 9), replace=False)
        for i in at:
            data[i] ^= int(rng.integers(1, 256))
        path.write_bytes(bytes(data))
        damaged = snapshot(folder)
        what = f"trial {trial}: {path.name} bytes {sorted(at.tolist())}"

        status, err = main(capsys, "summarize", folder)
        assert status == 2 and f"{path}: corrupt or truncated part" in err, (what, err)
        status, err = main(capsys, *run_args(folder, 5, TWO_CHUNKS, fmt, "--resume"))
        assert status == 2 and f"{path}: corrupt or truncated part" in err, (what, err)
        assert snapshot(folder) == damaged, what  # --resume changed nothing
        path.write_bytes(clean[str(path.relative_to(folder))])
    assert main(capsys, "summarize", folder)[0] == 0


def test_an_edited_csv_value_is_detected(copy_of, capsys):
    folder = copy_of("csv")
    part = folder / "outcomes.csv" / "part-00001.csv"
    lines = part.read_text().splitlines(keepends=True)
    column = lines[0].strip().split(",").index('"territory_km2"')
    row = lines[5].rstrip("\n").split(",")
    row[column] = str(float(row[column]) + 1)  # still a valid CSV of the same shape
    lines[5] = ",".join(row) + "\n"
    part.write_text("".join(lines))
    with pytest.raises(results.ResultsError, match="part-00001.csv: corrupt or truncated part"):
        engine.load(folder)
    status, err = main(capsys, *run_args(folder, 5, TWO_CHUNKS, "csv", "--resume"))
    assert status == 2 and f"{part}: corrupt or truncated part" in err


@pytest.mark.parametrize("kinds", [("outcomes",), ("outcomes", "weekly")])
def test_a_part_copied_from_another_seeds_run_is_detected(folders, copy_of, capsys, kinds):
    folder = copy_of("parquet")
    for kind in kinds:
        shutil.copy(folders["seed9"] / f"{kind}.parquet" / "part-00001.parquet",
                    folder / f"{kind}.parquet" / "part-00001.parquet")
    damaged = snapshot(folder)
    bad = folder / f"{kinds[0]}.parquet" / "part-00001.parquet"
    status, err = main(capsys, "summarize", folder)
    assert status == 2 and f"{bad}: corrupt or truncated part, or one from another run" in err
    status, err = main(capsys, *run_args(folder, 5, TWO_CHUNKS, "parquet", "--resume"))
    assert status == 2 and str(bad) in err
    assert snapshot(folder) == damaged


def test_a_stray_part_is_detected(folders, copy_of, capsys):
    folder = copy_of("parquet")
    stray = folder / "outcomes.parquet" / "part-00007.parquet"
    shutil.copy(folders["seed9"] / "outcomes.parquet" / "part-00000.parquet", stray)
    status, err = main(capsys, "summarize", folder)
    assert status == 2 and f"{stray}: not a part of this run" in err
    status, err = main(capsys, *run_args(folder, 5, TWO_CHUNKS, "parquet", "--resume"))
    assert status == 2 and f"{stray}: not a part of this run" in err


def test_a_missing_recorded_part_is_recomputed_by_resume_to_the_same_bytes(folders, copy_of):
    folder = copy_of("parquet")
    (folder / "outcomes.parquet" / "part-00001.parquet").unlink()
    with pytest.raises(results.ResultsError, match="part-00001.parquet: missing part"):
        engine.load(folder)
    batch = engine.run(load("baseline"), TWO_CHUNKS, 5, out=folder, workers=1, resume=True)
    assert batch.manifest["chunks_computed"] == 1
    assert parts(folder) == parts(folders["parquet"])
    assert engine.load(folder).summary() == engine.load(folders["parquet"]).summary()


# --- the manifest --------------------------------------------------------------------------

def edit(folder: Path, change, reseal: bool = False) -> None:
    path = folder / results.MANIFEST
    manifest = json.loads(path.read_text())
    change(manifest)
    if reseal:
        manifest["sha256"] = results.manifest_digest(manifest)
    path.write_text(json.dumps(manifest, indent=2))


@pytest.mark.parametrize("change, reseal, message", [
    (lambda m: m.update(seed=4), False, "edited after it was written"),
    (lambda m: m.update(runs=TWO_CHUNKS - 1), False, "edited after it was written"),
    (lambda m: m["scenario"]["overrides"].update({"chain.layers": 2}), False,
     "edited after it was written"),
    # a re-computed checksum does not help: the parts and the scenario hash still disagree
    (lambda m: m.update(seed=4), True, "is recorded for seed 5, the manifest says seed 4"),
    (lambda m: m["parameters"].update({"chain.layers": 2}), True,
     "the parameters do not give the scenario hash"),
    (lambda m: m["scenario"]["overrides"].update({"chain.layers": 2}), True,
     "scenario override chain.layers=2 differs from the parameter"),
    (lambda m: m["parts"].pop("part-00001.parquet"), True,
     "part-00001.parquet: missing part; the file there is not recorded"),
])
def test_an_edited_manifest_is_detected(copy_of, capsys, change, reseal, message):
    folder = copy_of("parquet")
    edit(folder, change, reseal)
    status, err = main(capsys, "summarize", folder)
    assert status == 2 and message in err, err
    assert str(folder) in err
    if "missing part" not in message:  # (--resume recomputes an unrecorded part)
        before = snapshot(folder)
        status, err = main(capsys, *run_args(folder, 5, TWO_CHUNKS, "parquet", "--resume"))
        assert status == 2 and message in err, err
        assert snapshot(folder) == before


@pytest.mark.parametrize("document, message", [
    ([1, 2], "the manifest is a list, expected a JSON object"),
    ("null", "the manifest is null, expected a JSON object"),
    (lambda m: m.update(scenario="baseline"), "field 'scenario' is a string, expected an object"),
    (lambda m: m.update(seed="5"), "field 'seed' is a string, expected a whole number"),
    (lambda m: m.update(runs=[TWO_CHUNKS]), "field 'runs' is a list, expected a whole number"),
    (lambda m: m["scenario"].update(overrides=[]), "field 'scenario.overrides' is a list"),
    (lambda m: m["parts"].update({"part-00001.parquet": "x"}),
     "part 'part-00001.parquet' is recorded as a string"),
    (lambda m: m.update(parts=[]), "field 'parts' is a list, expected an object"),
    (lambda m: m["parts"]["part-00000.parquet"].update(seed=True),
     "field 'parts.part-00000.parquet.seed' is true/false, expected a whole number"),
    (lambda m: [m.pop("parts"), m.pop("sha256")], "written without checksums"),
    (b"\xff\xfe not json", "corrupt manifest"),
])
def test_a_malformed_manifest_is_a_clear_error(copy_of, capsys, document, message):
    folder = copy_of("parquet")
    path = folder / results.MANIFEST
    if callable(document):
        edit(folder, document)
    elif isinstance(document, bytes):
        path.write_bytes(document)
    else:
        path.write_text(json.dumps(document) if not isinstance(document, str) else document)
    before = snapshot(folder)
    for args in (("summarize", folder), run_args(folder, 5, TWO_CHUNKS, "parquet", "--resume")):
        status, err = main(capsys, *args)
        assert status == 2 and f"{path}: " in err and message in err, err
    assert snapshot(folder) == before


# --- output paths --------------------------------------------------------------------------

def test_through_the_real_cli_a_bad_manifest_or_path_exits_2_without_traceback(copy_of):
    scenario_text = copy_of("parquet")
    edit(scenario_text, lambda m: m.update(scenario="baseline"))
    cases = {  # the auditor's cases, run at once (each CLI start costs seconds here)
        "resume, scenario a string": (
            run_args(scenario_text, 5, TWO_CHUNKS, "parquet", "--resume"),
            f"error: {scenario_text / results.MANIFEST}: field 'scenario' is a string, "
            "expected an object"),
        "out under a file": (["run", "baseline", "--runs", 100, "--out", "/dev/null/x"],
                             "error: out: cannot create /dev/null/x (Not a directory)"),
    }
    started = {name: subprocess.Popen(command(*args), cwd=ROOT, text=True,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for name, (args, _) in cases.items()}
    for name, process in started.items():
        _, error = process.communicate(timeout=DEADLINE)
        assert process.returncode == 2, (name, error)
        assert error.startswith(cases[name][1]) and "Traceback" not in error, (name, error)
        assert len(error.strip().splitlines()) == 1, (name, error)


@pytest.mark.parametrize("where", ["under a file", "not allowed"])
def test_an_output_path_that_cannot_be_created_is_a_clear_error(tmp_path, capsys, where):
    if where == "under a file":
        (tmp_path / "file").write_text("x")
        for path in (Path("/dev/null/x"), tmp_path / "file" / "x"):
            status, err = main(capsys, "run", "baseline", "--runs", 100, "--out", path)
            assert status == 2 and f"out: cannot create {path} (Not a directory)" in err
        return
    if os.geteuid() == 0:  # root writes anywhere but in sysfs
        if not os.path.ismount("/sys"):
            pytest.skip("root writes anywhere: no permission to deny")
        status, err = main(capsys, "run", "baseline", "--runs", 100, "--out", "/sys/x")
        assert status == 2 and "out: cannot create /sys/x (Operation not permitted)" in err
        return
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        status, err = main(capsys, "run", "baseline", "--runs", 100, "--out", locked / "x")
        assert status == 2 and f"out: cannot create {locked / 'x'} (Permission denied)" in err
    finally:
        locked.chmod(0o700)


def test_reading_results_loads_neither_mesa_nor_networkx():
    """The results floor never imports the model's Mesa world: a folder is read without it."""
    code = ("import simulator.results as r; r.load, r.FolderWriter, r.Batch, r.OutcomeStats; "
            "from simulator.results import analysis, reading, writer")
    assert loaded_after(code, "mesa", "networkx", "simulator.model.world",
                        "simulator.running") == []


def test_a_folder_is_read_back_in_a_process_without_mesa(tmp_path):
    out = tmp_path / "A"
    batch = engine.run(load("baseline"), 700, seed=4, out=out, workers=1)
    probe = ("import json, sys; from simulator.results import load; "
             f"batch = load({str(out)!r}); "
             "print(json.dumps([batch.summary(), 'mesa' in sys.modules]))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    summary, mesa_loaded = json.loads(result.stdout)
    assert summary == json.loads(json.dumps(batch.summary())) and mesa_loaded is False
