"""A participant's page: join, then each round forecast, set the sliders, submit, see results.

Joining takes a display name. In each round the participant first writes their own forecast
(and, if they like, a plausible range around it: their own uncertainty), then sets the
sliders and submits; after the reveal they see their own result.

The participant's token is in the URL (``?room=CODE&token=...``), so a reload, or the same
link on another device, finds them and their answers again. Everything shown comes from the
database; nothing is kept in session_state but the form's widget values. A participant sees
only their own answers: the whole room's results are on the board, after the reveal.
"""

from datetime import date

import streamlit as st

from simulator.app import compute, i18n, widgets
from simulator.app import workshop_board as board
from simulator.app import workshop_common as common
from simulator.app.workshop_text import wt
from simulator.errors import SimulatorError
from simulator.model import params
from simulator.workshop import (
    NotAllowed,
    Participant,
    Room,
    Round,
    RoundLocked,
    Submission,
    WorkshopError,
    dated,
    results,
    revealed,
    tables,
)
from simulator.workshop import layers as chain

SHOWN_ROUND = "workshop_shown_round"
"""Session-state key: the round number the participant's form was drawn for."""

FORECAST_FORMAT = "%g"
"""A forecast as typed, without a decimal point it does not need: '5' not '5.0' (which
reads as English in French); '0.5' keeps its decimals, as the input takes them."""


def join_form(room: Room) -> None:
    """Ask for a display name, join, and put the new token in the URL."""
    with st.form("workshop_join"):
        name = st.text_input(wt("name"), max_chars=40, key="workshop_name")
        if not st.form_submit_button(wt("join_button"), type="primary"):
            return
    try:
        _, token = common.store().join(room.join_code, name)
    except WorkshopError as error:
        st.error(widgets.plain(str(error)))
        return
    st.query_params[common.TOKEN] = token
    st.rerun()


def _kind_label(index: int) -> str:
    """0: no guess; k: the k-th kind of layer (`simulator.workshop.layers.KINDS`), in words."""
    return wt("no_guess") if index == 0 else i18n.layer(chain.KINDS[index - 1])


def _kind_index(position: int | None, layers: int) -> int:
    """The select box's index for a stored guess (a position in a chain of ``layers``)."""
    kind = chain.kind(position, layers)
    return chain.KINDS.index(kind) + 1 if kind in chain.KINDS else 0


def _form(room: Room, round_: Round, me: Participant, token: str,
          mine: Submission | None) -> None:
    """Step 1 the forecast, step 2 the sliders; one submit (no rerun while sliding)."""
    base = results.round_scenario(round_.preset, round_.overrides)
    values = base.parameters
    layers = values["chain.layers"]
    prefix = f"workshop_{me.id}_{round_.number}"
    state = st.session_state
    if f"{prefix}_forecast" not in state:  # first drawing in this session: the stored answer
        state[f"{prefix}_forecast"] = None if mine is None else round(100 * mine.forecast, 2)
        for end in ("low", "high"):
            stored = getattr(mine, f"forecast_{end}", None) if mine else None
            state[f"{prefix}_{end}"] = None if stored is None else round(100 * stored, 2)
        mine_layers = int(mine.params.get("chain.layers", layers)) if mine else layers
        state[f"{prefix}_layer"] = _kind_index(mine.refusing_layer, mine_layers) if mine else 0
        for name in room.allowed_params:
            param = params.SCHEMA[name]
            value = mine.params.get(name, values[name]) if mine else values[name]
            state[f"{prefix}_{name}"] = widgets.slider_default(param, value)
    state[SHOWN_ROUND] = round_.number
    with st.form(f"{prefix}_form"):
        st.subheader(wt("step1"), anchor=False)
        forecast = st.number_input(_question(round_, values["horizon_weeks"]), 0.0, 100.0,
                                   value=None, step=0.5, format=FORECAST_FORMAT,
                                   help=wt("forecast_help"),
                                   placeholder="0 – 100", key=f"{prefix}_forecast")
        low_column, high_column = st.columns(2)
        low = low_column.number_input(wt("range_low"), 0.0, 100.0, value=None, step=0.5,
                                      format=FORECAST_FORMAT, help=wt("range_help"),
                                      placeholder="0 – 100", key=f"{prefix}_low")
        high = high_column.number_input(wt("range_high"), 0.0, 100.0, value=None, step=0.5,
                                        format=FORECAST_FORMAT, help=wt("range_help"),
                                        placeholder="0 – 100", key=f"{prefix}_high")
        # Labels fixed when the widget is made: Streamlit may format options outside the run,
        # where the language is unknown (a French page's pick was then read in English).
        kinds = [_kind_label(index) for index in range(len(chain.KINDS) + 1)]
        layer = st.selectbox(wt("refusing"), range(len(chain.KINDS) + 1),
                             format_func=kinds.__getitem__, help=wt("refusing_help"),
                             key=f"{prefix}_layer")
        st.subheader(wt("step2"), anchor=False)
        st.caption(wt("step2_caption"))
        chosen = {}
        for name in room.allowed_params:
            param = params.SCHEMA[name]
            chosen[name] = _slider(param, round_.preset, values[name],
                                   base.provenance.get(name, {}), f"{prefix}_{name}")
        label = wt("update") if mine else wt("submit")
        submitted = st.form_submit_button(label, type="primary", key=f"{prefix}_submit",
                                          icon=":material/send:")
    if not submitted:
        return
    if forecast is None:
        st.error(wt("need_forecast"))
        return
    if problem := range_problem(forecast, low, high):
        st.error(problem)
        return
    changes = {name: value for name, value in chosen.items()
               if value != widgets.slider_default(params.SCHEMA[name], values[name])}
    try:
        own = results.participant_scenario(round_.preset, round_.overrides, changes)
    except (SimulatorError, ValueError) as error:
        st.error(wt("invalid_combo", error=widgets.plain(str(error))))
        return
    # The guess is a kind of layer; it is stored as its place in the participant's own chain.
    own_layers = own.parameters["chain.layers"]
    position = chain.position(chain.KINDS[layer - 1], own_layers) if layer else None
    if layer and position is None:
        st.error(wt("layer_not_in_chain", n=own_layers, kind=i18n.layer(chain.KINDS[layer - 1])))
        return
    try:
        common.store().submit(room.join_code, token, round_.number, forecast / 100,
                              position, changes,
                              forecast_low=None if low is None else low / 100,
                              forecast_high=None if high is None else high / 100)
    except RoundLocked:  # locked between drawing this run's page and now
        st.warning(wt("too_late", n=round_.number), icon=":material/warning:")
        return
    except (WorkshopError, NotAllowed) as error:
        st.error(widgets.plain(str(error)))
        return
    _prepare_reveal(round_, changes)
    st.rerun()


def _question(round_: Round, horizon: int) -> str:
    """The forecast's label: over the horizon, or from a dated round's day to its end."""
    if round_.as_of is None:
        return wt("forecast", weeks=horizon)
    _, last, weeks = dated.window_days(round_.as_of, horizon)
    lang = i18n.language()
    return wt("forecast_dated", date=dated.day(round_.as_of, lang), end=dated.day(last, lang),
              weeks=weeks)


def range_problem(forecast: float, low: float | None, high: float | None) -> str | None:
    """What is wrong with a plausible range typed in percent, in the page's words; else None.

    The store refuses the same (naming ``forecast_low`` / ``forecast_high``); said here in
    the participant's language, in percent, before anything is sent.
    """
    if (low is None) != (high is None):
        return wt("range_one_end", missing=wt("range_end_high" if high is None
                                              else "range_end_low"))
    if low is not None and low > forecast:
        return wt("range_low_above", low=common.percent(low / 100),
                  forecast=common.percent(forecast / 100))
    if high is not None and high < forecast:
        return wt("range_high_below", high=common.percent(high / 100),
                  forecast=common.percent(forecast / 100))
    return None


def _prepare_reveal(round_: Round, changes: dict) -> None:
    """Start this answer's simulations for the reveal on the app's pool, without waiting.

    By the time the facilitator reveals, most of the room's scenarios are cached and the
    reveal is quick. If the pool cannot take them, the reveal simulates them itself.
    """
    try:
        results.prepare(round_, changes, start=compute.submit)
    except (RuntimeError, OSError, ValueError):  # a broken pool, a bad worker count
        pass


def _slider(param: params.Param, preset: str, value, provenance: dict, key: str):
    """A parameter slider like Explore's, but not bound to the URL (it is a private answer)."""
    decimals = widgets.slider_decimals(param.name)
    kind = int if param.integer else float
    shown = st.slider(
        i18n.parameter_label(param.name), kind(param.low), kind(param.high),
        step=kind(widgets.slider_step(param.name)), format=widgets.slider_format(param),
        key=key, help=widgets.slider_help(param, preset, value, provenance, analyst=False))
    return shown if param.integer else round(shown, decimals)


def _range_text(submission: Submission) -> str | None:
    """'Your plausible range: 10.0% – 30.0%.', or None without one."""
    if submission.forecast_range is None:
        return None
    low, high = submission.forecast_range
    return wt("your_range", low=common.percent(low), high=common.percent(high))


def _answer_text(submission: Submission, base_layers: int) -> str:
    changes = ", ".join(f"{i18n.parameter(name)} = {i18n.parameter_value(name, value)}"
                        for name, value in sorted(submission.params.items()))
    layers = int(submission.params.get("chain.layers", base_layers))
    return wt("your_answer", forecast=common.percent(submission.forecast),
              layer=board.layer_text(submission.refusing_layer, layers),
              changes=changes or wt("no_changes"))


def _change_delta(difference: float, changed: bool) -> dict:
    """The metric's delta: red up / green down for a change; grey "no change" without one.

    A participant who changed nothing has the base's result exactly: "+0.00 pts" in red
    would say their answer raised the risk.
    """
    if not changed or difference != difference:
        return {"delta": wt("no_change"), "delta_color": "off", "delta_arrow": "off"}
    text = f"{common.points(difference)} {wt('vs_base')}"
    if round(100 * difference, 2) == 0:  # shown as 0.00: no colour either
        return {"delta": text, "delta_color": "off", "delta_arrow": "off"}
    return {"delta": text, "delta_color": "inverse"}


def _own_results(round_: Round, mine: Submission | None, code: str) -> None:
    """The participant's result: own forecast, model result, base, and the refusing layer."""
    st.subheader(wt("your_results", n=round_.number), anchor=False)
    if mine is None:
        st.info(wt("no_answer_in_round", n=round_.number))
        return
    shown = revealed.round_results(round_, [mine])
    row = shown.rows[0]
    if row.error or row.use is None:
        st.error(wt("not_simulated", name=widgets.plain(mine.display_name),
                    error=widgets.plain(row.error or "–")))
        return
    forecast, model, base = st.columns(3)
    forecast.metric(wt("m_your_forecast"), common.percent(row.forecast))
    model.metric(wt("m_your_model"), common.percent(row.use.estimate),
                 **_change_delta(row.difference.difference, changed=bool(mine.params)))
    model.caption(widgets.interval(row.use))
    base.metric(wt("m_base"), common.percent(shown.base.estimate if shown.base else None))
    layers = row.chain_layers(shown.layers)
    st.text(_answer_text(mine, shown.layers))
    if row.from_day is not None and round_.as_of is not None:
        _, last, _ = dated.window_days(round_.as_of, shown.horizon_weeks)
        lang = i18n.language()
        st.text(wt("your_from_day", date=dated.day(round_.as_of, lang),
                   last=dated.day(last, lang), estimate=common.percent(row.from_day.estimate),
                   low=common.percent(row.from_day.ci_low),
                   high=common.percent(row.from_day.ci_high)))
    if shown.dated and "estimate" in shown.dated:
        lang, found = i18n.language(), shown.dated
        st.text(wt("your_dated_model", date=dated.day(round_.as_of, lang),
                   estimate=common.percent(found["estimate"]),
                   first=dated.day(date.fromisoformat(found["first"]), lang),
                   last=dated.day(date.fromisoformat(found["last"]), lang)))
    if row.model_in_range is not None:
        st.text(wt("your_range_inside" if row.model_in_range else "your_range_outside",
                   low=common.percent(row.forecast_low), high=common.percent(row.forecast_high),
                   model=common.percent(row.use.estimate)))
    if row.attribution:
        st.text(wt("your_attribution", items=tables.attribution_text(row, i18n.language())))
    if row.refusing_layer is not None:
        st.text(wt("your_layer", guess=board.layer_text(row.refusing_layer, layers),
                    model=board.layer_text(row.model_refusing_layer, layers)))
    st.link_button(wt("see_board"), common.room_url(code, view=common.BOARD),
                   icon=":material/tv:")


def _earlier_rounds(code: str, token: str, current: Round) -> None:
    """The participant's own results of the rounds before this one, folded away."""
    store = common.store()
    for round_ in reversed(store.all_rounds(code)[:current.number - 1]):
        mine = store.own_submission(code, token, round_.number)
        if mine is None or not mine.results:
            continue
        with st.expander(wt("your_results", n=round_.number)):
            _own_results(round_, mine, code)


@st.fragment(run_every=common.POLL_SECONDS)
def follow_room(code: str, drawn: tuple) -> None:
    """Redraw the whole page when the room moves on (a lock, a reveal, a new round).

    Runs every POLL_SECONDS on its own with one cheap read (`WorkshopStore.room_state`) and
    draws nothing: while the room stays as drawn, the form is never rerun, so a forecast
    being typed stays as it is.
    """
    if common.store().room_state(code) != drawn:
        st.rerun(scope="app")


def participant_page(room: Room, token: str) -> None:
    """The page behind a participant's link: their round, their answer, their result."""
    code = room.join_code
    store = common.store()
    st.title(widgets.plain(room.title), anchor=False)
    try:
        me = store.participant(code, token)
    except NotAllowed:
        st.warning(wt("bad_token", code=code), icon=":material/warning:")
        join_form(room)
        return
    st.text(wt("joined_as", name=me.display_name, code=code))
    drawn = store.room_state(code)
    round_ = store.current_round(code)
    shown_before = st.session_state.get(SHOWN_ROUND)
    if (shown_before is not None and st.session_state.get(f"workshop_{me.id}_{shown_before}_submit")
            and (shown_before < round_.number or round_.locked)):
        # Submitted a form drawn for a round the facilitator closed meanwhile.
        st.warning(wt("too_late", n=shown_before), icon=":material/warning:")
    st.subheader(board.status_text(round_), anchor=False)
    if round_.as_of is not None:
        st.caption(board.setting_text(round_))
    if round_.announcement:
        st.info(widgets.plain(round_.announcement), icon=":material/campaign:")
    mine = store.own_submission(code, token)
    if round_.revealed:
        _own_results(round_, mine, code)
    elif round_.locked:
        st.info(wt("locked", n=round_.number), icon=":material/lock:")
        if mine is not None:
            st.text(_answer_text(mine, revealed.round_results(round_, [mine]).layers))
            if own_range := _range_text(mine):
                st.text(own_range)
    else:
        if mine is not None:
            st.success(wt("saved", time=mine.submitted_at.strftime("%H:%M:%S")),
                       icon=":material/check_circle:")
            if own_range := _range_text(mine):
                st.text(own_range)
        _form(room, round_, me, token, mine)
    follow_room(code, drawn)
    st.caption(wt("follows"))
    st.button(wt("refresh"), key="workshop_refresh", icon=":material/refresh:")
    _earlier_rounds(code, token, round_)
