"""The page "The risk over time" in a real browser (Debian's chromium through Playwright).

At a laptop's and a phone's width, in English and in French: it opens without an exception,
its chart is drawn, and nothing is wider than the screen (no table or chart clipped at the
right edge). The date slider moves with the keyboard and writes the link, the date chosen
survives a switch of language, and a link opens its date and views. Screenshots go to the
test's tmp dir. Timing is measured in bench/nowcast_bench.py, not asserted here.
"""

import re

import pytest
from playwright.sync_api import expect
from support.browser import WIDEST, wait_idle

from simulator.app import i18n

SIZES = {1280: 800, 390: 844}
SLIDER = ".st-key-timeline_day input[type=range]"


def open_timeline(page, base_url: str, lang: str) -> None:
    page.goto(f"{base_url}/timeline?lang={lang}")
    wait_idle(page)
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0)
    expect(page.locator("h1").first).to_have_text(i18n.TEXT[lang]["timeline.title"])
    expect(page.locator("[data-testid=stPlotlyChart] .main-svg").first).to_be_attached()


def expect_no_exception(page) -> None:
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    expect(page.locator(".st-key-page_error")).to_have_count(0)  # one caught by app.py


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("width", list(SIZES))
def test_the_page_opens_and_fits_the_screen(streamlit_server, browser, tmp_path, width, lang):
    context = browser.new_context(viewport={"width": width, "height": SIZES[width]},
                                  is_mobile=width < 500, has_touch=width < 500)
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        open_timeline(page, streamlit_server, lang)
        expect_no_exception(page)
        expect(page.locator(".st-key-timeline_scores [data-testid=stTable]")).to_be_visible()
        found = page.evaluate(WIDEST)
        assert found["scroll"] <= width + 1 and not found["wide"], found
        page.screenshot(path=tmp_path / f"timeline-{width}-{lang}.png", full_page=True)
    finally:
        context.close()


def test_the_slider_moves_by_keyboard_and_the_date_survives_the_language(streamlit_server,
                                                                         page):
    open_timeline(page, streamlit_server, "en")
    heading = page.locator("h3").first
    expect(heading).to_have_text("On 16 Nov 2022")
    page.locator(SLIDER).focus()
    page.keyboard.press("ArrowRight")
    expect(heading).to_have_text("On 23 Nov 2022")
    expect(page).to_have_url(re.compile(r"[?&]as_of=2022-11-23(&|$)"))  # the link follows
    wait_idle(page)
    expect(page.locator(".st-key-timeline_known_then")).to_contain_text("effective worlds")
    page.locator("[data-testid=stSidebar]").get_by_text("fr", exact=True).click()
    expect(page.locator("h1").first).to_have_text(i18n.TEXT["fr"]["timeline.title"])
    wait_idle(page)
    expect(heading).to_have_text("Au 23 nov. 2022")
    expect(page).to_have_url(re.compile(r"[?&]as_of=2022-11-23(&|$)"))
    expect_no_exception(page)


def test_a_link_opens_its_date_and_views(streamlit_server, page):
    page.goto(f"{streamlit_server}/timeline?lang=fr&as_of=2023-02-20&views=kemp,hodges")
    wait_idle(page)
    expect(page.locator("h3").first).to_have_text("Au 22 févr. 2023")  # the nearest week
    expect(page.locator(".st-key-timeline_known_then li")).to_have_count(2)
    expect(page).to_have_url(re.compile(r"[?&]as_of=2023-02-22(&|$)"))
    expect_no_exception(page)
