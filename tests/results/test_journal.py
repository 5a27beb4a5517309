"""The parts journal: a chunk's record costs one appended line, never a manifest rewrite.

A run writes its manifest whole twice (at the start and at the end), whatever its number of
chunks; a run stopped after some chunks resumes from the journal's records; a line cut
short by a kill is left out (its chunk recomputed), an edited line is refused naming it.
"""

import pytest

from simulator.model.scenario import load
from simulator.results import writer
from simulator.results.errors import ResultsError
from simulator.results.layout import JOURNAL
from simulator.running import engine

RUNS = 3 * engine.CHUNK_SIZE


def test_the_manifest_is_written_twice_whatever_the_number_of_chunks(tmp_path, monkeypatch):
    writes = []
    original = writer.write_sealed_manifest
    monkeypatch.setattr(writer, "write_sealed_manifest",
                        lambda folder, manifest: (writes.append(1), original(folder, manifest)))
    engine.run(load("baseline"), RUNS, 1, out=tmp_path / "A", workers=1)
    assert len(writes) == 2
    assert not (tmp_path / "A" / JOURNAL).exists()  # sealed into the manifest, then removed
    assert len(engine.load(tmp_path / "A").manifest["parts"]) == 3


def stopped_after_two_chunks(folder, monkeypatch):
    """A run of three chunks killed after writing two (its journal holds their records)."""
    calls = []
    original = writer.FolderWriter.write_chunk

    def write_then_die(self, chunk, outcomes, weekly):
        original(self, chunk, outcomes, weekly)
        calls.append(chunk)
        if len(calls) == 2:
            raise KeyboardInterrupt
    monkeypatch.setattr(writer.FolderWriter, "write_chunk", write_then_die)
    with pytest.raises(KeyboardInterrupt):
        engine.run(load("baseline"), RUNS, 1, out=folder, workers=1)
    monkeypatch.undo()
    return folder


def test_a_stopped_run_resumes_from_its_journal_to_the_same_bytes(tmp_path, monkeypatch):
    folder = stopped_after_two_chunks(tmp_path / "B", monkeypatch)
    assert len((folder / JOURNAL).read_text().splitlines()) == 2
    resumed = engine.run(load("baseline"), RUNS, 1, out=folder, workers=1, resume=True)
    assert resumed.manifest["chunks_computed"] == 1  # the two journaled chunks were kept
    whole = engine.run(load("baseline"), RUNS, 1, out=tmp_path / "C", workers=1)
    assert engine.load(folder).summary() == whole.summary()


def test_a_line_cut_short_is_recomputed_and_an_edited_one_refused(tmp_path, monkeypatch):
    folder = stopped_after_two_chunks(tmp_path / "D", monkeypatch)
    journal = folder / JOURNAL
    first, second = journal.read_text().splitlines()
    journal.write_text(first + "\n" + second[: len(second) // 2])  # killed mid-line
    resumed = engine.run(load("baseline"), RUNS, 1, out=folder, workers=1, resume=True)
    assert resumed.manifest["chunks_computed"] == 2
    edited = stopped_after_two_chunks(tmp_path / "E", monkeypatch)
    journal = edited / JOURNAL
    lines = journal.read_text().splitlines()
    journal.write_text(lines[0].replace('"rows":16384', '"rows":16383') + "\n" + lines[1] + "\n")
    with pytest.raises(ResultsError, match=f"{JOURNAL}: line 1 does not match its sha256"):
        engine.run(load("baseline"), RUNS, 1, out=edited, workers=1, resume=True)
