"""Which experiment an output folder holds, so that ``--resume`` continues only that one.

A sweep or sensitivity analysis records what it was asked (``experiment.json`` beside its
saved blocks) before its first block. Resuming with other settings would put another
experiment's tables and manifest over the first one's, so it is refused before anything in
the folder changes. The model's version and the machine's rounding are not part of what
was asked: blocks computed by another model are recomputed, as ``evaluate_points`` does.
"""

import json
from pathlib import Path

from simulator import results
from simulator.errors import shown
from simulator.model.scenario import Scenario

RECORD = "experiment.json"
"""File, inside the folder of saved blocks, of what the experiment was asked."""
LABELS = {"vary": "parameters varied", "runs_per_point": "worlds per point"}
"""How a message names a setting whose key does not say it (others: the key)."""


def identity(kind: str, scenario: Scenario, seed: int, **settings) -> dict:
    """What an experiment was asked: its command, scenario, seed and settings."""
    return {"kind": kind, "scenario": {"name": scenario.name, "hash": scenario.hash},
            "seed": seed, **settings}


def write_record(partial: Path, asked: dict) -> None:
    """Record ``asked`` beside the blocks, so that a resumed run can be checked against it."""
    text = json.dumps(asked, indent=2, default=str)
    results._write_atomic(partial / RECORD, lambda tmp: tmp.write_text(text))


def recorded(folder: Path, partial: Path) -> dict | None:
    """What the folder's experiment was asked: its record, else its finished manifest.

    None when neither can be read (a folder of an older version with only blocks): then
    nothing tells, and only the blocks' own keys decide what is reused.
    """
    for path in (partial / RECORD, folder / results.MANIFEST):
        try:
            document = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if isinstance(document, dict) and isinstance(document.get("scenario"), dict):
            return document
    return None


def differences(before: dict, asked: dict) -> list[str]:
    """Each setting of ``asked`` that ``before`` has otherwise, as a message names it."""
    if before.get("kind") != asked["kind"]:  # its other settings are another command's
        return [f"a {before.get('kind')}, asked a {asked['kind']}"]
    found = []
    for key, value in asked.items():
        was = before.get(key)
        if key == "scenario":
            if was.get("hash") != value["hash"]:
                name = was.get("name")
                found.append(f"scenario {name} (asked {value['name']})" if name != value["name"]
                             else f"scenario {name} with other parameters (hash "
                                  f"{was.get('hash')}, asked {value['hash']})")
        elif was != json.loads(json.dumps(value, default=str)):  # as the record holds it
            label = LABELS.get(key, key.replace("_", " "))
            found.append(f"{label} {_text(was)} (asked {_text(value)})")
    return found


def _text(value) -> str:
    if value is None:
        return "not recorded"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return value if isinstance(value, str) else shown(value)


def other_experiment(folder: Path, partial: Path, asked: dict | None) -> str | None:
    """Why ``folder`` cannot resume as ``asked`` (what differs), or None if it can."""
    before = recorded(folder, partial) if asked else None
    found = differences(before, asked) if before is not None else []
    if not found:
        return None
    return (f"resume: {folder} holds another experiment: {'; '.join(found)}. Nothing was "
            "changed; resume it with its own settings, pass --overwrite to replace it, or "
            "choose another folder")
