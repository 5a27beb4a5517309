"""Compare: presets and saved settings side by side, with paired differences.

Every scenario runs on the same seed, so a difference from the first one is computed world
by world (common random numbers): its interval is far narrower than two separate batches.

The page opens with a digest: the outcomes that differ most from the first scenario, in
plain words and percentage points, and a chart of those differences; the full tables are
folded below. Every number goes through ``simulator.app.i18n``'s formats (French: '7,6 %').

A link can name any scenarios: the page takes at most MAX_SCENARIOS of them, and a
comparison over the page's compute budget (widgets.PAGE_BUDGET worlds) waits for a click.

As on Explore, every scenario's run draws its ranges (the presets' and any the user set on
Explore, carried in the setting's spec) unless the switch "Draw the assumptions' ranges" is
off (``?compare_ranges=false``, as ``?ranges=false`` on Explore: each page keeps its own
keys, like ``compare_worlds``): "Open in Compare" passes Explore's switch and shows its
numbers. Block b of every scenario draws the same quantiles of the assumptions they range
alike, so the differences stay paired (``engine.run_many(..., uncertainty=True)``). Each
scenario's plausible range is said in words beside its estimate; with two expert views or
more, one sentence says how much of their pooled spread is their disagreement
(``simulator.studies.uncertainty``).
"""

import math
from functools import partial

import pandas as pd
import streamlit as st

from simulator.app import compare_charts, i18n, links, plausible, runs, widgets
from simulator.app.i18n import tr
from simulator.app.scenarios import (
    SAVED_SETTINGS,
    Choice,
    describe,
    differences_from_baseline,
    preset,
    presets,
    short_name,
)
from simulator.results import analysis

# (Comments, not docstrings: Streamlit's magic would print a bare string on the page.)
MAX_SCENARIOS = 10  # scenarios compared at once (the first ones a link lists)
DIGEST_SIZE = 4  # outcomes the digest names (those that differ most from the reference)


def _label(choice: Choice) -> str:
    if not choice.is_preset:
        return choice.spec
    return i18n.preset_name(choice.preset, short_name(choice.preset))


def _decimals(magnitude: float) -> int:
    """Decimals for a mean of this size: 0 from 100, 1 from 10, 2 from 1, else 3."""
    magnitude = abs(magnitude)
    return 0 if magnitude >= 100 else 1 if magnitude >= 10 else 2 if magnitude >= 1 else 3


def _resolved_decimals(diff: analysis.Difference, most: int) -> int:
    """No more decimals than the interval resolves: two significant digits of its half-width.

    A difference of -0.922 [-1.081, -0.764] knows its second decimal at best: -0.92.
    """
    half = (diff.ci_high - diff.ci_low) / 2
    if not half > 0:
        return most
    return max(0, min(most, 1 - math.floor(math.log10(half))))


def digest_sentence(row: dict, reference: str) -> str:
    """'**Hodges**: nuclear use is 9.8 points less likely than under **Baseline** (...)'."""
    d = row["diff"].difference
    return tr("compare.digest_less" if d < 0 else "compare.digest_more",
              view=widgets.plain(row["view"]), reference=widgets.plain(reference),
              outcome=i18n.outcome_plain(row["outcome"]),
              points=i18n.fmt_number(abs(100 * d), 2 if abs(d) < 0.01 else 1),
              p=i18n.fmt_percent(row["p"]), p_ref=i18n.fmt_percent(row["p_ref"]))


def _parse(spec: str) -> Choice:
    """A scenario from its spec; ValueError (in words) for anything Compare cannot run."""
    try:
        choice = Choice.parse(spec)
        hash(choice)  # TypeError for a per-layer list: no cache key, no spec to show
    except ArithmeticError as error:
        raise ValueError(str(error)) from error
    except TypeError as error:
        raise ValueError(tr("compare.per_layer")) from error
    return choice


def _difference_text(name: str, diff: analysis.Difference, reference: float) -> str:
    """'+1.2 pts [+0.5, +1.9]' for a probability; a mean's in its own unit, never '7e-05'."""
    if name in analysis.PROBABILITY_OUTCOMES:
        decimals = 2 if abs(diff.difference) < 0.01 else 1
        return f"{i18n.fmt_points(diff.difference)} " + i18n.fmt_interval(
            i18n.fmt_number(100 * diff.ci_low, decimals, sign=True),
            i18n.fmt_number(100 * diff.ci_high, decimals, sign=True))
    decimals = _resolved_decimals(diff, _decimals(max(abs(reference), abs(diff.difference))))
    return f"{i18n.fmt_number(diff.difference, decimals, sign=True)} " + i18n.fmt_interval(
        i18n.fmt_number(diff.ci_low, decimals, sign=True),
        i18n.fmt_number(diff.ci_high, decimals, sign=True))


def _estimate_text(name: str, estimate: analysis.Estimate) -> str:
    return i18n.fmt_estimate(name, estimate, name in analysis.PROBABILITY_OUTCOMES)


def _pick() -> tuple[list[Choice], int, int, bool]:
    """The scenarios (bad specs dropped with a warning), worlds, seed and ranges switch."""
    problems = widgets.bad_url_values({
        "compare_worlds": widgets.check_choice(runs.WORLD_OPTIONS),
        "compare_seed": widgets.check_whole(0, widgets.SEED_MAX),
        "compare_ranges": widgets.check_flag,
    })
    # The multiselect keeps the first MAX_SCENARIOS a link lists (max_selections).
    listed = list(dict.fromkeys(st.query_params.get_all("scenarios")))
    too_many = len(listed) if len(listed) > MAX_SCENARIOS else 0
    linked = [*listed[:MAX_SCENARIOS], *st.session_state.get("scenarios", [])]
    options = list(dict.fromkeys([*presets(), *st.session_state.get(SAVED_SETTINGS, []),
                                  *linked]))
    experts = [name for name in presets() if name == "baseline" or preset(name).speaker]
    # Bound by hand (simulator.app.links): the link carries preset names and specs, the picker shows
    # presets by their names in the page's language.
    if "scenarios" not in st.session_state:
        st.session_state["scenarios"] = listed[:MAX_SCENARIOS] or experts
    names = {name: _label(Choice(name)) for name in presets()}
    specs = st.multiselect(tr("compare.pick"), options, key="scenarios",
                           accept_new_options=True, max_selections=MAX_SCENARIOS,
                           format_func=lambda spec: names.get(spec, spec),
                           help=tr("compare.pick_help"))
    links.write("scenarios", specs, experts)
    left, right = st.columns(2)
    worlds = left.select_slider(tr("common.worlds"), runs.WORLD_OPTIONS,
                                value=runs.DEFAULT_WORLDS, key="compare_worlds",
                                bind="query-params")
    seed = right.number_input(tr("common.seed"), 0, widgets.SEED_MAX, 0, key="compare_seed",
                              bind="query-params", help=tr("common.seed_help"))
    drawn = st.toggle(tr("explore.ranges"), value=True, key="compare_ranges", bind="query-params",
                      help=tr("compare.ranges_help"))
    widgets.warn_bad_url_values(problems)
    widgets.warn_unknown_url_keys("scenarios")
    if too_many:
        st.warning(tr("compare.too_many", n=too_many, cap=MAX_SCENARIOS),
                   icon=":material/warning:")
    chosen = []
    for spec in specs:
        try:
            chosen.append(_parse(spec))
        except ValueError as error:
            st.warning(tr("compare.bad_spec", spec=widgets.shown_value(spec),
                          error=widgets.plain(" ".join(str(error).split())[:widgets.SHOWN_CHARS])),
                       icon=":material/warning:")
    return list(dict.fromkeys(chosen)), worlds, int(seed), drawn


def _cell(name: str, result: runs.RunSummary) -> str:
    """An outcome's estimate and interval, then its plausible range when the run drew one."""
    text = _estimate_text(name, result.estimates[name])
    found = plausible.predictive(result, name)
    if found is None or name not in analysis.PROBABILITY_OUTCOMES:
        return text
    return tr("compare.cell_range", estimate=text, range=plausible.range_text(found))


def _side_by_side(labels: list[str], results: list[runs.RunSummary]) -> pd.DataFrame:
    return pd.DataFrame(
        {label: [_cell(name, result) for name in analysis.OUTCOMES]
         for label, result in zip(labels, results, strict=True)},
        index=[i18n.outcome(name) for name in analysis.OUTCOMES])


def _plausible(chosen: list[Choice], labels: list[str], results: list[runs.RunSummary],
               drawn: bool) -> None:
    """Each scenario's chance of nuclear use and its plausible range, in words.

    Then, with two expert views or more (presets with a speaker), how much of their pooled
    spread is their disagreement, their own ranges and noise (``runs.views_spread``).
    """
    st.subheader(tr("compare.plausible_title"))
    colon = tr("format.colon")  # French puts a space before a colon
    lines = [f"- **{widgets.plain(label)}**{colon} "
             + (plausible.sentence(result) if drawn else
                tr("compare.noise_line", p=plausible.value(result),
                   noise=plausible.noise(result.estimates["nuclear_use"])))
             for label, result in zip(labels, results, strict=True)]
    with st.container(key="compare_plausible"):
        st.markdown("\n".join(lines))
        if not drawn:
            st.caption(tr("compare.ranges_off"))
    experts = [(label, result) for choice, label, result in zip(chosen, labels, results,
                                                                strict=True)
               if choice.is_preset and preset(choice.preset).speaker]
    spread = (runs.views_spread([label for label, _ in experts],
                                [result for _, result in experts]) if len(experts) > 1
              else None)
    if spread is not None:
        parts = spread.parts
        found = plausible.digits(spread.estimate, spread.pi_high - spread.pi_low)
        st.markdown(tr("compare.disagree", n=len(experts),
                       p=i18n.fmt_percent(spread.estimate, found),
                       range=tr("plausible.range", low=i18n.fmt_number(100 * spread.pi_low, found),
                                high=i18n.fmt_number(100 * spread.pi_high, found)),
                       disagreement=i18n.fmt_percent(parts["disagreement"], 0),
                       ranges=i18n.fmt_percent(parts["assumptions"], 0),
                       simulation=i18n.fmt_percent(parts["simulation"], 0)))


def _differences(labels: list[str], results: list[runs.RunSummary]) -> pd.DataFrame:
    reference = results[0]
    return pd.DataFrame(
        {label: [_difference_text(name, runs.difference(result, reference, name),
                                  reference.estimates[name].estimate)
                 for name in analysis.OUTCOMES]
         for label, result in zip(labels[1:], results[1:], strict=True)},
        index=[i18n.outcome(name) for name in analysis.OUTCOMES])


def _description(choice: Choice, label: str) -> None:
    """One scenario on a page: its summary and every value that differs from the baseline."""
    scenario = choice.scenario()
    st.markdown(f"#### {widgets.plain(label)}")
    title, summary = describe(choice.preset, i18n.language())
    speaker = f" — {i18n.speaker(scenario.speaker)}" if scenario.speaker else ""
    st.markdown(f"**{title}**{speaker}" + (f"  \n{summary}" if summary else ""))
    rows = [{
        tr("common.parameter"): i18n.parameter(param.name),
        tr("common.baseline"): i18n.parameter_value(param.name, base),
        tr("common.value"): i18n.parameter_value(param.name, value),
        tr("common.why"): i18n.why(source),
        tr("common.claims"): widgets.cited_claims(source),
    } for param, base, value, source in differences_from_baseline(scenario)]
    if rows:
        st.table(pd.DataFrame(rows).set_index(tr("common.parameter")))
    else:
        st.caption(tr("compare.same_as_baseline"))


def _downloads(chosen: list[Choice], labels: list[str], results: list[runs.RunSummary],
               worlds: int, seed: int) -> None:
    def outcomes_csv() -> str:
        tables = [runs.outcome_table(result, results[0] if i else None).assign(scenario=label)
                  for i, (label, result) in enumerate(zip(labels, results, strict=True))]
        return pd.concat(tables).to_csv(index=False)

    def scenarios_yaml() -> str:
        return "---\n".join(choice.scenario().to_yaml() for choice in chosen)

    left, right = st.columns(2)
    left.download_button(tr("download.outcomes"), data=outcomes_csv, key="download_comparison",
                         file_name=f"comparison-{worlds}w-seed{seed}.csv", mime="text/csv",
                         on_click="ignore", icon=":material/table:")
    right.download_button(tr("download.scenario"), data=scenarios_yaml, key="download_scenarios",
                          file_name="scenarios.yaml", mime="application/yaml",
                          on_click="ignore", icon=":material/description:")


st.title(tr("compare.title"))
st.markdown(tr("compare.intro"))
chosen, worlds, seed, drawn = _pick()
if len(chosen) < 2:
    st.info(tr("compare.need_two"))
    st.stop()
if not widgets.within_budget(len(chosen) * worlds, (tuple(chosen), worlds, seed, drawn),
                             "compare"):
    st.stop()

labels = [_label(choice) for choice in chosen]
# A long run shows its first worlds at once, then reruns the page when it has them all.
shown = runs.worlds_now(chosen, worlds, seed, uncertainty=drawn)
if shown < worlds:
    widgets.first_estimate(shown, worlds, partial(runs.ready, chosen, worlds, seed,
                                                  uncertainty=drawn))
results = [runs.summary(choice, shown, seed, uncertainty=drawn) for choice in chosen]
_plausible(chosen, labels, results, drawn)

st.subheader(tr("compare.digest", reference=widgets.plain(labels[0])))
# Nuclear use, the app's question, leads; the other outcomes follow by size.
rows = runs.largest_differences(labels, results, DIGEST_SIZE, first="nuclear_use")
with st.container(key="compare_digest"):
    if rows:
        lines = [digest_sentence(row, labels[0]) for row in rows]
        if rows[0]["outcome"] != "nuclear_use":
            lines.insert(0, tr("compare.digest_use_same", reference=widgets.plain(labels[0])))
        st.markdown("\n".join(f"- {line}" for line in lines))
    else:
        st.markdown(tr("compare.digest_same", reference=widgets.plain(labels[0])))
    st.caption(tr("compare.digest_caption")
               + (" " + tr("compare.digest_caption_ranges") if drawn else ""))
if rows:
    st.markdown(f"**{tr('compare.chart')}**")
    chart_rows = [{"outcome": i18n.outcome(row["outcome"]), "view": label,
                   "difference": diff.difference, "low": diff.ci_low, "high": diff.ci_high}
                  for row in rows for label, _, diff in row["all"]]
    st.plotly_chart(compare_charts.differences(chart_rows, labels[0]), key="compare_chart")
    st.caption(tr("compare.interval_caption"))
with st.expander(tr("compare.full_tables")):
    st.markdown(f"**{tr('compare.outcomes')}**")
    st.table(_side_by_side(labels, results))
    st.markdown(f"**{tr('compare.differences', reference=widgets.plain(labels[0]))}**")
    st.table(_differences(labels, results))
    st.caption(tr("compare.interval_caption"))
_downloads(chosen, labels, results, shown, seed)

st.subheader(tr("compare.descriptions"))
for choice, label in zip(chosen, labels, strict=True):
    _description(choice, label)
