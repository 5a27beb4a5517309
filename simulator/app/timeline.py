"""The risk over time: each view's chance of nuclear use in the next 13 weeks, week by week.

At each week of the record, a view's worlds are weighed by how well their history up to the
date agrees with what was known on it (``simulator.evidence.nowcast``), and the chance is
read over the 13 weeks that follow. Each view's series is computed once per server on the
app's process pool (``timeline_compute.view_series``, seed fixed) and cached: moving the
date slider only reads it. Below the chart, at the chosen date: each view's answer, what
the record said by then and what happened next; then the prequential scores and the
forecasts of the time beside each view's answer to the same question.
"""

import datetime as dt

import pandas as pd
import streamlit as st

from simulator import locales
from simulator.app import charts, compute, i18n, runs, widgets
from simulator.app import timeline_compute as tc
from simulator.app.i18n import tr
from simulator.app.scenarios import short_name
from simulator.app.timeline_chart import Line, Marker, risk_over_time
from simulator.evidence import nowcast
from simulator.evidence import record as records


@st.cache_data(max_entries=32, show_spinner=False)
def series(name: str, seed: int):
    """One view's series (``timeline_compute.view_series``), computed once per server."""
    return runs._jobs().answer(tc.view_series, name, seed)


def all_series(names: list[str], seed: int) -> dict:
    """The views' series, the ones not cached yet started side by side on the pool."""
    jobs = runs._jobs()
    if compute.workers():
        for name in names:
            jobs.start(tc.view_series, name, seed)
    return {name: series(name, seed) for name in names}


KEPT_DAY = "timeline_day_kept"  # the date shown at the last run (see the slider)


def view_label(name: str) -> str:
    """A view's name in the page's language."""
    return i18n.preset_name(name, short_name(name))


def event_label(event: records.Event) -> str:
    """A recorded event's label in the page's language."""
    return locales.translate(i18n.language(), f"record_event.{event.id}", event.label)


def estimate_text(estimate) -> str:
    """'4.9% [4.3%, 5.5%]' in the page's language."""
    return i18n.fmt_estimate(tc.OUTCOME, estimate, probability=True)


def so_far(event: records.Event, upto) -> str:
    """A "none so far" fact in words of the date ('No nuclear weapon used, ..., up to ...').

    The record's own label speaks of the whole year (Wagner's mutiny of June 2023 too).
    """
    key = f"timeline.so_far.{event.outcome}"
    if i18n.has(key):
        return tr(key, date=i18n.date(upto))
    return tr("timeline.fact_so_far", label=event_label(event), date=i18n.date(upto))


def dated(event: records.Event) -> str:
    """The event's label with its date, unless the label says it already."""
    label, day = event_label(event), i18n.date(event.date)
    return label if day in label else tr("timeline.fact_dated", label=label, date=day)


def bullets(lines: list[str]) -> str:
    """Markdown bullets of texts that come from the record, shown as plain text."""
    return "\n".join(f"- {widgets.plain(line)}" for line in lines)


the_record = records.default()
st.title(tr("timeline.title"))
widgets.warn_unknown_url_keys()  # the page reads no link key
st.markdown(tr("timeline.intro", start=i18n.date(the_record.start), weeks=tc.WEEKS))
# The chart first, the date slider under it, the views' picker (tall on a phone) folded.
chart_spot, slider_spot = st.container(), st.container()
with st.expander(tr("timeline.views")):
    chosen_views = st.multiselect(tr("timeline.views"), tc.VIEWS, default=list(tc.VIEWS),
                                  format_func=view_label, key="timeline_views",
                                  label_visibility="collapsed")
if not chosen_views:
    st.info(tr("timeline.need_one"))
    st.stop()
with st.spinner(tr("timeline.computing")):
    found = all_series(list(chosen_views), tc.SEED)
first = found[chosen_views[0]]
dates = [point.as_of for point in first.points]
events = tc.marked_events(the_record, dates[0], dates[-1])

# The page opens on the first date the worlds are weighed on Ukraine's autumn gains. The
# slider's value travels as its label ('16 Nov 2022'): switching the language makes it
# unknown, so the date shown is kept apart and is the default the slider falls back to.
opening = next((e.date for e in the_record.events if e.id == tc.OPENING_EVENT), dates[0])
kept = st.session_state.get(KEPT_DAY)
with slider_spot:
    day = st.select_slider(tr("timeline.date"), dates,
                           value=kept if kept in dates else next(
                               (d for d in dates if d >= opening), dates[0]),
                           format_func=i18n.date, key="timeline_day",
                           help=tr("timeline.date_help", weeks=tc.WEEKS))
st.session_state[KEPT_DAY] = day

lines = [Line(view_label(name), dates, [p.estimate.estimate for p in found[name].points],
              [p.estimate.ci_low for p in found[name].points],
              [p.estimate.ci_high for p in found[name].points]) for name in chosen_views]
markers = [Marker(b.forecast.forecaster, b.forecast.made, b.forecast.probability,
                  b.forecast.horizon) for b in first.beside]
with chart_spot:
    charts.show(risk_over_time(lines, markers, [e.date for e in events], day, tc.WEEKS),
                key="timeline_chart")
st.caption(tr("timeline.caption", weeks=tc.WEEKS, seed=tc.SEED,
              target=i18n.fmt_number(nowcast.TARGET_ESS)))
with st.expander(tr("timeline.events_title")):
    st.markdown("\n".join(widgets.plain(tr(
        "timeline.event_line", n=n + 1, date=i18n.date(e.date), label=event_label(e))) + "  "
        for n, e in enumerate(events)))

# --- at the chosen date ---------------------------------------------------------------------

st.subheader(tr("timeline.on", date=i18n.date(day)))
start, end = tc.window(the_record, day)
st.markdown(tr("timeline.window", first=i18n.date(start), last=i18n.date(end),
               weeks=tc.WEEKS, date=i18n.date(day)))
with st.container(key="timeline_known_then"):
    st.markdown("\n".join(
        "- " + tr("timeline.answer", view=view_label(name), p=i18n.fmt_percent(
            point.estimate.estimate), interval=i18n.fmt_interval(
            i18n.fmt_percent(point.estimate.ci_low), i18n.fmt_percent(point.estimate.ci_high)),
            ess=i18n.fmt_number(point.ess))
        for name in chosen_views
        for point in [next(p for p in found[name].points if p.as_of == day)]))
st.caption(tr("timeline.ess"))

known = tc.known_at(the_record, day)
st.markdown(f"**{tr('timeline.facts_title')}**")
facts = [so_far(e, upto) for e, upto in known.so_far]
facts += [dated(e) for e in known.dated]
st.markdown(bullets(facts) if facts else tr("timeline.no_facts"))
if known.context:
    st.markdown(f"**{tr('timeline.context_title')}**")
    st.markdown(bullets([dated(e) for e in known.context]))
st.markdown(f"**{tr('timeline.next_title')}**")
later, used = tc.next_events(the_record, day)
happened = [tr("timeline.next_event", date=i18n.date(e.date), label=event_label(e))
            for e in later] or [tr("timeline.nothing_next")]
happened.append(tr("timeline.no_use_next" if used is False else "timeline.use_unknown",
                   first=i18n.date(start), last=i18n.date(end)))
with st.container(key="timeline_next"):
    st.markdown(bullets(happened))

# --- the scores and the forecasts -------------------------------------------------------------

st.subheader(tr("timeline.scores_title"))
periods = ", ".join(i18n.date(p.point.as_of) for p in first.periods)
st.markdown(tr("timeline.scores_intro", weeks=tc.WEEKS, periods=periods))
with st.container(key="timeline_scores"):
    st.table(pd.DataFrame([{
        tr("timeline.col_view"): view_label(name),
        tr("timeline.col_log"): i18n.fmt_number(found[name].log_score, 4),
        tr("timeline.col_brier"): i18n.fmt_number(found[name].brier, 5),
        tr("timeline.col_periods"): str(len(found[name].periods)),
    } for name in chosen_views]).set_index(tr("timeline.col_view")))
st.caption(tr("timeline.scores_caption"))

st.subheader(tr("timeline.forecasts_title"))
for i, beside in enumerate(first.beside):
    forecast = beside.forecast
    text = tr("timeline.forecast_line", who=widgets.plain(forecast.forecaster),
              made=i18n.date(forecast.made), p=i18n.fmt_percent(forecast.probability),
              horizon=i18n.date(forecast.horizon))
    answers = tr("timeline.list_sep").join(
        tr("timeline.view_answer", view=view_label(name),
           p=i18n.fmt_percent(found[name].beside[i].point.estimate.estimate))
        for name in chosen_views)
    parts = [text, tr("timeline.forecast_views", answers=answers)]
    if beside.truncated:
        cut = the_record.start + dt.timedelta(weeks=beside.point.week + beside.point.weeks,
                                              days=-1)
        parts.append(tr("timeline.forecast_cut", cut=i18n.date(cut)))
    st.markdown("  \n".join(parts))
