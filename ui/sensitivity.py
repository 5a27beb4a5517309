"""Sensitivity: which assumptions drive an outcome, as ranked Sobol' indices.

The indices come from ``simulator.experiments.sensitivity``. A run costs
samples x (parameters + 2) x worlds-per-point worlds, so it starts on a button; a result
anyone has computed is shown at once (the cache is shared by every session).
"""

import pandas as pd
import streamlit as st

from simulator import analysis, params
from ui import charts, runs, widgets
from ui.i18n import tr
from ui.scenarios import Choice, preset, presets

# Powers of two: Sobol' sequences are balanced only at those sizes.
SAMPLE_OPTIONS = (32, 64, 128, 256, 512)
RUN_OPTIONS = (250, 500, 1_000, 2_000, 5_000)
DEFAULT_PARAMETERS = ["chain.layers", "chain.base_refusal", "leader.bluff_share",
                      "leader.nuclear_threshold", "west.decisive_response", "battlefield.momentum"]
SEED = 0


@st.cache_resource
def _computed() -> set:
    """Settings already computed by any session: shown without pressing the button again."""
    return set()


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


st.title(tr("sensitivity.title"))
st.markdown(tr("sensitivity.intro"))

problems = widgets.bad_url_values({
    "sobol_preset": widgets.check_preset,
    "sobol_outcome": widgets.check_choice(analysis.OUTCOMES),
    "sobol_parameters": widgets.check_choice(params.SCHEMA),
    "sobol_spread": widgets.check_number(0.1, 1.0),
    "sobol_samples": widgets.check_choice(SAMPLE_OPTIONS),
    "sobol_runs": widgets.check_choice(RUN_OPTIONS),
})
left, middle = st.columns(2)
preset_name = left.selectbox(tr("common.preset"), presets(), key="sobol_preset",
                             bind="query-params")
outcome = middle.selectbox(tr("sensitivity.outcome"), list(analysis.OUTCOMES),
                           index=list(analysis.OUTCOMES).index("nuclear_use"),
                           key="sobol_outcome", bind="query-params")
names = st.multiselect(tr("sensitivity.parameters"), list(params.SCHEMA),
                       default=DEFAULT_PARAMETERS, key="sobol_parameters", bind="query-params")
spread = st.slider(tr("sensitivity.spread"), 0.1, 1.0, 0.5, step=0.1, key="sobol_spread",
                   bind="query-params")
left, middle = st.columns(2)
samples = left.select_slider(tr("sensitivity.samples"), SAMPLE_OPTIONS, value=64,
                             key="sobol_samples", bind="query-params")
runs_per_point = middle.select_slider(tr("sensitivity.runs"), RUN_OPTIONS, value=1_000,
                                      key="sobol_runs", bind="query-params")
widgets.warn_bad_url_values(problems)
if len(names) < 2:
    st.info(tr("sensitivity.need_two"))
    st.stop()

ranges = _ranges(names, preset(preset_name).parameters, spread)
setting = (Choice(preset_name), ranges, outcome, samples, runs_per_point, SEED)
st.caption(tr("sensitivity.cost", worlds=f"{samples * (len(names) + 2) * runs_per_point:,}"))
clicked = st.button(tr("sensitivity.run"), type="primary", icon=":material/play_arrow:")
if clicked or setting in _computed():
    with st.spinner():
        table = runs.sensitivity(*setting)
    _computed().add(setting)
    st.plotly_chart(charts.sobol_bars(table), key="sobol_chart")
    st.dataframe(table, hide_index=True, key="sobol_table")
    st.download_button(tr("download.outcomes"), data=table.to_csv(index=False),
                       file_name=f"sobol-{preset_name}-{outcome}.csv", mime="text/csv",
                       on_click="ignore", icon=":material/table:")
    with st.expander(tr("sensitivity.ranges")):
        st.table(pd.DataFrame(ranges, columns=[tr("common.parameter"), "low", "high"]))
