"""The plausible range of an outcome in plain words, rounded as honestly as it is known.

A student read "10.4%, 95% interval 9.8%-11.0%" as the model's precision, but that interval
is simulation noise only: where more worlds of the same assumptions would put the number.
What the experts' hedged words leave open (the presets' ranges) is far wider. Explore's
run draws those ranges (``compute.summarise(..., uncertainty=True)``), and this module says
what came out, plain words first: "About 18%; plausibly 9–26% given what we don't know
(the ranges of the assumptions); simulation noise ±0.6 points."

Rounding follows the widest interval shown: a number is never written more finely than
about a third of that interval's width (whole percent when the plausible range is several
points wide), and the noise, a half-width, to one decimal of a point. Without drawn ranges
the sentence says that the spread shown is simulation noise only, and why.
"""

import math

from simulator.app import i18n
from simulator.app.compute import RunSummary
from simulator.app.i18n import tr
from simulator.model import ranges
from simulator.results import analysis
from simulator.results.predictive import Predictive

MAX_DECIMALS = 2


def decimals(width: float) -> int:
    """Decimals of a percentage known to within ``width`` (a probability's interval width).

    The step shown is at most a third of the width: 0 decimals from 3 points up, 1 from
    0.3 points, 2 below.
    """
    if not width > 0:
        return MAX_DECIMALS
    return min(MAX_DECIMALS, max(0, math.ceil(-math.log10(100 * width / 3))))


def digits(estimate: float, width: float) -> int:
    """``decimals(width)``, with more (up to MAX_DECIMALS) for a chance that would read 0.

    One significant figure is known even when the interval is wide.
    """
    shown = decimals(width)
    while shown < MAX_DECIMALS and estimate > 0 and round(100 * estimate, shown) == 0:
        shown += 1
    return shown


def width(result: RunSummary, outcome: str = "nuclear_use") -> float:
    """The widest interval the page shows for ``outcome``: predictive if drawn, else noise."""
    found = predictive(result, outcome)
    if found is not None:
        return found.pi_high - found.pi_low
    est = result.estimates[outcome]
    return est.ci_high - est.ci_low


def predictive(result: RunSummary, outcome: str = "nuclear_use") -> Predictive | None:
    """``outcome``'s predictive interval, if the run drew ranges."""
    return (result.predictive or {}).get(outcome)


def value(result: RunSummary, outcome: str = "nuclear_use") -> str:
    """The estimate, rounded to what its widest interval allows: '18%' ('18 %' in French)."""
    estimate = result.estimates[outcome].estimate
    return i18n.fmt_percent(estimate, digits(estimate, width(result, outcome)))


def noise(estimate: analysis.Estimate) -> str:
    """The Monte Carlo interval's half-width in points: '0.6' (two decimals below 0.05)."""
    half = 100 * (estimate.ci_high - estimate.ci_low) / 2
    return i18n.fmt_number(half, 1 if round(half, 1) > 0 else 2)


def range_text(found: Predictive | None) -> str:
    """A predictive interval as '9–26%' ('9 à 26 %'), rounded as the headline.

    '–' for None: a run that drew no ranges has no plausible range beyond its noise.
    """
    if found is None:
        return "–"
    shown = digits(found.estimate.estimate, found.pi_high - found.pi_low)
    return tr("plausible.range", low=i18n.fmt_number(100 * found.pi_low, shown),
              high=i18n.fmt_number(100 * found.pi_high, shown))


def sentence(result: RunSummary, ranges_off: bool = False) -> str:
    """The headline in plain words: the estimate, its plausible range, the noise.

    Without drawn ranges it says the spread is simulation noise only, and why:
    ``ranges_off`` (the analyst switched them off), too few worlds for two blocks, or a
    setting whose assumptions have no ranges left.
    """
    est = result.estimates["nuclear_use"]
    found = predictive(result)
    if found is not None:
        return tr("plausible.sentence", p=value(result), range=range_text(found),
                  noise=noise(est))
    if ranges_off:
        reason = tr("plausible.reason_off")
    elif result.runs < 2 * ranges.BLOCK_WORLDS:
        reason = tr("plausible.reason_few", runs=i18n.number(result.runs))
    else:
        reason = tr("plausible.reason_none")
    return tr("plausible.noise_only", p=value(result), noise=noise(est), reason=reason)


def short(result: RunSummary, outcome: str) -> str | None:
    """Another outcome's line under its number: its plausible range and noise.

    None when the run drew no ranges: the caller shows the Monte Carlo interval as before.
    """
    found = predictive(result, outcome)
    if found is None:
        return None
    return tr("plausible.short", range=range_text(found),
              noise=noise(result.estimates[outcome]))


def details(result: RunSummary) -> str:
    """The technical names and exact bounds, for the headline's help (analysts)."""
    est = result.estimates["nuclear_use"]
    found = predictive(result)
    mc = tr("plausible.help_mc", low=i18n.fmt_percent(est.ci_low, 1),
            high=i18n.fmt_percent(est.ci_high, 1), estimate=i18n.fmt_percent(est.estimate, 1))
    if found is None:
        return mc
    parts = found.parts
    return "\n\n".join([mc, tr("plausible.help_pi", low=i18n.fmt_percent(found.pi_low, 1),
                               high=i18n.fmt_percent(found.pi_high, 1),
                               blocks=i18n.number(found.blocks),
                               worlds=i18n.number(found.block_worlds),
                               ranges=i18n.fmt_percent(min(parts["assumptions"], 1.0), 0),
                               simulation=i18n.fmt_percent(min(parts["simulation"], 1.0), 0))])
