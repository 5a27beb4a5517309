"""The worked 10^8-world example of docs/howto/dask.md, at 10^5 worlds: a real scheduler and
two worker processes, four shards on distinct seeds, ``merge``, and the page's reading block
run as written (bench/cluster_example.py measures it at full size)."""

import pandas as pd
import pytest

from bench import cluster_example

WORLDS = 100_000


@pytest.mark.slow
def test_the_worked_example_runs_shards_on_a_cluster_and_merges_them(tmp_path, capsys):
    found = cluster_example.main(["--worlds", str(WORLDS), "--dir", str(tmp_path), "--keep"])
    folders = [tmp_path / "worlds" / f"seed-{seed}" for seed in (1, 2, 3, 4)]
    worlds = [pd.read_parquet(f / "outcomes.parquet", columns=["nuclear_use"]) for f in folders]
    assert [len(w) for w in worlds] == [WORLDS // 4] * 4
    used = sum(int(w["nuclear_use"].sum()) for w in worlds)
    merged = found["merged"]
    assert merged["n"] == WORLDS and merged["estimate"] == pytest.approx(used / WORLDS, abs=1e-12)
    assert found["cluster_cpu"] > 0  # the workers computed the worlds, and were measured
    assert all(f["manifest"] > 0 and f["parts"] == 2 for f in found["folders"])
    printed = capsys.readouterr().out
    assert f"{WORLDS:,} worlds, seeds [1, 2, 3, 4]: P(use) {used / WORLDS:.3%}" in printed
    assert f"seed 1: {WORLDS // 4:,} worlds, P(use) {worlds[0]['nuclear_use'].mean():.3%}" \
        in printed
    assert "worlds x 52 weeks per CPU-second" in printed


def test_the_example_refuses_worlds_that_the_shards_do_not_divide(tmp_path):
    with pytest.raises(SystemExit, match="not a multiple of --shards 4"):
        cluster_example.main(["--worlds", "100001", "--dir", str(tmp_path)])
