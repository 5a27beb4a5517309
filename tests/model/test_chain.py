"""Invariants of the command chain: refusal probabilities, products, monotonicity."""

import numpy as np
import pytest
from scipy.special import logit

from simulator.model import params
from simulator.model.agents.command_chain import (
    DRIVERS,
    TACTICAL,
    DriverWeights,
    RefusalDrivers,
    chain_profiles,
    execute_probability,
)
from simulator.model.agents.subsets import in_worlds
from simulator.model.scenario import load
from simulator.model.world import EscalationModel
from simulator.results import analysis
from simulator.running import engine

N = 40_000


def batch(runs=N, seed=11, preset="crimea-offensive", **overrides):
    """crimea-offensive gives many orders, so chain properties show with few worlds."""
    return engine.run(load(preset).with_overrides(overrides), runs, seed, workers=1)


def fixed_drivers(model, value):
    """Every driver at ``value`` in every world, for both kinds of order."""
    n = model.n_worlds
    one, two = np.full(n, value), np.full((2, n), value)
    return RefusalDrivers(futility=one, fear_west=two, regime_weakness=one,
                          western_influence=one, illegitimacy=two)


def push(model, layer, value):
    """The log-odds a layer's refusal is pushed up by when every driver is at ``value``."""
    return value * sum(model.p[f"chain.weight_{d}"] * e
                       for d, e in zip(DRIVERS, layer.profile.exposure, strict=True))


def test_refusal_is_the_logistic_of_base_plus_offset_plus_exposed_drivers():
    m = EscalationModel(params.validate({"chain.base_refusal": 0.1}), n_worlds=3, rng=0)
    drivers = fixed_drivers(m, 0.5)
    for layer in m.chain:
        expected = 1 / (1 + np.exp(-(np.log(0.1 / 0.9) + layer.profile.offset
                                     + push(m, layer, 0.5))))
        assert np.allclose(layer.refusal_probability(drivers), expected), layer.name


def test_each_driver_is_weighed_by_its_own_name():
    """A layer's weights, by name, are the parameter's weight times the layer's exposure."""
    assert DriverWeights._fields == DRIVERS
    m = EscalationModel(params.validate({"chain.weight_fear_west": 2.0}), n_worlds=3, rng=0)
    for layer in m.chain:
        for name, exposure in zip(DRIVERS, layer.profile.exposure, strict=True):
            assert getattr(layer._weights, name) == pytest.approx(
                float(m.p[f"chain.weight_{name}"]) * exposure), (layer.name, name)
    drivers = fixed_drivers(m, 0.0)
    feared = RefusalDrivers(**{**drivers.__dict__, "fear_west": np.array([[0.0] * 3, [1.0] * 3])})
    layer = m.chain[1]  # the General Staff: fully exposed to fear of the West
    lift = logit(layer.refusal_probability(feared)) - logit(layer.refusal_probability(drivers))
    assert lift[0] == pytest.approx(0.0, abs=1e-5)
    assert lift[1] == pytest.approx(2.0, abs=1e-5)


def test_a_value_in_some_worlds_is_itself_if_shared_and_those_entries_if_per_world():
    shared, per_world = np.float32(0.3), np.arange(5.0)
    assert in_worlds(shared, np.array([1, 3])) is shared
    assert in_worlds(per_world, None) is per_world
    assert in_worlds(per_world, np.array([1, 3])).tolist() == [1.0, 3.0]
    rows = np.arange(10.0).reshape(2, 5)  # one row per kind of order
    assert in_worlds(rows, np.array([True, False, False, False, True])).tolist() == [[0, 4],
                                                                                     [5, 9]]


def test_the_layers_differ_as_the_articles_describe_them():
    profiles = chain_profiles(5)
    assert len({p.name for p in profiles}) == 5
    assert len({(p.offset, p.exposure) for p in profiles}) == 5
    general_staff = profiles[1]
    assert general_staff.exposure[DRIVERS.index("futility")] == 1.0  # "what advantage?"
    assert general_staff.exposure[DRIVERS.index("fear_west")] == 1.0
    cheget = profiles[0]
    assert cheget.offset < 0  # chosen for loyalty
    assert cheget.exposure[DRIVERS.index("regime_weakness")] == 1.0  # "life after Putin"


def test_a_demonstration_is_easier_to_pass_than_a_strike():
    m = EscalationModel(params.defaults(), n_worlds=100, rng=0)
    m.leader.assess()
    execute = execute_probability(m.chain)
    assert np.all(execute[0] > execute[1])


def test_a_purge_lowers_refusal_but_never_switches_the_drivers_off():
    m = EscalationModel(params.validate({"chain.purge_loyalty": 5.0}), n_worlds=2, rng=0)
    layer = m.chain[1]
    layer.replace_officer(np.array([True, False]))
    calm, angry = fixed_drivers(m, 0.0), fixed_drivers(m, 1.0)
    purged_calm = layer.refusal_probability(calm)[1, 0]
    purged_angry = layer.refusal_probability(angry)[1, 0]
    assert purged_calm < layer.refusal_probability(calm)[1, 1]
    assert 0 < purged_calm < purged_angry


@pytest.mark.parametrize("base, expected", [(0.0, 0.0), (1.0, 1.0)])
def test_base_zero_never_refuses_and_base_one_always_does_whatever_the_drivers(base, expected):
    m = EscalationModel(params.validate({"chain.base_refusal": base}), n_worlds=3, rng=0)
    for value in (0.0, 1.0):
        assert np.all(m.chain[0].refusal_probability(fixed_drivers(m, value)) == expected)


def test_execution_rate_equals_the_product_of_layer_pass_probabilities():
    refusals = [0.1, 0.2, 0.05, 0.15, 0.3]
    m = EscalationModel(params.validate({"chain.layers": 5, "chain.base_refusal": refusals,
                                         "chain.units": 2}), n_worlds=N, rng=5)
    drivers = fixed_drivers(m, 0.4)
    for layer in m.chain:
        layer.assess(drivers)
    refusal = [1 / (1 + np.exp(-(np.log(r / (1 - r)) + push(m, layer, 0.4))))
               for r, layer in zip(refusals, m.chain, strict=True)]
    expected = np.prod([1 - r for r in refusal[:-1]]) * (1 - refusal[-1] ** 2)
    assert execute_probability(m.chain)[TACTICAL][0] == pytest.approx(expected)
    m.order.issue(np.ones(N, bool), np.full(N, TACTICAL))
    for layer in m.chain:
        layer.step()
    observed = m.order.executed.mean()
    assert abs(observed - expected) < 4 * np.sqrt(expected * (1 - expected) / N)
    # and each layer refused at its own conditional rate
    reached = N
    for layer in m.chain:
        refused = (m.order.blocked_at == layer.level).sum()
        p_refuse = 1 - layer.pass_probability(drivers)[TACTICAL][0]
        assert abs(refused / reached - p_refuse) < 4 * np.sqrt(p_refuse * (1 - p_refuse) / reached)
        reached -= refused


def test_whole_runs_execute_orders_at_the_product_rate_when_drivers_do_not_matter():
    weights = {f"chain.weight_{k}": 0.0 for k in
               ("futility", "fear_west", "regime_weakness", "western_influence", "illegitimacy")}
    refusals = [0.1, 0.2, 0.05]
    result = batch(**weights, **{"chain.layers": 3, "chain.base_refusal": refusals,
                                 "chain.units": 1, "chain.purge_loyalty": 0.0})
    funnel = result.chain_funnel()
    expected = np.prod([1 - r for r in refusals])
    observed = funnel["executed"] / funnel["issued"]
    assert funnel["issued"] > 5_000
    assert abs(observed - expected) < 4 * np.sqrt(expected * (1 - expected) / funnel["issued"])


def test_a_chain_that_never_refuses_executes_every_order():
    result = batch(**{"chain.base_refusal": 0.0})
    c = result.columns
    assert c["nuclear_order"].sum() > 1_000
    assert not c["order_blocked"].any()
    assert np.array_equal(c["nuclear_use"], c["nuclear_order"])


def test_a_chain_that_always_refuses_executes_no_order():
    result = batch(**{"chain.base_refusal": 1.0})
    c = result.columns
    assert c["nuclear_order"].sum() > 1_000
    assert not c["nuclear_use"].any()
    assert np.array_equal(c["order_blocked"], c["nuclear_order"])


def _use(result):
    return result.columns["nuclear_use"]


@pytest.mark.parametrize("low, high", [(0.0, 0.03), (0.03, 0.1), (0.1, 0.3), (0.3, 0.8)])
def test_raising_base_refusal_never_raises_nuclear_use(low, high):
    lower = batch(runs=20_000, **{"chain.base_refusal": low})
    higher = batch(runs=20_000, **{"chain.base_refusal": high})
    diff = analysis.paired_difference(_use(higher), _use(lower), binary=True)
    assert diff.ci_low <= 0, diff  # never significantly higher
    assert diff.difference <= 0


@pytest.mark.parametrize("layers", [1, 2, 4, 6, 9])
def test_adding_a_layer_never_raises_nuclear_use(layers):
    fewer = batch(runs=20_000, **{"chain.layers": layers})
    more = batch(runs=20_000, **{"chain.layers": layers + 1})
    diff = analysis.paired_difference(_use(more), _use(fewer), binary=True)
    assert diff.ci_low <= 0, diff
    assert diff.difference <= 0


def test_more_parallel_units_make_the_last_layer_easier_to_pass():
    one = batch(runs=20_000, **{"chain.units": 1})
    many = batch(runs=20_000, **{"chain.units": 8})
    diff = analysis.paired_difference(_use(many), _use(one), binary=True)
    assert diff.ci_low > 0
