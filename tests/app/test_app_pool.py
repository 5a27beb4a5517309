"""The app's process pool (simulator/app/compute.py): same numbers as in-process, survives a killed
worker, and a long run shows its first worlds first, then the full answer on its own.

Every wait is on a condition with a generous time-out: the machine may be loaded.
"""

import os
import signal
import time
from dataclasses import fields, is_dataclass
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import explored, headline, page_path

from simulator import settings
from simulator.app import compute, i18n, runs
from simulator.app.scenarios import Choice
from simulator.errors import SimulatorError
from simulator.results import analysis
from simulator.settings import SettingError
from simulator.studies import sobol
from simulator.workshop import results as reveal

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT_S = 60
CUSTOM = Choice.of("baseline", {"chain.base_refusal": 0.17})


@pytest.fixture
def pool(monkeypatch):
    """A fresh pool of two workers, stopped after the test."""
    monkeypatch.setenv(compute.WORKERS_ENV, "2")
    compute.shutdown()
    yield compute.pool()
    compute.shutdown()


def same_bytes(a, b) -> bool:
    """Equal values, arrays equal to the byte (same dtype and bytes), also inside a dataclass
    (a run's block statistics)."""
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()
    if is_dataclass(a) and not isinstance(a, type):
        return type(a) is type(b) and all(same_bytes(getattr(a, f.name), getattr(b, f.name))
                                          for f in fields(a))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_bytes(a[k], b[k]) for k in a)
    return a == b


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


@pytest.mark.parametrize("uncertainty", [False, True])
def test_the_pool_gives_the_in_process_summary_to_the_byte(pool, uncertainty):
    here = compute.summarise(CUSTOM, 3_000, 7, uncertainty)
    there = compute.submit(compute.summarise, CUSTOM, 3_000, 7, uncertainty).result(TIMEOUT_S)
    for field in fields(compute.RunSummary):
        assert same_bytes(getattr(here, field.name), getattr(there, field.name)), field.name
    # Explore's run carries the headline outcomes' predictive intervals, from the same run.
    assert (here.predictive is not None) == uncertainty
    if uncertainty:
        assert set(here.predictive) == set(runs.HEADLINE)
        assert here.predictive["nuclear_use"].estimate == here.estimates["nuclear_use"]


def test_workers_started_by_the_app_do_not_import_streamlit(pool):
    # The app starts them while its page script is __main__ (as in the server).
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.query_params.update({"worlds": "1000"})
    at.run()
    assert len(pool._processes) == compute.workers()
    # eval: a builtin pickles by name, so the worker imports nothing of this test module
    imported = compute.submit(eval, "'streamlit' in __import__('sys').modules").result(TIMEOUT_S)
    assert imported is False


def test_a_killed_worker_is_replaced_and_the_next_request_answers(pool):
    jobs = compute.Jobs()
    jobs.answer(compute.summarise, CUSTOM, 1_000, 0)
    victim = pool._processes[next(iter(pool._processes))]
    os.kill(victim.pid, signal.SIGKILL)
    wait_for(lambda: not victim.is_alive(), "the killed worker to exit")
    after = jobs.answer(compute.summarise, CUSTOM, 2_000, 0)
    assert after.estimates == compute.summarise(CUSTOM, 2_000, 0).estimates
    assert compute.pool() is not pool


def test_a_run_in_flight_when_its_workers_die_is_run_again(pool):
    jobs = compute.Jobs()
    jobs.start(compute.summarise, CUSTOM, 20_000, 3)
    wait_for(lambda: pool._processes, "a worker to start")
    for pid in list(pool._processes):
        os.kill(pid, signal.SIGKILL)
    result = jobs.answer(compute.summarise, CUSTOM, 20_000, 3)
    assert result.estimates == compute.summarise(CUSTOM, 20_000, 3).estimates


def test_in_process_mode_needs_no_pool(monkeypatch):
    monkeypatch.setenv(compute.WORKERS_ENV, "0")
    compute.shutdown()
    future = compute.submit(compute.view_row, "baseline", 1_000, 0)
    assert future.done() and not compute.started()
    assert future.result().use == compute.summarise(Choice("baseline"), 1_000, 0).estimates[
        "nuclear_use"]


def use_shown(at: AppTest) -> str:
    label = i18n.TEXT["en"]["explore.headline_label"].format(weeks=52)
    return next(metric.value for metric in at.metric if metric.label == label)


def test_a_long_run_shows_its_first_worlds_then_the_full_answer(pool):
    worlds = 20_000
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.query_params.update({"worlds": str(worlds), "chain.base_refusal": "0.17"})
    at.run()
    assert not at.exception
    first_text = i18n.TEXT["en"]["runs.first_estimate"].format(first="5,000", worlds="20,000")
    assert [info.value for info in at.info if info.value == first_text]
    # The first estimate is exactly the full run's first 5,000 worlds (each block of them
    # draws the same assumptions whatever the run's size), rounded as its own range allows.
    full = explored(CUSTOM.scenario(), worlds)
    first = explored(CUSTOM.scenario(), runs.FIRST_WORLDS)
    assert first.estimates["nuclear_use"] == analysis.summarize(
        {name: column[:runs.FIRST_WORLDS] for name, column in full.columns.items()})["nuclear_use"]
    assert use_shown(at) == headline(first)

    # The page's poll reruns the app once the full run is in: the same as rerunning here.
    def refined() -> bool:
        at.run()
        return not [info for info in at.info if info.value == first_text]

    wait_for(refined, "the full answer")
    assert not at.exception
    assert use_shown(at) == headline(full)


def test_the_default_run_and_in_process_runs_are_single_answers(pool, monkeypatch):
    assert runs.worlds_now([CUSTOM], runs.DEFAULT_WORLDS, 0) == runs.DEFAULT_WORLDS
    monkeypatch.setenv(compute.WORKERS_ENV, "0")
    assert runs.worlds_now([CUSTOM], 20_000, 0) == 20_000


def test_the_first_estimate_is_in_french_too(pool):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.query_params.update({"lang": "fr", "worlds": "20000", "chain.base_refusal": "0.19"})
    at.run()
    assert not at.exception
    start = i18n.TEXT["fr"]["runs.first_estimate"].split("{")[0]  # "Première estimation sur"
    assert [info for info in at.info if info.value.startswith(start + "5")]


SEEN_STATES_SCRIPT = """
window.seenStates = [];
new MutationObserver(() => {
  const number = document.querySelector(
    '.st-key-metric_nuclear_use [data-testid=stMetricValue]');
  const notice = document.querySelector('.st-key-first_estimate');
  if (!number) return;
  const state = [number.textContent.trim(), notice ? notice.textContent.trim() : ''];
  const last = window.seenStates[window.seenStates.length - 1];
  if (!last || last[0] !== state[0] || last[1] !== state[1]) window.seenStates.push(state);
}).observe(document, {subtree: true, childList: true, characterData: true});
"""
"""Records in the page each (P(nuclear use) shown, first-estimate notice) it went through."""


def test_in_a_browser_the_full_answer_replaces_the_first_by_itself(streamlit_server, page):
    from playwright.sync_api import expect

    choice = Choice.of("baseline", {"chain.base_refusal": 0.23})
    full = explored(choice.scenario(), 20_000)
    first = explored(choice.scenario(), runs.FIRST_WORLDS)
    # The first estimate may show for a moment only (the full run is quick here): the browser
    # itself records every state of the number and the notice, so none is missed by polling.
    page.add_init_script(SEEN_STATES_SCRIPT)
    page.goto(f"{streamlit_server}/?worlds=20000&chain.base_refusal=0.23")
    notice = page.locator(".st-key-first_estimate")
    shown = page.locator(".st-key-metric_nuclear_use [data-testid=stMetricValue]")
    expect(shown).to_have_text(headline(full))
    expect(notice).to_have_count(0)  # no click, no key press: the page's own poll
    seen = page.evaluate("window.seenStates")
    first_state = [headline(first),
                   "First estimate from 5,000 worlds; refining to 20,000"]
    assert any(number == first_state[0] and first_state[1] in text for number, text in seen), seen
    assert seen[-1] == [headline(full), ""], seen


def test_compare_shows_a_first_estimate_too(pool):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.query_params.update({"worlds": "1000"})
    at.run()
    at.switch_page(page_path("compare"))
    at.query_params.clear()
    at.query_params.update({"scenarios": ["baseline", "kemp"], "compare_worlds": "50000"})
    at.run()
    assert not at.exception
    first = i18n.TEXT["en"]["runs.first_estimate"].format(first="5,000", worlds="50,000")
    assert [info for info in at.info if info.value == first]


def test_a_bad_worker_count_names_the_variable(monkeypatch):
    monkeypatch.setenv(compute.WORKERS_ENV, "two")
    with pytest.raises(ValueError, match=compute.WORKERS_ENV):
        compute.workers()
    monkeypatch.setenv(compute.WORKERS_ENV, "3")
    assert compute.workers() == 3


@pytest.mark.parametrize("bad", ["two", "-1", "1.5"])
def test_a_bad_reveal_worker_count_is_refused_naming_the_variable(monkeypatch, bad):
    """Refused as a bad SIMULATOR_APP_WORKERS is, no longer silently replaced by the default."""
    monkeypatch.setenv(reveal.WORKERS_ENV, bad)
    with pytest.raises(SettingError, match=f"{reveal.WORKERS_ENV}: '{bad}' is not allowed; "
                                           "expected a whole number >= 0"):
        reveal.reveal_workers()
    monkeypatch.setenv(reveal.WORKERS_ENV, "3")
    assert reveal.reveal_workers() == 3
    monkeypatch.setenv(reveal.WORKERS_ENV, "0")
    assert reveal.reveal_workers() == min(2, os.cpu_count() or 1)


def test_every_variable_read_is_documented_and_a_bad_one_is_a_simulator_error():
    assert set(settings.VARIABLES) == {
        "SIMULATOR_DASK_TIMEOUT", "SIMULATOR_APP_WORKERS", "WORKSHOP_REVEAL_WORKERS",
        "WORKSHOP_PUBLIC_URL", "WORKSHOP_DATA_DIR", "WORKSHOP_DATABASE_URL", "XDG_DATA_HOME"}
    documented = settings.Settings.__doc__
    assert all(f"``{name}``" in documented for name in settings.VARIABLES)
    assert settings.Settings.from_environ({}) == settings.Settings()
    found = settings.Settings.from_environ({"SIMULATOR_APP_WORKERS": " 0 ",
                                            "SIMULATOR_DASK_TIMEOUT": "2.5",
                                            "WORKSHOP_PUBLIC_URL": "http://host:8501/"})
    assert (found.app_workers, found.dask_timeout, found.workshop_public_url) == \
        (0, 2.5, "http://host:8501")
    for name, bad in (("SIMULATOR_DASK_TIMEOUT", "0"), ("SIMULATOR_APP_WORKERS", "x")):
        with pytest.raises(SimulatorError, match=f"^{name}: '{bad}' is not allowed; expected"):
            settings.Settings.from_environ({name: bad})


def test_a_sensitivity_analysis_runs_its_points_on_the_pool(pool, monkeypatch):
    """The Sensitivity page's job sends its points to the shared pool, with the engine's table."""
    sent = []

    def counted(fn, *args):
        sent.append(getattr(fn, "__name__", type(fn).__name__))
        return submit(fn, *args)

    submit = compute.submit
    monkeypatch.setattr(compute, "submit", counted)
    ranges = (("chain.layers", 1, 10), ("leader.bluff_share", 0.0, 1.0))
    job = runs.sensitivity_job(Choice("baseline"), ranges, "nuclear_use", 8, 250, 5)
    wait_for(lambda: job.finished, "the Sobol' job")
    assert job.error is None
    assert sent and set(sent) == {"simulate_stats"}
    direct = sobol.sensitivity("baseline", {name: (low, high) for name, low, high in ranges},
                               samples=8, runs_per_point=250, seed=5, workers=1)
    assert job.result.equals(direct.to_pandas())
