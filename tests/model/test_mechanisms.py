"""Every mechanism of DESIGN.md section 3 matters: pushing its parameter to an extreme moves
the outcome it governs, in the expected direction, beyond sampling error (paired runs on
common random numbers)."""

import pytest
from support.mechanisms import MECHANISMS, RUNS, SEED, moves_its_outcome, scenario

from simulator.running import engine


@pytest.fixture(scope="module")
def presets():
    return {name: engine.run(scenario(name), RUNS, SEED, workers=1).columns
            for name in ("baseline", "crimea-offensive", "demonstration-answered",
                         "black-sea-demonstration")}


@pytest.mark.parametrize("mechanism", [m[0] for m in MECHANISMS])
def test_mechanism_moves_its_outcome(presets, mechanism):
    moved, diff = moves_its_outcome(mechanism, presets)
    assert moved, (mechanism, diff)
