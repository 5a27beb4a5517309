"""Crises over time on Explore: the scheduled events on a timeline, a form to add one.

A student asks "what if Ukraine broke the line in November?": the form schedules that crisis
in every world, Explore's numbers then come from the scenario with it (``scheduled``), and
the timeline says in plain words what is scheduled. The added events live in the session
(``ADDED``), not in the link: ``scheduled`` reads them before the page runs anything, and the
form's buttons change them in callbacks, so the next run already uses them. A label is the
student's own text: it reaches the page only through ``widgets.plain`` and the chart only
HTML-escaped (Plotly reads tags in its texts).
"""

import datetime as dt
import html
import unicodedata
from collections.abc import Sequence

import streamlit as st

from simulator.app import charts, i18n, widgets
from simulator.app.i18n import tr
from simulator.app.scenarios import Choice
from simulator.app.scheduled import Scheduled
from simulator.errors import ParameterError
from simulator.locales import formats
from simulator.model import events
from simulator.model.scenario import Scenario

ADDED = "explore_events"
"""Session-state key of the events the student added: a list of (id, ``events.Event``)."""
_NEXT_ID = "_explore_events_next"
_ERROR = "_explore_events_error"
FORM = "events_form"
"""The form's expander: keyed, so it stays open while the timeline above it changes."""
_INPUTS = ("event_date", "event_size", "event_label")
"""The form's text inputs, emptied once their event is added."""
ACTOR_COLOURS = {"battlefield": charts.CONVENTIONAL, "domestic": "#6c3fa0",
                 "west": charts.CURRENT, "leader": charts.SETTING}
"""A crisis's colour on the timeline: that of the actor whose mechanism it moves."""

Added = Sequence[tuple[int, events.Event]]


def _added() -> list[tuple[int, events.Event]]:
    return list(st.session_state.get(ADDED, []))


def scheduled(choice: Choice) -> Choice:
    """The setting Explore runs: ``choice`` plus the added events that fit its horizon.

    With none, ``choice`` itself, so the run is the one every other session shares.
    """
    horizon = choice.scenario().parameters["horizon_weeks"]
    kept = tuple(event for _, event in _added() if event.week < horizon)
    return (Scheduled(choice.preset, choice.overrides, choice.ranges, events=kept) if kept
            else choice)


def changed(choice: Choice) -> list[str]:
    """What the added events change, for Explore's "changed from the preset" line."""
    added = getattr(choice, "events", ())
    return [tr("events.changed", n=len(added))] if added else []


# --- the timeline ------------------------------------------------------------------------

def words(kind: events.Kind) -> str:
    """A kind of crisis in plain words, capitalised (for menus and lines)."""
    text = i18n.event_kind_words(kind.name, kind.words)
    return text[:1].upper() + text[1:]


def describe(event: events.Event) -> str:
    """One event in plain words: its date and week, what happens, its size, its label.

    The label is the user's text, in quotes; the caller makes the line inert where shown.
    """
    kind = events.KINDS[event.kind]
    what = words(kind) + (f" ({i18n.event_by(event.side)})" if len(kind.sides) > 1 else "")
    parts = [tr("events.when", date=i18n.date(event.date()), week=event.week), what]
    if kind.sizes:
        parts.append(tr("events.size_usual") if event.size is None else tr(
            "events.size_value", size=i18n.number(event.size), unit=i18n.unit(kind.unit)))
    label = " ".join(event.label.split())
    if label:
        parts.append(f"“{label}”")
    return " · ".join(parts)


def _chart_text(text: str) -> str:
    """A text Plotly shows as typed: no control or bidirectional marks, tags escaped."""
    text = "".join(char for char in text if unicodedata.category(char) not in ("Cc", "Cf"))
    return html.escape(text, quote=False)


def timeline_chart(scenario: Scenario) -> charts.Chart:
    """The scenario's events along the weeks of its horizon: one row per kind of crisis.

    Each mark is at its week's first day; hovering shows the event's line (``describe``).
    """
    horizon = scenario.parameters["horizon_weeks"]
    scheduled_events = scenario.events
    kinds = [name for name in events.KINDS if any(e.kind == name for e in scheduled_events)]
    rows = {name: i18n.event_kind_name(name) for name in kinds}
    chart = {"data": [dict(
        type="scatter", mode="markers", x=[e.date() for e in scheduled_events],
        y=[rows[e.kind] for e in scheduled_events], showlegend=False, cliponaxis=False,
        marker=dict(symbol="diamond", size=14, line=dict(width=1, color="white"),
                    color=[ACTOR_COLOURS.get(events.KINDS[e.kind].actor, charts.CONVENTIONAL)
                           for e in scheduled_events]),
        customdata=[_chart_text(describe(e)) for e in scheduled_events],
        hovertemplate="%{customdata}<extra></extra>")], "layout": {}}
    charts.date_axis(chart, charts.week_dates(horizon))
    day = dt.timedelta(days=4)
    chart["layout"]["xaxis"]["range"] = [events.week_date(0) - day,
                                         events.week_date(horizon - 1) + day]
    chart["layout"]["yaxis"] = dict(type="category", categoryorder="array",
                                    categoryarray=[rows[name] for name in kinds][::-1],
                                    automargin=True)
    # The pages' common layout (template, margins, French decimal commas).
    return charts._layout(chart, height=110 + 34 * len(kinds), showlegend=False)


def timeline(scenario: Scenario, removable: Added = ()) -> None:
    """Draw the scenario's events on the weeks of its horizon, each with its line in words.

    ``removable``: the added events among them, each drawn with its remove button. With no
    event, one line says the crises still arrive at their usual rates.
    """
    if not scenario.events:
        st.caption(tr("events.none"))
        return
    charts.show(timeline_chart(scenario), key="events_timeline")
    left = list(removable)
    for event in scenario.events:
        match = next((pair for pair in left if pair[1] == event), None)
        if match is None:
            st.markdown(widgets.plain(describe(event)))
        else:
            left.remove(match)
            _removable_row(*match)


def _removable_row(uid: int, event: events.Event) -> None:
    text, button = st.columns([6, 1], vertical_alignment="center")
    text.markdown(widgets.plain(describe(event)))
    button.button(tr("events.remove"), key=f"event_remove_{uid}", on_click=_remove,
                  args=(uid,), icon=":material/delete:")


def _remove(uid: int) -> None:
    st.session_state[ADDED] = [pair for pair in _added() if pair[0] != uid]


# --- the form ----------------------------------------------------------------------------

def _number_text(text: str) -> str:
    """A typed size as the model reads numbers ('0,3' and '5 000' in French, '5,000').

    The model then says what is wrong with anything else.
    """
    return formats.plain_number(i18n.language(), text)


def _entry(kind: events.Kind) -> dict:
    """The form's values as a scenario file writes an event (the model checks them)."""
    state = st.session_state
    entry = {"kind": kind.name}
    if len(kind.sides) > 1 and state.get("event_side") is not None:
        entry["side"] = state["event_side"]
    date = (state.get("event_date") or "").strip()
    if date:
        entry["date"] = date
    else:
        entry["week"] = state.get("event_week", 0)
    size = _number_text(state.get("event_size") or "") if kind.sizes else ""
    if size:
        entry["size"] = size
    label = state.get("event_label") or ""
    if label.strip():
        entry["label"] = label
    return entry


def _add(base: Scenario) -> None:
    """Check the form's event and add it, or keep the model's error for the form to show.

    ``base``: the setting without the added events. The error is the ParameterError's field
    and message (the field names the form's input).
    """
    state = st.session_state
    kind = events.KINDS[state.get("event_kind", next(iter(events.KINDS)))]
    horizon = base.parameters["horizon_weeks"]
    try:
        event = base.with_overrides({events.EVENTS_KEY: [_entry(kind)]}).events[0]
        # The whole schedule must still be allowed (at most events.MAX_EVENTS).
        base.with_events([*(e for _, e in _added() if e.week < horizon), event])
    except ParameterError as error:
        state[_ERROR] = (error.field, str(error).removeprefix(f"{error.field}: "))
        state[FORM] = True  # the error shows inside the form
        return
    uid = state.get(_NEXT_ID, 0)
    state[_NEXT_ID] = uid + 1
    state[ADDED] = [*_added(), (uid, event)]
    state.pop(_ERROR, None)
    for key in _INPUTS:
        state[key] = ""


def _field_name(field: str) -> str:
    """The form's name of a ParameterError's field (``events[0].size``: 'Size')."""
    name = field.rpartition(".")[2] if "." in field else "events"
    key = f"events.field.{name}"
    return tr(key) if i18n.has(key) else tr("events.field.events")


def form(base: Scenario) -> None:
    """Kind, side where it has two, week (or a date), size and label, then Add.

    ``base``: the setting without the added events; its horizon bounds the weeks.
    """
    horizon = base.parameters["horizon_weeks"]
    st.caption(tr("events.add_intro"))
    names = {name: words(kind) for name, kind in events.KINDS.items()}
    name = st.selectbox(tr("events.kind"), list(names), key="event_kind",
                        format_func=names.__getitem__)
    kind = events.KINDS[name]
    if len(kind.sides) > 1:
        sides = {side: i18n.event_side(side) for side in kind.sides}
        st.radio(tr("events.side"), list(sides), key="event_side",
                 format_func=sides.__getitem__, horizontal=True)
    weeks = {week: tr("events.week_option", week=week,
                      date=i18n.date(events.week_date(week))) for week in range(horizon)}
    st.select_slider(tr("events.week"), list(weeks), key="event_week",
                     format_func=weeks.__getitem__)
    st.text_input(tr("events.date", first=i18n.date(events.week_date(0)),
                     last=i18n.date(events.week_date(horizon - 1))),
                  key="event_date", help=tr("events.date_help"),
                  placeholder=tr("events.date_placeholder",
                                 example=events.week_date(min(horizon - 1, 36)).isoformat()))
    if kind.sizes:
        st.text_input(tr("events.size", unit=i18n.unit(kind.unit),
                         low=i18n.number(kind.low), high=i18n.number(kind.high)),
                      key="event_size", help=tr("events.size_help"))
    st.text_input(tr("events.label"), key="event_label", help=tr("events.label_help"))
    st.button(tr("events.add"), key="event_add", on_click=_add, args=(base,),
              type="primary", icon=":material/add:")
    error = st.session_state.get(_ERROR)
    if error:
        field, message = error
        st.error(tr("events.bad", field=_field_name(field),
                    error=widgets.english_passage(widgets.plain(message))),
                 icon=":material/error:")


def section(choice: Choice) -> None:
    """Explore's "Crises over time": the timeline, the added events left out, the form.

    The timeline shows what runs; an added event after the horizon stays listed (with its
    remove button) until the horizon reaches it again; the form stays open once opened,
    and opens to show an error.
    """
    base = choice.base() if isinstance(choice, Scheduled) else choice
    base_scenario = base.scenario()
    horizon = base_scenario.parameters["horizon_weeks"]
    added = _added()
    scenario = choice.scenario()
    st.subheader(tr("events.title"))
    if scenario.events:
        st.caption(tr("events.intro"))
    timeline(scenario, [pair for pair in added if pair[1].week < horizon])
    outside = [pair for pair in added if pair[1].week >= horizon]
    if outside:
        st.caption(tr("events.outside", last=horizon - 1))
        for uid, event in outside:
            _removable_row(uid, event)
    with st.expander(tr("events.add_title"), icon=":material/event:", key=FORM,
                     on_change="rerun"):
        form(base_scenario)
