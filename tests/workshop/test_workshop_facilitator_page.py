"""The facilitator's view of the workshop (simulator/app/workshop_facilitator.py): creating
a room, the key, lock and reveal with the engine's numbers, the next round, and presses
from a tab left on a round that is over.

Run headless with AppTest against a real SQLite file: every AppTest is one browser
session, a facilitator and participants are separate AppTests sharing the process's store
(st.cache_resource), as sessions share one server.
"""

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import metrics, ok
from support.workshop import (  # noqa: F401 (the _fixtures: pytest finds them by name)
    ALLOWED,
    _room,
    button,
    open_workshop,
    table_of,
    texts,
)

from simulator.app import widgets
from simulator.evidence import record
from simulator.model.scenario import load
from simulator.results import analysis
from simulator.running import engine
from simulator.workshop import results

pytestmark = pytest.mark.usefixtures("workshop_db")  # a database of its own per test (conftest)


ATTRIBUTION = "Their changes, one at a time from the base (then together)"


def facilitator(code: str, key: str) -> AppTest:
    """The facilitator view after a reload: the key is entered again in the form."""
    at = open_workshop({"room": code, "view": "facilitate"})
    at.text_input(key="workshop_key_input").set_value(key)
    button(at, "Open as facilitator").click()
    return at.run()


def test_one_click_on_a_role_set_allows_its_assumptions_in_either_language(store):
    from simulator.workshop import roles

    experts = roles.roles()["experts"]
    at = open_workshop({"lang": "fr"})
    picker = at.radio(key="workshop_role")
    assert picker.value == roles.default().id
    assert at.multiselect(key="workshop_allowed").value == list(roles.default().assumptions)
    # French names the sets in French and shows no ids in them
    assert experts.title("fr") in picker.options
    picker.set_value("experts").run()
    assert ok(at)
    assert at.multiselect(key="workshop_allowed").value == list(experts.assumptions)
    next(b for b in at.button if b.label == "Créer la salle").click()
    at.run()
    assert ok(at)
    room = store.room(at.query_params["room"])
    assert room.allowed_params == experts.assumptions


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
    assert (effects.loc["Layers that must agree", "Base → values chosen"]
            == "5 layers → 3 layers … 7 layers")
    assert effects.loc["Layers that must agree", "Mean effect"] == widgets.points(
        (alone[3] + alone[7]) / 2)
    assert effects.loc["Western reach into Russian officers", "Changed by"] == "2 of 3"
    attribution = table_of(at, ATTRIBUTION).set_index("Participant")
    assert attribution.loc["Ana", ATTRIBUTION] == (
        f"Layers that must agree 5 layers → 3 layers: {widgets.points(alone[3])}")
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


def test_all_rounds_lists_every_round_with_its_inject(store, room):
    code, key = room
    store.start_next_round(code, key, 1, {"chain.layers": 3}, "Fewer layers")
    first, second = store.all_rounds(code)
    assert (first.number, first.locked, first.inject) == (1, True, {})
    assert (second.number, second.locked, second.inject, second.announcement) == (
        2, False, {"chain.layers": 3}, "Fewer layers")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_inject_picker_names_each_parameter_plainly_with_its_id_in_the_help(store, room,
                                                                                lang):
    """Facilitators pick by the parameter's one plain name; the id is only in the help."""
    from simulator.model import params
    from simulator.workshop import labels

    code, key = room
    _, token = store.join(code, "Ana")
    store.submit(code, token, 1, 0.1)
    at = open_workshop({"room": code, "view": "facilitate", "lang": lang})
    at.text_input(key="workshop_key_input").set_value(key)
    button(at, {"en": "Open as facilitator", "fr": "Ouvrir en animateur"}[lang]).click()
    at = at.run()
    at.button(key="workshop_reveal_1").click().run()
    assert ok(at)
    picker = at.multiselect(key="workshop_inject_params_2")
    plain = [labels.parameter(name, lang) for name in params.SCHEMA]
    assert picker.options == plain  # no "(leader.nuclear_threshold)" after the name
    assert not any(name in option for option in picker.options for name in params.SCHEMA)
    picker.set_value(["leader.nuclear_threshold"]).run()
    value = at.number_input(key="workshop_inject_2_leader.nuclear_threshold")
    assert value.label.startswith(labels.parameter("leader.nuclear_threshold", lang))
    assert "`leader.nuclear_threshold`" in value.help
