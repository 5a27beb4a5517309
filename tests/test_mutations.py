"""Mutation tests: break one mechanism at a time and require the suite to notice.

Each mutation rewrites one piece of an actor's behaviour (monkeypatched for the test only)
and names the claim check or mechanism test that must then fail. The same checks hold on
the unmutated model (test_claims.py, test_mechanisms.py), so a mutation that left them
passing would be a mechanism no test depends on.
"""

import numpy as np
import pytest
from test_mechanisms import moves_its_outcome

from simulator import claims, ladder
from simulator.agents import Accidents, China, CommandLayer, Domestic, Leader, West, command_chain
from simulator.agents import battlefield as battlefield_module


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
    model.rung += self.moved_this_week
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
    ("leader: feels no desperation", (Leader, "feel_desperation", leader_feels_no_pressure),
     "claim:reporting-cannot-ignore"),
    ("battlefield: no reservist ever arrives",
     (battlefield_module.Battlefield, "_send_reservists", no_reservists_arrive),
     "claim:alperovitch-delay-loss"),
    ("domestic: defeat never weakens the regime",
     (Domestic, "regime_fragility", defeat_never_weakens_the_regime),
     "claim:alperovitch-ousted-history"),
    ("China: shrugs off nuclear use", (China, "step", china_shrugs_off_nuclear_use),
     "claim:kemp-china-collapse"),
]


def caught(catcher: str) -> tuple[bool, str]:
    """Whether the named check fails (or the mechanism test no longer sees its effect)."""
    kind, name = catcher.split(":", 1)
    if kind == "claim":
        result = claims.evaluate(claims.by_id()[name], runs=20_000, seed=1)
        return not result.passed, result.detail
    if kind == "actor":  # an actor's own test, for a rule no run-level outcome isolates
        import test_actors
        try:
            getattr(test_actors, name)()
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
    assert actors >= {"West", "leader", "command chain", "battlefield", "domestic", "China"}
    assert any("accidents" in m[0] for m in MUTATIONS)
