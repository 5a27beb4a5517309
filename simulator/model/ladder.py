"""The escalation ladder: the rungs a world can stand on, in order.

Each rung carries the claims that name it and, for reference, the nearest rung of
Herman Kahn's 44-rung ladder (*On Escalation*, 1965). Only the leader's deliberate
choices and the command chain move a world onto a nuclear rung, from any rung; accidents
stay on the conventional rungs. What each rung costs the leader is a parameter
(``Rung.cost``), not a number in this file.
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Rung:
    """One rung of the ladder.

    Attributes:
        level: Position on the ladder (0 = negotiation).
        name: Short machine name, used in ``ladder.<name>`` claim references.
        label: Plain-English label shown to users.
        cost: The parameter holding what climbing here costs the leader ("" if nothing
            or not his choice).
        nuclear: Whether standing here means a nuclear weapon has been used.
        kahn: Nearest rung of Kahn's ladder, for reference only.
        claims: Claim ids that describe this rung.
    """

    level: int
    name: str
    label: str
    cost: str
    nuclear: bool
    kahn: int
    claims: tuple[str, ...]


RUNGS: tuple[Rung, ...] = (
    Rung(0, "negotiation", "Negotiation / de-escalation", "", False, 2,
         ("alperovitch-three-options",)),
    Rung(1, "conventional-war", "Conventional war", "", False, 12,
         ("reporting-eight-months",)),
    Rung(2, "partial-mobilisation", "Partial mobilisation", "", False, 6,
         ("alperovitch-kharkiv-cause", "alperovitch-three-options")),
    Rung(3, "annexation-rhetoric", "Annexation and nuclear rhetoric", "leader.cost_annexation",
         False, 3,
         ("reporting-referendums", "alexander-referendum-propaganda",
          "alexander-domestic-propaganda", "reporting-territorial-integrity")),
    Rung(4, "infrastructure-strikes", "Strikes on critical infrastructure",
         "leader.cost_infrastructure", False, 13,
         ("alperovitch-infrastructure",)),
    Rung(5, "city-bombing", "Indiscriminate bombing of cities", "leader.cost_cities", False, 13,
         ("alperovitch-bomb-cities", "reporting-quagmire")),
    Rung(6, "air-force-raids", "Full air-force raids", "leader.cost_air_force", False, 13,
         ("alperovitch-air-force", "alperovitch-air-defences", "alperovitch-moves-left",
          "alperovitch-few-options")),
    Rung(7, "nuclear-demonstration", "Nuclear demonstration (e.g. over the Black Sea)",
         "leader.cost_demonstration", True, 18,
         ("reporting-black-sea-fear", "reporting-test-or-tactical")),
    Rung(8, "tactical-nuclear-use", "Tactical nuclear use", "leader.cost_tactical", True, 23,
         ("reporting-test-or-tactical", "reporting-tactical-focus", "reporting-2000-warheads")),
    Rung(9, "wider-war", "Wider war with NATO", "", True, 24,
         ("reporting-world-war",)),
)

NEGOTIATION = 0
"""Rung 0 ends the war: no side fights from here."""
START = 2
"""Week 0 is the week of the partial mobilisation announcement (21 Sep 2022)."""
ANNEXATION = 3
INFRASTRUCTURE = 4
CITY_BOMBING = 5
TOP_CONVENTIONAL = 6
"""The last conventional move (the air force). Nuclear rungs do not need it: a nuclear step
may come from any rung once the leader's nuclear gate opens."""
DEMONSTRATION = 7
TACTICAL = 8
WIDER_WAR = 9
TOP_CHOSEN = TACTICAL
"""The highest rung a leader can choose; the wider war comes from the West's side."""

NUCLEAR = tuple(rung.nuclear for rung in RUNGS)


def bombing_cities(rung):
    """Where the war stands on city bombing or the air force: the rungs that backfire abroad."""
    return (rung >= CITY_BOMBING) & (rung <= TOP_CONVENTIONAL)


def rung_label(level: int) -> str:
    """Return the plain-English label of a rung."""
    return RUNGS[level].label


class Position:
    """Where each world stands on the ladder, and the one place that changes it.

    Several actors move a world (the leader's choices and signals, his orders carried out,
    the West's wider war, accidents), each in its turn of the week; they all call ``move``,
    so every transition of the ladder reads the same way and nothing else writes a rung.
    ``end_week`` keeps the record of how high each world has climbed.

    Attributes:
        rung: Each world's current rung.
        highest: Each world's highest rung so far.
        highest_conventional: Each world's highest conventional rung so far (0 if none).
        infrastructure_week: The week of the first strikes on critical infrastructure
            (-1 if none).
    """

    def __init__(self, n_worlds: int):
        self.rung = np.full(n_worlds, START, np.int8)
        self.highest = self.rung.copy()
        self.highest_conventional = self.rung.copy()
        self.infrastructure_week = np.full(n_worlds, -1, np.int16)

    def move(self, worlds: np.ndarray | None = None, *, by=0, at_least=None, to=None):
        """Move ``worlds`` (a mask or indices; None: every world) on the ladder.

        ``by`` rungs up (down if negative), then no lower than ``at_least``; or straight
        ``to`` a rung. Each value is one for all the worlds moved, or one per world moved.
        """
        where = slice(None) if worlds is None else worlds
        if to is not None:
            self.rung[where] = to
            return
        moved = self.rung[where] + by
        if at_least is not None:
            moved = np.maximum(moved, at_least)
        self.rung[where] = moved

    def end_week(self, week: int):
        """Record this week's rung in each world's highs and its first infrastructure strike."""
        self.highest = np.maximum(self.highest, self.rung)
        conventional = np.where(self.rung <= TOP_CONVENTIONAL, self.rung, 0)
        self.highest_conventional = np.maximum(self.highest_conventional, conventional)
        self.infrastructure_week[(self.infrastructure_week < 0)
                                 & (conventional >= INFRASTRUCTURE)] = week
