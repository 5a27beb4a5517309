"""Screenshots of every page of the app and the workshop's three views, for the README and reviews.

Starts the app on a free port, opens each page in headless Chromium at a desktop size
(1280x800) and a phone size (390x844), in English and in French, waits until the page has
finished running and drawing, and saves what the viewport shows:

    .venv/bin/python scripts/screenshots.py              # all into docs/screenshots/
    .venv/bin/python scripts/screenshots.py --pages explore about --languages fr
    .venv/bin/python scripts/screenshots.py --pages explore-events one-world-news

Files are named ``<page>-<width>-<language>.png`` (e.g. ``explore-1280-en.png``). Besides the
pages, a few *scenes* show one feature after the steps a student takes to reach it (the
crises over time: one scheduled through Explore's form, the About page's list, a week's news
in One world, the facilitator's event picker), scrolled to it; and the workshop's views
(``workshop-participant``, ``workshop-facilitator``, ``workshop-board``) of a room whose
round 1 is revealed, written to the server's database by the workshop store first. Needs
Debian's ``chromium`` and the ``playwright`` package (the test extras), as the browser tests.
"""

import argparse
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from support.browser import (  # noqa: E402  (tests/ holds the server helpers)
    CHROMIUM_ARGS,
    free_port,
    start_streamlit,
    stop,
    wait_healthy,
    wait_idle,
)

PAGES = {"explore": "", "compare": "compare", "sensitivity": "sensitivity",
         "one-world": "one-world", "claims": "claims", "calibration": "calibration",
         "timeline": "timeline", "about": "about"}
"""Screenshot name -> URL path of every page but the workshop's."""
SIZES = {"1280": (1280, 800), "390": (390, 844)}
LANGUAGES = ("en", "fr")
NEWS_WORLD = 5
"""The world the news scene opens (the page's default preset and seed): its news (two
offensives, a deep strike) falls in weeks that changed something, so it is in the main list.
The scene waits for a news line and warns if the model no longer gives one there."""
RENDER_TIMEOUT_MS = 180_000
"""The first Claims page runs every check (about 15 s alone, more on a busy machine)."""


def _wait_rendered(page, shown: str = "h1") -> None:
    """The script has finished, no element is a loading skeleton, and ``shown`` is visible.

    ``shown``: the page's title; for the board, which has none once it shows results, its
    container.
    """
    wait_idle(page, timeout=RENDER_TIMEOUT_MS)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=stSkeleton]').length === 0",
        timeout=RENDER_TIMEOUT_MS)
    page.locator(shown).first.wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)
    # Plotly draws after the element appears: wait for every chart's SVG.
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
        ".every(chart => chart.querySelector('.main-svg'))", timeout=RENDER_TIMEOUT_MS)


def _whole_page(page, path: Path, width: int) -> None:
    """Save the page's whole length.

    The app scrolls inside its main block, so the viewport is made as tall as that block's
    content for the shot, then set back.
    """
    height = page.evaluate(
        "() => document.querySelector('[data-testid=stMain]').scrollHeight")
    before = page.viewport_size
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 16000)})
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
        ".every(chart => chart.querySelector('.main-svg'))", timeout=RENDER_TIMEOUT_MS)
    page.screenshot(path=path)
    page.set_viewport_size(before)


def _text(language: str, key: str, **values) -> str:
    from simulator.app import i18n

    return i18n.TEXT[language][key].format(**values)


def _scroll_to_top(locator) -> None:
    """Bring ``locator`` just under the app's top bar (which covers the top on a phone)."""
    locator.first.wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)
    locator.first.evaluate("""element => {
        element.scrollIntoView({block: 'start'});
        const header = document.querySelector('[data-testid=stHeader]');
        const below = header ? header.getBoundingClientRect().bottom : 0;
        const gap = element.getBoundingClientRect().top - below - 12;
        document.querySelector('[data-testid=stMain]').scrollBy(0, gap);
    }""")


def _heading(page, text: str):
    return page.locator("h1, h2, h3").filter(has_text=re.compile("^" + re.escape(text) + "$"))


def _explore_events(page, base_url: str, language: str) -> None:
    """Explore after scheduling one crisis with the form: a line breaks in week 6, labelled."""
    page.goto(f"{base_url}/{_query(language)}")
    _wait_rendered(page)
    from simulator import locales
    from simulator.model import events

    _scroll_to_top(_heading(page, _text(language, "events.title")))
    page.locator(".st-key-events_form summary").click()
    kinds = page.locator(".st-key-event_kind")
    kinds.wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)
    kinds.locator("input").click()
    words = locales.translate(language, "crisis.encirclement", events.KINDS["encirclement"].words)
    page.keyboard.type(words[:20])
    page.get_by_role("option", name=words[:1].upper() + words[1:]).click()
    wait_idle(page, timeout=RENDER_TIMEOUT_MS)
    week = page.locator(".st-key-event_week input[type=range]")
    week.focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.st-key-event_week input[type=range]').value === '6'",
        timeout=RENDER_TIMEOUT_MS)
    wait_idle(page, timeout=RENDER_TIMEOUT_MS)
    label = page.locator(".st-key-event_label input")
    label.fill("Kherson pocket" if language == "en" else "Poche de Kherson")
    label.press("Tab")
    wait_idle(page, timeout=RENDER_TIMEOUT_MS)
    page.locator(".st-key-event_add button").click()
    page.locator(".st-key-event_remove_0").wait_for(state="visible",
                                                     timeout=RENDER_TIMEOUT_MS)
    _wait_rendered(page)
    _scroll_to_top(_heading(page, _text(language, "events.title")))


def _about_crises(page, base_url: str, language: str) -> None:
    page.goto(f"{base_url}/about{_query(language)}")
    _wait_rendered(page)
    _scroll_to_top(_heading(page, _text(language, "about.crises")))


def _one_world_news(page, base_url: str, language: str) -> None:
    """One world's weeks that changed something, with the week's news among them."""
    query = _query(language)
    page.goto(f"{base_url}/one-world{query}{'&' if query else '?'}world={NEWS_WORLD}")
    _wait_rendered(page)
    _scroll_to_top(_heading(page, _text(language, "world.changed")))
    page.locator(".st-key-world_changed").filter(
        has_text=_news_prefix(language)).wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)


def _news_prefix(language: str) -> str:
    from simulator.app import i18n

    sentences = i18n.story_wording(language).sentences
    return sentences["crisis"].split("{")[0].strip()


def _workshop_inject_event(page, base_url: str, language: str) -> None:
    """A facilitator's room after round 1 is revealed: round 2's event picker, one added."""
    page.goto(f"{base_url}/workshop{_query(language)}")
    _wait_rendered(page)
    page.get_by_role("tab", name=_workshop_text(language, "tab_create")).click()
    page.locator(".st-key-workshop_title input").fill(
        "Autumn 2022" if language == "en" else "Automne 2022")
    page.get_by_role("button", name=_workshop_text(language, "create_button")).click()
    # While the page redraws, the old and the new copy of a button may both be there.
    page.locator(".st-key-workshop_code").first.wait_for(state="visible")
    _wait_rendered(page)
    page.locator(".st-key-workshop_reveal_1 button:visible").first.click()
    page.locator(".st-key-workshop_next_open_2 summary").first.wait_for(state="visible")
    _wait_rendered(page)
    page.locator(".st-key-workshop_next_open_2 summary").click()
    kinds = page.locator(".st-key-workshop_event_kind_2")
    kinds.wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)
    kinds.locator("input").click()
    name = _workshop_text(language, "event_kind_incursion")
    page.keyboard.type(name[:12])
    # Enter picks the option typed: at 390 px a label lies over the list and takes a click.
    page.get_by_role("option", name=name).wait_for(state="visible")
    page.keyboard.press("Enter")
    wait_idle(page, timeout=RENDER_TIMEOUT_MS)
    label = page.locator(".st-key-workshop_event_label_2 input")
    label.fill("Kursk" if language == "en" else "Koursk")
    label.press("Tab")
    wait_idle(page, timeout=RENDER_TIMEOUT_MS)
    page.locator(".st-key-workshop_event_add_2 button").click()
    page.locator(".st-key-workshop_event_remove_2_0").wait_for(state="visible",
                                                               timeout=RENDER_TIMEOUT_MS)
    _wait_rendered(page)
    _scroll_to_top(page.get_by_text(_workshop_text(language, "event_heading"), exact=True))


WORKSHOP_PEOPLE = (  # name, forecast (a probability), refusing layer guessed, assumptions
    ("Ana", 0.12, 2, {"chain.layers": 3}),
    ("Ben", 0.3, None, {"leader.resolve": 6.0}),
    ("Chloé", 0.04, 1, {"west.influence": 0.7}),
)
"""The room of the workshop views: three participants who answered round 1 differently."""
WORKSHOP_ALLOWED = ("chain.layers", "leader.resolve", "west.influence")
_ROOMS: dict[str, tuple[str, str, str]] = {}


def _workshop_room(language: str) -> tuple[str, str, str]:
    """A room whose round 1 is revealed: (join code, facilitator key, Ana's token).

    One per language, written with the workshop store as the browser tests do. The store is
    the server's: the same $WORKSHOP_DATA_DIR or $WORKSHOP_DATABASE_URL (the script sets them
    for the server it starts; with ``--url``, give the script that server's). The reveal runs
    the app's own numbers (``results.compute``).
    """
    if language in _ROOMS:
        return _ROOMS[language]
    from simulator.workshop import WorkshopStore, results

    store = WorkshopStore()
    try:
        room, key = store.create_room(
            "Autumn 2022: the Kherson offensive" if language == "en"
            else "Automne 2022 : l'offensive de Kherson", "baseline", WORKSHOP_ALLOWED)
        code, tokens = room.join_code, []
        for name, forecast, layer, chosen in WORKSHOP_PEOPLE:
            _, token = store.join(code, name)
            store.submit(code, token, 1, forecast, layer, chosen,
                         forecast_low=forecast / 2, forecast_high=min(1.0, forecast * 2))
            tokens.append(token)
        store.reveal(code, key, 1, lambda round_, submissions: results.compute(
            round_, submissions, allowed=WORKSHOP_ALLOWED))
    finally:
        store.close()
    _ROOMS[language] = code, key, tokens[0]
    return _ROOMS[language]


def _workshop_url(base_url: str, language: str, **query: str) -> str:
    query = {**query, **({"lang": "fr"} if language == "fr" else {})}
    return f"{base_url}/workshop?" + "&".join(f"{k}={v}" for k, v in query.items())


def _workshop_participant(page, base_url: str, language: str) -> None:
    """A participant's page after the reveal of round 1: their answer and their own result."""
    code, _, token = _workshop_room(language)
    page.goto(_workshop_url(base_url, language, room=code, token=token))
    _wait_rendered(page)


def _workshop_facilitator(page, base_url: str, language: str) -> None:
    """The facilitator's page of the room, opened with its key, round 1 revealed."""
    code, key, _ = _workshop_room(language)
    page.goto(_workshop_url(base_url, language, room=code, view="facilitate"))
    _wait_rendered(page)
    page.locator(".st-key-workshop_key_input input").fill(key)
    page.get_by_role("button", name=_workshop_text(language, "open_button")).click()
    page.locator(".st-key-workshop_next_open_2").first.wait_for(state="visible")
    _wait_rendered(page)


def _workshop_board(page, base_url: str, language: str) -> None:
    """The projector's board of the room: round 1's results."""
    code, _, _ = _workshop_room(language)
    page.goto(_workshop_url(base_url, language, room=code, view="board"))
    _wait_rendered(page, ".st-key-workshop_board")


def _workshop_text(language: str, key: str) -> str:
    from simulator.workshop.text import text

    return text(language, key)


def _query(language: str) -> str:
    return "?lang=fr" if language == "fr" else ""


SCENES = {"explore-events": _explore_events, "about-crises": _about_crises,
          "one-world-news": _one_world_news, "workshop-inject-event": _workshop_inject_event,
          "workshop-participant": _workshop_participant,
          "workshop-facilitator": _workshop_facilitator, "workshop-board": _workshop_board}
"""Screenshot name -> the steps that reach the feature and scroll it into view."""


def take(base_url: str, out: Path, pages: list[str], languages: list[str],
         full: bool = False) -> list[Path]:
    """Save each page or scene at each size and in each language; return the files written.

    With ``full``, also each page's whole length (``<name>-<width>-<language>-full.png``). A
    scene runs in a browser context of its own: a new session, nothing left from the others.
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             headless=True, args=CHROMIUM_ARGS)

        def new_page(width: int, height: int):
            context = browser.new_context(viewport={"width": width, "height": height},
                                          device_scale_factor=1,
                                          is_mobile=width < 500, has_touch=width < 500)
            context.set_default_timeout(RENDER_TIMEOUT_MS)
            return context.new_page()

        try:
            for size, (width, height) in SIZES.items():
                page = new_page(width, height)
                for language in languages:
                    for name in pages:
                        path = out / f"{name}-{size}-{language}.png"
                        if name in SCENES:
                            scene = new_page(width, height)
                            try:
                                SCENES[name](scene, base_url, language)
                            except (PlaywrightTimeout, PlaywrightError) as error:
                                print(f"warning: {name} ({size}, {language}) did not reach "
                                      f"its feature: {error}", file=sys.stderr)
                            scene.screenshot(path=path)
                            written.append(path)
                            if full:
                                whole = out / f"{name}-{size}-{language}-full.png"
                                _whole_page(scene, whole, width)
                                written.append(whole)
                            scene.context.close()
                            print(path.relative_to(REPO) if path.is_relative_to(REPO)
                                  else path)
                            continue
                        page.goto(f"{base_url}/{PAGES[name]}{_query(language)}")
                        try:
                            _wait_rendered(page)
                        except PlaywrightTimeout:  # save what it shows; say so
                            print(f"warning: {name} ({size}, {language}) did not finish "
                                  "drawing in time", file=sys.stderr)
                        page.screenshot(path=path)
                        written.append(path)
                        if full:
                            whole = out / f"{name}-{size}-{language}-full.png"
                            _whole_page(page, whole, width)
                            written.append(whole)
                        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
                page.context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> None:
    """Parse the options, start the app unless ``--url`` names one, take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--pages", nargs="+", choices=[*PAGES, *SCENES],
                        default=[*PAGES, *SCENES], help="pages and scenes (default: all)")
    parser.add_argument("--languages", nargs="+", choices=LANGUAGES, default=list(LANGUAGES))
    parser.add_argument("--url", help="an app already running (default: start one)")
    parser.add_argument("--full", action="store_true",
                        help="also save each page's whole length (*-full.png)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.url:
        take(args.url.rstrip("/"), args.out, args.pages, args.languages, args.full)
        return
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as logs:
        log_path = Path(logs) / "server.log"
        # The workshop scene's room goes to a throwaway SQLite file, not the checkout's data/.
        os.environ["WORKSHOP_DATA_DIR"] = str(Path(logs) / "workshop")
        os.environ.pop("WORKSHOP_DATABASE_URL", None)
        os.environ.pop("WORKSHOP_PUBLIC_URL", None)
        process = start_streamlit(port, log_path)
        try:
            wait_healthy(base_url, process, log_path)
            take(base_url, args.out, args.pages, args.languages, args.full)
        finally:
            stop(process)


if __name__ == "__main__":
    main()
