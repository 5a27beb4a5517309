"""Battlefield: Ukraine's advance, the reservist waves that slow it, Crimea and the Donbass."""

import numpy as np
from mesa import Agent

from simulator import ladder


class Battlefield(Agent):
    """The front line of every world.

    Ukraine gains ground each week from its Kharkiv momentum, which fades with time and
    is slowed a little by Russian reservists (arriving in waves of 20-30k, not 300k at
    once), by the top conventional rungs, and by a tactical strike. Western support
    speeds it up. The advance sets how threatened Crimea is and whether Russia's Donbass
    objective has failed.

    Attributes:
        territory_km2: Territory Ukraine has retaken since the mobilisation week.
        fortune: Log-factor on Ukraine's momentum; a random walk, so worlds drift apart
            the way real campaigns do (a breakthrough here, a stalled front there).
        weekly_gain_km2: Last week's gain.
        reservists: Reservists sent to the front so far (the same in every world).
        wave_arrived: Whether a wave reached the front this week.
        crimea_threat: 0 (Crimea safe) to 1 (Ukraine at the approaches to Crimea).
        crimea_threatened: Whether the threat ever reached the leader's nuclear threshold.
        donbass_taken: Whether Russia has completed its Donbass objective.
        donbass_failed: Whether the objective is past its deadline and not achieved.
        tactical_used: Whether a tactical nuclear weapon has been used.
    """

    def __init__(self, model):
        super().__init__(model)
        n = model.n_worlds
        self.territory_km2 = np.zeros(n)
        self.weekly_gain_km2 = np.zeros(n)
        self.fortune = np.zeros(n)
        self.reservists = 0
        self.wave_arrived = False
        self.crimea_threat = np.zeros(n)
        self.crimea_threatened = np.zeros(n, bool)
        self.donbass_taken = np.zeros(n, bool)
        self.donbass_failed = np.zeros(n, bool)
        self.tactical_used = np.zeros(n, bool)

    @property
    def defeat(self) -> np.ndarray:
        """0-1 sense of defeat from territory lost, half-way at the territory scale."""
        scale = self.model.p["battlefield.territory_scale_km2"]
        return self.territory_km2 / (self.territory_km2 + scale)

    def step(self):
        """Send the week's reservists, advance the front, update Crimea and the Donbass."""
        p, model = self.model.p, self.model
        week = model.week
        self.wave_arrived = (
            week > 0
            and week % p["battlefield.wave_interval_weeks"] == 0
            and self.reservists < p["battlefield.mobilised_total"]
        )
        if self.wave_arrived:
            self.reservists = min(
                self.reservists + p["battlefield.wave_size"], p["battlefield.mobilised_total"]
            )
        drag = (
            p["battlefield.reservist_drag"] * self.reservists / 100_000
            + p["battlefield.conventional_drag"] * (model.rung >= 4)
            + p["battlefield.nuclear_effect"] * self.tactical_used
        )
        support_boost = 1 + p["west.support_effect"] * (
            model.west.support - p["west.initial_support"]
        )
        momentum = p["battlefield.momentum"] * np.exp(-p["battlefield.momentum_decay"] * week)
        # Uniform draw -> step of unit variance; the walk's spread grows like sqrt(weeks).
        step = (model.draw("battle_noise") - 0.5) * np.sqrt(12)
        volatility = p["battlefield.volatility"]
        self.fortune += volatility * step - volatility**2 / 2  # keeps the mean factor at 1
        fighting = model.rung > ladder.NEGOTIATION
        self.weekly_gain_km2 = (
            momentum * np.maximum(0.0, 1 - drag) * np.maximum(0.0, support_boost)
            * np.exp(self.fortune) * fighting
        )
        self.territory_km2 += self.weekly_gain_km2
        self.crimea_threat = np.minimum(1.0, self.territory_km2 / p["battlefield.crimea_km2"])
        self.crimea_threatened |= self.crimea_threat >= p["leader.nuclear_threshold"]

        capture_hazard = p["battlefield.donbass_capture_rate"] * (1 - self.crimea_threat)
        self.donbass_taken |= fighting & (model.draw("donbass") < capture_hazard)
        deadline = p["battlefield.donbass_deadline_weeks"]
        self.donbass_failed = ~self.donbass_taken & (week >= deadline)
