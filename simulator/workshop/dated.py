"""Dated rounds (#27): a round set at a real date of the record, with the news of that day.

A dated round asks participants for P(nuclear use) from its date to the end of the horizon
(21 Sep 2023 for the record's year), the window a forecaster on that day faced. Its reveal
adds, beside everyone's answers, the model given the record up to the date
(``simulator.evidence.nowcast``: the round's base, its worlds weighed by what was known
then), the forecasts of the record made on or before the date, and what happened next.

The dates to choose from (`MOMENTS`) are real news of the year: the record's dated events
(``scenarios/record.yaml``) and the injects of the facilitation plans, each with the model's
event for it where one fits. No Streamlit here: texts take the language (``lang``).
"""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from simulator import locales
from simulator.evidence import nowcast, record
from simulator.locales import formats
from simulator.model.events import date_week
from simulator.results import analysis
from simulator.workshop.errors import WorkshopError
from simulator.workshop.labels import count, percent, published
from simulator.workshop.text import text as tx


@dataclass(frozen=True)
class Moment:
    """A real day a round can be set at, and the model's event for its news (if any).

    Attributes:
        id: Short name; its words are the text ``moment_<id>``.
        date: The day.
        kind: The model event it schedules in the day's week (``simulator.model.events``),
            or "" where no kind of event fits (the date alone then sets the round).
        side: Who starts it.
    """

    id: str
    date: dt.date
    kind: str = ""
    side: str = ""

    def events(self, lang: str = "en") -> list[dict[str, Any]]:
        """The inject's events as a scenario file writes them, labelled with the news."""
        if not self.kind:
            return []
        return [{"kind": self.kind, "side": self.side, "week": date_week(self.date),
                 "label": self.text(lang)}]

    def text(self, lang: str = "en") -> str:
        """'9 Nov 2022: Russia announces its withdrawal from Kherson'."""
        return tx(lang, "moment_line", date=day(self.date, lang),
                  what=tx(lang, f"moment_{self.id}"))


MOMENTS = (
    Moment("annexation", dt.date(2022, 9, 30)),
    Moment("energy_strikes", dt.date(2022, 10, 10), "conventional_signal", "russia"),
    Moment("kherson", dt.date(2022, 11, 9), "offensive", "ukraine"),
    Moment("new_start", dt.date(2023, 2, 21), "nuclear_signal", "russia"),
    Moment("belarus", dt.date(2023, 6, 16), "nuclear_signal", "russia"),
    Moment("wagner", dt.date(2023, 6, 24), "elite_crisis", "russia"),
)
"""The short list the facilitator picks from: the record's dated news (annexation, energy
strikes, New START, Belarus) and the plans' injects that happened (Kherson, Wagner)."""
BY_ID = {moment.id: moment for moment in MOMENTS}


def day(date: dt.date, lang: str = "en") -> str:
    """'9 Nov 2022' ('9 nov. 2022')."""
    return formats.day(locales.language(lang), date)


def checked_date(value: Any, horizon_weeks: int) -> dt.date | None:
    """A round's date (a date or ISO text), within the record and the horizon; None: none.

    Raises:
        WorkshopError: naming ``as_of``: not a date, outside the record, or leaving no week of
            the horizon to forecast.
    """
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise WorkshopError("as_of", "expected a date like 2022-11-09") from None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise WorkshopError("as_of", "expected a date like 2022-11-09")
    try:
        nowcast.check_date(record.default(), value)
    except nowcast.NowcastError as error:
        raise WorkshopError("as_of", str(error).removeprefix("as-of: ")) from None
    if window(value, horizon_weeks)[1] < 1:
        raise WorkshopError("as_of", f"{value} leaves no week of the {horizon_weeks}-week "
                            "horizon to forecast")
    return value


def window(as_of: dt.date, horizon_weeks: int) -> tuple[int, int]:
    """``(week, weeks)``: the week holding the date, and the weeks from it to the horizon."""
    week = record.default().week(as_of)
    return week, horizon_weeks - week


def window_days(as_of: dt.date, horizon_weeks: int) -> tuple[dt.date, dt.date, int]:
    """The question's first and last day and its weeks (the nowcast's window)."""
    week, weeks = window(as_of, horizon_weeks)
    first = record.default().start + dt.timedelta(weeks=week)
    return first, first + dt.timedelta(weeks=weeks, days=-1), weeks


def summary(as_of: dt.date | None, scenario, seed: int = 0) -> dict[str, Any] | None:
    """The reveal's model for a dated round: the round's base given the record up to its date.

    About a second (worlds drawn until 5,000 agree with the record's facts at the date).
    Stored with the round's results; a record too unlikely under the setting is a ``note``.
    """
    if as_of is None:
        return None
    horizon = scenario.parameters["horizon_weeks"]
    first, last, weeks = window_days(as_of, horizon)
    found: dict[str, Any] = {"as_of": str(as_of), "first": str(first), "last": str(last),
                             "weeks": weeks}
    try:
        answer = nowcast.nowcast(scenario, as_of, weeks, seed=seed, workers=1)
    except nowcast.NowcastError as error:
        return {**found, "note": str(error)}
    estimate = answer.estimate
    return {**found, "estimate": estimate.estimate, "ci_low": estimate.ci_low,
            "ci_high": estimate.ci_high, "ess": round(answer.ess), "worlds": answer.worlds,
            "facts": len(answer.facts), "unconditioned": answer.unconditioned.estimate}


def from_day(use_week: np.ndarray, as_of: dt.date, horizon_weeks: int) -> analysis.Estimate:
    """P(first use from the day to the horizon's end | no use before it), from a reveal's worlds.

    A participant's own scenario read on the dated round's question: only "no use so far"
    is conditioned on (the nowcast of the round's base conditions on the whole record).
    """
    week = record.default().week(as_of)
    when = np.asarray(use_week)
    alive = (when < 0) | (when >= week)
    return analysis.proportion(int(((when >= week) & (when < horizon_weeks)).sum()),
                               int(alive.sum()))


def forecasts_by(as_of: dt.date) -> list[record.Forecast]:
    """The record's forecasts made on or before the date, oldest first."""
    return sorted((f for f in record.default().forecasts if f.made <= as_of),
                  key=lambda f: (f.made, f.id))


def next_events(as_of: dt.date, lang: str = "en") -> list[str]:
    """What happened after the date, oldest first, one line each (the record and `MOMENTS`)."""
    found = [(e.date, locales.translate(lang, f"record_event.{e.id}", e.label))
             for e in record.default().events if e.date > as_of]
    recorded = {when for when, _ in found}  # a moment the record dates too is said once
    found += [(m.date, tx(lang, f"moment_{m.id}")) for m in MOMENTS
              if m.date > as_of and m.date not in recorded]
    return [tx(lang, "dated_next_line", date=day(when, lang), what=what)
            for when, what in sorted(found, key=lambda item: item[0])]


def setting_line(as_of: dt.date, horizon_weeks: int, lang: str = "en") -> str:
    """The round's date and window in words ('Set at 9 Nov 2022: ... (45 weeks).')."""
    first, last, weeks = window_days(as_of, horizon_weeks)
    return tx(lang, "dated_setting", date=day(as_of, lang), end=day(last, lang), weeks=weeks)


def model_line(found: dict[str, Any], lang: str = "en") -> str:
    """The reveal's nowcast in words, with what its interval covers."""
    when = day(dt.date.fromisoformat(found["as_of"]), lang)
    if "note" in found:
        return tx(lang, "dated_model_failed", date=when, error=found["note"])
    return tx(lang, "dated_model", date=when, estimate=percent(found["estimate"], lang),
              low=percent(found["ci_low"], lang), high=percent(found["ci_high"], lang),
              first=day(dt.date.fromisoformat(found["first"]), lang),
              last=day(dt.date.fromisoformat(found["last"]), lang),
              ess=count(found["ess"], lang), facts=found["facts"])


def forecast_lines(as_of: dt.date, lang: str = "en") -> list[str]:
    """What forecasters had said by the date, one line each (as published, with question)."""
    return [tx(lang, "dated_forecaster_line",
               who=locales.translate(lang, "forecaster", f.forecaster), made=day(f.made, lang),
               figure=published(f.probability, f.low, f.high, lang),
               question=short_question(locales.translate(lang, f"forecast.question.{f.id}",
                                                         f.question)),
               horizon=day(f.horizon, lang))
            for f in forecasts_by(as_of)]


def short_question(question: str) -> str:
    """The question's first sentence, without the record's notes in brackets."""
    first = re.split(r"(?<=[.?])\s", question.strip(), maxsplit=1)[0]
    return first.split(" (")[0].rstrip(".")


def room_line(forecasts: list[float], lang: str = "en") -> str:
    """The room's own forecasts from the date: median and lowest to highest."""
    if not forecasts:
        return tx(lang, "dated_room_none")
    ordered = sorted(forecasts)
    middle = len(ordered) // 2
    median = (ordered[middle] if len(ordered) % 2
              else (ordered[middle - 1] + ordered[middle]) / 2)
    return tx(lang, "dated_room", n=len(ordered), median=percent(median, lang),
              low=percent(ordered[0], lang), high=percent(ordered[-1], lang))


def participants_table(shown, lang: str = "en") -> pd.DataFrame:
    """Per participant: their forecast from the day beside their assumptions read from it."""
    return pd.DataFrame([{
        tx(lang, "t_name"): row.name,
        tx(lang, "dated_t_forecast"): percent(row.forecast, lang),
        tx(lang, "dated_t_model"): "–" if row.from_day is None else (
            f"{percent(row.from_day.estimate, lang)} ({percent(row.from_day.ci_low, lang)} – "
            f"{percent(row.from_day.ci_high, lang)})"),
    } for row in shown.rows])
