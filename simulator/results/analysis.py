"""Summaries with confidence intervals, paired comparisons and curves over weeks.

Everything here takes plain columns (numpy arrays keyed by outcome name), so it works
the same on an in-memory batch, a results folder read back, or a pandas frame.
"""

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass

import numpy as np

from simulator.errors import SimulatorError
from simulator.model import ladder


class _Stats:
    """scipy.stats, imported on first use.

    It costs most of a second, which a command that only lists parameters or prints its
    help should not pay.
    """

    def __getattr__(self, name):
        from scipy import stats as module

        return getattr(module, name)


stats = _Stats()

PROBABILITY_OUTCOMES = {
    "nuclear_order": "A nuclear order is given",
    "nuclear_use": "A nuclear weapon is used",
    "order_blocked": "The command chain refuses an order",
    "leader_ousted": "The leader is ousted",
    "nato_involved": "NATO becomes directly involved",
    "wider_war": "The war widens into a war with NATO",
    "war_ongoing": "The war is still on at the horizon",
    "crimea_threatened": "Crimea is threatened enough to open the nuclear gate",
    "donbass_taken": "Russia takes the Donbass",
}
MEAN_OUTCOMES = {
    "territory_km2": "Territory Ukraine retakes (km²)",
    "max_rung": "Highest rung reached",
    "nuclear_threats": "Nuclear bluffs (rhetoric without an order)",
    "orders": "Nuclear orders given",
    "orders_blocked": "Nuclear orders refused by the chain",
    "accidental_moves": "Accidental rung changes",
    "china_support": "China's support for Russia at the horizon",
    "west_support": "Western support for Ukraine at the horizon",
}
OUTCOMES = {**PROBABILITY_OUTCOMES, **MEAN_OUTCOMES}
Z95 = 1.959963984540054
"""scipy.stats.norm.ppf(0.975), written out so that importing this module does not load
scipy.stats (tests/running/test_engine.py checks the two agree)."""


@dataclass(frozen=True)
class Estimate:
    """A probability or a mean with its 95% confidence interval.

    Attributes:
        estimate: The point estimate.
        ci_low: Lower bound of the 95% interval.
        ci_high: Upper bound of the 95% interval.
        n: Number of worlds behind it.
    """

    estimate: float
    ci_low: float
    ci_high: float
    n: int

    def as_dict(self) -> dict:
        """Plain numbers, for JSON."""
        return asdict(self)

    def text(self, percent: bool = True) -> str:
        """'12.3% [11.8, 12.9]' for probabilities, '4,512 [4,480, 4,544]' for means."""
        if percent:
            return f"{self.estimate:.1%} [{self.ci_low:.1%}, {self.ci_high:.1%}]"
        spec = ",.0f" if abs(self.estimate) >= 100 else ".3g"
        return f"{self.estimate:{spec}} [{self.ci_low:{spec}}, {self.ci_high:{spec}}]"


def proportion(successes: int, n: int) -> Estimate:
    """Share of worlds with an event, with a Wilson 95% interval.

    With no event (or only events) the interval is the rule of three, [0, 3/n]: the
    honest statement that rare is not the same as never.
    """
    if n == 0:
        return Estimate(float("nan"), float("nan"), float("nan"), 0)
    if successes == 0:
        return Estimate(0.0, 0.0, min(1.0, 3 / n), n)
    if successes == n:
        return Estimate(1.0, max(0.0, 1 - 3 / n), 1.0, n)
    low, high = wilson(int(successes), int(n))
    return Estimate(successes / n, low, high, n)


def wilson(successes: int, n: int) -> tuple[float, float]:
    """Wilson 95% interval, 0 < successes < n.

    The formula of ``scipy.stats.binomtest(...).proportion_ci(method="wilson")``, term for
    term, so the bounds are the same to the bit (tests/running/test_engine.py checks it), without
    importing scipy.stats: that import is a third of a second of every command's start.
    """
    p = successes / n
    denom = 2 * (n + Z95**2)
    center = (2 * n * p + Z95**2) / denom
    delta = Z95 / denom * math.sqrt(4 * n * p * (1 - p) + Z95**2)
    return center - delta, center + delta


def mean(values: np.ndarray) -> Estimate:
    """Mean with a Student-t 95% interval."""
    values = np.asarray(values, dtype=np.float64)
    n = len(values)
    if n == 0:
        return Estimate(float("nan"), float("nan"), float("nan"), 0)
    centre = float(values.mean())
    if n == 1:
        return Estimate(centre, float("nan"), float("nan"), 1)
    from scipy.special import stdtrit  # what scipy.stats.t.ppf computes, at a tenth of the import

    half = stdtrit(n - 1, 0.975) * values.std(ddof=1) / np.sqrt(n)
    return Estimate(centre, centre - half, centre + half, n)


def estimate(columns: Mapping[str, np.ndarray], outcome: str,
             given: str | None = None) -> Estimate:
    """Estimate one outcome, optionally only over worlds where ``given`` happened."""
    if outcome not in OUTCOMES:
        raise SimulatorError(f"unknown outcome {outcome!r}; choose one of: {', '.join(OUTCOMES)}")
    values = np.asarray(columns[outcome])
    if given is not None:
        if given not in PROBABILITY_OUTCOMES:
            raise SimulatorError(
                f"'given' must be a yes/no outcome: {', '.join(PROBABILITY_OUTCOMES)}"
            )
        values = values[np.asarray(columns[given], bool)]
    if outcome in PROBABILITY_OUTCOMES:
        return proportion(int(values.sum()), len(values))
    return mean(values)


def summarize(columns: Mapping[str, np.ndarray]) -> dict[str, Estimate]:
    """Every outcome's estimate with its interval."""
    return {outcome: estimate(columns, outcome) for outcome in OUTCOMES}


@dataclass(frozen=True)
class Difference:
    """A paired difference ``a - b`` over the same worlds (common random numbers).

    Attributes:
        difference: Mean of the per-world differences.
        ci_low: Lower bound of its 95% interval.
        ci_high: Upper bound of its 95% interval.
        p_value: Exact McNemar test for yes/no outcomes, paired t-test for means.
        n: Number of pairs.
    """

    difference: float
    ci_low: float
    ci_high: float
    p_value: float
    n: int

    def as_dict(self) -> dict:
        """Plain numbers, for JSON."""
        return asdict(self)

    @property
    def p_text(self) -> str:
        """The p-value for people: below the smallest double it is not zero but tiny."""
        return "p<1e-300" if self.p_value < 1e-300 else f"p={self.p_value:.2g}"


def paired_difference(a: np.ndarray, b: np.ndarray, binary: bool) -> Difference:
    """Difference between two scenarios run on the same seed, world by world.

    Pairing removes the noise both share (same draws), so the interval is far narrower
    than for two independent batches.
    """
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    if a.shape != b.shape:
        raise SimulatorError("paired comparison needs the same worlds in both runs")
    d = a - b
    n = len(d)
    centre = float(d.mean())
    sd = d.std(ddof=1) if n > 1 else 0.0
    half = float(stats.t.ppf(0.975, n - 1) * sd / np.sqrt(n)) if n > 1 else float("nan")
    if binary:
        up, down = int((d > 0).sum()), int((d < 0).sum())
        p_value = 1.0 if up + down == 0 else float(stats.binomtest(up, up + down).pvalue)
    else:
        p_value = 1.0 if sd == 0 else float(stats.ttest_rel(a, b).pvalue)
    return Difference(centre, centre - half, centre + half, p_value, n)


def unpaired_difference(a: np.ndarray, b: np.ndarray) -> Difference:
    """Difference of means as if the two batches were independent (for contrast)."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    centre = float(a.mean() - b.mean())
    se = np.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))
    p_value = float(stats.ttest_ind(a, b, equal_var=False).pvalue) if se > 0 else 1.0
    return Difference(centre, centre - Z95 * se, centre + Z95 * se, p_value, len(a))


def compare_outcomes(a: Mapping, b: Mapping) -> dict[str, Difference]:
    """Paired difference of every outcome between two runs on the same seed."""
    return {
        name: paired_difference(a[name], b[name], binary=name in PROBABILITY_OUTCOMES)
        for name in OUTCOMES
    }


def rung_distribution(columns: Mapping[str, np.ndarray], column: str = "max_rung") -> np.ndarray:
    """Share of worlds whose highest (or final) rung is each rung of the ladder."""
    values = np.asarray(columns[column])
    return np.bincount(values, minlength=len(ladder.RUNGS)) / max(len(values), 1)


def blocked_layers(columns: Mapping[str, np.ndarray], layers: int) -> np.ndarray:
    """Share of worlds whose first refused order was stopped at each layer (1..layers)."""
    values = np.asarray(columns["blocked_layer"])
    return np.bincount(values, minlength=layers + 1)[1:] / max(len(values), 1)


def convergence(values: np.ndarray, points: int = 50) -> dict[str, np.ndarray]:
    """Running estimate of a yes/no outcome with its Wilson interval, vs worlds run."""
    values = np.asarray(values, bool)
    sizes = np.unique(np.geomspace(10, len(values), points).astype(int))
    hits = np.cumsum(values)[sizes - 1]
    estimates = [proportion(int(k), int(n)) for k, n in zip(hits, sizes, strict=True)]
    return {
        "worlds": sizes,
        "estimate": np.array([e.estimate for e in estimates]),
        "ci_low": np.array([e.ci_low for e in estimates]),
        "ci_high": np.array([e.ci_high for e in estimates]),
    }


def cumulative_incidence(counts: np.ndarray, runs: int) -> dict[str, np.ndarray]:
    """Probability that an event has happened by each week, with Wilson 95% intervals.

    Args:
        counts: Per week, worlds that have seen the event so far (cumulative counts, as in a
            batch's weekly table).
        runs: Number of worlds.
    """
    estimates = [proportion(int(k), runs) for k in np.asarray(counts)]
    return {
        "week": np.arange(1, len(estimates) + 1),
        "estimate": np.array([e.estimate for e in estimates]),
        "ci_low": np.array([e.ci_low for e in estimates]),
        "ci_high": np.array([e.ci_high for e in estimates]),
    }


def rung_quantiles(rung_shares: np.ndarray,
                   quantiles: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.95)) -> np.ndarray:
    """Per-week quantiles of the rung across worlds, shape (quantiles, weeks).

    Args:
        rung_shares: Shape (weeks, rungs): share of worlds on each rung each week.
        quantiles: Which quantiles (the fan chart's bands).
    """
    cumulative = np.cumsum(np.asarray(rung_shares), axis=1)
    return np.array([(cumulative < q - 1e-12).sum(axis=1) for q in quantiles])
