"""The parameter schema: every number the model uses, with its range, unit and provenance.

This is the public face: ``SCHEMA`` joins the tables of each actor (``params.leader``,
``params.chain``, ``params.battlefield``, ``params.politics``), whose entries are
:class:`~simulator.model.params.spec.Param`; the functions here read and check values
against it. A parameter either cites the claims (ids in ``scenarios/claims.yaml``) that
inform it or says, in ``assumption``, why the modeller chose it. Tests fail when one does
neither.
"""

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from simulator.errors import ParameterError, shown
from simulator.model import events
from simulator.model.events import EVENTS_KEY
from simulator.model.params.battlefield import BATTLEFIELD
from simulator.model.params.chain import CHAIN
from simulator.model.params.leader import LEADER
from simulator.model.params.politics import POLITICS
from simulator.model.params.spec import MAX_LAYERS, PLAIN_NUMBER, PLAIN_WHOLE, Param, spec

__all__ = ["ACTORS", "MAX_LAYERS", "PLAIN_NUMBER", "PLAIN_WHOLE", "SCHEMA", "Param",
           "ParameterError", "by_actor", "defaults", "lookup", "parse_assignment", "validate"]

HORIZON = spec("horizon_weeks", 52, 1, 156, "weeks",
               "How long each simulated world runs after the mobilisation of 21 Sep 2022. Every "
               "chance shown means 'within this many weeks'.",
               "Combien de temps dure chaque monde simulé après la mobilisation du 21 sept. 2022. "
               "Chaque probabilité affichée signifie « en ce nombre de semaines ».",
               assumption="One year matches the twelve-month window of the October 2022 "
                          "forecasts.",
               integer=True)
"""The model's own parameter: how long a world runs (it belongs to no actor)."""

SCHEMA: dict[str, Param] = {p.name: p for p in (HORIZON, *LEADER, *CHAIN, *BATTLEFIELD,
                                                  *POLITICS)}
"""Every parameter by name, in the order menus, tables and random designs list them."""

ACTORS = ("model", "leader", "chain", "battlefield", "domestic", "west", "china", "accidents")


def defaults() -> dict[str, Any]:
    """Return the baseline value of every parameter."""
    return {name: p.default for name, p in SCHEMA.items()}


def lookup(name: str) -> Param:
    """Return the schema entry for ``name``, suggesting the nearest name on a typo."""
    if not isinstance(name, str) or len(name) > 100:
        raise ParameterError(shown(name), "is not a parameter name; expected a dotted name "
                                          "such as chain.layers (`python -m simulator params` "
                                          "lists them all)")
    try:
        return SCHEMA[name]
    except KeyError:
        near = difflib.get_close_matches(name, SCHEMA, n=1, cutoff=0.5)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        raise ParameterError(
            name, f"unknown parameter{hint} (`python -m simulator params` lists them all)"
        ) from None


def validate(overrides: Mapping[str, Any], base: Mapping[str, Any] | None = None) -> dict:
    """Return every parameter's value: the defaults, updated with ``base``, then ``overrides``.

    ``base`` and ``overrides`` are checked alike, so a full parameter set from elsewhere
    (a file, a design, a user's dict) is as safe as a preset. A parameter missing from both
    keeps its default, as in presets and ``--set``: a partial mapping means "the baseline,
    except these". The result also holds ``events`` (``events.EVENTS_KEY``), the scheduled
    events, checked against the horizon (none if neither mapping gives any). A valid value of
    ``base`` is kept as it is (1500 stays an int); the others, and every override, become
    the schema's type.

    Raises:
        ParameterError: naming the first unknown parameter (and the nearest valid name) or
            out-of-range value, with the allowed range.
    """
    values = defaults()
    scheduled = None
    for name, value in (base or {}).items():
        if name == EVENTS_KEY:
            scheduled = value
            continue
        param = SCHEMA.get(name) if type(name) is str else None
        kind = type(value)  # inline, not a call per value: a model checks all it is given
        if not (param is not None and (kind is int or kind is float and not param.integer)
                and param.low <= value <= param.high):
            value = lookup(name).check(value)
        values[name] = value
    for name, value in overrides.items():
        if name == EVENTS_KEY:
            scheduled = value
        else:
            values[name] = lookup(name).check(value)
    values[EVENTS_KEY] = events.check(scheduled, values["horizon_weeks"], _read_size)
    layers = values["chain.layers"]
    refusal = values["chain.base_refusal"]
    if isinstance(refusal, list) and len(refusal) != layers:
        raise ParameterError(
            "chain.base_refusal",
            f"the per-layer list has {len(refusal)} values but chain.layers is {layers}",
        )
    return values


def _read_size(field: str, low: float, high: float, unit: str, value: Any) -> float:
    """An event's size, read as a parameter's number is (``Param.check``)."""
    return Param(field, 0, low, high, unit, "").check(value)


def parse_assignment(text: str) -> tuple[str, Any]:
    """Parse a ``name=value`` string from the command line (lists as ``a,b,c``)."""
    name, sep, raw = text.partition("=")
    if not sep:
        raise ParameterError(text, "expected name=value, e.g. chain.layers=4")
    name = name.strip()
    param = lookup(name)
    if param.per_layer and "," in raw:
        return name, param.check([v for v in raw.split(",")])
    return name, param.check(raw)


def by_actor(names: Iterable[str] | None = None) -> dict[str, list[Param]]:
    """Group schema entries by actor, in the schema's order."""
    groups: dict[str, list[Param]] = {actor: [] for actor in ACTORS}
    for name in SCHEMA if names is None else names:
        groups[SCHEMA[name].actor].append(SCHEMA[name])
    return {actor: params for actor, params in groups.items() if params}
