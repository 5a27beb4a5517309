"""Shards merged: folders of one scenario on distinct seeds summarise as one sample.

The merged estimates must be those of every shard's worlds in one table, the predictive
interval that of every shard's blocks, and what cannot merge (another scenario, another
version, a seed twice, one folder) must be refused naming the folder.
"""

import json

import numpy as np
import pytest

from simulator.cli.entry import main
from simulator.model.scenario import load
from simulator.results import analysis
from simulator.results.batch import JoinedColumns
from simulator.results.errors import ResultsError
from simulator.results.merging import merge
from simulator.results.predictive import predictives
from simulator.results.stats import BlockStats
from simulator.running import engine

RUNS = 3_000


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    root = tmp_path_factory.mktemp("shards")
    folders = []
    for seed in (4, 5, 6, 7):
        folder = root / f"seed-{seed}"
        engine.run(load("kemp"), RUNS, seed, out=folder, workers=1)
        folders.append(folder)
    return folders


def test_four_shards_merge_into_the_summary_of_all_their_worlds(shards):
    merged = merge(shards)
    columns = JoinedColumns([{name: np.asarray(engine.load(folder).columns[name])
                              for name in engine.load(folder).columns.keys()}
                             for folder in shards])
    whole = analysis.summarize(columns)
    assert merged.runs == 4 * RUNS
    for name, est in merged.estimates.items():
        assert est.estimate == pytest.approx(whole[name].estimate, rel=1e-12, abs=1e-12), name
        assert est.n == whole[name].n
    assert merged.estimates["nuclear_use"] == whole["nuclear_use"]  # counts: exactly


def test_uncertain_shards_merge_their_blocks(tmp_path):
    folders = []
    for seed in (1, 2):
        folder = tmp_path / f"u{seed}"
        engine.run(load("kemp"), 1_024, seed, out=folder, workers=1, uncertainty=True)
        folders.append(folder)
    merged = merge(folders)
    blocks = [BlockStats.of(engine.load(f).columns, 0, 256) for f in folders]
    joined = BlockStats(0, *(np.concatenate([getattr(b, k) for b in blocks])
                             for k in ("n", "counts", "means", "m2")))
    expected = predictives(joined, merged.estimates, 256)["nuclear_use"]
    found = merged.predictive["nuclear_use"]
    assert (found.pi_low, found.pi_high, found.blocks) == (expected.pi_low, expected.pi_high, 8)


def test_what_cannot_merge_is_refused_naming_the_folder(shards, tmp_path):
    other = tmp_path / "hodges"
    engine.run(load("hodges"), 1_000, 9, out=other, workers=1)
    with pytest.raises(ResultsError, match=f"{other}: its scenario hash differs"):
        merge([shards[0], other])
    with pytest.raises(ResultsError, match="seed 4 is also"):
        merge([shards[0], shards[0]])
    with pytest.raises(ResultsError, match="two or more"):
        merge([shards[0]])


def test_a_shard_of_another_version_is_refused(shards, monkeypatch):
    """A sealed manifest cannot be edited, so the other version's shard is simulated."""
    from simulator.results import merging

    def other_version(folder):
        batch = engine.load(folder)
        if folder == shards[1]:
            batch.manifest = {**batch.manifest,
                              "versions": {**batch.manifest["versions"], "simulator": "0.1.0"}}
        return batch

    monkeypatch.setattr(merging, "load", other_version)
    with pytest.raises(ResultsError, match=f"{shards[1]}: its simulator version differs"):
        merge(shards[:2])


def test_the_cli_prints_the_merged_summary_and_exits_2_on_a_mismatch(shards, capsys, tmp_path):
    assert main(["merge", *map(str, shards), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["runs"] == 4 * RUNS and [s["seed"] for s in found["shards"]] == [4, 5, 6, 7]
    assert main(["merge", str(shards[0]), str(shards[0])]) == 2
    assert "would count twice" in capsys.readouterr().err
