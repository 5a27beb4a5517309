"""The escalation ladder: the rungs a world can stand on, in order.

Each rung carries the claims that name it and, for reference, the nearest rung of
Herman Kahn's 44-rung ladder (*On Escalation*, 1965). Only the leader's deliberate
choices and the command chain move a world onto a nuclear rung; accidents stay on the
conventional rungs.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Rung:
    """One rung of the ladder.

    Attributes:
        level: Position on the ladder (0 = negotiation).
        name: Short machine name, used in ``ladder.<name>`` claim references.
        label: Plain-English label shown to users.
        severity: 0-1 weight of the political and military cost of standing here; the
            leader's expected cost of climbing to this rung scales with it.
        nuclear: Whether standing here means a nuclear weapon has been used.
        kahn: Nearest rung of Kahn's ladder, for reference only.
        claims: Claim ids that describe this rung.
    """

    level: int
    name: str
    label: str
    severity: float
    nuclear: bool
    kahn: int
    claims: tuple[str, ...]


RUNGS: tuple[Rung, ...] = (
    Rung(0, "negotiation", "Negotiation / de-escalation", 0.0, False, 2,
         ("alperovitch-three-options",)),
    Rung(1, "conventional-war", "Conventional war", 0.10, False, 12,
         ("reporting-eight-months",)),
    Rung(2, "partial-mobilisation", "Partial mobilisation", 0.15, False, 6,
         ("alperovitch-kharkiv-cause", "alperovitch-three-options")),
    Rung(3, "annexation-rhetoric", "Annexation and nuclear rhetoric", 0.20, False, 3,
         ("reporting-referendums", "alexander-referendum-propaganda",
          "alexander-domestic-propaganda", "reporting-territorial-integrity")),
    Rung(4, "infrastructure-strikes", "Strikes on critical infrastructure", 0.30, False, 13,
         ("alperovitch-infrastructure",)),
    Rung(5, "city-bombing", "Indiscriminate bombing of cities", 0.45, False, 13,
         ("alperovitch-bomb-cities", "reporting-quagmire")),
    Rung(6, "air-force-raids", "Full air-force raids", 0.55, False, 13,
         ("alperovitch-air-force", "alperovitch-moves-left", "alperovitch-few-options")),
    Rung(7, "nuclear-demonstration", "Nuclear demonstration (e.g. over the Black Sea)", 0.80,
         True, 18, ("reporting-black-sea-fear", "reporting-test-or-tactical")),
    Rung(8, "tactical-nuclear-use", "Tactical nuclear use", 1.00, True, 23,
         ("reporting-test-or-tactical", "reporting-tactical-focus", "reporting-2000-warheads")),
    Rung(9, "wider-war", "Wider war with NATO", 1.00, True, 24,
         ("reporting-world-war",)),
)

NEGOTIATION = 0
"""Rung 0 ends the war: no side fights from here."""
START = 2
"""Week 0 is the week of the partial mobilisation announcement (21 Sep 2022)."""
TOP_CONVENTIONAL = 6
"""The last conventional move: nuclear rungs are reachable only from here."""
DEMONSTRATION = 7
TACTICAL = 8
WIDER_WAR = 9
TOP_CHOSEN = TACTICAL
"""The highest rung a leader can choose; the wider war comes from the West's side."""

SEVERITY = tuple(rung.severity for rung in RUNGS)
NUCLEAR = tuple(rung.nuclear for rung in RUNGS)


def rung_label(level: int) -> str:
    """Return the plain-English label of a rung."""
    return RUNGS[level].label
