"""Plain-words labels of parameters and command layers, in English and French, for workshop/.

The tables themselves live in ``simulator.model.labels``, shared with the app; workshop/ imports
nothing from ui/, so that the report and the reveal run without Streamlit.
"""

import math
from typing import Any

from simulator.model.labels import LAYERS_FR, PARAMETERS  # noqa: F401 - re-exported

LANGUAGES = ("en", "fr")


def language(lang: str | None) -> str:
    """``lang`` if it is a known language, else English."""
    return lang if lang in LANGUAGES else "en"


def parameter(name: str, lang: str = "en") -> str:
    """A short plain-words label for a parameter (its dotted name if none is written yet)."""
    pair = PARAMETERS.get(name)
    return pair[LANGUAGES.index(language(lang))] if pair else name


def layer(name: str, lang: str = "en") -> str:
    """A command layer's name; generic 'Layer k' names become 'Niveau k' in French."""
    if language(lang) != "fr":
        return name
    return LAYERS_FR.get(name, name.replace("Layer", "Niveau"))


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
