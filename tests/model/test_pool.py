"""Pooled views: each block of worlds lives under one of the views, by weight.

The pool must be the views' mixture world for world (a pool's world i is world i of its
block's view, with or without ranges, after a user's change too), give each view close to
its weight's share of worlds at any length, tell the views' disagreement apart from their
own ranges, refuse what it cannot run (bad files, a design over a pool) naming the field,
and ship record weights that a fresh backtest reproduces.
"""

import re

import numpy as np
import pytest

from simulator.cli.entry import main
from simulator.evidence import weights
from simulator.model import pool
from simulator.model.ranges import BLOCK_WORLDS
from simulator.model.scenario import from_text, load
from simulator.running import engine
from simulator.studies import story

SEED = 3


def same_worlds(pooled, member, chosen) -> list[str]:
    """The outcome columns in which the chosen worlds of two batches differ."""
    found = []
    for name in pooled.columns.keys():
        one, other = (np.asarray(b.columns[name])[chosen] for b in (pooled, member))
        if not np.array_equal(one, other, equal_nan=one.dtype.kind == "f"):
            found.append(name)
    return found


@pytest.mark.parametrize("uncertainty", [False, True])
def test_a_pools_world_is_its_blocks_views_world(uncertainty):
    pooled = load("pooled")
    runs = 8 * BLOCK_WORLDS + 40  # a last, shorter block too
    batch = engine.run(pooled, runs, SEED, workers=1, uncertainty=uncertainty)
    views = pool.world_views([m.weight for m in pooled.pool], SEED, runs)
    assert len(set(views.tolist())) >= 3, "the test needs blocks under several views"
    for index, member in enumerate(pooled.pool):
        alone = engine.run(load(member.name), runs, SEED, workers=1, uncertainty=uncertainty)
        assert same_worlds(batch, alone, views == index) == [], member.name


def test_a_change_applies_to_every_view_of_the_pool():
    changed = load("pooled").with_overrides({"west.influence": 0.3})
    runs = 4 * BLOCK_WORLDS
    batch = engine.run(changed, runs, SEED, workers=1)
    views = pool.world_views([m.weight for m in changed.pool], SEED, runs)
    index = int(views[0])
    member = load(changed.pool[index].name).with_overrides({"west.influence": 0.3})
    assert same_worlds(batch, engine.run(member, runs, SEED, workers=1), views == index) == []
    unchanged = engine.run(load(changed.pool[index].name), runs, SEED, workers=1)
    assert same_worlds(batch, unchanged, views == index) != []  # the change did reach it


@pytest.mark.parametrize("blocks", [7, 39, 78, 391, 3907, 39063])
def test_each_view_gets_its_weights_share_of_blocks_within_four(blocks):
    found = [0.216, 0.2748, 0.2813, 0.2279]
    for seed in range(5):
        counts = np.bincount(pool.block_views(found, seed, 0, blocks), minlength=4)
        assert np.all(np.abs(counts - blocks * np.array(found)) <= 4), (seed, counts)


def test_independent_draws_would_miss_the_weights_by_more():
    """The contrast that makes the even spread worth having: uniforms leave shares off."""
    rng = np.random.default_rng(0)
    misses = [np.abs(np.bincount(np.searchsorted(np.cumsum([0.25] * 4)[:-1],
                                                 rng.random(391), side="right"),
                                 minlength=4) - 391 / 4).max() for _ in range(20)]
    assert np.median(misses) > 4


def test_a_blocks_view_does_not_depend_on_the_run_length():
    weights_ = [0.5, 0.3, 0.2]
    assert np.array_equal(pool.block_views(weights_, 9, 0, 100)[40:60],
                          pool.block_views(weights_, 9, 40, 20))


def test_disagreement_is_told_apart_from_the_views_own_ranges(tmp_path):
    apart = from_text("name: apart\npool:\n  views: {hodges: 0.5, kemp: 0.5}\n")
    twin = tmp_path / "kemp-twin.yaml"
    twin.write_text("name: kemp-twin\nextends: kemp\n")
    alike = from_text(f"name: alike\npool:\n  views: {{kemp: 0.5, {twin}: 0.5}}\n")
    split = engine.run(apart, 20_000, 1, uncertainty=True).predictive["nuclear_use"]
    same = engine.run(alike, 20_000, 1, uncertainty=True).predictive["nuclear_use"]
    assert abs(sum(split.parts.values()) - 1) < 0.05
    assert split.parts["disagreement"] > 0.5  # hodges ~0.4% against kemp ~12%
    assert same.parts["disagreement"] < 0.1  # one view twice: nothing to disagree on
    assert split.pi_low <= split.estimate.ci_low <= split.estimate.ci_high <= split.pi_high
    assert "the views' disagreement" in split.text()


def test_a_single_views_run_has_no_disagreement_part():
    found = engine.run(load("kemp"), 2_000, 1, uncertainty=True).predictive["nuclear_use"]
    assert found.disagreement is None and "disagreement" not in found.parts


def test_the_pooled_estimate_lies_between_its_views():
    runs = 10_000
    batches = engine.run_many([load(n) for n in ("pooled", "hodges", "kemp")], runs, SEED)
    pooled, hodges, kemp = (b.estimates["nuclear_use"].estimate for b in batches)
    assert hodges < pooled < kemp
    shares = batches[0].view_shares()
    assert set(shares) == {"alperovitch", "alexander", "hodges", "kemp"}
    assert all(abs(share - 0.25) <= 2 * BLOCK_WORLDS / runs for share in shares.values())


def test_a_pooled_world_tells_its_views_story():
    pooled = load("pooled")
    world = 5 * BLOCK_WORLDS + 17
    index = int(pool.world_views([m.weight for m in pooled.pool], SEED, world + 1)[world])
    told = [w.text() for w in story.tell(pooled, SEED, world)]
    assert told == [w.text() for w in story.tell(load(pooled.pool[index].name), SEED, world)]


def test_pools_hash_by_their_views_and_weights_and_survive_a_round_trip():
    equal, by_record = load("pooled"), load("pooled-record")
    assert len({equal.hash, by_record.hash, load("baseline").hash}) == 3
    assert from_text(by_record.to_yaml()).hash == by_record.hash
    assert abs(sum(m.weight for m in by_record.pool) - 1) < 1e-12


BAD = [
    ("pool: {views: {kemp: 0.5, nope: 0.5}}", r"pool\.views: unknown preset 'nope'"),
    ("pool: {views: {kemp: 0.5, hodges: 0.6}}", r"pool\.views: the weights sum to 1\.1"),
    ("pool: {views: {kemp: 0, hodges: 1}}", r"pool\.views\.'kemp': weight 0 is not allowed"),
    ("pool: {views: {kemp: 1}}", r"pool\.views: .* two or more presets"),
    ("pool: {views: {kemp: 0.5, pooled: 0.5}}", r"pool\.views\.'pooled': is itself a pool"),
    ("pool: {views: {kemp: 0.5, hodges: 0.5}, weighs: x}", r"pool: unknown key 'weighs'"),
    ("extends: kemp\npool: {views: {kemp: 0.5, hodges: 0.5}}", r"extends: a pooled view"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_a_bad_pool_file_exits_2_naming_the_field(tmp_path, capsys, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(f"name: bad\n{text}\n")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert re.search(f"^error: {re.escape(str(path))}: {message}", err), err


def test_a_view_with_events_of_its_own_cannot_be_pooled(tmp_path, capsys):
    view = tmp_path / "dated.yaml"
    view.write_text("name: dated\nevents:\n  - {kind: offensive, side: ukraine, "
                    "date: 2023-06-04}\n")
    path = tmp_path / "bad.yaml"
    path.write_text(f"name: bad\npool: {{views: {{kemp: 0.5, {view}: 0.5}}}}\n")
    assert main(["validate", str(path)]) == 2
    assert "schedules events" in capsys.readouterr().err


def test_a_design_over_a_pool_exits_2_naming_its_views(tmp_path, capsys):
    code = main(["sweep", "pooled", "--vary", "west.influence=0.3:0.8", "--points", "4",
                 "--out", str(tmp_path / "sweep")])
    err = capsys.readouterr().err
    assert code == 2 and "is a pooled view" in err and "kemp" in err, err


def test_the_shipped_record_weights_are_a_fresh_backtests():
    shipped = load("pooled-record")
    fresh = weights.fit([load(m.name) for m in shipped.pool])
    for member in shipped.pool:
        assert abs(member.weight - fresh[member.name]) < 1e-3, member.name
    assert "barely differ" in weights.spread_words(fresh)
    assert "barely differ" in shipped.pool_why


def test_weights_far_apart_are_not_called_barely_different():
    assert "barely" not in weights.spread_words({"a": 0.9, "b": 0.1})


def test_ranking_a_pools_unknowns_points_to_its_views(capsys):
    assert main(["sensitivity", "pooled", "--ranges"]) == 2
    err = capsys.readouterr().err
    assert "is a pooled view" in err and "sensitivity alperovitch --ranges" in err, err


def test_a_range_given_to_a_pool_is_refused_rather_than_silently_not_drawn():
    from simulator.model.ranges import Range
    from simulator.model.scenario import ScenarioError

    with pytest.raises(ScenarioError, match="is a pooled view"):
        load("pooled").with_ranges({"west.influence": Range("pert", 0.3, 0.9, 0.6, "mine")})
