"""Crises: the news of each week, drawn at each kind's rate or scheduled by the scenario."""

import numpy as np
from mesa import Agent

from simulator.model import events

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
        self._channel_index = {channel: i for i, channel in enumerate(channels)}
        # One row per channel: counted in one call a week, whatever arrived.
        self._count = np.zeros((len(channels), n), np.int16)
        self._first_week = np.full((len(channels), n), -1, np.int16)
        self.count = dict(zip(channels, self._count, strict=True))
        self.first_week = dict(zip(channels, self._first_week, strict=True))
        self._drawn_rows = np.array([self._channel_index[channel] for channel in events.DRAWN])
        self._scheduled: dict[int, dict[tuple[str, str], list]] = {}
        for event in p[events.EVENTS_KEY]:
            week = self._scheduled.setdefault(event.week, {})
            week.setdefault((event.kind, event.side), []).append(event.size)
        months = np.array([events.week_date(week).month for week in range(model.horizon)])
        in_season = np.isin(months, events.CAMPAIGN_MONTHS).astype(np.float32)
        # Per week, each drawn crisis's factor on its rate: 0 or 2 in and out of the
        # campaign months for seasonal ones (the same crises a year), 1 for the others.
        seasonal = np.array([side in events.KINDS[kind].seasonal for kind, side in events.DRAWN])
        season = np.where(seasonal, in_season[:, None] * np.float32(
            12 / len(events.CAMPAIGN_MONTHS)), np.float32(1)).astype(np.float32)
        # Each drawn crisis's weekly rate, shape (channels,) or, where worlds' rates differ,
        # (channels, worlds).
        rates = [np.asarray(p[events.KINDS[kind].rate(side)], np.float32) / WEEKS_PER_YEAR
                 for kind, side in events.DRAWN]
        rates = np.stack(np.broadcast_arrays(*rates)).astype(np.float32)
        # Per week, the cumulative chances that pick this week's crisis: worked out once per
        # distinct week (in or out of the campaign months), shared by the weeks alike.
        distinct: dict[bytes, np.ndarray] = {}
        self._bounds: list[np.ndarray] = []
        for factors in season:
            key = factors.tobytes()
            if key not in distinct:
                distinct[key] = _pick_bounds(rates, factors)
            self._bounds.append(distinct[key])
        self._means = [self._mean(kind, side) for kind, side in events.DRAWN]
        self._hits: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        self._all = np.arange(n)

    def hits(self, kind: str, side: str) -> tuple[np.ndarray, np.ndarray]:
        """This week's crises of ``kind`` by ``side``: the worlds (indices) and their sizes.

        Sparse, since a crisis reaches a few worlds a week: an actor updates those alone,
        with the same arithmetic as over every world.
        """
        return self._hits.get((kind, side), _NO_HITS)

    def arrived(self, kind: str, side: str) -> np.ndarray:
        """Where a crisis of ``kind`` by ``side`` arrived this week (bool per world)."""
        worlds, _ = self.hits(kind, side)
        arrived = np.zeros(self.model.n_worlds, bool)
        arrived[worlds] = True
        return arrived

    def size(self, kind: str, side: str) -> np.ndarray:
        """The size of this week's crisis of ``kind`` by ``side`` per world (0: none)."""
        worlds, sizes = self.hits(kind, side)
        size = np.zeros(self.model.n_worlds, np.float32)
        size[worlds] = sizes
        return size

    def news(self) -> dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]:
        """This week's crises: per (kind, side) that arrived somewhere, where and how big."""
        return {channel: (self.arrived(*channel), self.size(*channel)) for channel in self._hits}

    def _mean(self, kind: str, side: str) -> np.ndarray:
        """The mean size of a crisis (a number, or one per world; 0 for kinds with none)."""
        name = events.KINDS[kind].size(side)
        return np.asarray(self.model.p[name] if name else 0.0, np.float32)

    def step(self):
        """Draw this week's crises, add the scheduled ones, count them."""
        model = self.model
        week, n = model.week, model.n_worlds
        self._hits = {}
        bounds = self._bounds[week]
        pick = model.draw("crisis")
        hit = np.flatnonzero(pick < bounds[-1])
        if hit.size:
            if bounds.ndim == 1:
                which = np.searchsorted(bounds, pick[hit], side="right")
            else:
                which = (pick[hit] >= bounds[:, hit]).sum(axis=0)
            spread = -np.log1p(-model.draw("crisis_size")[hit])  # exponential, mean 1
            rows = self._drawn_rows[which]
            self._count[rows, hit] += 1
            first = self._first_week[rows, hit] < 0
            self._first_week[rows[first], hit[first]] = week
            # Worlds grouped by crisis (in world order within each): one slice per crisis.
            order = np.argsort(which.astype(np.uint8), kind="stable")  # a radix sort
            ends = np.searchsorted(which[order], np.arange(len(events.DRAWN) + 1))
            for index in np.flatnonzero(np.diff(ends)):
                chosen = order[ends[index]:ends[index + 1]]
                worlds, mean = hit[chosen], self._means[index]
                mean = mean[worlds] if mean.ndim else mean
                self._hits[events.DRAWN[index]] = worlds, (mean * spread[chosen]).astype(
                    np.float32)
        for channel, sizes in self._scheduled.get(week, {}).items():
            mean = self._mean(*channel)
            total = sum((np.float32(size) if size is not None else mean for size in sizes),
                        np.float32(0))
            # A scheduled event is the world's news that week: its size replaces a draw's,
            # and a world with both has had one crisis of the kind, not two.
            drawn, _ = self._hits.get(channel, _NO_HITS)
            self._hits[channel] = self._all, np.broadcast_to(total, (n,)).astype(np.float32)
            row = self._channel_index[channel]
            self._count[row] += 1
            self._count[row, drawn] -= 1
            self._first_week[row][self._first_week[row] < 0] = week


_NO_HITS = (np.zeros(0, np.intp), np.zeros(0, np.float32))


def _pick_bounds(rates: np.ndarray, factors: np.ndarray) -> np.ndarray:
    """Where one uniform falls to pick each drawn crisis, at most one a week (competing risks).

    ``rates``: each drawn crisis's weekly rate, shape (channels,) or (channels, worlds);
    ``factors``: the week's seasonal factor on each. Below the first bound the first crisis
    arrives, between the first and second the second, and so on; above the last, none.
    """
    rates = rates * (factors if rates.ndim == 1 else factors[:, None])
    return np.cumsum(-np.expm1(-rates), axis=0, dtype=np.float32)
