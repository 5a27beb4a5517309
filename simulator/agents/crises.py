"""Crises: the news of each week, drawn at each kind's rate or scheduled by the scenario."""

import numpy as np
from mesa import Agent

from simulator import events

WEEKS_PER_YEAR = np.float32(365.25 / 7)


class Crises(Agent):
    """Which crisis arrives in which world this week, and how big it is.

    The actors own the mechanisms (``events.KINDS[kind].actor``: an offensive moves the
    battlefield, an elite crisis weakens the leader at home); this agent only brings the
    news, so every actor reads the same arrivals. A crisis arrives on its own at its yearly
    rate (a parameter of its actor), in the campaign months only for Ukraine's offensives;
    one uniform per world picks at most one such crisis a week (competing risks, so the
    rates keep their meaning), and a second sets its size, exponential around the kind's
    mean: most crises are small, a few large. A scheduled event arrives in every world in
    its week, with its own size or the mean.

    Attributes:
        count: Per (kind, side), how many have arrived so far in each world.
        first_week: Per (kind, side), the week of the first (-1 if none).
    """

    def __init__(self, model):
        super().__init__(model)
        p, n = model.p, model.n_worlds
        channels = [(kind.name, side) for kind in events.KINDS.values() for side in kind.sides]
        self.count = {channel: np.zeros(n, np.int16) for channel in channels}
        self.first_week = {channel: np.full(n, -1, np.int16) for channel in channels}
        self._scheduled: dict[int, dict[tuple[str, str], list]] = {}
        for event in p[events.EVENTS_KEY]:
            week = self._scheduled.setdefault(event.week, {})
            week.setdefault((event.kind, event.side), []).append(event.size)
        months = np.array([events.week_date(week).month for week in range(model.horizon)])
        in_season = np.isin(months, events.CAMPAIGN_MONTHS).astype(np.float32)
        # Per week, each drawn crisis's factor on its rate: 0 or 2 in and out of the
        # campaign months for seasonal ones (the same crises a year), 1 for the others.
        seasonal = np.array([side in events.KINDS[kind].seasonal for kind, side in events.DRAWN])
        self._season = np.where(seasonal, in_season[:, None] * np.float32(
            12 / len(events.CAMPAIGN_MONTHS)), np.float32(1)).astype(np.float32)
        # Each drawn crisis's weekly rate, shape (channels,) or, where worlds' rates differ,
        # (channels, worlds).
        rates = [np.asarray(p[events.KINDS[kind].rate(side)], np.float32) / WEEKS_PER_YEAR
                 for kind, side in events.DRAWN]
        self._rates = np.stack(np.broadcast_arrays(*rates)).astype(np.float32)
        self._arrived: dict = {}
        self._size: dict = {}

    def arrived(self, kind: str, side: str) -> np.ndarray:
        """Where a crisis of ``kind`` started by ``side`` arrived this week (bool per world)."""
        return self._arrived.get((kind, side), _NONE)

    def size(self, kind: str, side: str) -> np.ndarray:
        """The size of this week's crisis of ``kind`` by ``side`` (0 where none arrived)."""
        return self._size.get((kind, side), _ZERO)

    def news(self) -> dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]:
        """This week's crises: per (kind, side) that arrived somewhere, where and how big."""
        return {channel: (arrived.copy(), np.broadcast_to(self.size(*channel), arrived.shape).copy())
                for channel, arrived in self._arrived.items()}

    def _mean(self, kind: str, side: str) -> np.ndarray:
        """The mean size of a crisis (a number, or one per world; 0 for kinds with none)."""
        name = events.KINDS[kind].size(side)
        return np.asarray(self.model.p[name] if name else 0.0, np.float32)

    def step(self):
        """Draw this week's crises, add the scheduled ones, count them."""
        model, p = self.model, self.model.p
        week, n = model.week, model.n_worlds
        self._arrived, self._size = {}, {}
        season = self._season[week]
        rates = self._rates * (season if self._rates.ndim == 1 else season[:, None])
        bounds = np.cumsum(-np.expm1(-rates), axis=0, dtype=np.float32)
        pick = model.draw("crisis")
        hit = np.flatnonzero(pick < bounds[-1])
        if hit.size:
            if bounds.ndim == 1:
                which = np.searchsorted(bounds, pick[hit], side="right")
            else:
                which = (pick[hit] >= bounds[:, hit]).sum(axis=0)
            spread = -np.log1p(-model.draw("crisis_size")[hit])  # exponential, mean 1
            for index in np.unique(which):
                kind, side = events.DRAWN[index]
                worlds = hit[which == index]
                arrived = np.zeros(n, bool)
                arrived[worlds] = True
                mean = np.broadcast_to(self._mean(kind, side), (n,))
                size = np.zeros(n, np.float32)
                size[worlds] = mean[worlds] * spread[which == index]
                self._arrived[kind, side], self._size[kind, side] = arrived, size
        for channel, sizes in self._scheduled.get(week, {}).items():
            mean = self._mean(*channel)
            total = sum((np.float32(size) if size is not None else mean for size in sizes),
                        np.float32(0))
            # A scheduled event is the world's news that week: its size replaces a draw's.
            self._size[channel] = np.broadcast_to(total, (n,)).astype(np.float32)
            self._arrived[channel] = np.ones(n, bool)
        for channel, arrived in self._arrived.items():
            self.count[channel] += arrived
            first = arrived & (self.first_week[channel] < 0)
            self.first_week[channel][first] = week


_NONE = np.False_
_ZERO = np.float32(0)
