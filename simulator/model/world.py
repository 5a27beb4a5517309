"""EscalationModel: every actor of the escalation story, advancing many worlds at once."""

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from mesa import Model
from mesa.datacollection import DataCollector

from simulator.errors import ParameterError
from simulator.model import ladder, params
from simulator.model.agents import (
    Accidents,
    Battlefield,
    China,
    CommandLayer,
    Crises,
    Domestic,
    Leader,
    NuclearOrder,
    RefusalDrivers,
    West,
)
from simulator.model.agents.command_chain import chain_profiles, layer_bases

STREAMS = (
    "red_line", "battle_noise", "crimea_line", "ouster", "successor", "leader_choice", "bluff",
    *(f"layer_{i}" for i in range(1, params.MAX_LAYERS + 1)),
    "nato_response", "wider_war", "china_noise", "accident", "crisis", "crisis_size",
)
"""Every random draw of a week, one uniform per world each, whatever the parameters.

The fixed shape is what gives common random numbers: two scenarios run on the same
seed see the same draws, so their difference is the effect of the assumptions alone.
"""
_STREAM_INDEX = {name: i for i, name in enumerate(STREAMS)}

USE_KINDS = np.array(["none", "demonstration", "tactical"])
from simulator.model.outcomes import WEEKLY_EVENTS, WEEKLY_FLOWS  # noqa: E402, F401


def world_draws(rng: np.random.Generator, n_worlds: int, weeks: int,
                block: int = 512, out: np.ndarray | None = None) -> np.ndarray:
    """Draw all uniforms of a chunk, shape (weeks, streams, worlds).

    They are drawn world by world, so world i's draws are the same whatever the number
    of worlds after it: a single world can be replayed alone. Drawing in blocks of
    worlds keeps the transpose in cache (4x faster than one big copy, same bytes).
    ``out``, an array of that shape to draw into, spares a fresh one's page faults (about
    a sixth of the drawing) when chunk after chunk is drawn.
    """
    shape = (weeks, len(STREAMS), n_worlds)
    if out is None:
        out = np.empty(shape, np.float32)
    elif out.shape != shape or out.dtype != np.float32:
        raise ValueError(f"out: shape {out.shape} {out.dtype}; expected {shape} float32")
    worlds = np.empty((min(block, n_worlds), weeks, len(STREAMS)), np.float32)
    for start in range(0, n_worlds, block):
        size = min(block, n_worlds - start)
        rng.random(out=worlds[:size], dtype=np.float32)
        out[:, :, start : start + size] = worlds[:size].transpose(1, 2, 0)
    return out


STRUCTURAL = ("horizon_weeks", "chain.layers")
"""Parameters that shape the model itself (its weeks, its agents): one value per model."""


class PerWorld(dict):
    """Validated parameter values of several blocks of worlds, merged by ``per_world``."""


def per_world(points: Sequence[Mapping[str, Any]], sizes: Sequence[int]) -> PerWorld:
    """One model's parameters for consecutive blocks of worlds, block k taking ``points[k]``.

    ``points`` are validated parameter sets (``params.validate``) that agree on
    ``STRUCTURAL``. A value they all share stays as it is; one that differs becomes an
    array with one entry per world, which every formula of the model broadcasts, so each
    world computes exactly what it would in a model of its own point. Per-layer refusals
    become one value (or array) per layer.
    """
    first = points[0]
    for name in STRUCTURAL:
        values = {point[name] for point in points}
        if len(values) > 1:
            raise ValueError(f"{name}: points of one model must agree, got {sorted(values)}")

    def spread(values: list) -> Any:
        if all(value == values[0] for value in values[1:]):
            return values[0]
        return np.repeat(np.asarray(values), sizes)

    merged = PerWorld({name: spread([point[name] for point in points]) for name in first
                       if name != "chain.base_refusal"})
    refusal = [point["chain.base_refusal"] for point in points]
    if all(value == refusal[0] for value in refusal[1:]):
        merged["chain.base_refusal"] = refusal[0]
    else:
        bases = [layer_bases(point) for point in points]
        merged["chain.base_refusal"] = [spread(list(layer)) for layer in zip(*bases, strict=True)]
    return merged


def in_float32(parameters: Mapping[str, Any]) -> dict:
    """The parameters as the model computes with them: in float32, like its draws.

    Every state and every week's arithmetic is float32, which halves the memory each
    operation moves (about a quarter less CPU per world than float64). Numbers become
    ``np.float32`` scalars and per-world arrays float32 arrays, so that a point computes the
    same bits alone and in a vectorised design; whole numbers (counts, weeks, layers) stay
    as they are.
    """
    def cast(value):
        if isinstance(value, float | np.floating):
            return np.float32(value)
        if isinstance(value, np.ndarray) and value.dtype.kind == "f":
            return value.astype(np.float32)
        if isinstance(value, list):
            return [cast(item) for item in value]
        return value

    return {name: cast(value) for name, value in parameters.items()}


def model_draws(rng: np.random.Generator, n_worlds: int, weeks: int,
                out: np.ndarray | None = None) -> np.ndarray:
    """The uniforms an ``EscalationModel`` given ``rng`` draws, without building one.

    Mesa's ``Model`` first takes a seed for its own stdlib generator from ``rng``; a bare
    ``Model`` does exactly that (in about 50 microseconds), so the draws stay those of a
    model of its own whatever Mesa takes. ``out``: as in ``world_draws``.
    """
    return world_draws(Model(rng=rng).rng, n_worlds, weeks, out=out)


def _check_whole(parameters: Mapping[str, Any]) -> None:
    """Refuse a mapping that leaves parameters out, naming them (the first few)."""
    missing = [name for name in params.SCHEMA if name not in parameters]
    if missing:
        shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3
                                          else "")
        raise ParameterError(missing[0], f"missing from the parameters given (missing: {shown}); "
                                         "pass every parameter, or params.validate(changes) "
                                         "for the defaults with a few changes")


class EscalationModel(Model):
    """The escalation model over ``n_worlds`` independent worlds (Monte Carlo replications).

    One step is one week; week 0 is the mobilisation week (21 Sep 2022). Each step runs
    the actors in a fixed order: the week's crises arrive, the battlefield moves, domestic
    politics react, the leader chooses (weighing what his officers would do), the command
    chain passes or refuses his order, the leader hears the verdict, the West and China
    respond, and accidents may move a rung. Each actor that moves a world on the ladder does
    so in its turn through ``position``, whose record of the week closes the step.

    ``parameters`` are one scenario's values, or ``per_world``'s merge of several, which
    runs many parameter points in one vectorised pass. ``uniforms`` are the draws to use
    instead of drawing from ``rng`` (``world_draws``' shape), or a list of such arrays for
    consecutive blocks of worlds, so that each block sees the draws of its own chunk without
    first copying them all into one array (a tenth of a Sobol' analysis). ``collect=False``
    skips the weekly DataCollector where only the per-world outcomes are wanted (sweeps,
    sensitivity, designs).

    One scenario's values are checked as ``params.validate`` checks them: an unknown name
    (with the nearest valid one) or a value out of range is a ParameterError naming it and
    what is allowed. The mapping must be whole (None: the defaults): a parameter left out is
    an error naming it, since a model silently run on a default the caller forgot is not the
    scenario asked; ``params.validate(changes)`` makes a whole one from a few changes.

    Attributes:
        p: The full, validated parameter values (arrays over worlds where they differ).
        n_worlds: Number of worlds advanced together.
        week: Weeks simulated so far.
        position: Where each world stands on the ladder; the only writer of its rung.
        rung: Each world's current rung on the ladder (read-only: ``position.move``).
        max_rung: Each world's highest rung so far.
        chain: The command layers, closest to the leader first.
        order: This week's nuclear order as it travels down the chain.
        drivers: This week's reasons for officers to refuse, as the leader assessed them.
        trace: Per-week snapshots of every actor's state (only with ``trace=True``).
    """

    def __init__(
        self,
        parameters: Mapping[str, Any] | None = None,
        n_worlds: int = 1,
        rng: np.random.Generator | int | None = None,
        trace: bool = False,
        uniforms: np.ndarray | Sequence[np.ndarray] | None = None,
        collect: bool = True,
    ):
        super().__init__(rng=rng)
        if not isinstance(parameters, PerWorld):
            if parameters is not None:
                _check_whole(parameters)
            parameters = params.validate({}, base=parameters)
        self.p = in_float32(parameters)
        self.n_worlds = n_worlds
        self.horizon = self.p["horizon_weeks"]
        self.week = 0
        if uniforms is None:
            uniforms = world_draws(self.rng, n_worlds, self.horizon)
        blocks = [uniforms] if isinstance(uniforms, np.ndarray) else list(uniforms)
        shapes = [block.shape for block in blocks]
        if (any(shape[:2] != (self.horizon, len(STREAMS)) for shape in shapes)
                or sum(shape[2] for shape in shapes) != n_worlds):
            raise ValueError(f"uniforms: shapes {shapes}; expected ({self.horizon} weeks, "
                             f"{len(STREAMS)} streams, worlds) with {n_worlds} worlds in all")
        self.uniforms = blocks
        self.position = ladder.Position(n_worlds)
        self.order = NuclearOrder(n_worlds)

        self.crises = Crises(self)
        self.battlefield = Battlefield(self)
        self.domestic = Domestic(self)
        self.west = West(self)
        self.china = China(self)
        self.leader = Leader(self)
        profiles = chain_profiles(self.p["chain.layers"])
        units = [1] * (len(profiles) - 1) + [self.p["chain.units"]]  # parallel units: last layer
        self.chain = [
            CommandLayer(self, level, profile, refusal, n_units)
            for level, (profile, refusal, n_units) in enumerate(
                # From the parameters as given, as per_world does: the same bits either way.
                zip(profiles, layer_bases(parameters), units, strict=True), start=1
            )
        ]
        self.accidents = Accidents(self)

        # One reporter for the whole row: Mesa deep-copies each reporter's value every week.
        self.datacollector = DataCollector(model_reporters={"counts": EscalationModel.counts})
        self.collect = collect
        self.trace: list[dict[str, np.ndarray]] | None = [] if trace else None
        if trace:  # the odds each officer decided with, for the story: gone once he is replaced
            self.order.keep_refusal_faced(len(self.chain))

    @property
    def rung(self) -> np.ndarray:
        """Each world's current rung (``position`` moves it)."""
        return self.position.rung

    @property
    def max_rung(self) -> np.ndarray:
        """Each world's highest rung so far."""
        return self.position.highest

    @property
    def max_conventional_rung(self) -> np.ndarray:
        """Each world's highest conventional rung so far."""
        return self.position.highest_conventional

    @property
    def infrastructure_week(self) -> np.ndarray:
        """The week of each world's first strikes on critical infrastructure (-1: none)."""
        return self.position.infrastructure_week

    @property
    def drivers(self) -> RefusalDrivers | None:
        """This week's reasons for officers to refuse, as the leader read them (None: none)."""
        return self.leader.drivers

    def draw(self, stream: str) -> np.ndarray:
        """This week's uniforms of one stream, one per world, in float32 as drawn (read-only)."""
        index = _STREAM_INDEX[stream]
        if len(self.uniforms) == 1:
            return self.uniforms[0][self.week, index]
        return np.concatenate([block[self.week, index] for block in self.uniforms])

    def step(self):
        """Advance every world by one week."""
        self.crises.step()
        self.battlefield.step()
        self.domestic.step()
        self.leader.step()
        if self.order.issued.any():
            for layer in self.chain:
                layer.step()
        self.leader.hear_verdict()
        self.west.step()
        self.china.step()
        self.accidents.step()
        self.position.end_week(self.week)
        if self.trace is not None:
            self.trace.append(self._snapshot())
        self.week += 1
        if self.collect:
            self.datacollector.collect(self)
        self.running = self.week < self.horizon

    def run(self) -> "EscalationModel":
        """Run every world to the horizon."""
        while self.week < self.horizon:
            self.step()
        # Free the draws now (~65 MB for a full chunk): agents and model refer to each other,
        # so the model itself waits for the cyclic collector, which big arrays do not trigger.
        self.uniforms = None
        return self

    def events(self) -> list[np.ndarray]:
        """Whether each world has seen each event of ``WEEKLY_EVENTS`` so far, in its order."""
        leader = self.leader
        return [leader.orders > 0, leader.nuclear_use, leader.orders_refused > 0,
                self.domestic.ousted, self.west.nato_involved]

    def outcomes(self) -> dict[str, np.ndarray]:
        """One value per world for every outcome, as columns."""
        leader, battlefield = self.leader, self.battlefield
        use_kind = np.where(leader.tactical_use, 2, leader.nuclear_use.astype(np.int8))
        return {
            "nuclear_order": leader.orders > 0,
            "order_week": leader.first_order_week,
            "orders": leader.orders,
            "nuclear_threats": leader.threats,
            "nuclear_use": leader.nuclear_use,
            "use_week": leader.use_week,
            "use_kind": USE_KINDS[use_kind],
            "order_blocked": leader.orders_refused > 0,
            "blocked_layer": leader.first_blocked_layer,
            "orders_blocked": leader.orders_refused,
            "max_rung": self.max_rung,
            "max_conventional_rung": self.max_conventional_rung,
            "infrastructure_week": self.infrastructure_week,
            "final_rung": self.rung,
            "leader_ousted": self.domestic.ousted,
            "ousted_week": self.domestic.ousted_week,
            "successor_ends_war": self.domestic.successor_ends_war,
            "nato_involved": self.west.nato_involved,
            "nato_week": self.west.nato_week,
            "wider_war": self.west.wider_war,
            "war_ongoing": self.rung > ladder.NEGOTIATION,
            "crimea_threatened": battlefield.crimea_threatened,
            "donbass_taken": battlefield.donbass_taken,
            "territory_km2": battlefield.territory_km2.astype(np.float32),
            "territory_nov2022_km2": battlefield.territory_nov2022_km2.astype(np.float32),
            "territory_may2023_km2": battlefield.territory_may2023_km2.astype(np.float32),
            "territory_peak_km2": battlefield.territory_peak_km2.astype(np.float32),
            "territory_change_2024_km2": (battlefield.territory_end2024_km2
                                          - battlefield.territory_end2023_km2),
            "russian_territory_held_km2": battlefield.russian_land_peak_km2,
            "deep_strikes_on_russia": self.crises.count["deep_strike", "ukraine"],
            "doctrine_lowered": leader.doctrine_lowered,
            "encirclement_week": self.crises.first_week["encirclement", "ukraine"],
            "incursion_week": self.crises.first_week["incursion", "ukraine"],
            "china_support": self.china.support.astype(np.float32),
            "west_support": self.west.support.astype(np.float32),
            "accidental_moves": self.accidents.moves,
        }

    def counts(self) -> np.ndarray:
        """This week's counts of rungs, events so far, orders given and refusals per layer."""
        order = self.order
        return np.concatenate([
            np.bincount(self.rung, minlength=len(ladder.RUNGS)),
            [np.count_nonzero(event) for event in self.events()],
            [np.count_nonzero(order.issued)],
            np.bincount(order.blocked_at[order.refused], minlength=params.MAX_LAYERS + 1)[1:],
        ]).astype(np.int64)

    def weekly_counts(self) -> np.ndarray:
        """Per-week counts (``counts``), shape (weeks, rungs + events + flows).

        Counts, not shares, so chunks add up exactly.
        """
        rows = self.datacollector.model_vars["counts"]
        return np.array(rows, dtype=np.int64).reshape(len(rows), -1)

    def _snapshot(self) -> dict[str, np.ndarray]:
        """Copy what the story of a world needs to tell this week."""
        leader, order = self.leader, self.order
        return {
            "week": self.week,
            "rung": self.rung.copy(),
            "territory_km2": self.battlefield.territory_km2.copy(),
            "weekly_gain_km2": self.battlefield.weekly_gain_km2.copy(),
            "crimea_threat": self.battlefield.crimea_threat.copy(),
            "reservists": self.battlefield.reservists,
            "wave_arrived": self.battlefield.wave_arrived,
            "donbass_taken": self.battlefield.donbass_taken.copy(),
            "crises": self.crises.news(),
            "russian_land_km2": self.battlefield.russian_land_km2.copy(),
            "strike_shock": self.battlefield.strike_shock.copy(),
            "setback_km2": self.battlefield.setback_km2.copy(),
            "protest": self.domestic.protest.copy(),
            "weakness": self.domestic.weakness.copy(),
            "ousted": self.domestic.ousted.copy(),
            "desperation": leader.desperation.copy(),
            "option_probabilities": leader.option_probabilities.copy(),
            "choice": leader.choice.copy(),
            "gate_open": leader.gate_open.copy(),
            "bluffed": leader.bluffed.copy(),
            "order_issued": order.issued.copy(),
            "order_kind": order.kind.copy(),
            "blocked_at": order.blocked_at.copy(),
            "executed": order.executed.copy(),
            "refusal_faced": order.refusal_faced.copy(),
            "successor_ends_war": self.domestic.successor_ends_war.copy(),
            "nato_joined": self.west.joined_this_week.copy(),
            "wider_war": self.west.wider_war.copy(),
            "west_support": self.west.support.copy(),
            "china_support": self.china.support.copy(),
            "accident": self.accidents.moved_this_week.copy(),
        }
