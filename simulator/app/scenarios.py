"""A scenario as the app passes it around: a preset plus the user's changes.

A ``Choice`` is small, hashable and has a one-line text form (its *spec*, e.g.
``kemp: chain.layers=4; west.influence=0.9``), so it can be a cache key, a multiselect
option and a URL value: a link carries a custom setting as well as a preset.
"""

from dataclasses import dataclass
from functools import cache
from typing import Any

from simulator.model import params
from simulator.model.scenario import Scenario, ScenarioError, list_presets, load

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


PLAIN_TEXT = {
    "baseline": {
        "en": ("Baseline: the modeller's central reading of both articles",
               "No single expert's view: every assumption cites what was said in the two "
               "articles or is marked as the modeller's own. Two of them, what the leader "
               "expects a nuclear step to win and how desperate he must be before he "
               "considers one, are tuned to match what forecasters said in October 2022. "
               "What actually happened is never used to tune the model, only to test it (the "
               "Calibration page)."),
        "fr": ("Référence : la lecture centrale des deux articles par le modélisateur",
               "Aucun expert en particulier : chaque hypothèse cite ce qui a été dit dans les "
               "deux articles ou est signalée comme celle du modélisateur. Deux d'entre elles, "
               "ce que le dirigeant attend d'un pas nucléaire et le désespoir qu'il lui faut "
               "pour l'envisager, sont ajustées sur les prévisions d'octobre 2022. Ce qui "
               "s'est réellement passé ne sert jamais à ajuster le modèle, seulement à le "
               "tester (page Calibrage)."),
    },
    "alexander": {
        "fr": ("Alexander : des annonces de propagande, signe de faiblesse",
               "La mobilisation et les référendums sont de la propagande intérieure, un bluff "
               "ou une diversion face à l'avancée ukrainienne, et un signe de faiblesse plutôt "
               "que de force. Le discours nucléaire est surtout rhétorique : dans la plupart "
               "des mondes le dirigeant bluffe, et seule une menace sur la Crimée changerait "
               "la donne."),
    },
    "alperovitch": {
        "fr": ("Alperovitch : acculé, il bluffe pour l'instant, le nucléaire seulement pour "
               "la Crimée",
               "Poutine s'est peint dans un coin. La mobilisation arrive trop tard pour "
               "changer la guerre, même si elle freine l'Ukraine et prolonge la guerre "
               "jusqu'à l'an prochain. Il lui reste des options conventionnelles "
               "(infrastructures, villes, aviation) ; la menace nucléaire est un bluff pour "
               "l'instant, l'emploi un dernier recours si l'Ukraine marche sur la Crimée. Les "
               "dirigeants qui perdent des guerres sont renversés."),
    },
    "black-sea-demonstration": {
        "fr": ("Et si : d'abord une démonstration au-dessus de la mer Noire",
               "La crainte rapportée par les États-Unis et le Royaume-Uni : le dirigeant "
               "croit qu'une explosion au-dessus de la mer Noire contraindrait presque aussi "
               "bien qu'une frappe sur l'Ukraine, pour un coût bien moindre ; ses pas "
               "nucléaires sont donc des démonstrations. Les officiers transmettent plus "
               "facilement un tel ordre (il ne tue personne) et l'Occident riposte encore, "
               "moins souvent. La question : un premier pas moins coûteux rend-il l'emploi "
               "plus probable, et en quoi est-il moins grave ?"),
    },
    "crimea-offensive": {
        "fr": ("Et si : l'Ukraine garde le rythme de Kharkiv vers la Crimée",
               "L'Ukraine maintient l'élan de l'offensive de Kharkiv pendant l'hiver et "
               "atteint les abords de la Crimée dans de nombreux mondes : le cas qu'Alperovitch "
               "désigne comme le déclencheur d'un recours nucléaire en dernier ressort."),
    },
    "hodges": {
        "fr": ("Hodges : l'état-major ne voit aucun avantage et craint la riposte",
               "Une arme tactique ne changerait rien sur le terrain, donc les officiers n'en "
               "voient que les inconvénients (« quel avantage ? aucun »). L'état-major sait "
               "que les États-Unis s'impliqueraient davantage, et l'entourage de Poutine "
               "prépare l'après-Poutine. Il lui faudrait l'accord de tout l'état-major, ce dont "
               "Hodges doute ; la riposte occidentale serait douloureuse et décisive."),
    },
    "kemp": {
        "fr": ("Kemp : cinq niveaux, dont chacun peut refuser",
               "Même acculé et déterminé, Poutine buterait sur la chaîne de commandement : "
               "environ cinq niveaux de personnes doivent accepter, et certaines pourraient "
               "refuser, surtout si l'Occident les a travaillées. L'emploi est plutôt "
               "improbable mais doit être pris au sérieux ; il gagnerait peu sur le front "
               "et le soutien déclinant de la Chine s'effondrerait."),
    },
}
"""Presets' titles and descriptions in plain words, where the file's own are not enough:
French for every preset, and a baseline description free of the modeller's vocabulary."""


def describe(preset_name: str, language: str) -> tuple[str, str]:
    """A preset's ``(title, description)`` in ``language`` ('en' or 'fr').

    French where it is written (PLAIN_TEXT), else the preset file's own English text.
    """
    scenario = preset(preset_name)
    texts = PLAIN_TEXT.get(preset_name, {})
    return texts.get(language) or texts.get("en") or (scenario.title, scenario.summary)
