"""Plain-words labels of parameters and command layers in a language, for workshop/.

The English lives in ``simulator.model.labels`` (parameters) and the model's chain (layers),
the French in the catalogue (``simulator.locales``), shared with the app; workshop/ imports
nothing from app/, so that the report and the reveal run without Streamlit.
"""

import functools
import math
from typing import Any

from simulator import locales
from simulator.locales import formats
from simulator.locales.app_explore import ENGLISH as _APP_ENGLISH
from simulator.model import params
from simulator.model.labels import PARAMETERS, PERCENT, in_percent, shown_unit
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


@functools.cache  # pure in (name, lang): Explore draws 110 labels a run
def unit(name: str, lang: str = "en") -> str:
    """The unit students see parameter ``name`` in ('% a week', 'semaines'); '' for a scale."""
    english = shown_unit(name, params.SCHEMA[name].unit)
    if not english or english == PERCENT:
        return english
    return locales.translate(lang, "unit", english)


def _decimals(value: float, most: int) -> int:
    """Decimals ``value`` needs, at most ``most`` (0.05 -> 2, 1500 -> 0)."""
    text = f"{round(float(value), most):.{most}f}".rstrip("0")
    return len(text.partition(".")[2])


def _suffix(name: str, lang: str) -> str:
    """What follows a value's number: ' weeks', ' a week' after a percentage, '' for a scale."""
    words = unit(name, lang)
    if words.startswith(PERCENT):
        words = words[len(PERCENT):].strip()
    return f" {words}" if words else ""


def _number(name: str, value: float, lang: str, sign: bool = True) -> str:
    """One value without its unit's words: '15%' for a percentage ('15' without ``sign``)."""
    if in_percent(name, params.SCHEMA[name].unit):
        if not sign:
            return formats.number(lang, 100 * value, _decimals(100 * value, 2))
        return formats.percent(lang, value, _decimals(100 * value, 2))
    return formats.number(lang, value, _decimals(value, 4))


def shown_value(name: str, value: Any, lang: str = "en") -> str:
    """A value of parameter ``name`` as students see it: '15%', '12 weeks', '2.5'.

    A per-layer list shows each layer's value ('[5%; 8%]').
    """
    if isinstance(value, list | tuple):
        shown = "[" + "; ".join(_number(name, v, lang) for v in value) + "]"
    else:
        shown = _number(name, value, lang)
    return shown + _suffix(name, lang)


@functools.cache  # pure in (name, lang): Explore draws 110 labels a run
def range_text(name: str, lang: str = "en") -> str:
    """A parameter's range as students see it: '0–100%', '1–156 weeks', '0–10' (a scale)."""
    param = params.SCHEMA[name]
    return (f"{_number(name, param.low, lang, sign=False)}–{_number(name, param.high, lang)}"
            + _suffix(name, lang))


@functools.cache  # pure in (name, lang): Explore draws 110 labels a run
def label(name: str, lang: str = "en") -> str:
    """A slider's or a form's label: the name and the range in the unit students see."""
    return f"{parameter(name, lang)} ({range_text(name, lang)})"


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
