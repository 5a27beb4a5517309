"""Each actor's rule, checked on hand-set states of a small model."""

import numpy as np
import pytest

from simulator import ladder, params
from simulator.agents.leader import DEESCALATE, DOUBLE_DOWN, HOLD
from simulator.model import EscalationModel

N = 20_000


def model(n=N, seed=1, **overrides):
    """A model whose weekly draws are ready but that has not stepped yet."""
    return EscalationModel(params.validate(overrides), n_worlds=n, rng=seed)


def test_reservists_arrive_in_waves_up_to_the_mobilised_total():
    m = model(n=2, **{"battlefield.wave_size": 25_000, "battlefield.wave_interval_weeks": 2,
                      "battlefield.mobilised_total": 60_000})
    sent = []
    for _ in range(8):
        m.battlefield.step()
        sent.append(m.battlefield.reservists)
        m.week += 1
    assert sent == [0, 0, 25_000, 25_000, 50_000, 50_000, 60_000, 60_000]


def test_reservists_slow_ukraine_and_a_negotiated_peace_stops_the_front():
    slow = model(**{"battlefield.reservist_drag": 0.5})
    fast = model(**{"battlefield.reservist_drag": 0.0})
    for m in (slow, fast):
        m.battlefield.reservists = 200_000
        m.week = 1  # not a wave week
        m.rung[: N // 2] = ladder.NEGOTIATION
        m.battlefield.step()
    assert np.all(slow.battlefield.weekly_gain_km2[: N // 2] == 0)
    ratio = slow.battlefield.weekly_gain_km2[N // 2:] / fast.battlefield.weekly_gain_km2[N // 2:]
    assert np.allclose(ratio, 0.0)  # drag 0.5 per 100k x 200k = a halt
    assert np.all(fast.battlefield.weekly_gain_km2[N // 2:] > 0)


def test_crimea_threat_is_territory_over_the_crimea_distance():
    m = model(n=3, **{"battlefield.crimea_km2": 20_000, "battlefield.momentum": 0})
    m.battlefield.territory_km2[:] = [0, 10_000, 50_000]
    m.battlefield.step()
    assert m.battlefield.crimea_threat.tolist() == [0.0, 0.5, 1.0]
    assert m.battlefield.crimea_threatened.tolist() == [False, False, True]


def test_ouster_hazard_matches_its_rate():
    rate = 0.1
    m = model(**{"domestic.ouster_base_rate": rate, "domestic.ouster_weakness_rate": 0.0})
    m.domestic.step()
    expected = 1 - np.exp(-rate)
    assert abs(m.domestic.ousted.mean() - expected) < 4 * np.sqrt(expected * (1 - expected) / N)
    assert np.all(m.domestic.ousted_week[m.domestic.ousted] == 0)


def test_weakness_grows_with_refused_orders():
    m = model(n=2, **{"domestic.weakness_from_refusal": 0.2})
    m.leader.orders_refused[:] = [0, 2]
    m.domestic.step()
    assert m.domestic.weakness[1] - m.domestic.weakness[0] == pytest.approx(0.4)


def test_leader_picks_with_softmax_of_his_utilities():
    m = model(n=N, **{"leader.rationality": 2.0})
    m.rung[:] = 4
    m.drivers = type(m.drivers).of(m)
    m.leader.desperation = m.leader.feel_desperation()
    utilities = m.leader.utilities()
    m.leader.step()
    expected = np.exp(2.0 * utilities[:, 0])
    expected /= expected.sum()
    assert np.allclose(m.leader.option_probabilities[:, 0], expected)
    shares = np.bincount(m.leader.choice, minlength=3) / N
    assert np.all(np.abs(shares - expected) < 4 * np.sqrt(expected * (1 - expected) / N) + 1e-9)


def test_nuclear_rungs_need_the_gate_and_the_conventional_rungs_used_up():
    m = model(**{"leader.nuclear_threshold": 0.5, "leader.desperation_threshold": 1.0})
    m.rung[:] = ladder.TOP_CONVENTIONAL
    m.rung[: N // 2] = 5  # conventional rungs not yet used up
    m.battlefield.crimea_threat[:] = 0.0
    m.battlefield.crimea_threat[N // 4: N // 2] = 1.0
    m.battlefield.crimea_threat[3 * N // 4:] = 1.0
    m.drivers = type(m.drivers).of(m)
    m.leader.step()
    ordered_or_bluffed = m.order.issued | m.leader.bluffed
    assert not ordered_or_bluffed[: N // 2].any()  # below rung 6: climbs conventionally
    assert not ordered_or_bluffed[N // 2: 3 * N // 4].any()  # gate closed
    assert ordered_or_bluffed[3 * N // 4:].mean() > 0.2  # gate open at rung 6


def test_bluff_share_one_means_threats_but_never_an_order():
    m = model(**{"leader.bluff_share": 1.0, "leader.nuclear_threshold": 0.0})
    m.rung[:] = ladder.TOP_CONVENTIONAL
    m.drivers = type(m.drivers).of(m)
    m.leader.step()
    assert not m.order.issued.any()
    assert m.leader.threats.sum() > 0


def test_demonstration_share_sets_the_kind_of_first_order():
    m = model(**{"leader.bluff_share": 0.0, "leader.nuclear_threshold": 0.0,
                 "leader.demonstration_share": 0.3})
    m.rung[:] = ladder.TOP_CONVENTIONAL
    m.drivers = type(m.drivers).of(m)
    m.leader.step()
    targets = m.order.target[m.order.issued]
    share = (targets == ladder.DEMONSTRATION).mean()
    assert abs(share - 0.3) < 4 * np.sqrt(0.3 * 0.7 / len(targets))


def test_an_ousted_leaders_successor_de_escalates():
    m = model(n=100)
    m.domestic.ousted[:] = True
    m.drivers = type(m.drivers).of(m)
    m.leader.step()
    assert np.all(m.leader.choice == DEESCALATE)
    assert np.all(m.rung == ladder.START - 1)


def test_west_joins_after_tactical_use_with_the_decisive_response_probability():
    m = model(**{"west.decisive_response": 0.6})
    m.leader.used_this_week[:] = True
    m.order.target[:] = ladder.TACTICAL
    m.west.step()
    assert abs(m.west.nato_involved.mean() - 0.6) < 4 * np.sqrt(0.24 / N)


def test_west_support_backfires_when_cities_are_bombed():
    m = model(n=2, **{"west.backfire": 0.05})
    m.rung[:] = [4, 5]
    before = m.west.support.copy()
    m.west.step()
    assert (m.west.support - before).tolist() == pytest.approx([0.0, 0.05])


def test_china_support_declines_and_collapses_after_use():
    m = model(n=2, **{"china.decline": 0.1, "china.collapse_after_use": 0.5,
                      "china.initial_support": 0.5})
    m.leader.used_this_week[:] = [False, True]
    m.china.step()
    assert m.china.support.tolist() == pytest.approx([0.45, 0.225])


def test_accidents_never_cross_into_nuclear_rungs_or_end_the_war():
    m = model(**{"accidents.escalation": 0.1, "accidents.deescalation": 0.1})
    m.rung[:] = np.arange(N) % len(ladder.RUNGS)
    before = m.rung.copy()
    m.accidents.step()
    moved = m.rung != before
    assert moved.any()
    assert np.all(m.rung[before == ladder.TOP_CONVENTIONAL] <= ladder.TOP_CONVENTIONAL)
    assert not moved[before >= ladder.DEMONSTRATION].any()
    assert not moved[before == ladder.NEGOTIATION].any()
    assert np.all(m.rung[before == 1] >= 1)


def test_a_refused_order_bans_a_new_one_and_replaces_the_officer():
    m = model(n=4, **{"chain.base_refusal": 1.0, "chain.purge_weeks": 3,
                      "chain.purge_factor": 0.5, "chain.layers": 2})
    m.order.issue(np.array([True, True, False, False]), np.full(4, ladder.TACTICAL))
    for layer in m.chain:
        layer.step()
    m.leader.hear_verdict()
    assert m.leader.orders_refused.tolist() == [1, 1, 0, 0]
    assert m.leader.first_blocked_layer.tolist() == [1, 1, 0, 0]
    assert m.leader.order_ban_until.tolist() == [3, 3, 0, 0]
    assert m.chain[0].base_refusal.tolist() == [0.5, 0.5, 1.0, 1.0]
    assert m.chain[1].base_refusal.tolist() == [1.0, 1.0, 1.0, 1.0]
    assert not m.leader.nuclear_use.any()


def test_leader_options_are_hold_only_in_a_wider_war():
    m = model(n=10)
    m.rung[:] = ladder.WIDER_WAR
    m.drivers = type(m.drivers).of(m)
    m.leader.step()
    assert np.all(m.leader.choice == HOLD)
    assert not np.any(m.leader.choice == DOUBLE_DOWN)
