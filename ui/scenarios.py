"""A scenario as the app passes it around: a preset plus the user's changes.

A ``Choice`` is small, hashable and has a one-line text form (its *spec*, e.g.
``kemp: chain.layers=4; west.influence=0.9``), so it can be a cache key, a multiselect
option and a URL value: a link carries a custom setting as well as a preset.
"""

from dataclasses import dataclass
from functools import cache
from typing import Any

from simulator import params
from simulator.scenario import Scenario, ScenarioError, list_presets, load

SPEC_SEPARATOR = ";"
SAVED_SETTINGS = "saved_settings"
"""Session-state key of the settings saved on Explore for the Compare page."""


@cache
def preset(name: str) -> Scenario:
    """A preset, read once per process (the files do not change while the app runs)."""
    return load(name)


@cache
def presets() -> tuple[str, ...]:
    """Preset names, baseline first."""
    return tuple(list_presets())


@dataclass(frozen=True)
class Choice:
    """A preset and the parameter values the user changed, sorted by name.

    Attributes:
        preset: Name of the preset the setting starts from.
        overrides: ``(parameter, value)`` pairs that differ from the preset.
    """

    preset: str
    overrides: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, preset_name: str, changes: dict[str, Any]) -> "Choice":
        """A choice from a preset name and a dict of changes (checked against the schema)."""
        if preset_name not in presets():
            raise ScenarioError(f"unknown preset {preset_name!r}; choose one of: "
                                f"{', '.join(presets())}")
        checked = {name: params.lookup(name).check(value) for name, value in changes.items()}
        params.validate({**preset(preset_name).overrides, **checked})
        return cls(preset_name, tuple(sorted(checked.items())))

    @classmethod
    def parse(cls, spec: str) -> "Choice":
        """Read a spec: ``preset`` or ``preset: name=value; name=value``.

        Raises:
            ScenarioError: for an unknown preset.
            ParameterError: for an unknown parameter or a value out of range.
        """
        name, _, assignments = spec.partition(":")
        parts = [part for part in assignments.split(SPEC_SEPARATOR) if part.strip()]
        changes = dict(params.parse_assignment(part) for part in parts)
        return cls.of(name.strip(), changes)

    @property
    def spec(self) -> str:
        """The one-line text form, read back by ``parse``."""
        if not self.overrides:
            return self.preset
        changes = [f"{name}={value:.10g}" for name, value in self.overrides]
        return f"{self.preset}: {f'{SPEC_SEPARATOR} '.join(changes)}"

    @property
    def is_preset(self) -> bool:
        """Whether the setting is the preset unchanged."""
        return not self.overrides

    def scenario(self) -> Scenario:
        """The full scenario (the preset with the changes applied)."""
        return preset(self.preset).with_overrides(dict(self.overrides))


def short_name(preset_name: str) -> str:
    """What to call a preset in a chart: the speaker's surname, else its name in words."""
    speaker = preset(preset_name).speaker
    if speaker:
        return speaker.split()[-1]
    return preset_name.replace("-", " ").capitalize()


def slider_value(param: params.Param, value: Any) -> float | int:
    """The value a single slider shows for ``value`` (a per-layer list shows its mean)."""
    if isinstance(value, list):
        value = sum(value) / len(value)
    return int(value) if param.integer else float(value)


def differences_from_baseline(scenario: Scenario) -> list[tuple[params.Param, Any, Any, dict]]:
    """``(param, baseline value, value, provenance)`` for every value off the baseline."""
    baseline = params.defaults()
    values = scenario.parameters
    return [
        (params.SCHEMA[name], baseline[name], values[name], scenario.provenance.get(name, {}))
        for name in params.SCHEMA
        if values[name] != baseline[name]
    ]
