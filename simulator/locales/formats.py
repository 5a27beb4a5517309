"""Numbers, percentages and dates in each language's conventions, by Babel (CLDR data).

'10,000', '7.6%', '3 Oct 2022' in English; '10 000', '7,6 %', '3 oct. 2022' in French (the
spaces are Babel's: a narrow no-break space between thousands, a no-break space before %).
The pages fix the number of decimals; the locale fixes the symbols and the pattern.
"""

import copy
import datetime as dt
import decimal
import functools

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern

from simulator.locales import language, translate


@functools.cache
def _pattern(lang: str, kind: str, decimals: int) -> NumberPattern:
    """The locale's decimal or percent pattern with exactly ``decimals`` decimals."""
    locale = Locale.parse(language(lang))
    formats = locale.percent_formats if kind == "percent" else locale.decimal_formats
    pattern = copy.copy(formats[None])
    pattern.frac_prec = (decimals, decimals)
    pattern.scale = 0  # no 10 ** 2: ``percent`` scales by itself, as the pages did (100 * p)
    return pattern


def _exact(value: float) -> decimal.Decimal:
    """A number's exact value (a Python or numpy int or float) for Babel."""
    return decimal.Decimal(value) if isinstance(value, int) else decimal.Decimal(float(value))


def number(lang: str, value: float, decimals: int = 0, sign: bool = False) -> str:
    """``value`` with thousands separators and ``decimals`` decimals; '+' on positives."""
    if value != value:  # nan
        return "–"
    # The float's exact value, so that rounding is Python's own ('{:.1f}'), not the decimal
    # string's (Babel would round str(2.675) up).
    text = _pattern(lang, "decimal", decimals).apply(_exact(value), Locale.parse(language(lang)))
    if sign and not text.startswith("-"):
        text = Locale.parse(language(lang)).number_symbols["latn"]["plusSign"] + text
    return text


def percent(lang: str, p: float, decimals: int) -> str:
    """A share as a percentage with ``decimals`` decimals: '7.6%', '7,6 %'."""
    if p != p:
        return "–"
    return _pattern(lang, "percent", decimals).apply(_exact(100 * p), Locale.parse(language(lang)))


def day(lang: str, date: dt.date, pattern: str = "d MMM y") -> str:
    """A date in a CLDR ``pattern``: '3 Oct 2022', '3 oct. 2022'; 'MMM y' for 'oct. 2022'."""
    return format_date(date, pattern, locale=language(lang))


def symbols(lang: str) -> dict[str, str]:
    """The language's number symbols ('decimal', 'group', 'percentSign', ...), from CLDR."""
    return dict(Locale.parse(language(lang)).number_symbols["latn"])


def plain_number(lang: str, typed: str) -> str:
    """A number typed in ``lang``'s style ('5 000,5', '5,000.5') as Python reads it ('5000.5').

    Spaces (narrow ones too) and the locale's thousands separator go, its decimal separator
    becomes '.'; anything else is left for the reader to reject.
    """
    symbols = Locale.parse(language(lang)).number_symbols["latn"]
    digits = "".join(typed.split()).replace(symbols["group"], "")
    return digits.replace(symbols["decimal"], ".")


def colon(lang: str) -> str:
    """The colon after a label joined in code: ':' in English, ' :' in French.

    The catalogue's ``format.colon``, as the pages' ``tr("format.colon")``.
    """
    return translate(lang, "format.colon", ":")
