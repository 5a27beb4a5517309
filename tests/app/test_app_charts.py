"""The app's charts (simulator/app/charts.py): readable, distinct ticks for every preset,
and every chart valid by Plotly's schema in every language.
"""

import pytest

from simulator.app import i18n


def _numeric(values) -> bool:
    import numpy as np

    array = np.asarray(values if values is not None else [])
    return array.size > 0 and np.issubdtype(array.dtype, np.number)


def _axes_problems(spec: dict) -> list[str]:
    """Numeric axes without explicit ticks, with a tick label twice, or cutting a dot."""
    problems = []
    layout = spec["layout"]
    for trace in spec["data"]:
        for letter in ("x", "y"):
            values = trace.get(letter)
            if not _numeric(values):
                continue
            anchor = trace.get(f"{letter}axis") or letter
            name = anchor.replace(letter, f"{letter}axis")
            axis = layout.get(name, {})
            if axis.get("visible") is False:
                continue
            if axis.get("ticktext") is None or axis.get("tickvals") is None:
                problems.append(f"{name}: no explicit ticks")
                continue
            if len(set(axis["ticktext"])) != len(axis["ticktext"]):
                problems.append(f"{name}: repeated tick labels {list(axis['ticktext'])}")
            low, high = axis["range"]
            if not all(low <= v <= high for v in axis["tickvals"]):
                problems.append(f"{name}: ticks outside the range")
            plotted = [float(v) for v in values if v == v]
            error = trace.get(f"error_{letter}")
            if error is not None and error.get("array") is not None:
                plotted += [v + e for v, e in zip(values, error["array"], strict=True)]
            if "markers" in (trace.get("mode") or ""):
                if any(not low < v for v in plotted):  # a dot on the edge is half cut
                    problems.append(f"{name}: a marker on or beyond the lower edge")
            if any(v > high * (1 + 1e-9) for v in plotted):
                problems.append(f"{name}: data beyond the upper edge")
    return problems


@pytest.fixture(scope="module")
def summaries():
    """Every preset's summary (2,000 worlds, seed 0) and the strip's rows."""
    from simulator.app import runs
    from simulator.app.scenarios import Choice, presets

    summaries = {name: runs.summary(Choice(name), 2_000, 0) for name in presets()}
    rows = [runs.ViewRow(name, s.estimates["nuclear_use"], s.estimates["nuclear_order"],
                         s.stopped_share()) for name, s in summaries.items()]
    # Explore's runs draw the ranges: their charts show the plausible ranges too.
    ranged = {name: runs.summary(Choice(name), 2_000, 0, uncertainty=True) for name in presets()}
    ranged_rows = [runs.ViewRow(name, s.estimates["nuclear_use"], s.estimates["nuclear_order"],
                                s.stopped_share(), s.predictive["nuclear_use"])
                   for name, s in ranged.items()]
    summaries |= {f"{name} ranged": s for name, s in ranged.items()}
    return summaries, rows, ranged_rows


def _every_chart(summaries: dict, rows: list, ranged_rows: list,
                 everything: bool = False) -> dict[str, dict]:
    """Every chart of simulator/app/charts.py for every preset, by "preset/chart".

    ``everything``: also the charts without ticks to check (a world's rungs) and the charts'
    variants without a reference.
    """
    from simulator.app import calibration_chart, charts, runs
    from simulator.app.scenarios import Choice

    other = summaries["baseline"]
    specs = {}
    for name, result in summaries.items():
        specs |= {
            f"{name}/highest_rung": charts.highest_rung(result, other),
            f"{name}/cumulative_use": charts.cumulative_use(result, other),
            f"{name}/rung_fan": charts.rung_fan(result),
            f"{name}/views_strip": charts.views_strip(
                ranged_rows if result.predictive else rows,
                ("Yours", result.estimates["nuclear_use"],
                 (result.predictive or {}).get("nuclear_use")), name.split()[0]),
            f"{name}/spread": charts.spread(result),
            f"{name}/calibration": calibration_chart.calibration([calibration_chart.Question(
                "forecast", "window", "model weeks", 0.09, 0.05, 0.2,
                result.estimates["nuclear_use"], 0.0, result.estimates["nuclear_use"].ci_high)],
                1),
            f"{name}/use_profile": charts.use_profile(
                result.weekly["nuclear_use"], [("forecast", 30, 0.09, 0.05, 0.2)], name),
        }
        if result.funnel["issued"]:
            specs[f"{name}/funnel"] = charts.chain_funnel(result)
        if everything:
            specs |= {
                f"{name}/highest_rung alone": charts.highest_rung(result),
                f"{name}/cumulative_use alone": charts.cumulative_use(result),
                f"{name}/views_strip alone": charts.views_strip(rows, None, name),
                f"{name}/world_rungs": charts.world_rungs(
                    runs.world_story(Choice(name.split()[0]), 0, 0)),
            }
    return specs


def test_every_chart_for_every_preset_has_distinct_readable_ticks(summaries):
    from simulator.app import charts

    summaries, rows, ranged_rows = summaries
    problems = {}
    for chart, spec in _every_chart(summaries, rows, ranged_rows).items():
        if found := _axes_problems(spec):
            problems[chart] = found
    assert not problems
    # The strip draws bars (as its caption says), with the chosen view highlighted.
    strip = charts.views_strip(rows, None, "kemp")
    assert strip["data"][0]["type"] == "bar"
    colours = dict(zip(strip["data"][0]["y"], strip["data"][0]["marker"]["color"], strict=True))
    assert colours["<b>Kemp</b>"] == charts.CURRENT
    assert sum(colour == charts.CURRENT for colour in colours.values()) == 1
    # With the ranges drawn, each bar's whiskers reach its plausible range, wider than the
    # thin black noise whiskers drawn over them.
    strip = charts.views_strip(ranged_rows, None, "kemp")
    bar, noise = strip["data"][0], strip["data"][1]
    ranges = {row.use.estimate: row.use_range for row in ranged_rows}
    for x, wide, thin in zip(bar["x"], bar["error_x"]["array"], noise["error_x"]["array"],
                             strict=True):
        assert wide == pytest.approx(ranges[x].pi_high - x) and wide > thin


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_chart_is_valid_by_plotlys_schema(summaries, language, monkeypatch):
    """The charts are plain dicts, sent to the browser unvalidated (see charts.show): Plotly
    validates each of them here, for every preset, in every language."""
    import plotly.graph_objects as go
    import plotly.io as pio

    monkeypatch.setattr(i18n, "language", lambda: language)
    specs = _every_chart(*summaries, everything=True)
    for chart, spec in specs.items():
        assert set(spec) == {"data", "layout"} and spec["data"], chart
        assert all("type" in trace for trace in spec["data"]), chart
        go.Figure(spec)  # raises ValueError on any property Plotly does not know
        pio.to_json(spec, validate=False)  # as Streamlit sends it
    separators = {"en": ".,", "fr": ", "}[language]  # Plotly's decimal and thousands marks
    assert all(spec["layout"].get("separators", ".,") == separators for spec in specs.values())
    # The check can fail: a misspelt property, or a value of the wrong kind, is refused.
    spec = specs["baseline/rung_fan"]
    for broken in ({**spec, "layout": {**spec["layout"], "heigth": 380}},
                   {**spec, "data": [{**spec["data"][0], "line": {"dash": "dotty"}}]}):
        with pytest.raises(ValueError):
            go.Figure(broken)


def test_tick_labels_stay_distinct_for_tiny_and_large_ranges():
    from simulator.app import charts

    for top in (0.0, 1e-4, 0.0004, 0.003, 0.0123, 0.07, 0.4, 0.999, 1.0):
        ticks = charts.linear_ticks(top, percent=True)
        assert len(set(ticks["ticktext"])) == len(ticks["ticktext"]) >= 2
        assert ticks["range"][0] < 0 <= ticks["tickvals"][0] and ticks["range"][1] >= top
        assert len(ticks["tickvals"]) <= 7
