"""Screenshots of every page of the app (the workshop's aside), for the README and reviews.

Starts the app on a free port, opens each page in headless Chromium at a desktop size
(1280x800) and a phone size (390x844), in English and in French, waits until the page has
finished running and drawing, and saves what the viewport shows:

    .venv/bin/python scripts/screenshots.py              # all into docs/screenshots/
    .venv/bin/python scripts/screenshots.py --pages explore about --languages fr

Files are named ``<page>-<width>-<language>.png`` (e.g. ``explore-1280-en.png``). Needs
Debian's ``chromium`` and the ``playwright`` package (the test extras), as the browser tests.
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser_support import (  # noqa: E402  (tests/ holds the server helpers)
    CHROMIUM_ARGS,
    free_port,
    start_streamlit,
    stop,
    wait_healthy,
    wait_idle,
)

PAGES = {"explore": "", "compare": "compare", "sensitivity": "sensitivity",
         "one-world": "one-world", "claims": "claims", "calibration": "calibration",
         "about": "about"}
"""Screenshot name -> URL path of every page but the workshop's."""
SIZES = {"1280": (1280, 800), "390": (390, 844)}
LANGUAGES = ("en", "fr")
RENDER_TIMEOUT_MS = 180_000
"""The first Claims page runs every check (about 15 s alone, more on a busy machine)."""


def _wait_rendered(page) -> None:
    """The script has finished and no element is still a loading skeleton."""
    wait_idle(page, timeout=RENDER_TIMEOUT_MS)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=stSkeleton]').length === 0",
        timeout=RENDER_TIMEOUT_MS)
    page.locator("h1").first.wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)
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


def take(base_url: str, out: Path, pages: list[str], languages: list[str],
         full: bool = False) -> list[Path]:
    """Save each page at each size and in each language; return the files written.

    With ``full``, also the page's whole length (``<name>-<width>-<language>-full.png``).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             headless=True, args=CHROMIUM_ARGS)
        try:
            for size, (width, height) in SIZES.items():
                context = browser.new_context(viewport={"width": width, "height": height},
                                              device_scale_factor=1,
                                              is_mobile=width < 500, has_touch=width < 500)
                page = context.new_page()
                for language in languages:
                    for name in pages:
                        query = "?lang=fr" if language == "fr" else ""
                        page.goto(f"{base_url}/{PAGES[name]}{query}")
                        try:
                            _wait_rendered(page)
                        except PlaywrightTimeout:  # save what it shows; say so
                            print(f"warning: {name} ({size}, {language}) did not finish "
                                  "drawing in time", file=sys.stderr)
                        path = out / f"{name}-{size}-{language}.png"
                        page.screenshot(path=path)
                        written.append(path)
                        if full:
                            whole = out / f"{name}-{size}-{language}-full.png"
                            _whole_page(page, whole, width)
                            written.append(whole)
                        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
                context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> None:
    """Parse the options, start the app unless ``--url`` names one, take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES))
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
        process = start_streamlit(port, log_path)
        try:
            wait_healthy(base_url, process, log_path)
            take(base_url, args.out, args.pages, args.languages, args.full)
        finally:
            stop(process)


if __name__ == "__main__":
    main()
