"""Workshop mode in the app, run headless with AppTest against a real SQLite file.

Every AppTest is one browser session: a facilitator and participants are separate AppTests
sharing the process's store (st.cache_resource), as sessions share one server. The numbers
the board shows are checked against direct engine runs on the same seed; the reveal's
analysis, the CSV and the HTML report are checked directly.
"""

import csv
import io
import json
import re
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from html.parser import HTMLParser

import plotly.offline
import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import ok
from support.workshop import (
    ALLOWED,
    button,
    open_workshop,
    table_of,
)

from simulator.app import widgets
from simulator.app.workshop_text import TEXT
from simulator.evidence import record
from simulator.model.scenario import load
from simulator.results import analysis
from simulator.running import engine
from simulator.workshop import charts, results, revealed
from simulator.workshop import layers as chain
from simulator.workshop.report import csv_text, debrief_sheet, html_report

ATTRIBUTION = "Their changes, one at a time from the base (then together)"


pytestmark = pytest.mark.usefixtures("workshop_db")  # a database of its own per test (conftest)


@pytest.fixture
def room(store):
    """A room on the baseline preset; returns (join code, facilitator key)."""
    created, key = store.create_room("Autumn 2022", "baseline", ALLOWED)
    return created.join_code, key


def rerun_as_reload(at: AppTest) -> AppTest:
    """The same URL in a new session (a browser reload)."""
    return open_workshop({k: v for k, v in at.query_params.items() if k != "worlds"})


def texts(at: AppTest) -> str:
    return "\n".join([t.value for t in at.text] + [m.value for m in at.markdown]
                     + [i.value for i in at.info] + [s.value for s in at.success])


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def join(code: str, name: str) -> AppTest:
    at = open_workshop({"room": code})
    at.text_input(key="workshop_name").set_value(name)
    button(at, "Join the room").click()
    return at.run()


def answer(at: AppTest, forecast_percent: float, sliders: dict, layer: int = 0) -> AppTest:
    """Fill in and submit the participant's form of the current round."""
    prefix = next(n.key for n in at.number_input).removesuffix("_forecast")
    at.number_input(key=f"{prefix}_forecast").set_value(forecast_percent)
    at.selectbox(key=f"{prefix}_layer").set_value(layer)
    for name, value in sliders.items():
        at.slider(key=f"{prefix}_{name}").set_value(value)
    next(b for b in at.button if b.label in ("Submit", "Update my answer")).click()
    return at.run()


def facilitator(code: str, key: str) -> AppTest:
    """The facilitator view after a reload: the key is entered again in the form."""
    at = open_workshop({"room": code, "view": "facilitate"})
    at.text_input(key="workshop_key_input").set_value(key)
    button(at, "Open as facilitator").click()
    return at.run()


# --- creating and joining --------------------------------------------------------------

def test_every_workshop_label_exists_in_both_languages():
    assert set(TEXT["fr"]) == set(TEXT["en"])


def test_the_facilitator_creates_a_room_and_gets_code_link_qr_and_key(store):
    at = open_workshop()
    assert ok(at) and at.title[0].value == "Workshop"
    at.text_input(key="workshop_title").set_value("Crisis <b>debrief</b>")
    at.selectbox(key="workshop_preset").set_value("kemp")
    at.multiselect(key="workshop_allowed").set_value(ALLOWED)
    button(at, "Create the room").click()
    at.run()
    assert ok(at)
    code = at.query_params["room"]
    assert at.query_params["view"] == "facilitate"
    assert set(at.query_params) == {"room", "view"}  # the key is never in the URL
    room = store.room(code)
    assert (room.title, room.preset, room.allowed_params) == ("Crisis <b>debrief</b>", "kemp",
                                                              tuple(ALLOWED))
    # The key is shown once, folded away from the projector, and it works.
    assert "shown once" in at.expander[0].label
    key = at.expander[0].code[0].value
    assert store.check_facilitator_key(code, key).join_code == code
    assert metrics(at)["Join code"] == f"{code[:4]} {code[4:]}"
    assert any(f"?room={code}" in c.value for c in at.code)  # the participants' link
    assert at.get("image")  # its QR code
    assert metrics(at)["Answers in round 1"] == "0 of 0"
    assert at.button(key="workshop_reveal_1") and at.button(key="workshop_lock_1")
    # The title is shown as typed, not as Markdown or HTML.
    assert at.title[0].value == r"Crisis \<b\>debrief\<\/b\>"
    at.button(key="workshop_key_hide").click().run()
    assert not at.expander and all(c.value != key for c in at.code)


def test_a_participant_joins_submits_and_a_reload_finds_the_answer(store, room):
    code, _ = room
    at = join(code, "Ana")
    assert ok(at)
    token = at.query_params["token"]
    assert "You are Ana in room" in texts(at)
    at = answer(at, 12.5, {"chain.layers": 3}, layer=2)
    assert ok(at) and not at.error
    assert "Answer saved" in at.success[0].value
    (mine,) = store.submissions(code)
    assert (mine.display_name, mine.forecast, mine.refusing_layer, mine.params) == (
        "Ana", 0.125, 2, {"chain.layers": 3})  # west.influence untouched: not sent

    reloaded = rerun_as_reload(at)
    assert ok(reloaded) and reloaded.query_params["token"] == token
    assert "Answer saved" in reloaded.success[0].value
    prefix = next(n.key for n in reloaded.number_input).removesuffix("_forecast")
    assert reloaded.number_input(key=f"{prefix}_forecast").value == 12.5
    assert reloaded.slider(key=f"{prefix}_chain.layers").value == 3
    assert reloaded.selectbox(key=f"{prefix}_layer").value == 2
    reloaded = answer(reloaded, 20, {"chain.layers": 5})
    (mine,) = store.submissions(code)
    assert (mine.forecast, mine.params) == (0.2, {})  # back at the preset's value: not sent


def test_a_forecast_is_required_before_submitting(store, room):
    code, _ = room
    at = join(code, "Ana")
    next(b for b in at.button if b.label == "Submit").click()
    at.run()
    assert "Write your forecast first" in at.error[0].value
    assert store.submissions(code) == []


def test_unknown_codes_tokens_and_views_are_said_so(room):
    code, _ = room
    at = open_workshop({"room": "NOPE2345"})
    assert ok(at)
    assert "No room has the code NOPE2345" in at.warning[0].value
    assert at.title[0].value == "Workshop"  # the landing page instead
    at = open_workshop({"room": code, "token": "not-a-token"})
    assert "token is not known" in at.warning[0].value
    assert at.text_input(key="workshop_name")  # join again
    at = open_workshop({"room": code, "view": "admin"})
    assert "view=admin" in at.warning[0].value.replace("\\", "")
    assert at.text_input(key="workshop_name")  # the participant page


def test_a_wrong_facilitator_key_is_refused(room):
    code, key = room
    at = open_workshop({"room": code, "view": "facilitate"})
    assert ok(at)
    assert "need its facilitator key" in at.info[0].value
    assert not [b for b in at.button if b.key in ("workshop_lock_1", "workshop_reveal_1")]
    at.text_input(key="workshop_key_input").set_value(key[:-1] + ("A" if key[-1] != "A" else "B"))
    button(at, "Open as facilitator").click()
    at.run()
    assert "not the facilitator key" in at.error[0].value
    assert not [b for b in at.button if b.key == "workshop_reveal_1"]
    at = facilitator(code, key)
    assert at.button(key="workshop_reveal_1")


def test_the_board_shows_counts_but_no_answer_before_the_reveal(store, room):
    code, _ = room
    for name, forecast in (("Ana", 0.123), ("Bob", 0.456)):
        _, token = store.join(code, name)
        store.submit(code, token, 1, forecast, None, {"chain.layers": 4})
    at = open_workshop({"room": code, "view": "board"})
    assert ok(at)
    assert metrics(at)["Answers in round 1"] == "2 of 2"
    shown = texts(at) + "\n".join(str(m.value) for m in at.metric)
    assert "12.3%" not in shown and "45.6%" not in shown and "Ana" not in shown
    assert not at.table and not at.button  # read-only: no controls
    assert "Answered" not in texts(at)  # who answered: on the facilitator's view only


# --- the reveal --------------------------------------------------------------------------

def test_lock_and_reveal_show_the_engine_numbers(store, room):
    code, key = room
    answers = {"Ana": (0.10, {"chain.layers": 3}), "Bob": (0.30, {"west.influence": 0.2}),
               "Cy": (0.05, {"chain.layers": 7, "west.influence": 0.9})}
    for name, (forecast, params) in answers.items():
        _, token = store.join(code, name)
        store.submit(code, token, 1, forecast, 1, params)
    at = facilitator(code, key)
    at.button(key="workshop_lock_1").click().run()
    assert store.current_round(code).locked and not store.current_round(code).revealed
    at.button(key="workshop_reveal_1").click().run()
    assert ok(at)
    assert store.current_round(code).revealed

    base = engine.run(load("baseline"), results.RUNS, results.SEED, workers=1)
    runs = {name: engine.run(load("baseline").with_overrides(params), results.RUNS,
                             results.SEED, workers=1) for name, (_, params) in answers.items()}
    uses = {name: batch.estimates["nuclear_use"].estimate for name, batch in runs.items()}
    shown = metrics(at)
    assert shown["Base scenario"] == widgets.percent(base.estimates["nuclear_use"].estimate)
    assert shown["Median model"] == widgets.percent(sorted(uses.values())[1])
    assert shown["Median forecast"] == "10.0%"
    table = table_of(at, "Same layer?").set_index("Participant")
    for name, batch in runs.items():
        diff = analysis.paired_difference(batch.columns["nuclear_use"],
                                          base.columns["nuclear_use"], binary=True)
        assert table.loc[name, "Model"] == widgets.percent(uses[name])
        assert table.loc[name, "Model vs base (paired)"] == widgets.points(diff.difference)
    # Which assumptions moved results: each participant's change alone, from the base.
    effects = table_of(at, "Changed by").set_index("Assumption")
    alone = {value: analysis.paired_difference(
        engine.run(load("baseline").with_overrides({"chain.layers": value}), results.RUNS,
                   results.SEED, workers=1).columns["nuclear_use"],
        base.columns["nuclear_use"], True).difference for value in (3, 7)}
    assert effects.loc["Layers that must agree", "Changed by"] == "2 of 3"
    assert effects.loc["Layers that must agree", "Base → values chosen"] == "5 → 3 … 7"
    assert effects.loc["Layers that must agree", "Mean effect"] == widgets.points(
        (alone[3] + alone[7]) / 2)
    assert effects.loc["Western reach into Russian officers", "Changed by"] == "2 of 3"
    attribution = table_of(at, ATTRIBUTION).set_index("Participant")
    assert attribution.loc["Ana", ATTRIBUTION] == (
        f"Layers that must agree 5 → 3: {widgets.points(alone[3])}")
    assert "together, beyond the sum" in attribution.loc["Cy", ATTRIBUTION]
    # Who has answered, by name, on the facilitator's view.
    assert "Answered (3): Ana, Bob, Cy" in texts(at)
    # The reference forecasts, with their sources and dates, and the outcome.
    text = texts(at)
    assert "Samotsvety Forecasting, 3 Oct 2022 → 3 Oct 2023: 16%" in text
    assert "Swift Centre, 17 Oct 2022 → 30 Apr 2023: 9% (range 5–20%)" in text
    assert ("US intelligence community (reported by Bob Woodward), 30 Sep 2022 → 31 Dec 2022: "
            "7.5% (range 5–10%)") in text
    for forecast in record.default().scored_forecasts:  # every scored forecast, none other
        assert forecast.question in text
    assert "nuclear test in 2022" not in text
    assert "no Russian nuclear detonation" in text

    # Someone who joined late has no result, and is told so.
    _, late = store.join(code, "Dee")
    assert "You did not answer in round 1" in texts(open_workshop({"room": code, "token": late}))


def test_a_participant_sees_their_own_result_after_the_reveal(store, room):
    code, key = room
    at = join(code, "Ana")
    at = answer(at, 12.5, {"chain.layers": 3}, layer=2)
    _, bob = store.join(code, "Bob")
    store.submit(code, bob, 1, 0.9, None, {"chain.layers": 9})
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, allowed=ALLOWED))
    at.button(key="workshop_refresh").click().run()
    assert ok(at)
    custom = engine.run(load("baseline").with_overrides({"chain.layers": 3}), results.RUNS,
                        results.SEED, workers=1).estimates["nuclear_use"]
    shown = metrics(at)
    assert shown["Your forecast"] == "12.5%"
    assert shown["Model with your assumptions"] == widgets.percent(custom.estimate)
    assert "90.0%" not in texts(at) and "Bob" not in texts(at)  # only one's own answer
    assert rerun_as_reload(at).metric[1].value == widgets.percent(custom.estimate)


def test_a_locked_round_takes_no_answer_from_an_open_form(store, room):
    code, key = room
    at = join(code, "Ana")
    store.lock_round(code, key, 1)
    prefix = next(n.key for n in at.number_input).removesuffix("_forecast")
    at.number_input(key=f"{prefix}_forecast").set_value(50)
    button(at, "Submit").click()
    at.run()
    assert ok(at)
    assert "Your answer was not saved" in at.warning[0].value
    assert "Round 1 is locked" in texts(at)
    assert store.submissions(code) == []


def test_an_answer_to_a_round_that_has_moved_on_is_not_filed_under_the_new_one(store, room):
    code, key = room
    at = join(code, "Ana")
    store.reveal(code, key, 1, lambda r, s: {})
    store.start_next_round(code, key, 1)
    at = answer(at, 40, {})
    assert "Your answer was not saved: the facilitator closed round 1" in at.warning[0].value
    assert store.submissions(code, 1) == store.submissions(code, 2) == []
    assert at.subheader[0].value.startswith("Round 2")  # the new round's form, empty


def move_on_to_round_2(store, code: str, key: str, tokens: list[str]) -> None:
    """Another tab reveals round 1 and starts round 2; one participant answers in round 2."""
    if not store.current_round(code).revealed:
        store.reveal(code, key, 1, lambda r, s: {})
    store.start_next_round(code, key, 1, {"west.influence": 0.9}, "China withdraws.")
    store.submit(code, tokens[0], 2, 0.3)


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def four_answers_in_round_1(store, code: str) -> list[str]:
    tokens = [store.join(code, name)[1] for name in ("Ana", "Bob", "Cy", "Dee")]
    for token in tokens:
        store.submit(code, token, 1, 0.2)
    return tokens


def assert_round_2_untouched(store, code: str, tokens: list[str]) -> None:
    current = store.current_round(code)
    assert (current.number, current.locked, current.revealed) == (2, False, False)
    assert [s.forecast for s in store.submissions(code, 2)] == [0.3]
    assert [r.number for r in store.all_rounds(code)] == [1, 2]
    store.submit(code, tokens[1], 2, 0.4)  # round 2 still takes answers


@pytest.mark.parametrize("label", ["Lock the round", "Lock and reveal"])
def test_a_press_on_a_tab_left_on_round_1_does_not_touch_round_2(store, room, label):
    code, key = room
    tokens = four_answers_in_round_1(store, code)
    at = facilitator(code, key)  # this tab shows round 1, open
    move_on_to_round_2(store, code, key, tokens)
    button(at, label).click().run()
    assert ok(at)
    assert_round_2_untouched(store, code, tokens)
    assert ("Round 2 is already under way; this button was for round 1 (another tab or a late "
            "click?), so nothing was changed.") in warnings(at)
    assert at.button(key="workshop_lock_2") and at.button(key="workshop_reveal_2")


def test_a_press_on_a_tab_left_on_round_1_starts_no_round_and_says_so(store, room):
    code, key = room
    tokens = four_answers_in_round_1(store, code)
    store.reveal(code, key, 1, lambda r, s: {})
    at = facilitator(code, key)  # this tab shows round 1, revealed, and "Start round 2"
    at.text_area(key="workshop_announcement_2").set_value("Kherson falls.")
    move_on_to_round_2(store, code, key, tokens)
    at.button(key="workshop_next_2").click().run()
    assert ok(at)
    assert store.current_round(code).announcement == "China withdraws."  # the other tab's
    assert_round_2_untouched(store, code, tokens)
    assert ("Round 2 is already under way; this button was for round 1 (another tab or a late "
            "click?), so nothing was changed.") in warnings(at)


def test_a_round_moving_on_while_the_press_is_handled_is_refused_by_the_store(
        store, room, monkeypatch):
    """The other tab moves on after this page read round 1 and before its reveal reached the
    store: the store's check, in the reveal's own transaction, refuses it."""
    code, key = room
    tokens = four_answers_in_round_1(store, code)
    at = facilitator(code, key)
    counted = results.scenarios_to_run  # called by the page just before store.reveal

    def other_tab_moves_on(submissions):
        move_on_to_round_2(store, code, key, tokens)
        return counted(submissions)

    monkeypatch.setattr(results, "scenarios_to_run", other_tab_moves_on)
    at.button(key="workshop_reveal_1").click().run()
    assert ok(at)
    assert_round_2_untouched(store, code, tokens)
    assert [r.revealed for r in store.all_rounds(code)] == [True, False]
    assert ("Round 2 is already under way; this button was for round 1 (another tab or a late "
            "click?), so nothing was changed.") in warnings(at)


def test_the_refusal_is_said_in_french(store, room):
    code, key = room
    tokens = four_answers_in_round_1(store, code)
    at = open_workshop({"room": code, "view": "facilitate", "lang": "fr"})
    at.session_state["workshop_facilitator_keys"] = {code: key}
    at.run()
    move_on_to_round_2(store, code, key, tokens)
    button(at, "Verrouiller et révéler").click().run()
    assert ok(at)
    assert_round_2_untouched(store, code, tokens)
    assert ("Le tour 2 est déjà en cours ; ce bouton était pour le tour 1 (un autre onglet ou "
            "un clic tardif ?), donc rien n'a été modifié.") in warnings(at)


def test_the_next_round_applies_the_inject_and_shows_the_announcement(store, room):
    code, key = room
    _, token = store.join(code, "Ana")
    store.submit(code, token, 1, 0.1)
    at = facilitator(code, key)
    at.button(key="workshop_reveal_1").click().run()
    at.multiselect(key="workshop_inject_params_2").set_value(["leader.nuclear_threshold"])
    at.run()
    at.number_input(key="workshop_inject_2_leader.nuclear_threshold").set_value(0.5)
    at.text_area(key="workshop_announcement_2").set_value(
        "Ukraine reaches the Crimean isthmus [link](http://x)")
    at.button(key="workshop_next_2").click().run()
    assert ok(at)
    current = store.current_round(code)
    assert (current.number, current.inject) == (2, {"leader.nuclear_threshold": 0.5})
    assert metrics(at)["Answers in round 2"] == "0 of 1"
    assert any(h.value.startswith("Results of round 1, the last revealed")
               for h in at.subheader)
    participant = open_workshop({"room": code, "token": token})
    assert "Crimean isthmus" in participant.info[0].value
    assert r"\[link\]\(http\:\/\/x\)" in participant.info[0].value  # shown, not a link
    assert participant.number_input[0].value is None  # a fresh forecast for round 2
    assert "Your result in round 1" in [e.label for e in participant.expander]


def test_french_workshop_pages(store, room):
    at = open_workshop({"lang": "fr"})
    assert ok(at)
    assert at.title[0].value == "Atelier"
    assert button(at, "Créer la salle")
    code, key = room
    _, token = store.join(code, "Ana")
    store.submit(code, token, 1, 0.1, 1, {"chain.layers": 4})
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=1_000, allowed=ALLOWED))
    board = open_workshop({"lang": "fr", "room": code, "view": "board"})
    assert not board.exception
    assert any(h.value.startswith("Tour 1 : résultats") for h in board.subheader)
    assert "Prévision médiane" in metrics(board)
    mine = open_workshop({"lang": "fr", "room": code, "token": token})
    assert not mine.exception and "Votre prévision" in metrics(mine)


def test_all_rounds_lists_every_round_with_its_inject(store, room):
    code, key = room
    store.start_next_round(code, key, 1, {"chain.layers": 3}, "Fewer layers")
    first, second = store.all_rounds(code)
    assert (first.number, first.locked, first.inject) == (1, True, {})
    assert (second.number, second.locked, second.inject, second.announcement) == (
        2, False, {"chain.layers": 3}, "Fewer layers")


# --- the analysis, charts and exports, directly ------------------------------------------

def paired(changes: dict, runs: int = 2_000) -> float:
    """The engine's paired change from the baseline for ``changes``, on the workshop's seed."""
    base = engine.run(load("baseline"), runs, results.SEED, workers=1)
    other = engine.run(load("baseline").with_overrides(changes), runs, results.SEED, workers=1)
    return analysis.paired_difference(other.columns["nuclear_use"],
                                      base.columns["nuclear_use"], True).difference


def test_the_reveal_uses_common_random_numbers_and_one_at_a_time_attribution(store, room):
    code, key = room
    for name, params in (("A", {"chain.layers": 2}), ("B", {"chain.layers": 4}),
                         ("C", {"west.influence": 0.9, "chain.layers": 7})):
        _, token = store.join(code, name)
        store.submit(code, token, 1, 0.1, None, params)
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=2_000, allowed=ALLOWED))
    shown = revealed.round_results(store.current_round(code), store.submissions(code))
    base = engine.run(load("baseline"), 2_000, results.SEED, workers=1)
    two = engine.run(load("baseline").with_overrides({"chain.layers": 2}), 2_000, results.SEED,
                     workers=1)
    row = shown.rows[0]
    assert row.use.estimate == two.estimates["nuclear_use"].estimate
    assert row.difference == analysis.paired_difference(
        two.columns["nuclear_use"], base.columns["nuclear_use"], binary=True)
    assert shown.base.estimate == base.estimates["nuclear_use"].estimate
    # C's two changes, each alone from the base, and what they do together beyond the sum.
    c = shown.rows[2]
    alone = {change.parameter: change.effect.difference for change in c.attribution}
    assert alone["chain.layers"] == pytest.approx(paired({"chain.layers": 7}))
    assert alone["west.influence"] == pytest.approx(paired({"west.influence": 0.9}))
    assert c.interaction == pytest.approx(c.difference.difference - sum(alone.values()))
    assert [ch.parameter for ch in c.attribution] == sorted(alone, key=lambda n: -abs(alone[n]))
    # The room: every parameter somebody changed, with everyone's effect; mean absolute first.
    layers = next(e for e in shown.effects if e["parameter"] == "chain.layers")
    assert layers["changed_by"] == 3
    effects = [paired({"chain.layers": n}) for n in (2, 4, 7)]
    assert layers["mean_abs"] == pytest.approx(sum(abs(e) for e in effects) / 3)
    assert [e["name"] for e in layers["individual"]] == ["A", "B", "C"]
    assert shown.moved_effects[0]["mean_abs"] >= shown.moved_effects[-1]["mean_abs"]


def test_three_participants_each_changing_a_different_parameter_are_each_named(store):
    """The acceptance case: no "5 -> 5, +0.00 pts" rows; each change named with its effect."""
    allowed = ["chain.layers", "leader.resolve", "west.influence", "chain.base_refusal"]
    room, key = store.create_room("Three", "baseline", allowed)
    code = room.join_code
    changes = {"Ana": {"chain.layers": 3}, "Bob": {"leader.resolve": 4.0},
               "Cy": {"west.influence": 0.9}}
    for name, params in changes.items():
        _, token = store.join(code, name)
        store.submit(code, token, 1, 0.1, None, params)
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=2_000, allowed=allowed))
    shown = revealed.round_results(store.current_round(code), store.submissions(code))
    moved = {e["parameter"]: e for e in shown.moved_effects}
    assert set(moved) == {"chain.layers", "leader.resolve", "west.influence"}
    for name, params in changes.items():
        (parameter, value), = params.items()
        effect = moved[parameter]
        assert effect["changed_by"] == 1 and effect["individual"][0]["name"] == name
        assert effect["mean"] == pytest.approx(paired(params)) and effect["mean"] != 0
        assert effect["low_value"] == effect["high_value"] == value
    assert shown.unmoved == ["chain.base_refusal"]
    at = open_workshop({"room": code, "view": "board"})
    assert ok(at)
    table = table_of(at, "Changed by").set_index("Assumption")
    assert set(table.index) == {"Layers that must agree", "Resolve when desperate",
                                "Western reach into Russian officers"}
    assert all(value == "1 of 3" for value in table["Changed by"])
    assert not any(value.startswith(("+0.00", "-0.00")) for value in table["Mean effect"])
    assert table.loc["Layers that must agree", "Base → values chosen"] == "5 → 3"
    assert "Nobody changed: Each layer's baseline refusal." in "\n".join(
        c.value for c in at.caption)


def test_a_guessed_layer_is_a_kind_of_layer_placed_in_the_participants_own_chain(store, room):
    """'Layer 1 of three' and 'layer 1 of seven' are different people: names, not numbers."""
    code, key = room
    at = join(code, "Ana")
    custodians = chain.KINDS.index("Warhead custodians (12th Main Directorate)") + 1
    at = answer(at, 10, {"chain.layers": 3}, layer=custodians)  # a 3-layer chain has none
    assert "A chain of 3 layers has no 'Warhead custodians" in at.error[0].value
    assert store.submissions(code) == []
    general_staff = chain.KINDS.index("General Staff (Gerasimov)") + 1
    at = answer(at, 10, {"chain.layers": 7}, layer=general_staff)
    assert ok(at)
    mine = store.submissions(code)[0]
    assert mine.refusing_layer == 2 and mine.params == {"chain.layers": 7}
    units = chain.KINDS.index("Weapon units") + 1
    at = answer(at, 10, {"chain.layers": 7}, layer=units)
    assert store.submissions(code)[0].refusing_layer == 7  # the units: last of seven
    assert chain.text(7, 7) == "Weapon units, layer 7 of 7"
    assert chain.text(3, 3) == "Weapon units, layer 3 of 3"
    assert chain.same_kind(7, 7, 3, 3) and not chain.same_kind(1, 7, 1, 2)
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=1_000, allowed=ALLOWED))
    shown = revealed.round_results(store.current_round(code), store.submissions(code))
    from simulator.workshop import tables
    row = tables.participants_table(shown).iloc[0]
    assert row["Layer they expected to refuse first"] == "Weapon units, layer 7 of 7"
    assert row["Layer refusing first most often (model)"].endswith("of 7")


def test_names_are_escaped_in_charts(store, room):
    code, key = room
    for name in ("<b>Bob</b>", "Ana", "Ana"):
        _, token = store.join(code, name)
        store.submit(code, token, 1, 0.2)
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=1_000, allowed=ALLOWED))
    shown = revealed.round_results(store.current_round(code), store.submissions(code))
    fig = charts.forecasts_vs_model(shown)
    labels = {y for trace in fig.data for y in (trace.y or ()) if y}
    assert {"&lt;b&gt;Bob&lt;/b&gt;", "Ana (1)", "Ana (2)"} <= labels
    assert "<b>Bob</b>" not in labels


PLOTLY_ENTITIES = {"mu": "\u03bc", "amp": "&", "lt": "<", "gt": ">", "nbsp": "\xa0",
                   "times": "\xd7", "plusmn": "\xb1", "deg": "\xb0"}
"""The named entities Plotly.js decodes in labels (svg_text_utils.js); it shows others as typed."""
TRICKY_NAME = 'O"Brien <b>&'


def plotly_shows(label: str) -> str:
    """The text Plotly.js shows for a label, failing if the label holds a tag (markup).

    Plotly reads labels as pseudo-HTML: ``<...>`` is a tag; in the text between tags it
    decodes the entities of PLOTLY_ENTITIES and numeric ones, and shows anything else as is.
    """
    assert "<" not in label, f"markup in a chart label: {label!r}"

    def decode(match: re.Match) -> str:
        ref = match.group(1)
        if ref.startswith("#"):
            number = int(ref[2:], 16) if ref[1] == "x" else int(ref[1:])
            return chr(number) if number <= 0x10FFFF else match.group(0)
        return PLOTLY_ENTITIES.get(ref, match.group(0))

    return re.sub(r"&(#\d+|#x[\da-fA-F]+|[a-z]+);", decode, label)


class _Report(HTMLParser):
    """The tags of an HTML page and the text of its table cells, as a browser reads them."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_names_are_shown_exactly_as_typed_and_never_as_markup(store, room):
    """``O"Brien <b>&`` on the board, in the report and in the CSV: no &quot;, no bold."""
    code, key = room
    names = [TRICKY_NAME, "Ana & 'Bo'", "&amp; &#60;i&#62;"]
    for name in names:
        _, token = store.join(code, name)
        store.submit(code, token, 1, 0.2, None, {"chain.layers": 4})
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=1_000, allowed=ALLOWED))

    at = open_workshop({"room": code, "view": "board"})
    assert ok(at)
    assert list(table_of(at, "Same layer?")["Participant"]) == names  # as the browser shows it
    figures = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    ours = {charts.reference_label(ref) for ref in results.REFERENCES}  # <br> on purpose
    shown = {plotly_shows(label) for figure in figures for trace in figure["data"]
             for label in (trace.get("y") or ()) if isinstance(label, str) and label not in ours}
    assert set(names) <= shown
    # No Markdown element carries a name: it could only be rendered, not shown as typed.
    assert not any(name in texts(at) for name in names)

    report = html_report(store, code)
    page = _Report(report)
    assert set(names) <= set(page.cells)  # the participants table, as a browser reads it
    assert "b" not in page.tags and "i" not in page.tags  # no markup from a name
    without_plotly = report.replace(plotly.offline.get_plotlyjs(), "")
    assert "&quot;" not in without_plotly and "&amp;quot;" not in without_plotly
    for name in names:  # the chart labels in the report, as Plotly shows them
        assert json.dumps(charts.plotly_text(name))[1:-1] in without_plotly
        assert plotly_shows(charts.plotly_text(name)) == name
    assert [row["participant"] for row in csv.DictReader(io.StringIO(csv_text(store, code)))
            ] == names


def test_csv_export_is_tidy_and_guards_formulas(store, room):
    """One row per answer, one column per parameter, percentages as shown; no JSON cell."""
    import pandas as pd

    code, key = room
    _, ana = store.join(code, "=HYPERLINK(\"http://x\")")
    store.submit(code, ana, 1, 0.25, 2, {"chain.layers": 4, "west.influence": 0.8})
    _, bob = store.join(code, "Bob")
    store.submit(code, bob, 1, 0.125, None, {})
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=1_000, allowed=ALLOWED))
    store.start_next_round(code, key, 1, {"leader.resolve": 4}, "+ escalation")
    store.submit(code, ana, 2, 0.5)
    frame = pd.read_csv(io.StringIO(csv_text(store, code)))
    assert list(frame["round"]) == [1, 1, 2]
    for parameter in [*ALLOWED, "leader.resolve"]:  # the sliders, then the inject
        assert parameter in frame.columns and f"{parameter} effect_pts" in frame.columns
    for column in frame.columns:  # no JSON, no lists: every cell a number or plain text
        cells = frame[column].dropna().astype(str)
        assert not cells.str.startswith(("{", "[")).any(), column
    first, bob_row, second = (frame.iloc[i] for i in range(3))
    assert first["participant"] == "'=HYPERLINK(\"http://x\")"
    assert second["announcement"] == "'+ escalation"
    assert (first["chain.layers"], first["west.influence"]) == (4, 0.8)
    assert (bob_row["chain.layers"], bob_row["west.influence"]) == (5, 0.5)  # the base
    assert second["leader.resolve"] == 4
    assert first["forecast_pct"] == 25.0 and bob_row["forecast_pct"] == 12.5
    four = engine.run(load("baseline").with_overrides({"chain.layers": 4, "west.influence": 0.8}),
                      1_000, results.SEED, workers=1).estimates["nuclear_use"]
    assert first["model_pct"] == pytest.approx(round(100 * four.estimate, 2))
    assert first["chain.layers effect_pts"] == pytest.approx(
        round(100 * paired({"chain.layers": 4}, 1_000), 2))
    assert first["guessed_layer"] == "General Staff (Gerasimov), layer 2 of 4"
    assert (first["runs"], first["seed"]) == (1000, results.SEED)
    assert pd.isna(second["model_pct"])


def test_the_debrief_sheet_is_one_printable_page(store, room):
    code, key = room
    assert "No round has been revealed yet." in debrief_sheet(store, code)
    for name, params in (("Ana", {"chain.layers": 3}), ("<b>Bob</b>", {"west.influence": 0.9})):
        _, token = store.join(code, name)
        store.submit(code, token, 1, 0.1, None, params)
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=1_000, allowed=ALLOWED))
    sheet = debrief_sheet(store, code)
    assert "@page" in sheet and "<script" not in sheet and len(sheet) < 50_000
    assert "&lt;b&gt;Bob&lt;/b&gt;" in sheet and "<b>Bob</b>" not in sheet
    for words in ("Which assumptions moved results most", "Layers that must agree 5 → 3",
                  "Samotsvety", "Questions for the debrief", "Median forecast"):
        assert words in sheet
    french = debrief_sheet(store, code, "fr")
    assert '<html lang="fr">' in french and "Questions pour le débriefing" in french


def test_the_html_report_is_self_contained_and_escaped(store, room):
    code, key = room
    _, token = store.join(code, "<script>alert(1)</script>")
    store.submit(code, token, 1, 0.3, None, {"chain.layers": 2})
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=1_000, allowed=ALLOWED))
    store.start_next_round(code, key, 1, {}, "Round <two>")
    report = html_report(store, code)
    assert "<script>alert(1)</script>" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "Round &lt;two&gt;" in report
    assert report.count("<section>") == 3  # two rounds and the references
    # Works offline: plotly.js is inline (about 4.8 MB), nothing is fetched.
    assert plotly.offline.get_plotlyjs() in report
    assert "<script src" not in report and "<link" not in report
    assert len(report) < 6_000_000
    assert report.count("Plotly.newPlot") == 2  # round 1's two charts
    assert "Layers that must agree" in report  # plain words, not chain.layers
    assert "What moved each participant&#x27;s result" in report


def test_a_large_reveal_in_worker_processes_gives_the_same_numbers(store, room, monkeypatch):
    """Past POOL_AT new scenarios the reveal uses worker processes: same worlds, same bytes."""
    code, key = room
    for i in range(4):
        _, token = store.join(code, f"P{i}")
        store.submit(code, token, 1, 0.1, None,
                     {"chain.layers": 2 + i, "west.influence": round(0.2 * i, 1)})
    round_, answers = store.current_round(code), store.submissions(code)
    results.clear_cache()
    monkeypatch.setenv(results.WORKERS_ENV, "1")
    here = results.compute(round_, answers, runs=1_000, allowed=ALLOWED)
    results.clear_cache()
    monkeypatch.setenv(results.WORKERS_ENV, "2")
    monkeypatch.setattr(results, "POOL_AT", 2)
    seen = []
    pooled = results.compute(round_, answers, runs=1_000, allowed=ALLOWED, progress=seen.append)
    assert seen and seen[-1] == pooled[answers[0].participant_id]["round"]["simulated"]
    strip = ("seconds",)
    for pid in here:
        assert {k: v for k, v in here[pid].items() if k != "round"} == \
            {k: v for k, v in pooled[pid].items() if k != "round"}
        assert {k: v for k, v in here[pid]["round"].items() if k not in strip} == \
            {k: v for k, v in pooled[pid]["round"].items() if k not in strip}
    results.clear_cache()


# --- answers prepared as they come in ------------------------------------------------------

def _answers(store, code: str) -> tuple:
    for i, params in enumerate(({"chain.layers": 3}, {"west.influence": 0.2},
                                {"chain.layers": 7, "west.influence": 0.9})):
        _, token = store.join(code, f"P{i}")
        store.submit(code, token, 1, 0.1, None, params)
    return store.current_round(code), store.submissions(code)


def _in_process(fn, *args) -> Future:
    done = Future()
    done.set_result(fn(*args))
    return done


def _without_timing(revealed: dict) -> dict:
    return {pid: {**mine, "round": {k: v for k, v in mine["round"].items()
                                    if k not in ("seconds", "simulated")}}
            for pid, mine in revealed.items()}


def test_answers_prepared_as_they_come_leave_the_reveal_nothing_to_simulate(store, room):
    """Preparing each answer when it is submitted gives the reveal's own numbers, at once."""
    round_, answers = _answers(store, room[0])
    results.clear_cache()
    cold = results.compute(round_, answers, runs=1_000, allowed=ALLOWED)
    assert cold[answers[0].participant_id]["round"]["simulated"] == 6  # base, 3 own, 2 alone
    results.clear_cache()
    started = [results.prepare(round_, a.params, _in_process, runs=1_000) for a in answers]
    assert all(started)
    assert results.prepare(round_, answers[0].params, _in_process, runs=1_000) is None  # known
    prepared = results.compute(round_, answers, runs=1_000, allowed=ALLOWED)
    assert prepared[answers[0].participant_id]["round"]["simulated"] == 0
    assert _without_timing(prepared) == _without_timing(cold)
    results.clear_cache()


class _Watched(Future):
    """A Future that says when someone starts waiting for it."""

    def __init__(self):
        super().__init__()
        self.waited = threading.Event()

    def result(self, timeout=None):
        self.waited.set()
        return super().result(timeout)


def test_the_reveal_waits_for_a_preparation_still_running(store, room):
    round_, answers = _answers(store, room[0])
    results.clear_cache()
    running, jobs = _Watched(), []
    results.prepare(round_, answers[2].params, lambda fn, *args: jobs.append((fn, args)) or running,
                    runs=1_000)
    with ThreadPoolExecutor(1) as reveal_thread:
        reveal = reveal_thread.submit(results.compute, round_, answers[2:], runs=1_000)
        deadline = time.monotonic() + 120
        while not (running.waited.is_set() or reveal.done()) and time.monotonic() < deadline:
            running.waited.wait(0.05)
        assert running.waited.is_set() and not reveal.done()
        (fn, args), = jobs
        running.set_result(fn(*args))
        revealed = reveal.result(timeout=600)
    assert revealed[answers[2].participant_id]["round"]["simulated"] == 0
    results.clear_cache()
    assert _without_timing(results.compute(round_, answers[2:], runs=1_000)) == \
        _without_timing(revealed)
    results.clear_cache()


def test_a_failed_preparation_leaves_the_reveal_to_simulate_it(store, room):
    round_, answers = _answers(store, room[0])
    results.clear_cache()
    lost = Future()
    lost.set_exception(RuntimeError("worker died"))
    results.prepare(round_, answers[0].params, lambda fn, *args: lost, runs=1_000)
    revealed = results.compute(round_, answers[:1], runs=1_000)
    assert revealed[answers[0].participant_id]["round"]["simulated"] == 2  # base, own
    results.clear_cache()


def test_a_submitted_answer_is_simulated_for_the_reveal_in_the_background(store, room):
    code, _ = room
    results.clear_cache()
    at = answer(join(code, "Ana"), 12.5, {"chain.layers": 3})
    assert ok(at) and "Answer saved" in at.success[0].value
    round_ = store.current_round(code)
    needed = results.answer_scenarios(round_, {"chain.layers": 3})
    assert len(needed) == 3
    deadline = time.monotonic() + 300
    while not results.cached(needed) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert results.cached(needed)
    results.clear_cache()
