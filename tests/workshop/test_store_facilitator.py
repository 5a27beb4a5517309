"""The facilitator's actions on the workshop store (simulator/workshop/facilitator.py):
lock, reveal and the next round, and presses at once or for a round that is over.

Each test using the store runs on SQLite and on PostgreSQL (the fixtures of
tests/support/workshop_store.py).
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from support.workshop_store import (  # noqa: F401 (the _fixtures: pytest finds them by name)
    _database_url_for_test,
    _open_store,
    _room,
    _store,
)

from simulator.workshop import RoundLocked, RoundMovedOn, WorkshopError
from simulator.workshop.validation import MAX_ROUNDS


def test_round_flow_lock_reveal_and_inject(store, room):
    """A workshop's life: answer, lock, reveal, inject, next round; the past stays intact."""
    code, key = room
    ana, ana_token = store.join(code, "Ana")
    ben, ben_token = store.join(code, "Ben")
    store.submit(code, ana_token, 1, 0.1, 3, {"west.influence": 0.8})
    store.submit(code, ben_token, 1, 0.4)

    assert store.lock_round(code, key, 1).locked
    with pytest.raises(RoundLocked) as error:
        store.submit(code, ana_token, 1, 0.5)
    assert error.value.field == "round_number"
    assert store.own_submission(code, ana_token).forecast == 0.1

    seen = {}

    def compute(round_, board):
        seen["round"] = round_
        return {s.participant_id: {"p_nuclear": s.forecast / 2} for s in board}

    revealed = store.reveal(code, key, 1, compute)
    assert revealed.revealed and revealed.locked
    assert seen["round"].overrides == {"leader.resolve": 3.0}
    results = {s.participant_id: s.results for s in store.submissions(code, 1)}
    assert results == {ana.id: {"p_nuclear": 0.05}, ben.id: {"p_nuclear": 0.2}}
    store.reveal(code, key, 1, lambda round_, board: {ben.id: {"p_nuclear": 0.3}})  # again
    results = {s.participant_id: s.results for s in store.submissions(code, 1)}
    assert results == {ana.id: None, ben.id: {"p_nuclear": 0.3}}

    with pytest.raises(WorkshopError) as error:
        store.start_next_round(code, key, 1, {"west.influense": 0.9}, "typo")
    assert error.value.field == "west.influense"
    with pytest.raises(WorkshopError) as error:
        store.start_next_round(code, key, 1, {"west.influence": 2.0})
    assert error.value.field == "west.influence"
    assert store.current_round(code).number == 1  # nothing started

    second = store.start_next_round(code, key, 1, {"west.influence": 0.9}, "China withdraws.")
    assert (second.number, second.locked, second.announcement) == (2, False, "China withdraws.")
    assert second.inject == {"west.influence": 0.9}
    assert second.overrides == {"leader.resolve": 3.0, "west.influence": 0.9}
    third = store.start_next_round(code, key, 2, {"leader.resolve": 1})
    assert third.overrides == {"leader.resolve": 1.0, "west.influence": 0.9}  # injects add up

    with pytest.raises(RoundLocked):  # a page still showing round 2
        store.submit(code, ana_token, 2, 0.5)
    store.submit(code, ana_token, 3, 0.6)
    assert store.submission_count(code) == 1
    assert [s.forecast for s in store.submissions(code, 1)] == [0.1, 0.4]  # round 1 intact

    history = store.all_rounds(code)
    assert [r.number for r in history] == [1, 2, 3]
    assert [r.announcement for r in history] == ["", "China withdraws.", ""]
    assert [(r.locked, r.revealed) for r in history] == [(True, True), (True, False),
                                                          (False, False)]
    assert history[1].inject == {"west.influence": 0.9}


def test_reveal_rejects_results_for_strangers_and_stores_nothing(store, room):
    """A compute callback that mixes up ids must not attach results to the wrong people."""
    code, key = room
    _, token = store.join(code, "Ana")
    store.submit(code, token, 1, 0.1)
    with pytest.raises(WorkshopError) as error:
        store.reveal(code, key, 1, lambda round_, board: {999_999: {"p": 1}})
    assert error.value.field == "results"
    assert not store.current_round(code).revealed
    assert store.own_submission(code, token).results is None


def _at_once(*calls):
    """Run the calls in threads released together; return each one's result or exception."""
    start = threading.Barrier(len(calls))

    def run(call):
        start.wait(timeout=60)
        try:
            return call()
        except Exception as error:  # noqa: BLE001 - returned for the test to inspect
            return error

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_two_presses_of_next_round_at_once_open_one_round(store, room):
    """A double click on "start round 2" opens round 2 once, and both presses get round 2."""
    code, key = room
    for number in (1, 2, 3):  # the race needs both presses in the database together
        store.reveal(code, key, number, lambda round_, board: {})
        inject = {"west.influence": 0.5 + number / 10}

        def press(number=number, inject=inject):
            return store.start_next_round(code, key, number, inject, "Kherson falls.")

        first, second = _at_once(press, press)
        assert first == second  # the same Round (a repeat is a no-op, not an error)
        assert (first.number, first.locked, first.announcement) == (number + 1, False,
                                                                     "Kherson falls.")
        assert [r.number for r in store.all_rounds(code)] == list(range(1, number + 2))
    assert [r.locked for r in store.all_rounds(code)] == [True, True, True, False]


def test_a_conflicting_next_round_press_is_refused_and_changes_nothing(store, room):
    """Two tabs starting round 2 with different injects: one wins, the other is told so."""
    code, key = room
    outcomes = _at_once(
        lambda: store.start_next_round(code, key, 1, {"west.influence": 0.9}, "China withdraws."),
        lambda: store.start_next_round(code, key, 1, {"west.influence": 0.1}, "China joins."),
    )
    [started] = [o for o in outcomes if not isinstance(o, Exception)]
    [refused] = [o for o in outcomes if isinstance(o, Exception)]
    assert isinstance(refused, RoundMovedOn) and refused.field == "round_number"
    assert (refused.round_number, refused.current) == (1, 2)
    assert "round 2 is under way" in str(refused) and "nothing changed" in str(refused)
    assert [r.number for r in store.all_rounds(code)] == [1, 2]
    assert store.current_round(code) == started
    # A page still showing round 1 when the room is at round 3, or a round that never was.
    store.start_next_round(code, key, 2)
    for stale in (1, 2, 4, 0, -1, MAX_ROUNDS + 1, True, 2.0, None, "3"):
        with pytest.raises(WorkshopError) as error:
            store.start_next_round(code, key, stale, started.inject, started.announcement)
        assert error.value.field == "round_number"
    assert store.current_round(code).number == 3


def _moved_on_to_round_2(store, code, key) -> list[str]:
    """Round 1 revealed, round 2 started, one of four participants answered in it: tokens."""
    tokens = [store.join(code, name)[1] for name in ("Ana", "Ben", "Cy", "Dee")]
    for token in tokens:
        store.submit(code, token, 1, 0.2)
    store.reveal(code, key, 1, lambda round_, board: {})
    store.start_next_round(code, key, 1, {"west.influence": 0.9}, "China withdraws.")
    store.submit(code, tokens[0], 2, 0.3)
    return tokens


@pytest.mark.parametrize("action", ["lock", "reveal", "next round"])
def test_a_press_for_a_round_that_is_over_is_refused_and_changes_nothing(store, room, action):
    """A tab still showing round 1 must not lock, reveal or move past round 2 instead."""
    code, key = room
    tokens = _moved_on_to_round_2(store, code, key)
    before = (store.all_rounds(code), store.submissions(code, 1), store.submissions(code, 2))
    computed = []
    press = {
        "lock": lambda: store.lock_round(code, key, 1),
        "reveal": lambda: store.reveal(code, key, 1, lambda r, b: computed.append(r) or {}),
        "next round": lambda: store.start_next_round(code, key, 1, {"west.influence": 0.1}),
    }[action]
    with pytest.raises(RoundMovedOn) as error:
        press()
    assert (error.value.field, error.value.round_number, error.value.current) == (
        "round_number", 1, 2)
    assert str(error.value).startswith(
        "round_number: round 1 is no longer the current round: round 2 is under way")
    assert str(error.value).endswith("nothing changed")
    assert computed == []
    after = (store.all_rounds(code), store.submissions(code, 1), store.submissions(code, 2))
    assert after == before
    current = store.current_round(code)
    assert (current.number, current.locked, current.revealed) == (2, False, False)
    store.submit(code, tokens[1], 2, 0.4)  # round 2 still takes answers
    assert store.submission_count(code) == 2
    # The page showing round 2 can: lock and reveal act on the round they were shown.
    assert store.lock_round(code, key, 2).number == 2
    assert store.reveal(code, key, 2, lambda r, b: {}).revealed
