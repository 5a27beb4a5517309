"""English texts of the whole-war view of the page "The risk over time" (simulator/app/timeline.py).

The record year or the whole war, Sep 2022 - Sep 2025, whose years from 21 Sep 2023 are the
held-out years; the held-out events scheduled in every world, by their ids in
``scenarios/record-2023-2025.yaml``. The source of the catalogue's msgids (msgctxt: the key);
the French is in fr/LC_MESSAGES/messages.po. Pure data: no imports.
"""

ENGLISH: dict[str, str] = {
    "timeline.span": "What the page covers",
    "timeline.span.year": "The record year (Sep 2022 - Sep 2023)",
    "timeline.span.war": "The whole war (Sep 2022 - Sep 2025, held-out years included)",
    "timeline.span_help": "The record year is the year the model was built around. The whole "
                          "war adds the two years after it, which were kept apart: nothing in "
                          "the model was set from them.",
    "timeline.url_span": "expected {options}",
    "timeline.computing_war": "Computing each view's risk at every week of the whole war (about "
                              "half a minute, once for everyone) ...",
    "timeline.war_note": "**The whole war includes the held-out years.** From {held} on, the "
                         "events and the forecasts come from the two years that were kept "
                         "apart and never used to set anything in the model: every answer "
                         "from that date is a test of the model, not something it was tuned "
                         "to. Each view's worlds run {weeks} weeks, to {end}, and in every "
                         "world the events of those years happen on their dates (listed "
                         "below); they are inputs, so they are not compared.",
    "timeline.date_help_war": "Every week of the whole war, from the first to the last whose "
                              "{weeks} weeks fit before {end}.",
    "timeline.scheduled_title": "Scheduled in every world of the whole war (inputs, not "
                                "compared)",
    "timeline.scheduled_line": "{date}: {label}",
    "timeline.scheduled_mark": "{label} (scheduled in every world)",
    "timeline.scheduled.avdiivka-falls": "Avdiivka falls to Russia",
    "timeline.scheduled.tactical-nuclear-drills": "Russia's tactical nuclear drills begin",
    "timeline.scheduled.kursk-incursion": "Ukraine's incursion into Russia's Kursk region",
    "timeline.scheduled.deep-strikes-allowed": "The US allows Ukraine to strike inside Russia "
                                               "with ATACMS missiles",
    "timeline.scheduled.doctrine-revised": "Russia widens its nuclear doctrine",
    "timeline.scheduled.oreshnik-strike": "Russia strikes Dnipro with the new Oreshnik missile "
                                          "(no nuclear warhead)",
    "timeline.scheduled.kursk-retaken": "Russia says it has retaken the Kursk region",
    "timeline.scheduled.strategic-bombers-struck": "Ukrainian drones strike Russia's strategic "
                                                   "bombers",
    "timeline.scheduled.alaska-summit": "Trump and Putin meet in Alaska, with no ceasefire",
    "timeline.forecast_later": "Published after the record year: its answer is a held-out test.",
}
"""Key -> English text of the whole-war view."""
