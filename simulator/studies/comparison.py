"""Scenarios side by side on common random numbers, with paired differences from the first.

Every scenario runs on one seed, so world i of one sees the same draws as world i of
another: their difference is the effect of the assumptions, not of noise. The paired
difference (exact McNemar for yes/no outcomes) is shown beside the unpaired one, which is
what two independent batches would give.
"""

import time
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from simulator import results
from simulator.model.scenario import Scenario
from simulator.results import analysis
from simulator.running import engine
from simulator.studies import experiment_folder
from simulator.studies.designs import ExperimentError, as_scenario, check_outcome

FILES = ("comparison.csv", "comparison.parquet", "comparison.json")
"""What a comparison writes in its folder (beside its manifest)."""


@dataclass
class Comparison:
    """Scenarios run on the same seed, with paired differences from the first.

    Attributes:
        batches: One in-memory batch per scenario, in the order given.
        labels: Each scenario's name in the tables (made unique).
        seed: The common seed.
        runs: Worlds per scenario.
        seconds: Wall time of the simulation.
        folder: Where the table was written, if anywhere.
    """

    batches: list[engine.Batch]
    labels: list[str]
    seed: int
    runs: int
    seconds: float = 0.0
    folder: Path | None = None

    def paired(self, outcome: str, index: int) -> analysis.Difference:
        """Paired difference ``scenario[index] - scenario[0]`` of one outcome."""
        check_outcome(outcome)
        return analysis.paired_difference(self.batches[index].columns[outcome],
                                          self.batches[0].columns[outcome],
                                          binary=outcome in analysis.PROBABILITY_OUTCOMES)

    def unpaired(self, outcome: str, index: int) -> analysis.Difference:
        """The same difference as if the two batches were independent (wider interval)."""
        check_outcome(outcome)
        return analysis.unpaired_difference(self.batches[index].columns[outcome],
                                            self.batches[0].columns[outcome])

    def summary(self) -> dict:
        """Every outcome's estimates and differences from the first, as plain numbers.

        Each scenario's estimate, and its paired (and unpaired) difference from the first:
        what ``compare --json`` prints.
        """
        report = {"seed": self.seed, "runs": self.runs, "scenarios": list(self.labels),
                  "outcomes": {}}
        for name in analysis.OUTCOMES:
            row = {"estimates": {label: b.estimates[name].as_dict()
                                 for label, b in zip(self.labels, self.batches, strict=True)},
                   "paired_difference_from_first": {}, "unpaired_difference_from_first": {}}
            for i in range(1, len(self.batches)):
                row["paired_difference_from_first"][self.labels[i]] = \
                    self.paired(name, i).as_dict()
                row["unpaired_difference_from_first"][self.labels[i]] = \
                    self.unpaired(name, i).as_dict()
            report["outcomes"][name] = row
        return report

    def to_pandas(self):
        """One row per (outcome, scenario): estimate, interval, differences from the first."""
        import pandas as pd

        rows = []
        for name in analysis.OUTCOMES:
            for i, (label, batch) in enumerate(zip(self.labels, self.batches, strict=True)):
                est = batch.estimates[name]
                row = {"outcome": name, "scenario": label, "hash": batch.scenario.hash,
                       "runs": self.runs, "seed": self.seed, "estimate": est.estimate,
                       "ci_low": est.ci_low, "ci_high": est.ci_high}
                for kind, diff in (("paired", self.paired(name, i) if i else None),
                                   ("unpaired", self.unpaired(name, i) if i else None)):
                    row.update({f"{kind}_difference": diff.difference if diff else np.nan,
                                f"{kind}_ci_low": diff.ci_low if diff else np.nan,
                                f"{kind}_ci_high": diff.ci_high if diff else np.nan,
                                f"{kind}_p_value": diff.p_value if diff else np.nan})
                rows.append(row)
        return pd.DataFrame(rows)

    def table(self) -> str:
        """The comparison as the command line prints it."""
        lines = [f"seed {self.seed}, {self.runs:,} worlds each, common random numbers", ""]
        width = max(len(label) for label in self.labels) + 2
        for name in analysis.OUTCOMES:
            percent = name in analysis.PROBABILITY_OUTCOMES
            scale, unit = (100, " pts") if percent else (1, "")
            lines.append(analysis.OUTCOMES[name])
            for i, (label, batch) in enumerate(zip(self.labels, self.batches, strict=True)):
                line = f"  {label:<{width}} {batch.estimates[name].text(percent)}"
                if i:
                    diff, loose = self.paired(name, i), self.unpaired(name, i)
                    line += (f"   vs {self.labels[0]}: {diff.difference * scale:+.2f}{unit} "
                             f"[{diff.ci_low * scale:+.2f}, {diff.ci_high * scale:+.2f}] "
                             f"{diff.p_text}  (unpaired: [{loose.ci_low * scale:+.2f}, "
                             f"{loose.ci_high * scale:+.2f}])")
                lines.append(line)
        lines += ["", "Differences are paired over the same worlds (exact McNemar p for yes/no "
                  "outcomes, paired t for means); the unpaired interval is what two independent "
                  "batches would give."]
        return "\n".join(lines)

    def write(self, out: str | Path, overwrite: bool = False) -> Path:
        """Write ``comparison.csv``, ``comparison.parquet``, ``comparison.json`` and a manifest."""
        folder = experiment_folder.prepare_out(out, overwrite, FILES)
        folder.mkdir(parents=True, exist_ok=True)
        experiment_folder.write_table(folder, "comparison", self.to_pandas(), self.summary())
        manifest = experiment_folder.manifest(
            "compare", self.batches[0].scenario, self.seed, runs=self.runs,
            scenarios=[experiment_folder.scenario_info(b.scenario) for b in self.batches],
            seconds=round(self.seconds, 3))
        results.write_manifest(folder, manifest)
        self.folder = folder
        return folder

    def __repr__(self) -> str:
        return (f"Comparison({', '.join(self.labels)}; runs={self.runs:,}, seed={self.seed}; "
                ".summary(), .to_pandas(), .table())")


def compare(scenarios: Sequence[Scenario | str], runs: int = 10_000, seed: int = 0, *,
            out: str | Path | None = None, overwrite: bool = False, workers: int | None = None,
            dask: str | None = None, executor: Executor | None = None,
            progress: bool = False) -> Comparison:
    """Run scenarios on the same seed and compare each with the first, world by world.

    Raises:
        SimulatorError: fewer than two scenarios, bad options, ``out`` in the way.
    """
    scenarios = [as_scenario(s) for s in scenarios]
    if len(scenarios) < 2:
        raise ExperimentError("compare: give at least two scenarios")
    engine.check_runs(runs)
    experiment_folder.prepare_out(out, overwrite, FILES)
    labels, seen = [], {}
    for scenario in scenarios:
        seen[scenario.name] = seen.get(scenario.name, 0) + 1
        labels.append(scenario.name if seen[scenario.name] == 1
                      else f"{scenario.name}#{seen[scenario.name]}")
    started = time.perf_counter()
    batches = engine.run_many(scenarios, runs, seed, workers=workers, dask=dask,
                              executor=executor, progress=progress)
    result = Comparison(batches, labels, batches[0].seed, runs, time.perf_counter() - started)
    if out is not None:
        result.write(out, overwrite)
    return result
