"""English and French labels for the app.

Modest on purpose: page text, headings, parameter and outcome labels, rung and layer
names are translated; the schema's help sentences, the claims' paraphrases and the
simulator's story sentences exist only in English and are shown as such (labelled so in
French). The claims' quotes are French already: the source articles are French.
"""

import streamlit as st

LANGUAGES = ("en", "fr")
LANGUAGE_KEY = "lang"
"""Session-state key (and URL parameter) of the language switch."""

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "app.title": "Escalation-risk simulator",
        "lang.label": "Language / Langue",
        "page.explore": "Explore",
        "page.compare": "Compare",
        "page.sensitivity": "Sensitivity",
        "page.world": "One world",
        "page.claims": "Claims",
        "page.calibration": "Calibration",
        "url.bad_value": "The link sets {setting}, which is not allowed ({reason}); "
                         "showing {fallback} instead.",
        "url.default": "the default",
        "budget.over": "This setting simulates {worlds} worlds, more than the {budget} a page "
                       "computes without asking. Press the button to run it (it may take a "
                       "while and slows the app for everyone on this server).",
        "budget.run": "Simulate {worlds} worlds",
        "error.unexpected": "Sorry, something went wrong on this page. The details are in the "
                            "server log under reference {reference}. Reload the page or "
                            "change a setting to try again.",
        "common.preset": "Expert view (preset)",
        "common.worlds": "Worlds simulated",
        "common.seed": "Seed",
        "common.seed_help": "The same seed gives every scenario the same random draws "
                            "(common random numbers), so differences come from the assumptions.",
        "common.interval": "95% interval {low} – {high}",
        "common.download": "Download",
        "common.value": "Value",
        "common.baseline": "Baseline",
        "common.parameter": "Parameter",
        "common.unit": "Unit",
        "common.why": "Why",
        "common.claims": "Claims",
        "common.paraphrase": "Paraphrase",
        "common.en_only": "",
        "common.assumption": "Modeller's assumption",
        "download.outcomes": "Outcomes (CSV)",
        "download.worlds": "Every world (CSV)",
        "download.scenario": "Scenario (YAML)",
        "explore.title": "How likely is nuclear use?",
        "explore.intro": "Each simulated world is one possible year after Russia's partial "
                         "mobilisation (21 Sep 2022). Pick an expert's view or move a slider "
                         "on the left: every number is the share of {runs} worlds, with its "
                         "95% interval.",
        "explore.reset": "Reset to preset",
        "explore.assumptions": "Assumptions, by actor",
        "explore.you_changed": "Changed from the preset: {changes}. Differences below are "
                               "paired (same worlds, same draws).",
        "explore.vs_preset": "vs preset [{low}, {high}]",
        "explore.by_view": "Nuclear use by expert view",
        "explore.by_view_caption": "Each expert's view as a preset, {runs} worlds, seed {seed}. "
                                   "Bars: 95% intervals.",
        "explore.least": "**Least likely: {view}**, P(nuclear use) {p}. Its leader gives a "
                         "nuclear order in {order} of worlds, but the command chain stops "
                         "{stopped} of the orders (baseline view: {base_stopped}).",
        "explore.why": "What {view}'s view changes, and the claims behind it",
        "explore.ladder": "Highest rung reached",
        "explore.funnel": "Where the command chain stops nuclear orders",
        "explore.funnel_caption": "All orders in all worlds and weeks: {issued} given, "
                                  "{executed} carried out. The chain stopped {stopped} of them "
                                  "(preset: {preset_stopped}).",
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
        "compare.title": "Compare views",
        "compare.intro": "Pick two or more expert views or saved settings. All run on the same "
                         "seed, so each difference from the first one is paired: the same "
                         "worlds with the same draws, a much narrower interval than two "
                         "separate batches.",
        "compare.pick": "Scenarios (first = reference)",
        "compare.pick_help": "Presets by name, or a saved setting such as "
                             "`kemp: chain.layers=4; west.influence=0.9` (type it and press "
                             "Enter).",
        "compare.need_two": "Pick at least two scenarios to compare.",
        "compare.outcomes": "Outcomes side by side",
        "compare.differences": "Paired differences from {reference}",
        "compare.descriptions": "What each scenario assumes (parameters that differ from the "
                                "baseline)",
        "compare.same_as_baseline": "Every parameter at its baseline value.",
        "compare.bad_spec": "{spec} is not a scenario: {error}",
        "compare.per_layer": "a per-layer list of values cannot be compared here; give one value",
        "compare.too_many": "The link lists {n} scenarios; Compare takes the first {cap}.",
        "sensitivity.title": "Which assumptions matter most?",
        "sensitivity.intro": "Sobol' indices split the variance of an outcome between "
                             "parameters: the first-order index is the share a parameter "
                             "explains alone, the total index adds its interactions. Each "
                             "parameter varies around the preset's value; the others stay "
                             "at the preset.",
        "sensitivity.outcome": "Outcome",
        "sensitivity.parameters": "Parameters to vary",
        "sensitivity.spread": "How far each parameter varies (share of its range, around the "
                              "preset value)",
        "sensitivity.samples": "Base samples",
        "sensitivity.runs": "Worlds per point",
        "sensitivity.cost": "About {worlds} worlds to simulate.",
        "sensitivity.run": "Compute",
        "sensitivity.need_two": "Pick at least two parameters.",
        "sensitivity.first": "First order",
        "sensitivity.total": "Total",
        "sensitivity.index": "Sobol' index",
        "sensitivity.ranges": "Ranges used",
        "world.title": "One world, week by week",
        "world.intro": "A single simulated world, replayed with its week-by-week story. World "
                       "numbers refer to the batch of {runs} worlds on this seed.",
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
        "claims.intro": "Every claim from the two articles that the model uses: the original "
                        "quote (French), a paraphrase, how the model reads it, the parameters "
                        "it informs and, where the claim says something about outcomes, "
                        "whether the model under the speaker's preset agrees.",
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
        "calibration.title": "Calibration against the October 2022 forecasts",
        "calibration.intro": "Each expert view's probability of Russian nuclear use within "
                             "52 weeks of the mobilisation, beside what forecasters said at "
                             "the time, and what happened.",
        "calibration.model": "Model presets: P(nuclear use within 52 weeks)",
        "calibration.forecasts": "Forecasts at the time",
        "calibration.outcome": "What happened: no Russian nuclear detonation (use or test) from "
                               "2022 through early 2026.",
        "calibration.likelihood": "Chance each view gave to what happened (no use within 52 "
                                  "weeks)",
        "calibration.note": "One outcome cannot confirm a probability, and hardly tells apart "
                            "views that all gave 'no use' 80% or more, as every forecast did. "
                            "It does speak against a view that gave it little: {unlikely}. The "
                            "forecasts ask slightly different questions (see each row).",
        "calibration.none": "none here",
        "calibration.source": "Source",
        "calibration.date": "Date",
        "calibration.question": "Question",
        "calibration.figure": "Forecast",
        "calibration.conditional": "Model analogue of the US conditional: P(nuclear use | "
                                   "Crimea threatened) under the baseline view: {p}. (Russia "
                                   "withdrew from Kherson on 9-11 Nov 2022, so the condition "
                                   "never arose.)",
        "calibration.forecast_label": "{who} ({made}, by {horizon})",
        "calibration.no_conditional": "Model analogue of the US conditional: no world of the "
                                      "baseline view has Crimea threatened, so P(nuclear use | "
                                      "Crimea threatened) cannot be estimated. (Russia withdrew "
                                      "from Kherson on 9-11 Nov 2022, so the condition never "
                                      "arose.)",
        "calibration.horizon": "Horizon",
        "calibration.scored": "Scored",
        "calibration.yes": "Yes",
        "calibration.not_scored": "No: {why}",
        "calibration.chart_caption": "The chart shows the {n} forecasts the model can answer "
                                     "(unconditional questions on nuclear use); their horizons "
                                     "differ, so compare each with the time profile below. The "
                                     "table lists every forecast of the time.",
        "record.title": "What happened",
        "record.intro": "The sourced record of the model's year (21 Sep 2022 – 21 Sep 2023): "
                        "{events} events the model has an outcome for. For each expert view, "
                        "the share of its {runs} worlds (seed {seed}) that agree with each "
                        "event, and with all of them at once: the probability the view gave "
                        "to the year as it happened.",
        "record.caveat": "One history is one draw. A view that gave the recorded year a low "
                         "probability is less supported by it than a view that gave it more, "
                         "not refuted: the year may simply have been one of its rarer worlds. "
                         "The record is never used to fit the model; only the forecasts of "
                         "the time are, so the events are an out-of-sample test and the "
                         "views' Brier scores on the forecast questions are not.",
        "record.ranking": "Views ranked by the probability they gave to the recorded year",
        "record.joint": "P(the recorded year)",
        "record.log_score": "Log score",
        "record.brier": "Mean Brier score on the forecast questions",
        "record.ranking_caption": "P(the recorded year): the share of worlds that agree with "
                                  "every event below at once. Log score: its natural "
                                  "logarithm (higher is better; smoothed, so a view with no "
                                  "matching world still gets a finite score). Brier score: "
                                  "the mean of (p − what happened)² over the {n} scored "
                                  "forecast questions (lower is better).",
        "record.events": "The recorded events, and each view's probability of them",
        "record.event": "Event",
        "record.mapping": "How it maps onto the model",
        "record.source": "Source",
        "record.events_caption": "Each view's column: the share of its worlds that agree with "
                                 "the event. Events the model has no outcome for (the "
                                 "annexation, New START, ...) are context only and not listed.",
        "record.scores": "The forecasters' Brier scores beside the views'",
        "record.question": "Forecast",
        "record.week": "Model week",
        "record.cut": "{week} (horizon at week {full}, cut to the model's year)",
        "record.forecaster_p": "Forecaster's p",
        "record.forecaster_brier": "Forecaster's Brier score",
        "record.mean_brier": "Mean Brier score",
        "record.scores_caption": "Each view's column: its P(nuclear use) by the question's "
                                 "horizon. Nothing happened, so each Brier score is p²; the "
                                 "last row is the mean over the questions.",
        "record.profile": "Nuclear use week by week under the baseline, with the forecasts",
        "record.profile_caption": "Line: the baseline's probability that a nuclear weapon has "
                                  "been used by the end of each week ({runs} worlds, seed "
                                  "{seed}). Markers: the scored forecasts at their horizons "
                                  "(a horizon past the model's last week is drawn there).",
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
    },
    "fr": {
        "app.title": "Simulateur de risque d'escalade",
        "lang.label": "Language / Langue",
        "page.explore": "Explorer",
        "page.compare": "Comparer",
        "page.sensitivity": "Sensibilité",
        "page.world": "Un monde",
        "page.claims": "Affirmations",
        "page.calibration": "Calibrage",
        "url.bad_value": "Le lien fixe {setting}, ce qui n'est pas permis ({reason}) ; "
                         "affichage de {fallback} à la place.",
        "url.default": "la valeur par défaut",
        "budget.over": "Ce réglage simule {worlds} mondes, plus que les {budget} qu'une page "
                       "calcule sans demander. Appuyez sur le bouton pour le lancer (cela peut "
                       "prendre du temps et ralentit l'application pour tous sur ce serveur).",
        "budget.run": "Simuler {worlds} mondes",
        "error.unexpected": "Désolé, une erreur s'est produite sur cette page. Les détails sont "
                            "dans le journal du serveur sous la référence {reference}. "
                            "Rechargez la page ou changez un réglage pour réessayer.",
        "common.preset": "Point de vue d'expert (préréglage)",
        "common.worlds": "Mondes simulés",
        "common.seed": "Graine",
        "common.seed_help": "La même graine donne à chaque scénario les mêmes tirages "
                            "aléatoires : les écarts viennent des hypothèses.",
        "common.interval": "intervalle à 95 % {low} – {high}",
        "common.download": "Télécharger",
        "common.value": "Valeur",
        "common.baseline": "Référence",
        "common.parameter": "Paramètre",
        "common.unit": "Unité",
        "common.why": "Pourquoi",
        "common.claims": "Affirmations",
        "common.paraphrase": "Paraphrase (en anglais)",
        "common.en_only": " (en anglais)",
        "common.assumption": "Hypothèse du modélisateur (en anglais)",
        "download.outcomes": "Résultats (CSV)",
        "download.worlds": "Chaque monde (CSV)",
        "download.scenario": "Scénario (YAML)",
        "explore.title": "Quelle probabilité d'emploi nucléaire ?",
        "explore.intro": "Chaque monde simulé est une année possible après la mobilisation "
                         "partielle russe (21 sept. 2022). Choisissez le point de vue d'un "
                         "expert ou déplacez un curseur à gauche : chaque nombre est une part "
                         "de {runs} mondes, avec son intervalle à 95 %.",
        "explore.reset": "Revenir au préréglage",
        "explore.assumptions": "Hypothèses, par acteur",
        "explore.you_changed": "Modifié par rapport au préréglage : {changes}. Les écarts "
                               "ci-dessous sont appariés (mêmes mondes, mêmes tirages).",
        "explore.vs_preset": "vs préréglage [{low}, {high}]",
        "explore.by_view": "Emploi nucléaire selon le point de vue",
        "explore.by_view_caption": "Le point de vue de chaque expert, {runs} mondes, graine "
                                   "{seed}. Barres : intervalles à 95 %.",
        "explore.least": "**Le moins probable : {view}**, P(emploi nucléaire) {p}. Son "
                         "dirigeant donne un ordre nucléaire dans {order} des mondes, mais la "
                         "chaîne de commandement arrête {stopped} des ordres (référence : "
                         "{base_stopped}).",
        "explore.why": "Ce que change le point de vue de {view}, et les affirmations "
                       "derrière",
        "explore.ladder": "Échelon le plus haut atteint",
        "explore.funnel": "Où la chaîne de commandement arrête les ordres nucléaires",
        "explore.funnel_caption": "Tous les ordres, tous mondes et semaines confondus : {issued} "
                                  "donnés, {executed} exécutés. La chaîne en a arrêté {stopped} "
                                  "(préréglage : {preset_stopped}).",
        "explore.no_orders": "Aucun ordre nucléaire n'a été donné dans aucun monde.",
        "explore.cumulative": "Probabilité d'emploi nucléaire à ce jour",
        "explore.fan": "Échelon au fil des semaines",
        "explore.save": "Garder pour Comparer",
        "explore.saved": "Gardés pour Comparer : {n}",
        "explore.open_compare": "Ouvrir dans Comparer",
        "view.this_setting": "Votre réglage",
        "table.view": "Point de vue",
        "table.order": "P(ordre nucléaire)",
        "table.use": "P(emploi nucléaire)",
        "table.stopped": "Ordres arrêtés par la chaîne",
        "chart.share_worlds": "Part des mondes",
        "chart.rung": "Échelon",
        "chart.rung_axis": "Échelon (noms sur l'échelle ci-dessus)",
        "chart.preset": "Préréglage",
        "chart.this_setting": "Ce réglage",
        "chart.issued": "Ordres donnés",
        "chart.refused": "refusés ici : {n}",
        "chart.executed": "Exécutés",
        "chart.median": "Médiane",
        "chart.mean": "Moyenne",
        "chart.band50": "50 % central des mondes",
        "chart.band90": "90 % central des mondes",
        "chart.probability": "Probabilité",
        "compare.title": "Comparer les points de vue",
        "compare.intro": "Choisissez au moins deux points de vue ou réglages gardés. Tous "
                         "tournent sur la même graine : chaque écart avec le premier est "
                         "apparié (mêmes mondes, mêmes tirages), d'où un intervalle bien plus "
                         "étroit.",
        "compare.pick": "Scénarios (le premier sert de référence)",
        "compare.pick_help": "Un préréglage par son nom, ou un réglage comme "
                             "`kemp: chain.layers=4; west.influence=0.9` (tapez-le puis "
                             "Entrée).",
        "compare.need_two": "Choisissez au moins deux scénarios.",
        "compare.outcomes": "Résultats côte à côte",
        "compare.differences": "Écarts appariés avec {reference}",
        "compare.descriptions": "Ce que suppose chaque scénario (paramètres différents de la "
                                "référence)",
        "compare.same_as_baseline": "Tous les paramètres à leur valeur de référence.",
        "compare.bad_spec": "{spec} n'est pas un scénario : {error}",
        "compare.per_layer": "une liste de valeurs par niveau ne peut pas être comparée ici ; "
                             "donnez une seule valeur",
        "compare.too_many": "Le lien cite {n} scénarios ; la comparaison prend les {cap} "
                            "premiers.",
        "sensitivity.title": "Quelles hypothèses comptent le plus ?",
        "sensitivity.intro": "Les indices de Sobol' répartissent la variance d'un résultat "
                             "entre les paramètres : l'indice de premier ordre est la part "
                             "qu'un paramètre explique seul, l'indice total y ajoute ses "
                             "interactions. Chaque paramètre varie autour de la valeur du "
                             "préréglage ; les autres restent fixes.",
        "sensitivity.outcome": "Résultat",
        "sensitivity.parameters": "Paramètres à faire varier",
        "sensitivity.spread": "Amplitude de variation (part de la plage, autour de la valeur "
                              "du préréglage)",
        "sensitivity.samples": "Échantillons de base",
        "sensitivity.runs": "Mondes par point",
        "sensitivity.cost": "Environ {worlds} mondes à simuler.",
        "sensitivity.run": "Calculer",
        "sensitivity.need_two": "Choisissez au moins deux paramètres.",
        "sensitivity.first": "Premier ordre",
        "sensitivity.total": "Total",
        "sensitivity.index": "Indice de Sobol'",
        "sensitivity.ranges": "Plages utilisées",
        "world.title": "Un monde, semaine après semaine",
        "world.intro": "Un seul monde simulé, rejoué avec son récit semaine par semaine. Les "
                       "numéros de monde renvoient au lot de {runs} mondes sur cette graine.",
        "world.world": "Monde",
        "world.jump_use": "Monde suivant avec emploi nucléaire",
        "world.jump_refusal": "Monde suivant où la chaîne a refusé",
        "world.none_found": "Aucun monde de ce lot ne connaît cet événement.",
        "world.rung": "Échelon au fil des semaines",
        "world.only_events": "Seulement les semaines avec événements",
        "world.summary_use": "Emploi nucléaire la semaine {week} : {kind}.",
        "world.summary_no_use": "Pas d'emploi nucléaire dans ce monde.",
        "world.summary_refused": "La chaîne a refusé {n} ordre(s).",
        "world.story": "Le récit (en anglais)",
        "claims.title": "Registre des affirmations",
        "claims.intro": "Chaque affirmation des deux articles qu'utilise le modèle : la "
                        "citation originale, une paraphrase (en anglais), la lecture qu'en "
                        "fait le modèle, les paramètres qu'elle fixe et, quand elle dit "
                        "quelque chose des résultats, si le modèle lui donne raison sous le "
                        "préréglage de l'auteur.",
        "claims.search": "Chercher dans les citations, paraphrases et paramètres",
        "claims.speakers": "Auteurs",
        "claims.all_speakers": "Tous les auteurs",
        "claims.checked_only": "Seulement les affirmations vérifiées",
        "claims.count": "{shown} affirmations sur {total}.",
        "claims.interpretation": "Lecture du modèle (en anglais)",
        "claims.informs": "Paramètres",
        "claims.check": "Vérification sous le préréglage `{preset}`",
        "claims.passed": "vérifiée",
        "claims.failed": "non vérifiée",
        "claims.no_check": "Pas de vérification : cette affirmation fixe des paramètres.",
        "claims.falsifier": "Doit échouer sous `{setting}`, la thèse contestée",
        "claims.fails_there": "échoue, comme attendu",
        "claims.holds_there": "vérifiée là aussi : la vérification ne distingue pas les thèses",
        "claims.checks_caption": "Vérifications sur {runs} mondes par scénario, graine {seed}.",
        "calibration.title": "Calibrage face aux prévisions d'octobre 2022",
        "calibration.intro": "Pour chaque point de vue, la probabilité d'un emploi nucléaire "
                             "russe dans les 52 semaines suivant la mobilisation, à côté des "
                             "prévisions de l'époque et de ce qui s'est passé.",
        "calibration.model": "Préréglages du modèle : P(emploi nucléaire en 52 semaines)",
        "calibration.forecasts": "Prévisions de l'époque",
        "calibration.outcome": "Ce qui s'est passé : aucune détonation nucléaire russe (emploi "
                               "ou essai) de 2022 au début de 2026.",
        "calibration.likelihood": "Chance que chaque point de vue donnait à ce qui s'est passé "
                                  "(pas d'emploi en 52 semaines)",
        "calibration.note": "Un seul résultat ne confirme pas une probabilité et départage à "
                            "peine des points de vue qui donnaient tous 80 % ou plus à « pas "
                            "d'emploi », comme chaque prévision. Il plaide contre un point de "
                            "vue qui lui donnait peu : {unlikely}. Les prévisions posent des "
                            "questions un peu différentes (voir chaque ligne).",
        "calibration.none": "aucun ici",
        "calibration.source": "Source",
        "calibration.date": "Date",
        "calibration.question": "Question (en anglais)",
        "calibration.figure": "Prévision",
        "calibration.conditional": "Analogue, dans le modèle, du conditionnel américain : "
                                   "P(emploi nucléaire | Crimée menacée) selon la référence : "
                                   "{p}. (La Russie s'est retirée de Kherson les 9-11 nov. "
                                   "2022 : la condition ne s'est jamais produite.)",
        "calibration.forecast_label": "{who} ({made}, d'ici le {horizon})",
        "calibration.no_conditional": "Analogue, dans le modèle, du conditionnel américain : "
                                      "aucun monde de la référence ne voit la Crimée menacée, "
                                      "P(emploi nucléaire | Crimée menacée) ne peut donc pas être "
                                      "estimée. (La Russie s'est retirée de Kherson les 9-11 nov. "
                                      "2022 : la condition ne s'est jamais produite.)",
        "calibration.horizon": "Horizon",
        "calibration.scored": "Évaluée",
        "calibration.yes": "Oui",
        "calibration.not_scored": "Non : {why} (en anglais)",
        "calibration.chart_caption": "Le graphique montre les {n} prévisions auxquelles le "
                                     "modèle sait répondre (questions sans condition sur "
                                     "l'emploi nucléaire) ; leurs horizons diffèrent, comparez "
                                     "donc chacune au profil dans le temps ci-dessous. Le "
                                     "tableau liste toutes les prévisions de l'époque.",
        "record.title": "Ce qui s'est passé",
        "record.intro": "Le relevé sourcé de l'année du modèle (21 sept. 2022 – 21 sept. "
                        "2023) : {events} événements pour lesquels le modèle a un résultat. "
                        "Pour chaque point de vue, la part de ses {runs} mondes (graine "
                        "{seed}) qui s'accordent avec chaque événement, et avec tous à la "
                        "fois : la probabilité que ce point de vue donnait à l'année telle "
                        "qu'elle s'est passée.",
        "record.caveat": "Une seule histoire n'est qu'un tirage. Un point de vue qui donnait "
                         "peu de probabilité à l'année observée en sort moins soutenu qu'un "
                         "point de vue qui lui en donnait plus, mais pas réfuté : l'année a pu "
                         "être l'un de ses mondes plus rares. Le relevé ne sert jamais à "
                         "ajuster le modèle ; seules les prévisions de l'époque y servent : "
                         "les événements sont donc un test hors échantillon, les scores de "
                         "Brier sur les questions des prévisions ne le sont pas.",
        "record.ranking": "Points de vue classés selon la probabilité donnée à l'année observée",
        "record.joint": "P(l'année observée)",
        "record.log_score": "Score logarithmique",
        "record.brier": "Score de Brier moyen sur les questions des prévisions",
        "record.ranking_caption": "P(l'année observée) : la part des mondes qui s'accordent "
                                  "avec tous les événements ci-dessous à la fois. Score "
                                  "logarithmique : son logarithme népérien (plus haut = "
                                  "mieux ; lissé, pour qu'un point de vue sans aucun monde "
                                  "conforme garde un score fini). Score de Brier : la moyenne "
                                  "de (p − ce qui s'est passé)² sur les {n} questions "
                                  "évaluées (plus bas = mieux).",
        "record.events": "Les événements observés, et leur probabilité selon chaque point de vue",
        "record.event": "Événement (en anglais)",
        "record.mapping": "Traduction dans le modèle",
        "record.source": "Source",
        "record.events_caption": "Colonne de chaque point de vue : la part de ses mondes qui "
                                 "s'accordent avec l'événement. Les événements sans résultat "
                                 "dans le modèle (l'annexion, New START, ...) ne sont que du "
                                 "contexte et ne sont pas listés.",
        "record.scores": "Les scores de Brier des prévisionnistes à côté de ceux des points de vue",
        "record.question": "Prévision",
        "record.week": "Semaine du modèle",
        "record.cut": "{week} (horizon à la semaine {full}, ramené à l'année du modèle)",
        "record.forecaster_p": "p du prévisionniste",
        "record.forecaster_brier": "Score de Brier du prévisionniste",
        "record.mean_brier": "Score de Brier moyen",
        "record.scores_caption": "Colonne de chaque point de vue : sa P(emploi nucléaire) à "
                                 "l'horizon de la question. Rien ne s'est produit, donc chaque "
                                 "score de Brier vaut p² ; la dernière ligne est la moyenne "
                                 "sur les questions.",
        "record.profile": "L'emploi nucléaire semaine après semaine selon la référence, avec "
                          "les prévisions",
        "record.profile_caption": "Courbe : la probabilité, selon la référence, qu'une arme "
                                  "nucléaire ait été employée à la fin de chaque semaine "
                                  "({runs} mondes, graine {seed}). Marqueurs : les prévisions "
                                  "évaluées, à leur horizon (un horizon au-delà de la "
                                  "dernière semaine du modèle est placé à celle-ci).",
        "record.profile_model": "Référence : P(emploi nucléaire à cette semaine)",
        "record.yes": "{what} : oui",
        "record.no": "{what} : non",
        "record.between": "{what} : de {low} à {high}",
        "record.at_least": "{what} : au moins {low}",
        "record.at_most": "{what} : au plus {high}",
        "record.compare": "{what} {op} {times}{other}",
        "record.op.<": "inférieur à",
        "record.op.<=": "au plus",
        "record.op.>": "supérieur à",
        "record.op.>=": "au moins",
        "record.times": "{times} × ",
    },
}

ACTORS = {
    "model": ("Time horizon", "Horizon"),
    "leader": ("Leader", "Dirigeant"),
    "chain": ("Command chain", "Chaîne de commandement"),
    "battlefield": ("Battlefield", "Champ de bataille"),
    "domestic": ("Domestic politics", "Politique intérieure"),
    "west": ("West", "Occident"),
    "china": ("China", "Chine"),
    "accidents": ("Accidents", "Accidents"),
}

PARAMETERS = {
    "horizon_weeks": ("Weeks simulated", "Semaines simulées"),
    "leader.rationality": ("Calculation (vs erratic)", "Calcul (plutôt qu'erratique)"),
    "leader.resolve": ("Resolve when desperate", "Détermination aux abois"),
    "leader.weight_territory": ("Weight of territory lost", "Poids du territoire perdu"),
    "leader.memory_weeks": ("How long a defeat stings (weeks)",
                            "Combien de temps une défaite pèse (semaines)"),
    "leader.weight_crimea": ("Weight of the threat to Crimea", "Poids de la menace sur la Crimée"),
    "leader.weight_donbass": ("Weight of failing in the Donbass",
                              "Poids de l'échec dans le Donbass"),
    "leader.weight_weakness": ("Weight of looking weak at home",
                               "Poids de la faiblesse intérieure"),
    "leader.face_cost": ("Cost of backing down", "Coût d'un recul"),
    "leader.peace_pull": ("Pull of protests towards peace",
                          "Attrait de la paix sous la contestation"),
    "leader.cost_annexation": ("Cost of annexing and threatening",
                               "Coût de l'annexion et des menaces"),
    "leader.cost_infrastructure": ("Cost of striking the power grid",
                                   "Coût des frappes sur le réseau électrique"),
    "leader.cost_cities": ("Cost of bombing cities", "Coût du bombardement des villes"),
    "leader.cost_air_force": ("Cost of sending the whole air force",
                              "Coût de l'engagement de toute l'aviation"),
    "leader.cost_demonstration": ("Cost of a nuclear demonstration",
                                  "Coût d'une démonstration nucléaire"),
    "leader.cost_tactical": ("Cost of a tactical nuclear strike",
                             "Coût d'une frappe nucléaire tactique"),
    "leader.nuclear_threshold": ("Crimea threat that opens nuclear options",
                                 "Menace sur la Crimée qui ouvre l'option nucléaire"),
    "leader.desperation_threshold": ("Desperation that opens nuclear options",
                                     "Désespoir qui ouvre l'option nucléaire"),
    "leader.red_line_uncertainty": ("How uncertain his red line is",
                                    "Incertitude sur sa ligne rouge"),
    "leader.bluff_share": ("Share of nuclear steps that are bluff",
                           "Part de bluff dans les pas nucléaires"),
    "leader.escalate_to_deescalate": ("Belief in 'escalate to de-escalate'",
                                      "Croyance en « escalader pour désescalader »"),
    "leader.demonstration_gain": ("What a demonstration wins (share of a strike's)",
                                  "Gain d'une démonstration (part de celui d'une frappe)"),
    "leader.moves_left": ("Holding back while conventional moves remain",
                          "Retenue tant qu'il reste des options conventionnelles"),
    "leader.anticipation": ("Holding back when the chain may refuse",
                            "Retenue quand la chaîne peut refuser"),
    "chain.layers": ("Layers that must agree", "Niveaux qui doivent accepter"),
    "chain.base_refusal": ("Each layer's baseline refusal", "Refus de base de chaque niveau"),
    "chain.units": ("Parallel units at the last layer", "Unités parallèles au dernier niveau"),
    "chain.weight_futility": ("Refusal from futility ('no advantage')",
                              "Refus par futilité (« aucun avantage »)"),
    "chain.weight_fear_west": ("Refusal from fear of the West",
                               "Refus par crainte de l'Occident"),
    "chain.weight_regime_weakness": ("Refusal from the regime's weakness",
                                     "Refus par faiblesse du régime"),
    "chain.weight_western_influence": ("Refusal from Western influence",
                                       "Refus par influence occidentale"),
    "chain.weight_illegitimacy": ("Refusal of an order outside doctrine",
                                  "Refus d'un ordre hors doctrine"),
    "chain.demonstration_illegitimacy": ("How illegitimate a demonstration looks (share)",
                                         "Illégitimité d'une démonstration (part)"),
    "chain.purge_weeks": ("Weeks to replace a refusing officer",
                          "Semaines pour remplacer un officier"),
    "chain.purge_loyalty": ("Extra loyalty of a replacement officer",
                            "Loyauté accrue de l'officier remplaçant"),
    "chain.max_reissues": ("Orders given again after a refusal",
                           "Ordres redonnés après un refus"),
    "battlefield.momentum": ("Ukraine's weekly gain at the start",
                             "Gain ukrainien hebdomadaire au départ"),
    "battlefield.momentum_decay": ("Loss of offensive steam", "Essoufflement de l'offensive"),
    "battlefield.volatility": ("Week-to-week swings", "Variations d'une semaine à l'autre"),
    "battlefield.russian_pressure": ("Russian gains per 100,000 reservists",
                                     "Gains russes pour 100 000 réservistes"),
    "battlefield.south_share": ("Share of Ukraine's gains in the south",
                                "Part des gains ukrainiens au sud"),
    "battlefield.russia_held_km2": ("Ukrainian land Russia held at the start",
                                    "Territoire ukrainien tenu par la Russie au départ"),
    "battlefield.wave_size": ("Reservists per wave", "Réservistes par vague"),
    "battlefield.wave_interval_weeks": ("Weeks between waves", "Semaines entre deux vagues"),
    "battlefield.mobilised_total": ("Reservists available in all",
                                    "Réservistes disponibles au total"),
    "battlefield.reservist_drag": ("Slowdown from reservists", "Freinage par les réservistes"),
    "battlefield.conventional_drag": ("Slowdown from conventional escalation",
                                      "Freinage par l'escalade conventionnelle"),
    "battlefield.nuclear_effect": ("Slowdown from a tactical strike",
                                   "Freinage par une frappe tactique"),
    "battlefield.crimea_km2": ("Territory to retake to reach Crimea",
                               "Territoire à reprendre jusqu'à la Crimée"),
    "battlefield.kharkiv_losses_km2": ("Kharkiv losses still felt at the start",
                                       "Pertes de Kharkiv encore ressenties au départ"),
    "battlefield.territory_scale_km2": ("Losses felt as defeat",
                                        "Pertes ressenties comme une défaite"),
    "battlefield.donbass_capture_rate": ("Weekly chance of taking the Donbass",
                                         "Chance hebdomadaire de prendre le Donbass"),
    "domestic.initial_protest": ("Protest at the start", "Contestation au départ"),
    "domestic.protest_decay": ("Fading of protest", "Reflux de la contestation"),
    "domestic.mobilisation_discontent": ("Discontent per wave", "Mécontentement par vague"),
    "domestic.initial_weakness": ("Leader's weakness at the start",
                                  "Faiblesse du dirigeant au départ"),
    "domestic.weakness_from_defeat": ("Weakness from defeat", "Faiblesse due à la défaite"),
    "domestic.weakness_from_refusal": ("Weakness from each refusal",
                                       "Faiblesse due à chaque refus"),
    "domestic.weakness_from_protest": ("Weakness from protest",
                                       "Faiblesse due à la contestation"),
    "domestic.ouster_base_rate": ("Baseline ouster hazard", "Risque d'éviction de base"),
    "domestic.ouster_weakness_rate": ("Extra ouster hazard when weak",
                                      "Risque d'éviction ajouté par la faiblesse"),
    "domestic.successor_ends_war": ("Chance a successor seeks peace",
                                    "Chance qu'un successeur cherche la paix"),
    "west.initial_support": ("Western support at the start", "Soutien occidental au départ"),
    "west.backfire": ("Support gained from city bombing",
                      "Soutien gagné par les bombardements"),
    "west.fatigue": ("Weekly fading of Western support",
                     "Érosion hebdomadaire du soutien occidental"),
    "west.support_after_use": ("Support gained after nuclear use",
                               "Soutien gagné après un emploi nucléaire"),
    "west.support_effect": ("Effect of support on Ukraine's gains",
                            "Effet du soutien sur les gains ukrainiens"),
    "west.decisive_response": ("Chance of a decisive response", "Chance d'une riposte décisive"),
    "west.demonstration_response": ("Response to a demonstration (share)",
                                     "Riposte à une démonstration (part)"),
    "west.wider_war_rate": ("Weekly risk of a wider war", "Risque hebdomadaire de guerre élargie"),
    "west.influence": ("Western reach into Russian officers",
                       "Influence occidentale sur les officiers"),
    "west.deterrence": ("Deterrence after a response", "Dissuasion après une riposte"),
    "china.initial_support": ("China's support at the start", "Soutien chinois au départ"),
    "china.decline": ("Weekly decline of China's support",
                      "Déclin hebdomadaire du soutien chinois"),
    "china.volatility": ("Week-to-week swings in China's stance",
                         "Variations de la position chinoise d'une semaine à l'autre"),
    "china.backlash": ("Support China withdraws over city bombing",
                       "Soutien retiré par la Chine face aux bombardements des villes"),
    "china.collapse_after_use": ("Support lost after nuclear use",
                                 "Soutien perdu après un emploi nucléaire"),
    "china.restraint": ("Restraint for fear of losing China",
                        "Retenue par crainte de perdre la Chine"),
    "accidents.escalation": ("Accidental escalation", "Escalade accidentelle"),
    "accidents.deescalation": ("Accidental de-escalation", "Désescalade accidentelle"),
}

OUTCOMES = {
    "nuclear_order": ("P(nuclear order)", "P(ordre nucléaire)"),
    "nuclear_use": ("P(nuclear use)", "P(emploi nucléaire)"),
    "order_blocked": ("P(blocked by the chain)", "P(bloqué par la chaîne)"),
    "leader_ousted": ("P(leader ousted)", "P(dirigeant évincé)"),
    "nato_involved": ("P(NATO involvement)", "P(implication de l'OTAN)"),
    "wider_war": ("P(wider war with NATO)", "P(guerre élargie à l'OTAN)"),
    "war_ongoing": ("P(war still on at the horizon)", "P(guerre en cours à l'horizon)"),
    "crimea_threatened": ("P(Crimea threatened)", "P(Crimée menacée)"),
    "donbass_taken": ("P(Russia takes the Donbass)", "P(la Russie prend le Donbass)"),
    "territory_km2": ("Territory retaken by Ukraine (km²)",
                      "Territoire repris par l'Ukraine (km²)"),
    "max_rung": ("Highest rung reached", "Échelon le plus haut atteint"),
    "nuclear_threats": ("Nuclear bluffs (threats without an order)",
                        "Bluffs nucléaires (menaces sans ordre)"),
    "orders": ("Nuclear orders given", "Ordres nucléaires donnés"),
    "orders_blocked": ("Nuclear orders refused by the chain",
                       "Ordres nucléaires refusés par la chaîne"),
    "accidental_moves": ("Accidental rung changes", "Changements d'échelon accidentels"),
    "china_support": ("China's support for Russia at the horizon",
                      "Soutien chinois à la Russie à l'horizon"),
    "west_support": ("Western support for Ukraine at the horizon",
                     "Soutien occidental à l'Ukraine à l'horizon"),
}

RECORD_COLUMNS = {
    "nuclear_use": ("A nuclear weapon is used", "Une arme nucléaire est employée"),
    "nuclear_order": ("A nuclear order is given", "Un ordre nucléaire est donné"),
    "leader_ousted": ("The leader is ousted", "Le dirigeant est évincé"),
    "war_ongoing": ("The war is still on at week 52", "La guerre continue à la semaine 52"),
    "donbass_taken": ("Russia takes the Donbass", "La Russie prend le Donbass"),
    "nato_involved": ("NATO becomes directly involved", "L'OTAN s'implique directement"),
    "crimea_threatened": ("Crimea is threatened by a land advance",
                          "La Crimée est menacée par une avancée terrestre"),
    "infrastructure_week": ("Week of the first strikes on critical infrastructure",
                            "Semaine des premières frappes sur les infrastructures critiques"),
    "max_conventional_rung": ("Highest conventional rung reached",
                              "Échelon conventionnel le plus haut atteint"),
    "territory_km2": ("Land Ukraine retakes in the year (km²)",
                      "Territoire repris par l'Ukraine dans l'année (km²)"),
    "territory_nov2022_km2": ("Land Ukraine retakes by mid-Nov 2022 (km²)",
                              "Territoire repris par l'Ukraine à la mi-nov. 2022 (km²)"),
    "territory_may2023_km2": ("Land Ukraine retakes by late May 2023 (km²)",
                              "Territoire repris par l'Ukraine fin mai 2023 (km²)"),
    "china_support": ("China's support for Russia at week 52 (0 to 1)",
                      "Soutien chinois à la Russie à la semaine 52 (de 0 à 1)"),
}
"""Plain words for the per-world outcomes the record's events test (``simulator.record``)."""

MONTHS_FR = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
             "oct.", "nov.", "déc.")

RUNGS = (
    "Négociation / désescalade",
    "Guerre conventionnelle",
    "Mobilisation partielle",
    "Annexion et rhétorique nucléaire",
    "Frappes sur les infrastructures critiques",
    "Bombardement indiscriminé des villes",
    "Raids de toute l'aviation",
    "Démonstration nucléaire (p. ex. au-dessus de la mer Noire)",
    "Emploi nucléaire tactique",
    "Guerre élargie avec l'OTAN",
)

EVENTS = {
    "order": ("Nuclear order", "Ordre nucléaire"),
    "refused": ("Order refused", "Ordre refusé"),
    "use": ("Nuclear use", "Emploi nucléaire"),
    "ousted": ("Leader ousted", "Dirigeant évincé"),
    "nato": ("NATO involved", "OTAN impliquée"),
}

LAYERS_FR = {
    "Cheget holders (Kremlin)": "Détenteurs du Cheget (Kremlin)",
    "General Staff (Gerasimov)": "État-major général (Guerassimov)",
    "Warhead release (12th Main Directorate)": "Remise des ogives (12e direction principale)",
    "Theatre command": "Commandement de théâtre",
    "Weapon units": "Unités d'armes",
}


def language() -> str:
    """The language chosen in this session ('en' until the switch says otherwise)."""
    chosen = st.session_state.get(LANGUAGE_KEY, "en")
    return chosen if chosen in LANGUAGES else "en"


def _pick(pair: tuple[str, str]) -> str:
    return pair[LANGUAGES.index(language())]


def tr(key: str, /, **values) -> str:
    """The UI text ``key`` in the current language, formatted with ``values``."""
    return TEXT[language()][key].format(**values)


def actor(name: str) -> str:
    """The name of an actor group of sliders."""
    return _pick(ACTORS[name]) if name in ACTORS else name


def parameter(name: str) -> str:
    """A short plain-words label for a parameter (its dotted name if none is written yet)."""
    return _pick(PARAMETERS[name]) if name in PARAMETERS else name


def outcome(name: str) -> str:
    """A short label for an outcome, e.g. 'P(nuclear use)'."""
    return _pick(OUTCOMES[name]) if name in OUTCOMES else name


def record_column(name: str) -> str:
    """Plain words for a per-world outcome a recorded event tests (its name if none)."""
    return _pick(RECORD_COLUMNS[name]) if name in RECORD_COLUMNS else name


def date(day) -> str:
    """A date as '3 Oct 2022' (English) or '3 oct. 2022' (French)."""
    if language() == "fr":
        return f"{day.day} {MONTHS_FR[day.month - 1]} {day.year}"
    return f"{day.day} {day:%b %Y}"


def number(value: float) -> str:
    """A number with thousands separators, in the current language's style."""
    text = f"{value:,g}" if abs(value) < 1e6 else f"{value:,.0f}"
    if language() == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def event(name: str) -> str:
    """A story event's name (the tags of ``story.Week.events``)."""
    return _pick(EVENTS[name]) if name in EVENTS else name


def rung(level: int, english: str) -> str:
    """A rung's label: ``english`` (from the ladder) or its French translation."""
    return RUNGS[level] if language() == "fr" and level < len(RUNGS) else english


def layer(name: str) -> str:
    """A command layer's name; generic 'Layer k' names become 'Niveau k' in French."""
    if language() != "fr":
        return name
    return LAYERS_FR.get(name, name.replace("Layer", "Niveau"))
