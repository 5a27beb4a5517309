"""A script without ``if __name__ == "__main__":`` gets a clear error, not a broken pool.

With threads running the engine's workers come from a forkserver, which runs the script
again in each worker; unguarded, its simulations would run there too and the pool would
die with BrokenProcessPool. The same script, guarded, runs.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BODY = """\
    import threading, time
    import simulator
    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
    batch = simulator.run("baseline", runs=40_000, seed=0, workers=2)
    print("P(use)", batch.estimates["nuclear_use"].estimate)
"""


def run_script(tmp_path, text: str) -> subprocess.CompletedProcess:
    script = tmp_path / "study.py"
    script.write_text(textwrap.dedent(text))
    return subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True,
                          text=True, timeout=600, env={"PYTHONPATH": str(ROOT),
                                                       "PATH": "/usr/bin:/bin"})


def test_an_unguarded_script_is_told_what_to_do(tmp_path):
    found = run_script(tmp_path, BODY)
    assert found.returncode != 0
    assert "if __name__ == \"__main__\":" in found.stderr and "workers=1" in found.stderr
    assert "BrokenProcessPool" not in found.stderr


def test_the_same_script_guarded_runs_on_its_workers(tmp_path):
    guarded = "if __name__ == '__main__':\n" + textwrap.indent(textwrap.dedent(BODY), "    ")
    found = run_script(tmp_path, guarded)
    assert found.returncode == 0, found.stderr
    assert found.stdout.startswith("P(use) 0.")


def test_a_streamlit_page_script_as_main_is_not_taken_for_a_users_script(tmp_path,
                                                                         monkeypatch):
    """Streamlit (and AppTest) make the page script ``__main__``; the app's pool must start."""
    import types

    from simulator.running import executor
    from simulator.running.chunks import EngineError

    page = tmp_path / "app.py"
    page.write_text("from simulator.app.main import main\nmain()\n")
    fake = types.ModuleType("__main__")
    fake.__file__, fake.__spec__ = str(page), None
    monkeypatch.setitem(sys.modules, "__main__", fake)
    monkeypatch.delitem(sys.modules, "streamlit", raising=False)
    with pytest.raises(EngineError, match="app.py: this script calls the simulator"):
        executor.refuse_unguarded_script()
    monkeypatch.setitem(sys.modules, "streamlit", types.ModuleType("streamlit"))
    executor.refuse_unguarded_script()  # the app's own page: no error
