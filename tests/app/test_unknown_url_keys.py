"""A link key no page uses (a typo, an old link) is named in a plain warning, not ignored.

Every page, opened with the keys it does use and one it does not, warns about that one only,
in plain words, in both languages; the key leaves the link; the page works as usual.
"""

import pytest
from support.apptest import assert_safe, open_page, page_path, warnings

from simulator.app import i18n

PAGE_QUERIES = {  # every page with (some of) the keys it reads, each with a usable value
    None: {"preset": "kemp", "seed": "3", "worlds": "1000", "chain.layers": "4"},
    page_path("compare"): {"scenarios": ["baseline", "kemp"], "compare_worlds": "1000",
                      "compare_seed": "2", "compare_ranges": "false"},
    page_path("one_world"): {"story_preset": "kemp", "story_seed": "1", "world": "2"},
    page_path("sensitivity"): {"sobol_preset": "kemp", "sobol_outcome": "nuclear_use",
                          "sobol_parameters": ["chain.layers", "west.influence"],
                          "sobol_spread": "0.3"},
    page_path("claims"): {"q": "officers", "speakers": "Col. Richard Kemp", "checked_only": "true"},
    page_path("timeline"): {"as_of": "2023-05-10", "views": "baseline,kemp"},
    page_path("calibration"): {},
    page_path("about"): {},
    page_path("workshop"): {"room": "NOROOM12", "view": "board", "token": "t"},
}


def unknown_notices(at, lang: str = "en") -> list[str]:
    """The page's warnings about unknown link keys."""
    start = i18n.TEXT[lang]["url.unknown_keys"].split("{")[0]
    end = i18n.TEXT[lang]["url.unknown_keys"].split("}")[-1]
    return [w.value for w in at.warning if w.value.startswith(start) and w.value.endswith(end)]


@pytest.mark.parametrize("page", PAGE_QUERIES)
def test_an_unknown_link_key_is_named_and_dropped(page):
    query = {**PAGE_QUERIES[page], "lang": "en", "seeed": "7"}
    at = open_page(query, page)
    assert_safe(at)
    assert unknown_notices(at) == [
        "The link sets `seeed`, which this page does not use: ignored."]
    assert "seeed" not in at.query_params
    for key in query.keys() - {"seeed"}:  # the keys the page reads are never called unknown
        assert f"`{key}`" not in warnings(at), key


def test_several_unknown_keys_in_french_are_named_in_one_plain_notice():
    at = open_page({"lang": "fr", "worlds": "1000", "sed": "1", "![x](http://evil.example/i.png)":
                    "1"})
    assert_safe(at)  # a hostile key is shown inert
    (notice,) = unknown_notices(at, "fr")
    assert "`sed`" in notice and "evil.example" in notice
    assert not {"sed", "![x](http://evil.example/i.png)"} & set(at.query_params)
