"""Explore's crises over time (simulator/app/events.py), run headless with AppTest.

The timeline shows what a scenario schedules in plain words, or says in one line that
crises still arrive at their usual rates; an event added with the form is run in every
world (the numbers shown are the engine's for the scenario with that event), a bad input
shows the model's own error for its field, a label is shown exactly as typed (never as
Markdown, HTML or a Plotly tag), and the French page is French. 1,000 worlds keep it fast.
"""

import json
from pathlib import Path

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import (
    explored,
    headline,
    live_markdown,
    markdown_texts,
    metrics,
    ok,
    page_path,
    rendered_tags,
)
from support.french import assert_french
from support.workshop import as_shown

from simulator import locales
from simulator.app import events as timeline_ui
from simulator.app import i18n
from simulator.errors import ParameterError
from simulator.model import events
from simulator.model.scenario import load

APP = str(Path(__file__).resolve().parents[2] / "app.py")
WORLDS = 1_000
EN = i18n.TEXT["en"]
FR = i18n.TEXT["fr"]
USE = EN["explore.headline_label"].format(weeks=52)
HOSTILE = ("<img src=http://example.invalid/h.png> ![i](http://example.invalid/p.png) "
           "[ok](http://example.invalid/) **loud** <a href=javascript:alert(1)>x</a>")


def open_explore(query: dict | None = None) -> AppTest:
    """Explore from a link with ``query``, at WORLDS worlds."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"worlds": str(WORLDS), **(query or {})})
    return at.run()


def schedule(at: AppTest, kind: str, week: int = 0, **inputs: str) -> AppTest:
    """Fill the form (kind, week, then text inputs by key: event_size=..., event_label=...,
    event_side=... for the radio) and press Add."""
    at.selectbox(key="event_kind").set_value(kind)
    at.run()
    if "event_side" in inputs:
        at.radio(key="event_side").set_value(inputs.pop("event_side"))
    at.select_slider(key="event_week").set_value(week)
    for key, value in inputs.items():
        at.text_input(key=key).set_value(value)
    return at.button(key="event_add").click().run()


def engine_use(scenario) -> str:
    """P(nuclear use) of ``scenario`` as the page shows it (same worlds, seed 0, the run that
    draws the ranges, rounded to what its plausible range allows)."""
    return headline(explored(scenario, WORLDS))


def timeline_specs(at: AppTest) -> list[dict]:
    """The timeline charts the page sent (by their key)."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")
            if "events_timeline" in chart.proto.id]


def shown_texts(at: AppTest) -> str:
    """Every rendered Markdown text as the reader sees it."""
    return "\n".join(as_shown(text) for text in markdown_texts(at))


def test_a_preset_without_events_says_crises_still_arrive_and_an_added_one_is_drawn(
        monkeypatch):
    at = open_explore({"preset": "kemp"})
    assert ok(at)
    assert EN["events.title"] in [header.value for header in at.subheader]
    assert EN["events.none"] in [caption.value for caption in at.caption]
    assert not timeline_specs(at)

    at = schedule(at, "offensive", 30, event_side="russia", event_size="2,500")
    assert ok(at)
    scenario = load("kemp").with_events([{"kind": "offensive", "side": "russia", "week": 30,
                                          "size": 2500}])
    (event,) = scenario.events
    line = timeline_ui.describe(event)
    assert line == ("19 Apr 2023, week 30 · An offensive: one side pushes, gains ground, then "
                    "runs out of steam (by Russia) · size 2,500 km²")
    assert line in shown_texts(at)
    assert EN["events.none"] not in [caption.value for caption in at.caption]
    (spec,) = timeline_specs(at)
    monkeypatch.setattr(i18n, "language", lambda: "en")  # as the page drew it
    ours = json.loads(go.Figure(timeline_ui.timeline_chart(scenario)).to_json())
    assert spec["data"] == ours["data"]
    # The mark sits on its week's first day, within the horizon's axis.
    assert spec["data"][0]["x"] == [events.week_date(30).isoformat()]
    low, high = spec["layout"]["xaxis"]["range"]
    assert low < events.week_date(0).isoformat() and high > events.week_date(51).isoformat()


def test_an_early_encirclement_raises_the_chance_of_use_shown():
    at = open_explore()
    before = metrics(at)[USE]
    assert before == engine_use(load("baseline"))

    at = schedule(at, "encirclement", 2, event_label="Kherson")
    assert ok(at)
    with_event = load("baseline").with_events([{"kind": "encirclement", "week": 2,
                                               "label": "Kherson"}])
    assert [event for _, event in at.session_state[timeline_ui.ADDED]] == \
        list(with_event.events)
    shown = metrics(at)[USE]
    assert shown == engine_use(with_event)
    assert float(shown.rstrip("%")) > float(before.rstrip("%"))
    assert EN["events.changed"].format(n=1) in "\n".join(info.value for info in at.info)

    at.button(key="event_remove_0").click().run()
    assert metrics(at)[USE] == before
    assert EN["events.none"] in [caption.value for caption in at.caption]


def test_an_event_past_a_shorter_horizon_is_left_out_until_the_horizon_reaches_it():
    at = schedule(open_explore(), "doctrine", 40, event_size="0.5")
    with_event = metrics(at)[USE]
    at.slider(key="horizon_weeks").set_value(20).run()
    assert ok(at)
    short = load("baseline").with_overrides({"horizon_weeks": 20})
    assert metrics(at)[EN["explore.headline_label"].format(weeks=20)] == engine_use(short)
    assert EN["events.outside"].format(last=19) in [caption.value for caption in at.caption]
    at.slider(key="horizon_weeks").set_value(52).run()
    assert metrics(at)[USE] == with_event


@pytest.mark.parametrize(("inputs", "field", "entry"), [
    ({"event_size": "30000"}, "Size", {"week": 0, "size": "30000"}),
    ({"event_date": "2030-01-01"}, "Date", {"date": "2030-01-01"}),
    ({"event_label": "x" * 201}, "Label", {"week": 0, "label": "x" * 201}),
])
def test_a_bad_input_shows_the_models_error_for_its_field(inputs, field, entry):
    with pytest.raises(ParameterError) as raised:
        load("baseline").with_overrides({"events": [{"kind": "encirclement", **entry}]})
    message = str(raised.value).removeprefix(f"{raised.value.field}: ")
    at = open_explore()
    before = metrics(at)[USE]
    at = schedule(at, "encirclement", 0, **inputs)
    assert ok(at)
    errors = [as_shown(error.value) for error in at.error]
    assert errors == [f"This crisis cannot be added. {field}: {message}"]
    assert metrics(at)[USE] == before and not timeline_specs(at)
    assert EN["events.none"] in [caption.value for caption in at.caption]


def test_a_hostile_label_is_shown_as_typed():
    at = schedule(open_explore(), "incursion", 5, event_label=HOSTILE)
    assert ok(at)
    carrying = [text for text in markdown_texts(at) if "example.invalid" in as_shown(text)]
    assert carrying, "the label is on the page"
    for text in carrying:
        assert not live_markdown(text) and not rendered_tags(text), text
    assert any(f"“{HOSTILE}”" in as_shown(text) for text in carrying)
    # On the chart the label is escaped: Plotly shows it as text, not as a tag or a link.
    (spec,) = timeline_specs(at)
    (hover,) = spec["data"][0]["customdata"]
    assert "<" not in hover and "&lt;img src=http://example.invalid/h.png&gt;" in hover
    assert "&lt;a href=javascript:alert(1)&gt;x&lt;/a&gt;" in hover


def test_french_explore_names_crises_in_french():
    at = open_explore({"lang": "fr"})
    assert FR["events.none"] in [caption.value for caption in at.caption]
    at = schedule(at, "deep_strike", 8, event_size="0,3", event_label="Engels")
    assert ok(at)
    assert FR["events.title"] in [header.value for header in at.subheader]
    assert ("16 nov. 2022, semaine 8 · Une frappe à longue portée sur la Russie même (bases "
            "aériennes, raffineries, bombardiers) · taille 0,3 indice de choc · “Engels”"
            ) in shown_texts(at)
    assert_french(at)
    at = schedule(at, "encirclement", 0, event_size="trente")
    assert [as_shown(error.value) for error in at.error][0].startswith(
        "Impossible d'ajouter cette crise. Taille : *(en anglais)* 'trente' is not a number")


def test_every_kind_has_its_french_words_and_the_about_page_lists_them():
    french = locales.catalogue("fr")
    assert all((f"crisis.{name}", kind.words) in french and i18n.has(f"crisis_name.{name}")
               for name, kind in events.KINDS.items())
    assert all(("unit", kind.unit) in french for kind in events.KINDS.values() if kind.sizes)
    assert all(i18n.has(f"crisis_side.{side}") and i18n.has(f"crisis_by.{side}")
               for kind in events.KINDS.values() for side in kind.sides)
    for language in i18n.LANGUAGES:
        words = {name: locales.translate(language, f"crisis.{name}", kind.words)
                 for name, kind in events.KINDS.items()}
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update({"worlds": str(WORLDS), "lang": language})
        at.run()
        at.switch_page(page_path("about"))
        at.query_params.update({"lang": language})
        at.run()
        assert ok(at)
        texts = "\n".join(markdown.value for markdown in at.markdown)
        assert i18n.TEXT[language]["about.crises_text"] in texts
        assert all(f"- {text}" in texts for text in words.values())
        assert i18n.TEXT[language]["about.crises_schedule"] in texts


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_timeline_chart_is_valid_for_every_kind(language, monkeypatch):
    monkeypatch.setattr(i18n, "language", lambda: language)
    entries = [{"kind": name, "side": kind.sides[-1], "week": 3 * k,
                **({"size": kind.high} if kind.sizes else {})}
               for k, (name, kind) in enumerate(events.KINDS.items())]
    scenario = load("hodges").with_events(entries)
    spec = timeline_ui.timeline_chart(scenario)
    go.Figure(spec)  # Plotly refuses any property it does not know
    assert len(spec["data"][0]["x"]) == len(events.KINDS)
    assert spec["layout"]["yaxis"]["categoryarray"][::-1] == [
        i18n.event_kind_name(name) for name in events.KINDS]
    assert spec["layout"].get("separators", ".,") == {"en": ".,", "fr": ", "}[language]
