"""The page "The risk over time" (simulator/app/timeline.py), run headless with AppTest.

Its numbers are ``nowcast_series``'s (the same views, seed and weekly dates, run directly);
the date slider changes what the page says was known then and what came next; the French
page has no English word and French number formats. The date and the views live in the link
(``?as_of=2022-11-16&views=baseline,kemp``): a link opens them, the widgets write them, a bad
value is named and dropped.
"""

import datetime as dt
import json
import re

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import ok, open_app, page_path
from support.french import assert_french

from simulator.app import i18n, widgets
from simulator.app import timeline_compute as tc
from simulator.evidence import record
from simulator.locales import formats

PAGE = page_path("timeline")
OPENING = dt.date(2022, 11, 16)  # the first date the worlds are weighed on Ukraine's gains


def answers(at: AppTest) -> str:
    """The 'known then' answers: one bullet per view."""
    return next(m.value for m in at.markdown if m.value.startswith("- **"))


def said(at: AppTest, title_key: str, lang: str = "en") -> str:
    """The bullets shown under the bold title ``title_key`` (as read: escapes resolved)."""
    values = [m.value for m in at.markdown]
    return re.sub(r"\\(.)", r"\1", values[values.index(f"**{i18n.TEXT[lang][title_key]}**") + 1])


def point_at(series, day: dt.date):
    return next(p for p in series.points if p.as_of == day)


def answer_line(label: str, point, lang: str = "en") -> str:
    def pct(p):
        return formats.percent(lang, p, 2 if 0 < abs(p) < 0.01 else 1)

    interval = i18n.TEXT[lang]["format.interval"].format(low=pct(point.estimate.ci_low),
                                                         high=pct(point.estimate.ci_high))
    return i18n.TEXT[lang]["timeline.answer"].format(
        view=label, p=pct(point.estimate.estimate), interval=interval,
        ess=formats.number(lang, point.ess, 0, False))


def test_the_page_shows_each_views_series_and_the_slider_moves_what_was_known():
    at = open_app(page=PAGE)
    assert ok(at)
    baseline, hodges = tc.view_series("baseline"), tc.view_series("hodges")
    # Every week from 21 Sep 2022 to 21 Jun 2023 (the last whose 13 weeks fit in 52).
    slider = at.select_slider(key="timeline_day")
    assert slider.value == OPENING
    assert [p.as_of for p in baseline.points][0] == dt.date(2022, 9, 21)
    assert baseline.points[-1].as_of == dt.date(2023, 6, 21) and len(baseline.points) == 40
    # The chart: a band and a line per view, the forecasts, a numbered line per event.
    [chart] = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    go.Figure(chart)  # valid by Plotly's schema (raises ValueError on an unknown property)
    lines = [t for t in chart["data"] if t.get("mode") == "lines"]
    assert [t["name"] for t in lines] == ["Baseline", "Alperovitch", "Alexander", "Hodges",
                                          "Kemp", "Experts pooled (equal weights)"]
    assert lines[0]["y"] == [p.estimate.estimate for p in baseline.points]
    forecasts = next(t for t in chart["data"] if t.get("mode") == "markers")
    assert len(forecasts["x"]) == len(record.default().scored_forecasts)
    events = tc.marked_events(record.default(), dt.date(2022, 9, 21), dt.date(2023, 6, 21))
    assert "territory-gain-nov-2022" in {e.id for e in events}
    assert [a["text"] for a in chart["layout"]["annotations"]] == [
        str(n + 1) for n in range(len(events))]
    # At the opening date: each view's answer, interval and ESS, as computed directly.
    shown = answers(at)
    assert answer_line("Baseline", point_at(baseline, OPENING)) in shown
    assert answer_line("Hodges", point_at(hodges, OPENING)) in shown
    facts = said(at, "timeline.facts_title")
    assert "No nuclear weapon used, no nuclear test, up to 16 Nov 2022" in facts
    assert "Ukraine regained several thousand km2" in facts  # known from 16 Nov
    assert "A truck bomb damaged the Kerch" in said(at, "timeline.context_title")
    # Moved to 10 May 2023: the answers, the facts and what happened next change with it.
    day = dt.date(2023, 5, 10)
    at.select_slider(key="timeline_day").set_value(day).run()
    assert ok(at)
    assert answers(at) != shown
    assert answer_line("Baseline", point_at(baseline, day)) in answers(at)
    facts = said(at, "timeline.facts_title")
    assert "up to 10 May 2023" in facts and "Russia made small net gains" not in facts
    after = said(at, "timeline.next_title")
    assert "24 May 2023: Russia made small net gains" in after
    assert "No nuclear weapon was used from 10 May 2023 to 8 Aug 2023" in after
    # The prequential scores, with the caveat that every period ended without use.
    scores = next(t.value for t in at.table if "Log score" in t.value.columns)
    assert scores.loc["Baseline", "Log score"] == f"{baseline.log_score:.4f}"
    assert scores.loc["Hodges", "Brier score"] == f"{hodges.brier:.5f}"
    assert any(c.value == i18n.TEXT["en"]["timeline.scores_caption"] for c in at.caption)
    # The year question cut at the model's horizon says so.
    assert any("runs past the model's year" in m.value and "Samotsvety" in m.value
               for m in at.markdown)


def test_the_views_can_be_picked_and_none_says_so():
    at = open_app(page=PAGE)
    at.multiselect(key="timeline_views").set_value(["kemp"]).run()
    assert ok(at)
    [chart] = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    assert [t["name"] for t in chart["data"] if t.get("mode") == "lines"] == ["Kemp"]
    assert answers(at).count("- **") == 1
    at.multiselect(key="timeline_views").set_value([]).run()
    assert ok(at) and at.info[0].value == i18n.TEXT["en"]["timeline.need_one"]


def test_the_page_in_french():
    at = open_app({"lang": "fr"}, page=PAGE)
    assert_french(at)
    baseline = tc.view_series("baseline")
    assert answer_line("Référence", point_at(baseline, OPENING), "fr") in answers(at)
    assert "," in answer_line("Référence", point_at(baseline, OPENING), "fr")  # '4,1 %'
    day = dt.date(2023, 2, 22)
    # AppTest sends the slider's value as its label, formatted in this thread: in French, as
    # the browser would (the script runs in its own thread, which this does not touch).
    i18n._page_run.language = "fr"
    try:
        at.select_slider(key="timeline_day").set_value(day).run()
    finally:
        i18n._page_run.language = None
    assert_french(at)
    assert "22 févr. 2023" in said(at, "timeline.facts_title", "fr")


# --- the link ---------------------------------------------------------------------------------

def shown_lines(at: AppTest) -> list[str]:
    """The chart's lines, by name."""
    [chart] = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    return [t["name"] for t in chart["data"] if t.get("mode") == "lines"]


@pytest.mark.parametrize(("lang", "names", "heading"), [
    ("en", ["Baseline", "Kemp"], "On 10 May 2023"),
    ("fr", ["Référence", "Kemp"], "Au 10 mai 2023")])
def test_a_link_opens_its_date_and_views(lang, names, heading):
    # 12 May 2023 is no week of the series: the nearest, 10 May, is shown, and the link says so.
    at = open_app({"lang": lang, "as_of": "2023-05-12", "views": "baseline,kemp"}, page=PAGE)
    assert ok(at) and not at.warning
    assert at.select_slider(key="timeline_day").value == dt.date(2023, 5, 10)
    assert at.multiselect(key="timeline_views").value == ["baseline", "kemp"]
    assert shown_lines(at) == names and answers(at).count("- **") == 2
    assert at.subheader[0].value == heading
    assert at.query_params["as_of"] == "2023-05-10"
    assert at.query_params["views"] == "baseline,kemp"
    if lang == "fr":
        assert_french(at)
    # The views may also come one value each (as Compare's scenarios do), written back as one.
    at = open_app({"views": ["hodges", "kemp", "hodges"]}, page=PAGE)
    assert ok(at) and not at.warning
    assert at.multiselect(key="timeline_views").value == ["hodges", "kemp"]
    assert at.query_params["views"] == "hodges,kemp"


def test_the_slider_and_the_views_write_the_link_and_it_opens_the_same_page():
    at = open_app(page=PAGE)
    assert "as_of" not in at.query_params and "views" not in at.query_params  # the defaults
    day = dt.date(2023, 2, 22)
    at.select_slider(key="timeline_day").set_value(day).run()
    at.multiselect(key="timeline_views").set_value(["kemp", "hodges"]).run()
    assert ok(at)
    link = {key: at.query_params[key] for key in ("as_of", "views")}
    assert link == {"as_of": "2023-02-22", "views": "kemp,hodges"}
    again = open_app(link, page=PAGE)
    assert ok(again) and answers(again) == answers(at) and shown_lines(again) == ["Kemp", "Hodges"]
    # Switching the language keeps both (the slider's label changes, the link's date does not).
    at.radio(key=i18n.LANGUAGE_KEY).set_value("fr").run()
    assert ok(at) and at.subheader[0].value == "Au 22 févr. 2023"
    assert at.multiselect(key="timeline_views").value == ["kemp", "hodges"]
    assert at.query_params["as_of"] == "2023-02-22"
    # Back at the opening date and every view: the link is short again.
    at.select_slider(key="timeline_day").set_value(OPENING)
    at.multiselect(key="timeline_views").set_value(list(tc.VIEWS))
    i18n._page_run.language = "fr"  # the slider's label in French, as the browser sends it
    try:
        at.run()
    finally:
        i18n._page_run.language = None
    assert ok(at) and at.subheader[0].value == "Au 16 nov. 2022"
    assert "as_of" not in at.query_params and "views" not in at.query_params


SERIES = "from `2022-09-21` to `2023-06-21`"


@pytest.mark.parametrize("raw", ["yesterday", "2022-02-30", "16/11/2022", "2022-09-20",
                                 "2023-06-22", "1" * 5000])
def test_a_bad_date_in_the_link_is_named_and_dropped(raw):
    at = open_app({"as_of": raw, "views": "kemp"}, page=PAGE)
    assert ok(at)
    [warning] = at.warning
    assert warning.value.startswith("The link sets `" + f"as_of={raw}"[:widgets.SHOWN_CHARS // 2])
    assert SERIES in warning.value and "YYYY-MM-DD" in warning.value
    assert warning.value.endswith("showing `2022-11-16` instead.")
    assert at.select_slider(key="timeline_day").value == OPENING
    assert "as_of" not in at.query_params and at.query_params["views"] == "kemp"


def test_an_unknown_view_is_named_and_dropped_and_the_others_stay():
    at = open_app({"views": "kemp,nato,baseline", "as_of": "2023-05-10"}, page=PAGE)
    assert ok(at)
    [warning] = at.warning
    assert warning.value.startswith("The link sets `views=nato`, which is not allowed")
    assert ("choose from `baseline`, `alperovitch`, `alexander`, `hodges`, `kemp`, `pooled`"
            in warning.value)
    assert warning.value.endswith("showing `kemp,baseline` instead.")
    assert shown_lines(at) == ["Kemp", "Baseline"]
    assert at.query_params["views"] == "kemp,baseline"
    assert at.query_params["as_of"] == "2023-05-10"  # the good date stays


def test_bad_link_values_in_french():
    at = open_app({"lang": "fr", "views": "otan", "as_of": "2030-01-01"}, page=PAGE)
    assert_french(at)
    text = "\n".join(w.value for w in at.warning)
    assert "`views=otan`" in text and "vue inconnue" in text
    assert "`as_of=2030-01-01`" in text and "du `2022-09-21` au `2023-06-21`" in text
    assert shown_lines(at)[0] == "Référence" and len(shown_lines(at)) == len(tc.VIEWS)
    assert not {"views", "as_of"} & set(at.query_params)
