"""Each actor's rule, checked on hand-set states of a small model."""

import numpy as np
import pytest

from simulator.model import ladder, params
from simulator.model.agents.battlefield import CRIMEA_AREA_KM2, UKRAINE_KM2
from simulator.model.agents.command_chain import DEMONSTRATION, TACTICAL
from simulator.model.agents.leader import (
    CONVENTIONAL,
    DEESCALATE,
    DEMONSTRATE,
    HOLD,
    OPTIONS,
    STRIKE,
)
from simulator.model.world import EscalationModel

N = 20_000


def model(n=N, seed=1, **overrides):
    """A model whose weekly draws are ready but that has not stepped yet."""
    return EscalationModel(params.validate(overrides), n_worlds=n, rng=seed)


def open_gate(m):
    """Every world's nuclear options open (red line at zero)."""
    m.leader.red_line[:] = 0.0


def test_reservists_arrive_in_waves_up_to_the_mobilised_total():
    m = model(n=2, **{"battlefield.wave_size": 25_000, "battlefield.wave_interval_weeks": 2,
                      "battlefield.mobilised_total": 60_000})
    sent = []
    for _ in range(8):
        m.battlefield.step()
        sent.append(np.broadcast_to(m.battlefield.reservists, (2,)).tolist())  # per world
        m.week += 1
    assert sent == [[v, v] for v in (0, 0, 25_000, 25_000, 50_000, 50_000, 60_000, 60_000)]


def test_reservists_slow_ukraine_and_a_negotiated_peace_stops_the_front():
    slow = model(**{"battlefield.reservist_drag": 0.5})
    fast = model(**{"battlefield.reservist_drag": 0.0})
    for m in (slow, fast):
        m.battlefield.reservists = 200_000
        m.week = 1  # not a wave week
        m.rung[: N // 2] = ladder.NEGOTIATION
        m.battlefield.step()
    for m in (slow, fast):
        assert np.all(m.battlefield.weekly_gain_km2[: N // 2] == 0)
    assert np.allclose(slow.battlefield.ukraine_gain_km2[N // 2:], 0.0)  # 0.5 x 2 = a halt
    assert np.all(fast.battlefield.ukraine_gain_km2[N // 2:] > 0)


def test_russia_gains_ground_with_its_reservists_and_the_front_moves_both_ways():
    m = model(**{"battlefield.momentum": 400, "battlefield.russian_pressure": 50})
    m.battlefield.reservists = 300_000
    m.week = 1
    m.battlefield.step()
    assert np.all(m.battlefield.russia_gain_km2 > 0)
    gains = m.battlefield.weekly_gain_km2
    assert (gains < 0).any() and (gains > 0).any()


def test_territory_stays_within_the_land_there_is_to_fight_over():
    held = 50_000
    m = model(n=1000, **{"battlefield.momentum": 5000, "battlefield.momentum_decay": 0.0,
                         "battlefield.volatility": 0.5, "battlefield.russia_held_km2": held,
                         "battlefield.russian_pressure": 1000, "horizon_weeks": 156})
    m.battlefield.reservists = 1_000_000
    lowest, highest = 0.0, 0.0
    for week in range(156):
        m.week = week
        m.battlefield.step()
        lowest = min(lowest, m.battlefield.territory_km2.min())
        highest = max(highest, m.battlefield.territory_km2.max())
    assert highest <= held
    assert lowest >= -(UKRAINE_KM2 - CRIMEA_AREA_KM2 - held)


def test_only_southern_gains_threaten_crimea():
    east = model(n=3, **{"battlefield.south_share": 0.0, "battlefield.crimea_km2": 1000})
    south = model(n=3, **{"battlefield.south_share": 1.0, "battlefield.crimea_km2": 1000})
    for m in (east, south):
        m.battlefield.step()
    assert np.all(east.battlefield.crimea_threat == 0)
    assert np.all(south.battlefield.crimea_threat > 0)
    assert np.allclose(south.battlefield.crimea_threat,
                       np.minimum(1, south.battlefield.ukraine_gain_km2 / 1000))


def test_the_sting_of_a_defeat_fades():
    m = model(n=2, **{"leader.memory_weeks": 4, "battlefield.momentum": 0,
                      "battlefield.russian_pressure": 0})
    start = m.battlefield.setback_km2.copy()
    m.battlefield.step()
    assert np.allclose(m.battlefield.setback_km2, start * 0.75)


def test_ouster_hazard_matches_its_rate():
    rate = 0.1
    m = model(**{"domestic.ouster_base_rate": rate, "domestic.ouster_weakness_rate": 0.0})
    m.domestic.step()
    expected = 1 - np.exp(-rate)
    assert abs(m.domestic.ousted.mean() - expected) < 4 * np.sqrt(expected * (1 - expected) / N)
    assert np.all(m.domestic.ousted_week[m.domestic.ousted] == 0)


def test_weakness_grows_with_refused_orders_and_defeat_only_adds_to_fragility():
    m = model(n=2, **{"domestic.weakness_from_refusal": 0.2})
    m.leader.orders_refused[:] = [0, 2]
    m.domestic.step()
    assert m.domestic.weakness[1] - m.domestic.weakness[0] == pytest.approx(0.4)
    assert np.all(m.domestic.fragility >= m.domestic.weakness)


@pytest.mark.parametrize("ends_war, expected", [(1.0, DEESCALATE), (0.0, None)])
def test_a_successor_ends_the_war_or_fights_on(ends_war, expected):
    m = model(n=2_000, **{"domestic.ouster_base_rate": 0.1,
                          "domestic.successor_ends_war": ends_war})
    m.domestic.ousted[:] = False
    m.domestic.step()
    ousted = m.domestic.ousted
    assert ousted.any()
    m.leader.step()
    if expected is None:
        assert not np.all(m.leader.choice[ousted] == DEESCALATE)
    else:
        assert np.all(m.leader.choice[ousted] == expected)


def test_leader_picks_with_softmax_of_his_utilities():
    m = model(n=N, **{"leader.rationality": 2.0})
    m.rung[:] = 4
    open_gate(m)
    m.leader.desperation = m.leader.feel_desperation()
    m.leader.assess()
    utilities = m.leader.utilities()
    m.leader.step()
    expected = np.exp(2.0 * utilities[:, 0])
    expected /= expected.sum()
    assert np.allclose(m.leader.option_probabilities[:, 0], expected)
    shares = np.bincount(m.leader.choice, minlength=len(OPTIONS)) / N
    assert np.all(np.abs(shares - expected) < 4 * np.sqrt(expected * (1 - expected) / N) + 1e-9)


def test_a_nuclear_step_is_open_from_any_rung_once_the_gate_opens():
    m = model(**{"leader.bluff_share": 0.0})
    m.rung[:] = ladder.ANNEXATION
    open_gate(m)
    m.leader.step()
    assert m.order.issued.any()
    closed = model(**{"leader.nuclear_threshold": 1.0, "leader.desperation_threshold": 1.0,
                      "leader.red_line_uncertainty": 0.0})
    closed.leader.step()
    assert not (closed.order.issued | closed.leader.bluffed).any()


def test_conventional_moves_left_hold_back_a_nuclear_step():
    low, top = model(), model()
    for m, rung in ((low, ladder.START), (top, ladder.TOP_CONVENTIONAL)):
        m.rung[:] = rung
        open_gate(m)
        m.leader.step()
    nuclear = slice(DEMONSTRATE, STRIKE + 1)
    assert (low.leader.option_probabilities[nuclear].sum(axis=0)
            < top.leader.option_probabilities[nuclear].sum(axis=0)).all()


def test_a_bluff_breaks_with_desperation_as_a_trait_not_a_weekly_coin():
    """Bluffers all: at desperation d a share d ** firmness of them has broken (orders)."""
    m = model(**{"leader.bluff_share": 1.0, "leader.bluff_firmness": 3.0})
    open_gate(m)
    m.leader.step()
    steps = m.leader.choice >= DEMONSTRATE
    assert m.leader.threats.sum() > 0 and m.order.issued.any()
    broken = m.leader.bluff_breaks(np.ones(N, bool))
    assert np.array_equal(m.order.issued, steps & broken)  # exactly the broken ones order
    share = np.power(m.leader.desperation, 3.0).mean()
    assert abs(broken.mean() - share) < 4 * np.sqrt(share * (1 - share) / N)
    # The breaking point is the world's own: the same desperation breaks the same bluffers.
    assert np.array_equal(m.leader.bluff_breaks(np.ones(N, bool)), broken)
    firm = model(**{"leader.bluff_share": 1.0, "leader.bluff_firmness": 20.0})
    open_gate(firm)
    firm.leader.step()
    assert firm.order.issued.mean() < m.order.issued.mean() / 10


def test_a_bluffing_leader_is_one_per_world_and_stops_bluffing_once_crimea_is_at_stake():
    m = model(**{"leader.bluff_share": 0.5})
    assert 0.4 < m.leader.bluffing.mean() < 0.6
    open_gate(m)
    m.leader.step()
    steps = m.leader.choice >= DEMONSTRATE
    assert steps.any()
    holding = m.leader.bluffing & ~m.leader.bluff_breaks(m.leader.bluffing)
    assert (m.leader.bluffed == (steps & holding)).all()
    assert not (m.order.issued & holding).any()
    crimea = model(**{"leader.bluff_share": 1.0, "leader.nuclear_threshold": 0.5})
    crimea.battlefield.crimea_threat[:] = 0.9
    crimea.leader.step()
    at_stake = crimea.leader.crimea_at_stake  # where 0.9 reaches the world's own Crimea line
    assert 0.5 < at_stake.mean() < 1 and np.array_equal(at_stake, crimea.leader.crimea_line <= 0.9)
    assert crimea.order.issued.any() and not (crimea.leader.bluffed & at_stake).any()


def test_a_cheap_persuasive_demonstration_is_chosen_over_a_strike():
    m = model(**{"leader.bluff_share": 0.0, "leader.demonstration_gain": 1.0,
                 "leader.cost_demonstration": 0.0})
    open_gate(m)
    m.leader.step()
    kinds = m.order.kind[m.order.issued]
    assert (kinds == DEMONSTRATION).mean() > 0.9


def test_the_leader_gives_up_ordering_after_his_reissues_run_out():
    m = model(**{"chain.max_reissues": 1})
    open_gate(m)
    m.leader.orders_refused[:] = 2
    m.leader.step()
    assert not m.leader.gate_open.any()


def test_west_joins_after_tactical_use_with_the_decisive_response_probability():
    m = model(**{"west.decisive_response": 0.6})
    m.leader.used_this_week[:] = True
    m.order.kind[:] = TACTICAL
    m.west.step()
    assert abs(m.west.nato_involved.mean() - 0.6) < 4 * np.sqrt(0.24 / N)


def test_the_west_decides_once_per_crisis_and_the_next_weeks_chances_follow():
    """Worked out once a week, the chance follows the decision: certain where NATO joined,
    none for a repeat of a use the West chose not to answer, a new decision for a graver one."""
    m = model(**{"west.decisive_response": 0.6, "west.demonstration_response": 0.5})
    assert np.all(m.west.response_chance(TACTICAL) == np.float32(0.6))
    m.leader.used_this_week[:] = True
    m.order.kind[:] = TACTICAL
    m.west.step()
    m.week += 1
    involved = m.west.nato_involved.copy()
    assert abs(involved.mean() - 0.6) < 0.02
    assert np.all(m.west.response_chance(TACTICAL) == np.where(involved, 1, 0).astype(np.float32))
    assert np.all(m.west.response_chance(DEMONSTRATION)
                  == np.where(involved, 1, 0.3).astype(np.float32))
    m.west.step()  # a second tactical use: no new decision, so no new involvement
    assert np.array_equal(m.west.nato_involved, involved)


def test_west_support_backfires_when_cities_are_bombed_and_erodes_otherwise():
    m = model(n=2, **{"west.backfire": 0.05, "west.fatigue": 0.1})
    m.rung[:] = [4, 5]
    before = m.west.support.copy()
    m.west.step()
    assert (m.west.support - before).tolist() == pytest.approx([-0.06, -0.01])


def test_china_support_moves_with_events_and_collapses_after_use():
    m = model(**{"china.volatility": 0.05, "china.collapse_after_use": 0.5})
    m.leader.used_this_week[: N // 2] = True
    m.china.step()
    support = m.china.support
    assert support[N // 2:].std() > 0.01  # not deterministic without use
    assert support[: N // 2].mean() < 0.6 * support[N // 2:].mean()


def test_accidents_never_cross_into_nuclear_rungs_or_end_the_war():
    m = model(**{"accidents.escalation": 0.1, "accidents.deescalation": 0.1})
    m.rung[:] = np.arange(N) % len(ladder.RUNGS)
    before = m.rung.copy()
    m.accidents.step()
    moved = m.rung != before
    assert (m.rung > before).any() and (m.rung < before).any()
    assert np.all(m.rung[before == ladder.TOP_CONVENTIONAL] <= ladder.TOP_CONVENTIONAL)
    assert not moved[before >= ladder.DEMONSTRATION].any()
    assert not moved[before == ladder.NEGOTIATION].any()
    assert np.all(m.rung[before == 1] >= 1)


def test_a_refused_order_bans_a_new_one_and_replaces_the_officer():
    m = model(n=4, **{"chain.base_refusal": 1.0, "chain.purge_weeks": 3, "chain.layers": 2})
    m.order.issue(np.array([True, True, False, False]), np.full(4, TACTICAL))
    m.leader.assess()
    for layer in m.chain:
        layer.step()
    m.leader.hear_verdict()
    assert m.leader.orders_refused.tolist() == [1, 1, 0, 0]
    assert m.leader.first_blocked_layer.tolist() == [1, 1, 0, 0]
    assert m.leader.order_ban_until.tolist() == [3, 3, 0, 0]
    assert m.chain[0].purges.tolist() == [1, 1, 0, 0]
    assert m.chain[1].purges.tolist() == [0, 0, 0, 0]
    assert not m.leader.nuclear_use.any()


def test_leader_options_are_hold_only_in_a_wider_war():
    m = model(n=10)
    m.rung[:] = ladder.WIDER_WAR
    open_gate(m)
    m.leader.step()
    assert np.all(m.leader.choice == HOLD)
    assert not np.any(m.leader.choice == CONVENTIONAL)


def test_no_world_takes_the_donbass_while_its_ledger_says_otherwise():
    """Week by week: the objective is met only where Russia's net gain covers the ground."""
    m = model(n=4_000, **{"battlefield.russian_pressure": 400})
    remaining = m.p["battlefield.donbass_remaining_km2"]
    taken_before = m.battlefield.donbass_taken.copy()
    while m.week < m.horizon:
        m.step()
        new = m.battlefield.donbass_taken & ~taken_before
        assert np.all(m.battlefield.territory_km2[new] <= -remaining)
        taken_before = m.battlefield.donbass_taken.copy()
    assert taken_before.any()  # the strong army does take it somewhere


def test_every_move_on_the_ladder_goes_through_the_position():
    """One writer: steps up or down, a floor (``at_least``) or a rung (``to``), in some worlds."""
    m = model(n=5)
    position = m.position
    position.move(by=np.array([-1, 0, 1, 1, 1], np.int8))
    assert m.rung.tolist() == [1, 2, 3, 3, 3]
    position.move(np.array([True, True, False, False, False]), at_least=ladder.ANNEXATION)
    assert m.rung.tolist() == [3, 3, 3, 3, 3]
    position.move(np.array([2, 4]), at_least=np.array([ladder.DEMONSTRATION, ladder.TACTICAL]))
    assert m.rung.tolist() == [3, 3, 7, 3, 8]
    position.move(np.array([False, False, False, True, False]), to=ladder.WIDER_WAR)
    assert m.rung.tolist() == [3, 3, 7, 9, 8]
    assert m.rung.dtype == np.int8
    with pytest.raises(AttributeError):
        m.rung = np.zeros(5, np.int8)  # the model's rung is read, never replaced
    position.end_week(week=0)
    assert m.max_rung.tolist() == [3, 3, 7, 9, 8]
    # Recorded at the end of the week: the worlds now on nuclear rungs keep the start's.
    assert m.max_conventional_rung.tolist() == [3, 3, 2, 2, 2]
    position.move(to=ladder.INFRASTRUCTURE)
    position.end_week(week=4)
    assert m.infrastructure_week.tolist() == [4] * 5


def test_the_utilities_read_the_chains_assessment_and_change_nothing():
    m = model(n=500)
    m.rung[:] = 4
    open_gate(m)
    m.leader.desperation = m.leader.feel_desperation()
    unassessed = m.leader.utilities()
    assert np.all(unassessed[DEMONSTRATE:] == -np.inf)  # no assessment: no nuclear option
    assert m.leader.drivers is None and m.drivers is None
    m.leader.assess()
    drivers, assessed = m.leader.drivers, [layer.assessed.copy() for layer in m.chain]
    first = m.leader.utilities()
    assert np.isfinite(first).all()
    assert np.array_equal(m.leader.utilities(), first)
    assert m.leader.drivers is drivers and m.drivers is drivers
    assert all(np.array_equal(layer.assessed, before)
               for layer, before in zip(m.chain, assessed, strict=True))
    assert np.array_equal(first[:DEMONSTRATE], unassessed[:DEMONSTRATE])
