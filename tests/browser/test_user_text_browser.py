"""Hostile names in Chromium: on the board, the facilitator's view and every participant's
page, no element is made from a name, the title or an announcement (no image, no link, no
bold), and no request leaves 127.0.0.1, while each name is shown as typed.

The room (test_user_text.hostile_room) is written straight into the server's SQLite file:
round 1 revealed, round 2 open, so the board shows the tables and the facilitator's view
also lists who has not answered yet, by name. Every wait is on a condition.
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from support.browser import served_workshop, wait_idle
from support.workshop import HOSTILE_NAMES, hostile_room

from simulator.workshop import WorkshopStore

FROM_TEXT = """() => {
  const marked = [...document.querySelectorAll('[src], [href], [srcset], [style], [data]')]
    .filter(e => ['src', 'href', 'srcset', 'style', 'data', 'xlink:href'].some(
      name => (e.getAttribute(name) || '').includes('example.invalid')));
  const bold = [...document.querySelectorAll('[data-testid=stMain] b, [data-testid=stMain] strong')]
    .filter(e => e.textContent === 'now');
  return [...marked, ...bold].map(e => e.outerHTML.slice(0, 200));
}"""
"""Elements a hostile text would create: anything pointing at its address, its bold word."""
SHOWN_TEXT = """() => document.querySelector('[data-testid=stMain]').innerText
  .replaceAll('\\u2060', '')"""
"""The page's text as read (word joiners, invisible, dropped)."""


@pytest.fixture(scope="module")
def hostile_server(browser, tmp_path_factory):
    """The app on a free port over a database holding the hostile room."""
    data_dir = tmp_path_factory.mktemp("hostile-workshop")
    store = WorkshopStore(f"sqlite:///{data_dir / 'workshop.db'}")
    try:
        code, key, tokens = hostile_room(store)
    finally:
        store.close()
    with served_workshop(data_dir) as (base_url, _log):
        yield base_url, code, key, tokens


def shows_plainly(page, names: list[str]) -> None:
    """The page finished, shows every name as typed, and made no element from any text."""
    wait_idle(page)
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0)
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    page.wait_for_function(f"() => {{ const text = ({SHOWN_TEXT})();"
                           f" return {names!r}.every(name => text.includes(name)); }}")
    assert page.evaluate(FROM_TEXT) == []


def test_hostile_names_make_no_element_and_no_outside_request(browser, hostile_server):
    base_url, code, key, tokens = hostile_server
    context = browser.new_context(viewport={"width": 1280, "height": 1600})
    context.set_default_timeout(60_000)
    outside = []

    def note(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1":
            outside.append(request.url)

    context.on("request", note)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/workshop?room={code}&view=board")
        shows_plainly(page, HOSTILE_NAMES)

        page.goto(f"{base_url}/workshop?room={code}&view=facilitate")
        wait_idle(page)
        page.locator(".st-key-workshop_key_input input").fill(key)
        page.get_by_role("button", name="Open as facilitator").click()
        expect(page.get_by_text("Not yet (5)", exact=False)).to_be_visible()
        shows_plainly(page, HOSTILE_NAMES)

        for name, token in tokens.items():
            page.goto(f"{base_url}/workshop?room={code}&token={token}")
            shows_plainly(page, [f"You are {name} in room {code}."])
    finally:
        context.close()
    assert outside == []  # no image, font or script fetched from elsewhere
