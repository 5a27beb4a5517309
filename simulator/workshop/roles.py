"""Role cards: named sets of assumptions a workshop room lets participants change.

The sets are data (``scenarios/roles.yaml``): the facilitator picks one in one click on the
workshop page, in either language, instead of choosing parameters one by one. A set lists its
assumptions, or names experts of autumn 2022, whose presets' changed values are its
assumptions, so that the card cannot drift from the preset. Each expert's card shows the
expert's claims in their words (the short quotes of ``scenarios/claims.yaml``, in the
articles' French, each with our English paraphrase) and the preset's values with the reason
it gives, by the assumptions' plain names and in the units students see.
``docs/ROLE_CARDS.md`` is this module's output (``python scripts/role_cards.py``; a test
keeps it current).
"""

import functools
from dataclasses import dataclass

from simulator import locales
from simulator.evidence import claims as registry
from simulator.model import params, safe_yaml
from simulator.model.scenario import SCENARIO_DIR, load
from simulator.workshop.errors import WorkshopError
from simulator.workshop.labels import parameter, shown_value

ROLES_FILE = SCENARIO_DIR / "roles.yaml"
EXPERTS = ("alperovitch", "alexander", "hodges", "kemp")
"""The presets a participant can play, in the order of the articles."""
MAX_QUOTES = 5
"""Claims per card: the ones the preset cites first, then the speaker's others."""
_KEYS = {"id", "name", "name_fr", "summary", "summary_fr", "assumptions", "experts"}


@dataclass(frozen=True)
class Role:
    """One named set of assumptions (an entry of ``scenarios/roles.yaml``)."""

    id: str
    name: str
    name_fr: str
    summary: str
    summary_fr: str
    assumptions: tuple[str, ...]
    experts: tuple[str, ...] = ()

    def title(self, lang: str = "en") -> str:
        """The set's name in ``lang``."""
        return locales.localized(self, "name", lang)

    def text(self, lang: str = "en") -> str:
        """The set's summary in ``lang``."""
        return " ".join(locales.localized(self, "summary", lang).split())


def _role(entry: object, index: int) -> Role:
    """One checked entry: known keys, texts in both languages, known parameter ids."""
    where = f"roles.yaml: roles[{index}]"
    if not isinstance(entry, dict) or set(entry) - _KEYS:
        raise WorkshopError(f"{where}: a mapping with only the keys {sorted(_KEYS)}")
    texts = {key: entry.get(key) for key in ("id", "name", "name_fr", "summary", "summary_fr")}
    if not all(isinstance(value, str) and value.strip() for value in texts.values()):
        raise WorkshopError(f"{where}: needs an id, a name and a summary in English and French")
    experts = tuple(entry.get("experts") or ())
    if set(experts) - set(EXPERTS):
        raise WorkshopError(f"{where}.experts: only {', '.join(EXPERTS)}")
    named = [name for expert in experts for name in load(expert).overrides]
    assumptions = tuple(dict.fromkeys([*(entry.get("assumptions") or ()), *named]))
    unknown = [name for name in assumptions if name not in params.SCHEMA]
    if unknown or not assumptions:
        raise WorkshopError(f"{where}: unknown parameter {unknown[0]!r}" if unknown
                            else f"{where}: lists no assumption")
    return Role(**texts, assumptions=assumptions, experts=experts)


@functools.cache
def roles() -> dict[str, Role]:
    """Every role set by id, in the file's order (the first is a new room's default)."""
    document = safe_yaml.load(ROLES_FILE)
    entries = document.get("roles") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        raise WorkshopError("roles.yaml: needs a list `roles`")
    found = [_role(entry, index) for index, entry in enumerate(entries)]
    return {role.id: role for role in found}


def default() -> Role:
    """The set a new room starts with."""
    return next(iter(roles().values()))


def _claims_for(preset: str) -> list[registry.Claim]:
    scenario = load(preset)
    by_id = registry.by_id()
    cited = [c for prov in scenario.provenance.values() for c in prov.get("claims", [])]
    own = [by_id[c] for c in dict.fromkeys(cited) if c in by_id
           and by_id[c].speaker == scenario.speaker]
    others = [c for c in by_id.values() if c.speaker == scenario.speaker and c not in own]
    return (own + others)[:MAX_QUOTES]


def card(preset: str, allowed: tuple[str, ...] = ()) -> str:
    """One expert's role card as Markdown, for the participant who plays the expert.

    Args:
        preset: The expert's preset name (e.g. ``kemp``).
        allowed: The room's sliders: settings outside them are marked "ask the facilitator".
    """
    scenario = load(preset)
    baseline = load("baseline").parameters
    lines = [f"## {scenario.speaker}", "", f"*{scenario.title}*", "",
             " ".join(scenario.summary.split()), "", "**In their words** (quotes in the "
             "French of the articles, with our paraphrase):", ""]
    for claim in _claims_for(preset):
        lines.append(f"- « {claim.quote} » — {claim.paraphrase}")
    lines += ["", "**Your slider settings** (the preset's values; the baseline in brackets):",
              ""]
    for name, value in scenario.overrides.items():
        why = " ".join(scenario.provenance.get(name, {}).get("why", "").split())
        mark = "" if not allowed or name in allowed else " *(not a slider in this room: ask " \
                                                          "the facilitator to allow it)*"
        lines.append(f"- **{parameter(name)}**: {shown_value(name, value)} "
                     f"[{shown_value(name, baseline[name])}]{mark}. {why}")
    return "\n".join(lines) + "\n"


def _sets() -> list[str]:
    """The role sets for the facilitator: name in both languages, summary, assumptions."""
    lines = []
    for role in roles().values():
        lines += [f"### {role.title()} / *{role.title('fr')}*", "", role.text(), "",
                  "; ".join(parameter(name) for name in role.assumptions) + ".", ""]
    return lines


def cards(allowed: tuple[str, ...] = ()) -> str:
    """The role sets, then every expert's card, then the ids (for analysts)."""
    intro = [
        "# Role cards: playing an expert of autumn 2022",
        "",
        "Generated by `python scripts/role_cards.py` from `scenarios/roles.yaml`, "
        "`scenarios/claims.yaml` and the experts' presets: do not edit by hand.",
        "",
        "## The role sets",
        "",
        "On the workshop page, under *Create a room*, pick one of these sets: the room then "
        "lets participants change exactly these assumptions (you can still add or remove "
        "some by hand). The names are the ones every page of the app shows.",
        "",
        *_sets(),
        "## The experts' cards",
        "",
        "Give one card to each participant who plays an expert, in a room created with the "
        f"set *{roles()['experts'].title()}*. They write their *own* forecast first, as "
        "usual, then set the sliders as their expert would, and argue for it in the debrief.",
        "",
        "Quotes are short excerpts of the French articles the model is built from "
        "(`scenarios/claims.yaml` names them); paraphrases are ours.",
        "",
    ]
    needed = roles()["experts"].assumptions
    ids = ["## The assumptions' ids (for analysts)", "",
           "For `--set` on the command line, the API and the exports.", "",
           "| Assumption | Id |", "| --- | --- |",
           *(f"| {parameter(name)} | `{name}` |" for name in sorted(needed, key=parameter)), ""]
    return ("\n".join(intro) + "\n" + "\n".join(card(p, allowed) for p in EXPERTS) + "\n"
            + "\n".join(ids))


if __name__ == "__main__":
    print(cards(), end="")
