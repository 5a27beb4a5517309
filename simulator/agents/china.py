"""China: support for Russia that is already waning and collapses after nuclear use."""

import numpy as np
from mesa import Agent


class China(Agent):
    """China's support for Russia.

    Support declines a little every week of the war and loses most of what is left
    after a nuclear use (Kemp). The leader weighs losing it before a nuclear step.

    Attributes:
        support: 0-1 support for Russia.
    """

    def __init__(self, model):
        super().__init__(model)
        self.support = np.full(model.n_worlds, model.p["china.initial_support"])

    def step(self):
        """Withdraw the week's share of support, and most of the rest after a nuclear use."""
        p = self.model.p
        self.support = self.support * (1 - p["china.decline"])
        used = self.model.leader.used_this_week
        collapsed = self.support * (1 - p["china.collapse_after_use"])
        self.support = np.where(used, collapsed, self.support)
