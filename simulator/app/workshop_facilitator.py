"""The facilitator's side: creating or opening a room, and steering its rounds.

The facilitator key is shown once, right after the room is created, in a collapsed expander
(the facilitator's screen is often the projector). It stays in this browser session's state,
never in the URL; after a reload the controls ask for it again.
"""

import streamlit as st

from simulator.app import i18n, widgets
from simulator.app import workshop_board as board
from simulator.app import workshop_common as common
from simulator.app.i18n import tr
from simulator.app.scenarios import presets, short_name
from simulator.app.workshop_text import wt
from simulator.errors import SimulatorError
from simulator.model import events, params
from simulator.workshop import (
    NotAllowed,
    Room,
    RoomNotFound,
    Round,
    RoundMovedOn,
    WorkshopError,
    dated,
    results,
    roles,
)
from simulator.workshop.report import csv_text, debrief_sheet, html_report

ALLOWED_KEY = "workshop_allowed"
"""Session key of the new room's allowed assumptions (the multiselect, set by a role set)."""
ROLE_KEY = "workshop_role"
"""Session key of the role set picked (``scenarios/roles.yaml``; the first one at first)."""


def _go(**query: str) -> None:
    """Show another workshop view: set the URL (keeping the language) and rerun."""
    for name in (common.ROOM, common.TOKEN, common.VIEW):
        st.query_params.pop(name, None)
    st.query_params.update(query)
    st.rerun()


# --- landing -----------------------------------------------------------------------------

def _join_by_code() -> None:
    with st.form("workshop_join_code"):
        code = st.text_input(wt("code"), max_chars=20, help=wt("code_help"),
                             key="workshop_code_input")
        if st.form_submit_button(wt("join_code_button"), type="primary"):
            try:
                room = common.store().room(code)
            except RoomNotFound:
                st.error(wt("no_room", code=widgets.plain(code.strip()[:20])))
            else:
                _go(**{common.ROOM: room.join_code})


def _pick_role() -> None:
    """The role set just picked becomes the room's assumptions (the multiselect's value)."""
    role = roles.roles().get(st.session_state.get(ROLE_KEY), roles.default())
    st.session_state[ALLOWED_KEY] = list(role.assumptions)


def _role_picker() -> None:
    """The role sets of ``scenarios/roles.yaml``: one click sets the allowed assumptions."""
    lang = i18n.language()
    sets = roles.roles()
    if ALLOWED_KEY not in st.session_state:
        st.session_state[ALLOWED_KEY] = list(roles.default().assumptions)
    titles = {name: role.title(lang) for name, role in sets.items()}
    st.radio(wt("role_set"), list(sets), format_func=titles.__getitem__, key=ROLE_KEY,
             captions=[role.text(lang) for role in sets.values()], on_change=_pick_role,
             help=wt("role_set_help"))


def _create_room() -> None:
    _role_picker()
    with st.form("workshop_create"):
        title = st.text_input(wt("room_title"), wt("room_title_default"), max_chars=100,
                              key="workshop_title")
        # Labels fixed when the widgets are made (Streamlit may format options outside the
        # run, where the language is unknown); plain names only, ids are for analysts.
        names = {name: i18n.preset_name(name, short_name(name)) for name in presets()}
        labels = {name: i18n.parameter(name) for name in params.SCHEMA}
        preset = st.selectbox(tr("common.preset"), presets(), key="workshop_preset",
                              format_func=names.__getitem__)
        allowed = st.multiselect(wt("allowed"), list(params.SCHEMA),
                                 format_func=labels.__getitem__,
                                 help=wt("allowed_help"), key=ALLOWED_KEY)
        if not st.form_submit_button(wt("create_button"), type="primary"):
            return
    if not allowed:
        st.error(wt("need_allowed"))
        return
    try:
        room, key = common.store().create_room(title, preset, allowed)
    except WorkshopError as error:
        st.error(widgets.plain(str(error)))
        return
    common.remember_key(room.join_code, key)
    st.session_state[common.NEW_KEY] = (room.join_code, key)
    _go(**{common.ROOM: room.join_code, common.VIEW: common.FACILITATE})


def _open_room() -> None:
    with st.form("workshop_open"):
        code = st.text_input(wt("code"), max_chars=20, key="workshop_open_code")
        key = st.text_input(wt("key"), type="password", key="workshop_open_key")
        if not st.form_submit_button(wt("open_button")):
            return
    try:
        room = common.store().check_facilitator_key(code, key)
    except RoomNotFound:
        st.error(wt("no_room", code=widgets.plain(code.strip()[:20])))
    except NotAllowed:
        st.error(wt("wrong_key", code=widgets.plain(code.strip()[:20])))
    else:
        common.remember_key(room.join_code, key)
        _go(**{common.ROOM: room.join_code, common.VIEW: common.FACILITATE})


def landing() -> None:
    """No room in the URL: join one by its code, create one, or open one as facilitator."""
    st.title(wt("title"))
    st.markdown(wt("intro"))
    join, create, reopen = st.tabs([wt("tab_join"), wt("tab_create"), wt("tab_open")])
    with join:
        _join_by_code()
    with create:
        _create_room()
    with reopen:
        _open_room()


# --- the facilitator's room ----------------------------------------------------------------

def _new_key_notice(code: str) -> None:
    """The key of a room this session just created: once, collapsed, until hidden."""
    created = st.session_state.get(common.NEW_KEY)
    if not created or created[0] != code:
        return
    with st.expander(wt("key_expander", code=code), icon=":material/key:"):
        st.warning(wt("key_once"))
        st.code(created[1], language=None)
        left, right = st.columns(2)
        note = f"room {code}\nfacilitator key {created[1]}\n"
        left.download_button(wt("key_download"), data=note,
                             file_name=f"workshop-{code}-key.txt", mime="text/plain",
                             on_click="ignore", key="workshop_key_download",
                             icon=":material/download:")
        if right.button(wt("key_hide"), key="workshop_key_hide"):
            del st.session_state[common.NEW_KEY]
            st.rerun()


def _ask_key(code: str) -> bool:
    """The key form when this session holds no key for the room; True once it holds one."""
    if common.facilitator_key(code):
        return True
    st.info(wt("enter_key", code=code), icon=":material/key:")
    with st.form("workshop_key_form"):
        key = st.text_input(wt("key"), type="password", key="workshop_key_input")
        if st.form_submit_button(wt("open_button")):
            try:
                common.store().check_facilitator_key(code, key)
            except NotAllowed:
                st.error(wt("wrong_key", code=code))
            else:
                common.remember_key(code, key)
                st.rerun()
    return False


PRESSED = "workshop_pressed"
"""Session-state key: the round the page showed when a round control was pressed."""
MOVED_ON = "workshop_moved_on"
"""Session-state key: (round pressed for, current round) of a press the store refused."""


def _remember_round(number: int) -> None:
    """A round control's on_click: keep the round its page showed, for the run it starts.

    Run by Streamlit before that run, with the arguments of the page that was pressed: if the
    room moved on meanwhile (another tab), this run draws the new round's controls under
    other keys, and only this number tells that the press was for an earlier round.
    """
    st.session_state[PRESSED] = number


def _refused(error: RoundMovedOn) -> None:
    """The store refused a press for a round that is over: redraw the page, saying so."""
    st.session_state[MOVED_ON] = (error.round_number, error.current)
    st.rerun()


def _reveal(room: Room, key: str, number: int) -> None:
    """Lock round ``number`` and run every participant's scenario, with a progress bar."""
    store = common.store()
    expected = results.scenarios_to_run(store.submissions(room.join_code, number))
    text = wt("revealing", n=expected, runs=i18n.number(results.RUNS))
    bar = st.progress(0.0, text=text)

    def progress(done: int) -> None:
        bar.progress(min(done / expected, 1.0), text=text)

    def compute(round_, submissions):
        return results.compute(round_, submissions, allowed=room.allowed_params,
                               progress=progress)

    try:
        store.reveal(room.join_code, key, number, compute)
    except RoundMovedOn as error:
        bar.empty()
        _refused(error)
    except (SimulatorError, WorkshopError, ValueError) as error:
        # The round stays locked and unrevealed: the facilitator can try again.
        bar.empty()
        st.error(widgets.plain(str(error)))
        return
    summary = next((s.results["round"] for s in store.submissions(room.join_code, number)
                    if s.results and "round" in s.results), None)
    if summary:
        st.session_state["workshop_revealed_in"] = (summary["scenarios_run"], summary["seconds"])
    st.rerun()


def _inject_value(name: str, current, number: int):
    """A number input for one injected parameter, starting at the round's value."""
    param = params.SCHEMA[name]
    value = widgets.slider_default(param, current)
    label = wt("inject_value", param=i18n.parameter(name), value=widgets.value_text(current))
    help_text = wt("inject_value_help", id=name)  # the id, for whoever reads the exports
    if param.integer:
        return st.number_input(label, int(param.low), int(param.high), int(value), step=1,
                               help=help_text, key=f"workshop_inject_{number}_{name}")
    return st.number_input(label, float(param.low), float(param.high), float(value),
                           step=float(widgets.slider_step(name)),
                           format=f"%.{widgets.slider_decimals(name)}f",
                           help=help_text, key=f"workshop_inject_{number}_{name}")


def _date_text(week: int) -> str:
    """'16 Nov 2022' ('16 nov. 2022'): the first day of ``week``."""
    day = events.week_date(week)
    return i18n.date(day)


def _event_text(event: events.Event | dict) -> str:
    """One scheduled event in plain words: what, who, when, how big, and its label."""
    entry = event._asdict() if isinstance(event, events.Event) else event
    kind = events.KINDS[entry["kind"]]
    when = wt("event_week_option", week=entry["week"], date=_date_text(entry["week"]))
    what = wt(f"event_kind_{kind.name}")
    line = (wt("event_line_side", kind=what, side=wt(f"event_side_{entry['side']}"), when=when)
            if len(kind.sides) > 1 else wt("event_line", kind=what, when=when))
    if entry.get("size") is not None:
        line = wt("event_line_size", line=line, size=widgets.number_text(entry["size"]),
                  unit=wt(f"event_unit_{kind.name}"))
    if entry.get("label"):
        line = wt("event_line_label", line=line, label=entry["label"])
    return line


def _event_picker(round_: Round, number: int, inject: dict, current: dict) -> list[dict]:
    """The events this inject schedules, picked one at a time (kept in the session).

    Each is checked with the round's setting (the inject's parameters, the earlier rounds'
    events) when added, so an event outside the horizon is refused here, naming the field.
    Labels are shown with ``st.text``: plain text, never Markdown.
    """
    picked: list[dict] = st.session_state.setdefault(f"workshop_inject_events_{number}", [])
    st.markdown(f"**{wt('event_heading')}**")
    st.caption(wt("event_caption"))
    if round_.events:
        st.caption(wt("event_earlier"))
        for event in round_.events:
            st.text(_event_text(event))
    # Labels fixed when the widgets are made (Streamlit may format options outside the run).
    kinds = {name: wt(f"event_kind_{name}") for name in events.KINDS}
    kind = events.KINDS[st.selectbox(wt("event_kind"), list(kinds), format_func=kinds.__getitem__,
                                     key=f"workshop_event_kind_{number}")]
    sides = {side: wt(f"event_side_{side}") for side in kind.sides}
    side = st.selectbox(wt("event_side"), list(sides), format_func=sides.__getitem__,
                        disabled=len(sides) == 1, key=f"workshop_event_side_{number}_{kind.name}")
    horizon = int(inject.get("horizon_weeks", current["horizon_weeks"]))
    weeks = {week: wt("event_week_option", week=week, date=_date_text(week))
             for week in range(horizon)}
    if horizon > 1:
        week = st.select_slider(wt("event_week"), list(weeks), value=min(8, horizon - 1),
                                format_func=weeks.__getitem__,
                                key=f"workshop_event_week_{number}_{horizon}")
    else:  # a one-week horizon: nothing to choose (a slider needs two options)
        week = 0
        st.text(f"{wt('event_week')}{tr('format.colon')} {weeks[0]}")
    size = None
    if kind.sizes:
        mean = current.get(kind.size(side), 0)
        unit = wt(f"event_unit_{kind.name}")
        size = st.number_input(
            wt("event_size", unit=unit), float(kind.low), float(kind.high), value=None,
            step=(kind.high - kind.low) / 100, format="%.0f" if kind.high >= 100 else "%.3f",
            placeholder=wt("event_size_placeholder", mean=f"{widgets.number_text(mean)} {unit}"),
            key=f"workshop_event_size_{number}_{kind.name}_{side}")
    label = st.text_input(wt("event_label"), max_chars=200, key=f"workshop_event_label_{number}")
    if st.button(wt("event_add"), key=f"workshop_event_add_{number}", icon=":material/add:"):
        entry = {"kind": kind.name, "side": side, "week": int(week),
                 **({"size": float(size)} if size is not None else {}),
                 **({"label": label.strip()} if label.strip() else {})}
        try:
            results.round_scenario(round_.preset, {**round_.overrides, **inject},
                                   [*round_.events, *picked, entry])
        except (SimulatorError, ValueError) as error:
            st.error(widgets.plain(str(error)))
        else:
            picked.append(entry)
    if picked:
        st.caption(wt("event_picked"))
    for index, entry in enumerate(picked):
        line, remove = st.columns([5, 1], vertical_alignment="center")
        line.text(_event_text(entry))
        if remove.button(wt("event_remove"), key=f"workshop_event_remove_{number}_{index}"):
            del picked[index]
            st.rerun()
    return list(picked)


def _moment_picker(number: int) -> dated.Moment | None:
    """A real day of the record to set the round at (#27), with its news; None: no date."""
    lang = i18n.language()
    # Labels fixed when the widget is made (Streamlit may format options outside the run).
    labels = {"": wt("dated_none"), **{m.id: m.text(lang) for m in dated.MOMENTS}}
    chosen = st.selectbox(wt("dated_pick"), list(labels), format_func=labels.__getitem__,
                          help=wt("dated_pick_help"), key=f"workshop_dated_{number}")
    if not chosen:
        return None
    moment = dated.BY_ID[chosen]
    scheduled = moment.events(lang)
    st.caption(wt("dated_adds", event=_event_text(scheduled[0])) if scheduled
               else wt("dated_no_event"))
    return moment


def _next_round(room: Room, round_: Round, key: str) -> None:
    """The inject (parameters and events for everyone), the announcement, and the button."""
    number = round_.number + 1
    try:
        current = results.round_scenario(round_.preset, round_.overrides,
                                         round_.events).parameters
    except (SimulatorError, ValueError):
        current = params.defaults()
    moment = _moment_picker(number)
    # Labels fixed when the widget is made, as in _create_room: Streamlit may format options
    # outside the run, where the language is unknown (a French pick was then lost).
    labels = {name: i18n.parameter(name) for name in params.SCHEMA}
    names = st.multiselect(wt("inject_params"), list(params.SCHEMA),
                           format_func=labels.__getitem__,
                           key=f"workshop_inject_params_{number}")
    inject = {name: _inject_value(name, current[name], number) for name in names}
    picked = _event_picker(round_, number, inject, current)
    announcement = st.text_area(wt("announcement_input"), max_chars=2000,
                                placeholder=wt("announcement_placeholder"),
                                key=f"workshop_announcement_{number}")
    if st.button(wt("next_button", n=number), key=f"workshop_next_{number}", type="primary",
                 icon=":material/skip_next:", on_click=_remember_round, args=(round_.number,)):
        lang = i18n.language()
        if moment is not None:  # the day's news: its event first, and the announcement
            picked = [*moment.events(lang), *picked]
            announcement = announcement.strip() or moment.text(lang)
        try:
            results.round_scenario(round_.preset, {**round_.overrides, **inject},
                                   [*round_.events, *picked])
            # The round this page shows: a second press (double click, another tab) opens no
            # second round (see WorkshopStore.start_next_round).
            common.store().start_next_round(
                room.join_code, key, round_.number,
                {**inject, **({events.EVENTS_KEY: picked} if picked else {})}, announcement,
                as_of=None if moment is None else moment.date)
        except RoundMovedOn as error:
            _refused(error)
        except (SimulatorError, WorkshopError, ValueError) as error:
            st.error(widgets.plain(str(error)))
        else:
            st.rerun()


def _controls(room: Room, round_: Round, key: str) -> None:
    """Lock, and lock and reveal (under the answer count, above the results)."""
    code = room.join_code
    if revealed_in := st.session_state.pop("workshop_revealed_in", None):
        st.success(wt("revealed_in", n=revealed_in[0],
                      seconds=i18n.fmt_number(revealed_in[1], 1)),
                   icon=":material/check_circle:")
    # A press on a page still showing an earlier round (the room moved on in another tab
    # before it redrew) starts this run, drawn for the new round: nothing is done, it is said.
    shown = st.session_state.pop(PRESSED, None)
    moved_on = st.session_state.pop(MOVED_ON, None)
    if moved_on is None and shown is not None and shown != round_.number:
        moved_on = (shown, round_.number)
    if moved_on:
        st.warning(wt("moved_on", shown=moved_on[0], current=moved_on[1]),
                   icon=":material/update:")
    if round_.revealed:
        return
    # The keys carry the round: a press drawn for round 1 cannot act on round 2.
    number = round_.number
    lock, reveal = st.columns(2)
    if lock.button(wt("lock"), key=f"workshop_lock_{number}", disabled=round_.locked,
                   help=wt("lock_help"), icon=":material/lock:", width="stretch",
                   on_click=_remember_round, args=(number,)):
        try:
            common.store().lock_round(code, key, number)
        except RoundMovedOn as error:
            _refused(error)
        st.rerun()
    if reveal.button(wt("reveal"), key=f"workshop_reveal_{number}", type="primary",
                     help=wt("reveal_help"), icon=":material/visibility:", width="stretch",
                     on_click=_remember_round, args=(number,)):
        _reveal(room, key, number)


def _after_results(room: Room, round_: Round, key: str) -> None:
    """Under the results: the next round (once this one is revealed) and the downloads."""
    code = room.join_code
    if round_.revealed:
        # A keyed expander keeps its open state across the reruns that picking an inject
        # parameter causes (an unkeyed one is redrawn closed when the page above it changes).
        with st.expander(wt("next_heading", n=round_.number + 1), icon=":material/skip_next:",
                         key=f"workshop_next_open_{round_.number + 1}", on_change="rerun"):
            _next_round(room, round_, key)
    # The files are built when clicked, outside this script run: everything they need is
    # taken here (the store object, the language), so no Streamlit call happens there.
    store, lang = common.store(), i18n.language()
    # One wrapping row, each button as wide as its label: four equal columns cut French
    # labels ('Fiche de débrie…') beside the sidebar.
    files = st.container(horizontal=True, key="workshop_files")
    files.download_button(wt("download_csv"), data=lambda: csv_text(store, code),
                          file_name=f"workshop-{code}.csv", mime="text/csv",
                          on_click="ignore", key="workshop_download_csv",
                          icon=":material/table:", width="content")
    files.download_button(wt("download_html"), data=lambda: html_report(store, code, lang),
                          file_name=f"workshop-{code}-report.html", mime="text/html",
                          on_click="ignore", key="workshop_download_html",
                          help=wt("download_html_help"), icon=":material/description:",
                          width="content")
    files.download_button(wt("download_debrief"), data=lambda: debrief_sheet(store, code, lang),
                          file_name=f"workshop-{code}-debrief.html", mime="text/html",
                          on_click="ignore", key="workshop_download_debrief",
                          help=wt("download_debrief_help"), icon=":material/print:",
                          width="content")
    files.link_button(wt("open_board"), common.room_url(code, view=common.BOARD),
                      help=wt("open_board_help"), icon=":material/tv:", width="content")


def facilitator_page(room: Room) -> None:
    """The board with the controls, once this session holds the room's key."""
    code = room.join_code
    st.title(widgets.plain(room.title), anchor=False)
    _new_key_notice(code)
    key = common.facilitator_key(code) if _ask_key(code) else None
    round_ = common.store().current_round(code)
    if key is None:
        board.board(room, round_)
        return
    board.board(room, round_, controls=lambda: _controls(room, round_, key),
                after=lambda: _after_results(room, round_, key))
