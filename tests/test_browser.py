"""The app in a real browser (Debian's chromium through Playwright): a slider moved with
the keyboard changes P(nuclear use) to the engine's number, every page opens without an
exception, links reproduce a view, tooltips quote the claims, downloads hold what is shown.

Screenshots of each page go to the test's tmp dir (pytest prints it with -rA or --basetemp).
Timing is measured by bench/app_latency.py, not asserted here.
"""

import csv
import io

import pytest
import yaml
from browser_support import wait_idle
from playwright.sync_api import expect

from simulator import engine
from simulator.scenario import load
from ui import widgets

PAGES = {
    "": "How likely is nuclear use?",
    "compare": "Compare views",
    "sensitivity": "Which assumptions matter most?",
    "one-world": "One world, week by week",
    "claims": "Claims registry",
    "calibration": "Calibration against the October 2022 forecasts",
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


def test_a_slider_moved_with_the_keyboard_changes_p_use(streamlit_server, page, tmp_path):
    open_page(page, streamlit_server)
    p_use = page.locator(P_USE)
    baseline = engine.run(load("baseline"), 10_000, 0, workers=1).estimates["nuclear_use"]
    expect(p_use).to_have_text(widgets.percent(baseline.estimate))
    page.screenshot(path=tmp_path / "explore-before.png")

    layers = slider(page, "chain.layers")
    layers.focus()
    page.keyboard.press("ArrowRight")
    expect(p_use).not_to_have_text(widgets.percent(baseline.estimate))
    wait_rendered(page)
    assert layers.input_value() == "6"
    six = engine.run(load("baseline").with_overrides({"chain.layers": 6}), 10_000, 0,
                     workers=1).estimates["nuclear_use"]
    expect(p_use).to_have_text(widgets.percent(six.estimate))
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


def test_a_link_reproduces_the_view(streamlit_server, page, tmp_path):
    open_page(page, streamlit_server, "?preset=kemp&chain.layers=3&lang=fr")
    assert slider(page, "chain.layers").input_value() == "3"
    custom = engine.run(load("kemp").with_overrides({"chain.layers": 3}), 10_000, 0, workers=1)
    expect(page.locator(P_USE)).to_have_text(widgets.percent(custom.estimates["nuclear_use"].estimate))
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
    hodges = engine.run(load("hodges"), 2_000, 0, workers=1).estimates["nuclear_use"]
    assert float(rows["nuclear_use"]["estimate"]) == pytest.approx(hodges.estimate)
    with page.expect_download() as download:
        page.locator(".st-key-download_scenario button").click()
    document = yaml.safe_load(download.value.path().read_text())
    assert document["name"] == "hodges"
    assert document["parameters"]["chain.weight_futility"]["value"] == 1.5
