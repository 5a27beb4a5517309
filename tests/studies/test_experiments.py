"""Comparisons, sweeps and Sobol' sensitivity: designs, common random numbers, bad input."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from simulator.errors import ParameterError, SimulatorError
from simulator.model.scenario import load
from simulator.results import analysis
from simulator.running import engine
from simulator.studies import designs, sobol, sweeps

ROOT = Path(__file__).resolve().parents[2]


def cli(*args):
    return subprocess.run([sys.executable, "-m", "simulator", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env=os.environ)


# --- ranges and designs --------------------------------------------------------------------

def test_vary_is_parsed_and_checked_against_the_schema():
    vary = designs.parse_vary("chain.layers=2:6")
    assert (vary.name, vary.low, vary.high, vary.integer) == ("chain.layers", 2, 6, True)
    assert designs.parse_vary("dummy=0:1").dummy
    refusal = designs.parse_vary(" chain.base_refusal = 0.01 : 0.3 ")
    assert not refusal.integer and refusal.high == 0.3
    for text, error, message in (
        ("chain.layer=2:6", ParameterError, "did you mean 'chain.layers'"),
        ("chain.layers=6:2", SimulatorError, r"LOW \(6\) must be below HIGH \(2\)"),
        ("chain.layers=3:3", SimulatorError, "must be below"),
        ("chain.layers=1:12", ParameterError, "chain.layers: 12 is out of range"),
        ("chain.layers=1.5:4", ParameterError, "is not a whole number"),
        ("chain.layers", SimulatorError, "expected name=LOW:HIGH"),
        ("chain.layers=1-4", SimulatorError, "expected name=LOW:HIGH"),
        ("chain.base_refusal=0.1,0.2:0.3", ParameterError, "one number at each end"),
        ("dummy=a:b", SimulatorError, "must be numbers"),
    ):
        with pytest.raises(error, match=message):
            designs.parse_vary(text)
    with pytest.raises(SimulatorError, match="given twice"):
        designs.check_varies(["chain.layers=1:3", "chain.layers=2:4"])
    with pytest.raises(SimulatorError, match="at least one"):
        designs.check_varies([])
    as_mapping = designs.check_varies({"chain.layers": (1, 3), "dummy": (0, 1)})
    assert [v.name for v in as_mapping] == ["chain.layers", "dummy"]


def test_designs_cover_the_ranges_with_whole_numbers_where_needed():
    varies = designs.check_varies(["chain.layers=1:4", "chain.base_refusal=0.05:0.25"])
    grid = designs.design_points(varies, "grid", 4)
    assert grid.shape == (16, 2)
    assert sorted(set(grid[:, 0])) == [1, 2, 3, 4]
    assert np.allclose(sorted(set(grid[:, 1])), np.linspace(0.05, 0.25, 4))
    for design, points in (("lhs", 40), ("sobol", 64)):
        found = designs.design_points(varies, design, points, seed=1)
        assert found.shape == (points, 2)
        assert set(found[:, 0]) == {1, 2, 3, 4}  # every whole value, none outside
        assert found[:, 1].min() >= 0.05 and found[:, 1].max() < 0.25
        assert np.array_equal(found, designs.design_points(varies, design, points, seed=1))
        assert not np.array_equal(found, designs.design_points(varies, design, points, 2))
    lhs = designs.design_points(varies[1:], "lhs", 10, seed=3)[:, 0]
    assert np.array_equal(np.sort(np.floor((lhs - 0.05) / 0.02)), np.arange(10))  # one per bin
    with pytest.raises(SimulatorError, match="not a power of 2.*try 64"):
        designs.design_points(varies, "sobol", 50)
    with pytest.raises(SimulatorError, match="design: 'random' is not allowed"):
        designs.design_points(varies, "random", 8)


# --- sweep ---------------------------------------------------------------------------------

def test_sweep_runs_every_point_on_the_same_draws_and_writes_one_row_per_point(tmp_path):
    vary = ["chain.layers=1:5", "chain.base_refusal=0.01:0.3"]
    sweep = sweeps.sweep("baseline", vary, design="lhs", points=6, runs_per_point=1_500,
                         seed=4, out=tmp_path / "S", workers=2)
    frame = pd.read_parquet(tmp_path / "S" / "sweep.parquet")
    assert len(frame) == 6 and list(frame["point"]) == list(range(6))
    for name in analysis.OUTCOMES:
        assert {name, f"{name}_low", f"{name}_high"} <= set(frame.columns)
        assert (frame[f"{name}_low"] <= frame[name]).all()
        assert (frame[name] <= frame[f"{name}_high"]).all()
    assert frame["chain.layers"].dtype.kind == "i"
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "S" / "sweep.csv"), frame,
                                  check_dtype=False)
    manifest = json.loads((tmp_path / "S" / "manifest.json").read_text())
    assert manifest["kind"] == "sweep" and manifest["points"] == 6
    assert manifest["vary"] == ["chain.layers=1:5", "chain.base_refusal=0.01:0.3"]

    # a point is exactly `run` of that scenario on the same seed (common random numbers)
    point = designs.point_scenario(load("baseline"), sweep.varies, sweep.values[2], 2)
    alone = engine.run(point, 1_500, seed=4, workers=1)
    assert sweep.estimates[2] == alone.estimates
    # and the table's bytes do not depend on the executor
    again = sweeps.sweep("baseline", vary, design="lhs", points=6, runs_per_point=1_500,
                         seed=4, out=tmp_path / "T", workers=1)
    assert (tmp_path / "T" / "sweep.parquet").read_bytes() == \
        (tmp_path / "S" / "sweep.parquet").read_bytes()
    assert again.summary() == sweep.summary()


def test_sweep_on_the_command_line_and_its_bad_input(tmp_path):
    result = cli("sweep", "kemp", "--vary", "chain.units=1:3", "--vary", "west.influence=0:1",
                 "--design", "grid", "--points", "2", "--runs-per-point", "400", "--seed", "1",
                 "--out", str(tmp_path / "G"), "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert "4 points x 400 worlds" in result.stdout
    assert len(pd.read_csv(tmp_path / "G" / "sweep.csv")) == 4
    before = (tmp_path / "G" / "sweep.csv").read_bytes()
    for args, message in (
        (["--vary", "chain.unit=1:3"], "did you mean 'chain.units'"),
        (["--vary", "chain.units=1:3"], "is not empty; pass --overwrite"),
    ):
        bad = cli("sweep", "kemp", *args, "--out", str(tmp_path / "G"))
        assert bad.returncode == 2 and message in bad.stderr and "Traceback" not in bad.stderr
    assert (tmp_path / "G" / "sweep.csv").read_bytes() == before
    with pytest.raises(SimulatorError, match=r"LOW \(3\) must be below HIGH \(1\)"):
        sweeps.sweep("kemp", ["chain.units=3:1"], out=tmp_path / "N")
    assert not (tmp_path / "N").exists()


def test_a_point_that_the_schema_refuses_is_reported_before_anything_runs():
    # one refusal per layer for five layers: fewer layers do not fit that list
    five = load("baseline").with_overrides({"chain.base_refusal": [0.05, 0.05, 0.1, 0.1, 0.2]})
    with pytest.raises(SimulatorError, match=r"point 0 \(chain.layers=1\).*per-layer list"):
        sweeps.sweep(five, ["chain.layers=1:4"], design="grid", points=4,
                     runs_per_point=100)


# --- sensitivity ---------------------------------------------------------------------------

def test_sobol_indices_rank_what_cannot_matter_at_zero(tmp_path):
    # west.wider_war_rate acts only once NATO is involved, which needs a nuclear use: it
    # provably cannot change whether a weapon is used. `dummy` enters no scenario at all.
    vary = ["west.wider_war_rate=0:0.2", "chain.base_refusal=0.01:0.3", "dummy=0:1"]
    result = sobol.sensitivity("baseline", vary, outcome="nuclear_use", samples=16,
                               runs_per_point=1_000, seed=2, resamples=300,
                               out=tmp_path / "I", workers=2)
    ranked = [result.varies[i].name for i in result.ranking()]
    assert ranked[0] == "chain.base_refusal"
    top = ranked.index("chain.base_refusal")
    assert result.total_order[1] > 0.3 and result.first_order[1] > 0.2, top
    assert result.total_low[1] <= result.total_order[1] <= result.total_high[1]
    for i in (0, 2):  # exactly zero, with a zero-width interval: same draws at every point
        assert result.first_order[i] == result.total_order[i] == 0.0
        assert result.first_low[i] == result.first_high[i] == 0.0
        assert result.total_low[i] == result.total_high[i] == 0.0

    # the indices are scipy's, recomputed from the outputs at the points
    out = result.points["nuclear_use"]
    n = result.samples
    again = stats.sobol_indices(func={"f_A": out[None, :n], "f_B": out[None, n:2 * n],
                                      "f_AB": out[2 * n:].reshape(3, 1, n)}, n=n)
    assert np.allclose(again.first_order, result.first_order)
    assert np.allclose(again.total_order, result.total_order)
    centred = out - out[:2 * n].mean()  # the estimator its bootstrap uses: the same numbers
    ours = sobol.saltelli_indices(centred[:n], centred[n:2 * n], centred[2 * n:].reshape(3, n))
    assert np.allclose(ours, [result.first_order, result.total_order])

    table = pd.read_csv(tmp_path / "I" / "sensitivity.csv")
    assert list(table["parameter"]) == ranked and list(table["rank"]) == [1, 2, 3]
    document = json.loads((tmp_path / "I" / "sensitivity.json").read_text())
    assert document["outcome"] == "nuclear_use" and document["points"] == 16 * 5
    assert len(pd.read_parquet(tmp_path / "I" / "points.parquet")) == 16 * 5
    assert "1  chain.base_refusal" in result.table()


def test_sensitivity_is_reproducible_and_checks_its_input(tmp_path):
    options = {"samples": 4, "runs_per_point": 200, "seed": 5, "resamples": 50, "workers": 1}
    first = sobol.sensitivity("baseline", ["leader.resolve=0:6", "dummy=0:1"], **options)
    again = sobol.sensitivity("baseline", ["leader.resolve=0:6", "dummy=0:1"], **options)
    assert first.summary() == again.summary()
    alone = sobol.sensitivity("baseline", ["leader.resolve=0:6"], **options)
    assert alone.first_order.shape == (1,) and alone.total_order[0] > 0  # one input works too
    with pytest.raises(SimulatorError, match="unknown outcome 'nukes'"):
        sobol.sensitivity("baseline", ["leader.resolve=0:6"], outcome="nukes")
    with pytest.raises(SimulatorError, match="samples: 12 is not allowed.*power of 2"):
        sobol.sensitivity("baseline", ["leader.resolve=0:6"], samples=12)
    bad = cli("sensitivity", "baseline", "--vary", "leader.resolve=0:6", "--outcome", "nukes",
              "--out", str(tmp_path / "X"))
    assert bad.returncode == 2 and "unknown outcome 'nukes'" in bad.stderr
    assert not (tmp_path / "X").exists()


# --- compare -------------------------------------------------------------------------------

def test_compare_pairs_worlds_for_narrower_intervals_and_writes_its_table(tmp_path):
    result = cli("compare", "baseline", "kemp", "hodges", "--runs", "50000", "--seed", "1",
                 "--json", "--out", str(tmp_path / "C"))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["scenarios"] == ["baseline", "kemp", "hodges"]
    for outcome in ("nuclear_order", "leader_ousted"):
        for other in ("kemp", "hodges"):
            paired = report["outcomes"][outcome]["paired_difference_from_first"][other]
            unpaired = report["outcomes"][outcome]["unpaired_difference_from_first"][other]
            assert paired["difference"] == pytest.approx(unpaired["difference"])
            assert paired["ci_high"] - paired["ci_low"] < unpaired["ci_high"] - unpaired["ci_low"]
    assert json.loads((tmp_path / "C" / "comparison.json").read_text()) == report
    table = pd.read_csv(tmp_path / "C" / "comparison.csv")
    assert len(table) == 3 * len(analysis.OUTCOMES)
    kemp_use = table[(table.outcome == "nuclear_use") & (table.scenario == "kemp")].iloc[0]
    assert kemp_use["paired_difference"] == pytest.approx(
        report["outcomes"]["nuclear_use"]["paired_difference_from_first"]["kemp"]["difference"])
