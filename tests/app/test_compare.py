"""The Compare page (simulator/app/compare.py), run headless with AppTest: paired differences
equal the engine's, a digest in points comes first, and unreadable scenarios warn. The page
draws the assumptions' ranges by default, as Explore does, so its numbers are those of the
engine's runs with ``uncertainty=True`` (tests/app/test_compare_ranges.py: the rest of it).
"""

from support.apptest import ok, open_app, page_path, warnings

from simulator.app import i18n, widgets
from simulator.model.scenario import load
from simulator.results import analysis
from simulator.running import engine


def test_compare_shows_paired_differences_of_a_saved_setting():
    spec = "kemp: chain.layers=3"
    at = open_app({"scenarios": ["kemp", spec], "compare_worlds": "2000"}, page_path("compare"))
    assert ok(at) and not at.warning
    kemp, custom = engine.run_many([load("kemp"), load("kemp").with_overrides({"chain.layers": 3})],
                                   2_000, 0, workers=1, uncertainty=True)
    side_by_side, differences = (table.value for table in at.table[:2])
    assert side_by_side.loc["P(nuclear use)", "Kemp"].startswith(widgets.estimate_text(
        "nuclear_use", kemp.estimates["nuclear_use"]) + "; plausibly ")
    assert side_by_side.loc["P(nuclear use)", spec].startswith(widgets.estimate_text(
        "nuclear_use", custom.estimates["nuclear_use"]) + "; plausibly ")
    territory = custom.estimates["territory_km2"]
    assert side_by_side.loc["Territory retaken by Ukraine (km²)", spec] == territory.text(False)
    diff = analysis.paired_difference(custom.columns["nuclear_use"], kemp.columns["nuclear_use"],
                                      binary=True)
    assert differences.loc["P(nuclear use)", spec].startswith(widgets.points(diff.difference))
    # One page per scenario: the custom one lists its changed layers and Kemp's claims, by
    # the assumption's one name and in its unit (no id on this page).
    description = at.table[3].value
    assert "3 layers" in description.loc["Layers that must agree"].tolist()
    assert not description.filter(like="chain.layers", axis=0).size


def test_compare_warns_about_a_scenario_it_cannot_read():
    at = open_app({"scenarios": ["baseline", "kemp: chain.layers=70", "nobody"],
                   "compare_worlds": "1000"}, page_path("compare"))
    assert ok(at)
    text = warnings(at)
    assert "chain.layers=70" in text and "out of range" in text and "nobody" in text
    assert "at least two" in at.info[0].value


def test_compare_opens_with_a_digest_in_points_and_folds_the_tables():
    at = open_app({"scenarios": ["baseline", "hodges", "kemp"], "compare_worlds": "2000"},
                  page_path("compare"))
    assert ok(at)
    names = ("baseline", "hodges", "kemp")
    batches = dict(zip(names, engine.run_many([load(name) for name in names], 2_000, 0,
                                              workers=1, uncertainty=True), strict=True))
    digest = next(m.value for m in at.markdown if "points" in m.value and "likely" in m.value)
    lines = digest.splitlines()
    assert 1 <= len(lines) <= 4
    # each line: the view furthest from the baseline on that outcome, in points and percents
    for line in lines:
        outcome = next(name for name in analysis.PROBABILITY_OUTCOMES
                       if i18n.TEXT["en"][f"compare.outcome_plain.{name}"] in line)
        view = "hodges" if "**Hodges**" in line else "kemp"
        diff = analysis.paired_difference(batches[view].columns[outcome],
                                          batches["baseline"].columns[outcome], binary=True)
        assert f"{abs(100 * diff.difference):.1f} points" in line or \
            f"{abs(100 * diff.difference):.2f} points" in line
        assert ("less likely" in line) == (diff.difference < 0)
        assert widgets.percent(batches[view].estimates[outcome].estimate) in line
    # the full tables sit in an expander, with no scientific notation anywhere
    expander = next(e for e in at.get("expander") if e.label.startswith("All outcomes"))
    assert len(expander.table) == 2
    for table in at.table[:2]:
        assert not table.value.map(lambda cell: "e-0" in str(cell) or "e+0" in str(cell)
                                   ).to_numpy().any()


def test_compare_chart_shows_differences_of_the_digest_outcomes_only():
    from simulator.app import compare_charts, runs
    from simulator.app.scenarios import Choice

    choices = [Choice(name) for name in ("baseline", "hodges", "alexander")]
    results = [runs.summary(choice, 2_000, 0) for choice in choices]
    labels = ["Baseline", "Hodges", "Alexander"]
    rows = runs.largest_differences(labels, results)
    assert rows and [abs(r["diff"].difference) for r in rows] == sorted(
        (abs(r["diff"].difference) for r in rows), reverse=True)
    chart_rows = [{"outcome": i18n.outcome(r["outcome"]), "view": label,
                   "difference": d.difference, "low": d.ci_low, "high": d.ci_high}
                  for r in rows for label, _, d in r["all"]]
    figure = compare_charts.differences(chart_rows, "Baseline")
    shown = {y for trace in figure.data for y in trace.y}
    assert shown == {i18n.outcome(r["outcome"]) for r in rows}
    for trace in figure.data:  # differences, not levels: "war still on" at ~90% is not drawn
        assert max(abs(x) for x in trace.x) < 0.5
    assert "points" in figure.layout.xaxis.title.text


def test_the_digest_leads_with_nuclear_use_and_says_what_its_brackets_cover():
    names = ("baseline", "alperovitch")  # Alperovitch moves the ouster most, by far
    at = open_app({"scenarios": list(names), "compare_worlds": "2000"}, page_path("compare"))
    assert ok(at)
    batches = dict(zip(names, engine.run_many([load(name) for name in names], 2_000, 0,
                                              workers=1, uncertainty=True), strict=True))
    diffs = {name: analysis.paired_difference(batches["alperovitch"].columns[name],
                                              batches["baseline"].columns[name], binary=True)
             for name in analysis.PROBABILITY_OUTCOMES}
    clear = {name: d for name, d in diffs.items() if d.ci_low > 0 or d.ci_high < 0}
    assert max(clear, key=lambda name: abs(clear[name].difference)) != "nuclear_use"
    digest = next(m.value for m in at.markdown if "likely than under **Baseline**" in m.value)
    lines = digest.splitlines()
    plain = {name: i18n.TEXT["en"][f"compare.outcome_plain.{name}"]
             for name in analysis.PROBABILITY_OUTCOMES}
    assert "nuclear use" in lines[0].lower()  # the app's question first, clear or not
    others = [next(name for name in clear if name != "nuclear_use" and plain[name] in line)
              for line in lines[1:]]
    sizes = [abs(clear[name].difference) for name in others]
    assert others and sizes == sorted(sizes, reverse=True)
    assert len(lines) <= 4
    captions = "\n".join(c.value for c in at.caption)
    assert "95% interval of each paired difference" in captions
    assert "noise of the simulation" in captions
