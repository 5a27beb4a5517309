"""Workshop mode in a real browser: a facilitator and two participants, three Playwright
contexts (three separate browser sessions) on Debian's chromium against one Streamlit server
with its own SQLite file.

The facilitator creates a room, both participants join with the link's code, forecast, move a
slider with the keyboard and submit; the board counts them (its polling fragment), the
facilitator locks and reveals, and the board shows both names, the second one with quotes and
HTML in it, shown exactly as typed (no ``&quot;``, no bold). Screenshots go to the test's tmp
dir (pytest -rA prints it; --basetemp fixes it).
"""

import re

import pytest
from browser_support import free_port, start_streamlit, stop, wait_healthy, wait_idle
from playwright.sync_api import expect

from simulator import engine
from simulator.scenario import load
from ui import widgets
from ui import workshop_results as results

VIEWPORT = {"width": 1280, "height": 1600}  # the app scrolls inside stMain: a tall viewport
PROJECTOR = {"width": 1920, "height": 1080}
TRICKY_NAME = 'O"Brien <b>&'


@pytest.fixture(scope="module")
def workshop_server(browser, tmp_path_factory):
    """The app on a free port, its workshop database in a fresh directory."""
    data_dir = tmp_path_factory.mktemp("workshop-data")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    with pytest.MonkeyPatch.context() as patch:  # the server process inherits os.environ
        patch.setenv("WORKSHOP_DATA_DIR", str(data_dir))
        patch.delenv("WORKSHOP_DATABASE_URL", raising=False)
        patch.delenv("WORKSHOP_PUBLIC_URL", raising=False)
        process = start_streamlit(port, data_dir / "server.log")
    try:
        wait_healthy(base_url, process, data_dir / "server.log")
        yield base_url
    finally:
        stop(process)


def new_page(browser, viewport=VIEWPORT):
    """A page in a browser context of its own: another person's browser."""
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(30_000)
    return context.new_page()


def wait_rendered(page) -> None:
    wait_idle(page)
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0)


def no_exception(page) -> None:
    expect(page.locator("[data-testid=stException]")).to_have_count(0)


def join_and_answer(browser, base_url: str, code: str, name: str, forecast: str,
                    layer_steps: int, tmp_path, shot: str):
    """A participant opens the link, joins, forecasts, moves the layers slider, submits."""
    page = new_page(browser)
    page.goto(f"{base_url}/workshop?room={code}")
    wait_rendered(page)
    page.locator(".st-key-workshop_name input").fill(name)
    page.get_by_role("button", name="Join the room").click()
    page.wait_for_url(re.compile(r"token="))
    wait_rendered(page)
    expect(page.get_by_text(f"You are {name} in room {code}.")).to_be_visible()
    page.locator("[data-testid=stNumberInput] input").fill(forecast)
    layers = page.locator("[class*='_1_chain-layers'] input[type=range]")
    layers.focus()
    for _ in range(abs(layer_steps)):
        page.keyboard.press("ArrowRight" if layer_steps > 0 else "ArrowLeft")
    value = int(layers.input_value())
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Answer saved at")).to_be_visible()
    wait_rendered(page)
    no_exception(page)
    page.screenshot(path=tmp_path / shot)
    return page, value


def test_a_facilitator_and_two_participants_run_a_round(browser, workshop_server, tmp_path):
    facilitator = new_page(browser)
    facilitator.goto(f"{workshop_server}/workshop")
    wait_rendered(facilitator)
    facilitator.get_by_role("tab", name="Create a room (facilitator)").click()
    facilitator.locator(".st-key-workshop_title input").fill("Autumn 2022: escalation debrief")
    facilitator.get_by_role("button", name="Create the room").click()
    code_shown = facilitator.locator(".st-key-workshop_code [data-testid=stMetricValue]")
    expect(code_shown).to_have_text(re.compile(r"^[2-9A-Z]{4} [2-9A-Z]{4}$"))
    code = code_shown.inner_text().replace(" ", "")
    wait_rendered(facilitator)
    assert "key" not in facilitator.url and f"room={code}" in facilitator.url
    expect(facilitator.locator("[data-testid=stImage] img")).to_be_visible()  # the QR code
    no_exception(facilitator)
    facilitator.screenshot(path=tmp_path / "1-facilitator-room-created.png")

    ana, ana_layers = join_and_answer(browser, workshop_server, code, "Ana", "12", -2, tmp_path,
                                      "2-participant-ana-submitted.png")
    _, bob_layers = join_and_answer(browser, workshop_server, code, TRICKY_NAME, "30", 3,
                                    tmp_path, "3-participant-bob-submitted.png")
    assert (ana_layers, bob_layers) == (3, 8)

    # The board's fragment polls the database: the count arrives without a click.
    expect(facilitator.locator("[data-testid=stMetricValue]").filter(has_text="2 of 2")) \
        .to_be_visible()
    expect(facilitator.get_by_text("Ana")).to_have_count(0)  # no answer before the reveal
    facilitator.screenshot(path=tmp_path / "4-board-before-reveal.png")

    facilitator.get_by_role("button", name="Lock and reveal").click()
    expect(facilitator.get_by_role("heading", name="Round 1: results")).to_be_visible(
        timeout=60_000)
    wait_rendered(facilitator)
    no_exception(facilitator)
    chart = facilitator.locator("[data-testid=stPlotlyChart]").first
    expect(chart).to_contain_text("Ana")
    expect(chart).to_contain_text(TRICKY_NAME)  # as typed: not &quot;, not bold
    expect(chart).not_to_contain_text("&quot;")
    expect(chart.locator("b, [style*=bold]")).to_have_count(0)
    expect(chart).to_contain_text("Samotsvety Forecasting, 3 Oct 2022")
    base = engine.run(load("baseline"), results.RUNS, results.SEED, workers=1)
    base_metric = facilitator.locator("[data-testid=stMetric]").filter(has_text="Base scenario")
    expect(base_metric.locator("[data-testid=stMetricValue]")).to_have_text(
        widgets.percent(base.estimates["nuclear_use"].estimate))
    facilitator.screenshot(path=tmp_path / "5-board-revealed.png")

    # Ana reloads: her token brings her back to her own result.
    ana.reload()
    wait_rendered(ana)
    mine = engine.run(load("baseline").with_overrides({"chain.layers": ana_layers}),
                      results.RUNS, results.SEED, workers=1).estimates["nuclear_use"]
    model = ana.locator("[data-testid=stMetric]").filter(has_text="Model with your assumptions")
    expect(model.locator("[data-testid=stMetricValue]")).to_have_text(
        widgets.percent(mine.estimate))
    expect(ana.get_by_text("Brien")).to_have_count(0)
    no_exception(ana)
    ana.screenshot(path=tmp_path / "6-participant-ana-result.png")

    # The read-only board for the projector: no key, both names, large type.
    projector = new_page(browser, PROJECTOR)
    projector.goto(f"{workshop_server}/workshop?room={code}&view=board")
    wait_rendered(projector)
    expect(projector.get_by_role("heading", name="Round 1: results")).to_be_visible()
    expect(projector.locator("[data-testid=stPlotlyChart]").first).to_contain_text(TRICKY_NAME)
    expect(projector.get_by_role("button", name="Lock and reveal")).to_have_count(0)
    no_exception(projector)
    projector.screenshot(path=tmp_path / "7-projector-board-top.png")
    projector.set_viewport_size({"width": 1920, "height": 3000})
    wait_rendered(projector)
    projector.screenshot(path=tmp_path / "8-projector-board-whole.png")
