"""The manifest of a run: built in one place, sealed with its sha256, read back and checked.

A manifest says what a results folder holds (scenario, parameters, seed, runs, versions,
provenance, timing) and records every part with its sha256; ``check_manifest`` refuses one
that was edited, or that does not fit its own scenario hash and part records.
"""

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.results import origin
from simulator.results.errors import ResultsError
from simulator.results.files import sha256, write_atomic
from simulator.results.layout import FORMATS, MANIFEST, chunk_sizes, part_name

if TYPE_CHECKING:
    from simulator.model.scenario import Scenario

_RECORD_FIELDS = {"chunk": int, "seed": int, "scenario_hash": str, "rows": int,
                  "outcomes_sha256": str, "weekly_sha256": str}


def parameters_hash(parameters: Mapping[str, Any]) -> str:
    """A parameter set's fingerprint, computed as ``Scenario.hash`` computes it."""
    text = json.dumps(parameters, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def manifest_digest(manifest: Mapping[str, Any]) -> str:
    """sha256 of a manifest's canonical JSON, its own ``sha256`` field left out.

    Computed on the JSON text round trip, so the manifest as written and as read back
    give the same digest.
    """
    body = json.loads(json.dumps({k: v for k, v in manifest.items() if k != "sha256"},
                                 default=str))
    text = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return sha256(text.encode())


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    return {dict: "an object", list: "a list", str: "a string", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)


def _field(document: Mapping, key: str, kind: type, where: Path, within: str = "") -> Any:
    """``document[key]`` checked to be of JSON type ``kind``, or ResultsError."""
    if key not in document:
        raise ResultsError(f"{where}: no field {within + key!r}; not a manifest of `run` "
                           "(or it was edited)")
    value = document[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        expected = {dict: "an object", str: "a string", int: "a whole number"}[kind]
        raise ResultsError(f"{where}: field {within + key!r} is {_json_kind(value)}, expected "
                           f"{expected}; the manifest was edited or is not from `run`")
    return value


def read_manifest(folder: Path) -> dict:
    """The folder's manifest, checked to be a readable JSON object."""
    path = Path(folder) / MANIFEST
    try:
        if not path.is_file():
            raise ResultsError(f"{folder}: no {MANIFEST}; not a results folder")
        document = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ResultsError(f"{path}: corrupt manifest ({error})") from None
    except OSError as error:
        raise ResultsError(f"{path}: cannot read ({error.strerror or error})") from None
    if not isinstance(document, dict):
        raise ResultsError(f"{path}: the manifest is {_json_kind(document)}, expected a JSON "
                           "object; not a results folder of `run`")
    return document


def check_manifest(manifest: dict, path: Path) -> dict:
    """Check a run's manifest: field types, its checksum, its scenario hash, its part records.

    Returns it. Raises ResultsError naming ``path`` and the problem: a field of the wrong
    type, a manifest without checksums (an older version), one edited after it was
    written, parameters or overrides that do not give the recorded scenario hash, a part
    recorded for another seed, scenario or chunk.
    """
    info = _field(manifest, "scenario", dict, path)
    for key in ("name", "hash"):
        _field(info, key, str, path, "scenario.")
    overrides = _field(info, "overrides", dict, path, "scenario.")
    parameters = _field(manifest, "parameters", dict, path)
    seed = _field(manifest, "seed", int, path)
    runs = _field(manifest, "runs", int, path)
    size = _field(manifest, "chunk_size", int, path)
    chunks = _field(manifest, "chunks", int, path)
    fmt = _field(manifest, "format", str, path)
    _field(manifest, "status", str, path)
    if fmt not in FORMATS:
        raise ResultsError(f"{path}: unknown format {fmt!r}; expected one of {FORMATS}")
    if seed < 0 or runs < 1 or size < 1 or chunks != -(-runs // size):
        raise ResultsError(f"{path}: seed {seed}, {chunks} chunks of {size} cannot hold "
                           f"{runs} runs; the manifest was edited")
    if "parts" not in manifest and "sha256" not in manifest:
        raise ResultsError(f"{path}: written without checksums (by an older version of the "
                           "simulator), so its parts cannot be verified; re-run it with "
                           "--overwrite")
    parts = _field(manifest, "parts", dict, path)
    recorded = _field(manifest, "sha256", str, path)
    for name, record in parts.items():
        if not isinstance(record, dict):
            raise ResultsError(f"{path}: part {name!r} is recorded as {_json_kind(record)}, "
                               "expected an object; the manifest was edited")
        for key, kind in _RECORD_FIELDS.items():
            _field(record, key, kind, path, f"parts.{name}.")
    if manifest_digest(manifest) != recorded:
        raise ResultsError(f"{path}: edited after it was written (its contents do not match "
                           "its sha256), so its seed, runs and scenario cannot be trusted; "
                           "re-run it with --overwrite")
    if parameters_hash(parameters) != info["hash"]:
        raise ResultsError(f"{path}: the parameters do not give the scenario hash "
                           f"{info['hash']!r}; the manifest was edited")
    for key, value in overrides.items():
        if key not in parameters or parameters[key] != value:
            raise ResultsError(f"{path}: scenario override {key}={value!r} differs from the "
                               f"parameter ({parameters.get(key)!r}); the manifest was edited")
    sizes = chunk_sizes(runs, size)
    for name, record in parts.items():
        where = f"part {name!r} "
        chunk = record["chunk"]
        problem = (f"is not the name of chunk {chunk}" if name != part_name(chunk, fmt)
                   or not 0 <= chunk < chunks else
                   f"is recorded for seed {record['seed']}, the manifest says seed {seed}"
                   if record["seed"] != seed else
                   f"is recorded for scenario {record['scenario_hash']!r}, the manifest says "
                   f"{info['hash']!r}" if record["scenario_hash"] != info["hash"] else
                   f"is recorded with {record['rows']} rows, chunk {chunk} has {sizes[chunk]}"
                   if record["rows"] != sizes[chunk] else "")
        if problem:
            raise ResultsError(f"{path}: {where}{problem}; the manifest was edited")
    return manifest


def read_run_manifest(folder: Path) -> dict:
    """A run's manifest, read and checked (:func:`check_manifest`)."""
    return check_manifest(read_manifest(folder), Path(folder) / MANIFEST)


def write_manifest(folder: Path, manifest: Mapping) -> None:
    """Write the manifest atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(manifest, indent=2, sort_keys=False, default=str)
    write_atomic(folder / MANIFEST, lambda tmp: tmp.write_text(text))


def write_sealed_manifest(folder: Path, manifest: dict) -> None:
    """Write a run's manifest with its sha256 (set in ``manifest`` too)."""
    manifest.pop("sha256", None)
    manifest["sha256"] = manifest_digest(manifest)
    write_manifest(folder, manifest)


def run_manifest(scenario: "Scenario", seed: int, runs: int, chunk_size: int, fmt: str,
                 found_provenance: Mapping[str, Any] | None = None) -> dict:
    """The manifest of a batch about to run: what it is, and what computes it.

    ``run`` writes it into a results folder (or keeps it with a batch in memory), and
    ``run_many`` gives one to each of its batches: the same fields either way.
    ``found_provenance``: ``origin.provenance()`` already read (several batches at once).
    """
    return {
        "scenario": {"name": scenario.name, "title": scenario.title, "hash": scenario.hash,
                     "overrides": dict(scenario.overrides)},
        "parameters": scenario.parameters, "seed": seed, "runs": runs, "chunk_size": chunk_size,
        "chunks": -(-runs // chunk_size), "format": fmt, "versions": origin.versions(),
        "provenance": dict(found_provenance or origin.provenance()),
        "created": origin.now(), "status": "running",
    }


def complete(manifest: dict, seconds: float, chunks_computed: int, worlds_computed: int,
             executor: str) -> dict:
    """Mark a batch's manifest complete, with its timing and where it ran (``manifest``)."""
    manifest.update(status="complete", finished=origin.now(), seconds=round(seconds, 3),
                    chunks_computed=chunks_computed, worlds_computed=worlds_computed,
                    runs_per_second=round(worlds_computed / max(seconds, 1e-9)),
                    executor=executor)
    return manifest
