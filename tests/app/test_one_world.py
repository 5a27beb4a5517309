"""The One world page (simulator/app/one_world.py), run headless with AppTest: it tells the
linked world as the story module does, in English and French, what happened first, and
jumps to worlds with use or refusal.
"""

import pytest
from support.apptest import FAST, ok, open_app, page_path, warnings

from simulator.app import i18n
from simulator.model import events
from simulator.model.scenario import load
from simulator.running import engine
from simulator.studies import story


def test_one_world_tells_the_linked_world():
    at = open_app({"story_preset": "kemp", "story_seed": "3", "world": "42"},
                  page_path("one_world"))
    assert ok(at) and not at.warning
    weeks = story.tell(load("kemp"), 3, 42)
    text = "\n".join(markdown.value for markdown in at.markdown)
    assert "World 42" in text
    assert all(week.text() in text for week in weeks)


def test_one_world_jumps_to_worlds_with_use_and_with_refusal():
    at = open_app(page=page_path("one_world"))
    columns = engine.run(load("baseline"), 10_000, 0, workers=1).columns
    # It opens on the first world with a nuclear order, not on one where nothing happens.
    opening = story.find_world(columns, "nuclear_order")
    assert at.number_input(key="world").value == opening
    at.button[0].click().run()
    assert at.number_input(key="world").value == story.find_world(columns, "nuclear_use",
                                                                   after=opening)
    text = "\n".join(markdown.value for markdown in at.markdown)
    assert "Nuclear use in week" in text
    at.number_input(key="world").set_value(0).run()
    at.button[1].click().run()
    assert at.number_input(key="world").value == story.find_world(columns, "order_blocked")
    assert "The chain refused" in "\n".join(markdown.value for markdown in at.markdown)


def test_one_world_warns_about_a_world_out_of_range():
    at = open_app({"world": "123456", "story_preset": "nobody"}, page_path("one_world"))
    assert ok(at)
    assert "world=123456" in warnings(at) and "story_preset=nobody" in warnings(at)
    columns = engine.run(load("baseline"), 10_000, 0, workers=1).columns
    assert at.number_input(key="world").value == story.find_world(columns, "nuclear_order")


def test_one_world_tells_what_happened_first_then_the_weeks_that_changed():
    at = open_app({"story_preset": "kemp"}, page_path("one_world"))
    at.button[1].click().run()  # a world where the chain refused an order
    assert ok(at)
    world = at.number_input(key="world").value
    weeks = story.tell(load("kemp"), 0, world)
    summary = at.markdown[[m.value for m in at.markdown].index("**What happened in this world**")
                          + 1].value
    refused = [w for w in weeks if "refused" in w.events]
    first = refused[0]
    layer = next(f for f in first.facts if f.key.startswith("chain_refused")).values["blocked"][0]
    assert f"In week {first.week} (" in summary and f"{layer} refused it" in summary
    changed = "\n".join(m.value for m in at.markdown if m.value.startswith("- "))
    for week in weeks:
        if not week.changed:
            # an uneventful week is only in the folded list of every week
            assert changed.count(week.text()) == 1
        else:
            assert changed.count(week.text()) == 2


def test_story_shows_the_chosen_option_with_the_odds_it_had():
    """A rare choice is shown with its own (small) probability, never beside '0%'."""
    import re

    rare = []
    for world in range(40):
        for week in story.tell(load("baseline"), 0, world):
            leader = next(f for f in week.facts if "odds" in f.values)
            odds = dict(leader.values["odds"])
            # the option taken is among the odds, with the probability it was taken with
            assert odds[week.choice] == pytest.approx(week.choice_probability)
            assert week.choice_probability > 0
            if week.choice_probability < 0.005:
                rare.append(week)
    assert rare, "40 worlds of 52 weeks hold at least one rare draw"
    for week in rare:
        text = week.text()
        option = story.OPTIONS[week.choice]
        shown = re.search(re.escape(option) + r" ([\d.]+)%", text)
        assert shown and float(shown.group(1)) > 0, text
        assert "a rare draw" in text


def test_story_is_told_in_french_from_the_same_facts():
    weeks = story.tell(load("kemp"), 3, 42)
    at = open_app({**FAST, "lang": "fr"})  # a session in French
    assert at.radio(key="lang").value == "fr"
    # the French sentences, with the English formats (a French date has a '. ': '21 sept. 2022')
    english = story.ENGLISH
    french = story.Wording(sentences=i18n.story_wording("fr").sentences,
                           option=i18n.story_wording("fr").option)
    for week in weeks:
        assert week.text(english).startswith(f"Week {week.week} (")
        assert week.text(french).startswith(f"Semaine {week.week} (")
        assert len(week.text(french).split(". ")) == len(week.text(english).split(". "))
    summary = story.summary(weeks)
    assert summary[-1].key in ("sum_end", "sum_end_lost")
    assert summary[-1].values["week"] == weeks[-1].week


def test_desperation_and_the_threat_to_crimea_are_told_out_of_100_in_both_languages():
    """Students read '36 out of 100', not the model's '0.36'; analysts find 0.36 folded."""
    import re

    weeks = story.tell(load("kemp"), 3, 42)
    rows = story.numbers(weeks)
    french = i18n.story_wording("fr")
    indices = []
    for week, row in zip(weeks, rows, strict=True):
        english = week.text()
        # no 0-to-1 value left (a small percentage, '0.6%', is a probability, as it should be)
        assert not re.search(r"\b0\.\d+(?!\d|%)", english), english
        assert f"threat to Crimea: {100 * row['crimea_threat']:.0f} out of 100" in english
        assert f"his desperation: {100 * row['desperation']:.0f} out of 100" in english
        for fact in week.facts:  # a crisis's index too: 'shock index: 48 out of 100'
            kind = events.KINDS.get(fact.values.get("kind"))
            if fact.key == "crisis" and kind and kind.high <= 1 and fact.values["size"] > 0:
                indices.append(f"{kind.unit}: {100 * fact.values['size']:.0f} out of 100")
                assert indices[-1] in english
        told = week.text(french)
        assert not re.search(r"\b0,\d+(?!\d|\s?%)", told), told
        assert f"menace sur la Crimée : {100 * row['crimea_threat']:.0f} sur 100" in told
        assert f"son désespoir : {100 * row['desperation']:.0f} sur 100" in told
    assert indices, "this world has a long-range strike on Russia, sized by its shock index"
    at = open_app({"story_preset": "kemp", "story_seed": "3", "world": "42"},
                  page_path("one_world"))
    assert ok(at)
    [numbers] = [e for e in at.expander if e.label.startswith("The exact numbers")]
    table = numbers.dataframe[0].value
    assert list(table.index) == [week.week for week in weeks]
    # to three decimals, no trailing zero ('1', not '1.000', which French would read 1,000)
    assert list(table["Desperation (0 to 1)"]) == [f"{round(r['desperation'], 3):g}"
                                                   for r in rows]
    assert list(table["Threat to Crimea (0 to 1)"]) == [f"{round(r['crimea_threat'], 3):g}"
                                                        for r in rows]
