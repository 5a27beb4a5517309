"""Translations: gettext catalogues (messages.pot, fr/LC_MESSAGES/messages.po)."""
