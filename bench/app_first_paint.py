"""First paint in a real browser: Explore's headline and the Claims page, as a visitor opens them.

Starts the app on a free port (as the browser tests do) and opens each page in a fresh
Chromium context (a new visitor: nothing in the browser's cache) on a server that already
ran it once (warm: the simulations are cached). Times are taken inside the page from the
navigation's start (``performance.now()``), sampled every 20 ms:

- Explore: to the headline (P(nuclear use) with its value), to the end of the script that
  draws the whole page (a visitor's first run sends the headline alone and the rest once
  the browser has drawn it: simulator/app/first_paint.py), and until the last skeleton
  placeholder (a chart or table still loading) is gone; the skeletons left when the script
  ends; the DOM's nodes and sliders once all is drawn; the bytes a first load brings (HTTP
  bodies and websocket frames).
- Claims: to the end of its script and its last skeleton; its height at 1280 px and 390 px.
- The floor: a one-line app (the same metric alone) on a server of its own, timed the same
  way in the same run: what Streamlit itself costs before any element shows. Explore's
  headline is reported against it as a ratio, which moves less with the machine's load.

The first (cold) load of each page is reported apart, then the median of ``--loads`` warm
ones. Nothing here asserts a time: the targets are printed next to the numbers.

    .venv/bin/python -m bench.app_first_paint [--quick] [--loads 5] [--url URL]
"""

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

import support.browser  # noqa: E402
from support.browser import (  # noqa: E402
    CHROMIUM_ARGS,
    free_port,
    start_streamlit,
    stop,
    wait_healthy,
)

HEADLINE = ".st-key-metric_nuclear_use [data-testid=stMetricValue]"
TARGET_HEADLINE_S = 1.5
TARGET_CLAIMS_S = 3.0
TIMEOUT_MS = 180_000
# The floor: Streamlit's own page with the one element the probe waits for.
BARE_APP = """import streamlit as st

with st.container(key="metric_nuclear_use"):
    st.metric("P(nuclear use)", "18%")
"""
PROBE = """() => {
    const probe = window.__probe = {headline: null, ran: false, ended: null,
                                    skeletons: null, drawn: null};
    const tick = () => {
        const now = performance.now();
        const app = document.querySelector('[data-testid=stApp]');
        const state = app && app.getAttribute('data-test-script-state');
        if (probe.headline === null) {
            const shown = document.querySelector('HEADLINE');
            if (shown && shown.innerText.trim()) probe.headline = now;
        }
        // a run has started (a one-line app's may end before a sample sees it running)
        if (state === 'running' || probe.headline !== null) probe.ran = true;
        const skeletons = document.querySelectorAll('[data-testid=stSkeleton]').length;
        // a first paint's run ends with the rest of the page to come (its marker on the page)
        if (probe.ran && probe.ended === null && state === 'notRunning'
                && app.getAttribute('data-test-connection-state') === 'CONNECTED'
                && !document.querySelector('.st-key-first_paint')) {
            probe.ended = now;
            probe.skeletons = skeletons;
        }
        if (probe.ended !== null && probe.drawn === null && skeletons === 0) probe.drawn = now;
        if (probe.drawn === null) setTimeout(tick, 20);
    };
    tick();
}""".replace("HEADLINE", HEADLINE)


def load_once(browser, url: str, width: int, headline: bool) -> dict:
    """Open ``url`` in a fresh context; the probe's times (s), skeletons, nodes, bytes."""
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  is_mobile=width < 600, has_touch=width < 600)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    received = []
    page.on("response", lambda response: received.append(response))
    frames = []
    page.on("websocket", lambda socket: socket.on(
        "framereceived", lambda payload: frames.append(len(payload))))
    page.add_init_script(f"document.addEventListener('DOMContentLoaded', {PROBE})")
    page.goto(url)
    page.wait_for_function("() => window.__probe && window.__probe.drawn !== null",
                           timeout=TIMEOUT_MS)
    probe = page.evaluate("() => window.__probe")
    http = 0
    for response in received:
        try:
            http += len(response.body())
        except Exception:  # a redirect or a body no longer kept: not counted
            pass
    row = {
        "headline": probe["headline"] / 1000 if headline and probe["headline"] else None,
        "ended": probe["ended"] / 1000, "drawn": probe["drawn"] / 1000,
        "skeletons": probe["skeletons"],
        "nodes": page.evaluate("() => document.getElementsByTagName('*').length"),
        "sliders": page.locator("[data-testid=stSlider]").count(),
        "charts": page.locator("[data-testid=stPlotlyChart]").count(),
        "mb": (http + sum(frames)) / 1e6,
        "height": page.evaluate(
            "() => document.querySelector('[data-testid=stMain]').scrollHeight"),
    }
    context.close()
    return row


def measure(url: str, path: str, loads: int, width: int, headline: bool,
            name: str = "") -> tuple[dict, list]:
    """The cold load of ``path``, then ``loads`` warm ones (``name`` in the progress lines)."""
    name = name or path or "explore"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             headless=True, args=CHROMIUM_ARGS)
        cold = load_once(browser, f"{url}/{path}", width, headline)
        log(f"  {name} {width}px cold: {cold}")
        warm = []
        for _ in range(loads):
            warm.append(load_once(browser, f"{url}/{path}", width, headline))
            log(f"  {name} {width}px warm: {warm[-1]}")
        browser.close()
    return cold, warm


def log(text: str) -> None:
    """Progress goes to stderr; the markdown table alone goes to stdout."""
    print(text, file=sys.stderr, flush=True)


def median(rows: list[dict], key: str) -> float:
    """The median of one column over the warm loads."""
    return statistics.median(row[key] for row in rows)


def serve(app: str | None) -> tuple:
    """Start the app (``app.py``, or the script at path ``app``): its process and URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server_log = Path(tempfile.mkdtemp()) / "server.log"
    if app is not None:
        support.browser.APP_PATH = app
    try:
        process = start_streamlit(port, server_log)
    finally:
        support.browser.APP_PATH = "app.py"
    wait_healthy(url, process, server_log)
    return process, url


def floor(loads: int) -> tuple[dict, list]:
    """The one-line app's cold and warm loads at 1280 px, on a server of its own."""
    folder = Path(tempfile.mkdtemp())
    (folder / "bare.py").write_text(BARE_APP)
    process, url = serve(str(folder / "bare.py"))
    try:
        log("a one-line app at 1280 px ...")
        return measure(url, "", loads, 1280, True, name="one-line app")
    finally:
        stop(process)


def main(argv: list[str] | None = None) -> str:
    """Run the benchmark; print and return its markdown table."""
    parser = argparse.ArgumentParser(prog="python -m bench.app_first_paint",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--loads", type=int, help="warm loads of each page (default 5)")
    parser.add_argument("--quick", action="store_true", help="2 warm loads instead of 5")
    parser.add_argument("--url", help="an app already running (default: start one)")
    args = parser.parse_args(argv)
    args.loads = args.loads or (2 if args.quick else 5)
    if shutil.which("chromium") is None:
        sys.exit("bench/app_first_paint.py needs Debian's chromium (apt-get install chromium)")
    load_before = os.getloadavg()[0]
    bare = floor(args.loads)
    process, url = (None, args.url) if args.url else serve(None)
    try:
        pages = [("", 1280, True), ("", 390, True), ("claims", 1280, False),
                 ("claims", 390, False)]
        results = {}
        for path, width, headline in pages:
            log(f"{path or 'explore'} at {width} px ...")
            results[path, width] = measure(url, path, args.loads, width, headline)
    finally:
        if process is not None:
            stop(process)
    lines = [
        f"App first paint: a fresh Chromium context per load, cold = the server's first, "
        f"warm = median of {args.loads}; {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, load average {load_before:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after.",
        "",
        "| page | width | headline cold (s) | headline warm (s) | script end warm (s) "
        "| last skeleton warm (s) | skeletons at script end | DOM nodes | sliders | charts "
        "| first load (MB) | height (px) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for (path, width), (cold, warm) in [(("(a one-line app)", 1280), bare), *results.items()]:
        shown = (f"{cold['headline']:.2f} | {median(warm, 'headline'):.2f}"
                 if cold["headline"] is not None else f"({cold['ended']:.2f}) | –")
        lines.append(
            f"| {path or 'explore'} | {width} | {shown} | {median(warm, 'ended'):.2f} | "
            f"{median(warm, 'drawn'):.2f} | {median(warm, 'skeletons'):.0f} | "
            f"{median(warm, 'nodes'):.0f} | {median(warm, 'sliders'):.0f} | "
            f"{median(warm, 'charts'):.0f} | {cold['mb']:.1f} | {median(warm, 'height'):.0f} |")
    explore = median(results["", 1280][1], "headline")
    claims = median(results["claims", 1280][1], "ended")
    base = median(bare[1], "headline")
    lines += ["", "Targets:",
              f"- Explore's headline warm <= {TARGET_HEADLINE_S} s: "
              + ("met" if explore <= TARGET_HEADLINE_S else "NOT MET") + f" ({explore:.2f} s; "
              f"{explore / base:.2f}x a one-line app's {base:.2f} s in this run)",
              f"- Claims open (script end) warm <= {TARGET_CLAIMS_S} s: "
              + ("met" if claims <= TARGET_CLAIMS_S else "NOT MET") + f" ({claims:.2f} s)"]
    table = "\n".join(lines)
    print(table)
    return table


if __name__ == "__main__":
    main()
