"""The held-out years, 21 Sep 2023 - Sep 2025: their events as inputs, their record as the test.

``scenarios/record-2023-2025.yaml`` was written and pinned before the model that reads it
(docs/HELD_OUT.md). Its ``scheduled`` entries are what the world did (the fall of
Avdiivka, the Kursk incursion, the permission for deep strikes, the doctrine revision...):
they become a view's scheduled events, over a 156-week horizon. Its ``events`` are what a
world must show to match the record (no nuclear use, Putin in office, the war still
fought...). A view's score is the share of its worlds that match them all: one history is
one draw, so a low share says the view is less supported than one with a higher share, no
more. The score is read once per view and reported with its commit; no parameter may be
changed after looking at it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from simulator.evidence import record
from simulator.model import safe_yaml
from simulator.model.scenario import SCENARIO_DIR, Scenario
from simulator.results import analysis

HELD_OUT_FILE = SCENARIO_DIR / "record-2023-2025.yaml"
_SIZE_KEYS = ("size_km2", "size")


@dataclass(frozen=True)
class HeldOut:
    """The held-out years as the model reads them.

    Attributes:
        horizon: The weeks a world is simulated to reach the file's end (156).
        schedule: The file's ``scheduled`` entries as scenario events (kind, side, date,
            size where the file gives one, the entry's id as label).
        events: The record a world must match (``record.Event``).
    """

    horizon: int
    schedule: tuple[dict, ...]
    events: tuple[record.Event, ...]


def load(path: str | Path = HELD_OUT_FILE) -> HeldOut:
    """Read the held-out file; errors name the entry and the field."""
    document = safe_yaml.load(Path(path), record.RecordError)
    schedule = []
    for entry in document["scheduled"]:
        event = {"kind": entry["kind"], "side": entry["side"], "date": entry["date"],
                 "label": entry["id"]}
        sizes = [entry[key] for key in _SIZE_KEYS if entry.get(key) is not None]
        if sizes:
            event["size"] = sizes[0]
        schedule.append(event)
    events = tuple(record._event(entry, i) for i, entry in enumerate(document["events"]))
    return HeldOut(max(document["weeks"]), tuple(schedule), events)


def scenario_for(view: Scenario, held: HeldOut) -> Scenario:
    """``view`` over the held-out horizon, with the held-out years' events scheduled."""
    longer = view.with_overrides({"horizon_weeks": held.horizon}, name=view.name)
    return longer.with_events(list(held.schedule), name=f"{view.name}+2023-25")


@dataclass(frozen=True)
class ViewScore:
    """One view's score on the held-out years.

    Attributes:
        name: The view.
        per_event: Per record event id, the share of worlds matching it (95% Wilson
            interval: simulation noise only).
        joint: The share of worlds matching every event.
        log_score: The natural log of the joint share (Jeffreys-smoothed, so never -inf).
        worlds, seed: What was run.
    """

    name: str
    per_event: dict[str, analysis.Estimate]
    joint: analysis.Estimate
    log_score: float
    worlds: int
    seed: int


def score_columns(name: str, columns, held: HeldOut, seed: int) -> ViewScore:
    """Score one view's worlds (outcome columns of ``scenario_for``'s runs)."""
    holds = {event.id: event.holds(columns) for event in held.events}
    worlds = len(next(iter(holds.values())))
    every = np.logical_and.reduce(list(holds.values()))
    per_event = {key: analysis.proportion(int(np.count_nonzero(value)), worlds)
                 for key, value in holds.items()}
    matched = int(np.count_nonzero(every))
    return ViewScore(name, per_event, analysis.proportion(matched, worlds),
                     float(np.log(record.smoothed_share(matched, worlds))), worlds, seed)


def score(views: Sequence[Scenario], runs: int = 100_000, seed: int = 2022,
          workers: int | None = None, held: HeldOut | None = None) -> list[ViewScore]:
    """Run every view on the held-out years (common random numbers) and score it."""
    from simulator.running.engine import (
        run,  # the engine loads the model; reading the file does not
    )

    held = held or load()
    scores = []
    for view in views:
        batch = run(scenario_for(view, held), runs=runs, seed=seed, workers=workers)
        scores.append(score_columns(view.name, batch.columns, held, seed))
    return scores


def lines(scores: Sequence[ViewScore], held: HeldOut) -> list[str]:
    """The scores as a table: per view, each record event's share and the joint share."""
    ids = [event.id for event in held.events]
    first = scores[0] if scores else None
    head = (f"The held-out years (21 Sep 2023 - Sep 2025), {first.worlds:,} worlds per view, "
            f"seed {first.seed}; the file's {len(held.schedule)} events scheduled in every "
            "world; 95% intervals: simulation noise only." if first else "No view scored.")
    out = [head, ""]
    for event in held.events:
        out.append(f"  {event.id}: {event.label} ({event.expectation_text()})")
    out.append("")
    width = max(len(i) for i in ids + ["every event (joint)", "log score"]) + 2
    column = max([10, *(len(s.name) + 2 for s in scores)])
    out.append("".ljust(width) + "".join(s.name.rjust(column) for s in scores))
    for key in ids:
        out.append(key.ljust(width) + "".join(f"{s.per_event[key].estimate:.1%}".rjust(column)
                                              for s in scores))
    out.append("every event (joint)".ljust(width)
               + "".join(f"{s.joint.estimate:.1%}".rjust(column) for s in scores))
    out.append("log score".ljust(width)
               + "".join(f"{s.log_score:.3f}".rjust(column) for s in scores))
    return out


def as_json(scores: Sequence[ViewScore]) -> dict:
    """The scores for files and notebooks."""
    return {"views": [{"name": s.name, "worlds": s.worlds, "seed": s.seed,
                       "joint": s.joint.as_dict(), "log_score": s.log_score,
                       "events": {k: e.as_dict() for k, e in s.per_event.items()}}
                      for s in scores]}
