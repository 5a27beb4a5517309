"""An EMA Workbench adapter: the simulator as an ``ema_workbench.Model``.

Every schema parameter is an uncertainty with its own range, so EMA's samplers, PRIM,
feature scoring and Sobol' tools work on the model directly::

    from ema_workbench import perform_experiments
    from simulator import ema

    experiments, outcomes = perform_experiments(ema.model("kemp"), scenarios=50)

Each experiment runs ``runs`` worlds of the scenario with the experiment's values, all on
the same seed (common random numbers), and returns each outcome's estimate.
"""

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

from simulator.errors import SimulatorError
from simulator.model import params
from simulator.model.scenario import Scenario, load
from simulator.running import engine
from simulator.studies import designs


def _identifier(name: str) -> str:
    """EMA names must be Python identifiers: ``chain.layers`` -> ``chain_layers``."""
    return name.replace(".", "_")


def model(scenario: Scenario | str = "baseline",
          uncertainties: Sequence[str] | Mapping[str, tuple[float, float]] | None = None,
          outcomes: Sequence[str] = ("nuclear_use", "nuclear_order", "order_blocked"),
          runs: int = 2_000, seed: int = 0):
    """An ``ema_workbench.Model`` whose function runs ``scenario`` with the sampled values.

    Args:
        scenario: The preset name, scenario file or Scenario the experiments change.
        uncertainties: Parameter names to vary (default: every parameter but the horizon),
            each over its schema range, or ``{name: (low, high)}`` for ranges of your own
            (checked as ``--vary`` checks them); integer parameters become
            ``IntegerParameter``.
        outcomes: Outcomes returned per experiment (``analysis.OUTCOMES``), as estimates.
        runs: Worlds per experiment.
        seed: The seed of every experiment.
    """
    with warnings.catch_warnings():  # ema_workbench warns about optional extras on import
        warnings.simplefilter("ignore")
        from ema_workbench import IntegerParameter, Model, RealParameter, ScalarOutcome

    base = scenario if isinstance(scenario, Scenario) else load(scenario)
    names = list(uncertainties) if uncertainties is not None else \
        [name for name in params.SCHEMA if name != "horizon_weeks"]
    for name in names:
        params.lookup(name)
    bounds = {name: (params.SCHEMA[name].low, params.SCHEMA[name].high) for name in names}
    if isinstance(uncertainties, Mapping):
        bounds.update({v.name: (v.low, v.high) for v in designs.check_varies(
            {name: tuple(pair) for name, pair in uncertainties.items()})})
    wanted = [designs.check_outcome(outcome) for outcome in outcomes]
    runs = engine.check_runs(runs)
    if not wanted:
        raise SimulatorError("outcomes: name at least one outcome")

    def run_experiment(**values: Any) -> dict[str, float]:
        changes = {name: values[name] for name in names if name in values}
        batch = engine.run(base.with_overrides(changes), runs, seed, workers=1)
        return {outcome: batch.estimates[outcome].estimate for outcome in wanted}

    found = Model(f"escalation_{_identifier(base.name).replace('-', '_').replace('+', '_')}",
                  function=run_experiment)
    found.uncertainties = [
        (IntegerParameter if p.integer else RealParameter)(
            _identifier(p.name), *((int(low), int(high)) if p.integer else (low, high)),
            variable_name=p.name)
        for p, (low, high) in ((params.SCHEMA[name], bounds[name]) for name in names)]
    found.outcomes = [ScalarOutcome(outcome) for outcome in wanted]
    return found


__all__ = ["model"]
