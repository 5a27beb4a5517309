"""The Claims page (simulator/app/claims.py), run headless with AppTest: search, each
check's result as a sentence, the quote first in French, unknown speakers warned about.
"""

import pytest
from support.apptest import markdown_text, ok, open_app, page_path, shown, warnings

from simulator.app import widgets
from simulator.evidence import claims


@pytest.mark.slow  # 8-21 s, among make test's slowest: make test-slow (CI) runs it
def test_claims_search_and_check_results():
    at = open_app({"q": "cinq niveaux"}, page_path("claims"))
    assert ok(at)
    text = "\n".join(markdown.value for markdown in at.markdown)
    assert "kemp-five-levels" in text and "il y a environ cinq niveaux" in text
    assert at.caption[0].value.startswith(f"1 of {len(claims.load_claims())} claims.")

    at = open_app({"speakers": "Col. Richard Kemp", "checked_only": "true"}, page_path("claims"))
    registry = [c for c in claims.load_claims() if c.speaker == "Col. Richard Kemp" and c.check]
    verdicts = {v.claim.id: v for v in claims.verdicts(claims=registry)}
    text = "\n".join(markdown.value for markdown in at.markdown)
    for claim in registry:
        verdict = verdicts[claim.id]
        word = "holds" if verdict.holds.passed else "does not hold"
        assert f"Check under the `{claim.check.preset}` preset: {word}" in text
        assert verdict.holds.detail in text
        setting = claim.check.falsifier.describe(claim.check.preset)
        assert f"Must fail under `{setting}`, the view argued against: fails there" in text
        assert verdict.falsified.detail in text


def test_claims_quote_first_in_french_and_warn_about_unknown_speakers():
    at = open_app({"lang": "fr", "q": "cinq niveaux", "speakers": "Nobody"}, page_path("claims"))
    assert ok(at)
    assert "speakers=Nobody" in warnings(at)
    parts = [markdown.value for markdown in at.markdown]
    quote = next(i for i, part in enumerate(parts) if "il y a environ cinq niveaux" in part)
    claim = next(c for c in claims.load_claims() if "il y a environ cinq niveaux" in c.quote)
    assert parts[quote + 1] == f"**Paraphrase** : {claim.paraphrase_fr}"  # its French, beside it


def test_claims_name_the_articles_and_state_each_check_as_a_sentence():
    at = open_app({"q": "moins probable que plus probable"}, page_path("claims"))
    assert ok(at)
    text = markdown_text(at)
    assert ".txt" not in text and "The Sun Online" in text
    claim = claims.by_id()["kemp-less-likely"]
    verdict = next(iter(claims.verdicts(claims=[claim])))
    use, there = verdict.holds, verdict.falsified
    low, high = (shown(end) for end in use.interval)
    assert (f"Under **Kemp**'s view, P(nuclear use) is {shown(use.estimate)} [{low}, {high}]: "
            f"between 1% and 50% — holds") in text
    assert f"under the **Crimea offensive** setting it would be {shown(there.estimate)}" in text
    assert "fails, as it should" in text
    assert "Details for analysts" in [expander.label for expander in at.expander]


def test_claims_open_folded_and_a_search_opens_what_it_finds():
    """The page opens with every card folded (nothing built, no check run): short on a phone;
    a search opens the cards it finds."""
    registry = claims.load_claims()
    at = open_app({}, page_path("claims"))
    assert ok(at)
    cards = [expander for expander in at.expander
             if expander.icon in (":material/fact_check:", ":material/format_quote:")]
    assert len(cards) == len(registry)
    text = markdown_text(at)
    assert "**Paraphrase**" not in text and "— holds" not in text
    # Each folded line names the speaker, as plain text.
    assert cards[0].label.startswith(widgets.plain(registry[0].speaker))
    at.text_input(key="q").set_value("cinq niveaux").run()
    assert ok(at)
    assert "il y a environ cinq niveaux" in markdown_text(at)
    assert at.caption[0].value.startswith(f"1 of {len(registry)} claims.")
