"""The participant's view of the workshop (simulator/app/workshop_participant.py): joining,
answering, a reload, one's own result after the reveal, a locked or moved-on round, and
the guessed layer placed in one's own chain.

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
    answer,
    button,
    join,
    open_workshop,
    texts,
)

from simulator.app import widgets
from simulator.model.scenario import load
from simulator.running import engine
from simulator.workshop import layers as chain
from simulator.workshop import results, revealed

pytestmark = pytest.mark.usefixtures("workshop_db")  # a database of its own per test (conftest)


def rerun_as_reload(at: AppTest) -> AppTest:
    """The same URL in a new session (a browser reload)."""
    return open_workshop({k: v for k, v in at.query_params.items() if k != "worlds"})


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



def test_the_forecast_inputs_show_no_decimal_point_a_whole_number_does_not_need(store, room):
    """'5', never '5.0' (English-looking in French); '0.5' keeps the decimal it was given."""
    code, _ = room
    at = join(code, "Ana")
    assert ok(at)
    keys = [widget.key for widget in at.number_input]
    assert [key.rpartition("_")[2] for key in keys] == ["forecast", "low", "high"]
    for widget in at.number_input:
        shown = widget.proto.format  # the format the browser shows the number with
        assert (shown % 5.0, shown % 12.5, shown % 0.5) == ("5", "12.5", "0.5"), widget.key
