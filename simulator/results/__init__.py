"""Results: a batch in memory, its estimates, and results folders written and read back.

Layout of a folder::

    manifest.json              scenario, its hash, parameters, seed, runs, versions, timing,
                               a record per part (chunk, seed, scenario hash, rows, sha256)
                               and the manifest's own sha256
    .lock                      held (flock) by the run writing the folder
    outcomes.parquet/          one row per world, a part per chunk (a Parquet dataset)
        part-00000.parquet
    weekly.parquet/            per-week counts (worlds on each rung, events so far), one row
                               per chunk and week with its denominator ``worlds``
        part-00000.parquet

With ``--format csv`` the parts are CSV (``outcomes.csv/part-00000.csv``). pandas reads
``pd.read_parquet("DIR/outcomes.parquet")``; DuckDB reads
``SELECT * FROM 'DIR/outcomes.parquet/*.parquet'``.

A folder cannot silently lie: one run at a time writes it (``lock.FolderLock``, an
``flock`` the kernel drops when the process dies, so a killed run leaves no stale lock);
a part is recorded in the manifest with its sha256 before it is renamed into place; and
``load``, ``summarize`` and ``--resume`` check the manifest's own checksum, its fields
against its scenario hash, and every part against its record, naming what does not match.

The modules: ``layout`` (names and paths), ``errors``, ``files`` (atomic writes,
checksums), ``origin`` (versions, provenance), ``lock``, ``manifest``, ``parts``,
``writer``, ``reading`` (``load``), ``stats`` (``OutcomeStats``, ``BlockStats``),
``predictive`` (predictive intervals of ``--uncertainty`` runs), ``batch`` (``Batch``) and
``analysis`` (estimates). Their public names are importable from here too, each loaded on
first use: ``import simulator.results`` loads no pyarrow, no scipy and no Mesa.
"""

import importlib

_WHERE = {
    "layout": ("FORMATS", "MANIFEST", "LOCK", "WEEKLY_COLUMNS", "KINDS", "part_name",
               "part_paths", "chunk_sizes", "stray_files"),
    "errors": ("ResultsError", "FolderBusyError", "FolderInTheWayError", "OtherBatchError"),
    "files": ("write_atomic", "sha256"),
    "origin": ("versions", "float32_rounding", "provenance", "now"),
    "lock": ("FolderLock", "writer_of"),
    "manifest": ("parameters_hash", "manifest_digest", "read_manifest", "check_manifest",
                 "read_run_manifest", "write_manifest", "write_sealed_manifest",
                 "run_manifest", "complete"),
    "parts": ("write_table", "table_bytes", "file_identity", "read_table", "read_part", "NEVER",
              "CATEGORICAL", "outcome_table", "column_values", "read_column", "column_names",
              "FolderColumns"),
    "writer": ("FolderWriter",),
    "reading": ("load",),
    "stats": ("OutcomeStats", "BlockStats"),
    "predictive": ("Predictive",),
    "batch": ("Batch", "JoinedColumns"),
    "merging": ("merge", "Merged"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}
_MODULE_OF["_write_atomic"] = "files"  # the name studies/experiments.py uses

__all__ = sorted(name for names in _WHERE.values() for name in names)


def __getattr__(name: str):
    """A public name of a results module, imported on first use (see the module list)."""
    if name in _WHERE or name == "analysis":  # a submodule: ``results.analysis.estimate``
        return importlib.import_module(f"{__name__}.{name}")
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"),
                    "write_atomic" if name == "_write_atomic" else name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
