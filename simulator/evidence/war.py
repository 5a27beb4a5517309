"""The whole war, 21 Sep 2022 - 17 Sep 2025: the record year and the held-out years as one record.

The nowcast of the record year (``nowcast``, ``nowcast_series``) stops at its 52 weeks. The
whole war joins the two files the model reads: the first year's events and forecasts
(``scenarios/record.yaml``), the held-out years' events (``scenarios/record-2023-2025.yaml``)
and the forecasts published after 21 Sep 2023 (``scenarios/forecasts-later.yaml``). Each view
runs over 156 weeks with the held-out schedule as inputs (``held_out.scenario_for``: the fall
of Avdiivka, the Kursk incursion, the doctrine revision... in every world), so the same
nowcast can be asked at any week up to the last whose window ends by 17 Sep 2025.

The held-out years were never used to set anything (docs/HELD_OUT.md): answers after 21 Sep
2023 are tests, read once and reported, never a reason to change a parameter. Nothing here
fits or chooses; it only joins the files.
"""

import datetime as dt
from functools import lru_cache
from pathlib import Path

from simulator.evidence import held_out
from simulator.evidence import record as records
from simulator.model import safe_yaml
from simulator.model.scenario import SCENARIO_DIR, Scenario

LATER_FILE = SCENARIO_DIR / "forecasts-later.yaml"
HELD_OUT_FROM = dt.date(2023, 9, 21)
"""The first day of the held-out years (21 Sep 2023): answers from then on are tests."""
WAR_END = dt.date(2025, 9, 17)
"""Week 156, the held-out file's last day: every window of the whole war ends by it."""


def later_forecasts(path: str | Path = LATER_FILE) -> tuple[records.Forecast, ...]:
    """The forecasts published after the record year (``forecasts:``, record.yaml's shape)."""
    path = Path(path)
    document = safe_yaml.load(path, records.RecordError)
    try:
        top = records._mapping(document, str(path), {"forecasts"}, {"forecasts"})
        if not isinstance(top["forecasts"], list):
            raise records.RecordError("forecasts: expected a list")
        return tuple(records._forecast(f, i) for i, f in enumerate(top["forecasts"]))
    except records.RecordError as error:
        raise records.RecordError(f"{path}: {error}") from None


def join(first: records.Record, held: held_out.HeldOut,
         later: tuple[records.Forecast, ...] = ()) -> records.Record:
    """One record from the first year's, the held-out events and the later forecasts.

    It starts where the first year does and runs over the held-out horizon (156 weeks); an
    id in both parts is an error (a fact would be counted twice under one name).
    """
    events = (*first.events, *held.events)
    forecasts = (*first.forecasts, *later)
    for kind, items in (("events", events), ("forecasts", forecasts)):
        ids = [item.id for item in items]
        twice = next((x for x in ids if ids.count(x) > 1), None)
        if twice:
            raise records.RecordError(f"the whole war: {kind} id {twice!r} appears in both "
                                      "the record year and the later file")
    return records.Record(first.start, max(first.horizon_weeks, held.horizon), events,
                          forecasts)


@lru_cache(maxsize=1)
def default() -> records.Record:
    """The project's whole-war record (read once)."""
    return join(records.default(), held(), later_forecasts())


def record(first: records.Record | None = None) -> records.Record:
    """The whole-war record; ``first`` replaces the record year (the held-out part stays)."""
    if first is None or first is records.default():
        return default()
    return join(first, held(), later_forecasts())


def scenario(view: Scenario) -> Scenario:
    """``view`` over the whole war: 156 weeks, the held-out years' events scheduled."""
    return held_out.scenario_for(view, held())


@lru_cache(maxsize=1)
def held() -> held_out.HeldOut:
    """The held-out file as the model reads it (read once)."""
    return held_out.load()

