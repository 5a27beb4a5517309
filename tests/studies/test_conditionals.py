"""Conditionals with timing: P(A within k weeks after B | B by week w), and NATO's week."""

import json

import numpy as np
import pytest

from simulator import cli
from simulator.model.scenario import load
from simulator.running import engine
from simulator.studies import conditionals

RUNS, SEED = 20_000, 2022


@pytest.fixture(scope="module")
def baseline():
    return engine.run(load("baseline"), RUNS, SEED, workers=1).columns


def test_nato_week_dates_nato_involvement_which_only_follows_a_use(baseline):
    involved, week = np.asarray(baseline["nato_involved"]), np.asarray(baseline["nato_week"])
    assert involved.any()
    assert np.array_equal(involved, week >= 0)
    use_week = np.asarray(baseline["use_week"])
    assert np.all(use_week[involved] >= 0) and np.all(week[involved] >= use_week[involved])


def test_the_conditional_counts_what_its_definition_says():
    # Worlds: B in week 2, A in weeks 2 (same week: counts), 4 (within 3: counts), 5 (the
    # fourth week: not within 3), 1 (before B: not after it), none; B in week 6 (not by 5).
    columns = {"use_week": np.array([2, 2, 2, 2, 2, 6, -1]),
               "nato_week": np.array([2, 4, 5, 1, -1, 6, 3])}
    answer = conditionals.answer("toy", columns, 52, "nato_involved", 3, "nuclear_use", 5)
    assert answer.estimate.n == 5 and answer.estimate.estimate == pytest.approx(2 / 5)
    assert answer.given_share.estimate == pytest.approx(5 / 7)


def test_the_answer_follows_the_mechanism_it_reads():
    """NATO's answer to use is west.decisive_response: without it, no world answers."""
    def answer(changes):
        scenario = load("baseline").with_overrides(changes)
        return conditionals.ask([scenario], "nato_involved", 13, "nuclear_use", 26, RUNS,
                                SEED, workers=1)[0].estimate
    low, high = answer({"west.decisive_response": 0.3}), answer({"west.decisive_response": 0.9})
    assert low.ci_high < high.ci_low
    assert answer({"west.decisive_response": 0.0}).estimate == 0.0


@pytest.mark.parametrize("kwargs, field", [
    ({"then": "nato_joins"}, "then: unknown event 'nato_joins'"),
    ({"given": "use"}, "given: unknown event 'use'"),
    ({"within": 0}, "within: 0 is not a whole number of weeks >= 1"),
    ({"by": 2.5}, "by: 2.5 is not a whole number"),
    ({"by": 45, "within": 13}, "reaches past the horizon of 52 weeks; choose by <= 40"),
])
def test_a_question_the_worlds_cannot_answer_names_its_field(kwargs, field):
    question = {"then": "nato_involved", "within": 13, "given": "nuclear_use", "by": 26,
                **kwargs}
    with pytest.raises(conditionals.ConditionalError, match=field.replace("(", r"\(")):
        conditionals.check(**question, horizon=52)


def test_a_condition_no_world_met_is_an_error_not_a_number():
    columns = {"use_week": np.full(100, -1), "nato_week": np.full(100, -1)}
    with pytest.raises(conditionals.ConditionalError, match="none of the 100 worlds"):
        conditionals.answer("toy", columns, 52, "nato_involved", 13, "nuclear_use", 26)


def test_the_command_line_and_the_api_give_the_same_answer(capsys):
    import simulator

    argv = ["conditional", "baseline", "kemp", "--then", "nato_involved", "--within", "13",
            "--given", "nuclear_use", "--by", "26", "--runs", "4000", "--workers", "1"]
    assert cli.main([*argv, "--json"]) == 0
    answers = json.loads(capsys.readouterr().out)["answers"]
    api = simulator.conditional(["baseline", "kemp"], then="nato_involved", within=13,
                                given="nuclear_use", by=26, runs=4000, workers=1)
    assert [a["conditional"] for a in answers] == [a.estimate.as_dict() for a in api]
    assert cli.main(argv) == 0
    assert "NATO's direct involvement within 13 weeks after nuclear use" in capsys.readouterr().out
    assert cli.main([*argv[:-4], "--by", "50", "--runs", "10"]) == 2
    assert "reaches past the horizon" in capsys.readouterr().err
