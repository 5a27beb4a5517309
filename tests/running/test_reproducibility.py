"""Same seed and scenario -> same bytes; worlds do not depend on how many run beside them."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from simulator import results
from simulator.model.scenario import load
from simulator.running import engine

ROOT = Path(__file__).resolve().parents[2]


def columns_equal(a, b):
    """Same columns, same values (NaN, a checkpoint past the horizon, equals NaN)."""
    return a.keys() == b.keys() and all(
        np.array_equal(a[k], b[k], equal_nan=np.asarray(a[k]).dtype.kind == "f") for k in a)


def test_same_seed_same_outcomes_and_another_seed_differs():
    scenario = load("baseline")
    first = engine.run(scenario, 5_000, seed=4, workers=1)
    again = engine.run(scenario, 5_000, seed=4, workers=1)
    other = engine.run(scenario, 5_000, seed=5, workers=1)
    assert columns_equal(first.columns, again.columns)
    assert np.array_equal(first.weekly, again.weekly)
    assert not np.array_equal(first.columns["territory_km2"], other.columns["territory_km2"])


def test_a_world_is_the_same_in_a_small_and_a_large_batch():
    scenario = load("crimea-offensive")
    small = engine.run(scenario, 700, seed=9, workers=1)
    large = engine.run(scenario, engine.CHUNK_SIZE + 300, seed=9, workers=1)
    for name, values in small.columns.items():
        assert np.array_equal(values, large.columns[name][:700],
                              equal_nan=values.dtype.kind == "f"), name


def test_a_replayed_world_matches_its_row_in_the_batch():
    scenario = load("crimea-offensive")
    batch = engine.run(scenario, engine.CHUNK_SIZE + 50, seed=2, workers=1)
    for world in (3, engine.CHUNK_SIZE + 7):
        model = engine.replay_world(scenario.parameters, 2, world)
        i = model.world_index
        replayed = model.outcomes()
        for name, values in replayed.items():
            same = values[i] == batch.columns[name][world] or (
                np.isnan(values[i]) and np.isnan(batch.columns[name][world])
                if np.asarray(values).dtype.kind == "f" else False)
            assert same, (world, name)


def test_scenarios_on_the_same_seed_share_their_draws():
    """Common random numbers: a change that cannot matter before week 0 changes nothing."""
    base = engine.run(load("baseline"), 3_000, seed=1, workers=1)
    same = engine.run(load("baseline").with_overrides({"west.wider_war_rate": 0.01}),
                      3_000, seed=1, workers=1)
    assert columns_equal(base.columns, same.columns)
    # A leader who ignores the chain (anticipation 0) chooses the same whatever its length, so
    # worlds without any nuclear order cannot be affected by it.
    blind = load("baseline").with_overrides({"leader.anticipation": 0.0})
    base = engine.run(blind, 3_000, seed=1, workers=1)
    changed = engine.run(blind.with_overrides({"chain.layers": 2}), 3_000, seed=1, workers=1)
    quiet = ~base.columns["nuclear_order"] & ~changed.columns["nuclear_order"]
    assert quiet.sum() > 2_000
    assert np.array_equal(base.columns["territory_km2"][quiet],
                          changed.columns["territory_km2"][quiet])


def test_cumulative_incidence_by_week_ends_at_the_overall_probability():
    from simulator.results import analysis

    batch = engine.run(load("crimea-offensive"), 4_000, seed=3, workers=1)
    counts = batch.weekly[:, list(batch.weekly_shares()).index("nuclear_use")]
    curve = analysis.cumulative_incidence(counts, batch.runs)
    assert np.all(np.diff(curve["estimate"]) >= 0)
    assert curve["estimate"][-1] == batch.estimates["nuclear_use"].estimate
    assert np.all(curve["ci_low"] <= curve["estimate"])
    assert np.all(curve["estimate"] <= curve["ci_high"])


def test_the_weekly_counts_end_where_every_worlds_outcomes_do():
    """Each column of the weekly row is the count its name says (its order is easy to slip)."""
    batch = engine.run(load("crimea-offensive"), 4_000, seed=3, workers=1)
    columns, weekly = batch.columns, dict(zip(batch.weekly_shares(), batch.weekly.T, strict=True))
    final = {"nuclear_order": columns["nuclear_order"], "nuclear_use": columns["nuclear_use"],
             "order_blocked": columns["order_blocked"], "leader_ousted": columns["leader_ousted"],
             "nato_involved": columns["nato_involved"]}
    for event, seen in final.items():
        assert weekly[event][-1] == np.count_nonzero(seen) > 0, event
    assert weekly["orders_issued"].sum() == columns["orders"].sum()
    refused = sum(weekly[f"refused_at_{k}"].sum() for k in range(1, 6))
    assert refused == columns["orders_blocked"].sum()
    rungs = [weekly[name][-1] for name in batch.weekly_shares() if name.startswith("rung_")]
    assert rungs == np.bincount(columns["final_rung"], minlength=len(rungs)).tolist()


AVX2_AT_MOST = "SSE SSE2 SSE3 SSSE3 SSE41 POPCNT SSE42 AVX F16C FMA3 AVX2"
BYTES_AND_ROUNDING = (
    "import hashlib; from simulator import results; from simulator.running import engine; "
    "from simulator.model.scenario import load; "
    "batch = engine.run(load('baseline'), 16_384, 2022, workers=1); "
    "digest = hashlib.sha256(); "
    "[digest.update(batch.columns[name].tobytes()) for name in sorted(batch.columns)]; "
    "print(digest.hexdigest(), results.float32_rounding())"
)


def test_the_rounding_digest_tells_apart_machines_that_give_other_bytes():
    """numpy held to AVX2 computes like a machine without AVX-512: other bytes, other digest."""
    runs = []
    for features in (None, AVX2_AT_MOST):
        env = {key: value for key, value in os.environ.items()
               if key not in ("NPY_ENABLE_CPU_FEATURES", "NPY_DISABLE_CPU_FEATURES")}
        if features:
            env["NPY_ENABLE_CPU_FEATURES"] = features
        result = subprocess.run([sys.executable, "-c", BYTES_AND_ROUNDING], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=300)
        if result.returncode and "NPY_ENABLE_CPU_FEATURES" in result.stderr:
            pytest.skip(f"this CPU lacks a feature of {features!r}")
        assert result.returncode == 0, result.stderr
        runs.append(result.stdout.split())
    (bytes_here, rounding_here), (bytes_avx2, rounding_avx2) = runs
    if bytes_here == bytes_avx2:
        pytest.skip("no AVX-512 here: numpy held to AVX2 computes the same bytes")
    assert rounding_here != rounding_avx2
    assert rounding_here == results.float32_rounding()
