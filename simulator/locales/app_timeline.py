"""English texts of the app's page "The risk over time" (simulator/app/timeline.py).

The source of the catalogue's msgids (msgctxt: the key); the French is in
fr/LC_MESSAGES/messages.po. Pure data: no imports.
"""

ENGLISH: dict[str, str] = {
    "page.timeline": "Over time",
    "timeline.title": "The risk over time, as the war unfolded",
    "timeline.intro": "Every simulated world is one possible history of the war. For each week "
                      "from {start}, the page keeps the worlds whose history up to that date "
                      "agrees with what was known on it (no nuclear use so far, the strikes on "
                      "the energy grid, Ukraine's gains by mid-November, ...) and counts how "
                      "many of them see a nuclear weapon used in the {weeks} weeks that follow. "
                      "One line per expert view.",
    "timeline.views": "Views to show",
    "timeline.need_one": "Pick at least one view.",
    "timeline.computing": "Computing each view's risk at every date (a few seconds, once for "
                          "everyone) ...",
    "timeline.chart_y": "Chance of use in the next {weeks} weeks",
    "timeline.forecasts_legend": "Forecasts of the time (each its own question)",
    "timeline.hover_forecast": "{who}, {made}: {p} for use by {horizon}",
    "timeline.caption": "Each line: the view's chance of nuclear use in the {weeks} weeks from "
                        "the date, given what was known on it. The shaded band is its 95% "
                        "interval of simulation noise: how far the number could move with "
                        "another draw of the same view's worlds. It leaves out the uncertainty "
                        "in the view's own assumptions and the disagreement between views (the "
                        "gap between the lines shows that). Diamonds: forecasts published at "
                        "the time, each for its own question and period (listed below the "
                        "scores). Grey line: the date chosen below. Seed {seed}; each view's "
                        "worlds are drawn until every date rests on at least {target} "
                        "effective worlds.",
    "timeline.events_title": "The numbered dotted lines: what happened",
    "timeline.event_line": "{n}. {date}: {label}",
    "timeline.date": "What was known then: pick a date",
    "timeline.date_help": "Every week of the record, from the first to the last whose "
                          "{weeks} weeks fit in the model's year.",
    "timeline.on": "On {date}",
    "timeline.window": "Chance of nuclear use from {first} to {last} (the {weeks} model "
                       "weeks from the week of the date), given what was known on {date}:",
    "timeline.answer": "**{view}**: {p} {interval}, resting on {ess} effective worlds",
    "timeline.ess": "Effective worlds (ESS): how many of the view's simulated histories "
                    "that match what was known by then the answer rests on; the more there "
                    "are, the narrower its interval.",
    "timeline.facts_title": "What the record said by then (every world kept agrees with it)",
    "timeline.fact_so_far": "{label} (so far, to {date})",
    "timeline.so_far.nuclear_use": "No nuclear weapon used, no nuclear test, up to {date}",
    "timeline.so_far.nuclear_order": "No known order to use nuclear weapons, up to {date}",
    "timeline.so_far.leader_ousted": "Putin still in office, up to {date}",
    "timeline.so_far.nato_involved": "No direct NATO military involvement, up to {date}",
    "timeline.fact_dated": "{label} ({date})",
    "timeline.no_facts": "Nothing yet: no time has passed, so every world counts.",
    "timeline.context_title": "Also known by then, but with no trace in the model's worlds "
                              "(not compared)",
    "timeline.next_title": "What happened next",
    "timeline.next_event": "{date}: {label}",
    "timeline.nothing_next": "No other dated event of the record in those weeks.",
    "timeline.no_use_next": "No nuclear weapon was used from {first} to {last}.",
    "timeline.use_unknown": "The record does not say whether a nuclear weapon was used from "
                            "{first} to {last}.",
    "timeline.scores_title": "How each view scored, period by period",
    "timeline.scores_intro": "The prequential score: each view's chance of nuclear use in each "
                             "{weeks}-week period in turn (from {periods}), each given what was "
                             "known at the period's start, scored on what happened in it, and "
                             "summed. A log score closer to 0 and a lower Brier score are "
                             "better.",
    "timeline.col_view": "View",
    "timeline.col_log": "Log score",
    "timeline.col_brier": "Brier score",
    "timeline.col_periods": "Periods",
    "timeline.scores_caption": "Every period ended without nuclear use, so these scores "
                               "reward whichever view gave it the lowest chance: they measure "
                               "how low, not how well. Read them with the lines and the "
                               "forecasts, not alone.",
    "timeline.forecasts_title": "The forecasts of the time, and each view's answer to the same "
                                "question",
    "timeline.forecast_line": "**{who}**, {made}: {p} for nuclear use by {horizon}.",
    "timeline.forecast_cut": "Its question runs past the model's year: the views answer it "
                             "only up to {cut}, a shorter period, so their figures are lower "
                             "than a full answer would be.",
    "timeline.forecast_views": "The views on the same date, for the same period: {answers}.",
    "timeline.view_answer": "{view} {p}",
    "timeline.list_sep": "; ",
    "timeline.url_view": "unknown view; choose from {options}",
    "timeline.url_as_of": "expected a date as YYYY-MM-DD from {first} to {last}",
}
"""Key -> English text of the page "The risk over time"."""
