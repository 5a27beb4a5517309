"""Accidents: the war moving a conventional rung without anyone deciding it."""

import numpy as np
from mesa import Agent

from simulator.model import ladder


class Accidents(Agent):
    """Friction: misreadings, a local commander's initiative, a lull.

    Each week a world may move one conventional rung up or down by accident. Accidents
    never cross into nuclear rungs (the chain stands in the way) and never end the war;
    they are counted apart from deliberate moves so analysts can tell the two apart.

    Attributes:
        moves: Accidental rung changes so far.
        moved_this_week: +1, -1 or 0 for this week.
    """

    def __init__(self, model):
        super().__init__(model)
        self.moves = np.zeros(model.n_worlds, np.int16)
        self.moved_this_week = np.zeros(model.n_worlds, np.int8)

    def step(self):
        """Draw once per world: low values move the rung up, high values move it down."""
        p, model = self.model.p, self.model
        draw = model.draw("accident")
        rung = model.rung
        up = (draw < p["accidents.escalation"]) & (rung >= 1) & (rung < ladder.TOP_CONVENTIONAL)
        down = (draw > 1 - p["accidents.deescalation"]) & (rung >= 2) & (
            rung <= ladder.TOP_CONVENTIONAL
        )
        self.moved_this_week = up.astype(np.int8) - down.astype(np.int8)
        model.position.move(by=self.moved_this_week)
        self.moves += up | down
