"""Scenarios: parameter values plus the provenance of each, loaded from YAML presets.

A preset file sets only what differs from the baseline (the schema's defaults) and says,
for each value, which claims it comes from. A scenario's hash identifies its full
parameter set, so a results folder knows exactly what produced it.
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from simulator import params
from simulator.errors import ParameterError, SimulatorError, yaml_problem

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "scenarios"
_TOP_KEYS = {"name", "title", "speaker", "summary", "extends", "parameters"}
_ENTRY_KEYS = {"value", "claims", "why", "context"}
DATA_FILES = {"claims", "record"}
"""Files in ``scenarios/`` that are data, not presets."""


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
        overrides: Values that differ from the schema's defaults.
        provenance: For each override, the claim ids and the reason given, and, for a
            setting kept although it moves no outcome, ``context``: why it stays.
    """

    name: str
    title: str = ""
    speaker: str = ""
    summary: str = ""
    overrides: Mapping[str, Any] = field(default_factory=dict)
    provenance: Mapping[str, dict] = field(default_factory=dict)

    @property
    def parameters(self) -> dict[str, Any]:
        """Every parameter's value: the defaults updated with the overrides."""
        return params.validate(self.overrides)

    @property
    def hash(self) -> str:
        """A short, stable fingerprint of the full parameter set."""
        text = json.dumps(self.parameters, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def with_overrides(self, changes: Mapping[str, Any], name: str | None = None) -> "Scenario":
        """Return a copy with more values changed (checked against the schema)."""
        if not changes:
            return self
        merged = {**self.overrides, **changes}
        params.validate(merged)
        provenance = {**self.provenance}
        for key in changes:
            provenance[key] = {"claims": [], "why": "set by the user"}
        return replace(self, name=name or f"{self.name}+custom", overrides=merged,
                       provenance=provenance)

    def to_yaml(self) -> str:
        """The scenario as a preset file a user can save, edit and load again."""
        entries = {
            key: {"value": value, **self.provenance.get(key, {})}
            for key, value in self.overrides.items()
        }
        document = {"name": self.name, "title": self.title, "speaker": self.speaker,
                    "summary": self.summary, "parameters": entries}
        return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)


def list_presets() -> list[str]:
    """Names of the presets shipped in ``scenarios/``, baseline first."""
    names = sorted(p.stem for p in SCENARIO_DIR.glob("*.yaml") if p.stem not in DATA_FILES)
    return sorted(names, key=lambda n: n != "baseline")


def load(name_or_path: str | Path) -> Scenario:
    """Load a preset by name (``kemp``) or a scenario file by path."""
    path = Path(name_or_path)
    if path.suffix not in (".yaml", ".yml"):
        path = SCENARIO_DIR / f"{name_or_path}.yaml"
        if not path.is_file() or path.stem in DATA_FILES:
            raise ScenarioError(
                f"unknown preset {str(name_or_path)!r}; choose one of: {', '.join(list_presets())} "
                "(or the path of a .yaml file)"
            )
    if not path.is_file():
        raise ScenarioError(f"{path}: no such scenario file")
    return from_text(path.read_text(encoding="utf-8"), source=str(path), default_name=path.stem)


def from_text(text: str, source: str = "<text>", default_name: str = "custom") -> Scenario:
    """Parse and check a scenario document; errors name the file and the field."""
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ScenarioError(f"{source}: not valid YAML{yaml_problem(error)}") from None
    if not isinstance(document, dict):
        raise ScenarioError(f"{source}: expected a mapping with keys {sorted(_TOP_KEYS)}")
    unknown = set(document) - _TOP_KEYS
    if unknown:
        raise ScenarioError(f"{source}: unknown key {sorted(unknown)[0]!r}; allowed: "
                            f"{', '.join(sorted(_TOP_KEYS))}")
    base = load(document["extends"]) if document.get("extends") else Scenario("baseline")
    overrides, provenance = dict(base.overrides), dict(base.provenance)
    entries = document.get("parameters") or {}
    if not isinstance(entries, dict):
        raise ScenarioError(f"{source}: 'parameters' must map parameter names to values")
    for key, entry in entries.items():
        if isinstance(entry, dict):
            extra = set(entry) - _ENTRY_KEYS
            if extra or "value" not in entry:
                raise ScenarioError(
                    f"{source}: parameters.{key}: expected keys value, claims, why, context"
                    + (f"; unknown key {sorted(extra)[0]!r}" if extra else "; 'value' is missing")
                )
            value = entry["value"]
            provenance[key] = {"claims": list(entry.get("claims") or []),
                               "why": str(entry.get("why") or "")}
            if entry.get("context"):
                provenance[key]["context"] = str(entry["context"])
        else:
            value = entry
            provenance[key] = {"claims": [], "why": ""}
        try:
            overrides[key] = params.lookup(key).check(value)
        except ParameterError as error:
            raise ScenarioError(f"{source}: parameters.{error}") from None
    try:
        params.validate(overrides)
    except ParameterError as error:
        raise ScenarioError(f"{source}: parameters.{error}") from None
    return Scenario(
        name=str(document.get("name") or default_name),
        title=str(document.get("title") or ""),
        speaker=str(document.get("speaker") or ""),
        summary=str(document.get("summary") or "").strip(),
        overrides=overrides,
        provenance=provenance,
    )
