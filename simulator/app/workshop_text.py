"""The workshop's texts in the session's language (the texts live in simulator/workshop/text.py)."""

from simulator.app import i18n
from simulator.workshop.text import TEXT, text

__all__ = ["TEXT", "wt"]


def wt(key: str, /, **values) -> str:
    """The workshop text ``key`` in the current language, formatted with ``values``."""
    return text(i18n.language(), key, **values)
