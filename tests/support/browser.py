"""Helpers for tests that run the Streamlit app in a real server and drive it with Chromium.

The fixtures in conftest.py use these; browser tests import `wait_idle` from here:

    from support.browser import wait_idle

(pytest puts this directory on sys.path because tests/ has a conftest.py and no __init__.py.)
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

# The Streamlit script the server runs, relative to the repo root. Overridable so the fixtures
# can be checked against a throwaway script.
APP_PATH = os.environ.get("SIM_APP_PATH", "app.py")

# Debian's chromium, run as root in CI: no sandbox (it needs user namespaces), no GPU, and none
# of the background traffic (updates, sync, QUIC probes) that has no internet to reach here.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

STARTUP_TIMEOUT_S = 60
IDLE_TIMEOUT_MS = 120_000
"""How long a page may take to finish its script: the Claims page's first run checks every
claim (about 15 s idle), which took over 30 s beside two large batches on 2 cores."""
EXPECT_TIMEOUT_MS = 60_000
"""Playwright's `expect` waits 5 s by default, too short on a loaded machine (a CI run beside
other work failed there): every assertion in the browser tests waits up to a minute."""

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
"""A phone's browser context (390 px, touch), as ``browser.new_context(**PHONE)``."""


def _generous_expectations() -> None:
    try:
        from playwright.sync_api import expect
    except ImportError:  # browser tests skip without Playwright
        return
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)


_generous_expectations()


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_streamlit(port: int, log_path: Path) -> subprocess.Popen:
    """Start `streamlit run APP_PATH` from the repo root, its output going to `log_path`.

    Args:
        port: Port to listen on (127.0.0.1 only).
        log_path: File that receives the server's stdout and stderr.

    Returns:
        The server process.
    """
    command = [
        sys.executable, "-m", "streamlit", "run", APP_PATH,
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        return subprocess.Popen(command, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)


def wait_healthy(base_url: str, process: subprocess.Popen, log_path: Path) -> None:
    """Poll `<base_url>/_stcore/health` until it answers `ok`.

    Args:
        base_url: The server's URL, e.g. `http://127.0.0.1:8501`.
        process: The server process; its early exit fails at once instead of after the timeout.
        log_path: The server's log, quoted in the error.

    Raises:
        RuntimeError: The server exited or did not answer within STARTUP_TIMEOUT_S.
    """
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:  # not listening yet (URLError and timeouts are OSErrors)
            pass
        time.sleep(0.2)
    log_tail = log_path.read_text(errors="replace")[-3000:]
    raise RuntimeError(
        f"Streamlit ({APP_PATH}) did not become healthy at {base_url} "
        f"(exit code {process.poll()}). Server log:\n{log_tail}"
    )


def stop(process: subprocess.Popen) -> None:
    """Terminate a process, killing it if it does not exit within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def served_workshop(data_dir: Path) -> Iterator[tuple[str, Path]]:
    """A served app whose workshop keeps its SQLite file in ``data_dir``: (base URL, log).

    No database URL or public URL from the environment: the rooms a test wrote to that file
    are the ones the server shows.
    """
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = data_dir / "server.log"
    with pytest.MonkeyPatch.context() as patch:  # the server process inherits os.environ
        patch.setenv("WORKSHOP_DATA_DIR", str(data_dir))
        patch.delenv("WORKSHOP_DATABASE_URL", raising=False)
        patch.delenv("WORKSHOP_PUBLIC_URL", raising=False)
        process = start_streamlit(port, log)
    try:
        wait_healthy(base_url, process, log)
        yield base_url, log
    finally:
        stop(process)


IDLE = (
    "[data-testid='stApp'][data-test-connection-state='CONNECTED']",
    "[data-testid='stApp'][data-test-script-state='notRunning']",
)


def wait_idle(page, timeout: float = IDLE_TIMEOUT_MS) -> None:
    """Wait until the app is connected and its script has finished running.

    A page's first paint (simulator/app/first_paint.py) is a run that ends with the rest of
    the page still to come: its marker must be gone, and the run that removes it finished.

    Args:
        page: A Playwright page showing the app.
        timeout: Milliseconds to wait for each state.
    """
    for selector in IDLE:
        page.wait_for_selector(selector, state="attached", timeout=timeout)
    if page.locator(".st-key-first_paint").count():
        page.wait_for_selector(".st-key-first_paint", state="detached", timeout=timeout)
        for selector in IDLE:
            page.wait_for_selector(selector, state="attached", timeout=timeout)


# The main column's scroll width and the first elements reaching past the window: what a
# page that "fits" at a width must not have (timeline tests at 1280 and 390 px).
WIDEST = """() => {
    const main = document.querySelector('[data-testid=stMain]');
    const wide = [...main.querySelectorAll('*')].filter(e => {
        const box = e.getBoundingClientRect();
        return box.width > 0 && box.right > window.innerWidth + 1;
    }).map(e => e.getAttribute('data-testid') || e.tagName);
    return {scroll: main.scrollWidth, wide: wide.slice(0, 5)};
}"""
