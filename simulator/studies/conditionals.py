"""Conditionals with timing: P(A within k weeks after B | B by week w).

Forecasters of 2022 stated conditionals ("given a Russian detonation in the next six months,
a NATO country enters Ukraine within 90 days: 58%", Swift Centre). Every simulated world is
a dated history, so the same question is asked of the worlds where B happened by week w:
the share of them in which A followed within k weeks. The week of B counts (an answer in the
same week is within k), A before B does not, and the k weeks after the last B counted must
fit within the horizon, so no world is cut short of its follow-up.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from simulator.errors import SimulatorError
from simulator.model.scenario import Scenario
from simulator.results import analysis

EVENTS = {
    "nuclear_order": ("order_week", "a nuclear order"),
    "nuclear_use": ("use_week", "nuclear use"),
    "leader_ousted": ("ousted_week", "the leader's ouster"),
    "nato_involved": ("nato_week", "NATO's direct involvement"),
    "infrastructure_strikes": ("infrastructure_week", "strikes on critical infrastructure"),
    "encirclement": ("encirclement_week", "a Russian force cut off"),
    "incursion": ("incursion_week", "an incursion into Russia"),
}
"""The dated events a conditional may name: the outcome column holding each one's week."""


class ConditionalError(SimulatorError):
    """A conditional that cannot be asked: unknown event, weeks past the horizon, no world."""


@dataclass(frozen=True)
class Conditional:
    """One view's answer to P(then within k weeks after given | given by week w).

    Attributes:
        scenario: The view's name.
        then, given: Event names (``EVENTS``).
        within: Weeks after ``given`` (its own week included) in which ``then`` counts.
        by: ``given`` happened in weeks 0 to ``by - 1``.
        estimate: The conditional probability with its 95% Wilson interval, over the worlds
            where ``given`` happened by ``by`` (simulation noise only).
        given_share: P(``given`` by ``by``), over all worlds.
    """

    scenario: str
    then: str
    within: int
    given: str
    by: int
    estimate: analysis.Estimate
    given_share: analysis.Estimate

    def question(self) -> str:
        """The question in words."""
        then, given = EVENTS[self.then][1], EVENTS[self.given][1]
        return (f"P({then} within {self.within} weeks after {given} | {given} by week "
                f"{self.by})")

    def summary(self) -> dict:
        """Plain numbers, JSON-ready."""
        return {"scenario": self.scenario, "then": self.then, "within": self.within,
                "given": self.given, "by": self.by, "conditional": self.estimate.as_dict(),
                "given_share": self.given_share.as_dict(),
                "given_worlds": self.estimate.n}


def check(then: str, within: int, given: str, by: int, horizon: int) -> None:
    """Refuse a question the worlds cannot answer, naming the field and what is allowed."""
    for field, name in (("then", then), ("given", given)):
        if name not in EVENTS:
            raise ConditionalError(f"{field}: unknown event {name!r}; choose one of: "
                                   f"{', '.join(EVENTS)}")
    for field, value in (("within", within), ("by", by)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
            raise ConditionalError(f"{field}: {value!r} is not a whole number of weeks >= 1")
    if by + within - 1 > horizon:
        raise ConditionalError(
            f"by + within: week {by - 1} + {within} weeks of follow-up reaches past the "
            f"horizon of {horizon} weeks; choose by <= {max(horizon - within + 1, 0)} or a "
            "longer horizon_weeks")


def answer(name: str, columns: Mapping[str, np.ndarray], horizon: int, then: str, within: int,
           given: str, by: int) -> Conditional:
    """Ask one view's worlds the conditional (see the module's docstring)."""
    check(then, within, given, by, horizon)
    given_week = np.asarray(columns[EVENTS[given][0]])
    then_week = np.asarray(columns[EVENTS[then][0]])
    condition = (given_week >= 0) & (given_week < by)
    n = int(condition.sum())
    if n == 0:
        raise ConditionalError(
            f"given: {given} by week {by} happened in none of the {len(given_week):,} worlds "
            f"of {name}; run more worlds, choose a later week, or another view")
    after = then_week - given_week
    follows = condition & (then_week >= 0) & (after >= 0) & (after < within)
    return Conditional(name, then, within, given, by,
                       analysis.proportion(int(follows.sum()), n),
                       analysis.proportion(n, len(given_week)))


def ask(scenarios: Sequence[Scenario], then: str, within: int, given: str, by: int,
        runs: int = 100_000, seed: int = 0, **run_options) -> list[Conditional]:
    """Run each view on the same seed (common random numbers) and ask it the conditional.

    Every question is checked against every view's horizon before any world runs.
    """
    from simulator.running import engine  # late: reading a question needs no model

    for scenario in scenarios:
        check(then, within, given, by, scenario.parameters["horizon_weeks"])
    return [answer(s.name, engine.run(s, runs, seed, progress=False, **run_options).columns,
                   s.parameters["horizon_weeks"], then, within, given, by) for s in scenarios]


def table(answers: list[Conditional], runs: int, seed: int) -> str:
    """The answers as the command line prints them."""
    first = answers[0]
    lines = [first.question(), f"({runs:,} worlds a view, seed {seed}, common random numbers; "
             "intervals: simulation noise only)", "",
             f"{'view':26s} {'conditional':>26s} {'worlds given':>13s} {'P(given)':>9s}"]
    for a in answers:
        lines.append(f"{a.scenario:26s} {a.estimate.text():>26s} {a.estimate.n:13,d} "
                     f"{a.given_share.estimate:9.2%}")
    return "\n".join(lines)
