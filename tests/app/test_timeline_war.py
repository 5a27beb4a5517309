"""The page "The risk over time" over the whole war, Sep 2022 - Sep 2025 (``?span=war``).

Held-out rule (docs/HELD_OUT.md): from 21 Sep 2023 the page's answers are held-out tests, so
these tests read only what the page says and where (the dates, the notes, the events listed,
the forecasts' names, the link), never a number it shows for such a date. One view (``kemp``)
keeps the page's series few; the series are computed once per process (cached).
"""

import datetime as dt
import json
import re

import pytest
from support.apptest import ok, open_app, page_path
from support.french import assert_french
from support.workshop import as_shown

from simulator.app import i18n
from simulator.app import timeline_compute as tc
from simulator.evidence import held_out, war

PAGE = page_path("timeline")
WAR = {"span": "war", "views": "kemp"}
LAST = dt.date(2025, 6, 18)  # the last week whose 13 weeks end by 17 Sep 2025 (week 156)


def texts(at) -> str:
    """Every markdown, info and caption the page shows, joined."""
    return "\n".join(e.value for kind in ("markdown", "info", "caption") for e in at.get(kind))


def test_the_record_year_is_the_default_and_says_nothing_of_the_held_out_years():
    at = open_app({"views": "kemp"}, page=PAGE)
    assert ok(at) and at.radio(key="timeline_span").value == "year"
    assert "span" not in at.query_params
    assert at.select_slider(key="timeline_day").options[-1] == "21 Jun 2023"
    assert i18n.TEXT["en"]["timeline.scheduled_title"] not in [e.label for e in at.expander]
    assert "held-out" not in texts(at)


def test_the_whole_war_runs_every_week_to_june_2025_and_says_it_includes_the_held_out_years():
    at = open_app(WAR, page=PAGE)
    assert ok(at) and not at.warning
    assert at.radio(key="timeline_span").value == "war" and at.query_params["span"] == "war"
    options = at.select_slider(key="timeline_day").options
    assert options[0] == "21 Sep 2022" and options[-1] == "18 Jun 2025"
    assert len(options) == tc.span_record("war").week(LAST) + 1 == 144
    [note] = [i.value for i in at.info if "held-out years" in i.value]
    assert "21 Sep 2023" in note and "never used to set anything" in note and "156" in note
    # The held-out events, inputs of every world, are listed in date order with their dates.
    [listed] = [e for e in at.expander if e.label == i18n.TEXT["en"]["timeline.scheduled_title"]]
    lines = listed.markdown[0].value.splitlines()
    assert len(lines) == len(held_out.load().schedule) == 9
    assert "6 Aug 2024" in lines[2] and "Kursk" in lines[2]
    # Numbered on the chart as the record's events are, in one date order with them: each
    # number's dotted line at its event's date (none for an event after the chart's end).
    [chart] = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    numbers = {a["text"]: dt.date.fromisoformat(str(a["x"])[:10])
               for a in chart["layout"]["annotations"]}
    lines_at = [dt.date.fromisoformat(str(s["x0"])[:10]) for s in chart["layout"]["shapes"]
                if s["line"].get("dash") == "dot"]
    assert list(numbers) == [str(n + 1) for n in range(len(numbers))]
    assert list(numbers.values()) == sorted(numbers.values()) == lines_at
    schedule = sorted(held_out.load().schedule, key=lambda e: e["date"])
    for line, event in zip(lines, schedule, strict=True):
        charted = event["date"] <= LAST
        number = re.match(r"- (\d+)\. ", as_shown(line))
        assert bool(number) == charted, line
        if charted:
            assert numbers[number.group(1)] == event["date"]
    [listed_all] = [e for e in at.expander if e.label == i18n.TEXT["en"]["timeline.events_title"]]
    assert "6 Aug 2024: Ukraine's incursion into Russia's Kursk region (scheduled in every " \
        "world)" in as_shown(listed_all.markdown[0].value)
    # The later forecasts are on the chart beside the forecasts of the record year.
    [diamonds] = [t for t in chart["data"] if t.get("mode") == "markers"]
    made = [dt.date.fromisoformat(str(x)[:10]) for x in diamonds["x"]]
    later = [f.made for f in war.later_forecasts()]
    assert set(later) <= set(made) and min(made) < war.HELD_OUT_FROM
    shown = texts(at)
    assert "Polymarket traders" in shown and "upper bound" in shown
    assert i18n.TEXT["en"]["timeline.forecast_later"] in shown


@pytest.mark.parametrize(("lang", "heading"), [("en", "On 7 Aug 2024"),
                                               ("fr", "Au 7 août 2024")])
def test_a_war_date_in_the_link_opens_in_both_languages(lang, heading):
    at = open_app({**WAR, "lang": lang, "as_of": "2024-08-09"}, page=PAGE)
    assert ok(at) and not at.warning
    assert at.select_slider(key="timeline_day").value == dt.date(2024, 8, 7)  # nearest week
    assert at.subheader[0].value == heading
    assert at.query_params["as_of"] == "2024-08-07" and at.query_params["span"] == "war"
    # What was known: "none so far" once per outcome, up to the date (not also to Sep 2023).
    values = [m.value for m in at.markdown]
    facts = re.sub(r"\\(.)", r"\1",
                   values[values.index(f"**{i18n.TEXT[lang]['timeline.facts_title']}**") + 1])
    use = i18n.TEXT[lang]["timeline.so_far.nuclear_use"].split("{date}")[0]
    assert facts.count(use) == 1
    if lang == "en":
        assert f"{use}7 Aug 2024" in facts  # the order: the record says nothing after Sep 2023
    else:
        assert_french(at)
        assert "années réservées" in texts(at)


def test_switching_to_the_whole_war_keeps_the_date_and_writes_the_link():
    at = open_app({"views": "kemp", "as_of": "2023-02-22"}, page=PAGE)
    at.radio(key="timeline_span").set_value("war").run()
    assert ok(at) and at.query_params["span"] == "war"
    assert at.select_slider(key="timeline_day").value == dt.date(2023, 2, 22)
    at.select_slider(key="timeline_day").set_value(dt.date(2024, 11, 20)).run()
    assert ok(at) and at.query_params["as_of"] == "2024-11-20"
    at.radio(key="timeline_span").set_value("year").run()  # back: the date is past the year
    assert ok(at) and "span" not in at.query_params
    assert at.select_slider(key="timeline_day").value <= dt.date(2023, 6, 21)


def test_a_bad_span_in_the_link_is_named_and_dropped():
    at = open_app({"span": "everything", "views": "kemp"}, page=PAGE)
    assert ok(at)
    [warning] = at.warning
    assert warning.value.startswith("The link sets `span=everything`")
    assert "`year`" in warning.value and "`war`" in warning.value
    assert at.radio(key="timeline_span").value == "year" and "span" not in at.query_params


def test_a_war_date_without_the_war_is_outside_the_record_year():
    at = open_app({"views": "kemp", "as_of": "2024-08-07"}, page=PAGE)
    assert ok(at)
    [warning] = at.warning
    assert "`as_of=2024-08-07`" in warning.value and "2023-06-21" in warning.value
