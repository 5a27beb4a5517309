"""An axis's ticks written out in a language: the app's charts and the workshop board's.

Tick values and their texts are given explicitly (``tickvals``, ``ticktext``), because
Plotly's own formats write '20%' in every language and can show one label twice
("0%, 0%, 1%, 1%" for small probabilities).
"""

import numpy as np

from simulator.locales import formats

NICE_STEPS = (1, 2, 2.5, 5)
"""Tick spacings per power of ten: 0.1, 0.2, 0.25, 0.5, 1, 2, ..."""


def nice_step(span: float, ticks: int) -> float:
    """The smallest 'nice' spacing that puts at most ``ticks`` intervals on ``span``."""
    span = max(span, 1e-9)
    power = 10.0 ** np.floor(np.log10(span / ticks))
    for factor in (*NICE_STEPS, 10):
        if span / (factor * power) <= ticks:
            return factor * power
    return 10 * power


def decimals_for(step: float) -> int:
    """Decimals that show every multiple of ``step`` exactly (0 for whole numbers)."""
    for decimals in range(0, 7):
        if abs(round(step, decimals) - step) < 1e-9 * max(1.0, step):
            return decimals
    return 6


def linear(top: float, lang: str, *, percent: bool, bottom: float = 0.0, ticks: int = 5,
           pad: float = 0.04) -> dict:
    """Plotly axis settings for ``bottom..top`` in ``lang``: distinct, readable tick labels.

    The spacing adapts to the range and the labels carry as many decimals as the spacing
    needs. The range starts a little below ``bottom`` so a dot at 0 is drawn whole.
    """
    top = max(top, bottom + (0.001 if percent else 1.0))
    scale = 100.0 if percent else 1.0
    step = nice_step((top - bottom) * scale, ticks) / scale
    first = np.floor(bottom / step + 1e-9) * step
    last = np.ceil(top / step - 1e-9) * step
    values = [float(v) for v in np.round(np.arange(first, last + step / 2, step), 12)]
    decimals = decimals_for(step * scale)
    texts = [formats.percent(lang, v, decimals) if percent else formats.number(lang, v, decimals)
             for v in values]
    margin = pad * (last - first)
    return dict(tickmode="array", tickvals=values, ticktext=texts,
                range=[first - margin, last + margin])
