"""Explore: one scenario's outcomes, recomputed as the sliders move.

Built so a student can answer, from this page alone, "which expert view makes nuclear use
least likely, and why": the headline numbers, every view side by side, the chain funnel
that shows where orders stop, and sliders whose tooltips quote the claims behind them.
"""

import pandas as pd
import streamlit as st

from simulator import params
from ui import charts, i18n, runs, widgets
from ui.i18n import tr
from ui.scenarios import (
    SAVED_SETTINGS,
    Choice,
    differences_from_baseline,
    preset,
    presets,
    short_name,
)

# Slider groups open at first: the command chain is the mechanism students look for.
# (Page scripts take comments, not attribute docstrings: Streamlit would print a bare string.)
OPEN_GROUPS = {"chain"}


def _reset_sliders() -> None:
    """Put every slider at the chosen preset's value (reset button, and a new preset)."""
    values = preset(st.session_state["preset"]).parameters
    for name, param in params.SCHEMA.items():
        st.session_state[name] = widgets.slider_default(param, values[name])


def _sidebar() -> tuple[Choice, int, int]:
    """The preset, worlds, seed and sliders; returns the setting they describe."""
    with st.sidebar:
        preset_name = st.selectbox(tr("common.preset"), presets(), key="preset",
                                   bind="query-params", on_change=_reset_sliders)
        scenario = preset(preset_name)
        st.caption(scenario.title)
        worlds = st.select_slider(tr("common.worlds"), runs.WORLD_OPTIONS,
                                  value=runs.DEFAULT_WORLDS, key="worlds", bind="query-params")
        seed = st.number_input(tr("common.seed"), 0, widgets.SEED_MAX, 0, key="seed",
                               bind="query-params", help=tr("common.seed_help"))
        st.button(tr("explore.reset"), on_click=_reset_sliders, icon=":material/restart_alt:",
                  key="reset")
        st.subheader(tr("explore.assumptions"))
        values = scenario.parameters
        changes = {}
        for actor, group in params.by_actor().items():
            with st.expander(i18n.actor(actor), expanded=actor in OPEN_GROUPS):
                for param in group:
                    shown = widgets.parameter_slider(param, preset_name, values[param.name],
                                                     scenario.provenance.get(param.name, {}))
                    if shown != widgets.slider_default(param, values[param.name]):
                        changes[param.name] = shown
    return Choice.of(preset_name, changes), worlds, int(seed)


def _headline(result: runs.RunSummary, reference: runs.RunSummary | None) -> None:
    """The six outcomes, each with its interval and (for a changed setting) paired change."""
    for row in (runs.HEADLINE[:3], runs.HEADLINE[3:]):
        for column, name in zip(st.columns(3), row, strict=True):
            with column:
                change = runs.difference(result, reference, name) if reference else None
                widgets.outcome_metric(name, result.estimates[name], change)


def _why_least_likely(rows: list[runs.ViewRow]) -> None:
    """Name the view with the lowest P(use), say what its chain does, and quote its claims."""
    lowest = min(rows, key=lambda row: (row.use.estimate, row.order.estimate))
    baseline = next(row for row in rows if row.preset == "baseline")
    name = short_name(lowest.preset)
    st.markdown(tr("explore.least", view=name, p=widgets.percent(lowest.use.estimate),
                   order=widgets.percent(lowest.order.estimate),
                   stopped=widgets.percent(lowest.stopped),
                   base_stopped=widgets.percent(baseline.stopped)))
    st.table(pd.DataFrame([{
        tr("table.view"): short_name(row.preset),
        tr("table.order"): widgets.percent(row.order.estimate),
        tr("table.use"): widgets.percent(row.use.estimate),
        tr("table.stopped"): widgets.percent(row.stopped),
    } for row in sorted(rows, key=lambda row: row.use.estimate)]).set_index(tr("table.view")))
    scenario = preset(lowest.preset)
    st.markdown(f"**{scenario.title}**. {scenario.summary}")
    with st.expander(tr("explore.why", view=name)):
        for param, base, value, source in differences_from_baseline(scenario):
            st.markdown(f"- **{i18n.parameter(param.name)}**: {widgets.value_text(base)} → "
                        f"**{widgets.value_text(value)}**. {source.get('why', '')} "
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


def _save_for_compare(choice: Choice, worlds: int, seed: int) -> None:
    """Keep the current setting for the Compare page, and link there with it selected."""
    saved = st.session_state.setdefault(SAVED_SETTINGS, [])

    def save() -> None:
        if choice.spec not in saved:
            saved.append(choice.spec)

    first, second = st.columns(2)
    first.button(tr("explore.save"), on_click=save, icon=":material/bookmark_add:",
                 help=tr("explore.saved", n=len(saved)))
    selection = list(dict.fromkeys(["baseline", choice.preset, *saved, choice.spec]))
    second.page_link("ui/compare.py", label=tr("explore.open_compare"),
                     icon=":material/compare_arrows:",
                     query_params={"scenarios": selection, "compare_worlds": str(worlds),
                                   "compare_seed": str(seed)})


notices = st.container()
problems = widgets.bad_url_values({
    "preset": widgets.check_preset,
    "worlds": widgets.check_choice(runs.WORLD_OPTIONS),
    "seed": widgets.check_whole(0, widgets.SEED_MAX),
    **{name: widgets.check_parameter(name) for name in params.SCHEMA},
})
choice, worlds, seed = _sidebar()
with notices:
    widgets.warn_bad_url_values(problems)

st.title(tr("explore.title"))
st.markdown(tr("explore.intro", runs=f"{worlds:,}"))
# Every preset (the strip of views) and the changed setting, if any, at `worlds` each.
cost = worlds * (len(presets()) + (0 if choice.is_preset else 1))
if not widgets.within_budget(cost, (worlds, seed), "explore"):
    st.stop()

result = runs.summary(choice, worlds, seed)
reference = None if choice.is_preset else runs.summary(Choice(choice.preset), worlds, seed)
scenario = preset(choice.preset)

st.markdown(f"**{scenario.title}**  \n{scenario.summary}")
if reference is not None:
    changes = ", ".join(f"{i18n.parameter(name)} → **{value:g}**"
                        for name, value in choice.overrides)
    st.info(tr("explore.you_changed", changes=changes), icon=":material/tune:")
_headline(result, reference)

st.subheader(tr("explore.by_view"))
rows = runs.views(worlds, seed)
strip, explanation = st.columns([3, 2])
current = None if reference is None else (tr("view.this_setting"), result.estimates["nuclear_use"])
strip.plotly_chart(charts.views_strip(rows, current), key="views_strip")
strip.caption(tr("explore.by_view_caption", runs=f"{worlds:,}", seed=seed))
with explanation:
    _why_least_likely(rows)

ladder_column, funnel_column = st.columns(2)
with ladder_column:
    st.subheader(tr("explore.ladder"))
    st.plotly_chart(charts.highest_rung(result, reference), key="ladder")
with funnel_column:
    st.subheader(tr("explore.funnel"))
    if result.funnel["issued"]:
        st.plotly_chart(charts.chain_funnel(result), key="funnel")
        st.caption(tr("explore.funnel_caption", issued=f"{result.funnel['issued']:,}",
                      executed=f"{result.funnel['executed']:,}",
                      stopped=widgets.percent(result.stopped_share()),
                      preset_stopped=widgets.percent((reference or result).stopped_share())))
    else:
        st.info(tr("explore.no_orders"))

use_column, fan_column = st.columns(2)
with use_column:
    st.subheader(tr("explore.cumulative"))
    st.plotly_chart(charts.cumulative_use(result, reference), key="cumulative_use")
with fan_column:
    st.subheader(tr("explore.fan"))
    st.plotly_chart(charts.rung_fan(result), key="rung_fan")

st.subheader(tr("common.download"))
_downloads(choice, result, reference, worlds, seed)
_save_for_compare(choice, worlds, seed)
