"""China: support for Russia that wanes, swings with events and collapses after nuclear use."""

import numpy as np
from mesa import Agent

from simulator.model import ladder
from simulator.model.agents.battlefield import UNIT_VARIANCE


class China(Agent):
    """China's support for Russia.

    Support declines a little every week of the war, swings with summits and statements,
    falls faster while Russia bombs cities, and loses most of what is left after a nuclear
    use (Kemp). The leader weighs losing it before a nuclear step.

    Attributes:
        support: 0-1 support for Russia.
    """

    def __init__(self, model):
        super().__init__(model)
        self.support = np.full(model.n_worlds, model.p["china.initial_support"], np.float32)

    def step(self):
        """Withdraw the week's share, add the week's swing, and collapse after a nuclear use."""
        p, model = self.model.p, self.model
        swing = (model.draw("china_noise") - 0.5) * UNIT_VARIANCE * p["china.volatility"]
        support = (self.support * (1 - p["china.decline"]) + swing
                   - p["china.backlash"] * ladder.bombing_cities(model.rung))
        support = np.where(model.leader.used_this_week,
                           support * (1 - p["china.collapse_after_use"]), support)
        self.support = np.clip(support, 0.0, 1.0)
