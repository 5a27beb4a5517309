"""Shards merged: results folders of one scenario run on distinct seeds, as one summary.

Past the 10^9 worlds one batch allows, or across machines, an analyst runs the same
scenario in shards, one seed each, into folders of their own. Worlds of distinct seeds are
distinct draws of the same process, so the shards' worlds together are one larger sample:
their per-outcome statistics merge exactly (counts add; means and sums of squares combine
as ``OutcomeStats.merge`` does chunk by chunk), and the estimates are those of every
shard's worlds in one table. What must agree is refused otherwise, naming the folder: the
scenario (its hash), the simulator version and the machine's float32 rounding (the same
worlds for the same seed), the ranges drawn; a seed given twice would count its worlds
twice and is refused too.

With ``--uncertainty`` shards, each shard's blocks are draws of the ranges of their own
(block uniforms depend on the seed), so all the shards' blocks together give the merged
predictive interval.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from simulator.results import analysis
from simulator.results import predictive as intervals
from simulator.results.batch import Batch
from simulator.results.errors import ResultsError
from simulator.results.reading import load
from simulator.results.stats import BlockStats, OutcomeStats

AGREE = (("scenario hash", ("scenario", "hash")), ("simulator version", ("versions", "simulator")),
         ("float32 rounding", ("versions", "float32_rounding")), ("ranges", ("uncertainty",)),
         ("horizon", ("parameters", "horizon_weeks")))
"""What every shard's manifest must share, and where it is: (what, path in the manifest)."""


@dataclass(frozen=True)
class Merged:
    """Several shards' worlds as one sample.

    Attributes:
        shards: Each shard's folder, seed and worlds, in the order given.
        scenario: The scenario's name and hash.
        stats: Every shard's statistics merged (in the order given).
        weekly: Per-week counts, summed.
        predictive: With uncertainty shards, each outcome's predictive interval over every
            shard's blocks; else None.
    """

    shards: tuple[dict[str, Any], ...]
    scenario: dict[str, str]
    stats: OutcomeStats
    weekly: np.ndarray
    predictive: dict[str, intervals.Predictive] | None = None

    @property
    def runs(self) -> int:
        """Worlds of every shard together."""
        return self.stats.n

    @property
    def estimates(self) -> dict[str, analysis.Estimate]:
        """Every outcome's estimate over all the shards' worlds, with its 95% interval."""
        return self.stats.estimates()

    def summary(self) -> dict[str, Any]:
        """Plain numbers, as ``summarize --json`` gives a folder's (plus the shards)."""
        outcomes = ({name: found.as_dict() for name, found in self.predictive.items()}
                    if self.predictive is not None
                    else {name: est.as_dict() for name, est in self.estimates.items()})
        return {"scenario": self.scenario["name"], "hash": self.scenario["hash"],
                "runs": self.runs, "shards": list(self.shards), "outcomes": outcomes}

    def lines(self) -> list[str]:
        """The merged summary as ``merge`` prints it."""
        width = max(len(label) for label in analysis.OUTCOMES.values())
        seeds = ", ".join(str(shard["seed"]) for shard in self.shards)
        found = [f"scenario {self.scenario['name']} (hash {self.scenario['hash']}): "
                 f"{len(self.shards)} shards, seeds {seeds}, {self.runs:,} worlds in all", ""]
        for name, est in self.estimates.items():
            text = (self.predictive[name].text() if self.predictive is not None
                    else est.text(name in analysis.PROBABILITY_OUTCOMES))
            found.append(f"  {analysis.OUTCOMES[name]:<{width}}  {text}")
        return [*found, "", "Intervals: 95% over every shard's worlds (Wilson for "
                            "probabilities, Student t for means): simulation noise only"
                + ("; plausibly: the predictive interval over every shard's blocks."
                   if self.predictive is not None else ".")]


def _field(manifest: dict, path: tuple[str, ...]) -> Any:
    value: Any = manifest
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def merge(folders: Sequence[str | Path]) -> Merged:
    """The shards in ``folders`` (each checked as ``load`` checks it) as one summary.

    Raises:
        ResultsError: fewer than two folders; a folder that cannot be read; shards that
            differ in scenario, version, float32 rounding, ranges or horizon, or share a
            seed (each naming the folder and what differs).
    """
    if len(folders) < 2:
        raise ResultsError("merge: give two or more results folders (shards of one scenario "
                           "run on distinct seeds)")
    batches = [load(folder) for folder in folders]
    first = batches[0]
    seen: dict[int, Path] = {}
    for folder, batch in zip(folders, batches, strict=True):
        for what, path in AGREE:
            mine, theirs = _field(batch.manifest, path), _field(first.manifest, path)
            if mine != theirs:
                raise ResultsError(f"{folder}: its {what} differs from {folders[0]}'s "
                                   f"({_short(mine)} against {_short(theirs)}); only shards "
                                   "of one scenario, run by one version, merge")
        if batch.seed in seen:
            raise ResultsError(f"{folder}: seed {batch.seed} is also {seen[batch.seed]}'s; "
                               "the same seed gives the same worlds, which would count twice")
        seen[batch.seed] = Path(folder)
    stats = OutcomeStats.combine(batch.stats for batch in batches)
    weekly = np.sum([batch.weekly for batch in batches], axis=0, dtype=np.int64)
    shards = tuple({"folder": str(folder), "seed": batch.seed, "runs": batch.runs}
                   for folder, batch in zip(folders, batches, strict=True))
    info = first.manifest["scenario"]
    return Merged(shards, {"name": info["name"], "hash": info["hash"]}, stats, weekly,
                  _predictive(batches, stats) if first.uncertain else None)


def _predictive(batches: Sequence[Batch], stats: OutcomeStats) -> dict[str, intervals.Predictive]:
    """Each outcome's predictive interval over every shard's whole blocks (and views)."""
    block_worlds = int(batches[0].manifest["uncertainty"]["block_worlds"])
    parts, views = [], []
    for batch in batches:
        blocks = batch.blocks or BlockStats.of(batch.columns, 0, block_worlds)
        parts.append(blocks)
        found = batch.block_views(len(blocks.n))
        if found is not None:
            views.append(found)
    joined = BlockStats(0, *(np.concatenate([getattr(p, name) for p in parts])
                             for name in ("n", "counts", "means", "m2")))
    return intervals.predictives(joined, stats.estimates(), block_worlds,
                                 np.concatenate(views) if views else None)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
