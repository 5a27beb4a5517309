"""Hostile links and inputs, run headless with AppTest: no page raises, no value from a link
is rendered as a link, an image or HTML, a link cannot start a large computation, an
unexpected error shows a short message (the traceback goes to the server log), and the
server config hides tracebacks and listens on this machine only.

Markdown is checked as the renderer would see it: outside code spans no unescaped ``[``,
``]``, ``<``, ``!``; and once the backslash escapes are resolved, nothing that GitHub-
flavoured Markdown's autolink step (which runs on the unescaped text) would turn into a link.
"""

import logging
import re
import tomllib

import pytest
from streamlit import config as st_config
from support.apptest import (
    HOSTILE,
    ROOT,
    assert_safe,
    live_markdown,
    open_page,
    page_path,
    unexpected_errors,
    warnings,
)

from simulator.app import i18n, runs, widgets
from simulator.app.scenarios import presets
from simulator.evidence import claims

BIG = "9" * 400
NUMBERS = [BIG, "1e400", "-1e400", "inf", "nan", "1" * 5000, "٣", "0x10"]
"""Values no whole-number field may take; the first two raised OverflowError in a widget."""


# --- the escaping function --------------------------------------------------------------

@pytest.mark.parametrize("hostile", HOSTILE)
def test_plain_makes_hostile_text_inert(hostile):
    for text in (hostile, f"see {hostile} now", f"{hostile}\n{hostile}"):
        escaped = widgets.plain(text)
        assert not live_markdown(escaped), escaped
        # Only backslashes and invisible word joiners were added.
        assert escaped.replace("\\", "").replace("\u2060", "").replace("  \n", "\n") == \
            text.replace("\\", "")


@pytest.mark.parametrize("hostile", [*HOSTILE, "``a`` `b`", "`", "a\n\nb `c` ![d](e)"])
def test_a_code_span_cannot_be_closed_early(hostile):
    span = widgets.plain(hostile, code=True)
    fence = re.match("`+", span)[0]
    assert span.endswith(fence) and "\n" not in span
    inner = span[len(fence):-len(fence)]
    assert fence not in inner  # no run of backticks as long as the fence inside
    assert inner.strip() == " ".join(hostile.split())


def test_plain_keeps_ordinary_text_and_drops_hidden_characters():
    assert widgets.plain("Crisis <b>debrief</b>") == r"Crisis \<b\>debrief\<\/b\>"
    # No dot in the host: nothing to autolink, nothing added.
    assert widgets.plain("[link](http://x)") == r"\[link\]\(http\:\/\/x\)"
    assert widgets.plain("a\u202eb\x00c") == "abc"  # bidi override and NUL dropped
    assert widgets.plain("Désescalade, 5 %") == r"Désescalade\, 5 \%"


# --- hostile links on every page ----------------------------------------------------------

PAGE_KEYS = {
    None: ["preset", "seed", "worlds", "chain.layers", "lang"],
    page_path("compare"): ["compare_seed", "compare_worlds", "compare_ranges"],
    page_path("one_world"): ["story_preset", "story_seed", "world", "story_events"],
    page_path("sensitivity"): ["sobol_preset", "sobol_outcome", "sobol_parameters", "sobol_spread",
                          "sobol_samples", "sobol_runs"],
    page_path("claims"): ["speakers", "checked_only"],
    page_path("timeline"): ["as_of", "views", "span"],
}


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("page", PAGE_KEYS)
def test_hostile_link_values_are_refused_and_shown_inert(page, hostile):
    query = dict.fromkeys(PAGE_KEYS[page], hostile)
    if page == page_path("compare"):
        query |= {"compare_worlds": "1000",
                  "scenarios": ["baseline", "kemp", hostile, f"kemp: chain.layers={hostile}"]}
    if page == page_path("claims"):
        query["q"] = hostile  # a search: used, never shown as Markdown
    at = open_page(query, page)
    assert_safe(at)
    text = warnings(at)
    for key in PAGE_KEYS[page]:
        if key != "compare_worlds":
            assert f"{key}=" in text, key  # each refused value is named
    # Refused values leave the link, so the next run cannot trip over them.
    assert not set(PAGE_KEYS[page]) - {"compare_worlds"} & set(at.query_params)
    if page == page_path("compare"):
        assert text.count("is not a scenario") == 2
        assert [table.value.columns[0] for table in at.table[:1]] == ["Baseline"]


@pytest.mark.parametrize("value", NUMBERS)
@pytest.mark.parametrize(("page", "key"), [(None, "seed"), (page_path("compare"), "compare_seed"),
                                           (page_path("one_world"), "story_seed"),
                                           (page_path("one_world"), "world")])
def test_huge_numbers_in_a_link_fall_back_with_a_warning(page, key, value):
    extra = {"compare_worlds": "1000"} if page == page_path("compare") else {}
    at = open_page({key: value, **extra}, page)
    assert_safe(at)
    assert f"{key}=" in warnings(at)
    assert at.number_input(key=key).value == _default(key)
    assert key not in at.query_params


def _default(key: str) -> int:
    """A number input's default: 0, but One world opens on the first world with an order."""
    if key != "world":
        return 0
    from simulator.model.scenario import load
    from simulator.running import engine
    from simulator.studies import story

    return story.find_world(engine.run(load("baseline"), 10_000, 0, workers=1).columns,
                            "nuclear_order")


def test_huge_numbers_for_sliders_fall_back_with_a_warning():
    at = open_page({"sobol_spread": "1e400", "sobol_samples": BIG, "sobol_runs": "-1e400"},
                   page_path("sensitivity"))
    assert_safe(at)
    text = warnings(at)
    assert "sobol_spread=1e400" in text and "sobol_samples=999" in text
    assert at.slider(key="sobol_spread").value == pytest.approx(0.5)
    at = open_page({"chain.layers": "1e400", "west.influence": BIG, "worlds": "1e400"})
    assert_safe(at)
    text = warnings(at)
    assert "chain.layers=1e400" in text and "west.influence=999" in text
    assert "worlds=1e400" in text
    assert at.slider(key="chain.layers").value == 5


def test_a_long_value_is_cut_in_the_warning():
    at = open_page({"preset": "x" * 10_000})
    assert_safe(at)
    shown = "preset=" + "x" * (widgets.SHOWN_CHARS - len("preset=")) + "…"
    assert f"`{shown}`" in warnings(at)
    assert "x" * widgets.SHOWN_CHARS not in warnings(at)


def test_a_per_layer_list_in_compare_is_refused_not_raised():
    spec = "baseline: chain.layers=2; chain.base_refusal=0.1,0.2"
    at = open_page({"scenarios": ["baseline", "kemp", spec], "compare_worlds": "1000"},
                   page_path("compare"))
    assert_safe(at)
    assert r"a per\-layer list" in warnings(at)


# --- compute budget -----------------------------------------------------------------------

@pytest.fixture
def summaries(monkeypatch):
    """Every (scenario, worlds) the pages simulate from here on."""
    calls = []
    summary = runs.summary

    def counted(choice, worlds, seed, **options):  # Explore's draw the ranges (uncertainty)
        calls.append((choice, worlds))
        return summary(choice, worlds, seed, **options)

    monkeypatch.setattr(runs, "summary", counted)
    return calls


def test_a_link_cannot_start_a_large_comparison(summaries):
    specs = [f"baseline: chain.layers={layers}; west.influence=0.{i}"
             for layers in range(1, 11) for i in range(1, 3)]  # 20 custom scenarios
    at = open_page({"scenarios": specs, "compare_worlds": "50000"}, page_path("compare"))
    assert_safe(at)
    text = warnings(at)
    assert "lists 20 scenarios; Compare takes the first 10" in text
    assert "500,000 worlds" in text and "200,000" in text  # the cost and the budget
    assert len(at.multiselect(key="scenarios").value) == 10
    assert not at.table and not [call for call in summaries if call[1] == 50_000]
    assert at.button(key="run_compare").label == "Simulate 500,000 worlds"


def test_over_the_budget_the_button_runs_the_comparison(monkeypatch, summaries):
    monkeypatch.setattr(widgets, "PAGE_BUDGET", 2_500)
    query = {"scenarios": ["baseline", "kemp", "hodges"], "compare_worlds": "1000"}
    at = open_page(query, page_path("compare"))
    assert_safe(at)
    assert not at.table and "more than the 2,500" in warnings(at)
    at.button(key="run_compare").click().run()
    assert_safe(at)
    assert list(at.table[0].value.columns) == ["Baseline", "Kemp", "Hodges"]
    at.run()  # the same setting stays approved in this session
    assert at.table and not at.warning


def test_explore_asks_before_simulating_every_view_at_50000_worlds(summaries):
    at = open_page({"worlds": "50000"})
    assert_safe(at)
    # every preset (the strip of views) at 50,000 worlds each
    assert f"{50_000 * len(presets()):,} worlds" in warnings(at) and not at.metric
    assert not [call for call in summaries if call[1] == 50_000]
    assert 20_000 * len(presets()) <= widgets.PAGE_BUDGET
    at = open_page({"worlds": "20000", "seed": "3"})  # every preset x 20,000: within
    assert at.metric and not at.warning


def test_french_budget_and_cap_messages():
    at = open_page({"lang": "fr", "worlds": "50000"})
    assert f"{50_000 * len(presets()):,} mondes".replace(",", "\u202f") in warnings(at)
    assert at.button(key="run_explore").label.startswith("Simuler")


# --- unexpected errors ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_an_unexpected_error_shows_a_short_message_and_logs_the_traceback(monkeypatch, lang):
    def broken():
        raise RuntimeError("secret detail /srv/private/path")

    monkeypatch.setattr(claims, "load_claims", broken)
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger(widgets.__name__)
    logger.addHandler(handler)
    try:
        at = open_page({"lang": lang}, page_path("claims"))
    finally:
        logger.removeHandler(handler)
    assert not at.exception
    [message] = unexpected_errors(at)
    reference = re.search(r"\b[0-9a-f]{8}\b", message)[0]
    assert "secret" not in message and "Traceback" not in message
    assert ("server log" if lang == "en" else "journal du serveur") in message
    assert at.title[0].value == i18n.TEXT[lang]["claims.title"]  # what ran before stays
    [record] = [r for r in records if reference in r.getMessage()]
    assert record.exc_info[0] is RuntimeError and "claims" in record.getMessage()


# --- server config ----------------------------------------------------------------------------

def test_config_hides_tracebacks_and_listens_on_this_machine_only():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    details = config["client"]["showErrorDetails"]
    assert details == st_config.ShowErrorDetailsConfigOptions.NONE
    assert details in {option.value for option in st_config.ShowErrorDetailsConfigOptions}
    assert config["server"]["address"] == "127.0.0.1"
    # Facilitators opt in to the room network: the Makefile's address wins over the config.
    makefile = (ROOT / "Makefile").read_text()
    assert "--server.address $(ADDRESS)" in makefile
    assert re.search(r"^ADDRESS\s*\?=\s*127\.0\.0\.1$", makefile, re.MULTILINE)
