"""Domestic politics: protest, the leader's weakness, and the hazard of his ouster."""

import numpy as np
from mesa import Agent


class Domestic(Agent):
    """Russian society and elites around the leader.

    Protest starts at the level of the mobilisation week (over 1,300 arrests), fades, and
    flares with each wave of reservists. The leader's weakness sums his defeats, the
    refusals of his own officers and the protest. Weakness raises a weekly hazard of
    ouster, as leaders who lost wars were ousted before (Gorbachev, Khrushchev,
    Nicholas II); a successor de-escalates.

    Attributes:
        protest: 0-1 protest level.
        weakness: 0-1 perceived weakness of the leader.
        ousted: Whether the leader has been ousted.
        ousted_week: The week of the ouster (-1 if none).
    """

    def __init__(self, model):
        super().__init__(model)
        n, p = model.n_worlds, model.p
        self.protest = np.full(n, p["domestic.initial_protest"])
        self.weakness = np.full(n, p["domestic.initial_weakness"])
        self.ousted = np.zeros(n, bool)
        self.ousted_week = np.full(n, -1, np.int16)

    def step(self):
        """Update protest and weakness, then draw whether the leader falls this week."""
        p, model = self.model.p, self.model
        battlefield = model.battlefield
        self.protest = self.protest * (1 - p["domestic.protest_decay"]) + (
            p["domestic.mobilisation_discontent"] * battlefield.wave_arrived
        )
        self.protest = np.minimum(self.protest, 1.0)
        defeat = (battlefield.defeat + battlefield.donbass_failed) / 2
        self.weakness = np.clip(
            p["domestic.initial_weakness"]
            + p["domestic.weakness_from_defeat"] * defeat
            + p["domestic.weakness_from_refusal"] * model.leader.orders_refused
            + p["domestic.weakness_from_protest"] * self.protest,
            0.0,
            1.0,
        )
        rate = p["domestic.ouster_base_rate"] + p["domestic.ouster_weakness_rate"] * self.weakness
        falls = ~self.ousted & (model.draw("ouster") < 1 - np.exp(-rate))
        self.ousted |= falls
        self.ousted_week[falls] = model.week
