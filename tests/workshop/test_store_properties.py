"""Property tests of the workshop store's input checks (simulator/workshop/validation.py):
any text, integer, number or argument anywhere gives a result or a WorkshopError naming
its field, and the store still works.

Each test using the store runs on SQLite and on PostgreSQL (the fixtures of
tests/support/workshop_store.py).
"""

from hypothesis import given
from hypothesis import strategies as st
from support.workshop_store import (  # noqa: F401 (the _fixtures: pytest finds them by name)
    ALLOWED,
    ANY_FLOAT,
    ANY_INT,
    ANY_NUMBER,
    ANY_PARAMS,
    ANY_TEXT,
    ANY_VALUE,
    PARAM_NAME,
    PROPERTY,
    _database_url_for_test,
    _open_store,
    _participant_token,
    _room,
    _store,
    only_workshop_errors,
)

from simulator.model.scenario import list_presets


@PROPERTY
@given(text=ANY_TEXT)
def test_any_text_as_a_name_code_title_preset_or_secret(store, participant_token, text):
    code, key, token = participant_token
    only_workshop_errors(
        lambda: store.join(code, text),
        lambda: store.room(text),
        lambda: store.join(text, "Ana"),
        lambda: store.participant(code, text),
        lambda: store.submit(code, text, 1, 0.5),
        lambda: store.check_facilitator_key(code, text),
        lambda: store.lock_round(code, text, 1),
        lambda: store.create_room(text, "baseline", ALLOWED),
        lambda: store.create_room("T", text, ALLOWED),
        lambda: store.create_room("T", "baseline", [text]),
        lambda: store.create_room("T", "baseline", [], {text: 1}),
        lambda: store.submit(code, token, 1, 0.5, None, {text: 1}),
        lambda: store.start_next_round(code, key, store.current_round(code).number, {}, text),
    )
    assert store.room(code).join_code == code  # the store still works


@PROPERTY
@given(number=ANY_INT)
def test_any_integer_as_a_round_number(store, participant_token, number):
    code, key, token = participant_token
    only_workshop_errors(
        lambda: store.submit(code, token, number, 0.5),
        lambda: store.submissions(code, number),
        lambda: store.own_submission(code, token, number),
        lambda: store.start_next_round(code, key, number),
    )
    assert store.room(code).join_code == code


@PROPERTY
@given(value=st.one_of(ANY_NUMBER, ANY_VALUE))
def test_any_number_as_a_forecast_layer_or_parameter_value(store, participant_token, value):
    code, key, token = participant_token
    current = store.current_round(code).number
    only_workshop_errors(
        lambda: store.submit(code, token, current, value),
        lambda: store.submit(code, token, current, 0.5, value),
        *(lambda name=name: store.submit(code, token, current, 0.5, None, {name: value})
          for name in ALLOWED),
        lambda: store.submit(code, token, current, 0.5, None, value),
        lambda: store.create_room("T", "baseline", ALLOWED, {"leader.resolve": value}),
        lambda: store.create_room("T", "baseline", value),
        lambda: store.start_next_round(code, key, current, {"chain.base_refusal": value}),
    )
    assert store.room(code).join_code == code


@PROPERTY
@given(data=st.data())
def test_any_input_anywhere_gives_a_result_or_a_workshop_error(store, participant_token, data):
    """Arbitrary arguments to every method at once, the real code, key and token among them."""
    code, key, token = participant_token
    current = store.current_round(code).number
    codes = st.one_of(st.just(code), st.just(f"{code[:4].lower()}-{code[4:]}"), ANY_TEXT,
                      ANY_INT)
    keys = st.one_of(st.just(key), ANY_TEXT, ANY_INT, st.none())
    tokens = st.one_of(st.just(token), ANY_TEXT, ANY_INT, st.none())
    numbers = st.one_of(st.just(current), ANY_INT, ANY_FLOAT, st.none())
    draw = data.draw
    calls = {
        "join": lambda: store.join(draw(codes), draw(ANY_TEXT)),
        "room": lambda: store.room(draw(codes)),
        "participant": lambda: store.participant(draw(codes), draw(tokens)),
        "check_facilitator_key": lambda: store.check_facilitator_key(draw(codes), draw(keys)),
        "submit": lambda: store.submit(draw(codes), draw(tokens), draw(numbers),
                                       draw(ANY_NUMBER), draw(ANY_NUMBER), draw(ANY_PARAMS)),
        "own_submission": lambda: store.own_submission(draw(codes), draw(tokens),
                                                       draw(numbers)),
        "submissions": lambda: store.submissions(draw(codes), draw(numbers)),
        "create_room": lambda: store.create_room(
            draw(ANY_TEXT), draw(st.one_of(st.sampled_from(list_presets()), ANY_TEXT)),
            draw(st.one_of(st.lists(PARAM_NAME, max_size=3), ANY_VALUE)), draw(ANY_PARAMS)),
        "start_next_round": lambda: store.start_next_round(
            draw(codes), draw(keys), draw(numbers), draw(ANY_PARAMS), draw(ANY_TEXT)),
        "lock_round": lambda: store.lock_round(draw(codes), draw(keys), draw(numbers)),
        "reveal": lambda: store.reveal(draw(codes), draw(keys), draw(numbers), lambda r, b: {}),
    }
    only_workshop_errors(calls[draw(st.sampled_from(sorted(calls)))])
    assert store.room(code).join_code == code
