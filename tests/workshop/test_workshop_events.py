"""Events in workshop injects: they reach the scenarios the reveal simulates, and the
facilitator's picker schedules them (AppTest against a real SQLite file, as in
tests/workshop/test_workshop_facilitator_page.py)."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import ok, page_path

from simulator.model import events
from simulator.model.scenario import load
from simulator.running import engine
from simulator.workshop import results, revealed
from simulator.workshop.text import TEXT

APP = str(Path(__file__).resolve().parents[2] / "app.py")
RUNS = 2_000
ISTHMUS = {"kind": "encirclement", "week": 8, "label": "Ukraine reaches the Crimean isthmus"}


pytestmark = pytest.mark.usefixtures("workshop_db")  # a database of its own per test (conftest)


def round_2(store, allowed, inject):
    """A Baseline room at round 2 after ``inject``, with Ana: (code, key, Ana's token)."""
    room, key = store.create_room("T", "baseline", allowed)
    code = room.join_code
    _, token = store.join(code, "Ana")
    store.reveal(code, key, 1, lambda round_, board: {})
    store.start_next_round(code, key, 1, inject)
    return code, key, token


def test_every_kind_of_event_has_words_in_english_and_french():
    for lang in ("en", "fr"):
        for name, kind in events.KINDS.items():
            assert TEXT[lang][f"event_kind_{name}"].strip()
            assert not kind.sizes or TEXT[lang][f"event_unit_{name}"].strip()
            for side in kind.sides:
                assert TEXT[lang][f"event_side_{side}"].strip()
        assert len(TEXT[lang]["event_months"].split()) == 12


def test_the_reveal_simulates_the_rounds_events(store):
    """The base and every answer of round 2 carry its event: the engine's numbers with it."""
    code, key, token = round_2(store, ["west.influence"], {"events": [ISTHMUS]})
    store.submit(code, token, 2, 0.3, None, {"west.influence": 0.9})
    store.reveal(code, key, 2, lambda round_, board: results.compute(round_, board, runs=RUNS))
    round_ = store.current_round(code)
    [mine] = [s.results for s in store.submissions(code, 2)]
    with_event = load("baseline").with_events([ISTHMUS])
    expected_base = engine.run(with_event, RUNS, results.SEED).estimates["nuclear_use"]
    expected_own = engine.run(with_event.with_overrides({"west.influence": 0.9}), RUNS,
                              results.SEED).estimates["nuclear_use"]
    without = engine.run(load("baseline"), RUNS, results.SEED).estimates["nuclear_use"]
    assert mine["round"]["base"]["estimate"] == expected_base.estimate != without.estimate
    assert mine["nuclear_use"]["estimate"] == expected_own.estimate
    shown = revealed.round_results(round_, store.submissions(code, 2))
    assert shown.base.estimate == expected_base.estimate


def test_an_event_after_a_participants_own_horizon_is_left_out_of_their_scenario(store):
    code, key, token = round_2(store, ["horizon_weeks"], {"events": [{**ISTHMUS, "week": 40}]})
    store.submit(code, token, 2, 0.1, None, {"horizon_weeks": 26})
    round_ = store.current_round(code)
    base = results.round_scenario(round_.preset, round_.overrides, round_.events)
    own = results.participant_scenario(round_.preset, round_.overrides, {"horizon_weeks": 26},
                                       round_.events)
    assert [e.week for e in base.events] == [40] and own.events == ()
    [mine] = results.compute(round_, store.submissions(code, 2), runs=RUNS).values()
    assert "error" not in mine and mine["nuclear_use"]["n"] == RUNS


# --- the facilitator's picker -------------------------------------------------------------

def facilitator(code: str, key: str, lang: str = "en") -> AppTest:
    """The facilitator's page with the key in the session, round 1 revealed."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"worlds": "1000", "lang": lang})
    at.run()
    at.switch_page(page_path("workshop"))
    at.query_params.clear()
    at.query_params.update({"room": code, "view": "facilitate", "lang": lang})
    at.session_state["workshop_facilitator_keys"] = {code: key}
    at.run()
    at.button(key="workshop_reveal_1").click().run()
    assert ok(at)
    return at


def test_the_facilitator_schedules_an_event_with_the_picker(store):
    room, key = store.create_room("T", "baseline", ["chain.layers"])
    code = room.join_code
    at = facilitator(code, key)
    at.selectbox(key="workshop_event_kind_2").set_value("offensive").run()
    at.selectbox(key="workshop_event_side_2_offensive").set_value("ukraine")
    at.select_slider(key="workshop_event_week_2_52").set_value(7)
    at.number_input(key="workshop_event_size_2_offensive_ukraine").set_value(6000)
    at.text_input(key="workshop_event_label_2").set_value("Kherson **falls** [x](http://x)")
    at.button(key="workshop_event_add_2").click().run()
    assert ok(at)
    line = ("An offensive: one side gains ground, then stalls (Ukraine): week 7, from 9 Nov "
            "2022; size 6000 km² taken. \u201cKherson **falls** [x](http://x)\u201d")
    assert line in [t.value for t in at.text]  # st.text: the label stays plain text
    at.selectbox(key="workshop_event_kind_2").set_value("talks").run()
    assert "workshop_event_size_2_talks_both" not in [n.key for n in at.number_input]
    at.button(key="workshop_event_add_2").click().run()
    at.button(key="workshop_event_remove_2_1").click().run()  # the talks again: removed
    at.text_area(key="workshop_announcement_2").set_value("Kherson falls.")
    at.button(key="workshop_next_2").click().run()
    assert ok(at)
    current = store.current_round(code)
    assert current.number == 2
    assert current.events == (events.Event(7, "offensive", "ukraine", 6000.0,
                                           "Kherson **falls** [x](http://x)"),)
    # Round 3's panel lists round 2's event as scheduled already; a new one adds to it.
    at.button(key="workshop_reveal_2").click().run()
    assert line in [t.value for t in at.text]
    at.selectbox(key="workshop_event_kind_3").set_value("encirclement").run()
    at.button(key="workshop_event_add_3").click().run()
    at.button(key="workshop_next_3").click().run()
    assert ok(at)
    assert [(e.kind, e.week) for e in store.current_round(code).events] == [
        ("offensive", 7), ("encirclement", 8)]


def test_an_event_left_outside_an_injected_horizon_is_refused_naming_the_field(store):
    room, key = store.create_room("T", "baseline", ["chain.layers"])
    code = room.join_code
    at = facilitator(code, key, "fr")
    at.button(key="workshop_event_add_2").click().run()  # the default: an offensive, week 8
    at.multiselect(key="workshop_inject_params_2").set_value(["horizon_weeks"]).run()
    at.number_input(key="workshop_inject_2_horizon_weeks").set_value(6)
    at.button(key="workshop_next_2").click().run()
    assert ok(at)
    shown = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]  # Markdown escapes undone
    assert any(text.startswith("events[0].week: 8 is outside the horizon") for text in shown)
    assert store.current_round(code).number == 1
    assert "semaine 8, à partir du 16 nov. 2022" in " ".join(t.value for t in at.text)
