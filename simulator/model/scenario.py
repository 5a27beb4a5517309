"""Scenarios: parameter values plus the provenance of each, loaded from YAML presets.

A preset file sets only what differs from the baseline (the schema's defaults) and says,
for each value, which claims it comes from. A scenario's hash identifies its full
parameter set, so a results folder knows exactly what produced it.
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from simulator.errors import ParameterError, SimulatorError, shown
from simulator.model import events, params, pool, ranges, safe_yaml
from simulator.model.pool import Member
from simulator.model.ranges import Range


def _shipped_dir() -> Path:
    """The shipped ``scenarios/``: the package ``simulator.scenarios`` (see pyproject.toml).

    The code's own copy first: inside the package in a wheel (``simulator/scenarios``), beside
    it in a checkout. A second checkout run with ``PYTHONPATH`` (a git worktree) thus reads
    its own presets, not those of the checkout an editable install maps the package to. Only
    where neither is there is the package asked (importlib.resources).
    """
    here = Path(__file__).resolve().parents
    for folder in (here[1] / "scenarios", here[2] / "scenarios"):
        if (folder / "claims.yaml").is_file():
            return folder
    try:
        return Path(resources.files("simulator.scenarios"))
    except ModuleNotFoundError:
        return here[2] / "scenarios"


SCENARIO_DIR = _shipped_dir()
_TOP_KEYS = {"name", "title", "speaker", "summary", "extends", "parameters", "events", "pool"}
_POOL_KEYS = ("views", "basis", "why", "why_fr")
"""Keys of a pool file's ``pool:`` mapping (``simulator.model.pool``)."""
_ENTRY_KEYS = {"value", "claims", "why", "why_fr", "context", "range"}
"""Keys of one parameter's entry; ``why_fr`` is the French of ``why``, for the French pages;
``range`` the values the view allows around ``value`` (its mode, see ``simulator.model.ranges``).
An entry with a ``range`` may omit ``value``: the inherited value (the default's) is the mode."""
DATA_FILES = {"claims", "record", "record-2023-2025", "forecasts-later", "roles"}
"""Files in ``scenarios/`` that are data, not presets (record-2023-2025: the held-out years;
forecasts-later: the forecasts published after the record year; roles: the workshop's role
cards, ``simulator.workshop.roles``)."""
MAX_EXTENDS = 10
"""Most files in one chain of ``extends`` (a file extending one extending another ...)."""


class ScenarioError(SimulatorError):
    """A preset name or scenario file that cannot be used."""


@dataclass(frozen=True)
class Scenario:
    """A named set of parameter values with the reasons behind them.

    Attributes:
        name: Short name (the preset's file stem, or ``custom``).
        title: One line for menus and tables.
        speaker: Whose view this is ("" for the baseline and what-if presets).
        summary: A few sentences on what the view holds.
        overrides: Values that differ from the schema's defaults, and under ``events``
            (``events.EVENTS_KEY``) the events the scenario schedules, if any.
        provenance: For each override, the claim ids and the reason given (``why``, and
            its French, ``why_fr``, where the file gives one), and, for a setting kept
            although it moves no outcome, ``context``: why it stays. Only ``overrides``
            feed the hash and the results: the provenance is the reasons, not the values.
        ranges: The values the view allows for some parameters (``simulator.model.ranges``),
            each around its point value as the mode. Only ``--uncertainty`` runs draw them;
            they do not enter the hash (the run's manifest records them), so a scenario
            without ranges hashes as it always did.
        pool: For a pooled view, its members (``simulator.model.pool.Member``): each block of
            worlds lives under one of them, by weight. ``overrides`` are then only the
            changes made to every member (a slider, ``--set``); ``parameters`` the
            defaults with those changes (the members agree on the structural ones).
        pool_basis: Where the pool's weights come from ("equal", "record" ...).
        pool_why: Why these weights, in words (and ``pool_why_fr`` in French).
    """

    name: str
    title: str = ""
    speaker: str = ""
    summary: str = ""
    overrides: Mapping[str, Any] = field(default_factory=dict)
    provenance: Mapping[str, dict] = field(default_factory=dict)
    ranges: Mapping[str, Range] = field(default_factory=dict)
    pool: tuple[Member, ...] = ()
    pool_basis: str = ""
    pool_why: str = ""
    pool_why_fr: str = ""

    @property
    def parameters(self) -> dict[str, Any]:
        """Every parameter's value: the defaults updated with the overrides."""
        return params.validate(self.overrides)

    @property
    def has_ranges(self) -> bool:
        """Whether an ``uncertainty`` run has anything to draw (its own or its views' ranges)."""
        return bool(self.ranges) or any(member.ranges for member in self.pool)

    @property
    def events(self) -> tuple[events.Event, ...]:
        """The events the scenario schedules, in order (checked against its horizon)."""
        return self.parameters[events.EVENTS_KEY]

    def with_events(self, added: list, name: str | None = None) -> "Scenario":
        """Return a copy that also schedules ``added``, checked against the horizon.

        ``added``: mappings as a scenario file gives them, or ``events.Event`` objects.
        """
        merged = [*self.overrides.get(events.EVENTS_KEY, ()), *added]
        return self.with_overrides({events.EVENTS_KEY: merged}, name=name)

    @property
    def hash(self) -> str:
        """A short, stable fingerprint of the full parameter set (not of the reasons)."""
        if self.pool:  # the members and their weights are what a pool's worlds run on
            return fingerprint({"pool": [[m.hash, m.weight] for m in self.pool],
                                "parameters": self.parameters})
        return fingerprint(self.parameters)

    def with_overrides(self, changes: Mapping[str, Any], name: str | None = None) -> "Scenario":
        """Return a copy with more values changed (checked against the schema)."""
        if not changes:
            return self
        merged = {**self.overrides, **changes}
        params.validate(merged)
        provenance = {**self.provenance}
        for key in changes:
            provenance[key] = {"claims": [], "why": "set by the user",
                               "why_fr": "choisi par l'utilisateur"}
        # A value chosen by the user (a slider, --set) is a point: the view's range for it
        # no longer says anything about it.
        kept = {key: rng for key, rng in self.ranges.items() if key not in changes}
        members = tuple(_member(m.name, m.weight, params.validate(changes, base=m.parameters),
                                {k: r for k, r in m.ranges.items() if k not in changes})
                        for m in self.pool)
        return replace(self, name=name or f"{self.name}+custom", overrides=merged,
                       provenance=provenance, ranges=kept, pool=members)

    def with_ranges(self, added: Mapping[str, Range]) -> "Scenario":
        """Return a copy with ``added`` ranges too (replacing any for the same parameter).

        Each is checked as a scenario file's ``range:`` is: a known, non-structural
        parameter with a single value, a kind of ``ranges.KINDS``, bounds inside the
        parameter's own range, the scenario's value (the mode) between them, and a ``why``.

        Raises:
            ScenarioError: naming the parameter and the field at fault.
        """
        if not added:
            return self
        if self.pool:  # its worlds draw their views' own ranges, never the pool's
            raise ScenarioError(f"ranges: {self.name!r} is a pooled view; each block of its "
                                "worlds draws the ranges of the view it lives under, so a "
                                "range given to the pool would not be drawn; give it to one "
                                "of its views (" + ", ".join(m.name for m in self.pool) + ")")
        values = self.parameters
        checked = dict(self.ranges)
        for name, rng in added.items():
            try:
                param = params.lookup(name)
                checked[name] = ranges.check(name, rng, values[name], param)
            except ParameterError as error:
                raise ScenarioError(f"ranges: {error}") from None
        return replace(self, ranges=checked)

    def to_yaml(self) -> str:
        """The scenario as a preset file a user can save, edit and load again."""
        entries = {
            key: {"value": value, **self.provenance.get(key, {})}
            for key, value in self.overrides.items()
        }
        for key, rng in self.ranges.items():
            entries.setdefault(key, {})["range"] = rng.as_dict()
        scheduled = entries.pop(events.EVENTS_KEY, None)
        document = {"name": self.name, "title": self.title, "speaker": self.speaker,
                    "summary": self.summary, "parameters": entries}
        if self.pool:
            if self.overrides:
                raise ScenarioError(f"{self.name}: a pooled view changed by hand cannot be "
                                    "saved as a file; save the pool and give the changes to "
                                    "each view instead")
            del document["parameters"]
            document["pool"] = {"basis": self.pool_basis, "why": self.pool_why,
                                "why_fr": self.pool_why_fr,
                                "views": {m.name: m.weight for m in self.pool}}
        if scheduled is not None:
            document["events"] = events.as_entries(self.events)
        return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)


def fingerprint(parameters: Mapping[str, Any]) -> str:
    """A short, stable hash of a parameter set (or of a pool's members and weights)."""
    text = json.dumps(parameters, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _member(name: str, weight: float, parameters: Mapping[str, Any],
            member_ranges: Mapping[str, Range]) -> Member:
    return Member(name, weight, parameters, dict(member_ranges), fingerprint(parameters))


def _pool(entry: Any, source: str, chain: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """The fields of a pooled view from a file's ``pool:`` mapping, checked.

    Raises:
        ScenarioError: naming the field (``pool.views.kemp`` ...) and what is allowed.
    """
    where = f"{source}: pool"
    if not isinstance(entry, dict):
        raise ScenarioError(f"{where}: {shown(entry)} is not allowed; expected a mapping with "
                            "views (a preset name to its weight), basis and why")
    unknown = [key for key in entry if key not in _POOL_KEYS]
    if unknown:
        raise ScenarioError(f"{where}: unknown key {shown(unknown[0])}; allowed: "
                            f"{', '.join(_POOL_KEYS)}")
    views = entry.get("views")
    if not isinstance(views, dict) or len(views) < 2:
        raise ScenarioError(f"{where}.views: {shown(views)} is not allowed; expected two or "
                            "more presets, each with its weight, e.g. {kemp: 0.5, hodges: 0.5}")
    weights = {}
    for name, weight in views.items():
        if isinstance(weight, bool) or not isinstance(weight, int | float) \
                or not 0 < weight <= 1:
            raise ScenarioError(f"{where}.views.{shown(name)}: weight {shown(weight)} is not "
                                "allowed; expected a number above 0 and at most 1")
        weights[str(name)] = float(weight)
    total = sum(weights.values())
    if abs(total - 1) > pool.WEIGHT_TOLERANCE:
        raise ScenarioError(f"{where}.views: the weights sum to {total:.4g}; they must sum to "
                            f"1 (within {pool.WEIGHT_TOLERANCE})")
    members = []
    for (name, _), weight in zip(weights.items(), pool.normalised(list(weights.values())),
                                 strict=True):
        try:
            _path(name)
        except ScenarioError as error:
            raise ScenarioError(f"{where}.views: {error}") from None
        view = _load(name, chain)
        if view.pool:
            raise ScenarioError(f"{where}.views.{shown(name)}: is itself a pool; pool the "
                                "views themselves")
        if view.events:
            raise ScenarioError(f"{where}.views.{shown(name)}: schedules events; the views "
                                "of a pool share the world's events, so pool views without "
                                "events of their own")
        members.append(_member(view.name, weight, view.parameters, view.ranges))
    defaults = params.validate({})
    for member in members:
        for name in ranges.STRUCTURAL:
            if member.parameters[name] != defaults[name]:
                raise ScenarioError(f"{where}.views.{shown(member.name)}: {name} is "
                                    f"{member.parameters[name]}, not the default "
                                    f"{defaults[name]}; the views of a pool share one shape "
                                    "(their weeks and command layers)")
    return {"pool": tuple(members), "pool_basis": _text(entry.get("basis"), f"{where}.basis"),
            "pool_why": _text(entry.get("why"), f"{where}.why").strip(),
            "pool_why_fr": _text(entry.get("why_fr"), f"{where}.why_fr").strip()}


def list_presets() -> list[str]:
    """Names of the presets shipped in ``scenarios/``, baseline first."""
    names = sorted(p.stem for p in SCENARIO_DIR.glob("*.yaml") if p.stem not in DATA_FILES)
    return sorted(names, key=lambda n: n != "baseline")


def load(name_or_path: str | Path) -> Scenario:
    """Load a preset by name (``kemp``) or a scenario file by path."""
    return _load(name_or_path, ())


def _path(name_or_path: Any, source: str = "") -> Path:
    """The file of a preset name or a .yaml path, or ScenarioError (``source`` prefixes it)."""
    where = f"{source}: extends: " if source else ""
    if not isinstance(name_or_path, str | Path) or not str(name_or_path).strip():
        raise ScenarioError(f"{where}{shown(name_or_path)} is not allowed; expected the name "
                            f"of a preset ({', '.join(list_presets())}) or the path of a "
                            ".yaml file")
    try:
        path = Path(name_or_path)
        if path.suffix in (".yaml", ".yml"):
            return path
        path = SCENARIO_DIR / f"{name_or_path}.yaml"
        known = path.is_file() and path.stem not in DATA_FILES
    except (OSError, ValueError):  # a NUL byte, a name too long for the file system
        known = False
    if not known:
        raise ScenarioError(
            f"{where}unknown preset {shown(str(name_or_path))}; choose one of: "
            f"{', '.join(list_presets())} (or the path of a .yaml file)"
        )
    return path


def _identity(path: Path) -> str:
    """The same string for every spelling of one file (for finding `extends` cycles)."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError, ValueError):
        return str(path.absolute())


def _load(name_or_path: Any, chain: tuple[tuple[str, str], ...]) -> Scenario:
    """``load``; ``chain``: (identity, name) of each file whose ``extends`` led here."""
    path = _path(name_or_path, chain[-1][1] if chain else "")
    if len(chain) >= MAX_EXTENDS:
        raise ScenarioError(f"{chain[-1][1]}: extends: more than {MAX_EXTENDS} files extend "
                            "one another; at most that many are allowed")
    key = _identity(path)
    if any(key == seen for seen, _ in chain):
        loop = " -> ".join([name for _, name in chain] + [str(path)])
        raise ScenarioError(f"{chain[-1][1]}: extends: {str(name_or_path)!r} makes a cycle "
                            f"({loop}); a scenario cannot extend itself, directly or through "
                            "others")
    try:
        exists = path.exists()
    except (OSError, ValueError):
        exists = True  # let read_text say what is wrong
    if not exists:
        where = f"{chain[-1][1]}: extends: " if chain else ""
        raise ScenarioError(f"{where}{path}: no such scenario file")
    text = safe_yaml.read_text(path, ScenarioError)
    return _from_text(text, str(path), path.stem, (*chain, (key, str(path))))


def from_text(text: str, source: str = "<text>", default_name: str = "custom") -> Scenario:
    """Parse and check a scenario document; errors name the file and the field.

    The work is bounded (see :mod:`simulator.model.safe_yaml`): at most 1 MB of text, no YAML
    aliases, limited nesting.
    """
    return _from_text(text, source, default_name, ())


def _text(value: Any, where: str) -> str:
    """A text field (a number or date is taken as its text); a list or mapping is refused."""
    if value is None:
        return ""
    if isinstance(value, dict | list | tuple | set):
        raise ScenarioError(f"{where}: expected text, got {shown(value)}")
    return str(value)


def _claim_ids(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ScenarioError(f"{where}: {shown(value)} is not allowed; expected a list of claim "
                            "ids, e.g. [kemp-five-levels, reporting-codes]")
    return list(value)


def _listed(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise ScenarioError(f"{where}: {shown(value)} is not allowed; expected a list of events "
                            "such as - {kind: offensive, side: ukraine, date: 2023-06-04}")
    return value


def _from_text(text: str, source: str, default_name: str,
               chain: tuple[tuple[str, str], ...]) -> Scenario:
    document = safe_yaml.parse(text, source, ScenarioError)
    if not isinstance(document, dict):
        raise ScenarioError(f"{source}: expected a mapping with keys {sorted(_TOP_KEYS)}")
    unknown = [key for key in document if key not in _TOP_KEYS]
    if unknown:
        raise ScenarioError(f"{source}: unknown key {shown(unknown[0])}; allowed: "
                            f"{', '.join(sorted(_TOP_KEYS))}")
    texts = {key: _text(document.get(key), f"{source}: {key}")
             for key in ("name", "title", "speaker", "summary")}
    if document.get("pool") is not None:
        extra = [key for key in ("extends", "parameters", "events") if key in document]
        if extra:
            raise ScenarioError(f"{source}: {extra[0]}: a pooled view takes its parameters "
                                "and events from its views; give them there, not beside pool")
        return Scenario(name=texts["name"] or default_name, title=texts["title"],
                        speaker=texts["speaker"], summary=texts["summary"].strip(),
                        **_pool(document["pool"], source,
                                chain or ((f"<text {id(text)}>", source),)))
    if document.get("extends") is None:
        base = Scenario("baseline")
    else:
        if not chain:  # a text of its own: extends may not lead back to it, it has no file
            chain = ((f"<text {id(text)}>", source),)
        base = _load(document["extends"], chain)
    overrides, provenance = dict(base.overrides), dict(base.provenance)
    found_ranges, given_ranges = dict(base.ranges), {}
    entries = document.get("parameters") or {}
    if not isinstance(entries, dict):
        raise ScenarioError(f"{source}: 'parameters' must map parameter names to values")
    for key, entry in entries.items():
        if not isinstance(key, str):
            raise ScenarioError(f"{source}: parameters: {shown(key)} is not a parameter name; "
                                "expected a dotted name such as chain.layers (`python -m "
                                "simulator params` lists them all)")
        where = f"{source}: parameters.{key}"
        found_ranges.pop(key, None)  # a new entry: the parent's range no longer holds
        if isinstance(entry, dict):
            extra = [k for k in entry if k not in _ENTRY_KEYS]
            if extra or ("value" not in entry and "range" not in entry):
                raise ScenarioError(
                    f"{where}: expected keys value, claims, why, why_fr, context, range"
                    + (f"; unknown key {shown(extra[0])}" if extra else "; 'value' is missing")
                )
            if "range" in entry:
                given_ranges[key] = entry["range"]
            if "value" not in entry:  # a range around the inherited value: no new value
                try:
                    params.lookup(key)
                except ParameterError as error:
                    raise ScenarioError(f"{source}: parameters.{error}") from None
                continue
            value = entry["value"]
            provenance[key] = {"claims": _claim_ids(entry.get("claims"), f"{where}.claims"),
                               "why": _text(entry.get("why"), f"{where}.why")}
            why_fr = _text(entry.get("why_fr"), f"{where}.why_fr")
            if why_fr:
                provenance[key]["why_fr"] = why_fr
            context = _text(entry.get("context"), f"{where}.context")
            if context:
                provenance[key]["context"] = context
        else:
            value = entry
            provenance[key] = {"claims": [], "why": ""}
        try:
            overrides[key] = params.lookup(key).check(value)
        except ParameterError as error:
            raise ScenarioError(f"{source}: parameters.{error}") from None
    if document.get("events") is not None:
        # Added to the events of the scenario it extends, as its parameters override them.
        overrides[events.EVENTS_KEY] = [*overrides.get(events.EVENTS_KEY, ()),
                                        *_listed(document["events"], f"{source}: events")]
        provenance[events.EVENTS_KEY] = {"claims": [], "why": "scheduled by the scenario",
                                         "why_fr": "programmé par le scénario"}
    try:
        checked = params.validate(overrides)
    except ParameterError as error:
        prefix = "" if error.field.startswith(events.EVENTS_KEY) else "parameters."
        raise ScenarioError(f"{source}: {prefix}{error}") from None
    if events.EVENTS_KEY in overrides:
        overrides[events.EVENTS_KEY] = checked[events.EVENTS_KEY]
    for key, entry in given_ranges.items():
        try:
            found_ranges[key] = ranges.read(key, entry, checked[key], params.lookup(key))
        except ParameterError as error:
            raise ScenarioError(f"{source}: parameters.{error}") from None
    return Scenario(
        name=texts["name"] or default_name,
        title=texts["title"],
        speaker=texts["speaker"],
        summary=texts["summary"].strip(),
        overrides=overrides,
        provenance=provenance,
        ranges=found_ranges,
    )
