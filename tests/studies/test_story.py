"""The story tells what happened when it happened: the odds each officer decided with."""

import numpy as np
from scipy.special import expit, logit

from simulator.model.agents.command_chain import DRIVERS
from simulator.model.scenario import load
from simulator.model.world import EscalationModel
from simulator.running import engine
from simulator.studies import story

WORLDS = 3_000
"""Kemp worlds on seed 0: about a thousand orders refused, by every layer of the chain."""


def refusal_by_formula(model, layer, purges: int, world: int, kind: int) -> float:
    """P(the layer refuses) from the chain's formula, in float64, with this week's drivers.

    ``sigmoid(logit(base) + offset + sum weight * exposure * driver - loyalty * purges)``
    per officer; the weapon units refuse only if every one of their units does.
    """
    p, drivers = model.p, model.drivers
    j = world if drivers.worlds is None else int(np.flatnonzero(drivers.worlds == world)[0])
    values = (drivers.futility[j], drivers.fear_west[kind, j], drivers.regime_weakness[j],
              drivers.western_influence[j], drivers.illegitimacy[kind, j])
    pushed = sum(float(p[f"chain.weight_{name}"]) * exposure * float(value)
                 for name, exposure, value in zip(DRIVERS, layer.profile.exposure, values,
                                                  strict=True))
    log_odds = (logit(float(p["chain.base_refusal"])) + layer.profile.offset + pushed
                - float(p["chain.purge_loyalty"]) * purges)
    units = p["chain.units"] if layer is model.chain[-1] else 1
    return float(expit(log_odds)) ** units


def odds_faced(model) -> dict[tuple[int, int], list[tuple[str, float]]]:
    """Run ``model`` week by week; per (week, world) of an order, each reached layer's odds.

    The purges are read before the week, so a refusing officer's odds are his, not those of
    the more loyal man who replaces him.
    """
    faced = {}
    while model.week < model.horizon:
        week, purges = model.week, [layer.purges.copy() for layer in model.chain]
        model.step()
        order = model.order
        for i in np.flatnonzero(order.issued):
            blocked = int(order.blocked_at[i])
            reached = model.chain[:blocked] if blocked else model.chain
            faced[week, int(i)] = [
                (layer.name, refusal_by_formula(model, layer, int(purges[k][i]), int(i),
                                                int(order.kind[i])))
                for k, layer in enumerate(reached)]
    return faced


def told_odds(weeks: list[story.Week], world: int) -> dict[tuple[int, int], list]:
    """Per (week, world) of an order, the layers and refusal odds the story tells."""
    told = {}
    for week in weeks:
        for fact in week.facts:
            if fact.key.startswith("chain_"):
                blocked = [fact.values["blocked"]] if "blocked" in fact.values else []
                told[week.week, world] = [*fact.values["passed"], *blocked]
    return told


def assert_same_odds(told: list, faced: list, where):
    assert [name for name, _ in told] == [name for name, _ in faced], where
    assert np.allclose([p for _, p in told], [p for _, p in faced], rtol=1e-4, atol=1e-6), \
        (where, told, faced)


def test_the_story_tells_the_refusal_odds_each_officer_decided_with():
    model = EscalationModel(load("kemp").parameters, n_worlds=WORLDS,
                            rng=engine.chunk_rng(0, 0), trace=True)
    faced = odds_faced(model)
    refusals = [(week, world) for week, world in faced if model.trace[week]["blocked_at"][world]]
    refusing_layers = {faced[key][-1][0] for key in refusals}
    assert len(refusals) >= 300 and len(refusing_layers) == len(model.chain)

    told = {}
    for world in sorted({world for _, world in faced}):
        told |= told_odds(story.narrate(model, world), world)
    assert told.keys() == faced.keys()
    for key in faced:
        assert_same_odds(told[key], faced[key], key)


def test_a_replayed_world_tells_the_odds_its_refusing_officer_faced():
    """The command line's and the app's path: one world replayed alone (``story.tell``)."""
    scenario = load("kemp")
    model = EscalationModel(scenario.parameters, n_worlds=200, rng=engine.chunk_rng(0, 0),
                            trace=True)
    faced = odds_faced(model)
    world = min(world for (week, world) in faced if model.trace[week]["blocked_at"][world])
    told = told_odds(story.tell(scenario, 0, world), world)
    mine = {key: odds for key, odds in faced.items() if key[1] == world}
    assert told.keys() == mine.keys()
    for key in mine:
        assert_same_odds(told[key], mine[key], key)
