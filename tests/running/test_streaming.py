"""Summary-only batches: statistics folded chunk by chunk, in flat memory, same numbers."""

import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from simulator.errors import SimulatorError
from simulator.model.scenario import load
from simulator.results import analysis
from simulator.running import engine, streaming

ROOT = Path(__file__).resolve().parents[2]
THREE_CHUNKS = 2 * engine.CHUNK_SIZE + 500


def test_a_summary_only_batch_gives_the_summary_of_all_its_worlds_and_keeps_none():
    scenario = load("kemp")
    whole = engine.run(scenario, THREE_CHUNKS, seed=4, workers=1)
    with ThreadPoolExecutor(3) as pool:  # chunks may come back in any order
        streamed = engine.run(scenario, THREE_CHUNKS, seed=4, executor=pool, keep_worlds=False)
    assert streamed.summary() == whole.summary()  # the same floats, to the last bit
    assert np.array_equal(streamed.weekly, whole.weekly)
    direct = analysis.summarize(whole.columns)  # from every world's outcomes at once
    for name, est in streamed.estimates.items():
        if name in analysis.PROBABILITY_OUTCOMES:
            assert est == direct[name], name
        else:
            np.testing.assert_allclose([est.estimate, est.ci_low, est.ci_high],
                                       [direct[name].estimate, direct[name].ci_low,
                                        direct[name].ci_high], rtol=1e-12, err_msg=name)
    with pytest.raises(SimulatorError, match="keep_worlds=False"):
        streamed.columns["nuclear_use"]
    with pytest.raises(SimulatorError, match="keep_worlds=False"):
        streamed.to_pandas()


def test_chunks_folded_in_any_order_give_the_bytes_of_chunk_order():
    parameters = load("hodges").parameters
    parts = [engine.simulate_chunk(parameters, 9, k, 700 + 50 * k).stats for k in range(6)]
    in_order = engine.OutcomeStats.combine(parts)
    for shuffle_seed in range(4):
        arrival = list(range(6))
        random.Random(shuffle_seed).shuffle(arrival)
        fold = streaming.ChunkFold(6, engine.OutcomeStats.merge, engine.OutcomeStats.empty())
        for chunk in arrival:
            fold.add(chunk, parts[chunk])
        total = fold.total
        assert total.n == in_order.n and np.array_equal(total.counts, in_order.counts)
        assert total.means.tobytes() == in_order.means.tobytes(), arrival
        assert total.m2.tobytes() == in_order.m2.tobytes(), arrival


def test_a_fold_refuses_a_chunk_twice_and_a_total_with_a_chunk_missing():
    fold = streaming.ChunkFold(3, lambda a, b: a + b, 0)
    fold.add(1, 10)
    with pytest.raises(SimulatorError, match="chunk 0 of 3 is missing"):
        _ = fold.total
    for chunk in (1, 3, -1):
        with pytest.raises(SimulatorError, match=f"chunk {chunk}: already added or not one"):
            fold.add(chunk, 1)
    fold.add(0, 1)
    fold.add(2, 100)
    assert fold.total == 111


def peak_rss_kib(runs: int) -> int:
    """Whole-process peak RSS of a summary-only `run` (its own parent measures it)."""
    probe = ("import resource, subprocess, sys\n"
             "subprocess.run([sys.executable, '-m', 'simulator', 'run', 'baseline', '--runs', "
             f"'{runs}', '--workers', '1', '--quiet'], check=True, stdout=subprocess.DEVNULL)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    found = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                           text=True, timeout=1800)
    assert found.returncode == 0, found.stderr
    return int(found.stdout)


@pytest.mark.slow
def test_a_summary_only_run_holds_flat_memory_whatever_its_worlds():
    small, large = peak_rss_kib(300_000), peak_rss_kib(3_000_000)
    # keeping the worlds: ~116 bytes each, 300 MB more for the large run (2x the small one)
    assert large <= 1.3 * small, f"peak RSS {large:,} KiB for 3e6 worlds, {small:,} for 3e5"
