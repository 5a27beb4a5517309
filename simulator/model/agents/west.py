"""The West: support for Ukraine, its response to nuclear use, and the risk of wider war."""

import numpy as np
from mesa import Agent

from simulator.model import ladder
from simulator.model.agents.command_chain import DEMONSTRATION, TACTICAL


class West(Agent):
    """The United States and its allies.

    Support for Ukraine rises when Russia bombs cities or uses a nuclear weapon (it
    backfires), and erodes a little every week (fatigue). Nuclear use brings, with some
    probability, the "painful and decisive" response of direct NATO involvement (less likely
    after a mere demonstration), after which each week carries a small risk of a wider war.
    The answer is one decision per crisis: the West decides once after the first
    demonstration and once after the first tactical strike (a graver crisis), not afresh at
    every repeat, which would compound a 60% answer towards certainty. The leader and his
    officers both weigh that response before a nuclear step, knowing what was decided.
    Over the war, escalations of aid (``Crises``: new weapons, permission to strike further)
    raise support at once.

    Attributes:
        support: 0-1 support for Ukraine.
        nato_involved: Whether NATO is directly involved.
        nato_week: The week NATO became directly involved (-1 if never).
        joined_this_week: Worlds where NATO joined this week.
        answered: Shape (2, worlds): whether the West has decided its answer to a
            demonstration (row DEMONSTRATION) and to a tactical strike (row TACTICAL).
        wider_war: Whether the war has widened into a war with NATO.
    """

    def __init__(self, model):
        super().__init__(model)
        n = model.n_worlds
        self.support = np.full(n, model.p["west.initial_support"], np.float32)
        self.nato_involved = np.zeros(n, bool)
        self.nato_week = np.full(n, -1, np.int16)
        self.joined_this_week = np.zeros(n, bool)
        self.wider_war = np.zeros(n, bool)
        self.answered = np.zeros((2, n), bool)
        self._chances_week, self._chances = -1, {}

    def response_chance(self, kind: int) -> np.ndarray:
        """Chance of direct involvement after an order of ``kind`` (certain once involved).

        Worked out once a week: the leader, his officers and the West's own answer all
        read it before NATO's involvement can change. Once the West has decided not to join
        after that kind of use, a repeat brings no new decision (chance 0).
        """
        if self._chances_week != self.model.week:
            p, involved, answered = self.model.p, self.nato_involved, self.answered
            decisive = p["west.decisive_response"]
            demonstration = decisive * p["west.demonstration_response"]
            self._chances = {
                DEMONSTRATION: np.where(involved, 1.0,
                                        np.where(answered[DEMONSTRATION], 0.0, demonstration)),
                TACTICAL: np.where(involved, 1.0, np.where(answered[TACTICAL], 0.0, decisive)),
            }
            self._chances_week = self.model.week
        return self._chances[kind]

    def step(self):
        """Update support, answer this week's nuclear use, and draw the wider-war risk."""
        p, model = self.model.p, self.model
        used = model.leader.used_this_week
        self.support = np.clip(
            self.support * (1 - p["west.fatigue"])
            + p["west.backfire"] * ladder.bombing_cities(model.rung)
            + p["west.support_after_use"] * used,
            0.0, None)
        aided, step = model.crises.hits("western_aid", "west")
        self.support[aided] += step
        self.support = np.minimum(self.support, 1.0)
        demonstration = model.order.kind == DEMONSTRATION
        respond = np.where(demonstration, self.response_chance(DEMONSTRATION),
                           self.response_chance(TACTICAL))
        self.joined_this_week = used & ~self.nato_involved & (model.draw("nato_response") < respond)
        kind = np.where(demonstration, DEMONSTRATION, TACTICAL)
        self.answered[kind[used], np.flatnonzero(used)] = True
        self.nato_involved |= self.joined_this_week
        self.nato_week[self.joined_this_week] = model.week

        widens = (
            self.nato_involved
            & ~self.wider_war
            & ~self.joined_this_week
            & (model.draw("wider_war") < 1 - np.exp(-p["west.wider_war_rate"]))
        )
        self.wider_war |= widens
        model.position.move(widens, to=ladder.WIDER_WAR)
