"""Explore: one scenario's outcomes, recomputed as the sliders move.

Built for a student who wants the answer in plain words within a second: first the chance
of nuclear use under the chosen view, with its plausible range and one sentence on what stops
it most (computed from the run), beside the same chance under every expert view; then the
other outcomes, the ladder, the chain funnel and the weeks. The sidebar holds the view, a
short set of key assumptions in plain units and, folded away, every parameter for analysts.
A visitor's first run in a browser sends the sidebar and the answer's words alone (a plain
visit's sidebar without its sliders yet), and the rest once the browser has drawn them
(``first_paint``): the charts, and even the sliders, held the headline back.

Which estimate the page shows: every number comes from one run that draws the presets'
ranges (each block of 256 worlds its own assumptions, ``compute.summarise(...,
uncertainty=True)``), so the headline's estimate is the chance averaged over what the
experts' words leave open, its Monte Carlo interval that run's simulation noise, and its
plausible range that run's 95% predictive interval (``simulator.results.predictive``). It
differs a little from a run at the point values (``run`` without ``--uncertainty``), which
the analysts' switch "Draw the assumptions' ranges" gives back; the page then says the
spread shown is noise only. A slider the user moves sets a point value: that parameter's
range no longer applies, every other range still does. A key assumption switched to "As a
range" (``key_ranges``) draws the user's range instead, around the slider's value; the run,
the headline's plausible range and "Open in Compare" all carry it (``Choice.ranges``).
"""

from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from simulator.app import (
    charts,
    events,
    first_paint,
    i18n,
    key_ranges,
    links,
    plausible,
    runs,
    widgets,
)
from simulator.app.i18n import tr
from simulator.app.scenarios import (
    SAVED_SETTINGS,
    Choice,
    describe,
    differences_from_baseline,
    preset,
    presets,
    short_name,
)
from simulator.model import params

HERE = Path(__file__).resolve().parent  # the other pages, wherever the app is installed
ANALYSTS = "analysts"  # the analysts' panel: open or not, kept in the link

# The key assumptions, in the order shown (their names, units and help are the parameters' own:
# simulator/model/labels.py and the schema). Page scripts take comments, not attribute
# docstrings: Streamlit would print a bare string.
KEY_ASSUMPTIONS = ("leader.bluff_share", "leader.nuclear_threshold", "chain.layers",
                   "chain.base_refusal", "west.influence", "battlefield.momentum",
                   "battlefield.nuclear_effect", "west.decisive_response", "horizon_weeks")


def _reset_sliders() -> None:
    """Put every slider at the chosen preset's value (reset button, and a new preset)."""
    values = preset(st.session_state["preset"]).parameters
    for name, param in params.SCHEMA.items():
        st.session_state[name] = widgets.slider_default(param, values[name])
    key_ranges.forget(KEY_ASSUMPTIONS)  # the switches off; the handles start afresh


# On a phone the sidebar is a drawer over the page: a copy of the answer stays at its top while
# the student slides (static CSS, no user text; hidden where the sidebar sits beside the page).
DRAWER_CSS = """
<style>
.st-key-drawer_answer { display: none; }
@media (max-width: 768px) {
  .st-key-drawer_answer { display: block; padding: 0.4rem 0; }
  /* sticky on the wrapper Streamlit puts round the container (it is as tall as its child) */
  [data-testid=stLayoutWrapper]:has(> .st-key-drawer_answer) { position: sticky; top: 0; z-index: 5;
    background: rgb(240, 242, 246); }
}
</style>
"""


def _sidebar(headline_only: bool) -> tuple[Choice, int, int, bool,
                                           st.delta_generator.DeltaGenerator]:
    """The view, the key assumptions, then every parameter (folded away).

    Returns the setting: the choice, the worlds, the seed and whether the runs draw the
    assumptions' ranges; and the place above the key assumptions for the drawer's answer.
    ``headline_only``: a plain visit's first paint, which stops after the key assumptions'
    heading; every control keeps its default, so the setting is the view's own.
    """
    with st.sidebar:
        # Bound to the link by hand (simulator/app/links.py): the link keeps the preset's id in both
        # languages while the picker shows its name. The names are fixed when the widget is
        # made: AppTest and Streamlit may format the options outside the script run.
        names = {name: i18n.preset_name(name, short_name(name)) for name in presets()}
        links.seed("preset", presets()[0], presets())
        preset_name = st.selectbox(tr("common.preset"), presets(), key="preset",
                                   format_func=names.__getitem__, on_change=_reset_sliders)
        links.write("preset", preset_name, presets()[0])
        st.caption(describe(preset_name, i18n.language())[0])
        scenario = preset(preset_name)
        if scenario.pool:  # which views, how much each weighs, and why
            views = ", ".join(f"{i18n.preset_name(m.name, short_name(m.name))} "
                              f"{widgets.percent(m.weight)}" for m in scenario.pool)
            st.caption(tr("explore.pool", views=widgets.plain(views)) + " "
                       + widgets.plain(i18n.translated(scenario, "pool_why")))
        values = scenario.parameters
        changes, user_ranges = {}, {}

        def note(param: params.Param, shown: float | int) -> bool:
            moved = shown != widgets.slider_default(param, values[param.name])
            if moved:
                changes[param.name] = shown
            return moved

        drawer_answer = st.container(key="drawer_answer")
        st.subheader(tr("explore.key"))
        st.caption(tr("explore.key_caption") + " " + tr(
            "explore.key_ranges_pool" if scenario.pool else "explore.key_ranges_caption"))
        if headline_only:  # the sliders come with the rest of the page, below what is shown
            return Choice(preset_name), runs.DEFAULT_WORLDS, 0, True, drawer_answer
        for name in KEY_ASSUMPTIONS:
            param = params.SCHEMA[name]
            fmt = widgets.slider_format(param)
            with st.container(border=True):  # the slider with its own range switch
                shown = widgets.key_slider(param, preset_name, values[name],
                                           scenario.provenance.get(name, {}), fmt)
                moved = note(param, shown)
                if key_ranges.rangeable(name, scenario):
                    found = key_ranges.control(param, scenario, shown, moved, fmt)
                    if found is not None:
                        user_ranges[name] = found
        st.button(tr("explore.reset"), on_click=_reset_sliders, icon=":material/restart_alt:",
                  key="reset")
        # A link that sets an analysts' parameter opens the panel: its slider must exist.
        if ANALYSTS not in st.session_state and any(
                name in st.query_params for name in params.SCHEMA if name not in KEY_ASSUMPTIONS):
            st.session_state[ANALYSTS] = True
        panel = st.expander(tr("explore.analysts"), icon=":material/tune:", key=ANALYSTS,
                            bind="query-params")
        with panel:
            st.caption(tr("explore.analysts_caption"))
            worlds = st.select_slider(tr("common.worlds"), runs.WORLD_OPTIONS,
                                      value=runs.DEFAULT_WORLDS, key="worlds",
                                      bind="query-params")
            seed = st.number_input(tr("common.seed"), 0, widgets.SEED_MAX, 0, key="seed",
                                   bind="query-params", help=tr("common.seed_help"))
            drawn = st.toggle(tr("explore.ranges"), value=True, key="ranges",
                              bind="query-params", help=tr("explore.ranges_help"))
            # Its 72 sliders are made only while it is open: a visitor's first paint waits
            # for none of them (closing it puts them back to the view's values).
            for actor, group in (params.by_actor().items() if panel.open else ()):
                shown = [param for param in group if param.name not in KEY_ASSUMPTIONS]
                if shown:
                    st.markdown(f"**{i18n.actor(actor)}**")
                for param in shown:
                    note(param, widgets.parameter_slider(
                        param, preset_name, values[param.name],
                        scenario.provenance.get(param.name, {})))
    return Choice.of(preset_name, changes, user_ranges), worlds, int(seed), drawn, drawer_answer


def _kinds_of_views() -> str:
    """Which bars are experts' views, which pool them, which are settings no one argued."""
    kinds = {"experts": [], "pools": [], "settings": []}
    for name in presets():
        scenario = preset(name)
        kind = "pools" if scenario.pool else "experts" if scenario.speaker else "settings"
        kinds[kind].append(i18n.preset_name(name, short_name(name)))
    return tr("explore.strip_kinds", **{kind: ", ".join(names) or "–"
                                        for kind, names in kinds.items()})


def _answer(choice: Choice, result: runs.RunSummary, reference: runs.RunSummary | None,
            drawn: bool, picture: bool = True) -> None:
    """The headline: P(nuclear use) within the horizon, its plausible range and why, in words.

    The number is rounded to what its plausible range allows (``plausible``); the sentence
    under it says the range, then the noise; after the words on what stops use, a small
    chart shows both intervals (``picture``: not on a visitor's first paint).
    """
    weeks = choice.scenario().parameters["horizon_weeks"]
    change = runs.difference(result, reference, "nuclear_use") if reference else None
    widgets.outcome_metric("nuclear_use", result.estimates["nuclear_use"], change,
                           label=tr("explore.headline_label", weeks=weeks),
                           help=tr("explore.headline_help") + "\n\n" + plausible.details(result),
                           shown=plausible.value(result), caption="")
    with st.container(key="plausible"):  # the headline's range in words, as prominent
        st.markdown(plausible.sentence(result, ranges_off=not drawn))
    changed = "" if reference is None else tr("explore.under_changed")
    key = "claims.the_view" if preset(choice.preset).speaker else "claims.the_setting"
    view = tr(key, view=i18n.preset_name(choice.preset, short_name(choice.preset)))
    st.markdown(tr("explore.under_view", view=view, changed=changed))
    key, values = widgets.stopper(result)
    st.markdown(tr(key, **values))
    if not picture:
        return
    with st.container(key="spread"):  # the picture after the words
        charts.show(charts.spread(result), key="spread_chart")
        st.caption(tr("plausible.chart_caption" if result.predictive
                      else "plausible.chart_caption_noise"))


def _other_outcomes(result: runs.RunSummary, reference: runs.RunSummary | None) -> None:
    """The headline's other outcomes in one row, each with its plausible range and change."""
    others = [name for name in runs.HEADLINE if name != "nuclear_use"]
    columns = st.columns(3)
    for k, name in enumerate(others):
        with columns[k % 3]:
            change = runs.difference(result, reference, name) if reference else None
            widgets.outcome_metric(name, result.estimates[name], change,
                                   shown=plausible.value(result, name),
                                   caption=plausible.short(result, name))


def _why_least_likely(rows: list[runs.ViewRow]) -> None:
    """Name the view with the lowest P(use), say what its chain does, and quote its claims."""
    lowest = min(rows, key=lambda row: (row.use.estimate, row.order.estimate))
    baseline = next(row for row in rows if row.preset == "baseline")
    name = i18n.preset_name(lowest.preset, short_name(lowest.preset))
    st.markdown(tr("explore.least", view=name, p=widgets.percent(lowest.use.estimate),
                   order=widgets.percent(lowest.order.estimate),
                   stopped=widgets.percent(lowest.stopped),
                   base_stopped=widgets.percent(baseline.stopped)))
    st.table(pd.DataFrame([{
        tr("table.view"): i18n.preset_name(row.preset, short_name(row.preset)),
        tr("table.order"): widgets.percent(row.order.estimate),
        tr("table.use"): widgets.percent(row.use.estimate),
        **({tr("table.use_range"): plausible.range_text(row.use_range)}
           if any(other.use_range for other in rows) else {}),
        tr("table.stopped"): widgets.percent(row.stopped),
    } for row in sorted(rows, key=lambda row: row.use.estimate)]).set_index(tr("table.view")))
    scenario = preset(lowest.preset)
    title, summary = describe(lowest.preset, i18n.language())
    st.markdown(f"**{title}**. {summary}")
    with st.expander(tr("explore.why", view=name)):
        for param, base, value, source in differences_from_baseline(scenario):
            st.markdown(f"- **{i18n.parameter(param.name)}**{tr('format.colon')} "
                        f"{i18n.parameter_value(param.name, base)} → "
                        f"**{i18n.parameter_value(param.name, value)}**. "
                        f"{i18n.why(source)} "
                        f"{widgets.cited_claims(source)}")


def _downloads(choice: Choice, result: runs.RunSummary, reference: runs.RunSummary | None,
               worlds: int, seed: int) -> None:
    """Outcomes (CSV), the scenario (YAML) and every world (CSV), each built on click."""
    stem = f"{choice.preset}{'-custom' if reference else ''}-{worlds}w-seed{seed}"
    first, second, third = st.columns(3)
    first.download_button(tr("download.outcomes"), key="download_outcomes",
                          data=lambda: runs.outcome_table(result, reference).to_csv(index=False),
                          file_name=f"{stem}-outcomes.csv", mime="text/csv", on_click="ignore",
                          icon=":material/table:")
    second.download_button(tr("download.scenario"), key="download_scenario",
                           data=lambda: choice.scenario().to_yaml(), file_name=f"{stem}.yaml",
                           mime="application/yaml", on_click="ignore",
                           icon=":material/description:")
    third.download_button(tr("download.worlds"), key="download_worlds",
                          data=lambda: runs.worlds_csv(choice, worlds, seed),
                          file_name=f"{stem}-worlds.csv", mime="text/csv", on_click="ignore",
                          icon=":material/public:")


def _save_for_compare(choice: Choice, worlds: int, seed: int, drawn: bool) -> None:
    """Keep the current setting for the Compare page, and link there with it selected."""
    saved = st.session_state.setdefault(SAVED_SETTINGS, [])

    def save() -> None:
        if choice.spec not in saved:
            saved.append(choice.spec)

    first, second = st.columns(2)
    first.button(tr("explore.save"), on_click=save, icon=":material/bookmark_add:",
                 help=tr("explore.saved", n=len(saved)))
    selection = list(dict.fromkeys(["baseline", choice.preset, *saved, choice.spec]))
    # The same runs there: the same worlds, seed and ranges switch (the user's ranges are in
    # the setting's spec).
    second.page_link(HERE / "compare.py", label=tr("explore.open_compare"),
                     icon=":material/compare_arrows:",
                     query_params={"scenarios": selection, "compare_worlds": str(worlds),
                                   "compare_seed": str(seed),
                                   **({} if drawn else {"compare_ranges": "false"})})


notices = st.container()
link_checks = {
    "preset": widgets.check_preset,
    "worlds": widgets.check_choice(runs.WORLD_OPTIONS),
    "seed": widgets.check_whole(0, widgets.SEED_MAX),
    "ranges": widgets.check_flag,
    ANALYSTS: widgets.check_flag,
    **{name: widgets.check_parameter(name) for name in params.SCHEMA},
}
problems = widgets.bad_url_values(link_checks)
# A plain visit (no setting in the link or the session) can paint its headline before any
# control: the sidebar's sliders, switches and help icons delayed it by about 0.4 s.
PLAIN_VISIT = {i18n.LANGUAGE_KEY, "preset"}
plain = (not problems and set(st.query_params) <= PLAIN_VISIT
         and not any(key in st.session_state for key in link_checks if key != "preset"))
choice, worlds, seed, drawn, drawer_answer = _sidebar(plain and first_paint.first_run("explore"))
st.html(DRAWER_CSS)
choice = events.scheduled(choice)  # with the crises the student added (simulator/app/events.py)
with notices:
    widgets.warn_bad_url_values(problems)
    widgets.warn_unknown_url_keys()

st.title(tr("explore.title"))
# Every preset (the strip of views) and the changed setting, if any, at `worlds` each.
cost = worlds * (len(presets()) + (0 if choice.is_preset else 1))
if not widgets.within_budget(cost, (worlds, seed), "explore"):
    st.stop()

# A long run shows its first worlds at once, then reruns the page when it has them all.
needed = [choice, Choice(choice.preset)]
shown = runs.worlds_now(needed, worlds, seed, views=True, uncertainty=drawn)
if shown < worlds:
    widgets.first_estimate(shown, worlds, partial(runs.ready, needed, worlds, seed, views=True,
                                                  uncertainty=drawn))
st.caption(tr("explore.lead", runs=i18n.number(shown)))
result = runs.summary(choice, shown, seed, uncertainty=drawn)
reference = None if choice.is_preset else runs.summary(Choice(choice.preset), shown, seed,
                                                       uncertainty=drawn)
rows = runs.views(shown, seed, uncertainty=drawn)

with drawer_answer:  # the answer, one line, where a phone's student slides
    st.markdown(tr("explore.drawer_answer", label=tr("explore.headline_label",
                                                      weeks=choice.scenario().parameters[
                                                          "horizon_weeks"]),
                   value=plausible.value(result)))
# A visitor's first run sends the answer alone; the rest follows once the browser has drawn it
# (simulator/app/first_paint.py): charts, the table and the buttons delayed it by seconds.
first = first_paint.pending("explore")
answer, strip = st.columns([2, 3], gap="large")
with answer:
    _answer(choice, result, reference, drawn, picture=not first)
if first:
    first_paint.signal()
    st.stop()
with strip:
    st.markdown(f"**{tr('explore.strip_title')}**")
    current = None if reference is None else (tr("view.this_setting"),
                                              result.estimates["nuclear_use"],
                                              plausible.predictive(result))
    charts.show(charts.views_strip(rows, current, choice.preset), key="views_strip")
    st.caption(tr("explore.strip_caption_ranges" if result.predictive
                  else "explore.strip_caption", runs=i18n.number(shown), seed=seed)
               + " " + _kinds_of_views())
if reference is not None:
    changes = ", ".join([*(f"{i18n.parameter(name)} → **{i18n.parameter_value(name, value)}**"
                           for name, value in choice.overrides),
                         *(tr("explore.changed_range", assumption=i18n.parameter(name),
                              low=i18n.parameter_value(name, low),
                              high=i18n.parameter_value(name, high))
                           for name, low, high in choice.ranges), *events.changed(choice)])
    st.info(tr("explore.you_changed", changes=changes), icon=":material/tune:")

st.subheader(tr("explore.other"))
_other_outcomes(result, reference)
st.caption(tr("explore.readme_note", runs=i18n.number(shown), seed=seed)
           + (" " + tr("explore.readme_ranges") if result.predictive else ""))

title, summary = describe(choice.preset, i18n.language())
st.subheader(tr("explore.this_view"))
st.markdown(f"**{title}**  \n{summary}")

st.subheader(tr("explore.compare_views"))
_why_least_likely(rows)

ladder_column, funnel_column = st.columns(2)
with ladder_column:
    st.subheader(tr("explore.ladder"))
    charts.show(charts.highest_rung(result, reference), key="ladder")
with funnel_column:
    st.subheader(tr("explore.funnel"))
    if result.funnel["issued"]:
        charts.show(charts.chain_funnel(result), key="funnel")
        st.caption(tr("explore.funnel_caption", issued=i18n.number(result.funnel['issued']),
                      executed=i18n.number(result.funnel['executed']),
                      stopped=widgets.percent(result.stopped_share()),
                      preset_stopped=widgets.percent((reference or result).stopped_share())))
    else:
        st.info(tr("explore.no_orders"))

use_column, fan_column = st.columns(2)
with use_column:
    st.subheader(tr("explore.cumulative"))
    charts.show(charts.cumulative_use(result, reference), key="cumulative_use")
with fan_column:
    st.subheader(tr("explore.fan"))
    charts.show(charts.rung_fan(result), key="rung_fan")

events.section(choice)

st.subheader(tr("common.download"))
_downloads(choice, result, reference, shown, seed)
_save_for_compare(choice, worlds, seed, drawn)
