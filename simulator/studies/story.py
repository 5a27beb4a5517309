"""One world told week by week, from the model's trace.

``tell`` returns each week as structured facts (what happened, with its numbers); a
``Wording`` turns them into sentences. ``ENGLISH`` is the default (the command line uses
it); the app builds a French one from the same facts, with its own number formats, so the
story is written once and told in either language.

The leader's odds shown for a week are the probabilities he chose from in that week, and the
option he took is always among them with its own probability: a choice that had a small
chance (a rare draw) is said to be one, never shown beside "0%" as if it were impossible.
A layer's refusal odds are the ones it decided with, recorded by the chain at the moment of
the decision (``NuclearOrder.refusal_faced``): a refusing officer is replaced at once, so
odds read after the week would be his successor's. For the weapon units they are the chance
that every unit refuses, since one complying is enough.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from simulator.model import events, ladder
from simulator.model.agents.command_chain import DEMONSTRATION
from simulator.model.agents.leader import CONVENTIONAL, DEESCALATE, OPTIONS
from simulator.model.scenario import Scenario
from simulator.model.world import EscalationModel
from simulator.running import engine

MOBILISATION_WEEK = dt.date(2022, 9, 21)
SHOWN_ODDS = 0.005
"""Options below this probability are left out of a week's odds, unless chosen."""
RARE_CHOICE = 0.05
"""A chosen option below this probability is called a rare draw."""

SCALE = 100
"""Desperation, the threat to Crimea and a crisis's index (0 to 1 in the model) are told out
of 100, a scale students read at a glance; the exact values are in ``numbers`` for analysts."""

CHOICE_FACTS = {DEESCALATE: "deescalate", CONVENTIONAL: "conventional"}
"""The fact naming the leader's choice; any other non-nuclear choice is ``hold``."""


@dataclass(frozen=True)
class Fact:
    """One thing that happened in a week: a key (what) and its values (numbers, names)."""

    key: str
    values: Mapping = field(default_factory=dict)


def _english_number(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


def _english_percent(p: float) -> str:
    if 0 < p < 0.01:
        return f"{p:.1%}"
    return f"{p:.0%}"


_SIDES = {"ukraine": "Ukraine", "russia": "Russia", "west": "the West", "both": "both sides"}
"""Who starts a crisis, as a sentence names it."""

SENTENCES = {
    "week": "Week {week} ({date}): ",
    "territory": "Ukraine retook {gain} km² ({total} km² since the mobilisation; threat to "
                 "Crimea: {crimea} out of 100).",
    "territory_lost": "Russia took {gain} km² (Ukraine has retaken {total} km² since the "
                      "mobilisation; threat to Crimea: {crimea} out of 100).",
    "wave": "A wave of reservists reached the front ({sent} sent so far).",
    "crisis": "News of the week: {what} (by {who}).",
    "crisis_sized": "News of the week: {what} (by {who}; {size} {unit}).",
    "crisis_scaled": "News of the week: {what} (by {who}; {unit}: {size} out of 100).",
    "crisis_both": "News of the week: {what}.",
    "ousted_peace": "The leader was ousted; his successor seeks to end the war.",
    "ousted_war": "The leader was ousted; his successor fights on.",
    "why": "his desperation: {desperation} out of 100; his odds: {odds}",
    "why_rare": "his desperation: {desperation} out of 100; his odds: {odds}; a rare draw",
    "odds_item": "{option} {p}",
    "bluff": "The leader threatened nuclear use but gave no order: a bluff ({why}).",
    "order": "The leader ordered a {kind} ({why}).",
    "chain_layer": "{layer} ({refusal} refusal)",
    "chain_used": "It passed {passed}; the weapon was used.",
    "chain_refused": "It passed {passed} and was refused by {layer} ({refusal} refusal); the "
                     "officer will be replaced before any new order.",
    "chain_refused_first": "It went to the chain and was refused by {layer} ({refusal} "
                           "refusal); the officer will be replaced before any new order.",
    "conventional": "The leader escalated conventionally ({why}).",
    "deescalate": "The leader de-escalated ({why}).",
    "hold": "The leader held his course ({why}).",
    "nato": "The West answered decisively: NATO is now directly involved.",
    "wider_war": "The war widened into a war with NATO.",
    "accident_up": "Without anyone deciding it, the war slipped a rung up.",
    "accident_down": "Without anyone deciding it, the war slipped a rung down.",
    "rung": "Rung now: {rung} - {label}.",
    "list_and": " and ",
    # the world in a few lines (``summary``)
    "sum_order_used": "In week {week} ({date}) the leader ordered a {kind}; the chain carried "
                      "it out.",
    "sum_order_refused": "In week {week} ({date}) the leader ordered a {kind}; {layer} "
                         "refused it.",
    "sum_bluffs": "The leader made {n} nuclear threat(s) without an order (bluffs), the first "
                  "in week {week} ({date}).",
    "sum_ousted_peace": "In week {week} ({date}) the leader was ousted; his successor sought "
                        "to end the war.",
    "sum_ousted_war": "In week {week} ({date}) the leader was ousted; his successor fought on.",
    "sum_nato": "In week {week} ({date}) NATO became directly involved.",
    "sum_wider_war": "In week {week} ({date}) the war widened into a war with NATO.",
    "sum_no_order": "The leader never gave a nuclear order.",
    "sum_end": "By week {week} ({date}) Ukraine had retaken {total} km²; the war stood at "
               "rung {rung}, {label}.",
    "sum_end_lost": "By week {week} ({date}) Russia had taken {total} km² more than Ukraine "
                    "retook; the war stood at rung {rung}, {label}.",
}
"""The English sentences; every template of a ``Wording`` has these keys."""


@dataclass(frozen=True)
class Wording:
    """How facts become sentences: templates and the formats of numbers, names and dates."""

    sentences: Mapping[str, str] = field(default_factory=lambda: SENTENCES)
    number: Callable[..., str] = _english_number
    percent: Callable[[float], str] = _english_percent
    date: Callable[[dt.date], str] = lambda day: f"{day.day} {day:%b %Y}"
    rung: Callable[[int], str] = ladder.rung_label
    layer: Callable[[str], str] = lambda name: name
    option: Callable[[int], str] = lambda k: OPTIONS[k]
    crisis: Callable[[str], str] = lambda kind: events.KINDS[kind].words
    unit: Callable[[str], str] = lambda unit: unit
    side: Callable[[str], str] = lambda side: _SIDES.get(side, side)

    def say(self, key: str, **values) -> str:
        """The template ``key`` filled with ``values``."""
        return self.sentences[key].format(**values)

    def kind(self, rung: int) -> str:
        """A rung's label as a noun in a sentence (first letter in lower case)."""
        label = self.rung(rung)
        return label[0].lower() + label[1:]

    def fact(self, fact: Fact) -> str:
        """One fact as a sentence."""
        v = fact.values
        if fact.key == "territory":
            lost = v["gain"] < 0
            return self.say("territory_lost" if lost else "territory",
                            gain=self.number(abs(v["gain"])),
                            total=self.number(v["total"]),
                            crimea=self.number(SCALE * v["crimea"]))
        if fact.key == "wave":
            return self.say("wave", sent=self.number(v["sent"]))
        if fact.key == "crisis":
            kind = events.KINDS[v["kind"]]
            if v["size"] > 0 and kind.unit:
                scaled = kind.high <= 1  # an index: out of 100, as desperation
                return self.say("crisis_scaled" if scaled else "crisis_sized",
                                what=self.crisis(v["kind"]), who=self.side(v["side"]),
                                size=self.number(SCALE * v["size"] if scaled else v["size"]),
                                unit=self.unit(kind.unit))
            key = "crisis_both" if v["side"] == "both" else "crisis"  # talks: no one starts them
            return self.say(key, what=self.crisis(v["kind"]), who=self.side(v["side"]))
        if fact.key in ("bluff", "order", "conventional", "deescalate", "hold"):
            odds = ", ".join(self.say("odds_item", option=self.option(k), p=self.percent(p))
                             for k, p in v["odds"])
            why = self.say("why_rare" if v["rare"] else "why",
                           desperation=self.number(SCALE * v["desperation"]), odds=odds)
            return self.say(fact.key, why=why, kind=self.option(v.get("option", 0)))
        if fact.key.startswith("chain_"):
            passed = ", ".join(self.say("chain_layer", layer=self.layer(name),
                                        refusal=self.percent(p)) for name, p in v["passed"])
            blocked = v.get("blocked")
            return self.say(fact.key, passed=passed,
                            layer=self.layer(blocked[0]) if blocked else "",
                            refusal=self.percent(blocked[1]) if blocked else "")
        if fact.key == "rung":
            return self.say("rung", rung=v["rung"], label=self.rung(v["rung"]))
        if fact.key.startswith("sum_"):
            values = dict(v)
            if "week" in values:
                values["date"] = self.date(MOBILISATION_WEEK + dt.timedelta(weeks=v["week"]))
            if "option" in values:
                values["kind"] = self.option(values["option"])
            if "rung" in values:
                values["label"] = self.kind(values["rung"])
            if "layer" in values:
                values["layer"] = self.layer(values["layer"])
            if "total" in values:
                values["total"] = self.number(abs(values["total"]))
            return self.say(fact.key, **values)
        return self.say(fact.key, **v)

    def week(self, week: "Week") -> str:
        """A week as a paragraph."""
        return (self.say("week", week=week.week, date=self.date(week.date))
                + " ".join(self.fact(fact) for fact in week.facts))


ENGLISH = Wording()


@dataclass(frozen=True)
class Week:
    """What happened in one world in one week."""

    week: int
    date: dt.date
    rung: int
    facts: tuple[Fact, ...]
    events: tuple[str, ...]
    """Tags for the notable events: order, refused, use, ousted, nato, wider_war, accident."""
    choice: int = 1
    """The option the leader took (an index into ``OPTIONS``)."""
    choice_probability: float = 1.0
    """The probability he took it with, in this week."""

    @property
    def sentences(self) -> tuple[str, ...]:
        """The facts as English sentences."""
        return tuple(ENGLISH.fact(fact) for fact in self.facts)

    @property
    def changed(self) -> bool:
        """Whether something notable happened: an event or a new rung."""
        return bool(self.events) or any(fact.key == "rung" for fact in self.facts)

    def text(self, wording: Wording = ENGLISH) -> str:
        """The week as a paragraph."""
        return wording.week(self)


def _leader_fact(key: str, snap: dict, i: int, **extra) -> tuple[Fact, float]:
    """The leader's choice with the odds he chose from, the chosen option always among them."""
    choice = int(snap["choice"][i])
    probabilities = snap["option_probabilities"][:, i]
    odds = tuple((k, float(probabilities[k])) for k in range(len(OPTIONS))
                 if probabilities[k] >= SHOWN_ODDS or k == choice)
    chosen = float(probabilities[choice])
    return Fact(key, {"odds": odds, "rare": chosen < RARE_CHOICE,
                      "desperation": float(snap["desperation"][i]), **extra}), chosen


def tell(scenario: Scenario, seed: int, world: int) -> list[Week]:
    """Replay world ``world`` of the batch (``scenario``, ``seed``) and narrate it."""
    members = tuple(replace(m, ranges={}) for m in scenario.pool)
    model = engine.replay_world(scenario.parameters, seed, world, members)
    return narrate(model, model.world_index)


def narrate(model: EscalationModel, i: int) -> list[Week]:
    """World ``i`` of a model run with ``trace=True``, week by week."""
    names = [layer.name for layer in model.chain]
    weeks = []
    previous_rung = ladder.START
    for snap in model.trace:
        facts, events = [], []
        week = snap["week"]
        facts.append(Fact("territory", {"gain": float(snap["weekly_gain_km2"][i]),
                                        "total": float(snap["territory_km2"][i]),
                                        "crimea": float(snap["crimea_threat"][i])}))
        for (kind, side), (arrived, size) in snap["crises"].items():
            if arrived[i]:
                facts.append(Fact("crisis", {"kind": kind, "side": side,
                                             "size": float(size[i])}))
        worlds = snap["rung"].shape  # waves are one number for all worlds until they differ
        if np.broadcast_to(snap["wave_arrived"], worlds)[i]:
            sent = np.broadcast_to(snap["reservists"], worlds)[i]
            facts.append(Fact("wave", {"sent": int(sent)}))
        if snap["ousted"][i] and (week == 0 or not model.trace[week - 1]["ousted"][i]):
            facts.append(Fact("ousted_peace" if snap["successor_ends_war"][i] else "ousted_war"))
            events.append("ousted")
        choice = int(snap["choice"][i])
        if snap["bluffed"][i]:
            fact, chosen = _leader_fact("bluff", snap, i)
            facts.append(fact)
            events.append("bluff")
        elif snap["order_issued"][i]:
            demonstration = snap["order_kind"][i] == DEMONSTRATION
            rung = ladder.DEMONSTRATION if demonstration else ladder.TACTICAL
            fact, chosen = _leader_fact("order", snap, i, rung=rung, option=choice)
            facts.append(fact)
            events.append("order")
            facts.append(_chain_fact(snap, i, names))
            events.append("use" if snap["executed"][i] else "refused")
        else:
            fact, chosen = _leader_fact(CHOICE_FACTS.get(choice, "hold"), snap, i)
            facts.append(fact)
        if snap["nato_joined"][i]:
            facts.append(Fact("nato"))
            events.append("nato")
        if snap["wider_war"][i] and (week == 0 or not model.trace[week - 1]["wider_war"][i]):
            facts.append(Fact("wider_war"))
            events.append("wider_war")
        if snap["accident"][i]:
            facts.append(Fact("accident_up" if snap["accident"][i] > 0 else "accident_down"))
            events.append("accident")
        rung = int(snap["rung"][i])
        if rung != previous_rung:
            facts.append(Fact("rung", {"rung": rung}))
        previous_rung = rung
        date = MOBILISATION_WEEK + dt.timedelta(weeks=week)
        weeks.append(Week(week, date, rung, tuple(facts), tuple(events), choice, chosen))
    return weeks


def _chain_fact(snap: dict, i: int, names: list[str]) -> Fact:
    refusal = snap["refusal_faced"][:, i]
    blocked = int(snap["blocked_at"][i])
    passed = names if blocked == 0 else names[: blocked - 1]
    values = {"passed": tuple((name, float(refusal[k])) for k, name in enumerate(passed))}
    if blocked == 0:
        return Fact("chain_used", values)
    values["blocked"] = (names[blocked - 1], float(refusal[blocked - 1]))
    return Fact("chain_refused" if passed else "chain_refused_first", values)


def summary(weeks: list[Week]) -> list[Fact]:
    """The world in a few facts.

    Each nuclear order and who stopped it, the bluffs, an ouster, NATO, a wider war, and
    where the war stood at the end.
    """
    facts = []
    bluffs = [week for week in weeks if "bluff" in week.events]
    for week in weeks:
        by_key = {fact.key: fact for fact in week.facts}
        if "order" in by_key:
            kind = by_key["order"].values["option"]
            if "use" in week.events:
                facts.append(Fact("sum_order_used", {"week": week.week, "option": kind}))
            else:
                refused = next(f for f in week.facts if f.key.startswith("chain_refused"))
                facts.append(Fact("sum_order_refused", {"week": week.week, "option": kind,
                                                        "layer": refused.values["blocked"][0]}))
        if bluffs and week is bluffs[0]:
            facts.append(Fact("sum_bluffs", {"n": len(bluffs), "week": week.week}))
        for key in ("ousted_peace", "ousted_war", "nato", "wider_war"):
            if key in by_key:
                facts.append(Fact(f"sum_{key}", {"week": week.week}))
    if not any("order" in week.events for week in weeks):
        facts.insert(0, Fact("sum_no_order"))
    last = weeks[-1]
    total = next(f.values["total"] for f in last.facts if f.key == "territory")
    facts.append(Fact("sum_end" if total >= 0 else "sum_end_lost",
                      {"week": last.week, "total": total, "rung": last.rung}))
    return facts


def numbers(weeks: list[Week]) -> list[dict]:
    """Each week's exact values (0 to 1), for analysts: the story rounds them to ``SCALE``."""
    rows = []
    for week in weeks:
        values = {fact.key: fact.values for fact in week.facts}
        leader = next(v for v in values.values() if "desperation" in v)
        rows.append({"week": week.week, "date": week.date, "rung": week.rung,
                     "desperation": leader["desperation"],
                     "crimea_threat": values["territory"]["crimea"],
                     "choice": week.choice, "choice_probability": week.choice_probability})
    return rows


def find_world(columns: dict[str, np.ndarray], event: str, after: int | None = None) -> int | None:
    """The first world of a batch where ``event`` happened (e.g. nuclear_use).

    With ``after``, the first such world after that one, wrapping round to the start.
    """
    hits = np.flatnonzero(np.asarray(columns[event], bool))
    if not len(hits):
        return None
    worlds = np.asarray(columns["world"])[hits] if "world" in columns else hits
    later = worlds[worlds > after] if after is not None else worlds
    return int((later if len(later) else worlds)[0])
