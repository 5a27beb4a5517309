"""Plain-words labels of parameters and command layers in a language, for workshop/.

The English lives in ``simulator.model.labels`` (parameters) and the model's chain (layers),
the French in the catalogue (``simulator.locales``), shared with the app; workshop/ imports
nothing from app/, so that the report and the reveal run without Streamlit.
"""

import math
from typing import Any

from simulator import locales
from simulator.model.labels import PARAMETERS  # noqa: F401 - re-exported

LANGUAGES = locales.LANGUAGES
language = locales.language
"""``lang`` if it is a known language, else English."""


def parameter(name: str, lang: str = "en") -> str:
    """A short plain-words label for a parameter (its dotted name if none is written yet)."""
    english = PARAMETERS.get(name)
    return locales.translate(lang, f"parameter.{name}", english) if english else name


def layer(name: str, lang: str = "en") -> str:
    """A command layer's name; a numbered one ('Layer 6') keeps its number ('Niveau 6')."""
    base, _, number = name.rpartition(" ")
    if base and number.isdigit():
        return f"{layer(base, lang)} {number}"
    return locales.translate(lang, "layer", name)


def percent(p: float | None) -> str:
    """A probability as the app shows it: two decimals below 1%, else one; '–' for none."""
    if p is None or math.isnan(p):
        return "–"
    if 0 < abs(p) < 0.01:
        return f"{p:.2%}"
    return f"{p:.1%}"


def points(d: float | None, unit: str = " pts") -> str:
    """A difference of probabilities in signed percentage points; '–' for none."""
    if d is None or math.isnan(d):
        return "–"
    return f"{100 * d:+.2f}{unit}" if abs(d) < 0.01 else f"{100 * d:+.1f}{unit}"


def scalar(value: Any) -> float:
    """A parameter value as one number (a per-layer list counts as its mean, as its slider)."""
    if isinstance(value, list | tuple):
        return float(sum(value) / len(value))
    return float(value)


def value_text(value: Any) -> str:
    """A parameter value as text; a per-layer list as its mean, marked 'mean'."""
    if isinstance(value, list | tuple):
        return f"{scalar(value):.3g} (mean of {len(value)})"
    return f"{value:g}"
