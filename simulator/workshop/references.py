"""The forecasts of the time (``results.REFERENCES``) in a language: dates, figures, questions.

The board, the charts and the report word them alike.

Apart from ``results`` so that the reveal's module stays about running scenarios; the
questions' French is the record's, in the catalogue (``forecast.question.<id>``), shared with
the Calibration page.
"""

from simulator import locales
from simulator.locales import formats
from simulator.workshop.labels import published
from simulator.workshop.results import Reference


def when(reference: Reference, lang: str = "en") -> str:
    """'3 Oct 2022 → 3 Oct 2023' ('3 oct. 2022 → 3 oct. 2023'): made, then closes."""
    forecast = reference.forecast
    if forecast is None:
        return reference.date + (f" → {reference.horizon}" if reference.horizon else "")
    closes = f" → {formats.day(lang, forecast.horizon)}" if forecast.horizon else ""
    return formats.day(lang, forecast.made) + closes


def source(reference: Reference, lang: str = "en") -> str:
    """Who published it, in ``lang`` ('Renseignement américain (selon Bob Woodward)')."""
    return locales.translate(lang, "forecaster", reference.source)


def label(reference: Reference, lang: str = "en") -> str:
    """Source, date and horizon (``Reference.label``) with the dates in ``lang``."""
    return f"{source(reference, lang)}, {when(reference, lang)}"


def question(reference: Reference, lang: str = "en") -> str:
    """What was forecast, in ``lang`` (the English if it has no translation yet)."""
    if reference.forecast is None:
        return reference.question
    return locales.translate(lang, f"forecast.question.{reference.forecast.id}",
                             reference.question)


def figure(reference: Reference, lang: str = "en") -> str:
    """The forecast as published: '9% (range 5–20%)', '9 % (fourchette 5–20 %)'."""
    return published(reference.point, reference.low, reference.high, lang)
