"""One world told week by week, in plain sentences, from the model's trace."""

import datetime as dt
from dataclasses import dataclass

import numpy as np

from simulator import engine, ladder
from simulator.agents.command_chain import DEMONSTRATION
from simulator.agents.leader import CONVENTIONAL, DEESCALATE, OPTIONS
from simulator.scenario import Scenario

MOBILISATION_WEEK = dt.date(2022, 9, 21)


@dataclass(frozen=True)
class Week:
    """What happened in one world in one week."""

    week: int
    date: dt.date
    rung: int
    sentences: tuple[str, ...]
    events: tuple[str, ...]
    """Tags for the notable events: order, refused, use, ousted, nato, wider_war, accident."""

    def text(self) -> str:
        """The week as a paragraph."""
        return f"Week {self.week} ({self.date:%d %b %Y}): " + " ".join(self.sentences)


def tell(scenario: Scenario, seed: int, world: int) -> list[Week]:
    """Replay world ``world`` of the batch (``scenario``, ``seed``) and narrate it."""
    model = engine.replay_world(scenario.parameters, seed, world)
    i = model.world_index
    names = [layer.name for layer in model.chain]
    weeks = []
    previous_rung = ladder.START
    for snap in model.trace:
        sentences, events = [], []
        week = snap["week"]
        gain, total = snap["weekly_gain_km2"][i], snap["territory_km2"][i]
        sentences.append(f"Ukraine retook {gain:,.0f} km² ({total:,.0f} km² since the "
                         f"mobilisation; Crimea threat {snap['crimea_threat'][i]:.2f}).")
        if snap["wave_arrived"]:
            sentences.append(f"A wave of reservists reached the front ({snap['reservists']:,} "
                             "sent so far).")
        if snap["ousted"][i] and (week == 0 or not model.trace[week - 1]["ousted"][i]):
            sentences.append("The leader was ousted; his successor "
                             + ("seeks to end the war." if snap["successor_ends_war"][i]
                                else "fights on."))
            events.append("ousted")
        choice = snap["choice"][i]
        probabilities = snap["option_probabilities"][:, i]
        odds = ", ".join(f"{OPTIONS[k]} {probabilities[k]:.0%}" for k in range(len(OPTIONS))
                         if probabilities[k] >= 0.005)
        why = f"desperation {snap['desperation'][i]:.2f}; {odds}"
        if snap["bluffed"][i]:
            sentences.append(
                f"The leader threatened nuclear use but gave no order: a bluff ({why})."
            )
            events.append("bluff")
        elif snap["order_issued"][i]:
            demonstration = snap["order_kind"][i] == DEMONSTRATION
            rung = ladder.DEMONSTRATION if demonstration else ladder.TACTICAL
            label = ladder.rung_label(rung)
            kind = label[0].lower() + label[1:]
            sentences.append(f"The leader ordered a {kind} ({why}).")
            events.append("order")
            sentences.append(_chain_sentence(snap, i, names))
            events.append("use" if snap["executed"][i] else "refused")
        elif choice == CONVENTIONAL:
            sentences.append(f"The leader escalated conventionally ({why}).")
        elif choice == DEESCALATE:
            sentences.append(f"The leader de-escalated ({why}).")
        else:
            sentences.append(f"The leader held his course ({why}).")
        if snap["nato_joined"][i]:
            sentences.append("The West answered decisively: NATO is now directly involved.")
            events.append("nato")
        if snap["wider_war"][i] and (week == 0 or not model.trace[week - 1]["wider_war"][i]):
            sentences.append("The war widened into a war with NATO.")
            events.append("wider_war")
        if snap["accident"][i]:
            direction = "up" if snap["accident"][i] > 0 else "down"
            sentences.append(f"Without anyone deciding it, the war slipped a rung {direction}.")
            events.append("accident")
        rung = int(snap["rung"][i])
        if rung != previous_rung:
            sentences.append(f"Rung now: {rung} - {ladder.rung_label(rung)}.")
        previous_rung = rung
        date = MOBILISATION_WEEK + dt.timedelta(weeks=week)
        weeks.append(Week(week, date, rung, tuple(sentences), tuple(events)))
    return weeks


def _chain_sentence(snap: dict, i: int, names: list[str]) -> str:
    refusal = snap["refusal_probabilities"][:, int(snap["order_kind"][i]), i]
    blocked = int(snap["blocked_at"][i])
    passed = names if blocked == 0 else names[: blocked - 1]
    parts = [f"{name} ({refusal[k]:.0%} refusal)" for k, name in enumerate(passed)]
    text = "It passed " + ", ".join(parts) if parts else "It went to the chain"
    if blocked == 0:
        return text + "; the weapon was used."
    return (f"{text} and was refused by {names[blocked - 1]} ({refusal[blocked - 1]:.0%} "
            "refusal); the officer will be replaced before any new order.")


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
