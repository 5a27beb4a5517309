"""Shared pieces of the workshop pages: the store, URL values, links, QR codes, escaping.

The URL of a workshop view says which view it is and never carries the facilitator key:

- ``?room=CODE``                 a participant's join form;
- ``?room=CODE&token=T``         a participant's own page (the token finds them after a reload);
- ``?room=CODE&view=board``      the read-only board for the projector (no key);
- ``?room=CODE&view=facilitate`` the board with the controls, which ask for the key once per
  browser session (kept in session_state, never in the URL: a projected URL is read by
  the whole room).
"""

import io
import socket
from urllib.parse import urlencode, urlsplit

import segno
import streamlit as st

from simulator.app import i18n, widgets
from simulator.settings import current as current_settings
from simulator.workshop import WorkshopStore

ROOM, TOKEN, VIEW = "room", "token", "view"
"""URL parameters of the workshop page."""
BOARD, FACILITATE = "board", "facilitate"
"""The values of ``view`` (none: the participant page)."""
VIEWS = (BOARD, FACILITATE)
KEYS = "workshop_facilitator_keys"
"""Session-state key: {join code: facilitator key} for the rooms this session steers."""
NEW_KEY = "workshop_new_key"
"""Session-state key: (join code, key) of a room just created, until the facilitator hides it."""
PAGE_PATH = "workshop"
"""The page's url_path in app.py."""
LOOPBACK = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}
POLL_SECONDS = 2
"""How often the board asks the database for new answers (a few ms per poll)."""


@st.cache_resource(show_spinner=False)
def store() -> WorkshopStore:
    """The process's one store (thread-safe); the database comes from workshop.database_url."""
    return WorkshopStore()


# --- links -------------------------------------------------------------------------------

def page_url() -> str:
    """The workshop page's address as participants reach it (without query)."""
    override = current_settings().workshop_public_url.rstrip("/")
    if override:
        return f"{override}/{PAGE_PATH}"
    current = st.context.url  # None in AppTest
    if not current:
        return f"http://localhost:8501/{PAGE_PATH}"
    parts = urlsplit(current)
    path = parts.path.rstrip("/")
    if not path.endswith(f"/{PAGE_PATH}"):
        path = f"{path}/{PAGE_PATH}"
    return f"{parts.scheme}://{parts.netloc}{path}"


def room_url(code: str, **extra: str) -> str:
    """The link to a room's view (the participant join form by default)."""
    query = {ROOM: code, **extra}
    if i18n.language() != i18n.LANGUAGES[0]:  # the default language needs no parameter
        query[i18n.LANGUAGE_KEY] = i18n.language()
    return f"{page_url()}?{urlencode(query)}"


def loopback_host() -> tuple[str, str] | None:
    """``(host, port)`` if the join link points at this machine only, else None."""
    if current_settings().workshop_public_url:
        return None
    parts = urlsplit(page_url())
    if parts.hostname in LOOPBACK:
        return parts.hostname, str(parts.port or 80)
    return None


def lan_address() -> str:
    """This machine's address on the local network, as best known (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: picks the outgoing interface only
            return probe.getsockname()[0]
        except OSError:
            return "<this machine's IP address>"


@st.cache_data(max_entries=64, show_spinner=False)
def qr_png(url: str) -> bytes:
    """A QR code of ``url`` as PNG bytes, large enough to scan off a projector."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=10, border=2)
    return buffer.getvalue()


def facilitator_key(code: str) -> str | None:
    """The key this browser session holds for room ``code``."""
    return st.session_state.get(KEYS, {}).get(code)


def remember_key(code: str, key: str) -> None:
    """Keep a checked facilitator key for this session (never in the URL)."""
    st.session_state.setdefault(KEYS, {})[code] = key


# --- numbers -----------------------------------------------------------------------------

def percent(p: float | None) -> str:
    """A probability as every page shows it (widgets.percent); '–' for none."""
    return "–" if p is None else widgets.percent(p)


def points(d: float | None) -> str:
    """A difference of probabilities in signed percentage points; '–' for none."""
    return "–" if d is None or d != d else widgets.points(d)
