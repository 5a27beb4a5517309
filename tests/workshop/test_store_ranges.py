"""A participant's optional plausible range (simulator/workshop/validation.py ``checked_range``,
store.py, schema.py version 2): checked by field, stored and read back, replaced, exported,
and a database made by schema version 1 migrated in place with its answers intact.

Each test runs on SQLite and on PostgreSQL (the fixtures of tests/support/workshop_store.py).
"""

import pytest
from sqlalchemy import create_engine, inspect, select
from support.workshop_store import (  # noqa: F401 (the _fixtures: pytest finds them by name)
    _database_url_for_test,
    _open_store,
    _participant_token,
    _room,
    _store,
    version_1_database,
)

from simulator.workshop import WorkshopError, results, revealed
from simulator.workshop.schema import SCHEMA_VERSION, schema_version


def test_a_range_is_stored_read_back_replaced_and_exported(store, participant_token):
    code, _, token = participant_token
    mine = store.submit(code, token, 1, 0.2, None, {}, forecast_low=0.05, forecast_high=0.4)
    assert (mine.forecast, mine.forecast_low, mine.forecast_high) == (0.2, 0.05, 0.4)
    assert mine.forecast_range == (0.05, 0.4)
    assert store.own_submission(code, token) == mine
    assert store.submissions(code) == [mine]
    (row,) = store.export_rows(code)
    assert (row["forecast"], row["forecast_low"], row["forecast_high"]) == (0.2, 0.05, 0.4)
    # The ends may equal the forecast; 0 and 1 are probabilities too; -0.0 is stored as 0.0.
    edge = store.submit(code, token, 1, 0.0, None, {}, forecast_low=-0.0, forecast_high=1)
    assert edge.forecast_range == (0.0, 1.0) and str(edge.forecast_low) == "0.0"
    tight = store.submit(code, token, 1, 0.3, None, {}, forecast_low=0.3, forecast_high=0.3)
    assert tight.forecast_range == (0.3, 0.3)
    # An answer replaced without a range has none any more; without one is valid as ever.
    plain = store.submit(code, token, 1, 0.25)
    assert (plain.forecast_low, plain.forecast_high, plain.forecast_range) == (None, None, None)
    assert store.export_rows(code)[0]["forecast_low"] is None


@pytest.mark.parametrize(
    ("forecast", "low", "high", "field", "says"),
    [
        (0.2, 0.1, None, "forecast_high", "needs both ends"),  # one end alone
        (0.2, None, 0.3, "forecast_low", "needs both ends"),
        (0.2, 0.3, 0.5, "forecast_low", "is above the forecast, 20%"),
        (0.2, 0.05, 0.1, "forecast_high", "is below the forecast, 20%"),
        (0.2, -0.1, 0.3, "forecast_low", "not a probability from 0 to 1 (0% to 100%)"),
        (0.2, 0.1, 1.5, "forecast_high", "not a probability from 0 to 1 (0% to 100%)"),
        (0.2, float("nan"), 0.3, "forecast_low", "not a probability"),
        (0.2, 0.1, float("inf"), "forecast_high", "not a probability"),
        (0.2, True, 0.3, "forecast_low", "not a probability"),
        (0.2, 0.1, 10**400, "forecast_high", "not a probability"),
        (0.2, "0.1", 0.3, "forecast_low", "not a probability"),
    ],
)
def test_a_bad_range_names_the_field_says_what_is_allowed_and_changes_nothing(
        store, participant_token, forecast, low, high, field, says):
    code, _, token = participant_token
    before = store.submit(code, token, 1, 0.5, None, {}, forecast_low=0.4, forecast_high=0.6)
    with pytest.raises(WorkshopError) as error:
        store.submit(code, token, 1, forecast, None, {}, forecast_low=low, forecast_high=high)
    assert error.value.field == field
    assert str(error.value).startswith(f"{field}: ") and says in str(error.value)
    assert len(str(error.value)) < 300
    assert store.own_submission(code, token) == before


def test_a_version_1_database_is_migrated_and_keeps_its_answers(database_url_for_test,
                                                                open_store):
    """An app upgraded over a running workshop's database: old answers stay, ranges work."""
    code, key, token = version_1_database(database_url_for_test)
    store = open_store()
    engine = create_engine(database_url_for_test)
    try:
        with engine.connect() as conn:
            assert conn.scalar(select(schema_version.c.version)) == SCHEMA_VERSION == 3
            columns = {c["name"]: c for c in inspect(conn).get_columns("workshop_submissions")}
        assert columns["forecast_low"]["nullable"] and columns["forecast_high"]["nullable"]
    finally:
        engine.dispose()
    (old,) = store.submissions(code)
    assert (old.display_name, old.forecast, old.params) == ("Old Ana", 0.15, {"chain.layers": 4})
    assert old.forecast_range is None
    assert store.participant(code, token).display_name == "Old Ana"
    _, ben = store.join(code, "Ben")
    store.submit(code, ben, 1, 0.3, None, {}, forecast_low=0.1, forecast_high=0.5)
    # Opening it again (a restart, a second app process) migrates nothing twice.
    again = open_store()
    assert [s.forecast_range for s in again.submissions(code)] == [None, (0.1, 0.5)]
    again.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=600,
                                                            allowed=["chain.layers"]))
    shown = revealed.round_results(again.current_round(code), again.submissions(code))
    assert len(shown.ranged_rows) == 1 and shown.rows[0].model_in_range is None
