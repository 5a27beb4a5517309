"""Dated rounds (#27) without a database: the days to choose from, the words of the reveal.

The days are real news of the record's year, each with the model event the facilitation
plans use for it; the forecasters listed are those of the record made by the day, the events
those after it; English and French.
"""

import datetime as dt

from simulator.evidence import record
from simulator.model import events
from simulator.workshop import dated


def test_every_day_lies_in_the_record_and_its_event_in_its_week():
    rec = record.default()
    end = max(e.date for e in rec.events)
    assert len(dated.MOMENTS) == len(dated.BY_ID) >= 5
    for moment in dated.MOMENTS:
        assert rec.start < moment.date <= end
        assert dated.checked_date(moment.date, rec.horizon_weeks) == moment.date
        for entry in moment.events():
            assert entry["week"] == rec.week(moment.date) == events.date_week(moment.date)
            assert entry["kind"] in events.KINDS
            assert entry["side"] in events.KINDS[entry["kind"]].sides
    # The plans' Kherson inject: an offensive of Ukraine in week 7 (from 9 Nov 2022).
    assert dated.BY_ID["kherson"].events()[0] | {"label": ""} == {
        "kind": "offensive", "side": "ukraine", "week": 7, "label": ""}
    assert dated.BY_ID["kherson"].text() == (
        "9 Nov 2022: Russia announces its withdrawal from Kherson")


def test_forecasters_by_the_day_and_what_happened_after_it():
    day = dt.date(2022, 10, 10)
    made = [f.made for f in dated.forecasts_by(day)]
    assert made and all(when <= day for when in made)
    assert len(made) == sum(f.made <= day for f in record.default().forecasts)
    assert made == sorted(made)
    later = dated.next_events(day)
    assert later[0].startswith("9 Nov 2022: Russia announces its withdrawal from Kherson")
    assert not any("Kerch" in line or "annexation" in line for line in later)  # before
    assert sum("New START" in line for line in later) == 1  # a day the record dates, once
    assert dated.next_events(dt.date(2023, 9, 21)) == []


def test_the_words_in_english_and_french():
    day = dated.BY_ID["kherson"].date
    assert dated.setting_line(day, 52) == (
        "Set at 9 Nov 2022: forecast from that day to 19 Sep 2023 (45 weeks).")
    french = dated.setting_line(day, 52, "fr")
    assert french.startswith("Placé au 9 nov. 2022") and "45 semaines" in french
    assert dated.BY_ID["wagner"].text("fr") == (
        "24 juin 2023 : La mutinerie de Wagner marche sur Moscou")
    found = {"as_of": "2022-11-09", "first": "2022-11-09", "last": "2023-09-19",
             "estimate": 0.1234, "ci_low": 0.11, "ci_high": 0.135, "ess": 5400, "facts": 6}
    line = dated.model_line(found)
    assert "12.3%" in line and "11.0% – 13.5%" in line and "simulation noise only" in line
    assert "bruit de simulation" in dated.model_line(found, "fr")
    note = dated.model_line({"as_of": "2022-11-09", "note": "too unlikely"})
    assert note.endswith("too unlikely")
    assert dated.room_line([0.1, 0.3, 0.2, 0.05]) == (
        "The room's own forecasts from that day (4): median 15.0%, lowest 5.0%, highest 30.0%.")
    assert dated.short_question("Will it? (A note.) More.") == "Will it?"
