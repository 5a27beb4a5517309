"""Compare: presets and saved settings side by side, with paired differences.

Every scenario runs on the same seed, so a difference from the first one is computed world
by world (common random numbers): its interval is far narrower than two separate batches.

A link can name any scenarios: the page takes at most MAX_SCENARIOS of them, and a
comparison over the page's compute budget (widgets.PAGE_BUDGET worlds) waits for a click.
"""

import pandas as pd
import streamlit as st

from simulator import analysis
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

MAX_SCENARIOS = 10
"""Scenarios compared at once (the first ones a link lists)."""


def _label(choice: Choice) -> str:
    return short_name(choice.preset) if choice.is_preset else choice.spec


def _parse(spec: str) -> Choice:
    """A scenario from its spec; ValueError (in words) for anything Compare cannot run."""
    try:
        choice = Choice.parse(spec)
        hash(choice)  # TypeError for a per-layer list: no cache key, no spec to show
    except ArithmeticError as error:
        raise ValueError(str(error)) from error
    except TypeError as error:
        raise ValueError(tr("compare.per_layer")) from error
    return choice


def _difference_text(name: str, diff: analysis.Difference) -> str:
    if name in analysis.PROBABILITY_OUTCOMES:
        return f"{widgets.points(diff.difference)} [{widgets.points(diff.ci_low, unit='')}, " \
               f"{widgets.points(diff.ci_high, unit='')}]"
    return f"{diff.difference:+,.4g} [{diff.ci_low:+,.4g}, {diff.ci_high:+,.4g}]"


def _pick() -> tuple[list[Choice], int, int]:
    """The scenarios (bad specs dropped with a warning), worlds and seed."""
    problems = widgets.bad_url_values({
        "compare_worlds": widgets.check_choice(runs.WORLD_OPTIONS),
        "compare_seed": widgets.check_whole(0, widgets.SEED_MAX),
    })
    # The multiselect keeps the first MAX_SCENARIOS a link lists (max_selections).
    listed = list(dict.fromkeys(st.query_params.get_all("scenarios")))
    too_many = len(listed) if len(listed) > MAX_SCENARIOS else 0
    linked = [*listed[:MAX_SCENARIOS], *st.session_state.get("scenarios", [])]
    options = list(dict.fromkeys([*presets(), *st.session_state.get(SAVED_SETTINGS, []),
                                  *linked]))
    experts = [name for name in presets() if name == "baseline" or preset(name).speaker]
    specs = st.multiselect(tr("compare.pick"), options, default=experts, key="scenarios",
                           bind="query-params", accept_new_options=True,
                           max_selections=MAX_SCENARIOS, help=tr("compare.pick_help"))
    left, right = st.columns(2)
    worlds = left.select_slider(tr("common.worlds"), runs.WORLD_OPTIONS,
                                value=runs.DEFAULT_WORLDS, key="compare_worlds",
                                bind="query-params")
    seed = right.number_input(tr("common.seed"), 0, widgets.SEED_MAX, 0, key="compare_seed",
                              bind="query-params", help=tr("common.seed_help"))
    widgets.warn_bad_url_values(problems)
    if too_many:
        st.warning(tr("compare.too_many", n=too_many, cap=MAX_SCENARIOS),
                   icon=":material/warning:")
    chosen = []
    for spec in specs:
        try:
            chosen.append(_parse(spec))
        except ValueError as error:
            st.warning(tr("compare.bad_spec", spec=widgets.shown_value(spec),
                          error=widgets.plain(" ".join(str(error).split())[:widgets.SHOWN_CHARS])),
                       icon=":material/warning:")
    return list(dict.fromkeys(chosen)), worlds, int(seed)


def _side_by_side(labels: list[str], results: list[runs.RunSummary]) -> pd.DataFrame:
    return pd.DataFrame(
        {label: [widgets.estimate_text(name, result.estimates[name]) for name in analysis.OUTCOMES]
         for label, result in zip(labels, results, strict=True)},
        index=[i18n.outcome(name) for name in analysis.OUTCOMES])


def _differences(labels: list[str], results: list[runs.RunSummary]) -> pd.DataFrame:
    reference = results[0]
    return pd.DataFrame(
        {label: [_difference_text(name, runs.difference(result, reference, name))
                 for name in analysis.OUTCOMES]
         for label, result in zip(labels[1:], results[1:], strict=True)},
        index=[i18n.outcome(name) for name in analysis.OUTCOMES])


def _description(choice: Choice, label: str) -> None:
    """One scenario on a page: its summary and every value that differs from the baseline."""
    scenario = choice.scenario()
    st.markdown(f"#### {widgets.plain(label)}")
    st.markdown(f"**{scenario.title or scenario.name}**"
                + (f" — {scenario.speaker}" if scenario.speaker else "")
                + (f"  \n{scenario.summary}" if scenario.summary else ""))
    rows = [{
        tr("common.parameter"): f"{i18n.parameter(param.name)} (`{param.name}`)",
        tr("common.baseline"): widgets.value_text(base),
        tr("common.value"): widgets.value_text(value),
        tr("common.unit"): param.unit,
        tr("common.why"): source.get("why", ""),
        tr("common.claims"): widgets.cited_claims(source),
    } for param, base, value, source in differences_from_baseline(scenario)]
    if rows:
        st.table(pd.DataFrame(rows).set_index(tr("common.parameter")))
    else:
        st.caption(tr("compare.same_as_baseline"))


def _downloads(chosen: list[Choice], labels: list[str], results: list[runs.RunSummary],
               worlds: int, seed: int) -> None:
    def outcomes_csv() -> str:
        tables = [runs.outcome_table(result, results[0] if i else None).assign(scenario=label)
                  for i, (label, result) in enumerate(zip(labels, results, strict=True))]
        return pd.concat(tables).to_csv(index=False)

    def scenarios_yaml() -> str:
        return "---\n".join(choice.scenario().to_yaml() for choice in chosen)

    left, right = st.columns(2)
    left.download_button(tr("download.outcomes"), data=outcomes_csv, key="download_comparison",
                         file_name=f"comparison-{worlds}w-seed{seed}.csv", mime="text/csv",
                         on_click="ignore", icon=":material/table:")
    right.download_button(tr("download.scenario"), data=scenarios_yaml, key="download_scenarios",
                          file_name="scenarios.yaml", mime="application/yaml",
                          on_click="ignore", icon=":material/description:")


st.title(tr("compare.title"))
st.markdown(tr("compare.intro"))
chosen, worlds, seed = _pick()
if len(chosen) < 2:
    st.info(tr("compare.need_two"))
    st.stop()
if not widgets.within_budget(len(chosen) * worlds, (tuple(chosen), worlds, seed), "compare"):
    st.stop()

labels = [_label(choice) for choice in chosen]
results = [runs.summary(choice, worlds, seed) for choice in chosen]

st.subheader(tr("compare.outcomes"))
st.plotly_chart(charts.compare_outcomes(labels, results, runs.HEADLINE), key="compare_chart")
st.table(_side_by_side(labels, results))
st.subheader(tr("compare.differences", reference=widgets.plain(labels[0])))
st.table(_differences(labels, results))
_downloads(chosen, labels, results, worlds, seed)

st.subheader(tr("compare.descriptions"))
for choice, label in zip(chosen, labels, strict=True):
    _description(choice, label)
