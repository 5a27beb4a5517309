"""The page "The risk over time": the record year or the whole war, and what the war adds.

The span picker (``span_picker``) keeps its choice in the link (``?span=war``, the ids in both
languages; the record year is the default and leaves the link short). The whole war says
plainly that its years from 21 Sep 2023 are the held-out years, never used to set anything
(``war_note``), and numbers on the chart, as the record's events, the held-out events
scheduled in every world (``marks``), listed below it (``scheduled``).
Nothing here computes: the series are ``timeline_compute``'s.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from simulator.app import i18n, links, widgets
from simulator.app import timeline_compute as tc
from simulator.app.i18n import tr
from simulator.evidence import record as records
from simulator.evidence import war

SPAN_KEY = "timeline_span"
"""The picker's widget key; ``span`` is its key in the link."""
SHOWN_SPAN = "timeline_span_shown"  # the span of the last run (see ``follow_span``)


def check_span(raw: str) -> None:
    """Raise ValueError unless ``raw`` is one of the spans (``year``, ``war``)."""
    if raw not in tc.SPANS:
        raise ValueError(tr("timeline.url_span", options=", ".join(
            widgets.plain(span, code=True) for span in tc.SPANS)))


def span_picker() -> str:
    """The record year or the whole war, from the link once a visit, written back to it.

    Check the link's ``span`` first (``widgets.bad_url_values({"span": check_span})``).
    """
    if SPAN_KEY not in st.session_state:  # from the link, once per visit
        linked = [raw for raw in st.query_params.get_all("span") if raw in tc.SPANS]
        st.session_state[SPAN_KEY] = linked[-1] if linked else tc.SPANS[0]
    span = st.radio(tr("timeline.span"), tc.SPANS, key=SPAN_KEY, horizontal=True,
                    format_func=lambda s: tr(f"timeline.span.{s}"), help=tr("timeline.span_help"))
    links.write("span", span, tc.SPANS[0])
    return span


def follow_span(span: str, dates: list[dt.date]) -> None:
    """When the reader switched the span, move the link's date to the new span's nearest week.

    A date of the whole war past the record year is no mistake of the link's when the reader
    goes back to the year: it moves, quietly, instead of being refused.
    """
    before = st.session_state.get(SHOWN_SPAN)
    st.session_state[SHOWN_SPAN] = span
    linked = st.query_params.get_all("as_of")
    if before in (None, span) or not linked:
        return
    try:
        day = dt.date.fromisoformat(linked[-1].strip())
    except ValueError:
        return
    if not dates[0] <= day <= dates[-1]:
        st.query_params["as_of"] = min(dates, key=lambda d: abs(d - day)).isoformat()


def war_note(rec: records.Record) -> None:
    """The whole war's plain statement: from 21 Sep 2023 the held-out years, tests only."""
    end = max(e.date for e in rec.events)
    st.info(tr("timeline.war_note", held=i18n.date(war.HELD_OUT_FROM),
               weeks=rec.horizon_weeks, end=i18n.date(end)), icon=":material/science:")


@dataclass(frozen=True)
class Mark:
    """One numbered dotted line of the chart.

    A recorded event or, in the whole war, a held-out event scheduled in every world (an input).
    """

    day: dt.date
    label: str
    scheduled: bool = False


def _scheduled_events() -> list[dict]:
    return sorted(war.held().schedule, key=lambda e: e["date"])


def marks(events: list[records.Event], span: str, first: dt.date, last: dt.date,
          label: Callable[[records.Event], str]) -> list[Mark]:
    """The chart's numbered lines in date order, so a number reads left to right.

    The whole war adds its scheduled events within the chart's dates: they happened, and
    every world lives them, so the chart shows them the same way as the record's.
    """
    found = [Mark(event.date, label(event)) for event in events]
    if span == "war":
        found += [Mark(e["date"], tr("timeline.scheduled_mark",
                                     label=tr(f"timeline.scheduled.{e['label']}")), True)
                  for e in _scheduled_events() if first <= e["date"] <= last]
    return sorted(found, key=lambda mark: (mark.day, mark.scheduled))


def scheduled(shown: list[Mark]) -> None:
    """The held-out events scheduled in every world of the whole war, in date order.

    Each with its number on the chart (none past the chart's last date).
    """
    numbers = {mark.day: n + 1 for n, mark in enumerate(shown) if mark.scheduled}
    lines = []
    for e in _scheduled_events():
        label = tr(f"timeline.scheduled.{e['label']}")
        lines.append(tr("timeline.event_line", n=numbers[e["date"]], date=i18n.date(e["date"]),
                        label=label) if e["date"] in numbers else
                     tr("timeline.scheduled_line", date=i18n.date(e["date"]), label=label))
    with st.expander(tr("timeline.scheduled_title")):
        st.markdown("\n".join(f"- {widgets.plain(line)}" for line in lines))


def is_later(forecast: records.Forecast) -> bool:
    """Whether a forecast was published in the held-out years (its views' answers: tests)."""
    return forecast.made >= war.HELD_OUT_FROM
