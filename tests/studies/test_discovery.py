"""Scenario discovery, any design evaluated, and the EMA Workbench adapter, as an analyst
uses them."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import simulator
from simulator.model.scenario import load
from simulator.running import engine
from simulator.studies import designs, discovery

ROOT = Path(__file__).resolve().parents[2]
VARY = ["chain.layers=1:10", "leader.bluff_share=0:1", "battlefield.momentum=200:3000",
        "chain.base_refusal=0:0.3", "leader.resolve=0:6"]


@pytest.fixture(scope="module")
def found():
    return discovery.discover("baseline", VARY, points=96, runs_per_point=1_000, seed=1,
                              workers=1)


def test_discover_finds_a_dense_box_that_covers_most_cases(found):
    values = found.points[found.outcome].to_numpy()
    assert found.cases == (values > found.threshold).sum()
    assert 0 < found.cases < len(values)  # the default threshold (median) splits the design
    box = found.box
    assert box.coverage >= 0.7 and box.density >= 0.8, found.text()
    assert box.limits and set(box.limits) <= {v.split("=")[0] for v in VARY}
    # the statistics are those of the box on the design itself
    inside = pd.Series(True, index=found.points.index)
    for name, (low, high) in box.limits.items():
        inside &= found.points[name].between(low, high)
    cases = found.points[found.outcome] > found.threshold
    assert box.density == pytest.approx(cases[inside].mean())
    assert box.coverage == pytest.approx(cases[inside].sum() / cases.sum())


def test_the_printed_box_has_the_coverage_and_density_it_states(found):
    inside = pd.Series(True, index=found.points.index)
    for condition, name in zip(found.box.conditions(), found.box.limits, strict=True):
        numbers = [float(part) for part in condition.replace(name, " ").replace("<=", " ")
                   .replace(">=", " ").split()]
        low, high = found.box.ranges[name]
        if len(numbers) == 2:
            low, high = numbers
        elif ">=" in condition:
            low = numbers[0]
        else:
            high = numbers[0]
        inside &= found.points[name].between(low, high)  # the printed bounds, inclusive
    cases = found.points[found.outcome] > found.threshold
    coverage, density, _ = found.stated
    assert density == pytest.approx(cases[inside].mean())
    assert coverage == pytest.approx(cases[inside].sum() / cases.sum())
    assert f"{density:.0%} of the points" in found.text()
    assert found.summary()["density"] == density


def test_a_whole_number_limit_is_printed_as_the_whole_numbers_it_holds():
    box = discovery.Box({"chain.layers": (1.0, 7.5)}, 0.9, 0.9, 0.5, {"chain.layers": (1, 10)})
    assert box.conditions() == ["chain.layers <= 7"]  # 7.5 holds 7, not 8
    low = discovery.Box({"chain.layers": (2.5, 10)}, 0.9, 0.9, 0.5, {"chain.layers": (1, 10)})
    assert low.conditions() == ["chain.layers >= 3"]


def test_the_box_reads_in_plain_words(found):
    text = found.text()
    assert "It concentrates where:" in text and "density" in text and "coverage" in text
    for name in found.box.limits:
        assert name in text


def test_cart_finds_a_box_too(found):
    design = found.points.drop(columns=[found.outcome])
    box = discovery.find_box(design, found.points[found.outcome] > found.threshold, "cart")
    assert box.density >= 0.8 and box.coverage > 0.3


def test_a_threshold_that_splits_nothing_is_a_clear_error():
    with pytest.raises(discovery.DiscoveryError, match="threshold: 0 of 16 points"):
        discovery.discover("baseline", ["chain.layers=1:10"], points=16, runs_per_point=200,
                           threshold=0.99, workers=1)


def test_discover_command_prints_the_box_and_json():
    command = [sys.executable, "-m", "simulator", "discover", "baseline", "--points", "32",
               "--runs-per-point", "500", "--workers", "1", "--quiet", "--json",
               *(part for v in VARY[:3] for part in ("--vary", v))]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["points"] == 32 and 0 < summary["cases"] < 32
    assert summary["conditions"] and 0 <= summary["density"] <= 1


def test_evaluate_gives_each_point_the_numbers_of_its_own_run():
    design = pd.DataFrame({"chain.layers": [1, 5, 9], "leader.bluff_share": [0.1, 0.5, 0.9]})
    table = simulator.evaluate("kemp", design, runs=3_000, seed=4, workers=1)
    assert list(table["chain.layers"]) == [1, 5, 9] and (table["runs"] == 3_000).all()
    for row, point in zip(table.to_dict("records"), design.to_dict("records"), strict=True):
        alone = engine.run(load("kemp").with_overrides(point), 3_000, 4, workers=1).estimates
        for outcome in ("nuclear_use", "order_blocked", "territory_km2"):
            assert row[outcome] == alone[outcome].estimate
            assert row[f"{outcome}_low"] == alone[outcome].ci_low


def test_evaluate_names_the_bad_row():
    with pytest.raises(designs.ExperimentError, match="design row 1"):
        simulator.evaluate("baseline", [{"chain.layers": 3}, {"chain.layers": 70}], runs=100)


def test_the_readme_ema_workbench_script_runs_fifty_experiments():
    """The three lines of the README, with fewer worlds per experiment."""
    from ema_workbench import perform_experiments

    from simulator.studies import ema

    model = ema.model("kemp", uncertainties=["chain.layers", "leader.bluff_share"], runs=300)
    experiments, outcomes = perform_experiments(model, scenarios=50)
    assert len(experiments) == 50 and len(outcomes["nuclear_use"]) == 50
    assert set(experiments.columns) >= {"chain_layers", "leader_bluff_share"}
    first = experiments.iloc[0]
    alone = engine.run(load("kemp").with_overrides(
        {"chain.layers": int(first["chain_layers"]),
         "leader.bluff_share": float(first["leader_bluff_share"])}), 300, 0, workers=1)
    assert outcomes["nuclear_use"][0] == alone.estimates["nuclear_use"].estimate


def test_sweep_runs_a_design_file_and_names_a_bad_column(tmp_path):
    design = tmp_path / "points.csv"
    design.write_text("chain.layers,leader.bluff_share\n1,0.2\n9,0.9\n")
    out = tmp_path / "sweep"
    command = [sys.executable, "-m", "simulator", "sweep", "kemp", "--design-file", str(design),
               "--runs-per-point", "500", "--seed", "2", "--out", str(out), "--workers", "1",
               "--quiet"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    table = pd.read_parquet(out / "sweep.parquet")
    expected = simulator.evaluate("kemp", pd.read_csv(design), runs=500, seed=2, workers=1)
    assert table["nuclear_use"].tolist() == expected["nuclear_use"].tolist()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["provenance"]["command"] and "parameters" in manifest
    design.write_text("chain.layer\n3\n")
    other = [str(tmp_path / "other") if part == str(out) else part for part in command]
    bad = subprocess.run(other, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "did you mean 'chain.layers'" in bad.stderr


def test_evaluate_replicates_each_point_over_several_seeds():
    design = [{"chain.layers": 2}, {"chain.layers": 8}]
    table = simulator.evaluate("baseline", design, runs=1_000, seed=[3, 4], workers=1)
    assert list(zip(table["seed"], table["chain.layers"], strict=True)) == [
        (3, 2), (3, 8), (4, 2), (4, 8)]
    one = simulator.evaluate("baseline", design, runs=1_000, seed=4, workers=1)
    assert table[table["seed"] == 4]["nuclear_use"].tolist() == one["nuclear_use"].tolist()
