"""The workshop board: what the projector shows, with or without the facilitator's controls.

Before a reveal it shows how to join and how many have answered, polled every
``POLL_SECONDS`` by a fragment (the only part that reruns); never an individual answer (the
facilitator's view also lists who has and has not answered, by name). After the reveal it
shows the results stored with the submissions: everyone's model result beside their own
forecast (and their plausible range, if they gave one, beside the model's predictive
interval), the medians, which assumptions moved results most, what moved each participant's
result, and the forecasts published at the time. The words, tables and figures come from
workshop/ (no Streamlit there); this module only lays them out.
"""

from collections.abc import Callable

import streamlit as st

from simulator.app import i18n, widgets
from simulator.app import workshop_common as common
from simulator.app.workshop_text import wt
from simulator.errors import SimulatorError
from simulator.model import params
from simulator.workshop import Room, Round, charts, dated, revealed, tables
from simulator.workshop import results as results

# Larger type for the projector, on the board's containers only. Static CSS: no user text.
PROJECTOR_CSS = """
<style>
.st-key-workshop_board p, .st-key-workshop_board li { font-size: 1.25rem; }
.st-key-workshop_board [data-testid=stMetricValue] p { font-size: 2.3rem; line-height: 1.15; }
.st-key-workshop_board [data-testid=stMetricLabel] p { font-size: 1.1rem; }
.st-key-workshop_board [data-testid=stTableStyledTable] td,
.st-key-workshop_board [data-testid=stTableStyledTable] th,
.st-key-workshop_board [data-testid=stTableStyledTable] td *,
.st-key-workshop_board [data-testid=stTableStyledTable] th * { font-size: 1.2rem !important; }
.st-key-workshop_code [data-testid=stMetricValue] p {
  font-size: 4rem; letter-spacing: 0.1em; font-family: monospace; font-weight: 700; }
.st-key-workshop_code_small [data-testid=stMetricValue] p {
  font-size: 1.9rem; font-family: monospace; font-weight: 700; white-space: nowrap; }
.st-key-workshop_link code { font-size: 1.2rem; }
.st-key-workshop_headline [data-testid=stMetricValue],
.st-key-workshop_headline [data-testid=stMetricValue] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
.st-key-workshop_headline [data-testid=stMetricValue] p {
  font-size: clamp(1.4rem, 1.9vw, 2.3rem); }
</style>
"""


def round_state(round_: Round) -> tuple[int, bool, bool]:
    """What the page was drawn for: a change means the whole page must be redrawn."""
    return round_.number, round_.locked, round_.revealed


def status_text(round_: Round) -> str:
    """'Round 2: locked: no more answers'."""
    return tables.status_text(round_, i18n.language())


def setting_text(round_: Round) -> str:
    """The round's setting in words (the preset and every override, injects included).

    Made inert for Markdown: the stored values are shown as they are, never as markup. A
    dated round adds its day and window.
    """
    lang = i18n.language()
    words = tables.setting_text(round_, lang)
    if round_.as_of is not None:
        words = f"{dated.setting_line(round_.as_of, horizon_weeks(round_), lang)} {words}"
    return widgets.plain(words)


def horizon_weeks(round_: Round) -> int:
    """The round's horizon (its base scenario's), for a dated round's window."""
    try:
        return results.round_scenario(round_.preset, round_.overrides,
                                      round_.events).parameters["horizon_weeks"]
    except (SimulatorError, ValueError):
        return params.defaults()["horizon_weeks"]


def layer_text(layer: int | None, layers: int) -> str:
    """'General Staff (Gerasimov), layer 2 of 5' in the current language; '–' for none."""
    return revealed.layer_label(layer, layers, i18n.language())


def join_panel(room: Room) -> None:
    """The join code, the link and its QR code, large enough to read across a room."""
    code = room.join_code
    url = common.room_url(code)
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


def compact_header(room: Room, round_: Round, title: str | None, names: bool) -> None:
    """Once results are on the board: title, status, code, link and count on one band.

    The QR code folds into an expander, so the results start near the top of a projector.
    """
    code = room.join_code
    url = common.room_url(code)
    about, join, link, count = st.columns([2.4, 1.8, 2.2, 1.8], vertical_alignment="center")
    with about:
        if title is not None:
            st.subheader(widgets.plain(title), anchor=False)
        st.markdown(f"**{widgets.plain(status_text(round_))}**")
        st.caption(setting_text(round_))
    with join, st.container(key="workshop_code_small"):
        st.metric(wt("code"), f"{code[:4]} {code[4:]}")
    with link:
        with st.container(key="workshop_link"):
            st.code(url, language=None, wrap_lines=True)
        with st.expander(wt("join_qr")):
            st.image(common.qr_png(url), width=300)
    with count:
        live_status(code, round_state(round_), names=names)


@st.fragment(run_every=common.POLL_SECONDS)
def live_status(code: str, drawn: tuple[int, bool, bool], names: bool = False) -> None:
    """Answers so far in the current round; redraws the page when the round changes.

    Runs every POLL_SECONDS on its own: a few indexed reads, no individual answer.
    ``names`` (the facilitator's view): who has and who has not answered, by name.
    """
    store = common.store()
    round_ = store.current_round(code)
    if round_state(round_) != drawn:
        st.rerun()  # locked, revealed or a new round (perhaps from another session)
    answered, joined = store.submission_count(code), store.participant_count(code)
    st.metric(wt("answers", n=round_.number), wt("answers_value", answered=answered,
                                                 joined=joined), help=wt("answers_help"))
    if names:
        done, waiting = store.answered(code)
        with st.container(key="workshop_who"):
            st.text(wt("answered_names", n=len(done),
                       names=", ".join(done) or wt("nobody")))
            st.text(wt("missing_names", n=len(waiting),
                       names=", ".join(waiting) or wt("nobody")))


def latest_results(code: str, current: Round) -> revealed.RoundResults | None:
    """The results of the current round if revealed, else of the last revealed round."""
    store = common.store()
    for number in range(current.number, 0, -1):
        submissions = store.submissions(code, number)
        if number == current.number and current.revealed:
            return revealed.round_results(current, submissions)
        if any(s.results for s in submissions):
            earlier = next(r for r in store.all_rounds(code) if r.number == number)
            return revealed.round_results(earlier, submissions)
    return None


def references() -> None:
    """The October 2022 forecasts, each with source and date, and what happened."""
    st.subheader(wt("calibration_heading"), anchor=False)
    st.markdown("\n".join("- " + line
                          for line in tables.reference_lines(i18n.language())))
    st.success(wt("outcome"), icon=":material/check_circle:")


def dated_section(shown: revealed.RoundResults) -> None:
    """A dated round's day: the room, the model given the record, forecasters, what followed.

    The room's forecasts from the day, the model given the record up to it, what forecasters
    had said by then and what happened next, all as plain text.
    """
    as_of = shown.round.as_of
    if as_of is None:
        return
    lang = i18n.language()
    with st.container(key=f"workshop_dated_{shown.round.number}"):
        st.subheader(wt("dated_heading", date=dated.day(as_of, lang)), anchor=False)
        st.text(dated.room_line([row.forecast for row in shown.rows], lang))
        if shown.dated:
            st.text(dated.model_line(shown.dated, lang))
        if any(row.from_day for row in shown.rows):
            st.table(widgets.plain_frame(dated.participants_table(shown, lang)),
                     hide_index=True)
            st.caption(wt("dated_table_caption"))
        st.caption(wt("dated_caption"))
        forecasters, happened = st.columns(2)
        with forecasters:
            st.markdown(f"**{wt('dated_forecasters')}**")
            st.text("\n".join(dated.forecast_lines(as_of, lang))
                    or wt("dated_forecasters_none"))
        with happened:
            st.markdown(f"**{wt('dated_next')}**")
            st.text("\n".join(dated.next_events(as_of, lang)))


def uncertainty(shown: revealed.RoundResults) -> None:
    """The room's plausible ranges beside the model's predictive interval, and what each covers.

    Four numbers (how many gave a range, their median range, how many ranges hold the model's
    result with their author's assumptions, the base's predictive interval) and one sentence
    per interval: participants' own uncertainty, the model's ranges, simulation noise.
    """
    lang = i18n.language()
    st.subheader(wt("ranges_heading"), anchor=False)
    if not shown.ranged_rows:
        st.caption(wt("ranges_none"))
    # One wrapping row, each number as wide as it needs: in four equal columns beside the
    # facilitator's sidebar a French range ('6,0 % – 24,0 %') was cut short.
    with st.container(key=f"workshop_ranges_{shown.round.number}", horizontal=True):
        for label, value in tables.ranges_summary(shown, lang).items():
            st.metric(label, value, width="content")
    st.caption("  \n".join(tables.intervals_text(shown, lang)))


def show_results(shown: revealed.RoundResults, heading: str) -> None:
    """A revealed round: headline, the charts, the tables and the reference forecasts."""
    lang = i18n.language()
    number = shown.round.number
    if not shown.rows:
        st.header(heading, anchor=False)
        st.info(wt("no_answers", n=number))
        dated_section(shown)
        references()
        return
    st.subheader(f"{heading} · {wt('vs_heading', weeks=shown.horizon_weeks)}", anchor=False)
    for row in shown.rows:
        if row.error:
            st.error(wt("not_simulated", name=widgets.plain(row.name),
                        error=widgets.plain(row.error)))
    # The main chart first, the headline numbers beside it: above the fold on a projector.
    chart, numbers = st.columns([4, 1])
    with chart:
        st.plotly_chart(charts.forecasts_vs_model(shown, lang), key=f"workshop_vs_{number}",
                        theme=None, config={"displayModeBar": False})
    with numbers, st.container(key="workshop_headline"):
        for label, value in tables.headline(shown, lang).items():
            st.metric(label, value)
    st.caption(wt("vs_caption", runs=i18n.number(shown.runs), seed=shown.seed))
    dated_section(shown)
    uncertainty(shown)
    st.subheader(wt("effects_heading"), anchor=False)
    if shown.moved_effects:
        st.plotly_chart(charts.assumption_effects(shown, lang), key=f"workshop_effects_{number}",
                        theme=None, config={"displayModeBar": False})
        st.caption(wt("effects_caption", runs=i18n.number(shown.runs)))
        with st.container(key=f"workshop_effects_table_{number}"):
            st.table(widgets.plain_frame(tables.effects_table(shown, lang)), hide_index=True)
    else:
        st.info(wt("effects_none"))
    if unmoved := tables.unmoved_text(shown, lang):
        st.caption(unmoved)
    st.subheader(wt("attr_heading"), anchor=False)
    st.caption(wt("attr_caption"))
    with st.container(key=f"workshop_attribution_{number}"):
        st.table(widgets.plain_frame(tables.attribution_table(shown, lang)), hide_index=True)
    references()
    with st.container(key=f"workshop_participants_{number}"):
        st.table(widgets.plain_frame(tables.participants_table(shown, lang)),
                 hide_index=True)


def board(room: Room, round_: Round, controls: Callable[[], None] | None = None,
          after: Callable[[], None] | None = None, title: str | None = None) -> None:
    """The board: join panel, answers so far, and the latest revealed results.

    ``controls`` (the facilitator's lock and reveal buttons) are drawn under the answer count
    and ``after`` (the next round, the downloads) under the results; without them the board is
    read-only and needs no key. ``title``: the room's title, drawn by the board (the
    projector view) rather than by the page.
    """
    st.html(PROJECTOR_CSS)
    shown = latest_results(room.join_code, round_)
    names = controls is not None
    with st.container(key="workshop_board"):
        if shown is None:
            if title is not None:
                st.title(widgets.plain(title), anchor=False)
            join_panel(room)
            status, count = st.columns([3, 2], vertical_alignment="center")
            with status:
                st.subheader(status_text(round_), anchor=False)
                st.caption(setting_text(round_))
            with count:
                live_status(room.join_code, round_state(round_), names=names)
        else:
            compact_header(room, round_, title, names)
        if round_.announcement:
            st.info(widgets.plain(round_.announcement), icon=":material/campaign:")
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
