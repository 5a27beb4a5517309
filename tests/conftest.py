"""Fixtures shared by the whole test suite.

- Streamlit caches are cleared before every test (they live for the whole process).
- `streamlit_server`: the app served by a real Streamlit server; yields its base URL.
- `browser` / `page`: headless Debian Chromium driven by Playwright (1280x1600 viewport).
- `postgres_url`: SQLAlchemy URL of a test PostgreSQL database (WORKSHOP_TEST_DATABASE_URL).

Browser and PostgreSQL tests are skipped when their tool is missing, except under CI=true,
where a missing tool fails instead: CI must not pass by skipping them. Tests using these
fixtures get the `browser` / `postgres` marker automatically, so `-m "not browser"` works.
"""

import os
import shutil
import sys
from pathlib import Path

import pytest
from support.browser import CHROMIUM_ARGS, free_port, start_streamlit, stop, wait_healthy


def _unavailable(reason: str) -> None:
    """Skip the test, or fail it under CI where every test is expected to run."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI=true: this test must run in CI)")
    pytest.skip(reason)


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true",
                     help="also run the tests marked slow (`make test-slow` runs only those, "
                          "`make test-all` everything; CI runs every tier)")


TESTS = Path(__file__).resolve().parent
TIERS = {
    # Pages run through AppTest or a real browser: seconds each.
    "app": ("app/", "browser/", "workshop/test_workshop_page.py",
            "workshop/test_workshop_facilitator_page.py",
            "workshop/test_workshop_participant_page.py", "workshop/test_workshop_board.py",
            "workshop/test_workshop_reveal.py", "workshop/test_workshop_report.py",
            "workshop/test_workshop_events.py"),
    # Whole processes: the CLI, killed and resumed runs, Dask clusters, the docs' examples.
    "integration": ("cli/", "studies/test_resume_experiments.py", "studies/test_discovery.py",
                    "running/test_dask_recipe.py", "test_docs.py"),
}
"""Test files by tier (paths under tests/); `make test-fast` leaves both tiers out."""
SLOW_TIERS = {"integration"}
"""Tiers that are slow as a whole (whole processes: about 3 minutes of `make test` on the
2-core machine), so `make test-slow`, which CI runs too, takes them."""


def pytest_collection_modifyitems(config, items):
    """Mark tests by their tier and the fixtures they use, so `-m` selects them.

    Tests marked slow (the longest half-minute runs, the integration tier, every real-browser
    test) are skipped
    unless ``--runslow`` is given (the common pytest convention): `make test` then fits its
    10-minute budget, and `make test-slow` (which CI runs too) takes them.
    """
    run_slow = config.getoption("--runslow")
    for item in items:
        where = Path(item.path).resolve().relative_to(TESTS).as_posix()
        for tier, paths in TIERS.items():
            if where.startswith(paths):
                item.add_marker(getattr(pytest.mark, tier))
                if tier in SLOW_TIERS:
                    item.add_marker(pytest.mark.slow)
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)  # tens of seconds each: the slow tier runs them
        if "postgres_url" in item.fixturenames:
            item.add_marker(pytest.mark.postgres)
        if item.get_closest_marker("slow") is not None and not run_slow:
            item.add_marker(pytest.mark.skip(reason="slow: run with --runslow "
                                                    "(`make test-slow`; CI does)"))


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    """Clear st.cache_data and st.cache_resource: they persist across AppTests in one process.

    Only when streamlit is already imported: otherwise there is nothing cached, and importing
    it (about a second) would slow down tests that never touch the app.
    """
    st = sys.modules.get("streamlit")
    if st is not None:
        st.cache_data.clear()
        st.cache_resource.clear()


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory):
    """Serve the app (SIM_APP_PATH, default app.py) on a free port; yield its base URL."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    process = start_streamlit(port, log_path)
    try:
        wait_healthy(base_url, process, log_path)
        yield base_url
    finally:
        stop(process)


@pytest.fixture(scope="session")
def browser():
    """Launch Debian's headless chromium once per session through Playwright."""
    chromium = shutil.which("chromium")
    if chromium is None:
        _unavailable("no `chromium` on PATH (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (make setup-dev)")

    # `launch()` rather than `launch_persistent_context()`: Playwright refuses a --user-data-dir
    # in `args` and itself starts Chromium with a fresh temporary profile, deleted on close.
    # One browser per session, one context per test (`page`) keeps tests isolated and avoids
    # paying Chromium's ~5 s start for every test.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page (1280x1600: the app scrolls inside stMain)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1600})
    context.set_default_timeout(30_000)  # the first page load after a cold start is slow
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def postgres_url():
    """SQLAlchemy URL of a disposable PostgreSQL database, from WORKSHOP_TEST_DATABASE_URL.

    .ci/run starts a server and sets it, e.g.
    `postgresql+psycopg://sim:sim@127.0.0.1:55432/sim_test`.
    """
    url = os.environ.get("WORKSHOP_TEST_DATABASE_URL")
    if not url:
        _unavailable("WORKSHOP_TEST_DATABASE_URL is not set (bash .ci/run starts a server)")
    return url


@pytest.fixture
def workshop_db(tmp_path, monkeypatch):
    """A SQLite file of the test's own (the app's store reads WORKSHOP_DATA_DIR).

    The workshop's app tests use it for every test: ``pytestmark =
    pytest.mark.usefixtures("workshop_db")``.
    """
    monkeypatch.delenv("WORKSHOP_DATABASE_URL", raising=False)
    monkeypatch.delenv("WORKSHOP_PUBLIC_URL", raising=False)
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data" / "workshop.db"


@pytest.fixture
def store(workshop_db):
    """A second store on the app's database, as another app process would open it."""
    from simulator.workshop.store import WorkshopStore

    opened = WorkshopStore(f"sqlite:///{workshop_db}")
    yield opened
    opened.close()
