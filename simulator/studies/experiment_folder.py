"""An experiment's output folder: checked before any work, written atomically at the end.

A folder in the way is refused before a world runs (``prepare_out``), and ``--overwrite``
replaces only what an experiment writes there. A sweep or sensitivity analysis records
what it was asked (``experiment.json`` beside its saved blocks) before its first block, so
that ``--resume`` continues only that experiment: resuming with other settings would put
another experiment's tables and manifest over the first one's, so it is refused before
anything in the folder changes. The model's version and the machine's rounding are not
part of what was asked: blocks computed by another model are recomputed, as
``evaluation.evaluate_points`` does.
"""

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from simulator import results
from simulator.errors import shown
from simulator.model.scenario import Scenario
from simulator.running import engine
from simulator.studies.designs import ExperimentError

PARTIAL = "points.partial"
"""Folder, inside an experiment's ``out``, of the blocks of points already evaluated."""
RECORD = "experiment.json"
"""File, inside the folder of saved blocks, of what the experiment was asked."""
LABELS = {"vary": "parameters varied", "runs_per_point": "worlds per point"}
"""How a message names a setting whose key does not say it (others: the key)."""


class OtherExperimentError(ExperimentError):
    """``resume`` onto a folder that holds another experiment (scenario, seed, points...)."""


def identity(kind: str, scenario: Scenario, seed: int, **settings) -> dict:
    """What an experiment was asked: its command, scenario, seed and settings."""
    return {"kind": kind, "scenario": {"name": scenario.name, "hash": scenario.hash},
            "seed": seed, **settings}


def write_record(partial: Path, asked: dict) -> None:
    """Record ``asked`` beside the blocks, so that a resumed run can be checked against it."""
    text = json.dumps(asked, indent=2, default=str)
    results.write_atomic(partial / RECORD, lambda tmp: tmp.write_text(text))


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


def prepare_out(out: str | Path | None, overwrite: bool, names: Iterable[str],
                 resume: bool = False, asked: dict | None = None) -> Path | None:
    """Check ``out`` can take an experiment's files before any work; None: no folder.

    A folder that exists must be empty, or with ``overwrite`` hold only what an
    experiment writes there, or with ``resume`` hold the blocks of the experiment
    ``asked`` (another one is refused, unless ``overwrite`` replaces it); nothing else
    is ever deleted.
    """
    if out is None:
        return None
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ExperimentError(f"out: {folder} is a file, not a folder; choose another")
    if folder.exists() and any(folder.iterdir()):
        if resume and (folder / PARTIAL).is_dir():
            other = other_experiment(folder, folder / PARTIAL, asked)
            if other is None:
                return folder
            if not overwrite:
                raise OtherExperimentError(other)
        if not overwrite:
            raise ExperimentError(f"out: {folder} is not empty; pass --overwrite to replace "
                                  "its results, or choose another folder")
        ours = set(names) | {results.MANIFEST, PARTIAL}
        others = sorted(p.name for p in folder.iterdir() if p.name not in ours)
        if others:
            raise ExperimentError(f"out: {folder} holds other files ({others[0]}, ...); "
                                  "--overwrite only replaces an experiment's own files")
    return folder


def write_table(folder: Path, stem: str, frame, json_document: Any | None = None) -> None:
    """Write ``frame`` as Parquet and CSV, and a JSON document, each atomically."""
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=False)
    results.write_table(folder / f"{stem}.parquet", table, "parquet")
    results.write_table(folder / f"{stem}.csv", table, "csv")
    if json_document is not None:
        text = json.dumps(json_document, indent=2, default=json_default)
        results.write_atomic(folder / f"{stem}.json", lambda tmp: tmp.write_text(text))


def json_default(value):
    """A numpy number or array as JSON takes it; anything else as its text."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return str(value)


def scenario_info(scenario: Scenario) -> dict:
    """What a manifest records of a scenario: its name, title, hash and changes."""
    return {"name": scenario.name, "title": scenario.title, "hash": scenario.hash,
            "overrides": dict(scenario.overrides)}


def manifest(kind: str, scenario: Scenario, seed: int, **extra) -> dict:
    """An experiment's manifest: what ran (``extra``: its settings), with versions and when."""
    return {"kind": kind, "scenario": scenario_info(scenario),
            "parameters": scenario.parameters, "seed": seed,
            "chunk_size": engine.CHUNK_SIZE, **extra, "versions": results.versions(),
            "provenance": results.provenance(),
            "created": results.now()}
