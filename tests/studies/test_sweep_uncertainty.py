"""``sweep --uncertainty``: every design point draws the base's other ranges per block.

Each point's numbers must be those of running that point alone with ``uncertainty=True``
(the varied parameter a point, its range dropped), its predictive interval must hold its
Monte Carlo one, and what cannot be honoured (``--resume``, a design file) is refused.
"""

import json

import pandas as pd
import pytest

from simulator import api
from simulator.cli.entry import main
from simulator.model.scenario import load
from simulator.running import engine
from simulator.studies import sweeps
from simulator.studies.designs import ExperimentError

RUNS = 1_024


def test_each_point_is_its_own_uncertain_run():
    found = api.sweep("baseline", {"west.influence": (0.3, 0.9)}, points=3, runs_per_point=RUNS,
                      seed=2, uncertainty=True)
    table = found.to_pandas()
    for i, row in table.iterrows():
        point = load("baseline").with_overrides({"west.influence": row["west.influence"]})
        assert "west.influence" not in point.ranges  # the varied parameter is a point
        alone = engine.run(point, RUNS, 2, workers=1, uncertainty=True).predictive["nuclear_use"]
        assert (row["nuclear_use"], row["nuclear_use_pi_low"], row["nuclear_use_pi_high"]) == (
            alone.estimate.estimate, alone.pi_low, alone.pi_high), i
        assert row["nuclear_use_pi_low"] <= row["nuclear_use_low"] <= row["nuclear_use_high"] \
            <= row["nuclear_use_pi_high"]
    assert "plausibly" in found.table()


def test_without_the_option_a_sweep_has_no_predictive_columns():
    found = api.sweep("baseline", {"west.influence": (0.3, 0.9)}, points=2, runs_per_point=RUNS)
    assert not any(name.endswith("_pi_low") for name in found.to_pandas().columns)


def test_the_cli_writes_the_predictive_columns_and_refuses_resume(tmp_path, capsys):
    out = tmp_path / "sweep"
    assert main(["sweep", "kemp", "--vary", "chain.layers=3:6", "--points", "2",
                 "--runs-per-point", str(RUNS), "--uncertainty", "--json", "--out",
                 str(out)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert "pi_low" in printed["points"][0]["outcomes"]["nuclear_use"]
    assert "nuclear_use_pi_high" in pd.read_parquet(out / "sweep.parquet").columns
    assert main(["sweep", "kemp", "--vary", "chain.layers=3:6", "--points", "2",
                 "--runs-per-point", str(RUNS), "--uncertainty", "--resume", "--out",
                 str(out)]) == 2
    assert "resume" in capsys.readouterr().err


def test_resume_with_uncertainty_is_refused_in_the_studies(tmp_path):
    with pytest.raises(ExperimentError, match="resume"):
        sweeps.sweep("baseline", {"west.influence": (0.3, 0.9)}, points=2, runs_per_point=RUNS,
                     uncertainty=True, resume=True, out=tmp_path / "sweep")
