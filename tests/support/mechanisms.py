"""The mechanisms table and `moves_its_outcome`, shared by the mechanism and mutation tests."""

from simulator.model.scenario import load
from simulator.results import analysis
from simulator.running import engine

RUNS = 10_000


SEED = 21


# (mechanism, preset, parameter changes, outcome, expected sign of the paired change)
MECHANISMS = [
    # an erratic leader also stumbles down to negotiation, which ends the war
    ("logit choice: an erratic leader", "baseline", {"leader.rationality": 0.2}, "war_ongoing",
     -1),
    ("desperation pushes to double down", "baseline", {"leader.resolve": 0.0}, "max_rung", -1),
    ("backing down costs face", "baseline", {"leader.face_cost": 0.0}, "war_ongoing", -1),
    ("nuclear gate: Crimea", "crimea-offensive", {"leader.nuclear_threshold": 1.0,
                                                  "leader.desperation_threshold": 1.0},
     "nuclear_order", -1),
    ("bluff", "baseline", {"leader.bluff_share": 0.9}, "nuclear_order", -1),
    ("escalate to de-escalate", "crimea-offensive", {"leader.escalate_to_deescalate": 0.0},
     "nuclear_order", -1),
    ("anticipating the chain's refusal", "crimea-offensive", {"leader.anticipation": 10.0},
     "nuclear_order", -1),
    ("per-layer refusal", "crimea-offensive", {"chain.base_refusal": 0.3}, "nuclear_use", -1),
    ("refusal driver: futility", "crimea-offensive", {"chain.weight_futility": 3.0},
     "nuclear_use", -1),
    ("refusal driver: fear of the West", "crimea-offensive", {"chain.weight_fear_west": 3.0},
     "nuclear_use", -1),
    ("refusal driver: regime weakness", "crimea-offensive",
     {"chain.weight_regime_weakness": 3.0}, "nuclear_use", -1),
    ("refusal driver: Western influence", "crimea-offensive",
     {"chain.weight_western_influence": 3.0}, "nuclear_use", -1),
    ("refusal driver: illegitimacy", "baseline", {"chain.weight_illegitimacy": 3.0},
     "nuclear_use", -1),
    ("parallel units at the last layer", "crimea-offensive", {"chain.units": 1}, "nuclear_use",
     -1),
    ("reissue after a refusal", "crimea-offensive", {"chain.max_reissues": 0}, "nuclear_use",
     -1),
    ("a purged officer is more loyal", "crimea-offensive", {"chain.purge_loyalty": 5.0},
     "nuclear_use", +1),
    ("a demonstration looks less illegitimate to officers", "black-sea-demonstration",
     {"chain.demonstration_illegitimacy": 1.0}, "nuclear_use", -1),
    ("conventional moves left hold back a nuclear step", "baseline", {"leader.moves_left": 5.0},
     "nuclear_order", -1),
    ("a defeat's sting fades", "baseline", {"leader.memory_weeks": 104}, "nuclear_order", +1),
    ("the red line is uncertain", "baseline", {"leader.red_line_uncertainty": 0.0},
     "nuclear_order", -1),
    ("the cost of a tactical strike", "baseline", {"leader.cost_tactical": 6.0},
     "nuclear_order", -1),
    ("the air force is costly", "baseline", {"leader.cost_air_force": 0.0},
     "max_conventional_rung", +1),
    ("Russia's reservists take ground", "baseline", {"battlefield.russian_pressure": 0.0},
     "territory_km2", +1),
    ("only the south threatens Crimea", "crimea-offensive", {"battlefield.south_share": 0.2},
     "crimea_threatened", -1),
    ("Western support erodes", "baseline", {"west.fatigue": 0.05}, "west_support", -1),
    ("China's stance swings", "baseline", {"china.backlash": 0.05}, "china_support", -1),
    ("time to replace an officer", "crimea-offensive", {"chain.purge_weeks": 26}, "nuclear_use",
     -1),
    ("mobilisation waves slow Ukraine", "baseline", {"battlefield.wave_size": 0},
     "territory_km2", +1),
    ("conventional escalation slows Ukraine", "baseline", {"battlefield.conventional_drag": 0.5},
     "territory_km2", -1),
    ("a tactical strike slows Ukraine", "crimea-offensive", {"battlefield.nuclear_effect": 1.0},
     "territory_km2", -1),
    ("the Donbass objective", "baseline", {"battlefield.russian_pressure": 400},
     "donbass_taken", +1),
    ("the Crimea line opens the gate", "baseline", {"leader.nuclear_threshold": 0.3},
     "nuclear_use", +1),
    ("desperation breaks a bluff", "baseline", {"leader.bluff_firmness": 20}, "nuclear_use", -1),
    ("ouster hazard rises with weakness", "baseline", {"domestic.ouster_weakness_rate": 0.1},
     "leader_ousted", +1),
    ("a successor may end the war", "baseline", {"domestic.ouster_base_rate": 0.05,
                                                  "domestic.successor_ends_war": 1.0},
     "war_ongoing", -1),
    ("protest pulls towards peace", "baseline", {"leader.peace_pull": 10.0}, "max_rung", -1),
    ("the West's decisive response", "crimea-offensive", {"west.decisive_response": 1.0},
     "nato_involved", +1),
    ("wider war once NATO is in", "crimea-offensive", {"west.wider_war_rate": 0.2},
     "wider_war", +1),
    ("bombing cities backfires", "baseline", {"west.backfire": 0.0}, "west_support", -1),
    ("deterrence after a response", "demonstration-answered", {"west.deterrence": 10.0},
     "orders", -1),
    ("the expected response deters the leader", "baseline", {"west.deterrence": 10.0},
     "nuclear_order", -1),
    ("China's support collapses after use", "crimea-offensive",
     {"china.collapse_after_use": 0.0}, "china_support", +1),
    ("losing China holds the leader back", "baseline", {"china.restraint": 5.0},
     "nuclear_order", -1),
    ("accidents", "baseline", {"accidents.escalation": 0.0, "accidents.deescalation": 0.0},
     "accidental_moves", -1),
    ("an accident may calm the war too", "baseline", {"accidents.deescalation": 0.0},
     "max_rung", +1),
]


BY_NAME = {m[0]: m for m in MECHANISMS}


def scenario(name):
    """A preset, or a setting where deterrence can show: every first use is a demonstration
    that the West answers, with no deterrence to start from (so a second step happens)."""
    if name == "demonstration-answered":
        return load("crimea-offensive").with_overrides({
            "leader.demonstration_gain": 1.0, "leader.cost_demonstration": 0.0,
            "west.demonstration_response": 1.0, "west.decisive_response": 1.0,
            "west.deterrence": 0.0})
    return load(name)


def moves_its_outcome(mechanism: str, reference=None) -> tuple[bool, analysis.Difference]:
    """Whether the mechanism's change moves its outcome the expected way beyond noise."""
    _, preset, changes, outcome, sign = BY_NAME[mechanism]
    before = (reference or {}).get(preset)
    if before is None:
        before = engine.run(scenario(preset), RUNS, SEED, workers=1).columns
    changed = engine.run(scenario(preset).with_overrides(changes), RUNS, SEED,
                         workers=1).columns
    diff = analysis.paired_difference(changed[outcome], before[outcome],
                                      binary=outcome in analysis.PROBABILITY_OUTCOMES)
    return (diff.ci_low > 0 if sign > 0 else diff.ci_high < 0), diff

