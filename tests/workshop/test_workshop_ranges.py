"""Participants' plausible ranges beside the model's predictive interval: the reveal's numbers
(simulator/workshop/results.py ``model_interval``, revealed.py, tables.py), the CSV and the
report, the participant page in English and French, and the board.

The known set: three participants on the baseline who change nothing (so each one's model
result is the base's), two of them with a range. Ana's range (0%–100%) holds any result;
Bob's (85%–95%) holds the base's only if it were above 85%; Cy gives none.
"""

import dataclasses
import io

import pandas as pd
import pytest
from support.apptest import metrics, ok
from support.workshop import (  # noqa: F401 (the _fixtures: pytest finds them by name)
    ALLOWED,
    _room,
    button,
    join,
    open_workshop,
    texts,
)

from simulator.model.scenario import load
from simulator.running import engine
from simulator.workshop import results, revealed, tables
from simulator.workshop.report import csv_text, html_report

pytestmark = pytest.mark.usefixtures("workshop_db")  # a database of its own per test (conftest)

RUNS = 1_000
KNOWN = (("Ana", 0.10, 0.0, 1.0), ("Bob", 0.90, 0.85, 0.95), ("Cy", 0.20, None, None))


def _reveal_known(store, room) -> revealed.RoundResults:
    code, key = room
    for name, forecast, low, high in KNOWN:
        _, token = store.join(code, name)
        store.submit(code, token, 1, forecast, None, {}, forecast_low=low, forecast_high=high)
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=RUNS, allowed=ALLOWED))
    return revealed.round_results(store.current_round(code), store.submissions(code))


def test_the_reveal_counts_the_ranges_and_sets_them_beside_the_models(store, room):
    shown = _reveal_known(store, room)
    base = engine.run(load("baseline"), RUNS, results.SEED, workers=1)
    model = base.estimates["nuclear_use"].estimate
    # By hand: Ana's range holds anything, Bob's holds the base only above 85%, Cy has none.
    inside = [0.0 <= model <= 1.0, 0.85 <= model <= 0.95]
    assert [row.model_in_range for row in shown.rows] == [*inside, None]
    assert shown.range_coverage() == (sum(inside), 2) == (1, 2)
    assert shown.median_range() == (pytest.approx(0.425), pytest.approx(0.975))
    # The model's interval: the base across the preset's ranges, as engine.run gives it.
    ranged = engine.run(load("baseline"), RUNS, results.SEED, workers=1, uncertainty=True)
    expected = ranged.predictive["nuclear_use"]
    assert (shown.predictive.pi_low, shown.predictive.pi_high) == (expected.pi_low,
                                                                   expected.pi_high)
    assert shown.predictive.ranges == len(load("baseline").ranges)
    assert shown.predictive.pi_low <= shown.predictive.estimate.ci_low
    assert tables.ranges_summary(shown) == {
        "Gave a range": "2 of 3",
        "Median own range": "42.5% – 97.5%",
        "Model inside own range": "1 of 2",
        "Model's predictive interval": (f"{expected.pi_low:.1%} – {expected.pi_high:.1%}"),
    }
    words = " ".join(tables.intervals_text(shown))
    assert "each participant's own uncertainty" in words
    assert f"the {len(load('baseline').ranges)} assumptions the preset gives as ranges" in words
    assert f"simulation noise only ({RUNS:,} worlds)" in words
    table = tables.participants_table(shown).set_index("Participant")
    assert list(table["Own range"]) == ["0.0% – 100.0%", "85.0% – 95.0%", "–"]
    assert list(table["Model inside own range?"]) == ["yes", "no", "–"]
    french = tables.ranges_summary(shown, "fr")
    assert (french["Fourchette donnée"], french["Modèle dans la fourchette propre"]) == (
        "2 sur 3", "1 sur 2")
    assert "bruit de simulation seul" in " ".join(tables.intervals_text(shown, "fr"))


def test_without_ranges_the_board_says_there_is_no_predictive_interval(store, room):
    """No range left in the setting (or a round revealed before ranges): said, not invented."""
    bare = dataclasses.replace(load("baseline"), ranges={})
    assert results.model_interval(bare, RUNS) == {
        "note": "the round's setting keeps no range from its preset"}
    assert "note" in results.model_interval(load("baseline"), 300)  # under two blocks
    code, key = room
    _, token = store.join(code, "Ana")
    store.submit(code, token, 1, 0.1)

    def older(round_, answers):  # what a version-2 reveal stored: no ``predictive``
        found = results.compute(round_, answers, runs=RUNS, allowed=ALLOWED)
        for mine in found.values():
            mine["round"].pop("predictive")
        return found

    store.reveal(code, key, 1, older)
    shown = revealed.round_results(store.current_round(code), store.submissions(code))
    assert shown.predictive is None and shown.range_coverage() == (0, 0)
    summary = tables.ranges_summary(shown)
    assert summary["Gave a range"] == "0 of 1" and summary["Model's predictive interval"] == "–"
    assert "No predictive interval for this round" in " ".join(tables.intervals_text(shown))


def test_the_csv_and_the_report_carry_the_ranges(store, room):
    shown = _reveal_known(store, room)
    frame = pd.read_csv(io.StringIO(csv_text(store, room[0])))
    assert list(frame["forecast_low_pct"].fillna(-1)) == [0.0, 85.0, -1]
    assert list(frame["forecast_high_pct"].fillna(-1)) == [100.0, 95.0, -1]
    assert list(frame["model_in_own_range"].fillna("none")) == [True, False, "none"]
    assert set(frame["base_pi_low_pct"]) == {round(100 * shown.predictive.pi_low, 2)}
    assert set(frame["base_pi_high_pct"]) == {round(100 * shown.predictive.pi_high, 2)}
    report = html_report(store, room[0])
    assert "How unsure: the room&#x27;s ranges and the model&#x27;s" in report
    assert "85.0% – 95.0%" in report


def _form_keys(at):
    prefix = next(n.key for n in at.number_input).removesuffix("_forecast")
    return prefix, lambda name: at.number_input(key=f"{prefix}_{name}")


def test_a_participant_gives_a_range_in_english(store, room):
    code, _ = room
    at = join(code, "Ana")
    prefix, field = _form_keys(at)
    assert field("low").label == "Plausible range (optional): lowest, in %"
    field("forecast").set_value(20)
    field("low").set_value(25)
    field("high").set_value(40)
    button(at, "Submit").click()
    at.run()
    assert "The lowest value of your range (25.0%) is above your forecast (20.0%)" in \
        at.error[0].value
    field("low").set_value(None)
    button(at, "Submit").click()
    at.run()
    assert "Give both ends of your plausible range, or neither: the lowest value is empty." in \
        at.error[0].value
    assert store.submissions(code) == []
    field("low").set_value(10)
    button(at, "Submit").click()
    at.run()
    assert ok(at) and not at.error and "Answer saved" in at.success[0].value
    (mine,) = store.submissions(code)
    assert (mine.forecast, mine.forecast_low, mine.forecast_high) == (0.2, 0.1, 0.4)
    assert "Your plausible range: 10.0% – 40.0%." in texts(at)
    assert field("low").value == 10 and field("high").value == 40


def test_a_participant_gives_a_range_in_french(store, room):
    code, key = room
    _, token = store.join(code, "Zoé")
    at = open_workshop({"room": code, "token": token, "lang": "fr"})
    prefix, field = _form_keys(at)
    assert field("low").label == "Fourchette plausible (facultatif) : au plus bas, en %"
    assert field("high").label == "Fourchette plausible (facultatif) : au plus haut, en %"
    field("forecast").set_value(30)
    field("low").set_value(10)
    field("high").set_value(20)
    at.button(key=f"{prefix}_submit").click()
    at.run()
    assert "La valeur la plus haute de votre fourchette (20,0\u00a0%) est sous votre prévision" in \
        at.error[0].value
    field("high").set_value(60)
    at.button(key=f"{prefix}_submit").click()
    at.run()
    assert ok(at) and not at.error
    (mine,) = store.submissions(code)
    assert mine.forecast_range == (0.1, 0.6)
    assert "Votre fourchette plausible : 10,0\u00a0% – 60,0\u00a0%." in texts(at)
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=RUNS, allowed=ALLOWED))
    at.button(key="workshop_refresh").click().run()
    assert ok(at)
    assert "Votre fourchette plausible, 10,0\u00a0% – 60,0\u00a0%, " in texts(at)


def test_the_board_shows_the_ranges_and_the_models_interval(store, room):
    shown = _reveal_known(store, room)
    at = open_workshop({"room": room[0], "view": "board"})
    assert ok(at)
    numbers = metrics(at)
    assert numbers["Gave a range"] == "2 of 3" and numbers["Model inside own range"] == "1 of 2"
    assert numbers["Model's predictive interval"] == (
        f"{shown.predictive.pi_low:.1%} – {shown.predictive.pi_high:.1%}")
    captions = "\n".join(c.value for c in at.caption)
    assert "simulation noise only" in captions and "own uncertainty" in captions


def test_a_room_on_the_pooled_view_reveals_the_pools_worlds_and_interval(store):
    created, key = store.create_room("The experts together", "pooled", ALLOWED)
    code = created.join_code
    _, token = store.join(code, "Ana")
    store.submit(code, token, 1, 0.10, None, {}, forecast_low=0.02, forecast_high=0.30)
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=RUNS, allowed=ALLOWED))
    shown = revealed.round_results(store.current_round(code), store.submissions(code))
    pooled = load("pooled")
    base = engine.run(pooled, RUNS, results.SEED, workers=1).estimates["nuclear_use"]
    assert shown.rows[0].model_in_range == (0.02 <= base.estimate <= 0.30)
    baseline = engine.run(load("baseline"), RUNS, results.SEED, workers=1)
    assert base.estimate != baseline.estimates["nuclear_use"].estimate  # not the baseline's
    ranged = engine.run(pooled, RUNS, results.SEED, workers=1, uncertainty=True)
    expected = ranged.predictive["nuclear_use"]
    assert (shown.predictive.pi_low, shown.predictive.pi_high) == (expected.pi_low,
                                                                   expected.pi_high)
