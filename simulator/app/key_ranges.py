"""A key assumption set as a range on Explore: a switch under its slider, then two handles.

The experts' words leave some assumptions open ("less likely than more likely"), and a
student may want to say so too: "the chain refuses somewhere between 20% and 40% of the
time". Under a key assumption's slider, the switch "As a range" shows a two-handle slider
(same units and steps as the point slider). The point slider stays the most likely value
(the range's mode); the run draws a beta-PERT on the two handles (``scenarios.USER_KIND``),
one value per block of 256 worlds, in place of the preset's own range for that assumption.

The handles start at the preset's own range when it has one, else at the point
+-25% (at least a twentieth of the assumption's whole scale each side; ``default_bounds``),
clipped to the assumption's limits. A range that does not hold the point is not used: the
sidebar says so in words (no exception), and the run keeps the preset's own range meanwhile.

Ranges do not travel in Explore's own links (only the point sliders do); "Open in Compare"
and the saved settings carry them, in the setting's spec (``scenarios.Choice``).
"""

import math
from collections.abc import Iterable

import streamlit as st

from simulator.app import i18n, widgets
from simulator.app.i18n import tr
from simulator.model import params, ranges
from simulator.model.scenario import Scenario

SHARE = 0.25
"""Half-width of the handles' start without a preset range: a quarter of the point value..."""
FLOOR = 0.05
"""... but at least this share of the assumption's whole scale (a point at 0 gets a range)."""


def switch_key(name: str) -> str:
    """Session-state key of the "As a range" switch of ``name``."""
    return f"range_on.{name}"


def bounds_key(name: str) -> str:
    """Session-state key of the two handles of ``name``."""
    return f"range.{name}"


def forget(names: Iterable[str]) -> None:
    """Drop the switches and handles (the reset button, a new preset): they start afresh."""
    for name in names:
        st.session_state.pop(switch_key(name), None)
        st.session_state.pop(bounds_key(name), None)


def rangeable(name: str, scenario: Scenario) -> bool:
    """Whether ``name`` may be set as a range on ``scenario``.

    Not the structural assumptions (the horizon, the command layers: one model holds worlds
    of one shape), nor on a pooled view (each block lives under one view and draws that
    view's own ranges, so a range on the pool would not be drawn).
    """
    return name not in ranges.STRUCTURAL and not scenario.pool


def default_bounds(param: params.Param, point: float) -> tuple[float, float]:
    """The handles' start without a preset range: point +-max(25% of it, 5% of the scale).

    Clipped to the assumption's own limits and put on the slider's grid (outwards, so the
    point stays inside).
    """
    half = max(SHARE * abs(point), FLOOR * (param.high - param.low))
    step = widgets.slider_step(param.name)
    # (rounded first: 0.3 / 0.01 is 29.999999999999996 in floating point)
    low = max(param.low, math.floor(round((point - half) / step, 6)) * step)
    high = min(param.high, math.ceil(round((point + half) / step, 6)) * step)
    digits = widgets.slider_decimals(param.name)
    return round(float(low), digits), round(float(high), digits)


def start(param: params.Param, scenario: Scenario, point: float) -> tuple[float, float]:
    """Where the handles start: the preset's own range, else ``default_bounds``."""
    own = scenario.ranges.get(param.name)
    if own is not None:
        digits = widgets.slider_decimals(param.name)
        return round(float(own.low), digits), round(float(own.high), digits)
    return default_bounds(param, point)


def _shown(value: float, fmt: str) -> str:
    """A handle's value as the slider writes it ('30%', '400 km² a week')."""
    return i18n.fmt_percent(value, 0) if fmt == "percent" else fmt % value


def control(param: params.Param, scenario: Scenario, point: float, moved: bool,
            fmt: str) -> tuple[float, float] | None:
    """The switch and, when on, the two handles of one key assumption (in the sidebar).

    Args:
        param: The key assumption.
        scenario: The preset, unchanged (its own range is where the handles start).
        point: The point slider's value: the range's mode.
        moved: Whether the point slider moved off the preset's value (its own range then
            no longer applies, so handles at its bounds are the user's range all the same).
        fmt: The point slider's format ("percent", or a printf format with the unit).

    Returns:
        ``(low, high)`` to draw, or None: the switch is off, the handles sit on the preset's
        own range with the point unmoved (that range, its kind and reasons, stays), or the
        range does not hold the point (said in words under the handles).
    """
    name = param.name
    on = st.toggle(tr("explore.as_range"), key=switch_key(name),
                   help=tr("explore.as_range_help", share=i18n.fmt_percent(SHARE, 0),
                           floor=i18n.fmt_percent(FLOOR, 0)))
    if not on:
        return None
    initial = start(param, scenario, point)
    if bounds_key(name) not in st.session_state:
        st.session_state[bounds_key(name)] = initial
    kind = int if param.integer else float
    low, high = st.slider(tr("explore.range_label", assumption=i18n.parameter(name)),
                          kind(param.low), kind(param.high), key=bounds_key(name),
                          step=kind(widgets.slider_step(name)), format=fmt,
                          help=tr("explore.range_help"))
    digits = widgets.slider_decimals(name)
    low, high = round(low, digits), round(high, digits)
    if not low <= point <= high:
        st.warning(tr("explore.range_outside", low=_shown(low, fmt), high=_shown(high, fmt),
                      point=_shown(point, fmt)), icon=":material/warning:")
        return None
    own = scenario.ranges.get(name)
    if not moved and own is not None and (low, high) == initial:
        return None
    return low, high
