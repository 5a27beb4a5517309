"""The pages of a dated round (#27) and the participant's own result (#29), with AppTest.

The facilitator picks a real day from the short list when starting the next round: its
news becomes the round's event and announcement; participants are asked from that day; the
reveal shows the room's forecasts, the model given the record (the stored nowcast), what
forecasters had said by then and what happened next, in English and in French. A participant
who changed nothing sees "no change" in grey, not a red "+0.00 pts".
"""

import pytest
from support.apptest import ok
from support.workshop import (  # noqa: F401 (the _fixtures: pytest finds them by name)
    ALLOWED,
    _room,
    answer,
    as_shown,
    button,
    open_workshop,
    table_of,
    texts,
)

from simulator.workshop import dated, labels, results, revealed, text

pytestmark = pytest.mark.usefixtures("workshop_db")  # a database of its own per test (conftest)
RUNS = 1_000


def facilitator(code: str, key: str, lang: str = "en"):
    query = {"room": code, "view": "facilitate", **({"lang": lang} if lang != "en" else {})}
    at = open_workshop(query)
    at.text_input(key="workshop_key_input").set_value(key)
    button(at, text.text(lang, "open_button")).click()
    return at.run()


def reveal(store, code, key, number):
    store.reveal(code, key, number, lambda r, s: results.compute(r, s, runs=RUNS,
                                                                 allowed=ALLOWED))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_dated_round_from_the_facilitators_pick_to_the_reveal(store, room, lang):
    code, key = room
    _, token = store.join(code, "Ana")
    store.submit(code, token, 1, 0.1)
    reveal(store, code, key, 1)
    at = facilitator(code, key, lang)
    assert ok(at)
    at.selectbox(key="workshop_dated_2").set_value("kherson").run()
    adds = dated.BY_ID["kherson"].text(lang)
    assert any(adds in as_shown(c.value) for c in at.caption)  # what the day schedules, said first
    at.button(key="workshop_next_2").click().run()
    assert ok(at)
    current = store.current_round(code)
    assert current.as_of == dated.BY_ID["kherson"].date
    assert [(e.kind, e.side, e.week) for e in current.events] == [("offensive", "ukraine", 7)]
    assert current.announcement == dated.BY_ID["kherson"].text(lang)  # none typed: the news

    participant = open_workshop({"room": code, "token": token,
                                 **({"lang": lang} if lang != "en" else {})})
    assert ok(participant)
    question = participant.number_input[0].label
    setting = dated.setting_line(current.as_of, 52, lang)
    assert any(as_shown(c.value).startswith(setting) for c in participant.caption)
    if lang == "en":
        assert question == ("Your own forecast: probability of Russian nuclear use from "
                            "9 Nov 2022 to 19 Sep 2023 (45 weeks), in %")
    else:
        assert "du 9 nov. 2022 au 19 sept. 2023 (45 semaines)" in question
    prefix = participant.number_input[0].key.removesuffix("_forecast")
    participant.number_input[0].set_value(6)
    participant.button(key=f"{prefix}_submit").click().run()
    assert [s.forecast for s in store.submissions(code)] == [0.06]
    store.lock_round(code, key, 2)
    reveal(store, code, key, 2)
    shown = revealed.round_results(store.current_round(code), store.submissions(code))
    assert shown.dated and "estimate" in shown.dated

    board = open_workshop({"room": code, "view": "board",
                           **({"lang": lang} if lang != "en" else {})})
    assert ok(board)
    heading = [h.value for h in board.subheader if "9 " in h.value]
    assert heading and heading[0].startswith("At 9 Nov 2022" if lang == "en" else "Au 9 nov.")
    words = texts(board)
    assert dated.model_line(shown.dated, lang) in words
    assert dated.room_line([0.06], lang) in words
    for line in (*dated.forecast_lines(current.as_of, lang),
                 *dated.next_events(current.as_of, lang)):
        assert line in words
    table = table_of(board, text.text(lang, "dated_t_model"))
    assert list(table.iloc[0])[:2] == ["Ana", labels.percent(0.06, lang)]
    # The participant's own result adds their assumptions read from the day, and the model
    # given the record for the same window.
    participant.button(key="workshop_refresh").click().run()
    from_day = text.text(lang, "your_from_day", date="@", last="@", estimate="@", low="@",
                         high="@").split("@")[0]
    assert any(t.startswith(from_day) for t in texts(participant).splitlines())
    own = text.text(lang, "your_dated_model", date="@", estimate="@", first="@", last="@")
    mine = [t for t in texts(participant).splitlines() if t.startswith(own.split("@")[0])]
    assert mine and str(round(100 * shown.dated["estimate"], 1)).replace(
        ".", "," if lang == "fr" else ".") in mine[0]


def test_a_participant_who_changed_nothing_sees_no_change_not_a_red_zero(store, room):
    code, key = room
    at = open_workshop({"room": code})
    at.text_input(key="workshop_name").set_value("Ana")
    button(at, "Join the room").click()
    at = answer(at.run(), 10, {})
    reveal(store, code, key, 1)
    at.button(key="workshop_refresh").click().run()
    model = next(m for m in at.metric if m.label == "Model with your assumptions")
    assert model.delta == "no change"
    assert model.proto.color == model.proto.MetricColor.GRAY
    assert "+0.00" not in texts(at)
