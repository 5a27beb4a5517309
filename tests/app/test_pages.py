"""What every page of the app does, run headless with AppTest: it renders, opens in the
language of its link, has every label in both languages, and shows a crafted link value
inert in its warning.
"""

import pytest
from support.apptest import PAGES, TITLES, ok, open_app, warnings

from simulator import locales
from simulator.app import i18n
from simulator.model import ladder, params
from simulator.results import analysis


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(page):
    at = open_app(page=page)
    assert ok(at)
    assert at.title


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_in_the_language_of_its_link(page):
    at = open_app({"lang": "fr"}, page)
    assert ok(at)
    assert at.radio(key="lang").value == "fr"
    assert at.title[0].value == i18n.TEXT["fr"][TITLES[page]]
    at = open_app({"lang": "de"}, page)
    assert "lang=de" in warnings(at) and at.radio(key="lang").value == "en"


def test_every_label_exists_in_both_languages():
    assert set(i18n.TEXT["fr"]) == set(i18n.TEXT["en"])
    assert set(i18n.PARAMETERS) == set(params.SCHEMA)
    assert all(i18n.has(f"outcome.{name}") for name in analysis.OUTCOMES)
    assert all(i18n.has(f"actor.{name}") for name in params.by_actor())
    french = locales.catalogue("fr")
    assert all((f"rung.{rung.level}", rung.label) in french for rung in ladder.RUNGS)
    assert all((f"parameter.{name}", label) in french for name, label in i18n.PARAMETERS.items())


def test_a_crafted_link_cannot_inject_markdown_into_the_warning():
    at = open_app({"chain.layers": "[click](http://evil.example)", "preset": "`x` **y**"})
    assert ok(at)
    text = warnings(at)
    # the raw value only inside a code span (inert), the error's copy of it escaped
    assert "`chain.layers=[click](http://evil.example)`" in text
    assert text.count("](http") == 1
    # no link; a word joiner after the scheme stops GitHub's bare-URL autolink
    assert "\\[click\\]\\(http\\:\u2060\\/\\/evil\\.example\\)" in text
    # a backtick in the value cannot close the code span early: a longer fence
    assert "``preset=`x` **y**``" in text
