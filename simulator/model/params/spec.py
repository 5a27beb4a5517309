"""What a parameter is, and how a value given for it is checked.

A :class:`Param` holds a range, a unit, a help line in English and in French, and its
provenance: the claims (ids in ``scenarios/claims.yaml``) that inform it, or, in
``assumption``, why the modeller chose it. Tests fail when one does neither. ``check`` reads
a value as users give it (a number, a text, a per-layer list) or raises ParameterError.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from simulator.errors import ParameterError, shown

MAX_LAYERS = 10
"""Most layers a command chain may have, and so most values in a per-layer list."""

PLAIN_NUMBER = re.compile(r"[+-]?(?:(?P<whole>[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
"""A number as users write it: ASCII digits, an optional sign, point and exponent.

``float()`` and ``int()`` also take ``1_0`` (as 10) and other scripts' digits (``'٣'`` as 3),
which a user did not mean as that number: only this form is read from text.
"""
PLAIN_WHOLE = re.compile(r"[+-]?[0-9]+")
"""A whole number as users write it: ASCII digits and an optional sign (``PLAIN_NUMBER``
without point or exponent)."""


@dataclass(frozen=True)
class Param:
    """One model parameter.

    Attributes:
        name: Dotted name, ``actor.quantity`` (``horizon_weeks`` has no actor).
        default: The baseline value.
        low: Smallest allowed value.
        high: Largest allowed value.
        unit: Unit shown next to the value ("probability", "km²/week", ...).
        help: One plain-English line for the slider's tooltip.
        help_fr: The same line in French, for the French pages.
        claims: Claim ids behind the value.
        assumption: Why the modeller chose it, where the articles say nothing.
        integer: Whether only whole numbers are allowed.
        per_layer: Whether a list with one value per command layer is also accepted.
        fitted: What the value was fitted to (``"forecasts"``), empty if it was set by hand.
    """

    name: str
    default: float
    low: float
    high: float
    unit: str
    help: str
    help_fr: str = ""
    claims: tuple[str, ...] = ()
    assumption: str = ""
    integer: bool = False
    per_layer: bool = False
    fitted: str = ""

    @property
    def actor(self) -> str:
        """The actor that owns the parameter (``model`` for ``horizon_weeks``)."""
        return self.name.split(".")[0] if "." in self.name else "model"

    @property
    def range_text(self) -> str:
        """The allowed range in words, for error messages and tooltips."""
        kind = "a whole number" if self.integer else "a number"
        text = f"{kind} from {self.low:g} to {self.high:g}"
        if self.per_layer:
            text += " (or a list with one such value per command layer)"
        return text

    def check(self, value: Any) -> Any:
        """Return ``value`` converted to the parameter's type, or raise ParameterError."""
        if self.per_layer and isinstance(value, list | tuple):
            if not 1 <= len(value) <= MAX_LAYERS:
                raise ParameterError(self.name, f"a per-layer list needs 1 to {MAX_LAYERS} values")
            return [self._check_one(v) for v in value]
        return self._check_one(value)

    def _from_text(self, text: str) -> float:
        """The number written in ``text``, which must match ``PLAIN_NUMBER``."""
        text = text.strip()
        written = PLAIN_NUMBER.fullmatch(text)
        if written is None:
            example = "4" if self.integer else "0.25 or 1e-3"
            raise ParameterError(self.name, f"{shown(text)} is not a number; expected "
                                            f"{self.range_text}, written with the digits 0-9 "
                                            f"(e.g. {example})")
        value = float(text)
        if math.isinf(value):  # '9' * 5000 or 1e999: too large for a float, not 'inf'
            digits = len((written["whole"] or "").lstrip("0"))
            size = f"a number of {digits:,} digits" if digits > 15 else shown(text)
            raise ParameterError(self.name, f"{size} is out of range; expected "
                                            f"{self.range_text}")
        return value

    def _check_one(self, value: Any) -> float | int:
        if isinstance(value, bool) or not isinstance(value, int | float):
            if not isinstance(value, str | bytes) and (isinstance(value, Iterable)
                                                       or value is None):
                raise ParameterError(
                    self.name, f"{shown(value)} is not a number; expected {self.range_text}")
            value = self._from_text(str(value))
        if value != value or not self.low <= value <= self.high:
            raise ParameterError(
                self.name, f"{shown(value)} is out of range; expected {self.range_text}"
            )
        if self.integer:
            if float(value) != int(value):
                raise ParameterError(self.name, f"{shown(value)} is not {self.range_text}")
            return int(value)
        return float(value)


def spec(name: str, default: float, low: float, high: float, unit: str, help: str,
         help_fr: str, claims: Iterable[str] = (), assumption: str = "", **kw: Any) -> Param:
    """One schema entry, written as the tables write it: help in English, then in French."""
    return Param(name, default, low, high, unit, help, help_fr, tuple(claims), assumption, **kw)
