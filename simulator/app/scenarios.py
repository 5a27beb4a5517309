"""A scenario as the app passes it around: a preset plus the user's changes.

A ``Choice`` is small, hashable and has a one-line text form (its *spec*, e.g.
``kemp: chain.layers=4; west.influence=0.9``), so it can be a cache key, a multiselect
option and a URL value: a link carries a custom setting as well as a preset. A range the
user set on an assumption travels in it too, as ``name~low..high`` (``west.influence~0.5..0.95``):
Explore's "Open in Compare" then gives Compare the very setting Explore ran.
"""

from dataclasses import dataclass
from functools import cache
from typing import Any

from simulator import locales
from simulator.errors import ParameterError
from simulator.model import params
from simulator.model.ranges import Range
from simulator.model.scenario import Scenario, ScenarioError, list_presets, load

SPEC_SEPARATOR = ";"
RANGE_MARK, RANGE_TO = "~", ".."
"""A user range in a spec: ``name~low..high``."""
USER_KIND = "pert"
"""The shape of a range the user sets: beta-PERT, most weight near the point value (the mode),
tapering to nothing at the bounds (``simulator.model.ranges``)."""
USER_WHY, USER_WHY_FR = "set by the user", "choisi par l'utilisateur"
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
        ranges: ``(parameter, low, high)`` of the ranges the user set, sorted by name: each
            replaces the preset's range for that parameter, around the setting's value as
            its mode (``user_range``). Plain numbers, so the choice stays a hashable cache
            key and pickles to the pool's workers.
    """

    preset: str
    overrides: tuple[tuple[str, Any], ...] = ()
    ranges: tuple[tuple[str, float, float], ...] = ()

    @classmethod
    def of(cls, preset_name: str, changes: dict[str, Any],
           ranges: dict[str, tuple[float, float]] | None = None) -> "Choice":
        """A choice from a preset name, a dict of changes and the user's ranges, checked.

        Raises:
            ScenarioError: an unknown preset, or a range the scenario cannot take (its
                message names the parameter and the field: ``ranges: west.influence.range.low
                ...``); a pooled view takes none (each of its views draws its own ranges).
            ParameterError: an unknown parameter or a value out of its range.
        """
        if preset_name not in presets():
            raise ScenarioError(f"unknown preset {preset_name!r}; choose one of: "
                                f"{', '.join(presets())}")
        checked = {name: params.lookup(name).check(value) for name, value in changes.items()}
        params.validate({**preset(preset_name).overrides, **checked})
        bounds = tuple(sorted((name, float(low), float(high))
                              for name, (low, high) in (ranges or {}).items()))
        choice = cls(preset_name, tuple(sorted(checked.items())), bounds)
        if bounds:
            if preset(preset_name).pool:
                raise ScenarioError(f"{preset_name}: a pooled view draws each of its views' own "
                                    "ranges; set a range on one expert's view instead")
            choice.scenario()  # checks every range (ScenarioError naming the field)
        return choice

    @classmethod
    def parse(cls, spec: str) -> "Choice":
        """Read a spec: ``preset`` or ``preset: name=value; name=value``.

        Raises:
            ScenarioError: for an unknown preset.
            ParameterError: for an unknown parameter or a value out of range.
        """
        name, _, assignments = spec.partition(":")
        parts = [part for part in assignments.split(SPEC_SEPARATOR) if part.strip()]
        changes = dict(params.parse_assignment(part) for part in parts
                       if RANGE_MARK not in part)
        ranges = dict(_parse_range(part) for part in parts if RANGE_MARK in part)
        return cls.of(name.strip(), changes, ranges)

    @property
    def spec(self) -> str:
        """The one-line text form, read back by ``parse``."""
        if self.is_preset:
            return self.preset
        changes = [*(f"{name}={value:.10g}" for name, value in self.overrides),
                   *(f"{name}{RANGE_MARK}{low:.10g}{RANGE_TO}{high:.10g}"
                     for name, low, high in self.ranges)]
        return f"{self.preset}: {f'{SPEC_SEPARATOR} '.join(changes)}"

    @property
    def is_preset(self) -> bool:
        """Whether the setting is the preset unchanged (no value, no range set)."""
        return not self.overrides and not self.ranges

    def scenario(self) -> Scenario:
        """The full scenario: the preset with the changes applied, then the user's ranges."""
        scenario = preset(self.preset).with_overrides(dict(self.overrides))
        if not self.ranges:
            return scenario
        values = scenario.parameters
        return scenario.with_ranges({name: user_range(name, low, high, values[name])
                                     for name, low, high in self.ranges})


def user_range(name: str, low: float, high: float, point: Any) -> Range:
    """The range a user set on ``name``: USER_KIND on ``[low, high]``, the point its mode.

    Not checked here: ``Scenario.with_ranges`` checks it (bounds, mode between them).
    """
    mode = float(point) if isinstance(point, int | float) else 0.0  # a list: refused there
    return Range(USER_KIND, float(low), float(high), mode, USER_WHY, USER_WHY_FR)


def _parse_range(text: str) -> tuple[str, tuple[float, float]]:
    """``name~low..high`` read as ``(name, (low, high))``.

    Raises:
        ParameterError: an unknown parameter, or bounds that are not two plain numbers.
    """
    name, _, bounds = text.partition(RANGE_MARK)
    name = params.lookup(name.strip()).name
    low, sep, high = bounds.partition(RANGE_TO)
    try:
        found = (float(low), float(high)) if sep else ()
    except ValueError:
        found = ()
    if not found or any(bound != bound or abs(bound) == float("inf") for bound in found):
        raise ParameterError(f"{name}.range", f"{bounds.strip()[:40]!r} is not two plain numbers; "
                                              f"expected {name}{RANGE_MARK}low{RANGE_TO}high")
    return name, found


def short_name(preset_name: str) -> str:
    """What to call a preset in a chart: the speaker's surname, else its name in words."""
    scenario = preset(preset_name)
    if scenario.speaker:
        return scenario.speaker.split()[-1]
    if scenario.pool:
        return f"Experts pooled ({scenario.pool_basis} weights)"
    proper = {word.strip(".,:;!?\"'").lower(): word.strip(".,:;!?\"'")
              for word in scenario.title.split()[1:] if word[:1].isupper()}
    words = " ".join(proper.get(word, word) for word in preset_name.split("-"))
    return words[:1].upper() + words[1:]  # proper nouns as its title writes them: Black Sea


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


PLAIN_TEXT = {
    "baseline": ("Baseline: the modeller's central reading of both articles",
                 "No single expert's view: every assumption cites what was said in the two "
                 "articles or is marked as the modeller's own. Two of them, what the leader "
                 "expects a nuclear step to win and how desperate he must be before he "
                 "considers one, are tuned to match what forecasters said in October 2022. "
                 "What actually happened is never used to tune the model, only to test it (the "
                 "Calibration page)."),
}
"""Presets' titles and descriptions in plain words where the file's own are not enough (a
baseline description free of the modeller's vocabulary). The French of every preset's title
and description is in the catalogue (msgctxt ``preset.title.<name>``, ``preset.summary.<name>``)."""


def english_description(preset_name: str) -> tuple[str, str]:
    """A preset's ``(title, description)`` in English: PLAIN_TEXT, else the file's own."""
    scenario = preset(preset_name)
    return PLAIN_TEXT.get(preset_name) or (scenario.title, scenario.summary)


def describe(preset_name: str, language: str) -> tuple[str, str]:
    """A preset's ``(title, description)`` in ``language`` (English where not translated)."""
    title, summary = english_description(preset_name)
    return (locales.translate(language, f"preset.title.{preset_name}", title),
            locales.translate(language, f"preset.summary.{preset_name}", summary) if summary
            else summary)
