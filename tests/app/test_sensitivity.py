"""The Sensitivity page (simulator/app/sensitivity.py), run headless with AppTest: the
indices it ranks are the engine's, its defaults are quick and in plain words, its job
runs in the background, and impossible link values warn.
"""

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import ok, open_app, page_path, warnings

from simulator.app import i18n
from simulator.model.scenario import load
from simulator.studies import sobol


def test_sensitivity_warns_about_impossible_link_values():
    at = open_app({"sobol_preset": "nobody", "sobol_samples": "100",
                   "sobol_parameters": ["chain.layers", "chain.nonsense"]},
                  page_path("sensitivity"))
    assert ok(at)
    text = warnings(at)
    assert "sobol_preset=nobody" in text and "sobol_samples=100" in text
    assert "chain.nonsense" in text


@pytest.mark.slow  # 8-21 s, among make test's slowest: make test-slow (CI) runs it
def test_sensitivity_ranks_the_real_indices_like_the_engine():
    query = {"sobol_parameters": ["chain.layers", "leader.bluff_share"], "sobol_samples": "32",
             "sobol_runs": "250", "sobol_spread": "1.0"}
    at = open_app(query, page_path("sensitivity"))
    at.button[0].click().run()
    assert ok(at)
    table = at.dataframe[0].value
    assert set(table["parameter"]) == {"chain.layers", "leader.bluff_share"}
    assert list(table["total"]) == sorted(table["total"], reverse=True)
    direct = sobol.sensitivity(load("baseline"), {"chain.layers": (1, 10),
                                     "leader.bluff_share": (0.0, 1.0)}, samples=32,
                                     runs_per_point=250, seed=0, workers=1).to_pandas()
    assert list(table["total"]) == pytest.approx(list(direct["total"]))


def test_sensitivity_reports_progress_and_gives_the_same_indices():
    calls = []
    vary = {"chain.base_refusal": (0.0, 0.3), "leader.bluff_share": (0.0, 1.0)}
    with_progress = sobol.sensitivity(load("baseline"), vary, samples=8, runs_per_point=250,
                                      seed=0, workers=1,
                                      on_progress=lambda d, t: calls.append((d, t)))
    without = sobol.sensitivity(load("baseline"), vary, samples=8, runs_per_point=250,
                                seed=0, workers=1)
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1] >= 1
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert list(with_progress.total_order) == pytest.approx(list(without.total_order))


def _texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def test_sensitivity_defaults_are_quick_and_shown_in_plain_words():
    at = open_app(page=page_path("sensitivity"))
    assert ok(at)
    names = at.multiselect(key="sobol_parameters").value
    samples = at.select_slider(key="sobol_samples").value
    worlds = at.select_slider(key="sobol_runs").value
    assert samples * (len(names) + 2) <= 160 and worlds <= 500  # under ten seconds
    at.button[0].click().run()
    assert ok(at)
    table = at.table[0].value
    assert set(table["Assumption"]) == {i18n.parameter(name) for name in names}
    assert not any("." in name for name in table["Assumption"])  # no raw ids
    text = _texts(at)
    assert "first-order" in text and "negative" in text and "noise" in text
    # the raw indices for analysts, with plain column names
    raw = at.dataframe[0].value
    assert list(raw["parameter"]) == [n for n in raw["parameter"] if n in names]
    # a changed selection goes to the link as ids, not as the shown words
    at.multiselect(key="sobol_parameters").set_value(["chain.layers", "leader.bluff_share"]).run()
    assert at.query_params["sobol_parameters"] == ["chain.layers", "leader.bluff_share"]


def test_a_sensitivity_job_runs_in_the_background_with_an_estimate_of_the_time_left():
    import time

    from simulator.app import runs
    from simulator.app.scenarios import Choice

    ranges = (("chain.base_refusal", 0.0, 0.3), ("leader.bluff_share", 0.0, 1.0))
    setting = (Choice("baseline"), ranges, "nuclear_use", 16, 250, 0)
    assert runs.sensitivity_job(*setting, start=False) is None  # nobody asked yet
    job = runs.sensitivity_job(*setting)
    assert runs.sensitivity_job(*setting) is job  # one job per setting, shared
    seen = []
    deadline = time.monotonic() + 300
    while not job.finished and time.monotonic() < deadline:
        seen.append((job.fraction(), job.seconds_left()))
        time.sleep(0.05)
    assert job.finished and job.error is None
    assert seen and all(0 <= fraction < 1 and left > 0 for fraction, left in seen)
    assert job.fraction() == 1 and job.done == job.total >= 1
    direct = sobol.sensitivity(load("baseline"), {n: (lo, hi) for n, lo, hi in ranges},
                               samples=16, runs_per_point=250, seed=0, workers=1)
    assert list(job.result["total"]) == pytest.approx(list(direct.to_pandas()["total"]))


@pytest.mark.slow  # 8-21 s, among make test's slowest: make test-slow (CI) runs it
def test_sensitivity_finds_what_leads_to_use_in_plain_words():
    at = open_app({"sobol_parameters": ["chain.base_refusal", "leader.bluff_share",
                                        "battlefield.momentum"]}, page_path("sensitivity"))
    at.button(key="discover_run").click().run()
    assert ok(at)
    text = "\n".join(m.value for m in at.markdown)
    assert "mostly where:" in text
    assert "chain.base_refusal" not in text and "leader.bluff_share" not in text
    assert any(label in text for label in (i18n.parameter("leader.bluff_share"),
                                            i18n.parameter("battlefield.momentum"),
                                            i18n.parameter("chain.base_refusal")))
    caption = "\n".join(c.value for c in at.caption)
    assert "of the settings give a result above" in caption


def test_sensitivity_leads_with_a_plain_sentence():
    """The question in plain words first; Sobol' is named after it, for analysts."""
    at = open_app({}, page_path("sensitivity"))
    assert ok(at)
    lead = at.markdown[0].value
    assert lead == i18n.TEXT["en"]["sensitivity.lead"] and "Sobol" not in lead
    assert at.caption[0].value.startswith("In the analysts' terms, Sobol'")
