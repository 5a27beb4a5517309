"""The workshop board: what the projector shows, with or without the facilitator's controls.

Before a reveal it shows how to join and how many have answered, polled every
``POLL_SECONDS`` by a fragment (the only part that reruns); never an individual answer. After
the reveal it shows the results stored with the submissions: everyone's model result beside
their own forecast, the spread and the medians, which assumptions moved the result, and the
forecasts published at the time.
"""

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui import i18n, widgets
from ui import workshop_charts as charts
from ui import workshop_common as common
from ui import workshop_results as results
from ui.workshop_text import wt
from workshop import Room, Round

# Larger type for the projector, on the board's containers only. Static CSS: no user text.
PROJECTOR_CSS = """
<style>
.st-key-workshop_board p, .st-key-workshop_board li { font-size: 1.3rem; }
.st-key-workshop_board [data-testid=stMetricValue] p { font-size: 2.6rem; line-height: 1.2; }
.st-key-workshop_board [data-testid=stMetricLabel] p { font-size: 1.15rem; }
.st-key-workshop_code [data-testid=stMetricValue] p {
  font-size: 4rem; letter-spacing: 0.1em; font-family: monospace; font-weight: 700; }
.st-key-workshop_code_small [data-testid=stMetricValue] p {
  font-size: 2.4rem; font-family: monospace; font-weight: 700; }
.st-key-workshop_link code { font-size: 1.3rem; }
</style>
"""


def round_state(round_: Round) -> tuple[int, bool, bool]:
    """What the page was drawn for: a change means the whole page must be redrawn."""
    return round_.number, round_.locked, round_.revealed


def status_text(round_: Round) -> str:
    """'Round 2: locked: no more answers'."""
    if round_.revealed:
        status = wt("status_revealed")
    elif round_.locked:
        status = wt("status_locked")
    else:
        status = wt("status_open")
    return f"{wt('round', n=round_.number)}: {status}"


def setting_text(round_: Round) -> str:
    """The round's setting in words: the preset and every override (injects included)."""
    changes = ", ".join(f"{i18n.parameter(name)} = {widgets.value_text(value)}"
                        for name, value in sorted(round_.overrides.items()))
    return wt("setting", n=round_.number, preset=charts.preset_name(round_.preset),
              changes=wt("setting_changes", changes=changes) if changes else "")


def join_panel(room: Room, compact: bool = False) -> None:
    """The join code, the link and its QR code, large enough to read across a room.

    ``compact`` (once results are on the board): the code and link on one line, the QR code
    in an expander, so the results start near the top of the projector.
    """
    code = room.join_code
    url = common.room_url(code)
    if compact:
        left, right = st.columns([2, 3], vertical_alignment="center")
        with left, st.container(key="workshop_code_small"):
            st.metric(wt("code"), f"{code[:4]} {code[4:]}")
        with right:
            with st.container(key="workshop_link"):
                st.code(url, language=None, wrap_lines=True)
            with st.expander(wt("join_at")):
                st.image(common.qr_png(url), width=300)
        return
    text, qr = st.columns([3, 2], vertical_alignment="center")
    with text:
        with st.container(key="workshop_code"):
            st.metric(wt("code"), f"{code[:4]} {code[4:]}")
        st.markdown(f"**{wt('join_at')}**")
        with st.container(key="workshop_link"):
            st.code(url, language=None, wrap_lines=True)
        if loopback := common.loopback_host():
            host, port = loopback
            st.warning(wt("loopback", host=host, ip=common.lan_address(), port=port),
                       icon=":material/wifi_off:")
    with qr:
        st.image(common.qr_png(url), width=300)


@st.fragment(run_every=common.POLL_SECONDS)
def live_status(code: str, drawn: tuple[int, bool, bool]) -> None:
    """Answers so far in the current round; redraws the page when the round changes.

    Runs every POLL_SECONDS on its own: three indexed reads, no individual answer.
    """
    store = common.store()
    round_ = store.current_round(code)
    if round_state(round_) != drawn:
        st.rerun()  # locked, revealed or a new round (perhaps from another session)
    answered, joined = store.submission_count(code), store.participant_count(code)
    st.metric(wt("answers", n=round_.number), wt("answers_value", answered=answered,
                                                 joined=joined), help=wt("answers_help"))


def latest_results(code: str, current: Round) -> results.RoundResults | None:
    """The results of the current round if revealed, else of the last revealed round."""
    store = common.store()
    for number in range(current.number, 0, -1):
        submissions = store.submissions(code, number)
        if number == current.number and current.revealed:
            return results.round_results(current, submissions)
        if any(s.results for s in submissions):
            earlier = next(r for r in store.all_rounds(code) if r.number == number)
            return results.round_results(earlier, submissions)
    return None


def _changes_text(params: dict) -> str:
    return ", ".join(f"{name} = {widgets.value_text(value)}"
                     for name, value in sorted(params.items())) or wt("no_changes")


def participants_table(shown: results.RoundResults) -> pd.DataFrame:
    """One row per participant: own forecast, model result, paired change, layers."""
    return pd.DataFrame([{
        wt("t_name"): row.name,
        wt("t_forecast"): common.percent(row.forecast),
        wt("t_model"): common.percent(row.use.estimate if row.use else None),
        wt("t_interval"): (f"{common.percent(row.use.ci_low)} – {common.percent(row.use.ci_high)}"
                           if row.use else "–"),
        wt("t_difference"): common.points(row.difference.difference if row.difference
                                          else None),
        wt("t_guess"): layer_text(row.refusing_layer, shown.layers),
        wt("t_model_layer"): layer_text(row.model_refusing_layer,
                                        _layers_of(row, shown.layers)),
        wt("t_changes"): _changes_text(row.params),
    } for row in shown.rows])


def _layers_of(row: results.Row, base_layers: int) -> int:
    return int(row.params.get("chain.layers", base_layers))


def layer_text(layer: int | None, layers: int) -> str:
    """'2 · General Staff (Gerasimov)' in the current language; '–' for none."""
    if layer is None:
        return "–"
    english = results.layer_label(layer, layers)
    number, _, name = english.partition(" · ")
    return f"{number} · {i18n.layer(name)}" if name else english


def effects_table(shown: results.RoundResults) -> pd.DataFrame:
    """The analysis behind the assumptions chart, with values and intervals.

    Only the assumptions someone moved: the others are named in `unmoved_text`.
    """
    return pd.DataFrame([{
        wt("t_parameter"): i18n.parameter(e["parameter"]),
        wt("t_base_value"): f"{e['base_value']:g}",
        wt("t_median_value"): f"{e['median_value']:g}",
        wt("t_range"): f"{e['low_value']:g} – {e['high_value']:g}",
        wt("t_effect"): f"{common.points(e['median']['difference'])} "
                        f"[{common.points(e['median']['ci_low'])}, "
                        f"{common.points(e['median']['ci_high'])}]",
        wt("t_effect_range"): f"{common.points(e['low']['difference'])} / "
                              f"{common.points(e['high']['difference'])}",
    } for e in shown.effects if charts.moved(e)])


def unmoved_text(shown: results.RoundResults) -> str:
    """'Left at the base value by (nearly) everyone: ...', or '' if every assumption moved."""
    names = [i18n.parameter(e["parameter"]) for e in shown.effects if not charts.moved(e)]
    return wt("unmoved", names=", ".join(names)) if names else ""


def headline(shown: results.RoundResults) -> dict[str, str]:
    """The board's headline numbers by label (also what the tests read)."""
    spread = shown.model_range()
    return {
        wt("m_median_forecast"): common.percent(shown.median_forecast()),
        wt("m_median_model"): common.percent(shown.median_model()),
        wt("m_base"): common.percent(shown.base.estimate if shown.base else None),
        wt("m_spread"): (f"{common.percent(spread[0]).removesuffix('%')}–"
                         f"{common.percent(spread[1])}" if spread else "–"),
    }


def references() -> None:
    """The October 2022 forecasts, each with source and date, and what happened."""
    st.subheader(wt("calibration_heading"))
    st.markdown("\n".join(
        "- " + wt("reference_line", label=ref.label, figure=ref.figure, question=ref.question)
        for ref in results.REFERENCES))
    st.success(wt("outcome"), icon=":material/check_circle:")


def show_results(shown: results.RoundResults, heading: str) -> None:
    """A revealed round: headline, both charts, the tables and the reference forecasts."""
    number = shown.round.number
    st.header(heading, anchor=False)
    if not shown.rows:
        st.info(wt("no_answers", n=number))
        references()
        return
    for column, (label, value) in zip(st.columns(4), headline(shown).items(), strict=True):
        column.metric(label, value)
    for row in shown.rows:
        if row.error:
            st.error(wt("not_simulated", name=widgets.plain(row.name),
                        error=widgets.plain(row.error)))
    st.subheader(wt("vs_heading", weeks=shown.horizon_weeks))
    st.plotly_chart(charts.forecasts_vs_model(shown), key=f"workshop_vs_{number}",
                    theme=None, config={"displayModeBar": False})
    st.caption(wt("vs_caption", runs=f"{shown.runs:,}", seed=shown.seed))
    st.subheader(wt("effects_heading"))
    if any(charts.moved(effect) for effect in shown.effects):
        st.plotly_chart(charts.assumption_effects(shown), key=f"workshop_effects_{number}",
                        theme=None, config={"displayModeBar": False})
        st.caption(wt("effects_caption", runs=f"{shown.runs:,}"))
        st.dataframe(effects_table(shown), hide_index=True, key=f"workshop_effects_table_{number}")
    else:
        st.info(wt("effects_none"))
    if unmoved := unmoved_text(shown):
        st.caption(unmoved)
    references()
    st.dataframe(participants_table(shown), hide_index=True,
                 key=f"workshop_participants_{number}")


def board(room: Room, round_: Round, controls: Callable[[], None] | None = None,
          after: Callable[[], None] | None = None) -> None:
    """The board: join panel, answers so far, and the latest revealed results.

    ``controls`` (the facilitator's lock and reveal buttons) are drawn under the answer count
    and ``after`` (the next round, the downloads) under the results; without them the board is
    read-only and needs no key.
    """
    st.html(PROJECTOR_CSS)
    shown = latest_results(room.join_code, round_)
    with st.container(key="workshop_board"):
        join_panel(room, compact=shown is not None)
        st.subheader(status_text(round_), anchor=False)
        if round_.announcement:
            st.info(widgets.plain(round_.announcement), icon=":material/campaign:")
        st.caption(setting_text(round_))
        live_status(room.join_code, round_state(round_))
        if controls is not None:
            controls()
        if shown is None:
            st.info(wt("waiting"))
        else:
            heading = (wt("results_heading", n=shown.round.number) if shown.round.number
                       == round_.number else wt("last_revealed", n=shown.round.number))
            show_results(shown, heading)
        if after is not None:
            after()
