"""Widgets shared by the pages.

Parameter sliders with their claims, outcome metrics, number formats, and the warnings
for link values the widgets cannot take.

Every setting widget is bound to the URL (``bind="query-params"``), so a link reproduces
the view. Streamlit drops a URL value a widget cannot take and shows the widget's default;
``bad_url_values`` reads the raw values first so the page can say so instead of silently
showing something else.
"""

import math
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

import streamlit as st

from simulator import analysis, claims, params
from ui import i18n
from ui.i18n import tr
from ui.scenarios import preset, presets, short_name, slider_value

BAD_OUTCOMES = {"nuclear_order", "nuclear_use", "nato_involved", "wider_war", "war_ongoing"}
"""Outcomes whose rise is bad news: their change from the preset is shown in red."""
SEED_MAX = 2**31 - 1


def percent(p: float) -> str:
    """A probability as text: two decimals below 1% (rare events matter here), else one."""
    if math.isnan(p):
        return "–"
    if 0 < abs(p) < 0.01:
        return f"{p:.2%}"
    return f"{p:.1%}"


def points(d: float, unit: str = " pts") -> str:
    """A difference of probabilities in percentage points, with its sign."""
    return f"{100 * d:+.2f}{unit}" if abs(d) < 0.01 else f"{100 * d:+.1f}{unit}"


def estimate_text(outcome: str, estimate: analysis.Estimate) -> str:
    """'7.1% [6.6%, 7.6%]' for a probability, '14,390 [14,253, 14,528]' for a mean."""
    if outcome in analysis.PROBABILITY_OUTCOMES:
        return f"{percent(estimate.estimate)} [{percent(estimate.ci_low)}, " \
               f"{percent(estimate.ci_high)}]"
    return estimate.text(percent=False)


def value_text(value: Any) -> str:
    """A parameter value as text (a per-layer list as a list)."""
    return str(value) if isinstance(value, list) else f"{value:g}"


def cited_claims(provenance: Mapping[str, Any]) -> str:
    """'Speaker: « quote »' for each claim a preset cites for one of its values."""
    registry = claims.by_id()
    return " ".join(f"{registry[c].speaker}: « {registry[c].quote} »"
                    for c in provenance.get("claims", []) if c in registry)


def interval(estimate: analysis.Estimate) -> str:
    """'95% interval 0.8% – 1.2%' in the current language."""
    return tr("common.interval", low=percent(estimate.ci_low), high=percent(estimate.ci_high))


def outcome_metric(name: str, estimate: analysis.Estimate,
                   change: analysis.Difference | None = None) -> None:
    """One outcome's probability, its interval, and its paired change from the preset."""
    delta = description = None
    if change is not None:
        delta = points(change.difference)
        description = tr("explore.vs_preset", low=points(change.ci_low, unit=""),
                         high=points(change.ci_high, unit=""))
    with st.container(key=f"metric_{name}"):  # a stable hook for browser tests and bench/
        st.metric(i18n.outcome(name), percent(estimate.estimate), delta=delta,
                  delta_color="inverse" if name in BAD_OUTCOMES else "off",
                  delta_description=description, help=analysis.OUTCOMES[name])
        st.caption(interval(estimate))


# --- link values ------------------------------------------------------------------------

def check_preset(raw: str) -> None:
    """Raise ValueError unless ``raw`` names a preset."""
    if raw not in presets():
        raise ValueError(f"unknown preset; choose one of {', '.join(presets())}")


def check_whole(low: int, high: int) -> Callable[[str], None]:
    """A check that a raw URL value is a whole number from ``low`` to ``high``."""
    def check(raw: str) -> None:
        if not raw.strip().isdigit() or not low <= int(raw) <= high:
            raise ValueError(f"expected a whole number from {low:,} to {high:,}")
    return check


def check_number(low: float, high: float) -> Callable[[str], None]:
    """A check that a raw URL value is a number from ``low`` to ``high``."""
    def check(raw: str) -> None:
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not low <= value <= high:
            raise ValueError(f"expected a number from {low:g} to {high:g}")
    return check


def check_choice(options) -> Callable[[str], None]:
    """A check that a raw URL value is one of ``options``."""
    allowed = [str(option) for option in options]

    def check(raw: str) -> None:
        if raw not in allowed:
            raise ValueError(f"choose one of {', '.join(allowed)}")
    return check


def check_flag(raw: str) -> None:
    """Raise ValueError unless ``raw`` is a toggle's URL value."""
    if raw.lower() not in ("true", "false"):
        raise ValueError("expected true or false")


def check_parameter(name: str) -> Callable[[str], None]:
    """A check against the schema's range for parameter ``name``."""
    def check(raw: str) -> None:
        params.lookup(name).check(raw)
    return check


def bad_url_values(checks: Mapping[str, Callable[[str], None]]) -> dict[str, tuple[str, str]]:
    """``{key: (raw value, reason)}`` for URL values that fail their check.

    A key given several times (a multiselect) reports its last bad value.

    Call before creating the widgets: a widget drops a value it cannot take from the URL.
    """
    problems = {}
    for key, check in checks.items():
        for raw in st.query_params.get_all(key):  # several for a multiselect
            try:
                check(raw)
            except ValueError as error:
                problems[key] = (raw, str(error).removeprefix(f"{key}: "))
    return problems


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'^%@;,?/])")


def plain(text: str) -> str:
    """Text for an element that renders Markdown (st.title, st.info): every mark escaped.

    CommonMark lets any ASCII punctuation be escaped with a backslash, so nothing in the text
    can become a link, an image, emphasis, LaTeX or a Streamlit directive. Line breaks stay.
    """
    return "  \n".join(_MARKDOWN_SPECIAL.sub(r"\\\1", line) for line in text.splitlines())


def warn_bad_url_values(problems: Mapping[str, tuple[str, str]]) -> None:
    """Say which link values were not used and what is shown instead (after the widgets)."""
    for key, (raw, reason) in problems.items():
        shown = st.session_state.get(key)
        fallback = f"`{shown}`" if shown is not None else tr("url.default")
        # the template puts key=value in a code span, where only a backtick could escape
        value = " ".join(raw.split()).replace("`", "'")[:120]
        reason = plain(" ".join(reason.split())[:120])
        st.warning(tr("url.bad_value", key=key, value=value, reason=reason, fallback=fallback),
                   icon=":material/warning:")


# --- parameter sliders ------------------------------------------------------------------

@cache
def slider_step(name: str) -> float:
    """A slider's step: about a hundredth of the range, fine enough for every preset.

    It never depends on the chosen preset: a slider whose step changed would be a new
    widget and lose its value.
    """
    param = params.SCHEMA[name]
    if param.integer:
        return 1
    values = [param.default] + [slider_value(param, preset(p).parameters[name]) for p in presets()]
    step = 10.0 ** math.floor(math.log10((param.high - param.low) / 100))

    def on_grid(value: float) -> bool:
        ticks = (value - param.low) / step
        return abs(ticks - round(ticks)) < 1e-6

    while not all(on_grid(v) for v in values) and step > 1e-6:
        step /= 10
    return step


def slider_decimals(name: str) -> int:
    """Decimals the slider's values need (0 for whole numbers)."""
    return max(0, -math.floor(math.log10(slider_step(name))))


def slider_default(param: params.Param, value: Any) -> float | int:
    """The slider position for a preset value, on the slider's grid."""
    value = slider_value(param, value)
    return value if param.integer else round(value, slider_decimals(param.name))


def _claim_line(claim: claims.Claim) -> str:
    quote = f"« {claim.quote} »"
    paraphrase = claim.paraphrase + tr("common.en_only")
    first, second = (quote, paraphrase) if i18n.language() == "fr" else (paraphrase, quote)
    return f"- **{claim.speaker}**: {first} — *{second}*"


def slider_help(param: params.Param, preset_name: str, preset_value: Any,
                provenance: Mapping[str, Any]) -> str:
    """The tooltip: what the parameter means, its range, and the claims behind it."""
    registry = claims.by_id()
    cited = list(dict.fromkeys([*param.claims, *provenance.get("claims", [])]))
    value_text = f"{slider_default(param, preset_value):g}"
    lines = [param.help + tr("common.en_only"), "",
             f"`{param.name}` · {param.low:g}–{param.high:g} {param.unit} · "
             f"{short_name(preset_name)}: **{value_text}**"]
    if provenance.get("why"):
        lines += ["", f"*{provenance['why']}*"]
    if cited:
        lines += ["", f"**{tr('common.claims')}**"]
        lines += [_claim_line(registry[c]) for c in cited if c in registry]
    if param.assumption:
        lines += ["", f"**{tr('common.assumption')}**: {param.assumption}"]
    return "\n".join(lines)


def parameter_slider(param: params.Param, preset_name: str, preset_value: Any,
                     provenance: Mapping[str, Any]) -> float | int:
    """A slider for one parameter, bound to the URL under the parameter's name.

    Its default is the preset's value, so the link only carries what the user changed.
    Returns the value on the slider's grid (no float noise from the browser's steps).
    """
    decimals = slider_decimals(param.name)
    step = slider_step(param.name)
    kind = int if param.integer else float
    low, high = kind(param.low), kind(param.high)
    value = st.slider(
        f"{i18n.parameter(param.name)} ({param.low:g}–{param.high:g} {param.unit})", low, high,
        slider_default(param, preset_value), step=kind(step),
        format="%d" if param.integer else f"%.{decimals}f", key=param.name,
        bind="query-params", help=slider_help(param, preset_name, preset_value, provenance))
    return value if param.integer else round(value, decimals)
