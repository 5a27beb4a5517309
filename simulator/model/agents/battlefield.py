"""Battlefield: a front that moves both ways, within the land there is to fight over."""

import numpy as np
from mesa import Agent

from simulator.model import ladder
from simulator.model.agents.subsets import in_worlds

UKRAINE_KM2 = 603_628
"""Ukraine's area within its 1991 borders, Crimea (27,000 km²) included."""
CRIMEA_AREA_KM2 = 27_000
NOVEMBER_2022_WEEK = 8
"""16 Nov 2022: Kherson retaken, the autumn offensives over."""
MAY_2023_WEEK = 35
"""24 May 2023: Bakhmut taken, the winter offensive over."""
END_2023_WEEK, END_2024_WEEK = 66, 118
"""The weeks of 31 Dec 2023 and 31 Dec 2024: the ground changed in calendar 2024."""
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

    The war goes on after the autumn: new offensives of either side (``Crises``) add to its
    push, which culminates as the first did; a broken line hands Ukraine southern ground at
    once; an incursion holds Russian land, which Russia retakes week by week; a deep strike
    stings like a defeat on Russia's own soil; a new mobilisation sends more waves.

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
        ukraine_push, russia_push: Each side's offensive pace at full strength this week
            (km²/week), before drag, support and luck; Russia's comes on top of its
            reservists' grind.
        russian_land_km2: Russian land (within Russia's pre-2014 borders) Ukraine holds.
        russian_land_peak_km2: The most of it Ukraine held at any week.
        strike_shock: 0-1 sting of recent long-range strikes on Russia, fading like a defeat.
        mobilised_total: Reservists called up so far (the first mobilisation's, plus later ones).
        donbass_taken: Whether Russia has completed its Donbass objective.
        tactical_used: Whether a tactical nuclear weapon has been used.
        territory_peak_km2: The largest net gain Ukraine held at any week.
        territory_nov2022_km2, territory_may2023_km2, territory_end2023_km2,
        territory_end2024_km2: The net gain at those checkpoints (NaN where the horizon ends
            before them).
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
        self.territory_end2023_km2 = np.full(n, np.nan, f)
        self.territory_end2024_km2 = np.full(n, np.nan, f)
        self.ukraine_push = np.broadcast_to(
            np.asarray(model.p["battlefield.momentum"], f), (n,)).copy()
        self.russia_push = np.zeros(n, f)
        self.russian_land_km2 = np.zeros(n, f)
        self.russian_land_peak_km2 = np.zeros(n, f)
        self.strike_shock = np.zeros(n, f)
        self.mobilised_total = np.broadcast_to(
            np.asarray(model.p["battlefield.mobilised_total"], f), (n,)).copy()
        self._land_held = self._struck = False

    @property
    def defeat(self) -> np.ndarray:
        """0-1 sense of defeat from recent losses, half-way at the territory scale."""
        return self.setback_km2 / (self.setback_km2
                                   + self.model.p["battlefield.territory_scale_km2"])

    @property
    def homeland(self) -> np.ndarray:
        """0-1 sense that Russia itself is attacked: its land held, its bases struck."""
        land = self.russian_land_km2
        held = land / (land + self.model.p["leader.homeland_scale_km2"])
        return 1 - (1 - held) * (1 - self.strike_shock)

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
        week, crises = model.week, model.crises
        self._mobilise(crises)
        self._send_reservists(p, week)
        fighting = model.rung > ladder.NEGOTIATION
        # A new offensive adds the pace that, culminating at the usual rate, takes its size
        # (an offensive that never culminates spreads its ground over a year).
        worlds, size = crises.hits("offensive", "ukraine")
        if worlds.size:
            self.ukraine_push[worlds] += size * in_worlds(np.maximum(
                p["battlefield.momentum_decay"], np.float32(1 / 52)), worlds)
        worlds, size = crises.hits("offensive", "russia")
        if worlds.size:
            self.russia_push[worlds] += size * in_worlds(
                p["battlefield.russian_offensive_decay"], worlds)

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
        pace = (self.ukraine_push * np.maximum(0.0, 1 - drag)
                * np.maximum(0.0, support_boost) * luck)
        # Ground is harder to take as the other side's remaining land shrinks: a soft bound.
        room = np.maximum(0.0, 1 - self.territory_km2 / held) * fighting
        self.ukraine_gain_km2 = pace * room
        # A broken line hands over its ground at once, all of it in the south.
        broken, ground = crises.hits("encirclement", "ukraine")
        if broken.size:
            self.ukraine_gain_km2[broken] = (pace[broken] + ground) * room[broken]
        ukraine_held = UKRAINE_KM2 - CRIMEA_AREA_KM2 - held
        # Russia's mobilised army grinds forward; luck can triple its pace, no more: it
        # had no force for a breakthrough in 2022-23 (modeller's bound).
        self.russia_gain_km2 = (
            (p["battlefield.russian_pressure"] * reservists / 100_000 + self.russia_push)
            * np.minimum(1 / luck, 3.0)
            * np.maximum(0.0, 1 + self.territory_km2 / ukraine_held) * fighting
        )
        self.ukraine_push *= 1 - p["battlefield.momentum_decay"]
        self.russia_push *= 1 - p["battlefield.russian_offensive_decay"]
        self.territory_km2 = np.clip(self.territory_km2 + self.weekly_gain_km2,
                                     -ukraine_held, held)
        forget = 1 / p["leader.memory_weeks"]
        self.setback_km2 = self.setback_km2 * (1 - forget) + np.maximum(self.weekly_gain_km2, 0)
        south_share = p["battlefield.south_share"]
        south = south_share * pace * room
        if broken.size:
            south[broken] = ((in_worlds(south_share, broken) * pace[broken] + ground)
                             * room[broken])
        self.south_km2 = np.maximum(0.0, self.south_km2 + south)
        self._strike_russia(p, crises, forget)
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
        checkpoint = _CHECKPOINTS.get(week)
        if checkpoint:
            setattr(self, checkpoint, self.territory_km2.copy())

    def _strike_russia(self, p, crises, forget):
        """Incursions hold Russian land, which Russia retakes; deep strikes sting, then fade."""
        taken, size = crises.hits("incursion", "ukraine")
        ended, left = crises.hits("incursion_end", "russia")
        self._land_held |= bool(taken.size or ended.size)
        if self._land_held:  # until the first incursion there is no land to retake
            land = self.russian_land_km2 * (1 - p["battlefield.incursion_retake"])
            land[taken] += size
            land[ended] = left
            self.russian_land_km2 = land
            self.russian_land_peak_km2 = np.maximum(self.russian_land_peak_km2, land)
        struck, shock = crises.hits("deep_strike", "ukraine")
        self._struck |= bool(struck.size)
        if self._struck:
            sting = self.strike_shock * (1 - forget)
            sting[struck] += shock
            self.strike_shock = np.minimum(1.0, sting)

    def _mobilise(self, crises):
        """A new mobilisation calls up more reservists, sent in waves like the first."""
        worlds, called = crises.hits("mobilisation", "russia")
        if worlds.size:
            self.mobilised_total[worlds] += called

    def _send_reservists(self, p, week: int):
        total = self.mobilised_total
        self.wave_arrived = (week > 0) & (week % p["battlefield.wave_interval_weeks"] == 0) & (
            self.reservists < total)
        self.reservists = np.where(self.wave_arrived,
                                   np.minimum(self.reservists + p["battlefield.wave_size"], total),
                                   self.reservists)


_CHECKPOINTS = {NOVEMBER_2022_WEEK: "territory_nov2022_km2", MAY_2023_WEEK: "territory_may2023_km2",
                END_2023_WEEK: "territory_end2023_km2", END_2024_WEEK: "territory_end2024_km2"}
