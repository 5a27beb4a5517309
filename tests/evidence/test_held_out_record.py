"""The held-out years (scenarios/record-2023-2025.yaml): sourced, well-formed, and pinned.

The file is pre-registered (docs/HELD_OUT.md): it must not change without that page saying
so, since a held-out test that can be edited after a look at the score is no test.
"""

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest

from simulator.evidence import record
from simulator.model import safe_yaml
from simulator.model.scenario import SCENARIO_DIR, list_presets

ROOT = Path(__file__).resolve().parents[2]
HELD_OUT = SCENARIO_DIR / "record-2023-2025.yaml"
KINDS = {"offensive", "nuclear_signal", "incursion", "incursion_end", "western_aid", "doctrine",
         "conventional_signal", "deep_strike", "talks"}
"""The kinds of scheduled event the file uses; Model v3 is to give each a mechanism."""


@pytest.fixture(scope="module")
def held_out() -> dict:
    return safe_yaml.load(HELD_OUT, record.RecordError)


def test_the_file_is_the_one_pinned_in_the_docs():
    pinned = re.search(r"sha256: `([0-9a-f]{64})`", (ROOT / "docs" / "HELD_OUT.md").read_text())
    assert pinned, "docs/HELD_OUT.md must state the held-out file's sha256"
    assert hashlib.sha256(HELD_OUT.read_bytes()).hexdigest() == pinned.group(1), (
        "record-2023-2025.yaml changed: a held-out file may change only for a factual error, "
        "in a commit of its own that updates docs/HELD_OUT.md (see its rules)")


def test_it_is_data_not_a_preset():
    assert "record-2023-2025" not in list_presets()


def test_every_entry_is_dated_within_the_held_out_years_and_sourced(held_out):
    start, end = held_out["start"], held_out["end"]
    assert (start, end) == (dt.date(2023, 9, 21), dt.date(2025, 9, 17))
    entries = held_out["scheduled"] + held_out["events"]
    ids = [entry["id"] for entry in entries]
    assert len(ids) == len(set(ids)), "ids must be unique"
    for entry in entries:
        assert start <= entry["date"] <= end, entry["id"]
        assert entry["mapping"].strip(), entry["id"]
        assert entry["sources"], entry["id"]
        for source in entry["sources"]:
            assert source["publication"] and source["title"], entry["id"]
            assert source["url"].startswith("https://"), entry["id"]  # every source was seen


def test_scheduled_events_name_a_known_kind_and_events_a_known_or_proposed_outcome(held_out):
    for entry in held_out["scheduled"]:
        assert entry["kind"] in KINDS, entry["id"]
        assert entry["side"] in {"russia", "ukraine", "west", "both"}, entry["id"]
    outcomes = set(record.OUTCOME_COLUMNS) | set(held_out["proposed_outcomes"])
    for entry in held_out["events"]:
        assert entry["outcome"] in outcomes, entry["id"]
        assert set(entry["expect"]) <= {"is", "between", "op", "column", "times"}, entry["id"]


def test_the_first_year_record_does_not_reach_into_the_held_out_years():
    # The first year's record may be used for checks while a model is built; nothing of the
    # held-out years may hide in it.
    first = record.default()
    assert all(event.date <= dt.date(2023, 9, 21) for event in first.events)
