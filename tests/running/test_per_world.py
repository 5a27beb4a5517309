"""Parameters that vary per world: many points in one vectorised pass, same numbers as alone."""


import numpy as np
import pytest

import simulator
from simulator.model import params
from simulator.model import world as model
from simulator.model.agents.command_chain import spread
from simulator.model.scenario import load
from simulator.running import draws, engine

DESIGN = [
    {"chain.base_refusal": 0.2, "leader.resolve": 1.5, "chain.units": 1},
    {"chain.units": 2, "battlefield.momentum_decay": 0.3, "battlefield.volatility": 0.4},
    {"chain.base_refusal": 0.0, "west.initial_support": 0.0, "chain.purge_weeks": 9},
    {"chain.base_refusal": 1.0, "battlefield.wave_size": 10_000, "battlefield.momentum": 0.0},
    {"chain.base_refusal": [0.1, 0.2, 0.05, 0.15, 0.3], "leader.weight_territory": 0.0,
     "leader.weight_crimea": 0.0, "leader.weight_donbass": 0.0, "leader.weight_weakness": 0.0},
    {"leader.bluff_share": 0.0, "battlefield.wave_interval_weeks": 2,
     "battlefield.mobilised_total": 90_000, "accidents.escalation": 0.05},
    {"chain.layers": 3, "chain.base_refusal": 0.05},
    {"chain.layers": 3, "chain.base_refusal": 0.3, "leader.red_line_uncertainty": 0.0},
    {"horizon_weeks": 20},
]
"""Points that differ in every way a parameter reaches the model: a probability, a whole
number, an exponent of 2 (numpy squares one number 2 but calls pow() for an array), a
per-layer list, the zero edges that divide, the reservist waves (a scalar state until worlds
differ), the chain's length and the horizon (which group points by shape)."""


def alone(point, runs, seed, which="crimea-offensive"):
    return engine.run(load(which).with_overrides(point), runs, seed, workers=1).estimates


def test_a_design_in_one_vectorised_pass_gives_exactly_each_point_run_alone():
    runs, seed = 1_500, 8
    table = simulator.evaluate("crimea-offensive", DESIGN, runs=runs, seed=seed, workers=1)
    for row, point in zip(table.to_dict("records"), DESIGN, strict=True):
        expected = alone(point, runs, seed)
        for name, estimate in expected.items():
            assert row[name] == estimate.estimate or (np.isnan(row[name])
                                                      and np.isnan(estimate.estimate)), name
            assert (row[f"{name}_low"], row[f"{name}_high"]) == (estimate.ci_low,
                                                                 estimate.ci_high), name


def test_points_that_differ_run_as_one_model_and_each_block_sees_its_own_chunk(monkeypatch):
    built = []
    original = model.EscalationModel.__init__

    def counting(self, *args, **kwargs):
        built.append(kwargs.get("n_worlds"))
        original(self, *args, **kwargs)

    monkeypatch.setattr(model.EscalationModel, "__init__", counting)
    base = load("baseline").with_overrides
    points = [base({"leader.resolve": r}).parameters for r in (0.5, 2.0, 4.0)]
    items = [(p, chunk, 700) for p in points for chunk in (0, 3)]
    stats = engine.simulate_stats(items, seed=2)
    assert built == [len(items) * 700]  # one model for six blocks of worlds
    monkeypatch.setattr(model.EscalationModel, "__init__", original)
    for (p, chunk, n), found in zip(items, stats, strict=True):
        m = model.EscalationModel(p, n_worlds=n, rng=engine.chunk_rng(2, chunk)).run()
        assert found.estimates() == engine.OutcomeStats.of(m.outcomes()).estimates()


def test_values_shared_by_every_point_stay_scalars_and_the_others_become_per_world_arrays():
    a = params.validate({"leader.resolve": 1.0, "chain.units": 2})
    b = params.validate({"leader.resolve": 3.0, "chain.units": 2})
    merged = model.per_world([a, b], [2, 3])
    assert merged["chain.units"] == 2
    assert merged["leader.resolve"].tolist() == [1.0, 1.0, 3.0, 3.0, 3.0]
    c = params.validate({"chain.base_refusal": [0.1, 0.2, 0.3, 0.4, 0.5]})
    layers = model.per_world([a, c], [1, 1])["chain.base_refusal"]
    assert len(layers) == 5 and [layer[1] for layer in layers] == [0.1, 0.2, 0.3, 0.4, 0.5]


@pytest.mark.parametrize("name", model.STRUCTURAL)
def test_points_of_different_shapes_cannot_share_a_model(name):
    a = params.defaults()
    b = params.validate({name: a[name] + 1})
    with pytest.raises(ValueError, match=name):
        model.per_world([a, b], [1, 1])


def test_assessing_the_chain_only_where_the_gate_is_open_changes_no_world():
    """A traced run assesses every world every week; the plain run only where needed."""
    parameters = load("crimea-offensive").parameters
    plain = model.EscalationModel(parameters, n_worlds=400, rng=engine.chunk_rng(3, 0)).run()
    traced = model.EscalationModel(parameters, n_worlds=400, rng=engine.chunk_rng(3, 0),
                                   trace=True).run()
    assert plain.leader.orders.sum() > 50
    for name, column in plain.outcomes().items():
        same_nan = column.dtype.kind == "f"
        assert np.array_equal(column, traced.outcomes()[name], equal_nan=same_nan), name


def test_pass_probabilities_round_alike_whether_the_units_are_one_number_or_one_per_world():
    """numpy squares one exponent of 2 by multiplying but calls pow() for an array of them."""
    from simulator.model.agents.command_chain import RefusalDrivers

    n = 2_000
    rng = np.random.default_rng(4)
    drivers = RefusalDrivers(futility=rng.random(2 * n), fear_west=rng.random((2, 2 * n)),
                             regime_weakness=rng.random(2 * n),
                             western_influence=rng.random(2 * n),
                             illegitimacy=rng.random((2, 2 * n)))
    first = RefusalDrivers(drivers.futility[:n], drivers.fear_west[:, :n],
                           drivers.regime_weakness[:n], drivers.western_influence[:n],
                           drivers.illegitimacy[:, :n])
    two, three = params.validate({"chain.units": 2}), params.validate({"chain.units": 3})
    together = model.EscalationModel(model.per_world([two, three], [n, n]), n_worlds=2 * n)
    alone = model.EscalationModel(two, n_worlds=n)
    units = together.chain[-1].pass_probability(drivers)[:, :n]
    assert np.array_equal(units, alone.chain[-1].pass_probability(first))


def test_draws_given_in_blocks_must_cover_every_world_with_every_stream():
    block = engine.chunk_draws(5, 0, 300, 52)
    model.EscalationModel(params.defaults(), n_worlds=600, uniforms=[block, block])
    with pytest.raises(ValueError, match="uniforms: shapes"):
        model.EscalationModel(params.defaults(), n_worlds=700, uniforms=[block, block])
    with pytest.raises(ValueError, match="uniforms: shapes"):
        model.EscalationModel(params.defaults(), n_worlds=300, uniforms=[block[:, :3]])


def test_a_chunks_draws_are_drawn_once_per_process_read_only_and_bounded():
    first = engine.chunk_draws(5, 0, 300, 52)
    assert engine.chunk_draws(5, 0, 300, 52) is first
    assert not first.flags.writeable
    fresh = model.model_draws(engine.chunk_rng(5, 0), 300, 52)
    assert np.array_equal(first, fresh)
    built = model.EscalationModel(params.defaults(), n_worlds=300, rng=engine.chunk_rng(5, 0))
    assert np.array_equal(built.uniforms[0], first)  # what a model of its own draws
    for chunk in range(40):
        engine.chunk_draws(5, chunk, 16_384, 52)
    assert draws.kept_bytes() <= draws.DRAWS_KEPT_BYTES


def test_a_new_chunk_draws_into_the_memory_of_the_one_it_evicts_only_when_nothing_reads_it(
        monkeypatch):
    """A batch of many chunks reuses one array (no fresh pages per chunk) and never
    overwrites draws a model or a caller still holds."""
    shape_bytes = 52 * len(model.STREAMS) * 300 * 4
    monkeypatch.setattr(draws, "DRAWS_KEPT_BYTES", shape_bytes)
    draws.forget()  # none kept from earlier tests: the next two are the only ones
    held = engine.chunk_draws(6, 0, 300, 52)
    kept = held.copy()
    second = engine.chunk_draws(6, 1, 300, 52)
    assert not np.shares_memory(second, held) and np.array_equal(held, kept)

    address = second.__array_interface__["data"][0]
    del second
    third = engine.chunk_draws(6, 2, 300, 52)
    assert third.__array_interface__["data"][0] == address  # reused
    assert not third.flags.writeable
    assert np.array_equal(third, model.model_draws(engine.chunk_rng(6, 2), 300, 52))


def test_drawing_into_an_array_of_another_shape_is_refused():
    with pytest.raises(ValueError, match=r"out: shape \(52, 3, 300\)"):
        model.world_draws(np.random.default_rng(1), 300, 52, out=np.empty((52, 3, 300), np.float32))


@pytest.mark.parametrize("which", ["baseline", "crimea-offensive"])
def test_every_state_and_every_weeks_arithmetic_stays_in_float32(which):
    """One float64 number (``np.sqrt(12)``, a float64 parameter) turns whole expressions back
    into float64 under numpy's promotion rules: the same numbers, a quarter slower."""
    points = [load(which).parameters,
              load(which).with_overrides({"leader.resolve": 4.0}).parameters]
    for parameters in (points[0], model.per_world(points, [1_000, 1_000])):
        built = model.EscalationModel(parameters, n_worlds=2_000, rng=engine.chunk_rng(4, 0),
                                      collect=False)
        wide = set()
        for _ in range(built.horizon):
            built.step()
            actors = [built.battlefield, built.domestic, built.leader, built.west, built.china,
                      built.accidents, built.order, *built.chain, built.drivers]
            for actor in filter(None, actors):
                wide |= {f"{type(actor).__name__}.{name}" for name, value in vars(actor).items()
                         if isinstance(value, np.ndarray | np.floating)  # a Python float is weak
                         and value.dtype == np.float64}
            results = {"utilities": built.leader.utilities(), "defeat": built.battlefield.defeat,
                       "desperation": built.leader.feel_desperation()}
            wide |= {name for name, value in results.items() if value.dtype != np.float32}
        assert not wide, sorted(wide)
        assert built.leader.nuclear_use.any()  # the chain's arithmetic was exercised


def test_every_worlds_state_has_the_same_bits_alone_and_in_a_design():
    """Outcomes can agree while a probability differs in its last bit; the states may not."""
    points = [load("kemp").with_overrides(point).parameters
              for point in [*DESIGN[:6], {"chain.base_refusal": 0.07}]]
    size, seed = 400, 3
    draws = [engine.chunk_draws(seed, chunk, size, 52) for chunk in range(len(points))]
    merged = model.EscalationModel(model.per_world(points, [size] * len(points)),
                                   n_worlds=size * len(points), uniforms=draws, collect=False)
    alone = [model.EscalationModel(point, n_worlds=size, uniforms=block, collect=False)
             for point, block in zip(points, draws, strict=True)]
    for week in range(52):
        for built in (merged, *alone):
            built.step()
        for k, own in enumerate(alone):
            worlds = slice(k * size, (k + 1) * size)
            for name in ("battlefield", "domestic", "leader", "west", "china", "accidents"):
                for field, value in vars(getattr(own, name)).items():
                    if isinstance(value, np.ndarray) and value.shape[-1:] == (size,):
                        there = vars(getattr(merged, name))[field][..., worlds]
                        assert np.array_equal(value, there, equal_nan=True), (week, k, name, field)
            # The chain's pass chances, where this week's choices read them.
            read = None if own.drivers is None else (np.arange(size) if own.drivers.worlds is None
                                                     else own.drivers.worlds)
            for layer, there in zip(own.chain, merged.chain, strict=True):
                if read is not None:
                    everywhere = spread(there.assessed, there.assessed_worlds, merged.n_worlds)
                    assert np.array_equal(layer.assessed, everywhere[:, worlds][:, read]), (
                        week, k, layer.level)
                assert np.array_equal(np.broadcast_to(layer._base_log_odds, size),
                                      np.broadcast_to(there._base_log_odds,
                                                      size * len(points))[worlds])
