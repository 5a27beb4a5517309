"""Hostile or careless input is refused quickly, with a clear error, before any big work.

YAML aliases, huge files, deep nesting, huge numbers, unreadable files, ``extends`` cycles,
absurd run counts and a --dask address that is not a scheduler: each gets a
SimulatorError naming the field and what is allowed (exit status 2 on the command line),
never a hang, a MemoryError or a traceback.
"""

import os
import re
import socketserver
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from simulator.errors import ParameterError, SimulatorError, shown
from simulator.evidence import claims, record
from simulator.model import params, safe_yaml
from simulator.model.scenario import ScenarioError, from_text, list_presets, load
from simulator.running import engine
from simulator.studies import designs, sobol

ROOT = Path(__file__).resolve().parents[2]
FAST = 20  # seconds: generous for a slow machine; each case takes well under one here

LAUGHS = ("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
          "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
          "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
          "summary: *c\nwhy: *c\n")


def cli(*args, cwd=ROOT, env=None):
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "simulator", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=120)


def assert_refused(result, *fragments):
    """Exit status 2 and one line on stderr, ``error: ...`` holding every fragment."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture
def timed():
    started = time.perf_counter()
    yield
    assert time.perf_counter() - started < FAST


# --- YAML: bounded work before anything is built ---------------------------------------------

@pytest.mark.usefixtures("timed")
@pytest.mark.parametrize("text, message", [
    (LAUGHS, "(line 2, column 8): an alias (*a) is not allowed here"),
    ("summary: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than 20 levels deep"),
    ("summary: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n", "nested more than 20 levels deep"),
    ("parameters:\n  chain.base_refusal: [" + ",".join(["0.1"] * 1_000_000) + "]\n",
     "more than 1,000,000 bytes"),
    ("summary: 2023-02-30\n", "cannot read this value (day is out of range for month)"),
])
def test_scenario_text_is_read_with_bounded_work(text, message):
    with pytest.raises(ScenarioError) as error:
        from_text(text, source="bad.yaml")
    assert str(error.value).startswith("bad.yaml") and message in str(error.value)


def test_a_document_with_too_many_values_is_refused(monkeypatch, timed):
    monkeypatch.setattr(safe_yaml, "MAX_NODES", 1_000)
    text = "parameters:\n  chain.base_refusal: [" + ",".join(["0.1"] * 2_000) + "]\n"
    with pytest.raises(ScenarioError, match="bad.yaml \\(line 2, .*more than 1,000 values"):
        from_text(text, source="bad.yaml")


def test_bytes_and_anchors_without_aliases_are_fine():
    scenario = from_text(b"name: mine\ntitle: &t A title\nparameters:\n  chain.units: 2\n")
    assert (scenario.name, scenario.title, scenario.overrides["chain.units"]) == \
        ("mine", "A title", 2)


def test_a_long_per_layer_list_is_refused_before_its_values_are_read(timed):
    class Bomb:
        def __float__(self):
            raise AssertionError("converted an element of a list that is too long")

    with pytest.raises(ParameterError, match="a per-layer list needs 1 to 10 values"):
        params.SCHEMA["chain.base_refusal"].check([Bomb()] * 1_000_000)
    with pytest.raises(ScenarioError, match="parameters.chain.base_refusal: a per-layer list "
                                            "needs 1 to 10 values"):
        from_text("parameters:\n  chain.base_refusal: [" + ",".join(["0.1"] * 20_000) + "]\n")


# --- scenario fields --------------------------------------------------------------------------

@pytest.mark.parametrize("text, message", [
    ("parameters:\n  chain.layers: " + "9" * 400 + "\n",
     "parameters.chain.layers: a number of 400 digits is out of range; expected a whole "
     "number from 1 to 10"),
    ("parameters:\n  leader.resolve: -" + "9" * 400 + "\n",
     "parameters.leader.resolve: a number of 400 digits is out of range"),
    ("parameters:\n  chain.layers: " + "9" * 5000 + "\n",  # too long for int(): still named
     "parameters.chain.layers: a number of 5,000 digits is out of range; expected a whole "
     "number from 1 to 10"),
    ("parameters:\n  leader.resolve: " + "9" * 400 + ".5\n",  # float() would make it inf
     "parameters.leader.resolve: a number of 400 digits is out of range; expected a number "
     "from 0 to 10"),
    ("parameters:\n  chain.layers: {value: 3, claims: 5}\n",
     "parameters.chain.layers.claims: 5 is not allowed; expected a list of claim ids"),
    ("parameters:\n  chain.layers: {value: 3, claims: kemp-five-levels}\n",
     "parameters.chain.layers.claims: 'kemp-five-levels' is not allowed; expected a list"),
    ("parameters:\n  chain.layers: {value: 3, why: [a, b]}\n",
     "parameters.chain.layers.why: expected text"),
    ("parameters:\n  5: 3\n", "parameters: 5 is not a parameter name; expected a dotted name"),
    ("parameters:\n  ~: 3\n", "parameters: None is not a parameter name"),
    ("parameters:\n  chain.layers: {value: 3, 7: x}\n", "unknown key 7"),
    ("5: x\nsummry: y\n", "unknown key 5; allowed: events, extends, name"),
    ("title: {a: 1}\n", "title: expected text"),
    ("extends: 5\n", "extends: 5 is not allowed; expected the name of a preset (baseline"),
    ("extends: [kemp]\n", "extends: ['kemp'] is not allowed"),
    ("extends: ''\n", "extends: '' is not allowed"),
    ("extends: nosuch\n", "extends: unknown preset 'nosuch'"),
    ("parameters:\n  chain.layers: [1, 2]\n",
     "parameters.chain.layers: [1, 2] is not a number; expected a whole number from 1 to 10"),
])
def test_bad_scenario_fields_are_named(text, message):
    with pytest.raises(ScenarioError) as error:
        from_text(text, source="bad.yaml")
    assert str(error.value).startswith("bad.yaml: ") and message in str(error.value)


def test_huge_numbers_never_break_an_error_message():
    assert shown(10**400) == "a number of 401 digits"
    assert shown(-(10**400)) == "a number of 401 digits"
    assert shown(2.5) == "2.5" and shown(7) == "7" and shown(True) == "True"
    assert shown([0] * 1_000_000) == "a list of 1,000,000 values"
    assert shown("x" * 10_000).endswith("(10,002 characters)")
    with pytest.raises(engine.EngineError, match="runs: a number of 401 digits is too "
                                                 "many"):
        engine.check_runs(10**400)
    with pytest.raises(ParameterError, match="is not a parameter name"):
        params.lookup(None)


def test_extends_cycles_are_refused(tmp_path, monkeypatch, timed):
    monkeypatch.chdir(tmp_path)
    Path("self.yaml").write_text("extends: self.yaml\n")
    Path("a.yaml").write_text("extends: b.yaml\n")
    Path("b.yaml").write_text(f"extends: {tmp_path / 'a.yaml'}\n")
    with pytest.raises(ScenarioError, match=r"self\.yaml: extends: 'self\.yaml' makes a cycle "
                                            r"\(self\.yaml -> self\.yaml\)"):
        load("self.yaml")
    with pytest.raises(ScenarioError, match=r"b\.yaml: extends: .* makes a cycle \(a\.yaml -> "
                                            r"b\.yaml -> .*a\.yaml\); a scenario cannot extend "
                                            "itself"):
        load("a.yaml")
    Path("ok.yaml").write_text("extends: kemp\nparameters:\n  chain.units: 2\n")
    Path("ok2.yaml").write_text("extends: ok.yaml\n")
    assert load("ok2.yaml").overrides["chain.units"] == 2  # a chain without a cycle still works
    Path("gone.yaml").write_text("extends: missing.yaml\n")
    with pytest.raises(ScenarioError, match=r"gone\.yaml: extends: missing\.yaml: no such"):
        load("gone.yaml")


# --- files that cannot be read ------------------------------------------------------------------

def _unreadable(tmp_path, monkeypatch):
    """A file that cannot be opened (chmod 000 does not stop root, so fake the refusal)."""
    path = tmp_path / "locked.yaml"
    path.write_text("name: locked\n")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self.name == "locked.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    return path


@pytest.mark.parametrize("loader, error", [
    (load, ScenarioError), (record.load, record.RecordError),
    (claims.load_claims.__wrapped__, claims.ClaimsError),
])
def test_unreadable_files_are_named(tmp_path, monkeypatch, loader, error):
    (tmp_path / "utf16.yaml").write_bytes("summary: Chișinău\n".encode("utf-16"))
    (tmp_path / "dir.yaml").mkdir()
    (tmp_path / "huge.yaml").write_bytes(b"#" * (safe_yaml.MAX_BYTES + 1))
    (tmp_path / "laughs.yaml").write_text(LAUGHS)
    cases = {
        "utf16.yaml": "utf16.yaml: cannot read it: not UTF-8 text (byte 0xff on line 1); save "
                      "it as UTF-8",
        "dir.yaml": "dir.yaml: cannot read it: a directory, not a file",
        "huge.yaml": "huge.yaml: 1,000,001 bytes is too large; a file may hold at most "
                     "1,000,000 bytes (1 MB)",
        "laughs.yaml": "laughs.yaml (line 2, column 8): an alias (*a) is not allowed here",
    }
    for name, message in cases.items():
        with pytest.raises(error) as raised:
            loader(tmp_path / name)
        assert isinstance(raised.value, SimulatorError)
        assert message in str(raised.value), str(raised.value)
    locked = _unreadable(tmp_path, monkeypatch)
    with pytest.raises(error, match=r"locked\.yaml: cannot read it \(Permission denied\)"):
        loader(locked)


def test_record_and_claims_files_are_checked_for_shape(tmp_path):
    path = tmp_path / "claims.yaml"
    for text, message in [("- a\n", "expected a mapping whose key 'claims' holds a list"),
                          ("claims: 5\n", "expected a mapping whose key 'claims' holds a list"),
                          ("claims: [5]\n", "claims[0]: expected a mapping"),
                          ("claims:\n- {id: x, speaker: s, article: a, quote: q, paraphrase: p, "
                           "paraphrase_fr: pf, interpretation: i, interpretation_fr: if, "
                           "informs: 5}\n",
                           "claim x: informs: expected a list of parameter names")]:
        path.write_text(text)
        with pytest.raises(claims.ClaimsError, match=re.escape(message)):
            claims.load_claims.__wrapped__(path)


def test_the_project_files_are_within_the_limits():
    assert all(load(name).name for name in list_presets())
    assert record.load().events
    assert claims.load_claims.__wrapped__(claims.CLAIMS_FILE)


# --- sizes of a job -------------------------------------------------------------------------

def test_runs_are_capped_before_planning(timed):
    with pytest.raises(engine.EngineError, match="runs: 1000000000000 is too many; expected a "
                                                 "whole number from 1 to 1,000,000,000"):
        engine.plan(10**12)
    with pytest.raises(engine.EngineError, match="runs: 0 is not allowed"):
        engine.check_runs(0)
    assert len(engine.plan(engine.CHUNK_SIZE + 1)) == 2


@pytest.mark.usefixtures("timed")
@pytest.mark.parametrize("options, message", [
    ({"samples": 2**40}, "samples: 1099511627776 is too many; expected a whole number from 1 "
                         "to 100,000"),
    ({"samples": 2**16}, "samples: 65,536 x (1 parameters + 2) is 196,608 points, more than the "
                         "100,000 allowed; use at most 32,768 samples"),
    ({"resamples": 10**8}, "resamples: 100000000 is too many; expected a whole number from 1 "
                           "to 10,000"),
    ({"vary": [f"dummy{i}=0:1" for i in range(101)]}, "--vary: 101 parameters is too many"),
])
def test_sensitivity_sizes_are_capped(options, message):
    options = {"vary": ["leader.resolve=0:6"], **options}
    with pytest.raises(SimulatorError) as error:
        sobol.sensitivity("baseline", options.pop("vary"), **options, workers=1)
    assert message in str(error.value)


def test_design_points_are_capped_before_allocating(timed):
    vary = designs.check_varies(["leader.resolve=0:6"])
    for design in designs.DESIGNS:
        with pytest.raises(engine.EngineError, match="points: 1000000000 is too many; expected "
                                                     "a whole number from 1 to 100,000"):
            designs.design_points(vary, design, 10**9)


@pytest.mark.parametrize("args, message", [
    (["run", "baseline", "--runs", str(10**12)],
     "runs: 1000000000000 is too many; expected a whole number from 1 to 1,000,000,000"),
    (["run", "baseline", "--runs", "1" + "0" * 400], "runs: a number of 401 digits"),
    (["sensitivity", "baseline", "--vary", "leader.resolve=0:6", "--samples", str(2**40)],
     "samples: 1099511627776 is too many; expected a whole number from 1 to 100,000"),
    (["sweep", "baseline", "--vary", "leader.resolve=0:6", "--points", str(10**9), "--out",
      "never-written"], "points: 1000000000 is too many"),
    (["run", "baseline", "--workers", "1000000"],
     "workers: 1000000 is not allowed; expected a whole number from 1 to 1,024"),
    (["run", "baseline", "--set", "chain.layers=" + "9" * 5000],
     "chain.layers: a number of 5,000 digits is out of range; expected a whole number from 1 "
     "to 10"),
    (["run", "baseline", "--set", "chain.layers=1_0"],
     "chain.layers: '1_0' is not a number; expected a whole number from 1 to 10, written with "
     "the digits 0-9"),
])
def test_cli_sizes_are_capped(args, message, tmp_path):
    started = time.perf_counter()
    result = cli(*args, cwd=tmp_path)
    assert_refused(result, message)
    assert time.perf_counter() - started < 60
    assert list(tmp_path.iterdir()) == []  # nothing written


BAD_FILES = {
    "laughs.yaml": LAUGHS,
    "bytes.yaml": b"summary: \xff\xfe\n",
    "self.yaml": "extends: self.yaml\n",
    "deep.yaml": "summary: " + "[" * 5000 + "]" * 5000 + "\n",
}


@pytest.mark.parametrize("args, message", [
    (["validate", "laughs.yaml"], "laughs.yaml (line 2, column 8): an alias (*a) is not allowed"),
    (["run", "bytes.yaml"], "bytes.yaml: cannot read it: not UTF-8 text (byte 0xff on line "
                            "1)"),
    (["validate", "self.yaml"], "self.yaml: extends: 'self.yaml' makes a cycle"),
    (["validate", "deep.yaml"], "deep.yaml (line 1, column 29): nested more than 20 levels"),
    (["validate", "."], "unknown preset '.'"),
    (["backtest", "--record", "laughs.yaml"],
     "laughs.yaml (line 2, column 8): an alias (*a) is not allowed"),
])
def test_cli_reports_bad_files_in_one_line(tmp_path, args, message):
    for name, content in BAD_FILES.items():
        path = tmp_path / name
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content)
    assert_refused(cli(*args, cwd=tmp_path), message)


# --- a --dask address that answers TCP but is not a scheduler ------------------------------------

class _Garbage(socketserver.BaseRequestHandler):
    def handle(self):  # what dask reads as a message of 3 EiB, then silence
        try:
            self.request.sendall(struct.pack("<Q", 3 << 60) + b"\x2a" * 56)
            time.sleep(10)
        except OSError:
            pass


class _Silent(socketserver.BaseRequestHandler):
    def handle(self):
        time.sleep(10)


@pytest.fixture(params=[_Garbage, _Silent], ids=["garbage", "silent"])
def impostor(request):
    """The address of a TCP server that accepts, then sends garbage or nothing."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), request.param)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"tcp://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_connect_dask_refuses_a_server_that_is_not_a_scheduler(impostor, monkeypatch):
    monkeypatch.setenv(engine.DASK_TIMEOUT_ENV, "2")
    started = time.perf_counter()
    with pytest.raises(engine.EngineError) as error:
        engine.connect_dask(impostor)
    assert f"--dask: {impostor} is not a Dask scheduler (or did not answer within 2 s)" in \
        str(error.value)
    assert time.perf_counter() - started < 60


def test_cli_refuses_a_dask_address_that_is_not_a_scheduler(impostor, tmp_path):
    result = cli("run", "baseline", "--runs", "100", "--dask", impostor, "--out",
                 str(tmp_path / "A"), env={engine.DASK_TIMEOUT_ENV: "2"})
    assert_refused(result, f"{impostor} is not a Dask scheduler (or did not answer within 2 s)")
    assert not (tmp_path / "A").exists()


def test_a_bad_dask_timeout_is_named(monkeypatch):
    monkeypatch.setenv(engine.DASK_TIMEOUT_ENV, "soon")
    with pytest.raises(engine.EngineError, match="SIMULATOR_DASK_TIMEOUT: 'soon' is not allowed"):
        engine.connect_dask("tcp://127.0.0.1:9")
