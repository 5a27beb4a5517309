"""Designs as SALib and EMA Workbench produce them, evaluated without hand edits.

A Saltelli design (floats for whole-number parameters, a ``dummy`` column), an EMA
experiments table (``chain_layers`` names and bookkeeping columns), one argument order
across the API (the old one warned, not broken), EMA's ranges of our own, and EMA's PRIM
on ``discover(...).points``.
"""

import warnings

import numpy as np
import pandas as pd
import pytest

import simulator
from simulator.errors import SimulatorError
from simulator.model.scenario import load
from simulator.running import engine
from simulator.studies import designs, discovery, ema

RUNS = 500


def test_a_saltelli_design_runs_as_salib_gives_it():
    from SALib.sample import sobol as saltelli

    problem = {"num_vars": 3, "names": ["chain.layers", "leader.bluff_share", "dummy"],
               "bounds": [[1, 10], [0, 1], [0, 1]]}
    design = pd.DataFrame(saltelli.sample(problem, 4, calc_second_order=False, seed=1),
                          columns=problem["names"])
    assert not design["chain.layers"].apply(float.is_integer).all()  # SALib's floats
    table = simulator.evaluate("kemp", design, runs=RUNS, seed=3, workers=1)
    assert len(table) == len(design) and "dummy" not in table
    first = design.iloc[0]
    point = {"chain.layers": int(np.rint(first["chain.layers"])),
             "leader.bluff_share": float(first["leader.bluff_share"])}
    alone = engine.run(load("kemp").with_overrides(point), RUNS, 3, workers=1)
    assert table.loc[0, "chain.layers"] == point["chain.layers"]
    assert table.loc[0, "nuclear_use"] == alone.estimates["nuclear_use"].estimate


def test_an_ema_experiments_table_runs_with_its_names_and_bookkeeping():
    design = pd.DataFrame({"chain_layers": [2, 7], "leader_bluff_share": [0.3, 0.8],
                           "scenario": [0, 1], "policy": ["None", "None"], "model": ["m", "m"]})
    table = simulator.evaluate("kemp", design, runs=RUNS, seed=3, workers=1)
    assert list(table["chain.layers"]) == [2, 7] and "scenario" not in table
    expected = simulator.evaluate("kemp", [{"chain.layers": 2, "leader.bluff_share": 0.3},
                                           {"chain.layers": 7, "leader.bluff_share": 0.8}],
                                  runs=RUNS, seed=3, workers=1)
    assert table["nuclear_use"].tolist() == expected["nuclear_use"].tolist()


def test_halves_round_to_even_and_a_bad_value_still_names_the_row():
    assert designs.peer_point({"chain.layers": 4.5, "dummy2": 0.3}) == {"chain.layers": 4}
    assert designs.peer_point({"chain.layers": np.float64(3.7)}) == {"chain.layers": 4}
    with pytest.raises(designs.ExperimentError, match="design row 0"):
        simulator.evaluate("kemp", [{"chain.layers": float("nan")}], runs=100)


def test_the_old_argument_order_warns_and_gives_the_same_table():
    design = [{"chain.layers": 3}]
    with pytest.warns(DeprecationWarning, match="old order"):
        old = simulator.evaluate(design, "kemp", runs=RUNS, seed=2, workers=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        new = simulator.evaluate("kemp", design, runs=RUNS, seed=2, workers=1)
    assert old.equals(new)


def test_the_ema_adapter_takes_ranges_of_ones_own():
    found = ema.model("kemp", uncertainties={"chain.layers": (2, 4),
                                             "leader.bluff_share": (0.1, 0.2)}, runs=100)
    bounds = {u.name: (u.lower_bound, u.upper_bound) for u in found.uncertainties}
    assert bounds == {"chain_layers": (2, 4), "leader_bluff_share": (0.1, 0.2)}
    with pytest.raises(SimulatorError, match="chain.layers: 400 is out of range"):
        ema.model("kemp", uncertainties={"chain.layers": (2, 400)})


def test_emas_prim_runs_on_discovers_points_as_returned():
    from ema_workbench.analysis import prim

    found = discovery.discover("baseline", ["chain.layers=1:10", "leader.bluff_share=0:1"],
                               points=32, runs_per_point=300, seed=1, workers=1)
    x = found.points.drop(columns=[found.outcome])
    y = (found.points[found.outcome] > found.threshold).to_numpy().astype(int)
    box = prim.Prim(x, y).find_box()  # an int64 column fails here: "Invalid value '8.5'"
    box.inspect(style="data")
    assert len(box.peeling_trajectory) > 1
