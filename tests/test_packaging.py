"""The installed wheel, not the checkout: it ships the presets, claims and record and finds them.

The wheel is built from a copy of the tree and installed, not editable, into a fresh venv
outside it; everything then runs from another folder. The dependencies come from the project's
venv through a .pth line: Python does not read the .pth files of a directory added that way,
so the editable install's finder stays off and only the wheel's ``simulator`` can be imported.
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
NOT_COPIED = (".venv", ".git", "build", "dist", "data", "results", "*.egg-info", "__pycache__",
              ".pytest_cache", ".ruff_cache")
RUNS = "40"

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
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_COPIED))
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
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "WORKSHOP_DATA_DIR", "WORKSHOP_DATABASE_URL")}
    env["XDG_DATA_HOME"] = str(work / "user-data")
    return {"python": str(python), "site": site, "cwd": elsewhere, "env": env, "work": work}


def _in_wheel(wheel_venv: dict, *args: str) -> subprocess.CompletedProcess:
    return _check([wheel_venv["python"], *args], cwd=wheel_venv["cwd"], env=wheel_venv["env"])


def _python(wheel_venv: dict, code: str):
    """Run ``code`` with the wheel's Python; it prints one JSON value, returned here."""
    return json.loads(_in_wheel(wheel_venv, "-c", code).stdout)


def test_the_wheel_is_what_gets_imported(wheel_venv):
    where = _python(wheel_venv, "import json, simulator, workshop, ui; print(json.dumps("
                    "[m.__file__ for m in (simulator, workshop, ui)]))")
    for path in where:
        assert Path(path).is_relative_to(wheel_venv["site"]), path


def test_the_installed_package_lists_every_preset(wheel_venv):
    installed = _python(wheel_venv, "import json; from simulator.model.scenario import list_presets; "
                        "print(json.dumps(list_presets()))")
    assert installed == list_presets()


@pytest.mark.parametrize("preset", list_presets())
def test_every_preset_runs_from_the_cli(wheel_venv, preset):
    done = _in_wheel(wheel_venv, "-m", "simulator", "run", preset, "--runs", RUNS,
                     "--workers", "1", "--quiet", "--json")
    assert json.loads(done.stdout)["runs"] == int(RUNS)


def test_a_preset_file_given_by_path_extends_the_shipped_baseline(wheel_venv):
    mine = wheel_venv["cwd"] / "mine.yaml"
    mine.write_text("name: mine\nextends: kemp\nparameters:\n  chain.layers:\n    value: 3\n")
    for path in (ROOT / "scenarios" / "kemp.yaml", mine):
        _in_wheel(wheel_venv, "-m", "simulator", "run", str(path), "--runs", RUNS,
                  "--workers", "1", "--quiet")


def test_claims_check_and_backtest_run_from_the_installed_copy(wheel_venv):
    _in_wheel(wheel_venv, "-m", "simulator", "claims", "--check")
    _in_wheel(wheel_venv, "-m", "simulator", "backtest")


def test_the_python_api_gives_the_checkouts_numbers(wheel_venv):
    import simulator

    def estimates(batch) -> str:  # as JSON text, in which a NaN equals itself
        return json.dumps({name: float(e.estimate) for name, e in batch.estimates.items()})

    code = ("import json, simulator; batch = simulator.run('kemp', runs=200, seed=3, workers=1); "
            "print(json.dumps({n: float(e.estimate) for n, e in batch.estimates.items()}))")
    installed = _in_wheel(wheel_venv, "-c", code).stdout.strip()
    assert installed == estimates(simulator.run("kemp", runs=200, seed=3, workers=1))


def test_the_workshop_database_defaults_outside_site_packages(wheel_venv):
    url = _python(wheel_venv, "import json; from simulator.workshop.store import database_url; "
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
