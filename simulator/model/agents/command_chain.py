"""The nuclear command chain: layers of officers, each of whom may refuse an order.

An order passes the layers one by one (the Kremlin's Cheget holders, the General Staff, the
warhead custodians, theatre command, the weapon units); the first refusal blocks it. A
layer's refusal probability is

    sigmoid(logit(base) + offset + sum_k weight_k * exposure_k * driver_k - loyalty * purges)

The drivers (futility, fear of the West, the regime's fragility, Western influence, the
order's illegitimacy) are shared by every layer of a world, so refusals are correlated
through common causes; each layer is exposed to them differently, as the articles and the
record of warhead custody describe the people at that level. With the drivers fixed,
P(execute) is the product of the layers' pass probabilities, the last layer's being
``1 - refusal ** units`` since one of its parallel units complying is enough. ``base = 0``
never refuses and ``base = 1`` always refuses, whatever the drivers.
"""

from dataclasses import dataclass
from functools import partial
from typing import Any, NamedTuple

import numpy as np
from mesa import Agent
from scipy.special import expit, logit

from simulator.model.agents.subsets import in_worlds

DRIVERS = ("futility", "fear_west", "regime_weakness", "western_influence", "illegitimacy")
DEMONSTRATION, TACTICAL = 0, 1
"""The two kinds of order; each has its own drivers (legitimacy, the response it invites)."""


@dataclass(frozen=True)
class LayerProfile:
    """Who sits at one layer and what moves them.

    Attributes:
        name: Who this layer is, as users read it.
        offset: Log-odds added to the typical officer's base refusal (negative = more loyal).
        exposure: 0-1 sensitivity to each driver, in the order of ``DRIVERS``.
        claims: Claim ids describing this layer.
        why: The modeller's reading behind the numbers (no source gives refusal rates).
    """

    name: str
    offset: float
    exposure: tuple[float, float, float, float, float]
    claims: tuple[str, ...]
    why: str


CHEGET = LayerProfile(
    "Cheget holders (Kremlin)", -1.0, (0.3, 0.5, 1.0, 0.2, 0.3),
    ("reporting-cheget", "hodges-life-after-putin"),
    "The president's inner circle: chosen for loyalty (offset -1), moved above all by "
    "whether the regime will last ('life after Putin').")
GENERAL_STAFF = LayerProfile(
    "General Staff (Gerasimov)", 0.0, (1.0, 1.0, 0.7, 0.3, 0.6),
    ("reporting-general-staff", "hodges-what-advantage", "hodges-us-involvement",
     "hodges-whole-general-staff"),
    "Professional planners: Hodges' officers who see no military advantage and fear the "
    "American response, so futility and fear weigh fully.")
CUSTODIANS = LayerProfile(
    "Warhead custodians (12th Main Directorate)", 0.0, (0.2, 0.5, 0.5, 0.5, 1.0),
    ("reporting-thwarted",),
    "Tactical warheads sit in central storage and must be released and moved by their "
    "custodians (public record of Russian warhead custody); they follow procedure, so an "
    "order outside doctrine weighs most.")
THEATRE = LayerProfile(
    "Theatre command", 0.0, (1.0, 0.7, 0.3, 0.5, 0.5),
    ("kemp-some-refuse",),
    "Commanders at the front judge the battlefield effect first: futility weighs fully.")
UNITS = LayerProfile(
    "Weapon units", 1.0, (0.3, 0.5, 0.3, 1.0, 1.0),
    ("reporting-codes", "kemp-west-worked-on", "kemp-some-refuse"),
    "Individual commanders who receive the codes: the least vetted (offset +1) and the ones "
    "the West works on, but one unit complying of several is enough.")
EXTRA = LayerProfile(
    "Additional command layer", 0.0, (0.6, 0.6, 0.6, 0.6, 0.6),
    (), "A layer beyond the five of Kemp's account, with a middling profile.")

FIVE_LAYERS = (CHEGET, GENERAL_STAFF, CUSTODIANS, THEATRE, UNITS)
_SHORTER = {1: (UNITS,), 2: (GENERAL_STAFF, UNITS), 3: (CHEGET, GENERAL_STAFF, UNITS),
            4: (CHEGET, GENERAL_STAFF, CUSTODIANS, UNITS)}


def chain_profiles(layers: int) -> tuple[LayerProfile, ...]:
    """The layers of a chain of this length, closest to the leader first.

    Shorter chains keep the layers an order cannot skip (the units, then the General Staff,
    the Cheget holders, the custodians); longer ones add middling layers before the units.
    """
    if layers in _SHORTER:
        return _SHORTER[layers]
    return FIVE_LAYERS[:-1] + (EXTRA,) * (layers - len(FIVE_LAYERS)) + (UNITS,)


def layer_names(layers: int) -> list[str]:
    """Name each layer of a chain of this length; repeated kinds are numbered."""
    names = [profile.name for profile in chain_profiles(layers)]
    extra = names.count(EXTRA.name)
    if extra > 1:
        numbers = iter(range(1, extra + 1))
        names = [f"{n} {next(numbers)}" if n == EXTRA.name else n for n in names]
    return names


def layer_bases(values) -> list:
    """Each layer's refusal probability when no driver argues against the order.

    One number per layer, or one array (a value per world) where the worlds' parameters
    differ (``simulator.model.world.per_world``).
    """
    refusal = values["chain.base_refusal"]
    if isinstance(refusal, list):
        return list(refusal)
    layers = chain_profiles(values["chain.layers"])
    if np.ndim(refusal):
        return [expit(logit(refusal) + profile.offset) for profile in layers]
    return [float(expit(logit(refusal) + profile.offset)) for profile in layers]


class DriverWeights(NamedTuple):
    """One layer's log-odds of refusal per unit of each driver (weight x exposure), by name.

    The fields are ``DRIVERS``, in their order. Each is a number, or one per world where the
    worlds' weights differ.
    """

    futility: Any
    fear_west: Any
    regime_weakness: Any
    western_influence: Any
    illegitimacy: Any


def _power(base: np.ndarray, exponent) -> np.ndarray:
    """``base ** exponent``, rounded alike whether the exponent is one number or one per world.

    numpy squares by multiplying for one exponent of 2 but calls pow() for an array of them,
    so an array is taken one distinct value at a time, as a Python number: a numpy integer
    would raise float32 to float64 and round differently.
    """
    if not np.ndim(exponent):
        return base ** exponent
    result = np.empty_like(base)
    for value in np.unique(exponent):
        worlds = exponent == value
        result[..., worlds] = base[..., worlds] ** value.item()
    return result


@dataclass
class RefusalDrivers:
    """The 0-1 reasons an officer has to refuse, one array per driver over worlds.

    ``fear_west`` and ``illegitimacy`` have one row per kind of order (demonstration,
    tactical): a detonation over the sea invites a smaller response and kills no one.
    ``worlds`` says which worlds they were read for (indices; None: every world): the
    leader needs them only where his nuclear options are open, often a few worlds in a
    hundred, and the logistic of five layers is the costliest part of a week.
    """

    futility: np.ndarray
    fear_west: np.ndarray
    regime_weakness: np.ndarray
    western_influence: np.ndarray
    illegitimacy: np.ndarray
    worlds: np.ndarray | None = None

    def at(self, values):
        """``values`` (one per world, or one for all) for the worlds the drivers were read for."""
        return in_worlds(values, self.worlds)

    @classmethod
    def of(cls, model, worlds: np.ndarray | None = None) -> "RefusalDrivers":
        """Read this week's drivers off the other actors.

        Futility is how little a strike would gain: Ukraine's forces are hardest to hit when
        its offensive has stalled. Fear of the West is the chance of a decisive response to
        this kind of order times the West's engagement. Fragility is the regime's (Domestic).
        Western influence grows with the West's engagement. Illegitimacy is how far the order
        is from doctrine's case, a threat to Crimea.
        """
        p = model.p
        west, battlefield = model.west, model.battlefield
        at = partial(in_worlds, worlds=worlds)
        support = at(west.support)
        outside_doctrine = 1 - at(battlefield.crimea_threat)
        return cls(
            futility=1 - at(p["battlefield.nuclear_effect"]) * at(battlefield.offensive_intensity),
            fear_west=np.stack([at(west.response_chance(DEMONSTRATION)),
                                at(west.response_chance(TACTICAL))]) * support,
            regime_weakness=at(model.domestic.fragility),
            western_influence=at(p["west.influence"]) * support,
            illegitimacy=np.stack([at(p["chain.demonstration_illegitimacy"]) * outside_doctrine,
                                   outside_doctrine]),
            worlds=worlds,
        )


class NuclearOrder:
    """The order of the week, if any, as it travels down the chain.

    Attributes:
        issued: Worlds where the leader gave an order this week.
        kind: DEMONSTRATION or TACTICAL, per world.
        alive: Worlds where the order has passed every layer so far.
        blocked_at: The layer (1-based) that refused it, 0 where none did.
        refusal_faced: Only when kept (``keep_refusal_faced``): shape (layers, worlds), the
            P(refuse) each layer faced when it decided on this week's order, NaN where the
            order did not reach it. A refusal replaces the officer, so the odds he faced
            cannot be read back afterwards.
    """

    def __init__(self, n_worlds: int):
        self.issued = np.zeros(n_worlds, bool)
        self.kind = np.zeros(n_worlds, np.int8)
        self.alive = np.zeros(n_worlds, bool)
        self.blocked_at = np.zeros(n_worlds, np.int8)
        self.refusal_faced: np.ndarray | None = None

    def keep_refusal_faced(self, layers: int):
        """Record the odds each layer decides with (for a traced run: the story tells them)."""
        self.refusal_faced = np.full((layers, len(self.issued)), np.nan, np.float32)

    def issue(self, worlds: np.ndarray, kind: np.ndarray):
        """Give an order of ``kind`` in ``worlds``; no order elsewhere."""
        self.issued = worlds
        self.kind = np.where(worlds, kind, 0).astype(np.int8)
        self.alive = worlds.copy()
        self.blocked_at = np.zeros_like(self.blocked_at)
        if self.refusal_faced is not None:
            self.refusal_faced.fill(np.nan)

    @property
    def executed(self) -> np.ndarray:
        """Worlds where the order passed every layer."""
        return self.issued & self.alive

    @property
    def refused(self) -> np.ndarray:
        """Worlds where some layer refused the order."""
        return self.issued & ~self.alive


class CommandLayer(Agent):
    """One layer of officers who must agree before a nuclear weapon is used.

    Attributes:
        level: Position in the chain, 1 = closest to the leader.
        profile: Who sits here and what moves them.
        units: Parallel units at this layer; one complying is enough.
        base_refusal: Refusal probability with no driver, before any purge (a number, or
            one per world).
        purges: Officers replaced at this layer so far, per world.
        assessed: This week's chance an order of each kind gets through, shape (2, worlds
            assessed), in the worlds the chain was assessed in: no order can be given elsewhere.
        assessed_worlds: Those worlds (indices; None: every world).
    """

    def __init__(self, model, level: int, profile: LayerProfile, base_refusal, units):
        super().__init__(model)
        self.level = level
        self.profile = profile
        self.name = profile.name
        self.units = units
        self.base_refusal = base_refusal
        # logit(0) = -inf and logit(1) = +inf: the logistic below then gives exactly 0 or 1,
        # whatever the drivers.
        self._base_log_odds = np.asarray(logit(base_refusal), np.float32)[()]
        self.purges = np.zeros(model.n_worlds, np.int8)
        p = model.p
        self._weights = DriverWeights(*(p[f"chain.weight_{d}"] * e
                                        for d, e in zip(DRIVERS, profile.exposure, strict=True)))
        self.assessed = np.ones((2, model.n_worlds), np.float32)
        self.assessed_worlds: np.ndarray | None = None

    def refusal_probability(self, drivers: RefusalDrivers) -> np.ndarray:
        """One officer's refusal probability per kind of order, shape (2, drivers' worlds)."""
        at, w = drivers.at, DriverWeights(*(drivers.at(weight) for weight in self._weights))
        # The drivers shared by both kinds of order first, then those of each kind (2, worlds).
        common = (at(self._base_log_odds) + w.futility * drivers.futility
                  + w.regime_weakness * drivers.regime_weakness
                  + w.western_influence * drivers.western_influence
                  - at(self.model.p["chain.purge_loyalty"]) * at(self.purges))
        log_odds = common + w.fear_west * drivers.fear_west + w.illegitimacy * drivers.illegitimacy
        return expit(log_odds)

    def pass_probability(self, drivers: RefusalDrivers) -> np.ndarray:
        """Chance an order of each kind gets through this layer, shape (2, drivers' worlds)."""
        return 1.0 - _power(self.refusal_probability(drivers), drivers.at(self.units))

    def assess(self, drivers: RefusalDrivers):
        """Work out this week's pass probabilities once; the leader and the order read them.

        Only in the drivers' worlds: after the first weeks these are a few in a thousand, and
        spreading five layers' chances over every world cost more than computing them.
        """
        self.assessed, self.assessed_worlds = self.pass_probability(drivers), drivers.worlds

    def step(self):
        """Refuse the orders that reached this layer where the draw falls in the refusal.

        Worked out in the assessed worlds only (``assessed_worlds``): every array named
        ``*_there`` has one entry per assessed world; ``refusing`` are world indices.
        """
        order, worlds = self.model.order, self.assessed_worlds
        if not order.alive.any():
            return
        there = partial(in_worlds, worlds=worlds)
        passes_there = np.where(there(order.kind) == DEMONSTRATION, self.assessed[0],
                                self.assessed[1])
        reached_there = there(order.alive)
        if order.refusal_faced is not None:
            faced = np.where(reached_there, 1 - passes_there, np.nan)
            order.refusal_faced[self.level - 1, slice(None) if worlds is None else worlds] = faced
        refuses_there = reached_there & (there(self.model.draw(f"layer_{self.level}"))
                                         >= passes_there)
        # The few refusing worlds' indices, not a mask over every world.
        refusing = (np.flatnonzero(refuses_there) if worlds is None
                    else worlds[refuses_there])
        order.alive[refusing] = False
        order.blocked_at[refusing] = self.level

    def replace_officer(self, worlds: np.ndarray):
        """After a refusal the leader installs a more loyal officer in those worlds.

        The replacement is more willing (``chain.purge_loyalty`` log-odds), but the reasons
        to refuse still reach him: a purge never switches the drivers off.
        """
        self.purges[worlds] += 1


def spread(values: np.ndarray, worlds: np.ndarray | None, n_worlds: int) -> np.ndarray:
    """Chances of ``worlds`` (indices; None: all) over every world, 1 outside them."""
    if worlds is None:
        return values
    result = np.ones((*values.shape[:-1], n_worlds), values.dtype)
    result[..., worlds] = values
    return result


def execute_probability(layers: list[CommandLayer]) -> np.ndarray:
    """P(an order of each kind is carried out) this week: the product over layers.

    Multiplied in the worlds the chain was assessed in, then spread once: 1 x 1 elsewhere
    changes no bit.
    """
    if not layers:
        return np.ones((2, 1), np.float32)
    executes_there = np.ones_like(layers[0].assessed)
    for layer in layers:
        executes_there = executes_there * layer.assessed
    return spread(executes_there, layers[0].assessed_worlds, layers[0].model.n_worlds)
