"""Mutation tests: break one mechanism at a time and require the suite to notice.

Each mutation rewrites one piece of an actor's behaviour (monkeypatched for the test only)
and names the claim check or mechanism test that must then fail. The same checks hold on
the unmutated model (test_claims.py, test_mechanisms.py, test_actors.py, test_crises.py), so
a mutation that left them passing would be a mechanism no test depends on.
"""

import importlib

import numpy as np
import pytest
from support.mechanisms import moves_its_outcome

from simulator.evidence import claims
from simulator.model import events, ladder
from simulator.model.agents import (
    Accidents,
    China,
    CommandLayer,
    Domestic,
    Leader,
    West,
    command_chain,
)
from simulator.model.agents import battlefield as battlefield_module
from simulator.model.agents import crises as crises_module


def west_answers_a_demonstration_like_a_strike(self, kind):
    return np.where(self.nato_involved, 1.0, self.model.p["west.decisive_response"])


def west_never_answers(self, kind):
    return np.where(self.nato_involved, 1.0, 0.0)


def accidents_only_escalate(self):
    p, model = self.model.p, self.model
    rung = model.rung
    up = ((model.draw("accident") < p["accidents.escalation"]) & (rung >= 1)
          & (rung < ladder.TOP_CONVENTIONAL))
    self.moved_this_week = up.astype(np.int8)
    model.position.move(by=self.moved_this_week)
    self.moves += up


def no_crimea_gate(self):
    return np.zeros(self.model.n_worlds, bool)


def bluff_never_breaks(self, worlds):
    return np.zeros_like(worlds)


def west_redraws_at_every_use(self, kind):
    """West.response_chance before 0.4.0: a fresh answer at every use, never "decided"."""
    p, involved = self.model.p, self.nato_involved
    decisive = p["west.decisive_response"]
    chance = decisive * p["west.demonstration_response"] if kind == 0 else decisive
    return np.where(involved, 1.0, chance)


def chain_never_refuses(self):
    """The chain step removed: orders go straight from the leader to the weapon."""


def leader_feels_no_pressure(self):
    return np.zeros(self.model.n_worlds)


def no_reservists_arrive(self, p, week):
    self.reservists = 0.0
    self.wave_arrived = False


def defeat_never_weakens_the_regime(self):
    return self.weakness


def china_shrugs_off_nuclear_use(self):
    """China.step with the collapse after nuclear use deleted."""
    p, model = self.model.p, self.model
    swing = (model.draw("china_noise") - 0.5) * np.sqrt(12) * p["china.volatility"]
    support = (self.support * (1 - p["china.decline"]) + swing
               - p["china.backlash"] * ladder.bombing_cities(model.rung))
    self.support = np.clip(support, 0.0, 1.0)


def officers_ignore_futility(model, worlds=None):
    drivers = original_drivers(model, worlds)
    return command_chain.RefusalDrivers(**{**drivers.__dict__,
                                           "futility": np.ones_like(drivers.futility)})


original_drivers = command_chain.RefusalDrivers.of


class _Unheard:
    """This week's crises as one actor hears them with one kind deleted (never arrives)."""

    def __init__(self, crises, channel):
        self._crises, self._channel = crises, channel

    def arrived(self, kind, side):
        return np.False_ if (kind, side) == self._channel else self._crises.arrived(kind, side)

    def size(self, kind, side):
        return np.float32(0) if (kind, side) == self._channel else self._crises.size(kind, side)

    def hits(self, kind, side):
        if (kind, side) == self._channel:
            return np.zeros(0, np.intp), np.zeros(0, np.float32)
        return self._crises.hits(kind, side)

    def __getattr__(self, name):
        return getattr(self._crises, name)


def deaf(owner, method, kind, side):
    """A patch of ``owner.method`` under which that actor's mechanism for a crisis of
    ``kind`` by ``side`` is deleted: the method runs as written but never hears of one."""
    original = getattr(owner, method)

    def unhearing(self, *args):
        model = self.model
        crises = model.crises
        model.crises = _Unheard(crises, (kind, side))
        try:
            return original(self, *args)
        finally:
            model.crises = crises
    return owner, method, unhearing


def leader_ignores_attacks_on_russia(self):
    """Leader.feel_desperation with the homeland term (and its weight) deleted."""
    p, model = self.model.p, self.model
    battlefield = model.battlefield
    weights = [p[f"leader.weight_{k}"] for k in ("territory", "crimea", "donbass", "weakness")]
    terms = [battlefield.defeat, battlefield.crimea_threat, battlefield.donbass_failure,
             model.domestic.weakness]
    total = sum(weights)
    weighted = sum(w * term for w, term in zip(weights, terms, strict=True))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, weighted / total, 0.0)

# (mutation, (owner, attribute, replacement), the check or mechanism that must catch it)
MUTATIONS = [
    ("West: a demonstration answered like a strike",
     (West, "response_chance", west_answers_a_demonstration_like_a_strike),
     "claim:reporting-remote-consequences"),
    ("West: never answers nuclear use", (West, "response_chance", west_never_answers),
     "claim:hodges-painful-decisive"),
    ("accidents only escalate", (Accidents, "step", accidents_only_escalate),
     "mechanism:an accident may calm the war too"),
    # Since bluffs break with desperation, the Crimea term of desperation alone carries
    # Alperovitch's Kharkiv-pace check past 50%; the line's own effect catches the deletion.
    ("leader: the Crimea gate deleted", (Leader, "crimea_gate", no_crimea_gate),
     "mechanism:the Crimea line opens the gate"),
    ("leader: a bluff never breaks", (Leader, "bluff_breaks", bluff_never_breaks),
     "mechanism:desperation breaks a bluff"),
    ("West: a fresh answer at every use", (West, "response_chance", west_redraws_at_every_use),
     "actor:test_the_west_decides_once_per_crisis_and_the_next_weeks_chances_follow"),
    ("command chain: the step removed", (CommandLayer, "step", chain_never_refuses),
     "claim:kemp-someone-stops"),
    ("command chain: futility ignored",
     (command_chain.RefusalDrivers, "of", staticmethod(officers_ignore_futility)),
     "claim:hodges-what-advantage"),
    # Not claim:reporting-cannot-ignore since 0.5.0: with no desperation, drawn offensives
    # and broken lines still open the Crimea gate (2.7% use).
    ("leader: feels no desperation", (Leader, "feel_desperation", leader_feels_no_pressure),
     "mechanism:desperation pushes to double down"),
    ("battlefield: no reservist ever arrives",
     (battlefield_module.Battlefield, "_send_reservists", no_reservists_arrive),
     "claim:alperovitch-delay-loss"),
    ("domestic: defeat never weakens the regime",
     (Domestic, "regime_fragility", defeat_never_weakens_the_regime),
     "claim:alperovitch-ousted-history"),
    ("China: shrugs off nuclear use", (China, "step", china_shrugs_off_nuclear_use),
     "claim:kemp-china-collapse"),
    # Crises over time: each kind's mechanism deleted in the actor it belongs to.
    ("battlefield: a Ukrainian offensive adds no push",
     deaf(battlefield_module.Battlefield, "step", "offensive", "ukraine"),
     "crisis:test_a_ukrainian_offensive_gains_ground"),
    ("battlefield: a Russian offensive adds no push",
     deaf(battlefield_module.Battlefield, "step", "offensive", "russia"),
     "crisis:test_a_russian_offensive_takes_ground"),
    ("battlefield: a broken line takes no ground",
     deaf(battlefield_module.Battlefield, "step", "encirclement", "ukraine"),
     "crisis:test_a_broken_line_hands_over_southern_ground_that_week"),
    ("battlefield: an incursion holds no land",
     deaf(battlefield_module.Battlefield, "step", "incursion", "ukraine"),
     "crisis:test_an_incursion_holds_russian_land_that_russia_retakes"),
    ("battlefield: Russia never retakes its land at once",
     deaf(battlefield_module.Battlefield, "step", "incursion_end", "russia"),
     "crisis:test_the_end_of_an_incursion_leaves_ukraine_the_size_given"),
    ("battlefield: a deep strike stings nothing",
     deaf(battlefield_module.Battlefield, "step", "deep_strike", "ukraine"),
     "crisis:test_a_deep_strike_stings_and_is_counted"),
    ("battlefield: a new mobilisation calls up no one",
     deaf(battlefield_module.Battlefield, "step", "mobilisation", "russia"),
     "crisis:test_a_new_mobilisation_calls_up_reservists_and_brings_protest"),
    ("domestic: a new mobilisation brings no outcry",
     deaf(Domestic, "step", "mobilisation", "russia"),
     "crisis:test_a_new_mobilisation_calls_up_reservists_and_brings_protest"),
    ("domestic: an elite crisis costs the leader nothing",
     deaf(Domestic, "step", "elite_crisis", "russia"),
     "crisis:test_an_elite_crisis_weakens_the_leader_then_fades"),
    ("West: an escalation of aid adds no support", deaf(West, "step", "western_aid", "west"),
     "crisis:test_western_aid_raises_support"),
    ("leader: attacks on Russia itself add no desperation",
     (Leader, "feel_desperation", leader_ignores_attacks_on_russia),
     "crisis:test_attacks_on_russia_itself_add_to_desperation"),
    ("leader: a doctrine change moves no red line",
     deaf(Leader, "read_news", "doctrine", "russia"),
     "crisis:test_a_doctrine_change_lowers_the_red_line"),
    ("leader: talks pull nothing", deaf(Leader, "read_news", "talks", "both"),
     "crisis:test_talks_make_de_escalation_pay_while_they_run"),
    ("leader: a scheduled nuclear signal ignored",
     deaf(Leader, "read_news", "nuclear_signal", "russia"),
     "crisis:test_a_nuclear_signal_is_a_threat_not_a_use"),
    ("leader: a scheduled conventional step ignored",
     deaf(Leader, "read_news", "conventional_signal", "russia"),
     "crisis:test_a_conventional_signal_steps_up_a_rung"),
    ("crises: a yearly rate read as a monthly one",
     (crises_module, "WEEKS_PER_YEAR", crises_module.WEEKS_PER_YEAR / 12),
     "crisis:test_drawn_crises_arrive_at_their_yearly_rate"),
    ("crises: Ukraine's offensives in every month",
     (events, "CAMPAIGN_MONTHS", tuple(range(1, 13))),
     "crisis:test_ukrainian_offensives_arrive_only_in_may_to_october"),
]


def caught(catcher: str) -> tuple[bool, str]:
    """Whether the named check fails (or the mechanism test no longer sees its effect)."""
    kind, name = catcher.split(":", 1)
    if kind == "claim":
        result = claims.evaluate(claims.by_id()[name], runs=20_000, seed=1)
        return not result.passed, result.detail
    if kind in ("actor", "crisis"):  # an actor's own test, for a rule no run-level outcome
        # isolates, or a crisis's (test_crises.py: one kind against the same worlds without it)
        tests = importlib.import_module("test_actors" if kind == "actor" else "test_crises")
        try:
            getattr(tests, name)()
        except AssertionError as error:
            return True, str(error)[:200]
        return False, f"{name} passed"
    moved, diff = moves_its_outcome(name)
    return not moved, str(diff)


@pytest.mark.parametrize("mutation, patch, catcher", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_the_suite_catches_the_mutation(monkeypatch, mutation, patch, catcher):
    owner, attribute, replacement = patch
    monkeypatch.setattr(owner, attribute, replacement)
    failed, detail = caught(catcher)
    assert failed, f"{mutation}: {catcher} still passes ({detail})"


def test_every_actor_has_a_mutation():
    actors = {m[0].split(":")[0] for m in MUTATIONS}
    assert actors >= {"West", "leader", "command chain", "battlefield", "domestic", "China",
                      "crises"}
    assert any("accidents" in m[0] for m in MUTATIONS)
