"""The app's one script: the page set-up, the language switch, the navigation, the guard.

``app.py`` at the top of the checkout and ``escalation-sim app`` (an installed copy) both run
``main()`` at every script run. The pages are the modules beside this one, given to Streamlit
by absolute path so that both find them.
"""

from pathlib import Path

import streamlit as st

from simulator.app import i18n, widgets, workshop_text
from simulator.app.i18n import tr

HERE = Path(__file__).resolve().parent

# On a phone Streamlit moves the top navigation into the sidebar's drawer, above the page's own
# controls: the page list goes below them, so the drawer opens on the key assumptions (static
# CSS, no user text; it applies only where the page list is in the sidebar).
PHONE_NAV_CSS = """
<style>
[data-testid=stSidebarContent]:has(> [data-testid=stSidebarNav]) {
  display: flex; flex-direction: column; }
[data-testid=stSidebarContent]:has(> [data-testid=stSidebarNav]) > * { flex-shrink: 0; }
[data-testid=stSidebarContent] > [data-testid=stSidebarUserContent] { order: 1; }
[data-testid=stSidebarContent] > [data-testid=stSidebarNav] { order: 2; }
</style>
"""


def main() -> None:
    """Set up the page and run the page the visitor chose, behind the error guard."""
    st.set_page_config(page_title=tr("app.title"), page_icon="☢️", layout="wide")
    widgets.start_run()

    bad_language = widgets.bad_url_values({i18n.LANGUAGE_KEY: widgets.check_choice(i18n.LANGUAGES)})
    with st.sidebar:
        st.radio(tr("lang.label"), i18n.LANGUAGES, key=i18n.LANGUAGE_KEY, bind="query-params",
                 horizontal=True)
    widgets.warn_bad_url_values(bad_language)

    pages = {
        "": [
            st.Page(HERE / "explore.py", title=tr("page.explore"), icon=":material/tune:",
                    default=True),
            st.Page(HERE / "compare.py", title=tr("page.compare"),
                    icon=":material/compare_arrows:",
                    url_path="compare"),
            st.Page(HERE / "sensitivity.py", title=tr("page.sensitivity"),
                    icon=":material/bar_chart:",
                    url_path="sensitivity"),
            st.Page(HERE / "one_world.py", title=tr("page.world"), icon=":material/public:",
                    url_path="one-world"),
            st.Page(HERE / "claims.py", title=tr("page.claims"), icon=":material/format_quote:",
                    url_path="claims"),
            st.Page(HERE / "calibration.py", title=tr("page.calibration"), icon=":material/target:",
                    url_path="calibration"),
            st.Page(HERE / "timeline.py", title=tr("page.timeline"), icon=":material/timeline:",
                    url_path="timeline"),
            st.Page(HERE / "about.py", title=tr("page.about"), icon=":material/info:",
                    url_path="about"),
        ],
        # The workshop's pages (simulator/app/workshop.py) go in a section of their own here.
        workshop_text.wt("section"): [
            st.Page(HERE / "workshop.py", title=workshop_text.wt("page"), icon=":material/groups:",
                    url_path="workshop"),
        ],
    }
    page = st.navigation(pages, position="top")
    st.html(PHONE_NAV_CSS)  # style only: Streamlit puts it where it takes no room
    # An unexpected exception on a page shows a short message (the traceback goes to the server
    # log); .streamlit/config.toml's client.showErrorDetails hides any that escapes this.
    with i18n.page_language():
        widgets.run_guarded(page.run, page.url_path or "explore")
