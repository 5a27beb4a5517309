"""The nuclear command chain: layers of officers, each of whom may refuse an order.

An order passes the layers one by one (Cheget, General Staff, ... weapon units); the
first refusal blocks it. A layer's refusal probability is
``sigmoid(logit(base) + sum_k weight_k * driver_k)``: the drivers (futility, fear of the
West, the regime's weakness, Western influence, the order's illegitimacy) are shared by
every layer of a world, so refusals are correlated through common causes. With the
drivers fixed, P(execute) is the product of the layers' pass probabilities, the last
layer's being ``1 - refusal ** units`` since one of its parallel units complying is
enough.
"""

from dataclasses import dataclass

import numpy as np
from mesa import Agent

LAYER_NAMES_FIVE = (
    "Cheget holders (Kremlin)",
    "General Staff (Gerasimov)",
    "Warhead release (12th Main Directorate)",
    "Theatre command",
    "Weapon units",
)
DRIVERS = ("futility", "fear_west", "regime_weakness", "western_influence", "illegitimacy")


def layer_names(layers: int) -> list[str]:
    """Name the layers: the five of Kemp's account, or generic names for other counts."""
    if layers == len(LAYER_NAMES_FIVE):
        return list(LAYER_NAMES_FIVE)
    return [f"Layer {i}" for i in range(1, layers)] + ["Weapon units"]


@dataclass
class RefusalDrivers:
    """The 0-1 reasons an officer has to refuse, one array per driver over worlds."""

    futility: np.ndarray
    fear_west: np.ndarray
    regime_weakness: np.ndarray
    western_influence: np.ndarray
    illegitimacy: np.ndarray
    push: np.ndarray
    """The log-odds every layer's refusal is pushed up by: sum of weight * driver."""

    @classmethod
    def of(cls, model) -> "RefusalDrivers":
        """Read this week's drivers off the other actors.

        Futility is how little a strike would gain ("what advantage? None"); fear of the
        West is the chance of a decisive response times the West's resolve; illegitimacy
        is how far the order is from doctrine's case, a threat to Crimea.
        """
        p, n = model.p, model.n_worlds
        drivers = {
            "futility": np.full(n, 1 - p["battlefield.nuclear_effect"]),
            "fear_west": p["west.decisive_response"] * model.west.support,
            "regime_weakness": model.domestic.weakness,
            "western_influence": np.full(n, p["west.influence"]),
            "illegitimacy": 1 - model.battlefield.crimea_threat,
        }
        push = sum(p[f"chain.weight_{name}"] * drivers[name] for name in DRIVERS)
        return cls(**drivers, push=push)


class NuclearOrder:
    """The order of the week, if any, as it travels down the chain.

    Attributes:
        issued: Worlds where the leader gave an order this week.
        target: The rung the order would put the world on (demonstration or tactical).
        alive: Worlds where the order has passed every layer so far.
        blocked_at: The layer (1-based) that refused it, 0 where none did.
    """

    def __init__(self, n_worlds: int):
        self.issued = np.zeros(n_worlds, bool)
        self.target = np.zeros(n_worlds, np.int8)
        self.alive = np.zeros(n_worlds, bool)
        self.blocked_at = np.zeros(n_worlds, np.int8)

    def issue(self, worlds: np.ndarray, target: np.ndarray):
        """Start this week's orders in ``worlds``."""
        self.issued = worlds
        self.target = np.where(worlds, target, 0).astype(np.int8)
        self.alive = worlds.copy()
        self.blocked_at = np.zeros_like(self.blocked_at)

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
        name: Who this layer is.
        units: Parallel units at this layer; one complying is enough.
        base_refusal: Baseline refusal probability per world (lowered where a refusing
            officer has been replaced).
    """

    def __init__(self, model, level: int, name: str, base_refusal: float, units: int):
        super().__init__(model)
        self.level = level
        self.name = name
        self.units = units
        self.base_refusal = np.full(model.n_worlds, float(base_refusal))

    def refusal_probability(self, drivers: RefusalDrivers) -> np.ndarray:
        """One officer's refusal probability: base 0 never refuses, base 1 always does."""
        base = np.clip(self.base_refusal, 1e-300, 1.0)
        with np.errstate(divide="ignore"):
            log_odds = np.log(base) - np.log1p(-base) + drivers.push
        refusal = 1.0 / (1.0 + np.exp(-log_odds))
        return np.where(self.base_refusal <= 0, 0.0, refusal)

    def pass_probability(self, drivers: RefusalDrivers) -> np.ndarray:
        """Chance the order gets through this layer (one unit of ``units`` is enough)."""
        return 1.0 - self.refusal_probability(drivers) ** self.units

    def step(self):
        """Refuse the orders that reached this layer where the draw falls in the refusal."""
        order = self.model.order
        if not order.alive.any():
            return
        refuses = order.alive & (
            self.model.draw(f"layer_{self.level}") >= self.pass_probability(self.model.drivers)
        )
        order.alive &= ~refuses
        order.blocked_at[refuses] = self.level

    def replace_officer(self, worlds: np.ndarray):
        """After a refusal the leader installs a more loyal officer in those worlds."""
        self.base_refusal[worlds] *= self.model.p["chain.purge_factor"]


def pass_probability(layers: list[CommandLayer], drivers: RefusalDrivers) -> np.ndarray:
    """P(an order is carried out) with these drivers: the product over layers."""
    result = np.ones_like(drivers.futility)
    for layer in layers:
        result = result * layer.pass_probability(drivers)
    return result
