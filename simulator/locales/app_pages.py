"""English texts of the app's Compare, Sensitivity, One world, Claims and Calibration pages.

Also the short labels by id (actors, outcomes, the record's columns, the kinds of crisis, the
source articles). The source of the catalogue's msgids (msgctxt: the key); the French is in
fr/LC_MESSAGES/messages.po. Pure data: no imports.
"""

ENGLISH: dict[str, str] = {
    "compare.title": "Compare views",
    "compare.intro": "Pick two or more expert views or saved settings. All run on the same seed, "
                     "so each difference from the first one is paired: the same worlds with the "
                     "same draws, a much narrower interval than two separate batches.",
    "compare.pick": "Scenarios (first = reference)",
    "compare.pick_help": "Presets by name, or a saved setting such as `kemp: chain.layers=4; "
                         "west.influence=0.9` (type it and press Enter).",
    "compare.need_two": "Pick at least two scenarios to compare.",
    "compare.outcomes": "Outcomes side by side",
    "compare.differences": "Paired differences from {reference}",
    "compare.descriptions": "What each scenario assumes (parameters that differ from the baseline)",
    "compare.same_as_baseline": "Every parameter at its baseline value.",
    "compare.bad_spec": "{spec} is not a scenario: {error}",
    "compare.per_layer": "a per-layer list of values cannot be compared here; give one value",
    "compare.too_many": "The link lists {n} scenarios; Compare takes the first {cap}.",
    "sensitivity.title": "Which assumptions matter most?",
    "sensitivity.lead": "Which of the model's assumptions change the answer most? Vary a few of "
                        "them over a range and see how much of the outcome's spread each one "
                        "explains, alone and with the others.",
    "sensitivity.bounds_note": "A share is between 0 and 1 by definition, but an estimate from a "
                               "finite sample can land a little below 0 or above 1: read "
                               "0.01 [-0.18, 0.24] as “near zero, not known to better than "
                               "about 0.2”.",
    "sensitivity.intro": "In the analysts' terms, Sobol' indices split the variance of an outcome "
                         "between parameters: the "
                         "first-order index is the share a parameter explains alone, the total "
                         "index adds its interactions. Each parameter varies around the preset's "
                         "value; the others stay at the preset.",
    "sensitivity.outcome": "Outcome",
    "sensitivity.no_pools": "The pooled views are not listed: an analysis varies one view's "
                            "assumptions, and a pooled view runs several views at once. Pick "
                            "one of its views.",
    "sensitivity.parameters": "Parameters to vary",
    "sensitivity.spread": "How far each parameter varies (share of its range, around the preset "
                          "value)",
    "sensitivity.samples": "Base samples",
    "sensitivity.runs": "Worlds per point",
    "sensitivity.cost": "About {worlds} worlds to simulate.",
    "sensitivity.run": "Compute",
    "sensitivity.need_two": "Pick at least two parameters.",
    "sensitivity.ranges": "Ranges used",
    "world.title": "One world, week by week",
    "world.intro": "A single simulated world, replayed with its week-by-week story. World numbers "
                   "refer to the batch of {runs} worlds on this seed.",
    "world.world": "World",
    "world.jump_use": "Next world with nuclear use",
    "world.jump_refusal": "Next world where the chain refused",
    "world.none_found": "No world in this batch has that event.",
    "world.rung": "Rung over the weeks",
    "world.only_events": "Only weeks with events",
    "world.summary_use": "Nuclear use in week {week}: {kind}.",
    "world.summary_no_use": "No nuclear use in this world.",
    "world.summary_refused": "The chain refused {n} order(s).",
    "world.story": "The story",
    "claims.title": "Claims registry",
    "claims.intro": "Every claim from the two articles that the model uses: the original quote "
                    "(French), a paraphrase, how the model reads it, the parameters it informs "
                    "and, where the claim says something about outcomes, whether the model under "
                    "the speaker's preset agrees.",
    "claims.search": "Search quotes, paraphrases and parameters",
    "claims.speakers": "Speakers",
    "claims.all_speakers": "All speakers",
    "claims.checked_only": "Only claims with an outcome check",
    "claims.count": "{shown} of {total} claims.",
    "claims.interpretation": "How the model reads it",
    "claims.informs": "Informs",
    "claims.check": "Check under the `{preset}` preset",
    "claims.passed": "holds",
    "claims.failed": "does not hold",
    "claims.no_check": "No outcome check: this claim sets parameters.",
    "claims.falsifier": "Must fail under `{setting}`, the view argued against",
    "claims.fails_there": "fails there, as it should",
    "claims.holds_there": "holds there too, so the check cannot tell the views apart",
    "claims.checks_caption": "Checks run {runs} worlds per scenario on seed {seed}.",
    "claims.open_all": "Open every card",
    "claims.folded": "Open a card to read the quote, how the model reads it and its check.",
    "calibration.title": "Calibration against the October 2022 forecasts",
    "calibration.intro": "Each forecast of Russian nuclear use made in autumn 2022 that the "
                         "model can answer, beside the model's answer to the same question: its "
                         "chance of a use within the same window, under every expert view. Then "
                         "every forecast of the time, each view's whole run, and what happened.",
    "calibration.model": "Model presets: P(nuclear use within 52 weeks)",
    "calibration.forecasts": "Forecasts at the time",
    "calibration.outcome": "What happened: no Russian nuclear detonation (use or test) from 2022 "
                           "through early 2026.",
    "calibration.likelihood": "Chance each view gave to what happened (no use within 52 weeks)",
    "calibration.note": "One outcome cannot confirm a probability, and hardly tells apart views "
                        "that all gave 'no use' 80% or more, as every forecast did. It does speak "
                        "against a view that gave it little: {unlikely}. The forecasts ask "
                        "slightly different questions (see each row).",
    "calibration.none": "none here",
    "calibration.source": "Source",
    "calibration.date": "Date",
    "calibration.question": "Question",
    "calibration.figure": "Forecast",
    "calibration.conditional": "Model analogue of the US conditional: P(nuclear use | Crimea "
                               "threatened) under the baseline view: {p}. (Russia withdrew from "
                               "Kherson on 9-11 Nov 2022, so the condition never arose.)",
    "calibration.forecast_label": "{who} ({made}, by {horizon})",
    "calibration.no_conditional": "Model analogue of the US conditional: no world of the baseline "
                                  "view has Crimea threatened, so P(nuclear use | Crimea "
                                  "threatened) cannot be estimated. (Russia withdrew from Kherson "
                                  "on 9-11 Nov 2022, so the condition never arose.)",
    "calibration.horizon": "Horizon",
    "calibration.scored": "Scored",
    "calibration.yes": "Yes",
    "calibration.not_scored": "No: {why}",
    "calibration.chart_windows_caption": "One row per forecast the model can answer ({n} "
                                         "unconditional questions on nuclear use), from the "
                                         "day it was made to its horizon, shortest first. "
                                         "Beside each, the model's answer to the same "
                                         "question: its chance of a use within as many weeks, "
                                         "counted from 21 Sep 2022, about two weeks before "
                                         "most forecasts were made ({runs} worlds per view, "
                                         "seed {seed}). The blue line is the baseline's 95% "
                                         "interval: simulation noise only. The grey bar spans "
                                         "the views, lowest to highest. The table lists every "
                                         "forecast of the time.",
    "calibration.chart_views": "Model: range of its {n} views",
    "calibration.chart_baseline": "Model: the baseline (95% interval)",
    "calibration.chart_forecast": "Forecast of the time (published range)",
    "calibration.chart_outcome": "What happened: no use (0%)",
    "calibration.chart_axis": "P(nuclear use within the forecast's window)",
    "calibration.chart_window": "from {made} to {horizon}",
    "calibration.chart_weeks": "model: its first {weeks} weeks",
    "calibration.chart_cut": "model: its {weeks} weeks, the whole run",
    "record.title": "What happened",
    "record.intro": "The sourced record of the model's year (21 Sep 2022 – 21 Sep 2023): {events} "
                    "events the model has an outcome for. For each expert view, the share of its "
                    "{runs} worlds (seed {seed}) that agree with each event, and with all of them "
                    "at once: the probability the view gave to the year as it happened.",
    "record.caveat": "One history is one draw. A view that gave the recorded year a low "
                     "probability is less supported by it than a view that gave it more, not "
                     "refuted: the year may simply have been one of its rarer worlds. The record "
                     "is never used to fit the model; only the forecasts of the time are, so the "
                     "events are an out-of-sample test and the views' Brier scores on the "
                     "forecast questions are not.",
    "record.ranking": "Views ranked by the probability they gave to the recorded year",
    "record.joint": "P(the recorded year)",
    "record.log_score": "Log score",
    "record.brier": "Mean Brier score on the forecast questions",
    "record.ranking_caption": "P(the recorded year): the share of worlds that agree with every "
                              "event below at once. Log score: its natural logarithm (higher is "
                              "better; smoothed, so a view with no matching world still gets a "
                              "finite score). Brier score: the mean of (p − what happened)² over "
                              "the {n} scored forecast questions (lower is better).",
    "record.events": "The recorded events, and each view's probability of them",
    "record.event": "Event",
    "record.mapping": "How it maps onto the model",
    "record.source": "Source",
    "record.events_caption": "Each view's column: the share of its worlds that agree with the "
                             "event. Events the model has no outcome for (the annexation, New "
                             "START, ...) are context only and not listed.",
    "record.scores": "The forecasters' Brier scores beside the views'",
    "record.question": "Forecast",
    "record.week": "Model week",
    "record.cut": "{week} (horizon at week {full}, cut to the model's year)",
    "record.forecaster_p": "Forecaster's p",
    "record.forecaster_brier": "Forecaster's Brier score",
    "record.mean_brier": "Mean Brier score",
    "record.scores_caption": "Each view's column: its P(nuclear use) by the question's horizon. "
                             "Nothing happened, so each Brier score is p²; the last row is the "
                             "mean over the questions.",
    "record.profile": "Nuclear use week by week under the baseline, with the forecasts",
    "record.profile_caption": "Line: the baseline's probability that a nuclear weapon has been "
                              "used by the end of each week ({runs} worlds, seed {seed}). "
                              "Markers: the scored forecasts at their horizons (a horizon past "
                              "the model's last week is drawn there).",
    "record.profile_model": "Baseline: P(nuclear use by this week)",
    "record.yes": "{what}: yes",
    "record.no": "{what}: no",
    "record.between": "{what}: from {low} to {high}",
    "record.at_least": "{what}: at least {low}",
    "record.at_most": "{what}: at most {high}",
    "record.compare": "{what} {op} {times}{other}",
    "record.op.<": "less than",
    "record.op.<=": "at most",
    "record.op.>": "more than",
    "record.op.>=": "at least",
    "record.times": "{times} × ",
    "claims.article": "{title}, *{publication}*, {date}",
    "claims.sentence_between": "Under {view}, {outcome} is {value}: between {low} and {high}",
    "claims.sentence_less": "Under {view}, {outcome} is {value}: below {bound}",
    "claims.sentence_more": "Under {view}, {outcome} is {value}: above {bound}",
    "claims.sentence_falsifier": "under {setting} it would be {value}",
    "claims.verdict_holds": "holds",
    "claims.verdict_fails": "does not hold",
    "claims.verdict_falsified": "fails, as it should",
    "claims.verdict_not_falsified": "holds too, so the check cannot tell the views apart",
    "claims.the_view": "**{view}**'s view",
    "claims.detail": "Details for analysts",
    "claims.ratio": "{outcome} as a multiple of its value with {versus}",
    "claims.change": "the change in {outcome} from setting {versus}",
    "claims.given": "{what} in worlds where {given}",
    "claims.times": "{x} times",
    "claims.the_setting": "the **{view}** setting",
    "claims.with_changes": "{view} with {changes}",
    "claims.tested": "What the model must show",
    "claims.but": "And",
    "compare.digest": "What differs most from {reference}",
    "compare.digest_more": "**{view}**: {outcome} is {points} points more likely than under "
                           "**{reference}** ({p} against {p_ref}).",
    "compare.digest_less": "**{view}**: {outcome} is {points} points less likely than under "
                           "**{reference}** ({p} against {p_ref}).",
    "compare.digest_use_same": "**Nuclear use**: no view differs clearly from **{reference}** "
                               "(every difference is within the noise of the simulation).",
    "compare.interval_caption": "The whiskers on the chart and the brackets in the table of "
                                "differences: the 95% interval of each paired difference. It "
                                "covers the noise of the simulation (a finite number of "
                                "worlds), not what we don't know about the assumptions.",
    "compare.digest_same": "No outcome differs clearly from **{reference}**: every difference is "
                           "within the noise of the simulation.",
    "compare.digest_caption": "Differences are paired: both views run on the same simulated "
                              "worlds, so a difference is the effect of the assumptions alone. "
                              "Only differences clear of the noise of the simulation (their 95% "
                              "interval excludes zero) are listed.",
    "compare.chart": "How much each view moves the outcomes that differ most",
    "compare.chart_axis": "Difference from {reference} (percentage points)",
    "compare.full_tables": "All outcomes, with their 95% intervals (for analysts)",
    "compare.ranges_help": "On (the default): each scenario's run draws its assumptions' "
                           "ranges (the experts' and any you set on Explore), as Explore does, "
                           "so the numbers match Explore's. Off: every world takes the point "
                           "values, and the only spread shown is simulation noise.",
    "compare.plausible_title": "Each scenario's chance of nuclear use",
    "compare.noise_line": "About {p}, ±{noise} points of simulation noise.",
    "compare.ranges_off": "The ranges of the assumptions are switched off: every world takes "
                          "the point values, and the only spread shown is simulation noise, "
                          "not what we don't know about the assumptions.",
    "compare.disagree": "Where the views disagree: averaged over these {n} expert views, "
                        "nuclear use is about {p}, plausibly {range} if one of them is right;"
                        " of that spread, {disagreement} is the views' disagreement, "
                        "{ranges} their own ranges and {simulation} simulation noise.",
    "compare.cell_range": "{estimate}; plausibly {range}",
    "compare.digest_caption_ranges": "Each block of 256 worlds draws the same values of the "
                                     "assumptions both scenarios leave open, so the ranges "
                                     "cancel out where the scenarios share them; a difference's "
                                     "interval is simulation noise only.",
    "compare.points": "{value} pts",
    "compare.outcome_plain.nuclear_order": "a nuclear order",
    "compare.outcome_plain.nuclear_use": "nuclear use",
    "compare.outcome_plain.order_blocked": "the command chain blocking an order",
    "compare.outcome_plain.leader_ousted": "the leader's ouster",
    "compare.outcome_plain.nato_involved": "NATO's direct involvement",
    "compare.outcome_plain.wider_war": "a wider war with NATO",
    "compare.outcome_plain.war_ongoing": "the war still going on at the end of the year",
    "compare.outcome_plain.crimea_threatened": "a threat to Crimea",
    "compare.outcome_plain.donbass_taken": "Russia taking the Donbass",
    "sensitivity.explain": "**How to read this.** Each bar says how much of the ups and downs of "
                           "the outcome comes from one assumption when all of them vary at once. "
                           "The *first-order* index is the share that assumption explains on its "
                           "own; the *total* index adds what it explains together with the others "
                           "(interactions), so it is never smaller in theory. An index near 0 "
                           "means the assumption hardly matters here. Small negative values are "
                           "estimation noise (the index is estimated from a finite sample of "
                           "simulated worlds) and mean zero.",
    "sensitivity.progress": "Computing: {done} of {total} batches of worlds, about {left} left",
    "sensitivity.progress_start": "Computing: starting…",
    "sensitivity.seconds": "{n} s",
    "sensitivity.minutes": "{n} min",
    "sensitivity.took": "Computed in {seconds}.",
    "discover.title": "What leads to it?",
    "discover.intro": "Which combinations of these assumptions make {outcome} high? The model "
                      "runs {points} settings spread over the ranges above, and looks for the "
                      "ranges where the highest half of the results concentrates (PRIM, the "
                      "method of scenario discovery).",
    "discover.run": "Find what leads to it",
    "discover.found": "{outcome} is above {threshold} mostly where:",
    "discover.at_most": "**{parameter}** is at most {value}",
    "discover.at_least": "**{parameter}** is at least {value}",
    "discover.between": "**{parameter}** is between {low} and {high}",
    "discover.nothing": "No range stands out: the high results are spread over the whole design.",
    "discover.stats": "Inside these ranges, {density} of the settings give a result above "
                      "{threshold}; they hold {coverage} of all such settings.",
    "sensitivity.details": "Every index with its interval, and the ranges used (for analysts)",
    "sensitivity.col.rank": "Rank",
    "sensitivity.col.parameter": "Assumption",
    "sensitivity.col.low": "From",
    "sensitivity.col.high": "To",
    "sensitivity.col.first_order": "Alone (first order)",
    "sensitivity.col.first_order_low": "Alone: lowest plausible",
    "sensitivity.col.first_order_high": "Alone: highest plausible",
    "sensitivity.col.total": "With interactions (total)",
    "sensitivity.col.total_low": "With interactions: lowest plausible",
    "sensitivity.col.total_high": "With interactions: highest plausible",
    "sensitivity.chart_axis": "Share of the outcome's variation explained",
    "sensitivity.top": "**{parameter}** matters most for {outcome}: it explains about {share} of "
                       "its variation, interactions included.",
    "sensitivity.vary": "What varies",
    "sensitivity.vary.chosen": "Assumptions you choose",
    "sensitivity.vary.ranges": "The preset's own unknowns (its ranges)",
    "unknowns.title": "Which unknowns matter most?",
    "unknowns.none": "{preset} gives no assumption as a range, so it has no unknowns to rank. "
                     "Pick another preset, or choose the assumptions to vary.",
    "unknowns.intro": "This preset gives {count} of its assumptions as ranges: what its sources "
                      "leave open. Here they all vary at once, each drawn as its range says "
                      "(most often near the preset's value), and the Sobol' indices split the "
                      "ups and downs of {outcome} between them. The unknowns at the top are "
                      "the ones worth pinning down first.",
    "unknowns.run": "Rank the unknowns",
    "unknowns.top": "**{parameter}** matters most: knowing it exactly would remove about {share} "
                    "of the variation in {outcome} that the ranges leave, interactions included.",
    "unknowns.col.range": "Range",
    "unknowns.range": "{low} to {high}{unit} (most likely {mode})",
    "unknowns.col.why": "Why this range",
    "unknowns.col.kind": "Shape",
    "unknowns.col.mode": "Most likely",
    "unknowns.rest": "The {n} other unknowns explain {share} or less each (every one is in the "
                     "table for analysts below).",
    "unknowns.explain": "**What the indices cover.** They split how much the outcome varies "
                        "across the preset's ranges (the part of its predictive interval that "
                        "comes from the ranges), not how likely the outcome is. *With "
                        "interactions (total)*: the share that would go if that unknown were "
                        "known exactly; *alone (first order)*: the share it explains by itself. "
                        "The intervals show how precisely this small sample estimates each "
                        "index: more base samples narrow them.",
    "unknowns.noise": "Each point is an estimate from {worlds} simulated worlds: at most {share} "
                      "of the variation is that simulation noise rather than the unknowns "
                      "(less, since every point uses the same draws); indices that small cannot "
                      "be told from zero.",
    "unknowns.details": "Every unknown with its indices and its range (for analysts)",
    "world.summary": "What happened in this world",
    "world.changed": "The weeks that changed something",
    "world.no_change": "No week changed anything notable in this world.",
    "world.every_week": "Every week, with the leader's odds (for analysts)",
    "world.week_axis": "Week",
    "world.heading": "World {world}: {summary}",
    "world.numbers": "The exact numbers behind each week (for analysts)",
    "world.numbers_help": "The story tells desperation and the threat to Crimea out of 100; the "
                          "model holds them from 0 to 1, as here.",
    "world.col_week": "Week",
    "world.col_date": "Date",
    "world.col_rung": "Rung",
    "world.col_desperation": "Desperation (0 to 1)",
    "world.col_crimea": "Threat to Crimea (0 to 1)",
    "world.col_choice": "Option taken",
    "world.col_probability": "Its probability",
    "calibration.weeks": "{n} weeks",
    "actor.model": "Time horizon",
    "actor.leader": "Leader",
    "actor.chain": "Command chain",
    "actor.battlefield": "Battlefield",
    "actor.domestic": "Domestic politics",
    "actor.west": "West",
    "actor.china": "China",
    "actor.accidents": "Accidents",
    "outcome.nuclear_order": "P(nuclear order)",
    "outcome.nuclear_use": "P(nuclear use)",
    "outcome.order_blocked": "P(blocked by the chain)",
    "outcome.leader_ousted": "P(leader ousted)",
    "outcome.nato_involved": "P(NATO involvement)",
    "outcome.wider_war": "P(wider war with NATO)",
    "outcome.war_ongoing": "P(war still on at the horizon)",
    "outcome.crimea_threatened": "P(Crimea threatened)",
    "outcome.donbass_taken": "P(Russia takes the Donbass)",
    "outcome.territory_km2": "Territory retaken by Ukraine (km²)",
    "outcome.max_rung": "Highest rung reached",
    "outcome.nuclear_threats": "Nuclear bluffs (threats without an order)",
    "outcome.orders": "Nuclear orders given",
    "outcome.orders_blocked": "Nuclear orders refused by the chain",
    "outcome.accidental_moves": "Accidental rung changes",
    "outcome.china_support": "China's support for Russia at the horizon",
    "outcome.west_support": "Western support for Ukraine at the horizon",
    "record_column.nuclear_use": "A nuclear weapon is used",
    "record_column.nuclear_order": "A nuclear order is given",
    "record_column.leader_ousted": "The leader is ousted",
    "record_column.war_ongoing": "The war is still on at week 52",
    "record_column.donbass_taken": "Russia takes the Donbass",
    "record_column.nato_involved": "NATO becomes directly involved",
    "record_column.crimea_threatened": "Crimea is threatened by a land advance",
    "record_column.infrastructure_week": "Week of the first strikes on critical infrastructure",
    "record_column.max_conventional_rung": "Highest conventional rung reached",
    "record_column.territory_km2": "Land Ukraine retakes in the year (km²)",
    "record_column.territory_nov2022_km2": "Land Ukraine retakes by mid-Nov 2022 (km²)",
    "record_column.territory_may2023_km2": "Land Ukraine retakes by late May 2023 (km²)",
    "record_column.china_support": "China's support for Russia at week 52 (0 to 1)",
    "story_event.order": "Nuclear order",
    "story_event.refused": "Order refused",
    "story_event.use": "Nuclear use",
    "story_event.ousted": "Leader ousted",
    "story_event.nato": "NATO involved",
    "crisis_name.offensive": "Offensive",
    "crisis_name.encirclement": "A line breaks",
    "crisis_name.incursion": "Incursion into Russia",
    "crisis_name.incursion_end": "Russia retakes its land",
    "crisis_name.deep_strike": "Deep strike on Russia",
    "crisis_name.mobilisation": "New mobilisation",
    "crisis_name.elite_crisis": "Elite crisis",
    "crisis_name.western_aid": "More Western aid",
    "crisis_name.doctrine": "Doctrine widened",
    "crisis_name.talks": "Talks",
    "crisis_name.nuclear_signal": "Nuclear signal",
    "crisis_name.conventional_signal": "Conventional signal",
    "crisis_side.ukraine": "Ukraine",
    "crisis_side.russia": "Russia",
    "crisis_side.west": "the West",
    "crisis_side.both": "both sides",
    "crisis_by.ukraine": "by Ukraine",
    "crisis_by.russia": "by Russia",
    "crisis_by.west": "by the West",
    "crisis_by.both": "by both sides",
    "article.title.000_531c91d1f6711518.txt": "“Putin's threats are a last roll of the dice "
                                              "against Ukraine's advance”, say experts",
    "article.publication.000_531c91d1f6711518.txt": "The Sun Online (in French)",
    "article.date.000_531c91d1f6711518.txt": "September 2022, days after the mobilisation of 21 "
                                             "Sep",
    "article.title.004_e0773693da75453a.txt": "“Putin could be thwarted in a nuclear launch by "
                                              "his own military chiefs”, say former commanders",
    "article.publication.004_e0773693da75453a.txt": "The Sun Online (in French)",
    "article.date.004_e0773693da75453a.txt": "late September 2022",
    "claims.line": "- **{speaker}**: {paraphrase} — *{quote}*",
    "claims.card_parts": "{paraphrase}\n\n{quote}",
    "claims.tested_block": "**{tested}**: {says}  \n{holds} {first}.  \n{falsified} {but} "
                           "{second}. {why}",
    # The analysts' lines of a check (simulator/app/claims.py): passed both as the CLI prints
    # them and in words; English shows the CLI's, a translation the words (one placeholder).
    "claims.detail_shown": "`{cli}`",
    "claims.setting_shown": "{cli}",
    "claims.detail_line": "{where}: {what}, {bound} {value} {comparison}",
    "claims.detail_with": "{preset} with {changes}",
    "claims.detail_when": "{where} when {changes}",
    "claims.detail_stat": "{stat} of `{outcome}`",
    "claims.detail_given": "{what} given `{given}`",
    "claims.detail_ratio": "ratio of {stat} of `{outcome}` vs {versus}",
    "claims.detail_difference": "paired difference in `{outcome}` vs {versus}",
    "claims.detail_between": "between {low} and {high}",
    "claims.stat.probability": "probability",
    "claims.stat.mean": "mean",
    "claims.bound.estimate": "estimate",
    "claims.bound.ci_low": "low end of the 95% interval",
    "claims.bound.ci_high": "high end of the 95% interval",
}
"""Key -> English text of the other pages and the labels by id."""
