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
from simulator.model import params
from simulator.model.labels import PARAMETERS, PERCENT, in_percent, shown_unit

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
