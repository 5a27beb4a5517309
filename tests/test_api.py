"""The notebook API: ``simulator.run/compare/sweep/sensitivity`` and their result objects."""

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from support.imports import loaded_after

import simulator
from simulator.results import analysis
from simulator.running import engine
from simulator.studies import comparison

ROOT = Path(__file__).resolve().parent.parent


def test_importing_the_package_stays_light_until_the_api_is_used():
    engine_module = "simulator.running.engine"
    assert loaded_after("import simulator, simulator.model.params", engine_module) == []
    assert loaded_after("import simulator; simulator.run", engine_module) == [engine_module]
    with pytest.raises(AttributeError):
        simulator.no_such_thing  # noqa: B018


def test_a_batch_from_python_loads_no_study_and_no_scipy_stats():
    """``simulator.run`` needs the engine: the studies (scipy.stats) load with their function."""
    run = "import simulator; simulator.run('baseline', runs=300, workers=1)"
    assert loaded_after(run, "scipy.stats", "simulator.studies.designs",
                        "simulator.evidence.war") == []
    sweep = (run + "; simulator.sweep('baseline', {'west.influence': (0.3, 0.9)}, points=2, "
             "runs_per_point=200, workers=1)")
    assert "scipy.stats" in loaded_after(sweep, "scipy.stats")


def test_run_returns_a_batch_with_summary_and_pandas(tmp_path):
    batch = simulator.run("kemp", runs=1_500, seed=2, changes={"chain.layers": 3}, workers=1)
    assert isinstance(batch, engine.Batch)
    assert batch.scenario.parameters["chain.layers"] == 3
    summary = batch.summary()
    assert set(summary) == set(analysis.OUTCOMES)
    use = summary["nuclear_use"]
    assert use["ci_low"] <= use["estimate"] <= use["ci_high"] and use["n"] == 1_500
    frame = batch.to_pandas()
    assert len(frame) == 1_500 and frame["world"].tolist() == list(range(1_500))
    assert frame["nuclear_use"].mean() == pytest.approx(use["estimate"])

    written = simulator.run("kemp", runs=1_500, seed=2, changes={"chain.layers": 3},
                            out=tmp_path / "A", workers=1)
    loaded = simulator.load_results(tmp_path / "A")
    assert written.summary() == loaded.summary() == summary
    pd.testing.assert_frame_equal(loaded.to_pandas(), frame)
    assert "runs=1,500" in repr(loaded)


def test_compare_returns_paired_differences_as_tables():
    result = simulator.compare(["baseline", "hodges"], runs=3_000, seed=1, workers=1)
    assert isinstance(result, comparison.Comparison)
    frame = result.to_pandas()
    assert len(frame) == 2 * len(analysis.OUTCOMES)
    hodges = frame[(frame.outcome == "nuclear_use") & (frame.scenario == "hodges")].iloc[0]
    direct = analysis.paired_difference(result.batches[1].columns["nuclear_use"],
                                        result.batches[0].columns["nuclear_use"], binary=True)
    assert hodges["paired_difference"] == pytest.approx(direct.difference)
    assert np.isnan(frame[frame.scenario == "baseline"]["paired_difference"]).all()
    summary = result.summary()
    assert summary["scenarios"] == ["baseline", "hodges"]
    assert "vs baseline" in result.table()
    # the same scenario twice is labelled apart
    twice = simulator.compare(["baseline", "baseline"], runs=200, workers=1)
    assert twice.labels == ["baseline", "baseline#2"]
    assert twice.paired("nuclear_use", 1).difference == 0


def test_sweep_and_sensitivity_return_tables(tmp_path):
    sweep = simulator.sweep("baseline", {"chain.base_refusal": (0.01, 0.3)}, design="grid",
                            points=3, runs_per_point=500, seed=1, workers=1)
    frame = sweep.to_pandas()
    assert frame["chain.base_refusal"].tolist() == pytest.approx([0.01, 0.155, 0.3])
    assert len(sweep.summary()["points"]) == 3 and "3 points x 500 worlds" in sweep.table()
    # more refusal, fewer uses (same draws at every point, so this is monotone)
    assert frame["nuclear_use"].is_monotonic_decreasing

    result = simulator.sensitivity("baseline", ["chain.base_refusal=0.01:0.3", "dummy=0:1"],
                                   samples=4, runs_per_point=300, seed=1, resamples=50,
                                   workers=1)
    ranked = result.to_pandas()
    assert list(ranked.columns[:3]) == ["rank", "parameter", "low"]
    assert ranked.iloc[-1]["parameter"] == "dummy" and ranked.iloc[-1]["total"] == 0
    assert result.summary()["points"] == 4 * 4
    assert re.search(r"Sensitivity\(nuclear_use: total chain.base_refusal=", repr(result))


def test_the_analysts_guide_example_names_real_functions():
    guide = (ROOT / "README.md").read_text() + (ROOT / "docs/tutorials/analysts.md").read_text()
    for name in re.findall(r"simulator\.(\w+)\(", guide):
        assert name in simulator._API or callable(getattr(simulator, name, None)), name


def test_simulator_scenario_stays_the_api_function_after_the_model_is_used():
    import simulator
    from simulator.model.scenario import load
    from simulator.running import engine

    engine.run(load("kemp"), 100, seed=1, workers=1)
    assert callable(simulator.scenario)
    assert simulator.scenario("kemp", {"chain.layers": 3}).parameters["chain.layers"] == 3
