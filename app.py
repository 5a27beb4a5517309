"""Streamlit entry point: `streamlit run app.py` (or `make app`).

The pages live in ui/, one script each; this file sets up the page, the language switch
shared by every page, and the navigation, and runs the chosen page behind a guard that keeps
tracebacks off the page.
"""

import streamlit as st

from ui import i18n, widgets, workshop_text
from ui.i18n import tr

st.set_page_config(page_title=tr("app.title"), page_icon="☢️", layout="wide")
widgets.start_run()

bad_language = widgets.bad_url_values({i18n.LANGUAGE_KEY: widgets.check_choice(i18n.LANGUAGES)})
with st.sidebar:
    st.radio(tr("lang.label"), i18n.LANGUAGES, key=i18n.LANGUAGE_KEY, bind="query-params",
             horizontal=True)
widgets.warn_bad_url_values(bad_language)

PAGES = {
    "": [
        st.Page("ui/explore.py", title=tr("page.explore"), icon=":material/tune:", default=True),
        st.Page("ui/compare.py", title=tr("page.compare"), icon=":material/compare_arrows:",
                url_path="compare"),
        st.Page("ui/sensitivity.py", title=tr("page.sensitivity"), icon=":material/bar_chart:",
                url_path="sensitivity"),
        st.Page("ui/one_world.py", title=tr("page.world"), icon=":material/public:",
                url_path="one-world"),
        st.Page("ui/claims.py", title=tr("page.claims"), icon=":material/format_quote:",
                url_path="claims"),
        st.Page("ui/calibration.py", title=tr("page.calibration"), icon=":material/target:",
                url_path="calibration"),
        st.Page("ui/about.py", title=tr("page.about"), icon=":material/info:",
                url_path="about"),
    ],
    # The workshop's pages (ui/workshop.py) go in a section of their own here.
    workshop_text.wt("section"): [
        st.Page("ui/workshop.py", title=workshop_text.wt("page"), icon=":material/groups:",
                url_path="workshop"),
    ],
}
page = st.navigation(PAGES, position="top")
# An unexpected exception on a page shows a short message (the traceback goes to the server
# log); .streamlit/config.toml's client.showErrorDetails hides any that escapes this.
with i18n.page_language():
    widgets.run_guarded(page.run, page.url_path or "explore")
