"""One name for each assumption: every page and the workshop form call it the same.

Walks every page (AppTest) and the workshop participant's form in English and in French and
collects every text shown (``support.french.page_texts``: labels, help texts, tables,
alerts, options). Each key assumption must appear under its one name
(``simulator.model.labels`` and the catalogue), in the unit students see (percentages for
shares and probabilities), and no page may show a student an id like ``leader.bluff_share``:
ids appear only in the analysts' panel's help texts (English), the Claims page's checks (code
for analysts), exports, and beside the name in the role cards' table for analysts.
"""

import re

import pytest
from support.apptest import APP, ok, page_path
from support.french import ids_left, page_texts
from support.workshop import button, open_workshop

from simulator.model import params
from simulator.model.scenario import list_presets
from simulator.workshop import labels, roles

KEY = ("leader.bluff_share", "leader.nuclear_threshold", "chain.layers", "chain.base_refusal",
       "west.influence", "battlefield.momentum", "battlefield.nuclear_effect",
       "west.decisive_response", "horizon_weeks")
"""Explore's key assumptions (simulator/app/explore.py), the ones students set most."""

BARE_ID = re.compile(r"`[^`]*`|(?<![\w.])(" + "|".join(
    re.escape(name) for name in sorted(params.SCHEMA, key=len, reverse=True) if "." in name)
    + r")(?![\w.=])")
"""A parameter id outside a code span (group 1); an id in a code span matches without it."""

ANALYST_UNITS = re.compile(r"\((?:[-\d.,–\s]+)(?:utility|probability|threat index|index|"
                           r"weight|share|log-odds|exponent)\)|0-1 ")
"""A label's range in the schema's units ('(0–10 utility)', '(0-1 probability)')."""


def bare_ids(texts: list[str]) -> list[str]:
    return [text[:160] for text in texts
            if any(match.group(1) for match in BARE_ID.finditer(text))]


def open_page(page: str | None, lang: str, query: dict | None = None):
    """``page`` (Explore if None) in ``lang``, from a link with ``query``."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"lang": lang, "worlds": "1000", **({} if page else query or {})})
    at.run()
    if page is None:
        return at
    at.switch_page(page_path(page))
    at.query_params.clear()
    at.query_params.update({"lang": lang, **(query or {})})
    return at.run()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_explore_names_each_key_assumption_once_in_its_unit(lang):
    at = open_page(None, lang, {"preset": "kemp", "analysts": "true"})  # the panel open
    assert ok(at)
    for name in KEY:
        slider = at.slider(key=name)
        assert slider.label == labels.parameter(name, lang)
        assert name not in slider.help
    for name in set(params.SCHEMA) - set(KEY):  # the analysts' panel: name, range and unit
        assert at.slider(key=name).label == labels.label(name, lang)
    at.slider(key="leader.bluff_share").set_value(0.15)
    at.slider(key="horizon_weeks").set_value(26)
    at.run()
    changes = at.info[0].value
    assert f"{labels.parameter('leader.bluff_share', lang)} → **{labels.shown_value(
        'leader.bluff_share', 0.15, lang)}**" in changes
    assert labels.shown_value("leader.bluff_share", 0.15, lang) in ("15%", "15\u00a0%")
    assert f"→ **{labels.shown_value('horizon_weeks', 26, lang)}**" in changes
    # The analysts' panel's help texts name the ids (in English), for analysts who type them.
    analysts = {at.slider(key=name).help for name in set(params.SCHEMA) - set(KEY)}
    texts = [text for text in page_texts(at, figures=False) if text not in analysts]
    assert not bare_ids(texts), bare_ids(texts)
    assert not [t for t in texts if ANALYST_UNITS.search(t)]


PAGES = {"compare": {"compare_worlds": "1000", "scenarios": list(list_presets())},
         "sensitivity": {"sobol_samples": "8", "sobol_runs": "250",
                         "sobol_parameters": list(KEY[:4])},
         "one_world": {}, "timeline": {}, "calibration": {}, "claims": {}, "about": {}}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_calls_the_assumptions_by_their_one_name(page, lang):
    at = open_page(page, lang, PAGES[page])
    if page == "sensitivity":
        at.button[0].click().run()
    assert ok(at)
    texts = page_texts(at, figures=False)
    # Claims shows its checks' specs as code, for analysts; the other pages no id at all.
    assert not (bare_ids(texts) if page == "claims" else ids_left(texts))
    assert not [t for t in texts if ANALYST_UNITS.search(t)]
    shown = "\n".join(texts)
    if page == "compare":  # every preset's changed values, by name and in the students' unit
        assert labels.parameter("chain.base_refusal", lang) in shown
        assert labels.shown_value("chain.base_refusal", 0.08, lang) in shown
    if page == "sensitivity":  # the ranked table and the picker
        for name in KEY[:4]:
            assert labels.parameter(name, lang) in shown


@pytest.mark.usefixtures("workshop_db")
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_participant_form_shows_the_same_names_and_units(store, lang):
    experts = roles.roles()["experts"]
    created, _ = store.create_room("Autumn 2022", "baseline", experts.assumptions)
    at = open_workshop({"room": created.join_code, "lang": lang})
    at.text_input(key="workshop_name").set_value("Ana")
    button(at, "Join the room" if lang == "en" else "Rejoindre la salle").click()
    at.run()
    assert ok(at)
    prefix = next(n.key for n in at.number_input).removesuffix("_forecast")
    for name in experts.assumptions:
        slider = at.slider(key=f"{prefix}_{name}")
        assert slider.label == labels.label(name, lang)
        assert name not in slider.help
    assert at.slider(key=f"{prefix}_leader.bluff_share").label.endswith(
        "(0–100%)" if lang == "en" else "(0–100\u00a0%)")
    texts = page_texts(at, figures=False)
    assert not ids_left(texts), ids_left(texts)
    assert not [t for t in texts if ANALYST_UNITS.search(t)]
