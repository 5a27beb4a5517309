"""Translations: one gettext catalogue (messages.pot, fr/LC_MESSAGES/messages.po).

Each entry's msgid is the English, its msgctxt a stable key ('app.title', 'workshop.intro') or
the name of a side table ('unit', 'layer'). The English lives in the sources (the app's and the
workshop's text tables, the model's labels and files); the .po holds the French beside it.
``scripts/catalogue.py`` regenerates the template from the sources and updates the .po with
Babel, so a changed English msgid turns fuzzy until a translator reviews it.

At run time the .po is read once per process with Babel (no compiled .mo): a fuzzy, empty or
stale entry (its msgid no longer the source's English) falls back to the English. The bottom
floor: Babel and the standard library only, so the app and the workshop can both read it.
"""

import functools
from collections.abc import Iterator, Mapping
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES = ("en", "fr")
"""The languages of the pages; English is the source language (the msgids)."""
DOMAIN = "messages"
FOLDER = Path(__file__).parent
TEMPLATE = FOLDER / f"{DOMAIN}.pot"


def language(lang: str | None) -> str:
    """``lang`` if it is a known language, else English."""
    return lang if lang in LANGUAGES else "en"


def po_file(lang: str) -> Path:
    """Where a language's catalogue lives (none for English, the source language)."""
    return FOLDER / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def catalogue(lang: str) -> Mapping[tuple[str | None, str], str]:
    """A language's reviewed translations by (msgctxt, msgid); empty for English."""
    path = po_file(language(lang))
    if not path.exists():
        return {}
    with path.open("rb") as file:
        messages = read_po(file, locale=language(lang))
    return {(message.context, message.id): message.string for message in messages
            if message.id and message.string and not message.fuzzy}


def translate(lang: str | None, context: str, english: str) -> str:
    """``english`` (the msgid of ``context``) in ``lang``; the English if not translated."""
    return catalogue(language(lang)).get((context, english), english)


class Texts(Mapping[str, Mapping[str, str]]):
    """Language -> key -> text of a table whose English is ``english`` (keys prefixed).

    For callers that read a whole table at once (tests, scripts): ``TEXT["fr"]["app.title"]``.
    """

    def __init__(self, english: Mapping[str, str], prefix: str = "") -> None:
        self.english, self.prefix = english, prefix

    def __getitem__(self, lang: str) -> Mapping[str, str]:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return {key: translate(lang, self.prefix + key, text)
                for key, text in self.english.items()}

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


def localized(source, field: str, lang: str | None) -> str:
    """A content field in ``lang``: ``<field>_<lang>`` beside ``field``, else the English.

    The model's files keep their translations beside the English (a parameter's ``help_fr``,
    a preset reason's ``why_fr``, a claim's ``paraphrase_fr``); ``source`` is a mapping or
    an object with those attributes.
    """
    def get(name: str) -> str:
        value = source.get(name) if isinstance(source, Mapping) else getattr(source, name, None)
        return value or ""

    return get(f"{field}_{language(lang)}") or get(field)
