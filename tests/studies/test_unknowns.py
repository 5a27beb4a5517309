"""Sobol' indices over a preset's own ranges (simulator/studies/unknowns.py): the wider
unknown ranks first and the order flips with the widths, each range is sampled from its own
distribution, the same seed gives the same indices, a preset without ranges is refused.
"""

import dataclasses

import numpy as np
import pytest
from scipy import stats

import simulator
from simulator.model.ranges import Range
from simulator.model.scenario import load
from simulator.studies import sobol, unknowns
from simulator.studies.designs import ExperimentError

THRESHOLD, SOUTH = "leader.desperation_threshold", "battlefield.south_share"


def _with_ranges(given: dict[str, tuple]):
    """Baseline with only the ``given`` ranges: name -> (kind, low, high), mode = its value."""
    base = dataclasses.replace(load("baseline"), ranges={})
    values = base.parameters
    return base.with_ranges({name: Range(kind, low, high, values[name], why="a test's range")
                             for name, (kind, low, high) in given.items()})


def _two(threshold: tuple[float, float], south: tuple[float, float]):
    return _with_ranges({THRESHOLD: ("pert", *threshold), SOUTH: ("pert", *south)})


def _totals(found: unknowns.Unknowns) -> dict[str, float]:
    return {v.name: float(t) for v, t in zip(found.varies, found.total_order, strict=True)}


def test_the_wide_unknown_gets_the_larger_total_index_and_the_order_flips_with_the_widths():
    wide_threshold = unknowns.unknowns(_two((0.31, 0.51), (0.49, 0.51)), samples=16,
                                       runs_per_point=500, seed=0, workers=1)
    wide_south = unknowns.unknowns(_two((0.405, 0.415), (0.2, 0.8)), samples=16,
                                   runs_per_point=500, seed=0, workers=1)
    first, second = _totals(wide_threshold), _totals(wide_south)
    assert first[THRESHOLD] > 0.5 > first[SOUTH]
    assert second[SOUTH] > 0.5 > second[THRESHOLD]
    assert wide_threshold.varies[wide_threshold.ranking()[0]].name == THRESHOLD
    assert wide_south.varies[wide_south.ranking()[0]].name == SOUTH
    assert wide_threshold.total_low[wide_threshold.ranking()[0]] > first[SOUTH]


def test_each_range_is_sampled_from_its_own_distribution_not_uniform_on_its_bounds():
    skewed = _with_ranges({THRESHOLD: ("pert", 0.30, 0.60), "chain.max_reissues": ("pert", 1, 6)})
    found = unknowns.unknowns(skewed, samples=64, runs_per_point=100, seed=3, workers=1)
    rows = np.isin(found.points["matrix"], ["A", "B"])  # the independent draws
    drawn = found.points[THRESHOLD][rows]
    pert = skewed.ranges[THRESHOLD]  # mode 0.41: mean (0.30 + 4 x 0.41 + 0.60) / 6 = 0.4233
    assert pert.distribution().mean() == pytest.approx((0.30 + 4 * 0.41 + 0.60) / 6)
    assert abs(drawn.mean() - pert.distribution().mean()) < 0.01
    assert abs(drawn.mean() - 0.45) > 0.02  # the uniform's mean: not what is drawn
    assert stats.kstest(drawn, pert.distribution().cdf).pvalue > 0.05
    assert stats.kstest(drawn, stats.uniform(0.30, 0.30).cdf).pvalue < 0.01
    whole = found.points["chain.max_reissues"][rows]  # whole numbers, rounded as Range does
    assert set(np.unique(whole)) <= set(range(1, 7)) and np.all(whole == np.rint(whole))
    rng = skewed.ranges["chain.max_reissues"]
    assert abs(whole.mean() - rng.distribution().mean()) < 0.3


def test_the_same_seed_gives_the_same_indices_and_another_seed_others():
    scenario = _two((0.31, 0.51), (0.35, 0.65))
    options = {"samples": 8, "runs_per_point": 250, "workers": 1}
    first = unknowns.unknowns(scenario, seed=5, **options)
    again = unknowns.unknowns(scenario, seed=5, **options)
    other = unknowns.unknowns(scenario, seed=6, **options)
    for name in ("first_order", "total_order", "total_low", "total_high"):
        assert np.array_equal(getattr(first, name), getattr(again, name))
    assert not np.array_equal(first.total_order, other.total_order)
    assert first.table() == again.table()


def test_it_is_sobols_own_analysis_over_the_mapped_design():
    scenario = _two((0.31, 0.51), (0.35, 0.65))
    found = unknowns.unknowns(scenario, samples=8, runs_per_point=250, seed=2, workers=1)
    direct = sobol.sensitivity(scenario, found.varies, samples=8, runs_per_point=250, seed=2,
                               workers=1)
    assert np.array_equal(found.total_order, direct.total_order)
    other = found.for_outcome("nato_involved")
    assert isinstance(other, unknowns.Unknowns) and other.outcome == "nato_involved"
    table = found.to_pandas()
    assert list(table["kind"]) == ["pert", "pert"] and set(table["why"]) == {"a test's range"}
    summary = found.summary()
    assert summary["vary"] == "ranges" and len(summary["indices"]) == 2
    assert 0 < summary["noise_share_at_most"] < 1


def test_the_table_ranks_the_unknowns_in_words_and_says_what_the_indices_cover():
    found = unknowns.unknowns(_two((0.31, 0.51), (0.49, 0.51)), samples=8, runs_per_point=250,
                              seed=0, workers=1)
    text = found.table()
    assert text.startswith("Which unknowns matter most for nuclear_use")
    assert text.index(THRESHOLD) < text.index(SOUTH)  # ranked by total index
    assert "pert 0.31 < 0.41 < 0.51" in text
    assert "What the indices cover" in text and "Simulation noise" in text
    assert "bootstrap" in text


def test_a_preset_without_ranges_is_refused_by_name_and_collapsed_ranges_are_left_out():
    bare = dataclasses.replace(load("baseline"), ranges={}, name="bare")
    with pytest.raises(ExperimentError, match="bare: the preset has no ranges"):
        unknowns.unknowns(bare, samples=4, runs_per_point=10)
    point = _with_ranges({THRESHOLD: ("pert", 0.41, 0.41)})
    with pytest.raises(ExperimentError, match="only collapsed ranges"):
        unknowns.unknowns(point, samples=4, runs_per_point=10)
    varies, collapsed = unknowns.range_varies(_two((0.31, 0.51), (0.5, 0.5)))
    assert [v.name for v in varies] == [THRESHOLD] and collapsed == [SOUTH]


def test_the_api_ranks_the_presets_unknowns_by_default():
    found = simulator.sensitivity("kemp", samples=4, runs_per_point=100, workers=1)
    assert isinstance(found, unknowns.Unknowns)
    assert {v.name for v in found.varies} == set(load("kemp").ranges)
    explicit = simulator.sensitivity("kemp", "ranges", samples=4, runs_per_point=100, workers=1)
    assert np.array_equal(found.total_order, explicit.total_order)
    fixed = simulator.sensitivity("kemp", samples=4, runs_per_point=100, workers=1,
                                  changes={THRESHOLD: 0.41})
    assert THRESHOLD not in {v.name for v in fixed.varies}  # a point, no longer unknown
