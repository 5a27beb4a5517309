"""Scenario discovery: which combinations of assumptions lead to an outcome.

A design of parameter points is run on common random numbers (``sweeps.sweep``); the
points where the outcome exceeds a threshold are the cases of interest, and PRIM (the
Patient Rule Induction Method, EMA Workbench's implementation) or a CART tree (scikit-learn)
finds a box of parameter ranges that holds most of them (coverage) and little else
(density). This answers the analyst's question "what leads to nuclear use?" in ranges a
person can read.
"""

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from simulator.errors import SimulatorError
from simulator.model import params
from simulator.model.scenario import Scenario
from simulator.results import analysis
from simulator.studies import designs, sweeps

METHODS = ("prim", "cart")
MIN_DENSITY = 0.8
"""The box chosen on PRIM's peeling trajectory: the widest (most coverage) whose density is
at least this."""


class DiscoveryError(SimulatorError):
    """A discovery that cannot be run as asked (no case of interest, all cases, ...)."""


@dataclass(frozen=True)
class Box:
    """Parameter ranges where the cases of interest concentrate.

    Attributes:
        limits: For each restricted parameter, its (low, high) inside the box.
        coverage: Share of all cases of interest that fall inside the box.
        density: Share of the points inside the box that are cases of interest.
        mass: Share of all points inside the box.
        ranges: The design's full (low, high) per parameter, to tell a bound from an edge.
        trajectory: PRIM's peeling trajectory (coverage, density, mass, restricted
            dimensions per step); empty for CART.
    """

    limits: Mapping[str, tuple[float, float]]
    coverage: float
    density: float
    mass: float
    ranges: Mapping[str, tuple[float, float]]
    trajectory: Any = None

    def shown(self) -> dict[str, tuple[float, float]]:
        """The limits as the conditions print them, read as inclusive bounds.

        A whole-number parameter's box is its whole numbers inside the limits (a limit of
        7.5 holds 7 and excludes 8: ``<= 7``, never a rounded ``<= 8``); other bounds are
        printed to 3 significant figures. ``Discovery`` states the box's coverage and
        density on these bounds, so what is printed is what holds.
        """
        found = {}
        for name, (low, high) in self.limits.items():
            if name in params.SCHEMA and params.SCHEMA[name].integer:
                found[name] = (float(math.ceil(low - 1e-9)), float(math.floor(high + 1e-9)))
            else:
                found[name] = (float(f"{low:.3g}"), float(f"{high:.3g}"))
        return found

    def conditions(self) -> list[str]:
        """Each restriction in words: ``chain.layers <= 5``, ``2 <= leader.resolve <= 7``."""
        lines = []
        for name, (low, high) in self.shown().items():
            full_low, full_high = self.ranges[name]
            at_low, at_high = low <= full_low, high >= full_high
            if at_low and not at_high:
                lines.append(f"{name} <= {_number(high)}")
            elif at_high and not at_low:
                lines.append(f"{name} >= {_number(low)}")
            else:
                lines.append(f"{_number(low)} <= {name} <= {_number(high)}")
        return lines

    def stated(self, points, interesting: np.ndarray) -> tuple[float, float, float]:
        """Coverage, density and mass of the printed box (``shown``) on the design's points."""
        inside = np.ones(len(points), bool)
        for name, (low, high) in self.shown().items():
            values = points[name].to_numpy(float)
            inside &= (values >= low) & (values <= high)
        cases = interesting.sum()
        density = float(interesting[inside].mean()) if inside.any() else 0.0
        return (float(interesting[inside].sum() / cases) if cases else 0.0, density,
                float(inside.mean()))


@dataclass
class Discovery:
    """A design, its outcome per point, and the box found.

    Attributes:
        outcome: The outcome examined (``nuclear_use``).
        threshold: A point is a case of interest when its estimate exceeds this.
        points: The design as a DataFrame (one column per varied parameter) with the
            outcome's estimate per point in column ``outcome``.
        box: The box found.
        method: ``prim`` or ``cart``.
    """

    outcome: str
    threshold: float
    points: Any
    box: Box
    method: str
    manifest: dict = field(default_factory=dict)

    @property
    def cases(self) -> int:
        """Points where the outcome exceeds the threshold."""
        return int((self.points[self.outcome] > self.threshold).sum())

    def text(self) -> str:
        """The box in plain words, then its statistics."""
        label = analysis.OUTCOMES.get(self.outcome, self.outcome)
        box, what = self.box, _threshold_text(self.outcome, self.threshold)
        lines = [f"Where does \"{label}\" exceed {what}? In {self.cases} of "
                 f"{len(self.points)} design points ({self.method.upper()}).", "",
                 "It concentrates where:"]
        for condition, name in zip(box.conditions(), box.limits, strict=True):
            lines.append(f"  - {condition}   ({params.SCHEMA[name].help})")
        if not box.limits:
            lines.append("  - (no restriction: the cases are spread over the whole design)")
        coverage, density, mass = self.stated
        lines += ["",
                  f"Inside this box {density:.0%} of the points exceed {what} (density); "
                  f"it holds {coverage:.0%} of all such points (coverage) and "
                  f"{mass:.0%} of the design (mass)."]
        return "\n".join(lines)

    @property
    def stated(self) -> tuple[float, float, float]:
        """Coverage, density and mass of the box as printed, on this design's points."""
        interesting = self.points[self.outcome].to_numpy(float) > self.threshold
        return self.box.stated(self.points, interesting)

    def summary(self) -> dict:
        """Plain numbers, for JSON."""
        return {"outcome": self.outcome, "threshold": self.threshold, "method": self.method,
                "points": len(self.points), "cases": self.cases,
                "box": {name: list(bounds) for name, bounds in self.box.limits.items()},
                "shown": {name: list(bounds) for name, bounds in self.box.shown().items()},
                "conditions": self.box.conditions(), **dict(zip(
                    ("coverage", "density", "mass"), self.stated, strict=True)),
                "found": {"coverage": self.box.coverage, "density": self.box.density,
                          "mass": self.box.mass}}


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.3g}"


def _threshold_text(outcome: str, threshold: float) -> str:
    return f"{threshold:.1%}" if outcome in analysis.PROBABILITY_OUTCOMES else f"{threshold:g}"


def find_box(x, interesting: np.ndarray, method: str = "prim",
             min_density: float = MIN_DENSITY) -> Box:
    """The box of ``x``'s columns (a DataFrame) that best isolates the ``interesting`` rows."""
    if method not in METHODS:
        raise DiscoveryError(f"method: {method!r} is not allowed; choose prim or cart")
    interesting = np.asarray(interesting, bool)
    if not 0 < interesting.sum() < len(interesting):
        raise DiscoveryError(
            f"threshold: {interesting.sum()} of {len(interesting)} points are cases of "
            "interest; choose a threshold that splits the points (the median does)")
    ranges = {name: (float(x[name].min()), float(x[name].max())) for name in x.columns}
    if method == "cart":
        return _cart_box(x, interesting, min_density, ranges)
    return _prim_box(x, interesting, min_density, ranges)


def _prim_box(x, interesting, min_density, ranges) -> Box:
    with warnings.catch_warnings():  # ema_workbench warns about optional extras on import
        warnings.simplefilter("ignore")
        from ema_workbench.analysis import prim
    finder = prim.Prim(x.astype(float), interesting.astype(int), peel_alpha=0.05)
    box = finder.find_box()
    trajectory = box.peeling_trajectory
    dense = trajectory[trajectory["density"] >= min_density]
    step = int(dense["coverage"].idxmax()) if len(dense) else int(trajectory["density"].idxmax())
    limits = box.box_lims[step]
    restricted = {}
    for name in x.columns:
        low, high = float(limits.loc[0, name]), float(limits.loc[1, name])
        if low > ranges[name][0] or high < ranges[name][1]:
            restricted[name] = (low, high)
    row = trajectory.loc[step]
    return Box(restricted, float(row["coverage"]), float(row["density"]), float(row["mass"]),
               ranges, trajectory[["coverage", "density", "mass", "res_dim"]])


def _cart_box(x, interesting, min_density, ranges) -> Box:
    from sklearn.tree import DecisionTreeClassifier

    tree = DecisionTreeClassifier(max_depth=4, min_samples_leaf=max(5, len(x) // 40),
                                  random_state=0).fit(x.to_numpy(float), interesting)
    nodes, columns = tree.tree_, list(x.columns)
    leaves = tree.apply(x.to_numpy(float))
    best = None
    for leaf in np.unique(leaves):
        inside = leaves == leaf
        density = interesting[inside].mean()
        coverage = interesting[inside].sum() / interesting.sum()
        key = (density >= min_density, coverage if density >= min_density else density)
        if best is None or key > best[0]:
            best = (key, leaf, coverage, density, inside.mean())
    _, leaf, coverage, density, mass = best
    limits: dict[str, list[float]] = {}
    stack, parents = [0], {}
    while stack:  # walk the tree to find the leaf's ancestors and the side taken at each
        node = stack.pop()
        for child, side in ((nodes.children_left[node], "<="), (nodes.children_right[node], ">")):
            if child != -1:
                parents[child] = (node, side)
                stack.append(child)
    node = leaf
    while node in parents:
        parent, side = parents[node]
        name, cut = columns[nodes.feature[parent]], float(nodes.threshold[parent])
        low, high = limits.setdefault(name, list(ranges[name]))
        limits[name] = [low, min(high, cut)] if side == "<=" else [max(low, cut), high]
        node = parent
    return Box({k: (v[0], v[1]) for k, v in limits.items()}, float(coverage), float(density),
               float(mass), ranges)


def discover(scenario: Scenario | str, vary: Any, *, outcome: str = "nuclear_use",
             threshold: float | None = None, method: str = "prim", points: int = 128,
             runs_per_point: int = 2_000, seed: int = 0, min_density: float = MIN_DENSITY,
             workers: int | None = None, dask: str | None = None,
             progress: bool = False) -> Discovery:
    """Run a Latin-hypercube design over ``vary`` and find where ``outcome`` is high.

    Args:
        scenario: The scenario (or preset name) the points change.
        vary: ``["name=LOW:HIGH", ...]`` or ``{name: (low, high)}``: the assumptions to search.
        outcome: A probability or mean outcome (``analysis.OUTCOMES``).
        threshold: A point is a case of interest when its estimate exceeds this (default:
            the median over the design, so half the points are cases).
        method: ``prim`` (EMA Workbench) or ``cart`` (a scikit-learn tree).
        points: Design points (Latin hypercube).
        runs_per_point: Worlds per point, all on ``seed`` (common random numbers).
        seed: The seed of every point and of the design.
        min_density: The box chosen is the one of most coverage with at least this density.
        workers: Worker processes, as for ``simulator.sweep``.
        dask: A Dask scheduler's address, as for ``simulator.sweep``.
        progress: Show a progress bar on a terminal.
    """
    outcome = designs.check_outcome(outcome)
    if method not in METHODS:
        raise DiscoveryError(f"method: {method!r} is not allowed; choose prim or cart")
    if not 0 < min_density <= 1:
        raise DiscoveryError(f"min_density: {min_density!r}; expected a share from 0 to 1")
    result = sweeps.sweep(scenario, vary, design="lhs", points=points,
                          runs_per_point=runs_per_point, seed=seed, workers=workers, dask=dask,
                          progress=progress)
    frame = result.to_pandas()
    names = [v.name for v in result.varies if not v.dummy]
    design = frame[names]
    values = frame[outcome].to_numpy(float)
    if threshold is None:
        threshold = float(np.median(values))
    box = find_box(design, values > threshold, method, min_density)
    # float columns: EMA Workbench's PRIM writes fractional limits into them (an int64
    # column given 6.5 fails), so the points go to it as they are
    points_frame = design.astype(float).assign(**{outcome: values})
    found = Discovery(outcome, float(threshold), points_frame, box, method)
    found.manifest = {**result.manifest, "kind": "discover", "outcome": outcome,
                      "threshold": float(threshold), "method": method,
                      "min_density": min_density}
    return found


def as_points(design: Sequence[Mapping[str, Any]] | Any) -> list[dict[str, Any]]:
    """A DataFrame or a list of mappings as a list of parameter dicts (one per point)."""
    if hasattr(design, "to_dict"):
        return [dict(row) for row in design.to_dict("records")]
    return [dict(row) for row in design]
