"""The installed wheel, not the checkout: it ships the presets, claims and record and finds them.

The wheel is built from a copy of the tree and installed, not editable, into a fresh venv
outside it; everything then runs from another folder. The dependencies come from the project's
venv through a .pth line: Python does not read the .pth files of a directory added that way,
so the editable install's finder stays off and only the wheel's ``simulator`` can be imported.

``pip install .`` is the model alone: with ``CORE_ONLY=1`` a guard in the fresh venv makes
every extra's package (Streamlit, Dask, SQLAlchemy, the EMA Workbench...) fail to import, as
in a venv that has only requirements/core.txt, and the presets still run from the CLI and API.
"""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from simulator.model.scenario import list_presets

ROOT = Path(__file__).resolve().parents[1]
NOT_COPIED = ("*.egg-info", "__pycache__", ".pytest_cache", ".ruff_cache")
# Only at the top of the checkout: simulator/results/ is code.
NOT_COPIED_AT_TOP = {".venv", ".git", "build", "dist", "data", "results", "_build"}
RUNS = "40"
# Top-level packages of the extras (requirements/{app,workshop,dask,discovery}.txt).
EXTRAS_PACKAGES = ("streamlit", "plotly", "babel", "sqlalchemy", "psycopg", "segno", "dask",
                   "distributed", "ema_workbench", "sklearn")
GUARD = f"""
import importlib.abc, sys

class CoreOnly(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in {EXTRAS_PACKAGES!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}} (core-only install)")

sys.meta_path.insert(0, CoreOnly())
"""

pytestmark = pytest.mark.slow  # a wheel build, a venv, 14 interpreters: 25 CPU-s, 26-90 s


def _check(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{command}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory) -> dict:
    """A fresh venv with only the wheel installed, a folder outside both trees to run in."""
    work = tmp_path_factory.mktemp("packaging")
    source = work / "source"
    patterns = shutil.ignore_patterns(*NOT_COPIED)

    def ignore(folder, names):
        top = NOT_COPIED_AT_TOP if Path(folder) == ROOT else set()
        return set(patterns(folder, names)) | (top & set(names))

    shutil.copytree(ROOT, source, ignore=ignore)
    _check([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
            "--no-build-isolation", "--wheel-dir", str(work / "wheels"), str(source)])
    wheel = next((work / "wheels").glob("escalation_sim-*.whl"))
    fresh = work / "fresh"
    _check([sys.executable, "-m", "venv", "--without-pip", str(fresh)])
    python = fresh / "bin" / "python"
    _check([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
            "--no-deps", "--no-index", str(wheel)])
    site = Path(_check([str(python), "-c", "import sysconfig; print(sysconfig.get_path("
                        "'purelib'))"]).stdout.strip())
    dependencies = dict.fromkeys(sysconfig.get_path(kind) for kind in ("purelib", "platlib"))
    (site / "project_dependencies.pth").write_text("".join(f"{d}\n" for d in dependencies))
    (site / "core_only_guard.py").write_text(GUARD)
    (site / "core_only_guard.pth").write_text(
        "import os; os.environ.get('CORE_ONLY') and __import__('core_only_guard')\n")
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "WORKSHOP_DATA_DIR", "WORKSHOP_DATABASE_URL")}
    env["XDG_DATA_HOME"] = str(work / "user-data")
    return {"python": str(python), "site": site, "cwd": elsewhere, "env": env, "work": work}


def _in_wheel(wheel_venv: dict, *args: str, core_only: bool = False
              ) -> subprocess.CompletedProcess:
    env = {**wheel_venv["env"], **({"CORE_ONLY": "1"} if core_only else {})}
    return _check([wheel_venv["python"], *args], cwd=wheel_venv["cwd"], env=env)


def _python(wheel_venv: dict, code: str):
    """Run ``code`` with the wheel's Python; it prints one JSON value, returned here."""
    return json.loads(_in_wheel(wheel_venv, "-c", code).stdout)


def test_the_wheel_is_what_gets_imported(wheel_venv):
    where = _python(wheel_venv, "import json, simulator, simulator.workshop, simulator.app; "
                    "print(json.dumps([m.__file__ for m in (simulator, simulator.workshop, "
                    "simulator.app)]))")
    for path in where:
        assert Path(path).is_relative_to(wheel_venv["site"]), path


def test_the_wheel_installs_one_top_level_package(wheel_venv):
    record = _python(wheel_venv, "import json; from importlib.metadata import files; "
                     "print(json.dumps([f.parts[0] for f in files('escalation-sim')]))")
    top = {part for part in record if not part.endswith(".dist-info") and part != ".."}
    assert top == {"simulator"}
    assert not any((wheel_venv["site"] / name).exists() for name in ("ui", "workshop", "app"))


def test_the_extras_stay_out_of_the_core_requirements(wheel_venv):
    requires = _python(wheel_venv, "import json; from importlib.metadata import requires; "
                       "print(json.dumps(requires('escalation-sim')))")
    core = [r for r in requires if "extra ==" not in r]
    assert any(r.startswith("mesa") for r in core)
    assert not [r for r in core if r.split("[")[0].split(">")[0].split("=")[0].strip()
                in ("streamlit", "dask", "sqlalchemy", "psycopg", "ema_workbench")]
    for extra, package in (("app", "streamlit"), ("app", "sqlalchemy"), ("workshop", "psycopg"),
                           ("dask", "dask"), ("discovery", "ema_workbench"), ("dev", "pytest")):
        assert any(r.startswith(package) and f'extra == "{extra}"' in r for r in requires), extra


def test_the_core_only_guard_blocks_the_extras(wheel_venv):
    done = subprocess.run([wheel_venv["python"], "-c", "import streamlit"], capture_output=True,
                          text=True, cwd=wheel_venv["cwd"],
                          env={**wheel_venv["env"], "CORE_ONLY": "1"})
    assert done.returncode != 0 and "core-only install" in done.stderr


def test_the_installed_package_lists_every_preset(wheel_venv):
    installed = _python(wheel_venv, "import json; from simulator.model.scenario import "
                        "list_presets; print(json.dumps(list_presets()))")
    assert installed == list_presets()


@pytest.mark.parametrize("preset", list_presets())
def test_every_preset_runs_from_the_cli(wheel_venv, preset):
    done = _in_wheel(wheel_venv, "-m", "simulator", "run", preset, "--runs", RUNS,
                     "--workers", "1", "--quiet", "--json", core_only=True)
    assert json.loads(done.stdout)["runs"] == int(RUNS)


def test_a_preset_file_given_by_path_extends_the_shipped_baseline(wheel_venv):
    mine = wheel_venv["cwd"] / "mine.yaml"
    mine.write_text("name: mine\nextends: kemp\nparameters:\n  chain.layers:\n    value: 3\n")
    for path in (ROOT / "scenarios" / "kemp.yaml", mine):
        _in_wheel(wheel_venv, "-m", "simulator", "run", str(path), "--runs", RUNS,
                  "--workers", "1", "--quiet")


def test_claims_check_and_backtest_run_from_the_installed_copy(wheel_venv):
    _in_wheel(wheel_venv, "-m", "simulator", "claims", "--check", core_only=True)
    _in_wheel(wheel_venv, "-m", "simulator", "backtest", core_only=True)


def test_the_python_api_gives_the_checkouts_numbers(wheel_venv):
    import simulator

    def estimates(batch) -> str:  # as JSON text, in which a NaN equals itself
        return json.dumps({name: float(e.estimate) for name, e in batch.estimates.items()})

    code = ("import json, simulator; batch = simulator.run('kemp', runs=200, seed=3, workers=1); "
            "print(json.dumps({n: float(e.estimate) for n, e in batch.estimates.items()}))")
    installed = _in_wheel(wheel_venv, "-c", code, core_only=True).stdout.strip()
    assert installed == estimates(simulator.run("kemp", runs=200, seed=3, workers=1))


def test_the_workshop_database_defaults_outside_site_packages(wheel_venv):
    url = _python(wheel_venv, "import json; from simulator.workshop import database_url; "
                  "print(json.dumps(database_url()))")
    database = Path(url.removeprefix("sqlite:///"))
    assert not database.is_relative_to(wheel_venv["site"])
    assert database == wheel_venv["work"] / "user-data" / "escalation-sim" / "workshop.db"


def test_an_installed_copy_records_no_git_commit_of_a_repo_around_it(wheel_venv):
    """A venv inside some other git checkout: that checkout's commit is not the code's."""
    if shutil.which("git") is None:
        pytest.skip("no git: provenance() then records no commit at all")
    git = ["git", "-C", str(wheel_venv["work"]), "-c", "user.name=t", "-c", "user.email=t@t"]
    _check([*git, "init", "--quiet"])
    _check([*git, "commit", "--quiet", "--allow-empty", "-m", "not the simulator"])
    provenance = _python(wheel_venv, "import json; from simulator.results import provenance; "
                         "print(json.dumps(provenance()))")
    assert provenance["git_commit"] is None


def test_an_installed_copy_and_the_checkout_name_the_same_code(wheel_venv):
    """Dask refuses workers whose code differs: a wheel and its checkout must agree."""
    from simulator.running.engine import simulator_identity

    installed = _python(wheel_venv, "import json; from simulator.running.engine import "
                        "simulator_identity; print(json.dumps(simulator_identity()))")
    assert installed == simulator_identity()


def test_the_installed_app_serves_its_pages(wheel_venv):
    """``python -m simulator.app`` (the ``.[app]`` install) starts and answers its health check."""
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([wheel_venv["python"], "-m", "simulator.app", "--server.port",
                               str(port)], cwd=wheel_venv["cwd"], env=wheel_venv["env"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline, health = time.monotonic() + 120, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                            timeout=5) as answer:
                    health = answer.read().decode()
                    break
            except OSError:
                time.sleep(0.2)
        assert health == "ok", server.stderr.read() if server.poll() is not None else "no answer"
    finally:
        server.terminate()
        server.wait(timeout=30)
    script = wheel_venv["site"] / "simulator" / "app" / "streamlit_app.py"
    code = ("from streamlit.testing.v1 import AppTest; "
            f"at = AppTest.from_file({str(script)!r}, default_timeout=120).run(); "
            "assert not at.exception, at.exception; print(len(at.markdown))")
    assert int(_in_wheel(wheel_venv, "-c", code).stdout.split()[-1]) > 0
