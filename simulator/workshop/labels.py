"""Plain-words labels of parameters and command layers in a language, for workshop/.

The English lives in ``simulator.model.labels`` (parameters) and the model's chain (layers),
the French in the catalogue (``simulator.locales``), shared with the app; workshop/ imports
nothing from app/, so that the report and the reveal run without Streamlit.
"""

import math
from typing import Any

from simulator import locales
from simulator.locales import formats
from simulator.locales.app_explore import ENGLISH as _APP_ENGLISH
from simulator.model.labels import PARAMETERS  # noqa: F401 - re-exported
from simulator.workshop.text import text as text_in

SHORT_NUMBER = _APP_ENGLISH["format.short_number"]
"""The app's template choosing a short number's form (plain or grouped) per language."""
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


def percent(p: float | None, lang: str = "en") -> str:
    """A probability as the app shows it: two decimals below 1%, else one; '–' for none.

    '12.5%' in English, '12,5 %' in French (``simulator.locales.formats``, as the app).
    """
    if p is None or math.isnan(p):
        return "–"
    return formats.percent(lang, p, 2 if 0 < abs(p) < 0.01 else 1)


def points(d: float | None, unit: str = " pts", lang: str = "en") -> str:
    """A difference of probabilities in signed percentage points; '–' for none."""
    if d is None or math.isnan(d):
        return "–"
    return formats.number(lang, 100 * d, 2 if abs(d) < 0.01 else 1, sign=True) + unit


def count(n: int, lang: str = "en") -> str:
    """A count of worlds with the language's thousands separator: '1,000', '1 000'."""
    return formats.number(lang, n)


def scalar(value: Any) -> float:
    """A parameter value as one number (a per-layer list counts as its mean, as its slider)."""
    if isinstance(value, list | tuple):
        return float(sum(value) / len(value))
    return float(value)


def number(value: float, lang: str = "en", digits: str = "g") -> str:
    """A value as short as ``format(value, digits)`` writes it: '1500', '0.8' ('1 500', '0,8').

    As the app's ``widgets.number_text``: the catalogue's ``format.short_number`` says whether
    a language groups thousands (English does not: analysts type these values into links).
    """
    plain = format(value, digits)
    if "e" in plain:
        plain = f"{value:.12f}".rstrip("0").rstrip(".")
    grouped = formats.number(lang, float(plain), len(plain.partition(".")[2]))
    return locales.translate(lang, "format.short_number", SHORT_NUMBER).format(
        plain=plain, grouped=grouped)


def value_text(value: Any, lang: str = "en") -> str:
    """A parameter value as text; a per-layer list as its mean, marked 'mean'."""
    if isinstance(value, list | tuple):
        return text_in(lang, "mean_of", value=number(scalar(value), lang, ".3g"), n=len(value))
    return number(value, lang)


def published(point: float, low: float, high: float, lang: str = "en") -> str:
    """A forecast as published, as precise as it was: '9% (range 5–20%)', '16 %'."""
    def decimals(p: float) -> int:
        return len(f"{100 * p:g}".partition(".")[2])

    shown = formats.percent(lang, point, decimals(point))
    if low == high:
        return shown
    return text_in(lang, "reference_figure", point=shown,
                   low=formats.number(lang, 100 * low, decimals(low)),
                   high=formats.percent(lang, high, decimals(high)))
