"""The app's language: the session's choice, its texts (``tr``) and its number formats.

The English of every text is in the sources (simulator/locales/app_*.py for the pages, the
model's labels and files for their content); the French is in the gettext catalogue
(simulator/locales/fr/LC_MESSAGES/messages.po), read once by ``simulator.locales``. Numbers,
percentages and dates are formatted by Babel in the session's locale ('10 000', '7,6 %',
'3 oct. 2022' in French). Content files keep their French beside the English (a parameter's
``help_fr``, a preset's ``why_fr``, a claim's ``paraphrase_fr``); where one is missing the page
shows the English, labelled '(en anglais)' where a reader could mistake it for an omission.
"""

import functools
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import streamlit as st

from simulator import locales
from simulator.locales import app_explore, app_pages, app_timeline, app_war, formats
from simulator.model.labels import PARAMETERS
from simulator.workshop import labels as workshop_labels

LANGUAGES = locales.LANGUAGES
LANGUAGE_KEY = "lang"
"""Session-state key (and URL parameter) of the language switch."""

ENGLISH: dict[str, str] = {**app_explore.ENGLISH, **app_pages.ENGLISH,
                            **app_timeline.ENGLISH, **app_war.ENGLISH}
"""Key -> English text of every page (the catalogue's msgids, the key its msgctxt)."""
TEXT = locales.Texts(ENGLISH)
"""Language -> key -> unformatted text (``TEXT["fr"]["app.title"]``), for whole-table readers."""

_page_run = threading.local()
"""The language fixed for the page now running in this thread (`page_language`)."""


def language() -> str:
    """The language chosen in this session ('en' until the switch says otherwise)."""
    fixed = getattr(_page_run, "language", None)
    if fixed is not None:
        return fixed
    chosen = st.session_state.get(LANGUAGE_KEY, "en")
    return chosen if chosen in LANGUAGES else "en"


@contextmanager
def page_language() -> Iterator[None]:
    """Read the language once for a page's run, once the switch is drawn.

    Explore asks for it about 1,500 times a run (every label and number), and each read of
    the session state takes its lock: a few milliseconds of every slider move.
    """
    _page_run.language = language()
    try:
        yield
    finally:
        _page_run.language = None


# --- texts ---------------------------------------------------------------------------------

def has(key: str) -> bool:
    """Whether the pages have a text ``key``."""
    return key in ENGLISH


def text(key: str) -> str:
    """The UI text ``key`` in the current language, unformatted (a template)."""
    return locales.translate(language(), key, ENGLISH[key])


def tr(key: str, /, **values) -> str:
    """The UI text ``key`` in the current language, formatted with ``values``."""
    return text(key).format(**values)


def _label(prefix: str, name: str) -> str:
    """The text ``<prefix>.<name>``, or ``name`` itself if there is none."""
    key = f"{prefix}.{name}"
    return text(key) if key in ENGLISH else name


def english_passage(passage: str) -> str:
    """A passage shown in English: as is in English, after '(en anglais)' in French.

    The label runs to the end of its line (the French test skips what follows it there).
    """
    return tr("common.english_passage", text=passage)


def translated(source: Mapping[str, Any] | Any, field: str) -> str:
    """A content field in the current language (``<field>_fr`` beside it), else the English."""
    return locales.localized(source, field, language())


def content(source: Mapping[str, Any] | Any, field: str) -> str:
    """Like ``translated``, but an English fallback is labelled ('(en anglais)' in French)."""
    english = locales.localized(source, field, "en")
    shown = translated(source, field)
    return shown if shown != english else english_passage(english)


def actor(name: str) -> str:
    """The name of an actor group of sliders."""
    return _label("actor", name)


def parameter(name: str) -> str:
    """A short plain-words label for a parameter (its dotted name if none is written yet)."""
    return workshop_labels.parameter(name, language())


def parameter_label(name: str) -> str:
    """A parameter's name with its range in the unit students see: 'Resolve (0–10)'."""
    return workshop_labels.label(name, language())


def parameter_unit(name: str) -> str:
    """The unit students see a parameter in ('% a week', 'weeks'); '' for a plain scale."""
    return workshop_labels.unit(name, language())


def parameter_value(name: str, value) -> str:
    """A parameter's value as students see it: '15%', '12 weeks', '2.5'."""
    return workshop_labels.shown_value(name, value, language())


def outcome(name: str) -> str:
    """A short label for an outcome, e.g. 'P(nuclear use)'."""
    return _label("outcome", name)


def outcome_plain(name: str) -> str:
    """An outcome in words for a sentence ('nuclear use'); its label if none is written."""
    key = f"compare.outcome_plain.{name}"
    return tr(key) if key in ENGLISH else outcome(name)


def outcome_help(name: str, english: str) -> str:
    """An outcome's definition in the current language (``english``: the analysis module's)."""
    return locales.translate(language(), f"outcome_help.{name}", english)


def record_column(name: str) -> str:
    """Plain words for a per-world outcome a recorded event tests (its name if none)."""
    return _label("record_column", name)


def forecaster(name: str) -> str:
    """Who published a forecast of the record, as shown in the current language."""
    return locales.translate(language(), "forecaster", name)


def speaker(name: str) -> str:
    """A claim's speaker as shown in the current language."""
    return locales.translate(language(), "speaker", name)


def event(name: str) -> str:
    """A story event's name (the tags of ``story.Week.events``)."""
    return _label("story_event", name)


def rung(level: int, english: str) -> str:
    """A rung's label: ``english`` (from the ladder) in the current language."""
    return locales.translate(language(), f"rung.{level}", english)


def layer(name: str) -> str:
    """A command layer's name; generic 'Layer k' names become 'Niveau k' in French."""
    return workshop_labels.layer(name, language())


def unit(english: str) -> str:
    """A parameter's (or a crisis size's) unit in the current language."""
    return locales.translate(language(), "unit", english)


def preset_name(name: str, english: str) -> str:
    """What to call a preset (``english``: ``simulator.app.scenarios.short_name``)."""
    return locales.translate(language(), f"preset.name.{name}", english)


def why(provenance: Mapping[str, Any]) -> str:
    """A preset's reason for one of its values (its provenance's ``why``, ``why_fr``)."""
    return translated(provenance, "why")


def assumption(param) -> str:
    """Why the modeller chose a parameter's value, in the current language.

    The catalogue holds the French (keyed by the parameter); an English fallback is labelled.
    """
    english = param.assumption
    shown = locales.translate(language(), f"assumption.{param.name}", english)
    return shown if shown != english else english_passage(english)


def parameter_help(param) -> str:
    """A parameter's help sentence (``help``, ``help_fr`` of its schema entry)."""
    return translated(param, "help")


_IDS = re.compile(r"`?(?<![\w.])(" + "|".join(
    re.escape(name) for name in sorted(PARAMETERS, key=len, reverse=True) if "." in name)
    + r")(?![\w.])`?")


def plain_ids(passage: str) -> str:
    """Raw parameter ids (``chain.layers``, in a code span or not) as the language shows them.

    English keeps them, for analysts who type the ids; French shows the parameters' names.
    """
    return _IDS.sub(lambda match: tr("format.parameter_id", id=match.group(0),
                                     name=parameter(match.group(1))), passage)


# --- numbers and dates (Babel) --------------------------------------------------------------

def date(day, pattern: str = "d MMM y") -> str:
    """A date as '3 Oct 2022' (English) or '3 oct. 2022' (French); "MMM y": 'oct. 2022'."""
    return formats.day(language(), day, pattern)


def number(value: float) -> str:
    """A number with thousands separators and the decimals it needs ('14,390', '0.25')."""
    shown = f"{value:g}"
    if abs(value) >= 1e6:
        return fmt_number(value, 0)
    if "e" in shown:
        shown = f"{value:.12f}".rstrip("0").rstrip(".")
    return fmt_number(value, len(shown.partition(".")[2]))


def fmt_number(value: float, decimals: int = 0, sign: bool = False) -> str:
    """A number in the current language: '10,000' / '0.25' (en), '10 000' / '0,25' (fr).

    ``sign`` adds '+' to positives.
    """
    return formats.number(language(), value, decimals, sign)


def fmt_percent(p: float, decimals: int | None = None) -> str:
    """A probability as a percentage: '7.6%' (en), '7,6 %' (fr); two decimals below 1%."""
    if decimals is None:
        decimals = 2 if 0 < abs(p) < 0.01 else 1
    return formats.percent(language(), p, decimals)


def fmt_points(d: float) -> str:
    """A difference of probabilities in percentage points, signed: '+9.8 pts' / '+9,8 pts'."""
    return tr("compare.points", value=fmt_number(100 * d, 2 if abs(d) < 0.01 else 1,
                                                  sign=True))


def fmt_interval(low: str, high: str) -> str:
    """Two formatted bounds as an interval: '[1.2, 3.4]' (en), '[1,2 ; 3,4]' (fr)."""
    return tr("format.interval", low=low, high=high)


def fmt_estimate(name: str, estimate, probability: bool) -> str:
    """'7.1% [6.6%, 7.6%]' for a probability, '14,390 [14,253, 14,528]' for a mean."""
    if probability:
        return (f"{fmt_percent(estimate.estimate)} "
                + fmt_interval(fmt_percent(estimate.ci_low), fmt_percent(estimate.ci_high)))
    size = abs(estimate.estimate)
    decimals = 0 if size >= 100 else 1 if size >= 10 else 2
    return (f"{fmt_number(estimate.estimate, decimals)} "
            + fmt_interval(fmt_number(estimate.ci_low, decimals),
                           fmt_number(estimate.ci_high, decimals)))


def fmt_duration(seconds: float) -> str:
    """'12 s' or '3 min' (the same in both languages)."""
    if seconds < 90:
        return tr("sensitivity.seconds", n=max(1, round(seconds)))
    return tr("sensitivity.minutes", n=round(seconds / 60))


# --- the model's content: the story and the crises -------------------------------------------

@functools.cache
def _story_sentences(lang: str) -> dict[str, str]:
    from simulator.studies import story

    return {key: locales.translate(lang, f"story.{key}", english)
            for key, english in story.SENTENCES.items()}


def story_wording(lang: str | None = None):
    """How the One world story is told in ``lang`` (default: the session's language)."""
    from simulator.model import events, ladder
    from simulator.model.agents.leader import OPTIONS
    from simulator.studies import story

    lang = lang or language()
    return story.Wording(
        sentences=_story_sentences(lang),
        number=lambda value, decimals=0: formats.number(lang, value, decimals),
        percent=lambda p: formats.percent(lang, p, 1 if 0 < p < 0.01 else 0),
        date=lambda day: formats.day(lang, day),
        rung=lambda level: locales.translate(lang, f"rung.{level}", ladder.rung_label(level)),
        layer=lambda name: workshop_labels.layer(name, lang),
        option=lambda k: locales.translate(lang, f"option.{k}", OPTIONS[k]),
        crisis=lambda kind: locales.translate(lang, f"crisis.{kind}", events.KINDS[kind].words),
        unit=lambda name: locales.translate(lang, "unit", name),
        side=lambda side: (locales.translate(lang, f"crisis_side.{side}",
                                             ENGLISH[f"crisis_side.{side}"])
                           if f"crisis_side.{side}" in ENGLISH else side),
    )


def event_kind_words(name: str, english: str) -> str:
    """A kind of crisis in plain words (``english``: its ``Kind.words``)."""
    return locales.translate(language(), f"crisis.{name}", english)


def event_kind_name(name: str) -> str:
    """A kind of crisis's short name (its id if none is written)."""
    return _label("crisis_name", name)


def event_side(side: str) -> str:
    """Who starts a crisis ('Ukraine', 'la Russie')."""
    return _label("crisis_side", side)


def event_by(side: str) -> str:
    """'by Ukraine' / 'par l'Ukraine'."""
    return _label("crisis_by", side)
