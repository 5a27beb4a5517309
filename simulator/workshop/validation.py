"""Checks of the facilitator's and participants' input, before any of it reaches the database.

Every refusal is a WorkshopError naming the field, whatever the input: text with NUL or lone
surrogates, numbers beyond any database integer, NaN, a parameter value of 10**400. Parameters
and events are checked by the simulator's own schema (``simulator.model.params.validate``), so
an inject is refused exactly where a scenario file would be.
"""

import json
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Row

from simulator.errors import ParameterError, shown
from simulator.model.events import EVENTS_KEY, as_entries
from simulator.model.params import MAX_LAYERS, lookup, validate
from simulator.model.scenario import list_presets, load
from simulator.workshop.errors import WorkshopError
from simulator.workshop.records import stored_events

MAX_NAME_CHARS = 40
MAX_TITLE_CHARS = 100
MAX_ANNOUNCEMENT_CHARS = 2000
MAX_ROUNDS = 1000
"""Round numbers run from 1 to this: far beyond any workshop, far inside every database's int."""
MAX_PARAMETER_INT = 10**15
"""A whole number beyond this is out of every parameter's range (and of a float's precision)."""
MAX_PARAMETER_TEXT_CHARS = 100  # a parameter value given as text, e.g. "0.4"


def checked_text(
    field: str, value: Any, max_chars: int, *, min_chars: int = 1, multiline: bool = False
) -> str:
    """Return ``value`` stripped, or raise WorkshopError if its length or characters are bad."""
    if not isinstance(value, str):
        raise WorkshopError(field, f"expected text, got {type(value).__name__}")
    text = value.strip()
    if not min_chars <= len(text) <= max_chars:
        raise WorkshopError(field, f"needs {min_chars} to {max_chars} characters, got {len(text)}")
    # Control characters break CSV exports and layouts; PostgreSQL cannot store NUL at all.
    line_breaks = "\r\n\t" if multiline else ""
    if any(unicodedata.category(c) == "Cc" and c not in line_breaks for c in text):
        raise WorkshopError(field, "contains control characters")
    # A lone surrogate (half of a UTF-16 pair) is not a character: no UTF-8 text can hold it.
    if any(unicodedata.category(c) == "Cs" for c in text):
        raise WorkshopError(field, "contains a lone surrogate, which is not valid Unicode text")
    return text


def checked_preset(value: Any) -> str:
    """Return the preset's name, or raise WorkshopError unless it is one the app ships."""
    name = checked_text("preset", value, MAX_TITLE_CHARS)
    known = list_presets()
    if name not in known:
        raise WorkshopError(
            "preset", f"unknown preset {shown(name)}; choose one of: {', '.join(known)}"
        )
    return name


def checked_round_number(value: Any) -> int:
    """Return the round number, or raise WorkshopError unless it is a whole number in range."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ROUNDS:
        raise WorkshopError(
            "round_number", f"expected a whole number from 1 to {MAX_ROUNDS}, got {shown(value)}"
        )
    return value


def checked_forecast(value: Any) -> float:
    """Return the forecast as a float, or raise WorkshopError unless it is a number 0 to 1.

    -0.0 becomes 0.0: PostgreSQL would store the sign and SQLite drop it, so the same answer
    would read back differently on the two.
    """
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise WorkshopError("forecast", f"{shown(value)} is not a probability from 0 to 1")
    return float(value) + 0.0  # -0.0 + 0.0 is 0.0


def _percent(p: float) -> str:
    """A probability as the participant typed it: '12.5%' (the page asks in whole percent)."""
    return f"{100 * p:.4g}%"


def checked_range(
    forecast: float, low: Any, high: Any
) -> tuple[float, float] | tuple[None, None]:
    """Return the participant's plausible range around ``forecast``, or ``(None, None)``.

    A range is optional, but it has both ends or neither: one end alone says nothing about
    the other. Each end is a probability, and the range holds the forecast
    (low <= forecast <= high), so the board can set it beside the model's intervals.
    ``forecast`` must already be checked (`checked_forecast`).

    Raises:
        WorkshopError: naming ``forecast_low`` or ``forecast_high``: not a probability from
            0 to 1, the other end missing, low above the forecast or high below it.
    """
    if low is None and high is None:
        return None, None
    if low is None or high is None:
        given, missing = ("forecast_low", "forecast_high") if high is None else (
            "forecast_high", "forecast_low")
        raise WorkshopError(missing, f"missing: a plausible range needs both ends ({given} is "
                                     f"given); give {missing} too, or leave both out")
    ends = {}
    for field, value in (("forecast_low", low), ("forecast_high", high)):
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise WorkshopError(field, f"{shown(value)} is not a probability from 0 to 1 "
                                       "(0% to 100%)")
        ends[field] = float(value) + 0.0  # -0.0 + 0.0 is 0.0, as for the forecast
    low, high = ends["forecast_low"], ends["forecast_high"]
    if low > forecast:
        raise WorkshopError("forecast_low", f"{_percent(low)} is above the forecast, "
                                            f"{_percent(forecast)}; the range must hold the "
                                            "forecast (low <= forecast <= high)")
    if high < forecast:
        raise WorkshopError("forecast_high", f"{_percent(high)} is below the forecast, "
                                             f"{_percent(forecast)}; the range must hold the "
                                             "forecast (low <= forecast <= high)")
    return low, high


def checked_refusing_layer(value: Any) -> int | None:
    """Return the guessed layer, or raise WorkshopError unless it is None or 1..MAX_LAYERS."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LAYERS:
        raise WorkshopError(
            "refusing_layer",
            f"{shown(value)} is not a whole number from 1 to {MAX_LAYERS} (or none)",
        )
    return value


@contextmanager
def parameter_errors() -> Iterator[None]:
    """Turn the schema's ParameterError into a WorkshopError naming the same parameter."""
    try:
        yield
    except ParameterError as error:
        message = str(error).removeprefix(f"{error.field}: ")
        raise WorkshopError(error.field, message) from None


def checked_overrides(
    field: str, overrides: Any, base: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Return ``overrides`` checked and converted by the schema, on top of ``base`` overrides.

    Raises:
        WorkshopError: naming ``field`` if ``overrides`` is not a mapping, else the unknown
            parameter or the value out of range.
    """
    if not isinstance(overrides, Mapping):
        raise WorkshopError(field, "expected a mapping of parameter names to values")
    names = checked_parameter_names(field, list(overrides))
    overrides = dict(zip(names, overrides.values(), strict=True))
    with parameter_errors():
        for name in overrides:
            lookup(name)
    for name, value in overrides.items():
        _parameter_value(name, value)
    with parameter_errors():
        values = validate(overrides, base=validate(base or {}))
    return {name: values[name] for name in overrides}


def checked_parameter_names(field: str, names: list[Any]) -> list[str]:
    """Return ``names`` if each is text a parameter name could be; else raise WorkshopError."""
    for name in names:
        if not isinstance(name, str):
            raise WorkshopError(field, f"parameter names are text, got {shown(name)}")
        if not 1 <= len(name) <= MAX_TITLE_CHARS:
            raise WorkshopError(field, f"no parameter is called {shown(name)}")
    return names


def _parameter_value(name: str, value: Any, per_layer: bool = True) -> None:
    """Raise WorkshopError naming the parameter unless ``value`` is a plausible value.

    The schema converts and range-checks what passes; this only keeps out what it cannot
    handle: whole numbers too large for a float, long text, and anything but numbers, text
    and (for per-layer values) a list of those.
    """
    if per_layer and isinstance(value, list | tuple):
        for item in value:
            _parameter_value(name, item, per_layer=False)
        return
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise WorkshopError(name, f"expected a number, got {shown(value)}")
    if isinstance(value, int) and abs(value) > MAX_PARAMETER_INT:
        raise WorkshopError(name, f"{shown(value)} is out of range; expected {_range(name)}")
    if isinstance(value, str) and len(value) > MAX_PARAMETER_TEXT_CHARS:
        raise WorkshopError(name, f"{shown(value)} is not a number; expected {_range(name)}")


def _range(name: str) -> str:
    """The (known) parameter's range in words."""
    return lookup(name).range_text


def checked_events(
    value: Any, preset: str, overrides: Mapping[str, Any], earlier: list[dict]
) -> list[dict]:
    """Return an inject's events checked by the simulator, as a scenario file writes them.

    ``overrides`` are the next round's parameters (the horizon may be injected too) and
    ``earlier`` the events already scheduled by earlier rounds; with the preset's own, they
    must all still fit the horizon. The checks are the simulator's (``params.validate``,
    which reads events as a scenario's), so an inject is refused exactly where a scenario
    file would be, naming the same field (``events[0].week``).

    Raises:
        WorkshopError: naming the event's field; ``events`` if there are too many in all;
            ``horizon_weeks`` if the (injected) horizon leaves an event already scheduled
            outside it.
    """
    if value is None and not earlier and "horizon_weeks" not in overrides:
        return []  # nothing new, and nothing already scheduled could stop fitting
    own = load(preset)
    horizon = overrides.get("horizon_weeks", own.parameters["horizon_weeks"])
    entries = _event_entries(value)
    with parameter_errors():
        checked = validate({"horizon_weeks": horizon, EVENTS_KEY: entries})[EVENTS_KEY]
    try:
        validate({"horizon_weeks": horizon, EVENTS_KEY: [*own.events, *earlier, *checked]})
    except ParameterError as error:
        if error.field == EVENTS_KEY:  # too many in all
            raise WorkshopError(EVENTS_KEY, str(error).removeprefix(f"{EVENTS_KEY}: ")
                                + " (with the preset's and the earlier rounds')") from None
        raise WorkshopError(
            "horizon_weeks",
            f"{horizon} weeks leaves an event already scheduled (by the preset or an earlier "
            f"round) outside the horizon; keep at least "
            f"{1 + max(e.week for e in (*own.events, *stored_events(earlier)))} weeks",
        ) from None
    return as_entries(checked)


def _event_entries(value: Any) -> list:
    """Return ``value`` as a list of events, refusing what JSON or a page cannot hold.

    The simulator checks kinds, sides, weeks and sizes; this keeps out what it has no need
    to see: huge numbers or texts, and labels with control characters (a label is shown as
    text on every view).
    """
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise WorkshopError(EVENTS_KEY, f"{shown(value)} is not a list of events; expected "
                                        "e.g. [{kind: encirclement, week: 8}]")
    for index, entry in enumerate(value):
        if not isinstance(entry, Mapping):
            continue  # the simulator names it
        for key, item in entry.items():
            where = f"{EVENTS_KEY}[{index}].{key}"
            if key == "label" and item is not None:
                checked_text(where, item, 200, min_chars=0)
            elif isinstance(item, int) and not isinstance(item, bool) and (
                    abs(item) > MAX_PARAMETER_INT):
                raise WorkshopError(where, f"{shown(item)} is out of range")
            elif isinstance(item, str) and len(item) > MAX_PARAMETER_TEXT_CHARS:
                raise WorkshopError(where, f"{shown(item)} is too long")
    return [dict(entry) if isinstance(entry, Mapping) else entry for entry in value]


def checked_submission_params(
    room: Row, round_row: Row, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Return a participant's parameter values, checked against the room and the schema."""
    if not isinstance(params, Mapping):
        raise WorkshopError("params", "expected a mapping of parameter names to values")
    allowed = json.loads(room.allowed_params)
    for name in checked_parameter_names("params", list(params)):
        if name not in allowed:
            raise WorkshopError(
                name,
                "participants may not change this parameter in this room; allowed: "
                + (", ".join(allowed) or "none"),
            )
    # The round's events are not checked against a participant's own horizon: one after it
    # cannot change anything within it (``simulator.workshop.results.participant_scenario``).
    base = json.loads(round_row.overrides)
    base.pop(EVENTS_KEY, None)
    return checked_overrides("params", params, base)


def json_text(value: Any, field: str = "params") -> str:
    """Encode ``value`` as strict JSON text (no NaN), the only form parameters are stored in."""
    try:
        return json.dumps(value, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise WorkshopError(field, f"cannot be stored as JSON: {error}") from None
