"""Invariants of the command chain: refusal probabilities, products, monotonicity."""

import numpy as np
import pytest

from simulator import analysis, engine, ladder, params
from simulator.agents.command_chain import RefusalDrivers, pass_probability
from simulator.model import EscalationModel
from simulator.scenario import load

N = 40_000


def batch(runs=N, seed=11, preset="crimea-offensive", **overrides):
    """crimea-offensive gives many orders, so chain properties show with few worlds."""
    return engine.run(load(preset).with_overrides(overrides), runs, seed, workers=1)


def fixed_drivers(model, value):
    n = model.n_worlds
    drivers = {name: np.full(n, value) for name in
               ("futility", "fear_west", "regime_weakness", "western_influence", "illegitimacy")}
    push = sum(model.p[f"chain.weight_{k}"] * v for k, v in drivers.items())
    return RefusalDrivers(**drivers, push=push)


def test_refusal_is_the_logistic_of_base_plus_weighted_drivers():
    m = EscalationModel(params.validate({"chain.base_refusal": 0.1}), n_worlds=3, rng=0)
    drivers = fixed_drivers(m, 0.5)
    push = 0.5 * sum(m.p[f"chain.weight_{k}"] for k in
                     ("futility", "fear_west", "regime_weakness", "western_influence",
                      "illegitimacy"))
    expected = 1 / (1 + np.exp(-(np.log(0.1 / 0.9) + push)))
    assert np.allclose(m.chain[0].refusal_probability(drivers), expected)


@pytest.mark.parametrize("base, expected", [(0.0, 0.0), (1.0, 1.0)])
def test_base_zero_never_refuses_and_base_one_always_does_whatever_the_drivers(base, expected):
    m = EscalationModel(params.validate({"chain.base_refusal": base}), n_worlds=3, rng=0)
    for value in (0.0, 1.0):
        assert np.all(m.chain[0].refusal_probability(fixed_drivers(m, value)) == expected)


def test_execution_rate_equals_the_product_of_layer_pass_probabilities():
    refusals = [0.1, 0.2, 0.05, 0.15, 0.3]
    m = EscalationModel(params.validate({"chain.layers": 5, "chain.base_refusal": refusals,
                                         "chain.units": 2}), n_worlds=N, rng=5)
    m.drivers = fixed_drivers(m, 0.4)
    push = m.drivers.push[0]
    refusal = [1 / (1 + np.exp(-(np.log(r / (1 - r)) + push))) for r in refusals]
    expected = np.prod([1 - r for r in refusal[:-1]]) * (1 - refusal[-1] ** 2)
    assert pass_probability(m.chain, m.drivers)[0] == pytest.approx(expected)
    m.order.issue(np.ones(N, bool), np.full(N, ladder.TACTICAL))
    for layer in m.chain:
        layer.step()
    observed = m.order.executed.mean()
    assert abs(observed - expected) < 4 * np.sqrt(expected * (1 - expected) / N)
    # and each layer refused at its own conditional rate
    reached = N
    for layer in m.chain:
        refused = (m.order.blocked_at == layer.level).sum()
        p_refuse = 1 - layer.pass_probability(m.drivers)[0]
        assert abs(refused / reached - p_refuse) < 4 * np.sqrt(p_refuse * (1 - p_refuse) / reached)
        reached -= refused


def test_whole_runs_execute_orders_at_the_product_rate_when_drivers_do_not_matter():
    weights = {f"chain.weight_{k}": 0.0 for k in
               ("futility", "fear_west", "regime_weakness", "western_influence", "illegitimacy")}
    refusals = [0.1, 0.2, 0.05]
    result = batch(**weights, **{"chain.layers": 3, "chain.base_refusal": refusals,
                                 "chain.units": 1, "chain.purge_factor": 1.0})
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
