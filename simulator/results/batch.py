"""A finished batch in memory (``Batch``): what ``run`` returns and ``load`` reads back."""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from simulator.errors import SimulatorError
from simulator.model import pool
from simulator.model.scenario import Scenario
from simulator.results import analysis
from simulator.results import predictive as intervals
from simulator.results.layout import WEEKLY_COLUMNS
from simulator.results.parts import outcome_table
from simulator.results.stats import BlockStats, OutcomeStats


@dataclass
class Batch:
    """A finished batch: its scenario, seed and every world's outcomes.

    Attributes:
        scenario: What was run.
        seed: The batch seed.
        runs: Number of worlds.
        columns: Outcome columns over worlds (for a folder, read from disk on first use).
        weekly: Per-week counts, shape (weeks, rungs + events + flows).
        folder: Where the results were written, if anywhere.
        seconds: Wall time of the simulation.
        manifest: The results folder's manifest (what would be written for one in memory).
        stats: Per-outcome statistics merged over chunks; the estimates come from them.
        blocks: With ``uncertainty``, the statistics of each block of worlds that shared
            one draw of the ranges (None: from the columns, on first use).
    """

    scenario: Scenario
    seed: int
    runs: int
    columns: Mapping[str, np.ndarray]
    weekly: np.ndarray
    folder: Path | None = None
    seconds: float = 0.0
    manifest: dict = field(default_factory=dict)
    stats: OutcomeStats | None = None
    blocks: BlockStats | None = None

    @cached_property
    def estimates(self) -> dict[str, analysis.Estimate]:
        """Every outcome's estimate with its 95% interval."""
        if self.stats is not None:
            return self.stats.estimates()
        return analysis.summarize(self.columns)

    def summary(self) -> dict[str, dict]:
        """Estimates as plain dicts: ``{outcome: {estimate, ci_low, ci_high, n}}``.

        A run with ``uncertainty`` adds ``pi_low``, ``pi_high`` and ``spread`` to each
        (``Predictive.as_dict``).
        """
        if self.uncertain:
            return {name: found.as_dict() for name, found in self.predictive.items()}
        return {name: est.as_dict() for name, est in self.estimates.items()}

    @property
    def uncertain(self) -> bool:
        """Whether the batch drew its ranged assumptions per block (``--uncertainty``)."""
        return bool(self.manifest.get("uncertainty"))

    @cached_property
    def predictive(self) -> dict[str, intervals.Predictive]:
        """Every outcome's predictive interval and the parts of its spread.

        Only for a batch run with ``uncertainty`` (else SimulatorError): each
        ``Predictive`` has ``.pi_low``, ``.pi_high``, ``.parts`` and ``.text()``.
        """
        if not self.uncertain:
            raise SimulatorError("this batch was run without uncertainty: its assumptions "
                                 "are points, so it has no predictive interval; run it with "
                                 "uncertainty=True (--uncertainty)")
        block_worlds = int(self.manifest["uncertainty"]["block_worlds"])
        blocks = self.blocks
        if blocks is None:  # a folder read back: its columns are on disk
            blocks = BlockStats.of(self.columns, 0, block_worlds)
        return intervals.predictives(blocks, self.estimates, block_worlds,
                                     self.block_views(len(blocks.n)))

    def block_views(self, blocks: int) -> np.ndarray | None:
        """For a pooled view, the view each of the first ``blocks`` blocks lived under.

        Read from the manifest's weights and the seed; None for a single view.
        """
        found = self.manifest.get("pool")
        if not found:
            return None
        weights = [view["weight"] for view in found["views"]]
        return pool.block_views(weights, self.seed, 0, blocks)

    def view_shares(self) -> dict[str, float]:
        """For a pooled view: the share of this batch's worlds each of its views got."""
        found = self.manifest.get("pool")
        if not found:
            raise SimulatorError(f"scenario {self.scenario.name!r} is not a pooled view")
        weights = [view["weight"] for view in found["views"]]
        views = pool.world_views(weights, self.seed, self.runs)
        counts = np.bincount(views, minlength=len(weights))
        return {view["name"]: float(count / self.runs)
                for view, count in zip(found["views"], counts, strict=True)}

    def weekly_shares(self) -> dict[str, np.ndarray]:
        """Per-week share of worlds on each rung and having seen each event so far."""
        shares = self.weekly / self.runs
        return {name: shares[:, i] for i, name in enumerate(WEEKLY_COLUMNS)}

    def chain_funnel(self) -> dict[str, np.ndarray | int]:
        """Orders given over all worlds and weeks, and how many passed each layer.

        The picture of where the chain stops orders; ``executed`` is what passed them all.
        """
        layers = self.scenario.parameters["chain.layers"]
        totals = self.weekly.sum(axis=0)
        index = {name: i for i, name in enumerate(WEEKLY_COLUMNS)}
        issued = int(totals[index["orders_issued"]])
        refused = np.array([totals[index[f"refused_at_{k}"]] for k in range(1, layers + 1)])
        passed = issued - np.cumsum(refused)
        return {"issued": issued, "refused_at": refused, "passed": passed,
                "executed": int(passed[-1]) if layers else issued}

    def to_pandas(self):
        """One row per world as a pandas DataFrame (reads every column of a folder).

        As pandas reads the Parquet files: "never" (no order, no use, no ouster) is missing
        (NaN), not -1, and ``use_kind`` is a category.
        """
        columns = {name: self.columns[name] for name in self.columns}
        return outcome_table(columns, "parquet").to_pandas()

    def __repr__(self) -> str:
        where = f", folder={str(self.folder)!r}" if self.folder else ""
        return (f"Batch({self.scenario.name!r}, runs={self.runs:,}, seed={self.seed}{where}; "
                ".summary(), .to_pandas())")


class JoinedColumns(Mapping):
    """Outcome columns over every world from the chunks' columns, each joined on first use.

    A batch whose summary is all that is read (the statistics are merged per chunk) never
    copies its worlds into one array; a column asked for is joined once, in place of its
    chunks' pieces.
    """

    def __init__(self, chunk_outcomes: Sequence[Mapping[str, np.ndarray]]):
        self._pieces = {name: [outcomes[name] for outcomes in chunk_outcomes]
                        for name in chunk_outcomes[0]}

    def __getitem__(self, name: str) -> np.ndarray:
        pieces = self._pieces[name]
        if len(pieces) > 1:  # two threads may both join it: the same column either way
            pieces = self._pieces[name] = [np.concatenate(pieces)]
        return pieces[0]

    def __iter__(self) -> Iterator[str]:
        return iter(self._pieces)

    def __len__(self) -> int:
        return len(self._pieces)
