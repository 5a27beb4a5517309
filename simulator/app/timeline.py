"""The risk over time: each view's chance of nuclear use in the next 13 weeks, week by week.

At each week of the record, a view's worlds are weighed by how well their history up to the
date agrees with what was known on it (``simulator.evidence.nowcast``), and the chance is
read over the 13 weeks that follow. Each view's series is computed once per server on the
app's process pool (``timeline_compute.view_series``, seed fixed) and cached: moving the
date slider only reads it. Below the chart, at the chosen date: each view's answer, what
the record said by then and what happened next; then the prequential scores and the
forecasts of the time beside each view's answer to the same question.

The link keeps the date and the views (``?as_of=2022-11-16&views=baseline,kemp``, ids in
both languages), so a link opens what it showed; a bad value is named and dropped.

The page covers the record year (the default) or the whole war to Sep 2025 (``?span=war``,
``timeline_war``), whose years from 21 Sep 2023 are the held-out years, said so plainly.
"""

import datetime as dt
import re

import pandas as pd
import streamlit as st

from simulator import locales
from simulator.app import charts, compute, i18n, links, runs, widgets
from simulator.app import timeline_compute as tc
from simulator.app import timeline_war as tw
from simulator.app.i18n import tr
from simulator.app.scenarios import short_name
from simulator.app.timeline_chart import Line, Marker, risk_over_time
from simulator.evidence import nowcast
from simulator.evidence import record as records


@st.cache_data(max_entries=32, show_spinner=False)
def series(name: str, seed: int, span: str = "year"):
    """One view's series (``timeline_compute.view_series``), computed once per server."""
    return runs._jobs().answer(tc.view_series, name, seed, span)


def all_series(names: list[str], seed: int, span: str = "year") -> dict:
    """The views' series, the ones not cached yet started side by side on the pool."""
    jobs = runs._jobs()
    if compute.workers():
        for name in names:
            jobs.start(tc.view_series, name, seed, span)
    return {name: series(name, seed, span) for name in names}


KEPT_DAY = "timeline_day_kept"  # the date shown at the last run (see the slider)
ISO_DAY = re.compile(r"\s*([0-9]{4}-[0-9]{2}-[0-9]{2})\s*")


def code(value: str) -> str:
    """A value the link may hold, as code: an id, not a word (in French too)."""
    return widgets.plain(value, code=True)


def check_view(raw: str) -> None:
    """Raise ValueError unless ``raw`` lists the page's views (ids, comma-separated)."""
    if not all(part.strip() in tc.VIEWS for part in raw.split(",")):
        raise ValueError(tr("timeline.url_view", options=", ".join(map(code, tc.VIEWS))))


def linked_views() -> list[str]:
    """The link's views, ``views=baseline,kemp`` or ``views=baseline&views=kemp``, in order."""
    parts = [part.strip() for raw in st.query_params.get_all("views") for part in raw.split(",")]
    return list(dict.fromkeys(parts))


def check_day(dates: list[dt.date]):
    """A check that a link's date is an ISO date within the series (any day: nearest week)."""
    def check(raw: str) -> None:
        found = ISO_DAY.fullmatch(raw)
        try:
            day = dt.date.fromisoformat(found[1]) if found else None
        except ValueError:  # 2022-02-30
            day = None
        if day is None or not dates[0] <= day <= dates[-1]:
            raise ValueError(tr("timeline.url_as_of", first=code(dates[0].isoformat()),
                                last=code(dates[-1].isoformat())))
    return check


def nearest(dates: list[dt.date], raw: str) -> dt.date:
    """The series' week nearest to a checked link date (the earlier on a tie)."""
    day = dt.date.fromisoformat(raw.strip())
    return min(dates, key=lambda d: abs(d - day))


def warn_refused(problems: dict, shown: dict[str, str]) -> None:
    """``widgets.warn_bad_url_values`` with what is shown instead given.

    That one reads it from the widget of the link's key; here the keys differ, and a link's
    good views stay when a bad one is dropped. The reasons are this page's own texts (no link
    value in them), with the allowed values as code.
    """
    for key, (raw, reason) in problems.items():
        st.warning(tr("url.bad_value", setting=widgets.shown_value(f"{key}={raw}"),
                      reason=reason, fallback=widgets.shown_value(shown[key])),
                   icon=":material/warning:")


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


st.title(tr("timeline.title"))
notices = st.container()
problems = widgets.bad_url_values({"span": tw.check_span})
with notices:
    widgets.warn_unknown_url_keys("views", "as_of")  # checked below (as_of once computed)
span = tw.span_picker()
the_record = tc.span_record(span)
st.markdown(tr("timeline.intro", start=i18n.date(the_record.start), weeks=tc.WEEKS))
if span == "war":
    tw.war_note(the_record)
# The chart first, the date slider under it, the views' picker (tall on a phone) folded.
chart_spot, slider_spot = st.container(), st.container()
# The views in the link as ids, one value each, so a bad one is dropped and the others stay.
if any("," in raw for raw in st.query_params.get_all("views")) and not all(
        view in tc.VIEWS for view in linked_views()):
    st.query_params["views"] = linked_views()
problems |= widgets.bad_url_values({"views": check_view})
if "timeline_views" not in st.session_state:  # from the link, once per visit
    st.session_state["timeline_views"] = linked_views() or list(tc.VIEWS)
with st.expander(tr("timeline.views")):
    chosen_views = st.multiselect(tr("timeline.views"), tc.VIEWS, format_func=view_label,
                                  key="timeline_views", label_visibility="collapsed")
links.write("views", ",".join(chosen_views), ",".join(tc.VIEWS) if chosen_views else "")
if not chosen_views:  # only by the picker: a link whose views were all refused shows them all
    st.info(tr("timeline.need_one"))
    st.stop()
with st.spinner(tr("timeline.computing_war" if span == "war" else "timeline.computing")):
    found = all_series(list(chosen_views), tc.SEED, span)
first = found[chosen_views[0]]
dates = [point.as_of for point in first.points]
events = tc.marked_events(the_record, dates[0], dates[-1])

# The page opens on the link's date (its nearest week), else on the one shown at the last run,
# else on the first date the worlds are weighed on Ukraine's autumn gains. The slider's value
# travels as its label ('16 Nov 2022'): switching the language makes it unknown, so the date
# shown is kept apart (in the link too) and is the default the slider falls back to.
tw.follow_span(span, dates)  # the span just changed: its date moves into the new span
problems |= widgets.bad_url_values({"as_of": check_day(dates)})
opening = next((e.date for e in the_record.events if e.id == tc.OPENING_EVENT), dates[0])
opening = next((d for d in dates if d >= opening), dates[0])
kept = st.session_state.get(KEPT_DAY)
linked = st.query_params.get_all("as_of")
with slider_spot:
    day = st.select_slider(tr("timeline.date"), dates,
                           value=nearest(dates, linked[-1]) if linked else
                           kept if kept in dates else opening,
                           format_func=i18n.date, key="timeline_day",
                           help=tr("timeline.date_help_war", weeks=tc.WEEKS,
                                   end=i18n.date(tw.war.WAR_END)) if span == "war" else
                           tr("timeline.date_help", weeks=tc.WEEKS))
st.session_state[KEPT_DAY] = day
links.write("as_of", day.isoformat(), opening.isoformat())
with notices:
    warn_refused(problems, {"views": ",".join(chosen_views), "as_of": day.isoformat(),
                            "span": span})

lines = [Line(view_label(name), dates, [p.estimate.estimate for p in found[name].points],
              [p.estimate.ci_low for p in found[name].points],
              [p.estimate.ci_high for p in found[name].points]) for name in chosen_views]
markers = [Marker(i18n.forecaster(b.forecast.forecaster), b.forecast.made, b.forecast.probability,
                  b.forecast.horizon) for b in first.beside]
numbered = tw.marks(events, span, dates[0], dates[-1], event_label)
with chart_spot:
    charts.show(risk_over_time(lines, markers, [m.day for m in numbered], day, tc.WEEKS),
                key="timeline_chart")
st.caption(tr("timeline.caption", weeks=tc.WEEKS, seed=tc.SEED,
              target=i18n.fmt_number(nowcast.TARGET_ESS)))
with st.expander(tr("timeline.events_title")):
    st.markdown("\n".join(widgets.plain(tr(
        "timeline.event_line", n=n + 1, date=i18n.date(m.day), label=m.label)) + "  "
        for n, m in enumerate(numbered)))
if span == "war":
    tw.scheduled(numbered)

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
    text = tr("timeline.forecast_line", who=widgets.plain(i18n.forecaster(forecast.forecaster)),
              made=i18n.date(forecast.made), p=i18n.fmt_percent(forecast.probability),
              horizon=i18n.date(forecast.horizon))
    answers = tr("timeline.list_sep").join(
        tr("timeline.view_answer", view=view_label(name),
           p=i18n.fmt_percent(found[name].beside[i].point.estimate.estimate))
        for name in chosen_views)
    parts = [text, tr("timeline.forecast_views", answers=answers)]
    if tw.is_later(forecast):  # its own question (an upper bound), and a held-out test
        parts[1:1] = [widgets.plain(locales.translate(
            i18n.language(), f"forecast.question.{forecast.id}", forecast.question))]
        parts.append(tr("timeline.forecast_later"))
    if beside.truncated:
        cut = the_record.start + dt.timedelta(weeks=beside.point.week + beside.point.weeks,
                                              days=-1)
        parts.append(tr("timeline.forecast_cut", cut=i18n.date(cut)))
    st.markdown("  \n".join(parts))
