"""The page "The risk over time" over the whole war, in a real browser, on a phone.

A link (``?span=war&as_of=...``) opens the whole war at its date in English and in French,
says it includes the held-out years, and nothing is wider than the phone's screen. Held-out
rule (docs/HELD_OUT.md): no number the page shows is read, and no screenshot is kept.
"""

import pytest
from playwright.sync_api import expect
from support.browser import PHONE, WIDEST, wait_idle

from simulator.app import i18n


@pytest.mark.parametrize(("lang", "heading", "words"), [
    ("en", "On 7 Aug 2024", "held-out years"),
    ("fr", "Au 7 août 2024", "années réservées")])
def test_a_whole_war_link_opens_on_a_phone_and_fits(streamlit_server, browser, lang, heading,
                                                    words):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(f"{streamlit_server}/timeline?lang={lang}&span=war&views=kemp"
                  "&as_of=2024-08-07")
        wait_idle(page)
        expect(page.locator("h1").first).to_have_text(i18n.TEXT[lang]["timeline.title"])
        expect(page.locator("[data-testid=stPlotlyChart] .main-svg").first).to_be_attached()
        expect(page.locator("h3").first).to_have_text(heading)
        expect(page.locator("[data-testid=stAlertContentInfo]").first).to_contain_text(words)
        expect(page.locator("[data-testid=stException]")).to_have_count(0)
        expect(page.locator(".st-key-page_error")).to_have_count(0)
        found = page.evaluate(WIDEST)
        assert found["scroll"] <= 391 and not found["wide"], found
    finally:
        context.close()
