"""Domestic politics: protest, the leader's standing, the hazard of his ouster, his successor."""

import numpy as np
from mesa import Agent

from simulator.model.agents.subsets import in_worlds


class Domestic(Agent):
    """Russian society and elites around the leader.

    Protest starts at the level of the mobilisation week (over 1,300 arrests), fades, and
    flares with each wave of reservists. The leader's weakness at home sums his officers'
    refusals and the protest; defeat on the battlefield is kept apart (the leader feels it
    in his desperation) and joins weakness only in the regime's fragility, which raises a
    weekly hazard of ouster, as leaders who lost wars were ousted before (Gorbachev,
    Khrushchev, Nicholas II). A successor may seek peace or fight on. Later crises
    (``Crises``) bear on it too: a new mobilisation brings the outcry of the first, and a
    crisis among the elites (a mutiny, a public split) weakens him at once, which he
    recovers from week by week.

    Attributes:
        protest: 0-1 protest level.
        weakness: 0-1 weakness at home, battlefield aside.
        elite_shock: What the elites' latest crises still take from his standing.
        fragility: 0-1 how close the regime is to falling: weakness plus defeat.
        ousted: Whether the leader has been ousted.
        ousted_week: The week of the ouster (-1 if none).
        successor_ends_war: Where ousted, whether the successor seeks peace.
    """

    def __init__(self, model):
        super().__init__(model)
        n, p = model.n_worlds, model.p
        self.protest = np.full(n, p["domestic.initial_protest"], np.float32)
        self.weakness = np.full(n, p["domestic.initial_weakness"], np.float32)
        self.fragility = self.weakness.copy()
        self.elite_shock = np.zeros(n, np.float32)
        self._shaken = False
        self.ousted = np.zeros(n, bool)
        self.ousted_week = np.full(n, -1, np.int16)
        self.successor_ends_war = np.zeros(n, bool)

    def regime_fragility(self) -> np.ndarray:
        """Weakness at home plus defeat on the battlefield: what ousts leaders who lose wars."""
        p, defeat = self.model.p, self.model.battlefield.defeat
        return np.minimum(1.0, self.weakness + p["domestic.weakness_from_defeat"] * defeat)

    def step(self):
        """Update protest, weakness and fragility, then draw whether the leader falls."""
        p, model = self.model.p, self.model
        crises = model.crises
        protest = self.protest * (1 - p["domestic.protest_decay"]) + (
            p["domestic.mobilisation_discontent"] * model.battlefield.wave_arrived)
        called, _ = crises.hits("mobilisation", "russia")
        # A new mobilisation brings the outcry of the first.
        protest[called] += in_worlds(p["domestic.initial_protest"], called)
        self.protest = np.minimum(1.0, protest)
        shaken, shock = crises.hits("elite_crisis", "russia")
        self._shaken |= bool(shaken.size)
        if self._shaken:  # until the first elite crisis there is nothing to recover from
            elite = self.elite_shock * (1 - p["domestic.elite_recovery"])
            elite[shaken] += shock
            self.elite_shock = np.minimum(1.0, elite)
        self.weakness = np.clip(
            p["domestic.initial_weakness"]
            + p["domestic.weakness_from_refusal"] * model.leader.orders_refused
            + p["domestic.weakness_from_protest"] * self.protest
            + self.elite_shock,
            0.0, 1.0)
        self.fragility = self.regime_fragility()
        rate = p["domestic.ouster_base_rate"] + p["domestic.ouster_weakness_rate"] * self.fragility
        falls = ~self.ousted & (model.draw("ouster") < 1 - np.exp(-rate))
        self.ousted |= falls
        self.ousted_week[falls] = model.week
        ends_war = model.draw("successor") < p["domestic.successor_ends_war"]
        self.successor_ends_war |= falls & ends_war
