"""Weights for a pooled view from the record: each view's share of the record's likelihood.

A view that gave what happened in the year (``record.ViewBacktest.joint``: every recorded
event holding in one world) a higher probability earns more weight; the weights are those
probabilities rescaled to sum to 1 (Bayesian model averaging with equal priors). The record
is one history, so the weights barely move from equal unless a view made it unlikely: the
shipped ``pooled-record`` preset says how much they moved. Only the record of the first
year is used, never the held-out years 2023-25 (``held_out``).
"""

from collections.abc import Mapping, Sequence

from simulator.evidence import record

RUNS = 20_000
"""Worlds per view for the shipped weights (the backtest's default)."""
SEED = 2022
"""Seed of the shipped weights (the backtest's default)."""


def from_backtests(views: Sequence[record.ViewBacktest]) -> dict[str, float]:
    """Each view's weight: its Jeffreys-smoothed P(the record), rescaled to sum to 1."""
    shares = {v.name: record.smoothed_share(v.joint.estimate * v.joint.n, v.joint.n)
              for v in views}
    total = sum(shares.values())
    return {name: share / total for name, share in shares.items()}


def spread_words(weights: Mapping[str, float]) -> str:
    """How far the weights are from equal, in words (for the preset and the CLI)."""
    equal = 1 / len(weights)
    largest = max(abs(w - equal) for w in weights.values())
    ratio = max(weights.values()) / min(weights.values())
    if ratio < 3:
        return (f"the weights barely differ from equal ({equal:.0%} each): at most "
                f"{largest * 100:.1f} points from it; the record is {ratio:.2f} times as likely "
                "under the best-supported view as under the least, a Bayes factor under 3, "
                "barely worth mentioning")
    return f"the best-supported view is {ratio:.1f} times as likely as the least"


def fit(views: Sequence, runs: int = RUNS, seed: int = SEED) -> dict[str, float]:
    """Weights of ``views`` (scenarios) from a fresh backtest on ``runs`` worlds."""
    return from_backtests(record.backtest(views, runs, seed))
