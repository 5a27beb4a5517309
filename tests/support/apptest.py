"""AppTest helpers shared by the app's test modules (no test module imports another)."""

import re
from pathlib import Path

from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from simulator.app import i18n, plausible, widgets
from simulator.running import engine


def page_path(name: str) -> str:
    """The path AppTest's switch_page takes for the app page ``name`` (e.g. "compare")."""
    return f"simulator/app/{name}.py"


def ok(at: AppTest) -> bool:
    """No exception: none shown, and none caught by the page guard (app.py shows those as
    a short error message and logs the traceback)."""
    starts = tuple(i18n.TEXT[lang]["error.unexpected"].split("{")[0] for lang in i18n.LANGUAGES)
    return not at.exception and not [e for e in at.error if e.value.startswith(starts)]


def metrics(at: AppTest) -> dict[str, str]:
    """Shown metric values by label."""
    return {metric.label: metric.value for metric in at.metric}


ROOT = Path(__file__).resolve().parents[2]


APP = str(ROOT / "app.py")


HOSTILE = [
    "`x` ![x](http://127.0.0.1:9/x.png)",
    "[click](javascript:alert(1))",
    "<img src=x>",
    "https://evil.example",
    "www.evil.example",
    "a@b.example",
]


MARKERS = ("127.0.0.1", "127\\.0", "javascript", "img", "evil", "b.example", "b\\.example")
"""Text that marks an element showing (part of) a hostile value."""


# GitHub-flavoured Markdown's autolink literals (mdast-util-gfm-autolink-literal), which
# apply to text after escapes are resolved; JavaScript's \w is ASCII.
GFM_URL = re.compile(r"(?i)(?:https?://|www(?=\.))[-.\w]*\.[-\w]", re.ASCII)


GFM_EMAIL = re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.ASCII)


CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def live_markdown(text: str) -> list[str]:
    """What in ``text`` would render as something other than plain text (empty: inert)."""
    outside = CODE_SPAN.sub(" ", text)
    found = re.findall(r"(?<!\\)[\[\]<>!`]", outside)  # links, images, HTML, stray code
    found += re.findall(r"(?<!\\)&#?\w+;", outside)  # character references
    resolved = ESCAPE.sub(r"\1", outside)
    found += GFM_URL.findall(resolved) + GFM_EMAIL.findall(resolved)
    return found


def markdown_texts(at: AppTest) -> list[str]:
    """Every rendered Markdown string on the page (main area and sidebar), table cells too."""
    texts = [element.value for kind in ("markdown", "caption", "warning", "info", "error",
                                        "success", "title", "header", "subheader")
             for element in getattr(at, kind)]
    texts += [element.label for element in at.metric]
    for table in at.table:
        frame = table.value
        texts += [str(cell) for cell in frame.to_numpy().ravel()]
        texts += [str(label) for label in (*frame.columns, *frame.index)]
    return texts


def unexpected_errors(at: AppTest) -> list[str]:
    """The page guard's messages (an exception it caught)."""
    starts = [i18n.TEXT[lang]["error.unexpected"].split("{")[0] for lang in i18n.LANGUAGES]
    return [error.value for error in at.error if error.value.startswith(tuple(starts))]


def assert_safe(at: AppTest) -> None:
    """No exception, no caught error, and every element showing a hostile value is inert."""
    assert not at.exception, [exception.value for exception in at.exception]
    assert not unexpected_errors(at)
    for text in markdown_texts(at):
        if any(marker in text for marker in MARKERS):
            assert not live_markdown(text), (text, live_markdown(text))


def warnings(at: AppTest) -> str:
    """Every warning on the page, as one text."""
    return "\n".join(warning.value for warning in at.warning)


def open_page(query: dict, page: str | None = None) -> AppTest:
    """Open ``page`` as a link with ``query`` would (Explore, the default page, runs first:
    at 1,000 worlds unless the query says otherwise; the language carries over)."""
    at = AppTest.from_file(APP, default_timeout=60)
    first = {key: value for key, value in query.items() if key == "lang"} if page else query
    at.query_params.update({"worlds": "1000", **first})
    at.run()
    if page is None:
        return at
    at.switch_page(page)
    at.query_params.clear()
    at.query_params.update(query)
    return at.run()


COMMONMARK = MarkdownIt("commonmark", {"html": True})  # raw HTML passed on: any tag shows


def rendered_tags(text: str) -> str:
    """The HTML CommonMark makes of ``text``, tags only ('' for plain text)."""
    out = COMMONMARK.renderInline(text)
    return "".join(part.split(">")[0] for part in out.split("<")[1:])


# --- the app's pages, opened from a link (tests/app/) ------------------------------------

TITLES = {page_path("compare"): "compare.title", page_path("sensitivity"): "sensitivity.title",
          page_path("one_world"): "world.title", page_path("claims"): "claims.title",
          page_path("calibration"): "calibration.title", page_path("about"): "about.title",
          page_path("timeline"): "timeline.title"}


PAGES = list(TITLES)


FAST = {"worlds": "2000"}
"""Explore with 2,000 worlds: the same code paths as 10,000, five times faster."""


USE = i18n.TEXT["en"]["explore.headline_label"].format(weeks=52)
"""Explore's headline: P(nuclear use) within the (baseline's) horizon, in plain words."""


def open_app(query: dict | None = None, page: str | None = None) -> AppTest:
    """Run the app (optionally on ``page``) as if opened from a link with ``query``."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query or {})
    at.run()
    if page is None:
        return at
    # AppTest always starts on the default page; the link's values go along to the next.
    at.switch_page(page)
    at.query_params.clear()
    at.query_params.update(query or {})
    return at.run()


def shown(p: float) -> str:
    """A probability as the app formats it."""
    return widgets.percent(p)


def markdown_text(at: AppTest) -> str:
    """Every Markdown element on the page, as one text."""
    return "\n".join(markdown.value for markdown in at.markdown)


def explored(scenario, worlds: int, seed: int = 0):
    """The engine's run behind Explore's numbers: it draws the scenario's ranges."""
    return engine.run(scenario, worlds, seed, workers=1, uncertainty=True)


def headline(batch, outcome: str = "nuclear_use") -> str:
    """An outcome of ``explored`` as Explore's metric shows it: rounded to what its plausible
    range (the engine's predictive interval) allows."""
    found = batch.predictive[outcome]
    estimate = found.estimate.estimate
    return i18n.fmt_percent(estimate, plausible.digits(estimate, found.pi_high - found.pi_low))
