"""Workshop: participants submit forecasts and assumptions, a facilitator reveals them.

The facilitator's screen is usually a projector. One page, several views chosen by the URL
(see simulator/app/workshop_common.py): the landing page (join, create, open), a participant's page
(``?room=CODE[&token=...]``), the read-only board (``&view=board``) and the facilitator's
board with its controls (``&view=facilitate``).
Unknown room codes, tokens, views and other link keys are said so on the page.

The projector board and the participants' pages show only the room: the app's navigation and
language sidebar and the top bar are hidden by CSS on those views (the language comes with
the room's link, ``&lang=fr``), so a participant's laptop or the projector shows one thing.
"""

import streamlit as st

from simulator.app import widgets
from simulator.app import workshop_board as board
from simulator.app import workshop_common as common
from simulator.app import workshop_facilitator as facilitator
from simulator.app import workshop_participant as participant
from simulator.app.workshop_text import wt
from simulator.workshop import RoomNotFound

# Static CSS, no user text: the views that show only the room.
ROOM_ONLY_CSS = """
<style>
[data-testid=stSidebar], [data-testid=stSidebarCollapsedControl],
[data-testid=stExpandSidebarButton], [data-testid=stSidebarNav], header[data-testid=stHeader] {
  display: none !important; }
[data-testid=stMainBlockContainer] { padding-top: 1.2rem; padding-bottom: 2rem; }
</style>
"""

code = st.query_params.get(common.ROOM, "").strip()
view = st.query_params.get(common.VIEW, "")
token = st.query_params.get(common.TOKEN, "")
room = None
if code:
    try:
        room = common.store().room(code)
    except RoomNotFound:
        st.warning(wt("no_room", code=widgets.plain(code[:20])), icon=":material/warning:")
widgets.warn_unknown_url_keys(common.ROOM, common.VIEW, common.TOKEN)
if view and view not in common.VIEWS:
    st.warning(wt("bad_view", value=widgets.plain(view[:20])), icon=":material/warning:")
    view = ""

if room is None:
    facilitator.landing()
elif view == common.FACILITATE:
    facilitator.facilitator_page(room)
elif view == common.BOARD:
    st.html(ROOM_ONLY_CSS)
    board.board(room, common.store().current_round(room.join_code), title=room.title)
elif token:
    st.html(ROOM_ONLY_CSS)
    participant.participant_page(room, token)
else:
    st.html(ROOM_ONLY_CSS)
    st.title(widgets.plain(room.title), anchor=False)
    participant.join_form(room)
