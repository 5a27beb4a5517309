"""The Sensitivity page's "Which unknowns matter most" (simulator/app/sensitivity.py, with
``sobol_vary=ranges``), run headless with AppTest: it ranks the preset's ranges as
``unknowns.unknowns`` does, in plain words with each range's reason, in English and French,
with quick defaults.
"""

import pytest
from support.apptest import markdown_text, ok, open_app, page_path, warnings

from simulator.app import i18n
from simulator.model.scenario import load
from simulator.studies import unknowns
from simulator.workshop import labels

QUICK = {"sobol_vary": "ranges", "unknowns_samples": "8", "unknowns_runs": "250"}


def _direct(preset: str):
    return unknowns.unknowns(load(preset), samples=8, runs_per_point=250, seed=0,
                             workers=1).to_pandas()


def test_unknowns_are_ranked_like_the_study_in_plain_words_with_their_reasons():
    at = open_app({**QUICK, "sobol_preset": "kemp"}, page_path("sensitivity"))
    assert ok(at)
    assert "Which unknowns matter most?" in [s.value for s in at.subheader]
    at.button(key="unknowns_run").click().run()
    assert ok(at)
    direct = _direct("kemp")
    raw = at.dataframe[0].value
    assert list(raw["parameter"]) == list(direct["parameter"])
    assert list(raw["total"]) == pytest.approx(list(direct["total"]))
    table = at.table[0].value
    shown = list(direct["parameter"][:len(table)])
    assert list(table["Assumption"]) == [i18n.parameter(name) for name in shown]
    assert not any("." in name for name in table["Assumption"])  # no raw ids
    ranges = load("kemp").ranges
    assert list(table["Why this range"]) == [ranges[name].why for name in shown]
    text = markdown_text(at)
    assert f"**{i18n.parameter(shown[0])}** matters most" in text
    assert "What the indices cover" in text
    captions = "\n".join(c.value for c in at.caption)
    assert "simulation noise" in captions and "250 simulated worlds" in captions


def test_unknowns_in_french_show_the_french_reasons():
    at = open_app({**QUICK, "lang": "fr"}, page_path("sensitivity"))
    at.button(key="unknowns_run").click().run()
    assert ok(at)
    assert "Quelles inconnues comptent le plus ?" in [s.value for s in at.subheader]
    table = at.table[0].value
    assert "Pourquoi cette fourchette" in table.columns and "Fourchette" in table.columns
    ranges = load("baseline").ranges
    shown = list(_direct("baseline")["parameter"][:len(table)])
    for name, why in zip(shown, table["Pourquoi cette fourchette"], strict=True):
        # the French reason, else the English one labelled as such
        assert why == ranges[name].why_fr if ranges[name].why_fr else ranges[name].why in why
    assert any(ranges[n].why_fr for n in shown)
    assert list(table["Hypothèse"]) == [labels.parameter(n, "fr") for n in shown]
    text = markdown_text(at)
    assert "Ce que couvrent les indices" in text and "compte le plus" in text
    assert "What the indices cover" not in text


def test_unknowns_defaults_are_quick_and_bad_link_values_warn():
    at = open_app({"sobol_vary": "ranges"}, page_path("sensitivity"))
    assert ok(at)
    samples = at.select_slider(key="unknowns_samples").value
    worlds = at.select_slider(key="unknowns_runs").value
    ranged = len(load("baseline").ranges)
    assert samples * (ranged + 2) * worlds <= 250_000  # a few seconds (measured: about 3 s)
    assert not at.multiselect  # the chosen-parameters controls are not shown
    bad = open_app({"sobol_vary": "everything", "unknowns_runs": "7"}, page_path("sensitivity"))
    assert ok(bad)
    assert "sobol_vary=everything" in warnings(bad) and "unknowns_runs=7" in warnings(bad)
