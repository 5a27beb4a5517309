"""Sensitivity: which assumptions drive an outcome, as ranked Sobol' indices.

The indices come from ``simulator.studies.sobol.sensitivity``. A run costs
samples x (parameters + 2) points of worlds-per-point worlds each, so it starts on a button
and runs in the background (``runs.sensitivity_job``) while a progress bar estimates the
time left; a result anyone has computed is shown at once (jobs are shared by every session).
The defaults finish in a few seconds. Names are plain words (``simulator.app.i18n``), numbers in the
page's language.

"Which unknowns matter most" (``sobol_vary=ranges``) varies the preset's own ranges instead,
each drawn from its distribution (``simulator.studies.unknowns``), and shows beside each
unknown the reason its preset gives for the range.
"""

import time

import pandas as pd
import streamlit as st

from simulator.app import compare_charts, i18n, links, runs, widgets
from simulator.app.i18n import tr
from simulator.app.scenarios import Choice, preset, presets, short_name
from simulator.model import params
from simulator.results import analysis
from simulator.studies import unknowns

# Powers of two: Sobol' sequences are balanced only at those sizes.
SAMPLE_OPTIONS = (8, 16, 32, 64, 128, 256, 512)
RUN_OPTIONS = (250, 500, 1_000, 2_000, 5_000)
DEFAULT_PARAMETERS = ["chain.base_refusal", "leader.bluff_share", "west.decisive_response"]
DEFAULT_OUTCOME = "nuclear_use"
DEFAULT_SAMPLES, DEFAULT_RUNS = 32, 250  # 160 points of 250 worlds: about 7 s
SEED = 0
# What varies: the parameters the user picks, or the preset's own ranges (its unknowns).
# (Comments, not docstrings: a page's bare strings would be shown on it.)
VARY_OPTIONS = ("chosen", "ranges")
UNKNOWN_SAMPLES, UNKNOWN_RUNS = 16, 500  # baseline's 27 ranges: 464 points, 1.5 to 3 s
UNKNOWN_SHOWN = 5  # unknowns the plain table shows with their reasons (all: analysts' table)
DISCOVERY_POINTS = 64  # settings scenario discovery runs: a few seconds at the default worlds
POLL_SECONDS = 0.25
INDEX_COLUMNS = ("first_order", "first_order_low", "first_order_high", "total", "total_low",
                 "total_high")


def _ranges(names: list[str], values: dict, spread: float) -> tuple[tuple[str, float, float], ...]:
    """Each parameter varies over ``spread`` of its range, centred on the preset's value."""
    ranges = []
    for name in names:
        param = params.SCHEMA[name]
        centre = widgets.slider_default(param, values[name])
        half = spread * (param.high - param.low) / 2
        low = round(max(param.low, centre - half), 6)  # no float noise in the cache key
        high = round(min(param.high, centre + half), 6)
        if param.integer:
            low, high = int(round(low)), int(round(high))
            if low == high:
                low, high = max(int(param.low), low - 1), min(int(param.high), high + 1)
        ranges.append((name, low, high))
    return tuple(ranges)


def _wait(job: runs.SensitivityJob) -> None:
    """A progress bar with the time left, until the job ends."""
    bar = st.progress(0.0, text=tr("sensitivity.progress_start"))
    while not job.finished:
        if job.total:
            bar.progress(job.fraction(), text=tr(
                "sensitivity.progress", done=job.done, total=job.total,
                left=i18n.fmt_duration(job.seconds_left())))
        else:
            bar.progress(job.fraction(), text=tr("sensitivity.progress_start"))
        time.sleep(POLL_SECONDS)
    bar.empty()


def _index(value: float, low: float, high: float) -> str:
    """'0.42 [0.30, 0.55]' in the page's number format."""
    return f"{i18n.fmt_number(value, 2)} " + i18n.fmt_interval(i18n.fmt_number(low, 2),
                                                               i18n.fmt_number(high, 2))


def _bound(name: str, value: float) -> str:
    """A bound of a parameter's studied range, in the unit students see ('15%', '12 weeks')."""
    return i18n.parameter_value(name, value)


def plain_table(table: pd.DataFrame) -> pd.DataFrame:
    """The ranked indices for students: plain names, each index with its interval."""
    return pd.DataFrame([{
        tr("sensitivity.col.rank"): str(row["rank"]),
        tr("sensitivity.col.parameter"): i18n.parameter(row["parameter"]),
        tr("sensitivity.col.low"): _bound(row["parameter"], row["low"]),
        tr("sensitivity.col.high"): _bound(row["parameter"], row["high"]),
        tr("sensitivity.col.first_order"): _index(row["first_order"], row["first_order_low"],
                                                  row["first_order_high"]),
        tr("sensitivity.col.total"): _index(row["total"], row["total_low"], row["total_high"]),
    } for _, row in table.iterrows()]).set_index(tr("sensitivity.col.rank"))


def _span(name: str, low: float, high: float, mode: float) -> str:
    """'36% to 46% (most likely 41%)': the range in the unit students see."""
    low_text, high_text, mode_text = (i18n.parameter_value(name, v) for v in (low, high, mode))
    return tr("unknowns.range", low=low_text, high=high_text, mode=mode_text, unit="")


def unknowns_table(table: pd.DataFrame, scenario) -> pd.DataFrame:
    """The ranked unknowns for students: plain names, the range, both indices, the reason."""
    return pd.DataFrame([{
        tr("sensitivity.col.rank"): str(row["rank"]),
        tr("sensitivity.col.parameter"): i18n.parameter(row["parameter"]),
        tr("unknowns.col.range"): _span(row["parameter"], row["low"], row["high"], row["mode"]),
        tr("sensitivity.col.total"): _index(row["total"], row["total_low"], row["total_high"]),
        tr("sensitivity.col.first_order"): _index(row["first_order"], row["first_order_low"],
                                                  row["first_order_high"]),
        tr("unknowns.col.why"): i18n.content(scenario.ranges[row["parameter"]], "why"),
    } for _, row in table.iterrows()]).set_index(tr("sensitivity.col.rank"))


def show_unknowns(preset_name: str, outcome: str) -> None:
    """Which unknowns matter most: Sobol' indices over the preset's own ranges, on a click."""
    st.subheader(tr("unknowns.title"))
    choice, scenario = Choice(preset_name), preset(preset_name)
    count = runs.unknown_count(choice)
    if not count:
        st.info(tr("unknowns.none", preset=preset_labels[preset_name]))
        return
    st.markdown(tr("unknowns.intro", count=count, outcome=i18n.outcome_plain(outcome)))
    left, middle = st.columns(2)
    samples = left.select_slider(tr("sensitivity.samples"), SAMPLE_OPTIONS,
                                 value=UNKNOWN_SAMPLES, key="unknowns_samples",
                                 bind="query-params")
    worlds = middle.select_slider(tr("sensitivity.runs"), RUN_OPTIONS, value=UNKNOWN_RUNS,
                                  key="unknowns_runs", bind="query-params")
    st.caption(tr("sensitivity.cost", worlds=i18n.fmt_number(samples * (count + 2) * worlds)))
    clicked = st.button(tr("unknowns.run"), type="primary", icon=":material/play_arrow:",
                        key="unknowns_run")
    job = runs.sensitivity_job(choice, unknowns.RANGES, outcome, samples, worlds, SEED,
                               start=clicked)
    if job is None:
        return
    _wait(job)
    if job.error is not None:
        raise job.error  # the page guard shows a short message and logs the traceback
    table = job.result
    top = table.iloc[0]
    st.markdown(tr("unknowns.top", parameter=i18n.parameter(top["parameter"]),
                   outcome=i18n.outcome_plain(outcome),
                   share=i18n.fmt_percent(max(0.0, float(top["total"])), 0)))
    with st.container(key="unknowns_plain"):
        st.table(unknowns_table(table.head(UNKNOWN_SHOWN), scenario))
    if len(table) > UNKNOWN_SHOWN:
        st.caption(tr("unknowns.rest", n=len(table) - UNKNOWN_SHOWN, share=i18n.fmt_percent(
            max(0.0, float(table["total"].iloc[UNKNOWN_SHOWN])), 1)))
    st.markdown(tr("unknowns.explain"))
    if job.noise_share is not None:
        st.caption(tr("unknowns.noise", worlds=i18n.fmt_number(worlds),
                      share=i18n.fmt_percent(job.noise_share)))
    st.caption(tr("sensitivity.took", seconds=i18n.fmt_duration(job.elapsed())))
    labels = [i18n.parameter(name) for name in table["parameter"]]
    with st.expander(tr("unknowns.details")):
        st.dataframe(
            table.assign(name=labels), hide_index=True, key="unknowns_table",
            column_order=["rank", "name", "kind", "low", "mode", "high", *INDEX_COLUMNS],
            column_config={"name": tr("sensitivity.col.parameter"),
                           "kind": tr("unknowns.col.kind"), "mode": tr("unknowns.col.mode"),
                           **{column: tr(f"sensitivity.col.{column}")
                              for column in ("rank", "low", "high", *INDEX_COLUMNS)}})
        st.download_button(tr("download.outcomes"), data=table.to_csv(index=False),
                           file_name=f"unknowns-{preset_name}-{outcome}.csv", mime="text/csv",
                           on_click="ignore", icon=":material/table:", key="unknowns_download")


st.title(tr("sensitivity.title"))
st.markdown(tr("sensitivity.lead"))
st.caption(tr("sensitivity.intro"))

problems = widgets.bad_url_values({
    "sobol_preset": widgets.check_preset,
    "sobol_outcome": widgets.check_choice(analysis.OUTCOMES),
    "sobol_parameters": widgets.check_choice(params.SCHEMA),
    "sobol_spread": widgets.check_number(0.1, 1.0),
    "sobol_samples": widgets.check_choice(SAMPLE_OPTIONS),
    "sobol_runs": widgets.check_choice(RUN_OPTIONS),
    "sobol_vary": widgets.check_choice(VARY_OPTIONS),
    "unknowns_samples": widgets.check_choice(SAMPLE_OPTIONS),
    "unknowns_runs": widgets.check_choice(RUN_OPTIONS),
})
# Labels fixed now, in this run's language: a widget may format its options later.
outcome_labels = {name: i18n.outcome(name) for name in analysis.OUTCOMES}
parameter_labels = {name: i18n.parameter(name) for name in params.SCHEMA}
# A design varies one view's parameters: the pooled views (several views at once) are left out.
designable = [name for name in presets() if not preset(name).pool]
preset_labels = {name: i18n.preset_name(name, short_name(name)) for name in designable}
links.seed("sobol_preset", designable[0], designable)
links.seed("sobol_outcome", DEFAULT_OUTCOME, analysis.OUTCOMES)
links.seed("sobol_parameters", DEFAULT_PARAMETERS, params.SCHEMA, many=True)
left, middle = st.columns(2)
preset_name = left.selectbox(tr("common.preset"), designable, key="sobol_preset",
                             format_func=preset_labels.__getitem__,
                             help=tr("sensitivity.no_pools"))
outcome = middle.selectbox(tr("sensitivity.outcome"), list(analysis.OUTCOMES),
                           key="sobol_outcome", format_func=outcome_labels.__getitem__)
vary_labels = {name: tr(f"sensitivity.vary.{name}") for name in VARY_OPTIONS}
links.seed("sobol_vary", VARY_OPTIONS[0], VARY_OPTIONS)
vary = st.radio(tr("sensitivity.vary"), VARY_OPTIONS, key="sobol_vary", horizontal=True,
                format_func=vary_labels.__getitem__)
links.write("sobol_preset", preset_name, designable[0])
links.write("sobol_outcome", outcome, DEFAULT_OUTCOME)
links.write("sobol_vary", vary, VARY_OPTIONS[0])
if vary == "ranges":
    widgets.warn_bad_url_values(problems)
    widgets.warn_unknown_url_keys()
    show_unknowns(preset_name, outcome)
    st.stop()
names = st.multiselect(tr("sensitivity.parameters"), list(params.SCHEMA),
                       key="sobol_parameters", format_func=parameter_labels.__getitem__)
links.write("sobol_parameters", names, DEFAULT_PARAMETERS)
spread = st.slider(tr("sensitivity.spread"), 0.1, 1.0, 0.5, step=0.1, key="sobol_spread",
                   bind="query-params")
left, middle = st.columns(2)
samples = left.select_slider(tr("sensitivity.samples"), SAMPLE_OPTIONS, value=DEFAULT_SAMPLES,
                             key="sobol_samples", bind="query-params")
runs_per_point = middle.select_slider(tr("sensitivity.runs"), RUN_OPTIONS, value=DEFAULT_RUNS,
                                      key="sobol_runs", bind="query-params")
widgets.warn_bad_url_values(problems)
widgets.warn_unknown_url_keys()
if len(names) < 2:
    st.info(tr("sensitivity.need_two"))
    st.stop()

ranges = _ranges(names, preset(preset_name).parameters, spread)
setting = (Choice(preset_name), ranges, outcome, samples, runs_per_point, SEED)
st.caption(tr("sensitivity.cost", worlds=i18n.fmt_number(samples * (len(names) + 2)
                                                         * runs_per_point)))
clicked = st.button(tr("sensitivity.run"), type="primary", icon=":material/play_arrow:")
job = runs.sensitivity_job(*setting, start=clicked)
if job is not None:
    _wait(job)
    if job.error is not None:
        raise job.error  # the page guard shows a short message and logs the traceback
    table = job.result
    st.markdown(tr("sensitivity.explain"))
    top = table.iloc[0]
    st.markdown(tr("sensitivity.top", parameter=i18n.parameter(top["parameter"]),
                   outcome=i18n.outcome(outcome),
                   share=i18n.fmt_percent(max(0.0, float(top["total"])), 0)))
    labels = [i18n.parameter(name) for name in table["parameter"]]
    st.plotly_chart(compare_charts.sobol(table, labels), key="sobol_chart")
    with st.container(key="sobol_plain"):
        st.table(plain_table(table))
    st.caption(tr("sensitivity.bounds_note"))
    st.caption(tr("sensitivity.took", seconds=i18n.fmt_duration(job.elapsed())))
    with st.expander(tr("sensitivity.details")):
        st.dataframe(
            table.assign(name=labels), hide_index=True, key="sobol_table",
            column_order=["rank", "name", "low", "high", *INDEX_COLUMNS],
            column_config={"name": tr("sensitivity.col.parameter"),
                           **{column: tr(f"sensitivity.col.{column}")
                              for column in ("rank", "low", "high", *INDEX_COLUMNS)}})
        st.download_button(tr("download.outcomes"), data=table.to_csv(index=False),
                           file_name=f"sobol-{preset_name}-{outcome}.csv", mime="text/csv",
                           on_click="ignore", icon=":material/table:")

# What leads to it: scenario discovery over the same assumptions and ranges (a click: it runs
# DISCOVERY_POINTS settings).
st.subheader(tr("discover.title"))
st.markdown(tr("discover.intro", outcome=i18n.outcome(outcome),
               points=i18n.fmt_number(DISCOVERY_POINTS)))
if st.button(tr("discover.run"), icon=":material/travel_explore:", key="discover_run") or \
        st.session_state.get("discover_shown") == setting:
    st.session_state["discover_shown"] = setting
    with st.spinner():
        box = runs.discovery(Choice(preset_name), ranges, outcome, DISCOVERY_POINTS,
                             runs_per_point, SEED)
    probability = outcome in analysis.PROBABILITY_OUTCOMES
    threshold = (i18n.fmt_percent(box["threshold"], 1) if probability
                 else i18n.fmt_number(box["threshold"], 1))
    lines = []
    for name, (low, high) in box.get("shown", box["box"]).items():  # as the stats hold
        full_low, full_high = box["ranges"][name]
        low_text, high_text = _bound(name, low), _bound(name, high)
        if low <= full_low:
            lines.append(tr("discover.at_most", parameter=i18n.parameter(name), value=high_text))
        elif high >= full_high:
            lines.append(tr("discover.at_least", parameter=i18n.parameter(name), value=low_text))
        else:
            lines.append(tr("discover.between", parameter=i18n.parameter(name), low=low_text,
                            high=high_text))
    if lines:
        st.markdown(tr("discover.found", outcome=i18n.outcome(outcome), threshold=threshold)
                    + "\n" + "\n".join(f"- {line}" for line in lines))
    else:
        st.markdown(tr("discover.nothing"))
    st.caption(tr("discover.stats", density=i18n.fmt_percent(box["density"], 0),
                  coverage=i18n.fmt_percent(box["coverage"], 0), threshold=threshold))
