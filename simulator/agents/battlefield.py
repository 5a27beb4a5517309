"""Battlefield: a front that moves both ways, within the land there is to fight over."""

import numpy as np
from mesa import Agent

from simulator import ladder

UKRAINE_KM2 = 603_628
"""Ukraine's area within its 1991 borders, Crimea (27,000 km²) included."""
CRIMEA_AREA_KM2 = 27_000
NOVEMBER_2022_WEEK = 8
"""16 Nov 2022: Kherson retaken, the autumn offensives over."""
MAY_2023_WEEK = 35
"""24 May 2023: Bakhmut taken, the winter offensive over."""
UNIT_VARIANCE = np.float32(np.sqrt(12))
"""Scales a centred uniform draw to unit variance (a float32, so the week stays in float32)."""


class Battlefield(Agent):
    """The front line of every world.

    Each week Ukraine gains ground from an offensive that culminates (its momentum decays)
    and Russia takes ground with the reservists it has sent, who arrive in waves of 20-30k
    rather than 300k at once and also slow Ukraine a little. Both paces swing with a random
    walk of fortune. Ukraine can retake no more than Russia held, and Russia can take no
    more than Ukraine held. Only southern gains bring Ukraine towards Crimea; Russia's
    advances come in the Donbass, whose capture is complete once its net gain covers the
    part of the two oblasts Ukraine held in September 2022.

    Attributes:
        territory_km2: Ukraine's net gain since the mobilisation week (negative: Russia's).
        setback_km2: Russia's recent losses as the leader feels them: each week's net loss
            adds, and the sting fades over ``leader.memory_weeks``. It starts with the
            Kharkiv losses that prompted the mobilisation.
        south_km2: Ukraine's net gain on the southern front.
        fortune: Log-factor on Ukraine's pace against Russia's (a random walk, so worlds
            drift apart the way campaigns do: a breakthrough here, a stalled front there).
        ukraine_gain_km2, russia_gain_km2: Last week's gross gains of each side.
        offensive_intensity: 0-1, Ukraine's pace as a share of its week-0 pace.
        reservists: Reservists sent to the front so far (one number for every world, unless
            the worlds' wave parameters differ).
        wave_arrived: Whether a wave reached the front this week.
        crimea_threat: 0 (Crimea safe) to 1 (Ukraine at the approaches to Crimea).
        crimea_threatened: Whether the threat ever reached this world's leader's Crimea line.
        donbass_taken: Whether Russia has completed its Donbass objective.
        tactical_used: Whether a tactical nuclear weapon has been used.
        territory_peak_km2: The largest net gain Ukraine held at any week.
        territory_nov2022_km2, territory_may2023_km2: The net gain at those checkpoints
            (NaN where the horizon ends before them).
    """

    def __init__(self, model):
        super().__init__(model)
        n = model.n_worlds
        f = np.float32
        self.territory_km2 = np.zeros(n, f)
        self.setback_km2 = np.full(n, model.p["battlefield.kharkiv_losses_km2"], f)
        self.south_km2 = np.zeros(n, f)
        self.fortune = np.zeros(n, f)
        self.ukraine_gain_km2 = np.zeros(n, f)
        self.russia_gain_km2 = np.zeros(n, f)
        self.offensive_intensity = np.ones(n, f)
        self.reservists = 0
        self.wave_arrived = False
        self.crimea_threat = np.zeros(n, f)
        self.crimea_threatened = np.zeros(n, bool)
        self.donbass_taken = np.zeros(n, bool)
        self.tactical_used = np.zeros(n, bool)
        self.territory_peak_km2 = np.zeros(n, f)
        self.territory_nov2022_km2 = np.full(n, np.nan, f)
        self.territory_may2023_km2 = np.full(n, np.nan, f)

    @property
    def defeat(self) -> np.ndarray:
        """0-1 sense of defeat from recent losses, half-way at the territory scale."""
        return self.setback_km2 / (self.setback_km2
                                   + self.model.p["battlefield.territory_scale_km2"])

    @property
    def donbass_failure(self) -> np.ndarray:
        """1 while the Donbass objective (set in April 2022, already overdue) is not met."""
        return (~self.donbass_taken).astype(np.float32)

    @property
    def weekly_gain_km2(self) -> np.ndarray:
        """Last week's net change of the front, Ukraine's way positive."""
        return self.ukraine_gain_km2 - self.russia_gain_km2

    def step(self):
        """Send the week's reservists, move the front both ways, update Crimea and the Donbass."""
        p, model = self.model.p, self.model
        week = model.week
        self._send_reservists(p, week)
        fighting = model.rung > ladder.NEGOTIATION

        volatility = p["battlefield.volatility"]
        step = (model.draw("battle_noise") - 0.5) * UNIT_VARIANCE
        self.fortune += volatility * step
        luck = np.exp(self.fortune - (week + 1) * (volatility * volatility) / 2)  # mean factor 1

        reservists = np.asarray(self.reservists, np.float32)  # a count: one, or one per world
        drag = (
            p["battlefield.reservist_drag"] * reservists / 100_000
            + p["battlefield.conventional_drag"] * (model.rung >= ladder.INFRASTRUCTURE)
            + p["battlefield.nuclear_effect"] * self.tactical_used
        )
        support_boost = 1 + p["west.support_effect"] * (
            model.west.support - p["west.initial_support"]
        )
        held = p["battlefield.russia_held_km2"]
        # np.power, not **: the same rounding whether the decay is one number or one per world.
        pace = (p["battlefield.momentum"] * np.power(1 - p["battlefield.momentum_decay"], week)
                * np.maximum(0.0, 1 - drag) * np.maximum(0.0, support_boost) * luck)
        # Ground is harder to take as the other side's remaining land shrinks: a soft bound.
        self.ukraine_gain_km2 = pace * np.maximum(0.0, 1 - self.territory_km2 / held) * fighting
        ukraine_held = UKRAINE_KM2 - CRIMEA_AREA_KM2 - held
        # Russia's mobilised army grinds forward; luck can triple its pace, no more: it
        # had no force for a breakthrough in 2022-23 (modeller's bound).
        self.russia_gain_km2 = (
            p["battlefield.russian_pressure"] * reservists / 100_000
            * np.minimum(1 / luck, 3.0)
            * np.maximum(0.0, 1 + self.territory_km2 / ukraine_held) * fighting
        )
        self.territory_km2 = np.clip(self.territory_km2 + self.weekly_gain_km2,
                                     -ukraine_held, held)
        forget = 1 / p["leader.memory_weeks"]
        self.setback_km2 = self.setback_km2 * (1 - forget) + np.maximum(self.weekly_gain_km2, 0)
        self.south_km2 = np.maximum(
            0.0, self.south_km2 + p["battlefield.south_share"] * self.ukraine_gain_km2)
        momentum = p["battlefield.momentum"]
        with np.errstate(divide="ignore", invalid="ignore"):
            self.offensive_intensity = np.where(
                momentum > 0, np.minimum(1.0, self.ukraine_gain_km2 / momentum), 0.0)

        self.crimea_threat = np.minimum(1.0, self.south_km2 / p["battlefield.crimea_km2"])
        self.crimea_threatened |= self.crimea_threat >= model.leader.crimea_line
        # The objective is met when Russia's net gain covers what Ukraine held of the two
        # oblasts: the ledger decides, so no world takes the Donbass while Ukraine gains.
        self.donbass_taken |= self.territory_km2 <= -p["battlefield.donbass_remaining_km2"]

        self.territory_peak_km2 = np.maximum(self.territory_peak_km2, self.territory_km2)
        if week == NOVEMBER_2022_WEEK:
            self.territory_nov2022_km2 = self.territory_km2.copy()
        elif week == MAY_2023_WEEK:
            self.territory_may2023_km2 = self.territory_km2.copy()

    def _send_reservists(self, p, week: int):
        total = p["battlefield.mobilised_total"]
        self.wave_arrived = (week > 0) & (week % p["battlefield.wave_interval_weeks"] == 0) & (
            self.reservists < total)
        self.reservists = np.where(self.wave_arrived,
                                   np.minimum(self.reservists + p["battlefield.wave_size"], total),
                                   self.reservists)
