"""A page's first paint: its headline alone, then the rest once the browser has drawn it.

A browser renders everything it has received before it shows any of it: Explore's charts
(Plotly's 4.7 MB of script), its table and its buttons kept the headline off the screen for
seconds, and even its sidebar's sliders, switches and help icons cost a plain visit about
0.4 s (bench/app_first_paint.py). So a visitor's first run of a page sends the headline and
as little else as it can, with a tiny component that tells the server once the browser has
drawn them (no skeleton left, then one frame); that rerun, and any run after it, sends the
whole page. Without a browser (AppTest, or a client that sends no User-Agent) there is nothing to
tell, and the whole page comes at once.
"""

import streamlit as st

KEY = "first_paint"  # ``.st-key-first_paint`` is on the page while its rest is pending
DONE = "first_paint_done"  # in the session: which pages have had their first paint
NOTICE = "first_paint_notice"  # this run shows a notice no later run repeats

# Trusted, static code (no user text): wait until the page has no skeleton left (every
# element received is drawn), then for one frame, and tell the server; at most 10 s.
_JS = """
export default function (component) {
    const { setTriggerValue } = component;
    const start = performance.now();
    const wait = () => {
        const drawn = !document.querySelector('[data-testid=stSkeleton]');
        if (drawn || performance.now() - start > 10000) {
            requestAnimationFrame(() => setTimeout(() => setTriggerValue('painted', true), 0));
        } else {
            setTimeout(wait, 20);
        }
    };
    wait();
}
"""
_painted = st.components.v2.component("escalation_sim.first_paint", js=_JS)


def shown_once(notice: bool) -> None:
    """Note that this run shows a notice once (a bad link value, since dropped from the link).

    The page is then drawn whole in this run: the first paint's rerun would take it away.
    """
    if notice:
        st.session_state[NOTICE] = True


def browser() -> bool:
    """Whether a browser asked for this page: it sends a User-Agent (AppTest sends none)."""
    return bool(st.context.headers.get("User-Agent"))


def first_run(page: str) -> bool:
    """Whether this run is ``page``'s first in a browser (``pending`` will then say so)."""
    return browser() and page not in st.session_state.get(DONE, ())


def pending(page: str) -> bool:
    """True if this run should stop after the headline: ``page``'s first run in a browser.

    The page is marked done at once, so any run after this one (the component's, or a
    slider moved before it) draws the whole page. Call it after the page's notices.
    """
    done = st.session_state.setdefault(DONE, set())
    notice = st.session_state.pop(NOTICE, False)
    if page in done or not browser():
        return False
    done.add(page)
    return not notice


def signal() -> None:
    """The component that reruns the page once the browser has drawn what came before it."""
    with st.container(key=KEY):
        _painted(key=f"{KEY}_signal", on_painted_change=lambda: None, height=0)
