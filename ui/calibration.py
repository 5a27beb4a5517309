"""Calibration: every preset's P(nuclear use within 52 weeks) beside the 2022 forecasts.

Each forecast is labelled with its source and date and the question it answered (they
differ a little), and the outcome is stated: no Russian nuclear detonation through 2026.
"""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from simulator import analysis
from ui import charts, runs, widgets
from ui.i18n import tr
from ui.scenarios import Choice, preset, short_name

# Explore's defaults: the strip of expert views there and this page share one cache.
RUNS, SEED = runs.DEFAULT_WORLDS, 0


@dataclass(frozen=True)
class Forecast:
    """A published probability of Russian nuclear use (or a close proxy)."""

    source: str
    date: str
    question: str
    point: float
    low: float
    high: float

    @property
    def label(self) -> str:
        """Source and date, as the chart names it."""
        return f"{self.source} ({self.date})"

    @property
    def figure(self) -> str:
        """The forecast as published."""
        if self.low == self.high:
            return f"{self.point:.0%}"
        return f"{self.point:.1%} ({self.low:.0%}–{self.high:.0%})"


FORECASTS = (
    Forecast("Samotsvety forecasters", "3 Oct 2022",
             "Russia uses a nuclear weapon in Ukraine within 12 months.", 0.16, 0.16, 0.16),
    Forecast("Swift Centre", "~17 Oct 2022",
             "A nuclear weapon is detonated in Europe as an act of hostility before 30 Apr 2023 "
             "(about 7 months).", 0.09, 0.05, 0.20),
    Forecast("US intelligence (Woodward, War, 2024)", "late Sep 2022",
             "Russian nuclear use: 5-10%, rising to 50% if about 30,000 Russian troops were "
             "encircled at Kherson (shown: the middle of 5-10%).", 0.075, 0.05, 0.10),
    Forecast("Metaculus Pro forecasters", "Mar 2022",
             "Russia conducts a nuclear test in 2022 (a test, not use).", 0.07, 0.07, 0.07),
)


def _model_label(name: str) -> str:
    horizon = preset(name).parameters["horizon_weeks"]
    return short_name(name) + ("" if horizon == 52 else f" ({horizon} weeks)")


st.title(tr("calibration.title"))
st.markdown(tr("calibration.intro"))
rows = runs.views(RUNS, SEED)
model_rows = sorted(((_model_label(row.preset), row.use) for row in rows),
                    key=lambda pair: pair[1].estimate, reverse=True)
forecasts = [(f.label, f.point, f.low, f.high) for f in FORECASTS]
st.plotly_chart(charts.calibration(model_rows, forecasts), key="calibration_chart")
st.success(tr("calibration.outcome"), icon=":material/check_circle:")
unlikely = [f"{label} ({widgets.percent(1 - e.estimate)})" for label, e in model_rows
            if 1 - e.estimate < 0.8]
st.caption(tr("calibration.note", unlikely=", ".join(unlikely) or tr("calibration.none")))

st.subheader(tr("calibration.forecasts"))
st.table(pd.DataFrame([{tr("calibration.source"): f.source, tr("calibration.date"): f.date,
                        tr("calibration.question"): f.question,
                        tr("calibration.figure"): f.figure} for f in FORECASTS]))

st.subheader(tr("calibration.model"))
st.table(pd.DataFrame([{
    tr("table.view"): label,
    tr("table.use"): widgets.estimate_text("nuclear_use", e),
    tr("calibration.likelihood"): f"{widgets.percent(1 - e.estimate)}",
} for label, e in model_rows]))
baseline = runs.summary(Choice("baseline"), RUNS, SEED)
conditional = analysis.estimate(baseline.outcomes, "nuclear_use", given="crimea_threatened")
st.caption(tr("calibration.conditional", p=widgets.estimate_text("nuclear_use", conditional)))
