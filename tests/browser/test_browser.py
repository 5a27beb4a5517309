"""The app in a real browser (Debian's chromium through Playwright): a slider moved with
the keyboard changes P(nuclear use) to the engine's number, every page opens without an
exception, links reproduce a view, tooltips quote the claims, downloads hold what is shown.

Screenshots of each page go to the test's tmp dir (pytest prints it with -rA or --basetemp).
Timing is measured by bench/app_latency.py, not asserted here.
"""

import csv
import io
import re
from urllib.parse import urlencode, urlparse

import pytest
import yaml
from playwright.sync_api import expect
from support.apptest import explored, headline
from support.browser import PHONE, wait_idle

from simulator.app import i18n
from simulator.model.scenario import load

PAGES = {
    "": "How likely is nuclear use?",
    "compare": "Compare views",
    "sensitivity": "Which assumptions matter most?",
    "one-world": "One world, week by week",
    "claims": "Claims registry",
    "calibration": "Calibration against the October 2022 forecasts",
    "about": "About the model",
}
P_USE = ".st-key-metric_nuclear_use [data-testid=stMetricValue]"


def slider(page, key: str):
    """The hidden range input of the slider bound to ``key`` (keyboard-focusable)."""
    return page.locator(f".st-key-{key.replace('.', '-')} input[type=range]")


def wait_rendered(page) -> None:
    """Wait for the script to finish and the lazily loaded elements (charts, tables) to be
    drawn: they show as skeletons for a moment after the run ends."""
    wait_idle(page)
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0)


def open_page(page, base_url: str, path: str = "") -> None:
    page.goto(f"{base_url}/{path}")
    wait_rendered(page)
    expect(page.locator("h1").first).to_be_visible()


def expect_no_exception(page) -> None:
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    expect(page.locator(".st-key-page_error")).to_have_count(0)  # one caught by app.py


def test_a_slider_moved_with_the_keyboard_changes_p_use(streamlit_server, page, tmp_path):
    open_page(page, streamlit_server)
    p_use = page.locator(P_USE)
    baseline = headline(explored(load("baseline"), 10_000))  # the run drawing the ranges
    expect(p_use).to_have_text(baseline)
    page.screenshot(path=tmp_path / "explore-before.png")

    layers = slider(page, "chain.layers")
    layers.focus()
    page.keyboard.press("ArrowRight")
    expect(p_use).not_to_have_text(baseline)
    wait_rendered(page)
    assert layers.input_value() == "6"
    six = explored(load("baseline").with_overrides({"chain.layers": 6}), 10_000)
    expect(p_use).to_have_text(headline(six))
    assert "chain.layers=6" in page.url  # the setting now lives in the link
    expect(page.locator(".st-key-metric_nuclear_use [data-testid=stMetricDelta]")).to_be_visible()
    expect_no_exception(page)
    page.screenshot(path=tmp_path / "explore-after.png")

    # The changed setting goes to Compare through the link, beside its preset.
    page.get_by_role("link", name="Open in Compare").click()
    wait_rendered(page)
    expect(page.locator(".st-key-scenarios")).to_contain_text("baseline: chain.layers=6")
    expect(page.locator("[data-testid=stTable]").first).to_contain_text("baseline: chain.layers=6")
    expect_no_exception(page)
    page.screenshot(path=tmp_path / "compare-from-explore.png")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_opens_without_exception(streamlit_server, page, tmp_path, path):
    open_page(page, streamlit_server, path)
    expect(page.locator("h1").first).to_have_text(PAGES[path])
    expect_no_exception(page)
    page.screenshot(path=tmp_path / f"{path or 'explore'}.png")


def test_a_link_reproduces_the_view(streamlit_server, page, tmp_path, monkeypatch):
    open_page(page, streamlit_server, "?preset=kemp&chain.layers=3&lang=fr")
    assert slider(page, "chain.layers").input_value() == "3"
    custom = explored(load("kemp").with_overrides({"chain.layers": 3}), 10_000)
    monkeypatch.setattr(i18n, "language", lambda: "fr")  # the page is French: '11 %'
    expect(page.locator(P_USE)).to_have_text(headline(custom))
    expect(page.locator("h1").first).to_have_text("Quelle probabilité d'emploi nucléaire ?")
    expect_no_exception(page)
    page.screenshot(path=tmp_path / "explore-link-fr.png")


def test_an_impossible_link_value_warns(streamlit_server, page, tmp_path):
    open_page(page, streamlit_server, "?preset=nobody&chain.layers=70")
    alerts = page.locator("[data-testid=stAlertContentWarning]")
    expect(alerts.filter(has_text="preset=nobody")).to_be_visible()
    expect(alerts.filter(has_text="chain.layers=70")).to_be_visible()
    assert slider(page, "chain.layers").input_value() == "5"
    expect_no_exception(page)
    page.screenshot(path=tmp_path / "explore-bad-link.png")


def test_a_slider_tooltip_quotes_its_claims(streamlit_server, page):
    open_page(page, streamlit_server)
    page.locator(".st-key-chain-layers [data-testid=stTooltipIcon]").hover()
    tooltip = page.locator("[data-testid=stTooltipContent]")
    expect(tooltip).to_contain_text("Col. Richard Kemp")
    expect(tooltip).to_contain_text("il y a environ cinq niveaux")


def test_downloads_hold_the_outcomes_and_the_scenario(streamlit_server, page):
    open_page(page, streamlit_server, "?preset=hodges&worlds=2000")
    with page.expect_download() as download:
        page.locator(".st-key-download_outcomes button").click()
    rows = {row["outcome"]: row
            for row in csv.DictReader(io.StringIO(download.value.path().read_text()))}
    hodges = explored(load("hodges"), 2_000).predictive["nuclear_use"]
    assert float(rows["nuclear_use"]["estimate"]) == pytest.approx(hodges.estimate.estimate)
    # with the plausible range the page shows (the run drew the ranges)
    assert float(rows["nuclear_use"]["pi_high"]) == pytest.approx(hodges.pi_high)
    with page.expect_download() as download:
        page.locator(".st-key-download_scenario button").click()
    document = yaml.safe_load(download.value.path().read_text())
    assert document["name"] == "hodges"
    assert document["parameters"]["chain.weight_futility"]["value"] == 1.5


# --- hostile links ----------------------------------------------------------------------

from support.apptest import HOSTILE  # noqa: E402 - the same hostile values as AppTest

HOSTILE_LINKS = {
    "": {"worlds": "1000", "seed": "1e400", "preset": HOSTILE[0], "chain.layers": HOSTILE[1],
         "leader.bluff_share": HOSTILE[2], "west.influence": HOSTILE[3],
         "chain.base_refusal": HOSTILE[4], "lang": HOSTILE[5]},
    "compare": {"compare_worlds": "1000", "compare_seed": "9" * 400,
                "scenarios": ["baseline", "kemp", *HOSTILE,
                              "kemp: chain.layers=https://evil.example"]},
    "one-world": {"world": "9" * 400, "story_seed": "1e400", "story_preset": HOSTILE[2],
                  "story_events": HOSTILE[4]},
    "sensitivity": {"sobol_spread": "1e400", "sobol_parameters": HOSTILE[3],
                    "sobol_preset": HOSTILE[0], "sobol_outcome": HOSTILE[5]},
    "claims": {"speakers": HOSTILE[1], "q": HOSTILE[0], "checked_only": HOSTILE[2]},
}
"""Per page, a link whose values are the hostile inputs (and numbers that used to raise)."""
ATTACKER = ("127.0.0.1:9", "evil.example", "b.example")
"""The hosts in the hostile values: no link, image or request may go there."""


@pytest.mark.parametrize("path", HOSTILE_LINKS)
def test_hostile_links_render_as_text(streamlit_server, page, tmp_path, path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    query = HOSTILE_LINKS[path]
    page.goto(f"{streamlit_server}/{path}?{urlencode(query, doseq=True)}")
    # The page refuses the bad values, reruns and names each one in a warning.
    alerts = page.locator("[data-testid=stAlertContentWarning]")
    for key in query:
        if key not in ("worlds", "compare_worlds", "q", "scenarios"):
            expect(alerts.filter(has_text=f"{key}=")).to_have_count(1, timeout=60_000)
    if path == "compare":
        expect(alerts.filter(has_text="is not a scenario")).to_have_count(len(HOSTILE) + 1)
        expect(alerts.filter(has_text="![x](http://127.0.0.1:9/x.png)")).to_have_count(1)
        expect(page.locator("[data-testid=stTable]").first).to_contain_text("Kemp")
    wait_rendered(page)
    page.screenshot(path=tmp_path / f"hostile-{path or 'explore'}.png")

    # Shown as text, never as a link or an image; nothing fetched from the attacker.
    for host in ATTACKER:
        expect(page.locator(f"a[href*='{host}']")).to_have_count(0)
        expect(page.locator(f"img[src*='{host}']")).to_have_count(0)
    expect(page.locator("a[href^='javascript'], a[href^='mailto']")).to_have_count(0)
    expect(page.locator("img[src='x']")).to_have_count(0)
    assert not [url for url in requested if urlparse(url).netloc.endswith(ATTACKER)]
    # No traceback, no exception, no caught error.
    expect(page.get_by_text(re.compile("Traceback|OverflowError|File \"/"))).to_have_count(0)
    expect_no_exception(page)


# --- the answer first, on a laptop and on a phone -----------------------------------------

def _top_and_bottom(locator) -> tuple[float, float]:
    box = locator.bounding_box()
    assert box is not None
    return box["y"], box["y"] + box["height"]


def test_the_answer_and_the_views_are_above_the_fold_on_a_laptop(streamlit_server, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, streamlit_server)
    answer = page.locator(P_USE)
    expect(answer).to_be_visible()
    strip = page.locator(".st-key-views_strip [data-testid=stPlotlyChart], "
                         ".st-key-views_strip[data-testid=stPlotlyChart]").first
    expect(strip.locator(".main-svg").first).to_be_attached()
    for element in (answer, strip):
        top, bottom = _top_and_bottom(element)
        assert 0 <= top and bottom <= 800, (top, bottom)
    # and the sentence saying why, beside the number
    expect(page.get_by_text("what stops it most")).to_be_visible()


def test_on_a_phone_the_answer_comes_before_the_sliders(streamlit_server, browser):
    context = browser.new_context(**PHONE)
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        open_page(page, streamlit_server)
        answer = page.locator(P_USE)
        expect(answer).to_be_visible()
        top, bottom = _top_and_bottom(answer)
        assert bottom <= 844, (top, bottom)  # on the first screen, not behind the sidebar
        expect(page.locator(".st-key-leader-bluff_share input[type=range]")).not_to_be_in_viewport()
        # Plotly's toolbar is off: nothing floats over a chart when it is touched.
        charts = page.locator("[data-testid=stPlotlyChart]")
        expect(charts.first.locator(".main-svg").first).to_be_attached()
        charts.first.tap()
        expect(page.locator(".modebar-container .modebar-btn")).to_have_count(0)
        # Nothing wider than the screen: no label cut at the right edge.
        overflow = page.evaluate(
            "() => document.querySelector('[data-testid=stMain]').scrollWidth")
        assert overflow <= 390 + 1
        expect_no_exception(page)
    finally:
        context.close()


def test_the_about_page_links_open_explore_with_their_settings(streamlit_server, page):
    open_page(page, streamlit_server, "about")
    page.get_by_role("link", name=re.compile("One obedient layer")).click()
    # Wait for the link's page, not just any idle page: on a loaded machine the old one may
    # still be showing when the first check runs.
    expect(page).to_have_url(re.compile(r"preset=kemp"))
    wait_rendered(page)
    expect(slider(page, "chain.layers")).to_have_value("1")
    expect(page.locator(P_USE)).to_be_visible()
    expect_no_exception(page)


# --- a key assumption set as a range, carried to Compare ------------------------------------

def _range_on(page, name: str) -> None:
    """Switch on "As a range" under the key assumption ``name`` and wait for the handles."""
    page.locator(f".st-key-range_on-{name.replace('.', '-')} label").click()
    wait_rendered(page)
    handles = page.locator(f".st-key-range-{name.replace('.', '-')} input[type=range]")
    expect(handles).to_have_count(2)


def test_a_range_set_on_explore_moves_the_headline_and_travels_to_compare(
        streamlit_server, page, tmp_path):
    from simulator.app.scenarios import Choice

    name = "chain.base_refusal"  # Kemp: 5-15%, most likely 8%
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, streamlit_server, "?preset=kemp")
    p_use = page.locator(P_USE)
    expect(p_use).to_have_text(headline(explored(load("kemp"), 10_000)))
    _range_on(page, name)
    low = page.locator(f".st-key-range-{name.replace('.', '-')} input[type=range]").first
    low.focus()
    page.keyboard.press("Home")  # the lower handle to 0%
    spec = "kemp: chain.base_refusal~0..0.15"
    drawn = explored(Choice.parse(spec).scenario(), 10_000)
    expect(p_use).to_have_text(headline(drawn))
    wait_rendered(page)
    expect(page.locator("[data-testid=stAlertContentInfo]")).to_contain_text("drawn from")
    expect_no_exception(page)
    page.locator(f".st-key-range-{name.replace('.', '-')}").scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / "explore-range-1280.png")
    page.set_viewport_size({"width": 390, "height": 844})
    # Nothing wider than a phone's screen in the sidebar either.
    assert page.evaluate("() => document.querySelector('[data-testid=stSidebar]')"
                         ".scrollWidth") <= 390 + 1
    page.screenshot(path=tmp_path / "explore-range-390.png")
    page.set_viewport_size({"width": 1280, "height": 800})

    page.get_by_role("link", name="Open in Compare").click()
    wait_rendered(page)
    expect(page.locator(".st-key-scenarios")).to_contain_text(spec)
    expect(page.locator(".st-key-compare_plausible")).to_contain_text(
        f"{spec}: About {headline(drawn)}")
    expect_no_exception(page)
    page.screenshot(path=tmp_path / "compare-range-1280.png")


def test_on_a_phone_the_answer_stays_atop_the_drawer_while_sliding(streamlit_server, browser):
    context = browser.new_context(**PHONE)
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        open_page(page, streamlit_server)
        value = page.locator(P_USE).inner_text()
        page.locator("[data-testid=stExpandSidebarButton]").click()
        layers = page.locator(".st-key-chain-layers")
        layers.scroll_into_view_if_needed()
        expect(layers).to_be_in_viewport()
        answer = page.locator(".st-key-drawer_answer")
        expect(answer).to_be_in_viewport()  # sticky at the drawer's top
        expect(answer).to_contain_text(value)
        # Wide screens keep the sidebar beside the page: no copy there.
        page.set_viewport_size({"width": 1280, "height": 800})
        expect(answer).to_be_hidden()
    finally:
        context.close()


def test_on_a_phone_the_drawer_opens_on_the_key_assumptions_not_the_page_list(
        streamlit_server, browser):
    from simulator.app.explore import KEY_ASSUMPTIONS

    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        open_page(page, streamlit_server)
        page.locator("[data-testid=stExpandSidebarButton]").click()
        def assumption(name: str):
            return page.locator(f".st-key-{name.replace('.', '-')}")

        expect(assumption(KEY_ASSUMPTIONS[0])).to_be_in_viewport()  # the drawer's first screen
        # Every key assumption, and the reset button, above the page list (Streamlit puts the
        # top navigation in the drawer on a phone); the page list is still there below them.
        pages = page.locator("[data-testid=stSidebarNav]")
        expect(pages.get_by_role("link", name="Compare")).to_be_attached()
        above = _top_and_bottom(pages)[0]
        for name in KEY_ASSUMPTIONS:
            top, bottom = _top_and_bottom(assumption(name))
            assert bottom <= above, (name, bottom, above)
        assert _top_and_bottom(page.locator(".st-key-reset"))[1] <= above
        pages.get_by_role("link", name="Compare").scroll_into_view_if_needed()
        expect(pages.get_by_role("link", name="Compare")).to_be_in_viewport()
    finally:
        context.close()


# Records when the headline first shows its value and when the first chart arrives.
ORDER_PROBE = """document.addEventListener('DOMContentLoaded', () => {
    const seen = window.__seen = {};
    const where = () => ['HEADLINE', '[data-testid=stSidebar] [data-testid=stSelectbox]',
                         '[data-testid=stSidebar] h3']
        .map(selector => document.querySelector(selector))
        .map(element => element && Math.round(element.getBoundingClientRect().top));
    window.__where = where;
    const look = () => {
        const value = document.querySelector('HEADLINE');
        if (!seen.headline && value && value.innerText.trim()) {
            seen.headline = performance.now();
            seen.before = where();  // what shows with the headline must not move later
        }
        if (!seen.chart && document.querySelector('.st-key-views_strip, .st-key-spread'))
            seen.chart = performance.now();
    };
    new MutationObserver(look).observe(document.body, {childList: true, subtree: true,
                                                       characterData: true});
    look();
})""".replace("HEADLINE", P_USE)


def test_a_new_visitor_sees_the_headline_before_any_chart_then_the_whole_page(
        streamlit_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.add_init_script(ORDER_PROBE)
        open_page(page, streamlit_server)  # waits for the rest of the page as well
        seen = page.evaluate("() => window.__seen")
        assert seen.get("headline") and seen.get("chart"), seen
        assert seen["headline"] < seen["chart"], seen  # the charts came after it was drawn
        # the headline, the view's picker and the key assumptions' heading stay where they were
        assert None not in seen["before"], seen
        assert page.evaluate("() => window.__where()") == seen["before"]
        expect(page.locator(".st-key-first_paint")).to_have_count(0)
        expect(page.locator("[data-testid=stPlotlyChart]")).to_have_count(6)
        expect(page.get_by_role("link", name="Open in Compare")).to_be_visible()
        expect(page.locator(P_USE)).to_have_text(headline(explored(load("baseline"), 10_000)))
        expect_no_exception(page)
    finally:
        context.close()
