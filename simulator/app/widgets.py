"""Widgets shared by the pages.

Parameter sliders with their claims, outcome metrics, number formats, the warnings for
link values the widgets cannot take, the one escaping function for text shown as Markdown
(``plain``), the per-page compute budget and the guard that keeps tracebacks off the page.

Every setting widget is bound to the URL (``bind="query-params"``), so a link reproduces
the view. ``bad_url_values`` checks the raw values before the widgets exist, takes the bad
ones out of the link (a widget handed some of them, e.g. a 400-digit seed, would raise) and
lets the page say so instead of silently showing something else; ``warn_unknown_url_keys``
names the link's keys the page does not use. ``plain_frame`` is ``plain`` for st.table.
"""

import math
import re
import secrets
import string
import unicodedata
from collections.abc import Callable, Hashable, Mapping
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.logger import get_logger

from simulator.app import first_paint, i18n
from simulator.app.i18n import tr
from simulator.app.scenarios import preset, presets, short_name, slider_value
from simulator.evidence import claims
from simulator.model import params
from simulator.results import analysis

BAD_OUTCOMES = {"nuclear_order", "nuclear_use", "nato_involved", "wider_war", "war_ongoing"}
"""Outcomes whose rise is bad news: their change from the preset is shown in red."""
SEED_MAX = 2**31 - 1
PAGE_BUDGET = 200_000
"""Worlds a page simulates without a click (on opening a link or after a setting changes).

Explore's default (every preset at 10,000 worlds) and Compare's (the expert views at 10,000)
fit; a link asking for more shows a warning and a button instead of computing.
"""
SHOWN_CHARS = 120
"""A URL value is shown cut to this many characters."""
_LOG = get_logger(__name__)


def percent(p: float) -> str:
    """A probability as text: two decimals below 1% (rare events matter here), else one.

    '7.6%' in English, '7,6 %' in French (``i18n.fmt_percent``).
    """
    return i18n.fmt_percent(p)


def rounded(p: float) -> str:
    """A share in a sentence, in whole percent as the headline usually is: '78%'.

    A decimal would claim more precision than the assumptions allow. Below 1%, ``percent``.
    """
    return i18n.fmt_percent(p, 0) if 0.01 <= p <= 0.99 else percent(p)


def points(d: float, unit: str = " pts") -> str:
    """A difference of probabilities in percentage points, with its sign."""
    return i18n.fmt_number(100 * d, 2 if abs(d) < 0.01 else 1, sign=True) + unit


def estimate_text(outcome: str, estimate: analysis.Estimate) -> str:
    """'7.1% [6.6%, 7.6%]' for a probability, '14,390 [14,253, 14,528]' for a mean."""
    return i18n.fmt_estimate(outcome, estimate, outcome in analysis.PROBABILITY_OUTCOMES)


def number_text(value: float) -> str:
    """A parameter's number as short as it goes: '0.8', '1500' (French '0,8', '1 500').

    Never in scientific notation. English writes no thousands separator (analysts type these
    values into links); the catalogue's ``format.short_number`` says which form a language uses.
    """
    text = f"{value:g}"
    if "e" in text:
        text = f"{value:.12f}".rstrip("0").rstrip(".")
    grouped = i18n.fmt_number(value, len(text.partition(".")[2]))
    return tr("format.short_number", plain=text, grouped=grouped)


def value_text(value: Any) -> str:
    """A parameter value as text (a per-layer list as a list: '[0.1, 0.2]', '[0,1 ; 0,2]')."""
    if isinstance(value, list):
        return "[" + tr("format.list_separator").join(number_text(v) for v in value) + "]"
    return number_text(value)


def english_passage(text: str) -> str:
    """A text that exists only in English (a modeller's note): labelled so in French."""
    return i18n.english_passage(text)


def cited_claims(provenance: Mapping[str, Any]) -> str:
    """'Speaker: « quote »' for each claim a preset cites for one of its values."""
    registry = claims.by_id()
    return " ".join(f"{i18n.speaker(registry[c].speaker)}{tr('format.colon')} "
                    f"« {registry[c].quote} »"
                    for c in provenance.get("claims", []) if c in registry)


def interval(estimate: analysis.Estimate) -> str:
    """'95% interval 0.8% – 1.2%' in the current language."""
    return tr("common.interval", low=percent(estimate.ci_low), high=percent(estimate.ci_high))


def outcome_metric(name: str, estimate: analysis.Estimate,
                   change: analysis.Difference | None = None, label: str | None = None,
                   help: str | None = None, shown: str | None = None,
                   caption: str | None = None) -> None:
    """One outcome's probability, its interval, and its paired change from the preset.

    ``label`` and ``help`` replace the outcome's short label and its definition; ``shown``
    the number (rounded as its plausible range allows) and ``caption`` the interval's line
    ("" for none: the caller says it in words of its own).
    """
    delta = description = None
    if change is not None:
        delta = points(change.difference)
        description = tr("explore.vs_preset", low=points(change.ci_low, unit=""),
                         high=points(change.ci_high, unit=""))
    with st.container(key=f"metric_{name}"):  # a stable hook for browser tests and bench/
        st.metric(label or i18n.outcome(name), shown or percent(estimate.estimate), delta=delta,
                  delta_color="inverse" if name in BAD_OUTCOMES else "off",
                  delta_description=description,
                  help=help or i18n.outcome_help(name, analysis.OUTCOMES[name]))
        if caption != "":
            st.caption(caption or interval(estimate))


# --- link values ------------------------------------------------------------------------

def check_preset(raw: str) -> None:
    """Raise ValueError unless ``raw`` names a preset."""
    if raw not in presets():
        # French names no ids (they are no French words): the picker lists the presets.
        raise ValueError(tr("url.unknown_preset", options=", ".join(presets())))


def check_whole(low: int, high: int) -> Callable[[str], None]:
    """A check that a raw URL value is a whole number from ``low`` to ``high``.

    ASCII digits only and at most 18 of them: ``int()`` would take other scripts' digits and
    choke on thousands of digits; a number input handed 400 digits or ``1e400`` raises.
    """
    def check(raw: str) -> None:
        digits = re.fullmatch(r"\s*([0-9]{1,18})\s*", raw)
        if digits is None or not low <= int(digits[1]) <= high:
            raise ValueError(tr("url.whole", low=i18n.fmt_number(low),
                                high=i18n.fmt_number(high)))
    return check


def check_number(low: float, high: float) -> Callable[[str], None]:
    """A check that a raw URL value is a number from ``low`` to ``high``."""
    def check(raw: str) -> None:
        # Only digits 0-9: float() alone also reads '1_0' and other scripts' digits.
        value = float(raw) if params.PLAIN_NUMBER.fullmatch(raw.strip()) else math.nan
        if not low <= value <= high:
            raise ValueError(tr("url.number", low=number_text(low), high=number_text(high)))
    return check


def check_choice(options) -> Callable[[str], None]:
    """A check that a raw URL value is one of ``options``."""
    allowed = [str(option) for option in options]

    def check(raw: str) -> None:
        if raw not in allowed:
            raise ValueError(tr("url.choice", options=", ".join(allowed)))
    return check


def check_flag(raw: str) -> None:
    """Raise ValueError unless ``raw`` is a toggle's URL value."""
    if raw.lower() not in ("true", "false"):
        raise ValueError(tr("url.flag"))


def check_parameter(name: str) -> Callable[[str], None]:
    """A check against the schema's range for parameter ``name``."""
    def check(raw: str) -> None:
        try:
            params.lookup(name).check(raw)
        except params.ParameterError as error:
            param = params.SCHEMA[name]
            expected = tr("url.whole" if param.integer else "url.number",
                          low=number_text(param.low), high=number_text(param.high))
            # English keeps the model's own message; French says what is expected.
            raise ValueError(tr("url.out_of_range", error=str(error),
                                expected=expected)) from None
    return check


_REFUSED = "_refused_url_values"
"""Session-state key: bad link values taken out of the URL, kept for the rerun's warnings."""
_SHOWING = "_refused_url_values_shown"
"""Session-state key: the values the run before took out, to be warned about in this run."""
_READ = "_url_keys_read"
"""Session-state key: the link keys this run checked (``bad_url_values``), app.py's too."""


def start_run() -> None:
    """Start a script run (app.py calls it first).

    The link values to warn about in this run are those the run before took out of the link
    (it reran at once), or none.
    """
    st.session_state[_SHOWING] = st.session_state.pop(_REFUSED, {})
    st.session_state[_READ] = set()


def bad_url_values(checks: Mapping[str, Callable[[str], None]]) -> dict[str, tuple[str, str]]:
    """``{key: (raw value, reason)}`` for URL values that fail their check.

    A key given several times (a multiselect) reports its last bad value. Call before
    creating the widgets: the bad values are taken out of the link and the script reruns
    (a widget seeds itself from the link as the run began, and some values make it raise,
    e.g. ``seed=1e400`` an OverflowError), so the widgets show their defaults; the rerun
    returns the values taken out, for ``warn_bad_url_values``.
    """
    problems: dict[str, tuple[str, str]] = {}
    refused = False
    st.session_state.setdefault(_READ, set()).update(checks)
    for key, check in checks.items():
        values = st.query_params.get_all(key)  # several for a multiselect
        bad = set()
        for raw in values:
            try:
                check(raw)
            except (ValueError, ArithmeticError) as error:
                problems[key] = (raw, str(error).removeprefix(f"{key}: "))
                bad.add(raw)
        if bad:
            refused |= _drop_from_link(key, [raw for raw in values if raw not in bad])
    earlier = st.session_state.get(_SHOWING, {})
    if refused:  # this run's values and those already refused (app.py's, say) on the rerun
        st.session_state[_REFUSED] = {**earlier, **problems}
        st.rerun()
    return {**{key: earlier[key] for key in checks if key in earlier}, **problems}


def _drop_from_link(key: str, kept: list[str]) -> bool:
    """Leave only ``kept`` under ``key`` in the link; False if a widget already owns it."""
    try:
        if kept:
            st.query_params[key] = kept
        else:
            del st.query_params[key]
    except StreamlitAPIException:  # bound to a widget this session: it checked the value
        return False
    return True


# Every ASCII punctuation mark: CommonMark lets a backslash escape any of them.
_MARKDOWN_SPECIAL = re.compile(f"([{re.escape(string.punctuation)}])")
# Where GitHub-flavoured Markdown would still make a link out of the (unescaped) text: a
# bare URL's scheme or "www.", an e-mail address's "@". Broader than GFM's own rules.
_AUTOLINK = re.compile(r"(?i)(?:https?|mailto|xmpp|ftp):(?=/*[\w.-]*[.@])|www(?=\.)"
                       r"|@(?=[\w-]+\.)")
_WORD_JOINER = "\u2060"  # invisible and unbreakable, and no word character to GFM
# Bidirectional formatting characters: they can make shown text read differently.
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def plain(text: Any, *, code: bool = False) -> str:
    """Any URL-derived or user-typed value, made inert for an element that renders Markdown.

    The one escaping function for such values (st.markdown, st.title, st.info, st.warning,
    captions, help texts). Control characters and bidirectional marks are dropped.
    Then either:

    - ``code=False``: every ASCII punctuation mark is backslash-escaped (CommonMark allows
      it), so no link, image, HTML tag, emphasis, LaTeX, code span or Streamlit directive
      can start; and bare URLs, ``www.`` names and e-mail addresses, which GitHub-flavoured
      Markdown turns into links even when escaped, get an invisible word joiner after the
      scheme's colon, after ``www`` or after ``@``. Line breaks stay.
    - ``code=True``: one line in a complete code span (include its fences: the template
      must not add backticks), fenced by more backticks than the text's longest run, so a
      backtick in the value cannot close it early. Inside a code span nothing is parsed.
    """
    text = "".join(char for char in str(text) if char in "\n\t" or not (
        char in _BIDI or unicodedata.category(char) == "Cc"))
    if code:
        text = " ".join(text.split())
        fence = "`" * (1 + max((len(run) for run in re.findall("`+", text)), default=0))
        pad = " " if text.startswith("`") or text.endswith("`") or not text else ""
        return f"{fence}{pad}{text}{pad}{fence}"
    text = _AUTOLINK.sub(lambda match: match[0] + _WORD_JOINER, text)
    return "  \n".join(_MARKDOWN_SPECIAL.sub(r"\\\1", line) for line in text.splitlines())


def plain_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` made inert for st.table, which renders every cell and label as Markdown.

    Each text (cells, headers, index labels) goes through ``plain``; numbers stay as they are.

    A name typed as ``![i](http://...)`` would otherwise make every browser showing the
    table fetch that image; shown through this, it reads exactly as typed.
    """
    def cell(value: Any) -> Any:
        return plain(value) if isinstance(value, str) else value

    return frame.map(cell).rename(index=cell, columns=cell).rename_axis(
        index=cell, columns=cell)


def shown_value(raw: Any) -> str:
    """A URL value as a page shows it: one line, cut to SHOWN_CHARS, in an inert code span."""
    text = " ".join(str(raw).split())
    return plain(text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…", code=True)


def warn_bad_url_values(problems: Mapping[str, tuple[str, str]]) -> None:
    """Say which link values were not used and what is shown instead (after the widgets)."""
    first_paint.shown_once(bool(problems))  # the values have left the link
    for key, (raw, reason) in problems.items():
        shown = st.session_state.get(key)
        fallback = shown_value(shown) if shown is not None else tr("url.default")
        reason = plain(" ".join(reason.split())[:SHOWN_CHARS])
        st.warning(tr("url.bad_value", setting=shown_value(f"{key}={raw}"), reason=reason,
                      fallback=fallback), icon=":material/warning:")


def warn_unknown_url_keys(*read: str) -> None:
    """Name the link's keys this page does not use (a typo, an old link), and drop them.

    Without this a mistyped ``?seeed=7`` would be ignored without a word. Known keys: those
    this run checked with ``bad_url_values`` (app.py's language too) and ``read``, the ones
    the page reads without a check. Call it after the page's checks, before any st.stop.
    The keys leave the link (a copied link is clean), so the notice shows once.
    """
    known = st.session_state.get(_READ, set()) | set(read)
    unknown = [key for key in st.query_params if key not in known]
    for key in unknown:
        _drop_from_link(key, [])
    first_paint.shown_once(bool(unknown))
    if unknown:
        st.warning(tr("url.unknown_keys", keys=", ".join(map(shown_value, unknown))),
                   icon=":material/warning:")


# --- compute budget, errors ---------------------------------------------------------------

def within_budget(worlds: int, setting: Hashable, key: str) -> bool:
    """Whether the page may simulate ``worlds`` worlds for ``setting`` now.

    Up to PAGE_BUDGET: yes. Beyond it the page shows a warning naming the budget and a
    button, and says yes once the button is pressed (for this setting, in this session), so
    a link cannot start a large computation on its own.
    """
    approved = st.session_state.setdefault(f"_approved_{key}", set())
    if worlds <= PAGE_BUDGET or setting in approved:
        return True
    st.warning(tr("budget.over", worlds=i18n.number(worlds), budget=i18n.number(PAGE_BUDGET)),
               icon=":material/hourglass_top:")
    if st.button(tr("budget.run", worlds=i18n.number(worlds)), key=f"run_{key}",
                 type="primary", icon=":material/play_arrow:"):
        approved.add(setting)
        return True
    return False


REFRESH_SECONDS = 1.0
"""How often a page showing a first estimate asks whether its full run finished."""


def first_estimate(shown: int, worlds: int, ready: Callable[[], bool]) -> None:
    """Say the numbers are a first estimate; rerun the page once the full run finished."""
    with st.container(key="first_estimate"):
        st.info(tr("runs.first_estimate", first=i18n.number(shown), worlds=i18n.number(worlds)),
                icon=":material/hourglass_top:")
        _rerun_when(ready)


@st.fragment(run_every=REFRESH_SECONDS)
def _rerun_when(ready: Callable[[], bool]) -> None:
    """Rerun the whole page once ``ready()`` (the browser reruns this every few moments)."""
    if ready():
        st.rerun()


def run_guarded(page: Callable[[], None], name: str) -> None:
    """Run a page's body; an unexpected exception becomes a short message, not a traceback.

    The traceback goes to the server log with a short reference that the message quotes.
    st.stop, st.rerun and page switches are not exceptions here (BaseException).
    """
    try:
        page()
    except Exception:
        reference = secrets.token_hex(4)
        _LOG.exception("Page %s failed (reference %s)", name, reference)
        try:
            message = tr("error.unexpected", reference=reference)
        except Exception:  # the failure may be in the labels themselves
            message = i18n.ENGLISH["error.unexpected"].format(reference=reference)
        with st.container(key="page_error"):
            st.error(message, icon=":material/error:")


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
    # French puts the quote (French) first, the paraphrase last on its line.
    return tr("claims.line", speaker=i18n.speaker(claim.speaker), quote=f"« {claim.quote} »",
              paraphrase=i18n.content(claim, "paraphrase"))


def slider_help(param: params.Param, preset_name: str, preset_value: Any,
                provenance: Mapping[str, Any], analyst: bool = True) -> str:
    """The tooltip: what the parameter means, its range, and the claims behind it.

    Kept per parameter, view, value and language: Explore draws 71 of them on every slider
    move, and they only change with the view or the language.
    """
    key = (param.name, preset_name, repr(preset_value), repr(sorted(provenance.items())),
           i18n.language(), analyst)
    text = _SLIDER_HELP.get(key)
    if text is None:
        if len(_SLIDER_HELP) >= 4096:
            _SLIDER_HELP.clear()
        text = _SLIDER_HELP[key] = _slider_help(param, preset_name, preset_value, provenance,
                                                analyst)
    return text


_SLIDER_HELP: dict[tuple, str] = {}


def _slider_help(param: params.Param, preset_name: str, preset_value: Any,
                 provenance: Mapping[str, Any], analyst: bool = True) -> str:
    registry = claims.by_id()
    cited = list(dict.fromkeys([*param.claims, *provenance.get("claims", [])]))
    view = i18n.preset_name(preset_name, short_name(preset_name))
    if analyst:  # the id and the schema's own unit, beside the plain name of the label
        line = tr("explore.slider_range", name=param.name, low=number_text(param.low),
                  high=number_text(param.high), unit=i18n.unit(param.unit), view=view,
                  shown=number_text(slider_default(param, preset_value)))
    else:
        line = tr("explore.preset_value", view=view, value=i18n.parameter_value(
            param.name, slider_default(param, preset_value)))
    lines = [i18n.parameter_help(param), "", line]
    if provenance.get("why"):
        lines += ["", f"*{i18n.why(provenance)}*"]
    if cited:
        lines += ["", f"**{tr('common.claims')}**"]
        lines += [_claim_line(registry[c]) for c in cited if c in registry]
    if param.assumption and (analyst or "`" not in param.assumption):  # no code for students
        lines += ["", f"**{tr('common.assumption')}**{tr('format.colon')} "
                      f"{i18n.assumption(param)}"]
    return i18n.plain_ids("\n".join(lines))


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
        i18n.parameter_label(param.name), low, high,
        slider_default(param, preset_value), step=kind(step), format=slider_format(param),
        key=param.name, bind="query-params",
        help=slider_help(param, preset_name, preset_value, provenance))
    return value if param.integer else round(value, decimals)


# --- the student-ready Explore page: key assumptions and the headline's reason ---------------

def _provenance_lines(param: params.Param, preset_name: str, preset_value: Any,
                      provenance: Mapping[str, Any], shown_value: str) -> list[str]:
    """The preset's value, why it was chosen, the claims behind it (no raw identifiers)."""
    registry = claims.by_id()
    cited = list(dict.fromkeys([*param.claims, *provenance.get("claims", [])]))
    lines = [tr("explore.preset_value", view=i18n.preset_name(preset_name,
                                                              short_name(preset_name)),
                value=shown_value)]
    if provenance.get("why"):
        lines += ["", f"*{i18n.why(provenance)}*"]
    if cited:
        lines += ["", f"**{tr('common.claims')}**"]
        lines += [_claim_line(registry[c]) for c in cited if c in registry]
    if param.assumption and not cited and "`" not in param.assumption:  # no code references
        lines += ["", f"**{tr('common.assumption')}**{tr('format.colon')} {i18n.assumption(param)}"]
    return lines


def slider_format(param: params.Param) -> str:
    """A slider's value format, in the unit students see.

    "percent" (0.15 as 15%), a printf format with the unit's words, or the bare number of a
    plain scale. A count puts its words first ("weeks: %d"), so that its end ticks never
    read "1 weeks".
    """
    if i18n.parameter_unit(param.name).startswith("%"):
        return "percent"
    number = "%d" if param.integer else f"%.{slider_decimals(param.name)}f"
    words = i18n.parameter_unit(param.name).replace("%", "%%")
    if not words:
        return number
    return f"{words}{tr('format.colon')} {number}" if param.integer else f"{number} {words}"


def key_slider(param: params.Param, preset_name: str, preset_value: Any,
               provenance: Mapping[str, Any], fmt: str) -> float | int:
    """A key assumption: the same URL-bound slider as ``parameter_slider``, in plain words.

    Its name and help are the parameter's own (the one name every page uses), then the
    preset's value and the claims behind it; no range in the label, the slider shows it.
    ``fmt`` is its ``slider_format``.
    """
    decimals = slider_decimals(param.name)
    kind = int if param.integer else float
    default = slider_default(param, preset_value)
    help_text = "\n".join([i18n.parameter_help(param), "",
                           *_provenance_lines(param, preset_name, preset_value, provenance,
                                              i18n.parameter_value(param.name, default))])
    value = st.slider(i18n.parameter(param.name), kind(param.low), kind(param.high), default,
                      step=kind(slider_step(param.name)), format=fmt, key=param.name,
                      bind="query-params", help=help_text)
    return value if param.integer else round(value, decimals)


def stopper(result) -> tuple[str, dict[str, str]]:
    """What stops nuclear use most in a run, as a text key and its values.

    ``result`` is a ``runs.RunSummary``. Worlds without use either see no nuclear order at
    all (the leader held back: bluffing, or never desperate enough) or see every order
    refused by the command chain; the larger share names the stopper. Past one world in two
    with use, little stops it. The layer named is the one that refused most orders.
    """
    ordered = np.asarray(result.outcomes["nuclear_order"], dtype=bool)
    used = np.asarray(result.outcomes["nuclear_use"], dtype=bool)
    threats = np.asarray(result.outcomes["nuclear_threats"]) > 0
    if not ordered.any():
        return "explore.why_none", {}
    refused = np.asarray(result.funnel["refused_at"])
    layer = i18n.layer(result.layers[int(np.argmax(refused))]) if refused.sum() else "–"
    values = {"order": rounded(ordered.mean()), "stopped": rounded(result.stopped_share()),
              "layer": layer, "no_order": rounded(1 - ordered.mean())}
    bluffs = (threats & ~ordered).mean()
    values["bluffs"] = tr("explore.why_bluffs", bluffs=rounded(bluffs)) if bluffs else ""
    if used.mean() >= 0.5:
        return "explore.why_nothing", values
    if (~ordered).mean() >= (ordered & ~used).mean():
        return "explore.why_leader", values
    return "explore.why_chain", values
