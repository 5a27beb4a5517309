"""English texts of the app's Explore and About pages, its common words and its formats.

The source of the catalogue's msgids (msgctxt: the key); the French is in
fr/LC_MESSAGES/messages.po. ``simulator.app.i18n.tr`` reads both. The ``format.*`` texts are
each language's conventions (an interval's brackets, a colon's space) that the pages used to
write in ``if French`` branches. Pure data: no imports.
"""

ENGLISH: dict[str, str] = {
    "app.title": "Escalation-risk simulator",
    "lang.label": "Language / Langue",
    "page.explore": "Explore",
    "page.compare": "Compare",
    "page.sensitivity": "Sensitivity",
    "page.world": "One world",
    "page.claims": "Claims",
    "page.calibration": "Calibration",
    "url.bad_value": "The link sets {setting}, which is not allowed ({reason}); showing "
                     "{fallback} instead.",
    "url.default": "the default",
    "url.unknown_keys": "The link sets {keys}, which this page does not use: ignored.",
    "url.whole": "expected a whole number from {low} to {high}",
    "url.number": "expected a number from {low} to {high}",
    "url.choice": "choose one of {options}",
    "url.flag": "expected true or false",
    "url.unknown_preset": "unknown preset; choose one of {options}",
    "budget.over": "This setting simulates {worlds} worlds, more than the {budget} a page "
                   "computes without asking. Press the button to run it (it may take a while and "
                   "slows the app for everyone on this server).",
    "budget.run": "Simulate {worlds} worlds",
    "runs.first_estimate": "First estimate from {first} worlds; refining to {worlds}… The numbers "
                           "below update on their own.",
    "error.unexpected": "Sorry, something went wrong on this page. The details are in the server "
                        "log under reference {reference}. Reload the page or change a setting to "
                        "try again.",
    "common.preset": "Expert view (preset)",
    "common.worlds": "Worlds simulated",
    "common.seed": "Seed",
    "common.seed_help": "The same seed gives every scenario the same random draws (common random "
                        "numbers), so differences come from the assumptions.",
    "common.interval": "95% interval {low} – {high}",
    "common.download": "Download",
    "common.value": "Value",
    "common.baseline": "Baseline",
    "common.parameter": "Parameter",
    "common.why": "Why",
    "common.claims": "Claims",
    "common.paraphrase": "Paraphrase",
    "common.assumption": "Modeller's assumption",
    "download.outcomes": "Outcomes (CSV)",
    "download.worlds": "Every world (CSV)",
    "download.scenario": "Scenario (YAML)",
    "explore.title": "How likely is nuclear use?",
    "explore.intro": "Each simulated world is one possible year after Russia's partial "
                     "mobilisation (21 Sep 2022). Pick an expert's view or move a slider on the "
                     "left: every number is the share of {runs} worlds, with its 95% interval.",
    "explore.reset": "Reset to preset",
    "explore.assumptions": "Assumptions, by actor",
    "explore.you_changed": "Changed from the preset: {changes}. Differences below are paired "
                           "(same worlds, same draws).",
    "explore.vs_preset": "vs preset, 95% interval [{low}, {high}]",
    "explore.by_view": "Nuclear use by expert view",
    "explore.by_view_caption": "Each expert's view as a preset, {runs} worlds, seed {seed}. Bars: "
                               "95% intervals.",
    "explore.least": "**Least likely: {view}**, P(nuclear use) {p}. Its leader gives a nuclear "
                     "order in {order} of worlds, but the command chain stops {stopped} of the "
                     "orders (baseline view: {base_stopped}).",
    "explore.why": "What {view}'s view changes, and the claims behind it",
    "explore.ladder": "Highest rung reached",
    "explore.funnel": "Where the command chain stops nuclear orders",
    "explore.funnel_caption": "All orders in all worlds and weeks: {issued} given, {executed} "
                              "carried out. The chain stopped {stopped} of them (preset: "
                              "{preset_stopped}).",
    "explore.no_orders": "No nuclear order was given in any world.",
    "explore.cumulative": "Probability of nuclear use so far",
    "explore.fan": "Rung over the weeks",
    "explore.save": "Save for Compare",
    "explore.saved": "Saved for Compare: {n}",
    "explore.open_compare": "Open in Compare",
    "view.this_setting": "Your setting",
    "table.view": "View",
    "table.order": "P(nuclear order)",
    "table.use": "P(nuclear use)",
    "table.stopped": "Orders the chain stops",
    "chart.share_worlds": "Share of worlds",
    "chart.rung": "Rung",
    "chart.rung_axis": "Rung (names on the ladder above)",
    "chart.preset": "Preset",
    "chart.this_setting": "This setting",
    "chart.issued": "Orders given",
    "chart.refused": "refused here: {n}",
    "chart.executed": "Carried out",
    "chart.median": "Median",
    "chart.mean": "Mean",
    "chart.band50": "Middle 50% of worlds",
    "chart.band90": "Middle 90% of worlds",
    "chart.probability": "Probability",
    "page.about": "About the model",
    "explore.lead": "Each simulated world is one possible year after Russia's partial "
                    "mobilisation (21 Sep 2022). Pick an expert's view in the side panel (on a "
                    "phone, open it with » at the top left) and move the key assumptions: the "
                    "answer below is the share of {runs} worlds.",
    "explore.headline_label": "Chance of nuclear use within {weeks} weeks",
    "explore.headline_help": "The share of simulated worlds in which Russia uses a nuclear weapon "
                             "(a demonstration or a strike) before the horizon, rounded to what "
                             "its plausible range allows.",
    "plausible.sentence": "About {p}; plausibly {range} given what we don't know (the ranges of "
                          "the assumptions); simulation noise ±{noise} points.",
    "plausible.range": "{low}–{high}%",
    "plausible.short": "Plausibly {range}; simulation noise ±{noise} points.",
    "plausible.noise_only": "About {p}, ±{noise} points of simulation noise. That is the only "
                            "spread shown: {reason}, so what we don't know about the "
                            "assumptions is not in it.",
    "plausible.reason_off": "the ranges of the assumptions are switched off (under “All "
                            "parameters”)",
    "plausible.reason_few": "{runs} worlds are too few to draw the ranges (it takes at least 512, "
                            "two blocks of 256)",
    "plausible.reason_none": "none of this setting's assumptions has a range",
    "plausible.help_mc": "Simulation noise: 95% Monte Carlo interval {low} – {high} around "
                         "{estimate}. More worlds would narrow it; it says nothing about whether "
                         "the assumptions are right.",
    "plausible.help_pi": "Plausible range: 95% predictive interval {low} – {high}, from {blocks} "
                         "blocks of {worlds} worlds, each block drawing its own values of the "
                         "assumptions the experts gave as ranges. Of the spread between blocks, "
                         "{ranges} comes from the ranges and {simulation} from simulation.",
    "plausible.chart_range": "Plausible range",
    "plausible.chart_noise": "Simulation noise",
    "plausible.chart_caption": "Wide band: the plausible range, given the ranges of the "
                               "assumptions (95% predictive interval). Narrow band: simulation "
                               "noise alone (95% Monte Carlo interval). Tick: the estimate.",
    "plausible.chart_caption_noise": "Band: simulation noise alone (95% Monte Carlo interval); "
                                     "the ranges of the assumptions are not drawn here. Tick: "
                                     "the estimate.",
    "explore.pool": "Each block of worlds lives under one of these views, by weight: "
                    "{views}. A slider you move sets its value in every view.",
    "explore.ranges": "Draw the assumptions' ranges",
    "explore.ranges_help": "On (the default): each block of 256 worlds draws its own values of "
                           "the assumptions the experts gave as ranges, and the page shows where "
                           "the chance plausibly lies. Off: every world takes the point values "
                           "(as a run without uncertainty), and the only spread shown is "
                           "simulation noise. A slider you move sets a point value: that "
                           "assumption's range no longer applies, the others' still do.",
    "table.use_range": "Plausible range",
    "explore.under_view": "Under {view}{changed}.",
    "explore.under_changed": ", with your changes",
    "explore.why_none": "**Why:** in no simulated world does the leader give a nuclear order; his "
                        "threats stay words.",
    "explore.why_leader": "**What stops it most:** **the leader himself**. In "
                          "{no_order} of worlds he never gives a nuclear order{bluffs}. When he "
                          "does, the command chain refuses {stopped} of the orders, most often at "
                          "the **{layer}**.",
    "explore.why_bluffs": " ({bluffs} of worlds see nuclear threats that he never acts on)",
    "explore.why_chain": "**What stops it most:** **the command chain**. The "
                         "leader gives a nuclear order in {order} of worlds, but {stopped} of the "
                         "orders are refused, most often at the **{layer}**.",
    "explore.why_nothing": "**Why so high:** little stops it. The leader gives a nuclear order in "
                           "{order} of worlds and the command chain refuses only {stopped} of the "
                           "orders (most at the **{layer}**).",
    "explore.strip_kinds": "Experts' views: {experts}. Pools of them: {pools}. Settings that are "
                           "no one's view: {settings}.",
    "explore.drawer_answer": "**{label}: {value}**",
    "explore.strip_title": "The same question under every view and setting",
    "explore.strip_caption": "Bars: each view's chance of nuclear use ({runs} worlds, seed "
                             "{seed}); black lines: 95% intervals. In blue, the view you chose; "
                             "in orange, your changed setting.",
    "explore.strip_caption_ranges": "Bars: each view's chance of nuclear use ({runs} worlds, "
                                    "seed {seed}); wide grey lines: its plausible range given "
                                    "the ranges of the assumptions; thin black lines: simulation "
                                    "noise alone. In blue, the view you chose; in orange, your "
                                    "changed setting.",
    "explore.readme_note": "These numbers come from {runs} simulated worlds on seed {seed} (both "
                           "under “All parameters”); the About page's figures use 20,000 worlds "
                           "and seed 2022. Other random draws give slightly different numbers "
                           "from the same model.",
    "explore.readme_ranges": "This page also draws the ranges of the assumptions, where the "
                             "About page's figures take their point values: switch the ranges off "
                             "under “All "
                             "parameters” to do the same.",
    "explore.other": "Other outcomes",
    "explore.this_view": "About this view",
    "explore.compare_views": "Which view makes use least likely, and why",
    "explore.key": "Key assumptions",
    "explore.key_caption": "Tap or point at (?) to see what each one does and the claims "
                           "behind it.",
    "explore.key_ranges_caption": "Switch on “As a range” under an assumption to say how far "
                                  "it might plausibly go either way (not for the weeks or the "
                                  "command layers, which shape the model itself).",
    "explore.key_ranges_pool": "A pooled view draws each expert's own ranges; to set an "
                               "assumption as a range, pick one expert's view.",
    "explore.as_range": "As a range",
    "explore.as_range_help": "Instead of one value, give the lowest and highest values you find "
                             "plausible. The slider above stays the most likely value. Each "
                             "block of 256 worlds then draws its own value: most often near the "
                             "slider's value, less and less often towards the ends, never "
                             "beyond them (a beta-PERT distribution). This replaces the "
                             "expert's own range for this assumption. The two handles start at "
                             "the expert's range, or, where there is none, at the slider's "
                             "value plus or minus {share} of it (at least {floor} of the whole "
                             "scale), kept within the assumption's limits.",
    "explore.range_label": "{assumption}: from … to …",
    "explore.range_help": "The lowest and highest plausible values. The slider above (the most "
                          "likely value) must lie between them.",
    "explore.range_outside": "This range, {low} to {high}, does not include the slider's value "
                             "({point}), which is its most likely value: move a handle or the "
                             "slider. Until then this range is not used.",
    "explore.changed_range": "{assumption} drawn from **{low}** to **{high}**",
    "explore.analysts": "All parameters (for analysts)",
    "explore.analysts_caption": "Every parameter of the model, by actor (the key assumptions "
                                "above are not repeated), and the number of worlds and the random "
                                "seed.",
    "explore.preset_value": "{view}'s view: **{value}**",
    "about.title": "About the model",
    "about.what": "What it is",
    "about.what_text": "In late September 2022, days after Russia's partial mobilisation, four "
                       "experts told *The Sun* what they thought of Putin's nuclear threats: "
                       "Dmitri Alperovitch, Dr Colin Alexander, Lt-Gen. Ben Hodges and Col. "
                       "Richard Kemp. This app turns each expert's argument into explicit "
                       "assumptions about the people who would decide, then simulates thousands "
                       "of possible years to show what each argument implies: how likely nuclear "
                       "use is, how far the war escalates, and where the command chain stops an "
                       "order.",
    "about.not": "**It is not a forecast.** It is a tool to reason about arguments: if you "
                 "believe what an expert believes, this is what follows. The numbers are only as "
                 "good as the assumptions, and many of them (how often an officer refuses, for "
                 "instance) have no public data behind them.",
    "about.how": "How it works",
    "about.how_text": "Each simulated world runs week by week for a year from 21 Sep 2022. Every "
                      "week:",
    "about.step_battle": "**The battlefield** moves: Ukraine retakes ground, Russia's reservists "
                         "slow it down.",
    "about.step_leader": "**The leader** weighs his options on an escalation ladder, from "
                         "negotiating to a nuclear strike. The worse the war goes (lost ground, a "
                         "threat to Crimea, weakness at home), the more desperate he is. In some "
                         "worlds he is bluffing.",
    "about.step_chain": "**A nuclear order** has to pass every layer of the **command chain**. "
                        "Any layer may refuse: when the strike seems futile, when officers fear "
                        "the West's answer, or when the regime looks weak.",
    "about.step_others": "**The West, China and the Russian public** react: support for Ukraine, "
                         "China's support for Russia, protests that can weaken or oust the leader.",
    "about.diagram": "The command chain: an order reaches a weapon only if every layer passes it "
                     "on.",
    "about.notice": "Things to notice",
    "about.notice_1": "The experts put the brake in different places: Alexander and Alperovitch "
                      "in the leader (he is mostly bluffing), Kemp and Hodges in the officers who "
                      "may refuse. Compare them on Explore.",
    "about.notice_2": "Most worlds end without a nuclear order at all: what keeps the chance low "
                      "is usually the leader's own restraint, not refusals.",
    "about.notice_3": "Crimea changes everything: when Ukraine keeps its Kharkiv pace towards "
                      "Crimea, nuclear use comes in most worlds.",
    "about.notice_4": "Every number comes with an interval: a difference smaller than the "
                      "intervals may be chance.",
    "about.try": "Things to try",
    "about.try_intro": "Each link opens Explore with the settings already in place.",
    "about.try_layers": "One obedient layer instead of five: does anyone still stop the order?",
    "about.try_bluff": "Every leader bluffing: can the threat be ignored?",
    "about.try_crimea": "Ukraine keeps its Kharkiv pace towards Crimea.",
    "about.try_strike": "A strike that halts Ukraine's advance: the advantage Hodges and Kemp "
                        "deny.",
    "about.claims": "Where the assumptions come from",
    "about.claims_text": "Every assumption cites what an expert said, or says it is the "
                         "modeller's. The Claims page lists the quotes (in the articles' French), "
                         "how the model reads them, and checks that each expert's view reproduces "
                         "what the expert argued.",
    "about.claims_link": "Open the claims",
    "about.kemp_claims": "Kemp's claims",
    "about.hodges_claims": "Hodges's claims",
    "about.sources": "The two articles",
    "events.title": "Crises over time",
    "events.intro": "In every world, crises keep arriving after the autumn, each at its usual "
                    "rate. The ones below are scheduled: each happens in every world in its week, "
                    "on top of those.",
    "events.none": "No crisis is scheduled in this scenario: crises still arrive on their own, at "
                   "their usual rates.",
    "events.when": "{date}, week {week}",
    "events.size_value": "size {size} {unit}",
    "events.size_usual": "usual size",
    "events.remove": "Remove",
    "events.outside": "Not used while the horizon ends before their week (week {last} is the last "
                      "one):",
    "events.changed": "crises you scheduled: {n}",
    "events.add_title": "Schedule a crisis",
    "events.add_intro": "It happens in every world in the week you pick, on top of the crises "
                        "that arrive on their own; every number on this page then includes it. A "
                        "link and Compare do not carry it; the scenario download (YAML) does.",
    "events.kind": "What happens",
    "events.side": "Who starts it",
    "events.week": "When",
    "events.week_option": "week {week} · {date}",
    "events.date": "Or a date (YYYY-MM-DD, {first} to {last})",
    "events.date_help": "Leave it empty to use the week above.",
    "events.date_placeholder": "e.g. {example}",
    "events.size": "Size in {unit}, {low} to {high} (optional)",
    "events.size_help": "Leave it empty for this crisis's usual size.",
    "events.label": "Your label (optional)",
    "events.label_help": "Shown on the timeline exactly as typed (at most 200 characters).",
    "events.add": "Add to the scenario",
    "events.bad": "This crisis cannot be added. {field}: {error}",
    "events.field.kind": "What happens",
    "events.field.side": "Who starts it",
    "events.field.week": "When",
    "events.field.date": "Date",
    "events.field.size": "Size",
    "events.field.label": "Label",
    "events.field.events": "Schedule",
    "about.crises": "The war goes on after the autumn",
    "about.crises_text": "A world does not end with the autumn of 2022: it runs to the horizon "
                         "you choose (one year unless you change it, up to three), and crises "
                         "arrive over time, each at its own yearly rate. Each can push the leader "
                         "towards a nuclear step or hold him back:",
    "about.crises_only_scheduled": " — only when you schedule it",
    "about.crises_schedule": "On Explore, under Crises over time, you can schedule any of them "
                             "yourself in a week you pick: it then happens in every world, on top "
                             "of the crises that arrive on their own.",
    "format.interval": "[{low}, {high}]",
    "format.list_separator": ", ",
    "format.colon": ":",
    "format.parameter_id": "{id}",
    "format.parameter_with_id": "{label} (`{id}`)",
    "format.parameter_named": "{label} ({id})",
    "format.short_number": "{plain}",
    "format.plotly_separators": ".,",
    "common.english_passage": "{text}",
    "url.out_of_range": "{error}",
    "explore.slider_range": "`{name}` · {low}–{high} {unit} · {view}: **{shown}**",
}
"""Key -> English text of Explore, About, the common words and the formats."""
