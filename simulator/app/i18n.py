"""English and French labels for the app.

Page text, headings, parameter and outcome labels and help sentences, units, rung and
layer names, the presets' reasons, the record's questions and events, and the One world
story (``story_wording``) are translated; numbers are formatted by one set of functions
(``fmt_number``, ``fmt_percent``, ``fmt_points``, ``fmt_estimate``: '10 000', '7,6 %' in
French). The claims' paraphrases and interpretations exist only in English and are shown
as such (labelled so in French). The claims' quotes are French already: the source
articles are French.
"""

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from simulator.model.labels import LAYERS_FR, PARAMETERS  # noqa: F401 - the app's labels

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
        "url.unknown_keys": "The link sets {keys}, which this page does not use: ignored.",
        "url.whole": "expected a whole number from {low} to {high}",
        "url.number": "expected a number from {low} to {high}",
        "url.choice": "choose one of {options}",
        "url.flag": "expected true or false",
        "url.unknown_preset": "unknown preset",
        "budget.over": "This setting simulates {worlds} worlds, more than the {budget} a page "
                       "computes without asking. Press the button to run it (it may take a "
                       "while and slows the app for everyone on this server).",
        "budget.run": "Simulate {worlds} worlds",
        "runs.first_estimate": "First estimate from {first} worlds; refining to {worlds}… "
                               "The numbers below update on their own.",
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
        "url.unknown_keys": "Le lien fixe {keys}, que cette page n'utilise pas : sans effet.",
        "url.whole": "un nombre entier de {low} à {high} est attendu",
        "url.number": "un nombre de {low} à {high} est attendu",
        "url.choice": "valeurs possibles : {options}",
        "url.flag": "true ou false est attendu",
        "url.unknown_preset": "préréglage inconnu",
        "budget.over": "Ce réglage simule {worlds} mondes, plus que les {budget} qu'une page "
                       "calcule sans demander. Appuyez sur le bouton pour le lancer (cela peut "
                       "prendre du temps et ralentit l'application pour tous sur ce serveur).",
        "budget.run": "Simuler {worlds} mondes",
        "runs.first_estimate": "Première estimation sur {first} mondes ; affinage sur "
                               "{worlds}… Les chiffres ci-dessous se mettront à jour seuls.",
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
        "world.story": "Le récit",
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

# --- The student-ready pages: Explore's headline and key assumptions, the About page, the
# Claims page's sentences (one block, merged into TEXT below; keys in both languages). ---
_STUDENT_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "page.about": "About the model",
        "explore.lead": "Each simulated world is one possible year after Russia's partial "
                        "mobilisation (21 Sep 2022). Pick an expert's view in the side panel "
                        "(on a phone, open it with » at the top left) and move the key "
                        "assumptions: the answer below is the share of {runs} worlds.",
        "explore.headline_label": "Chance of nuclear use within {weeks} weeks",
        "explore.headline_help": "The share of simulated worlds in which Russia uses a "
                                 "nuclear weapon (a demonstration or a strike) before the "
                                 "horizon, with its 95% interval.",
        "explore.under_view": "Under {view}{changed}.",
        "explore.under_changed": ", with your changes",
        "explore.why_none": "**Why:** in no simulated world does the leader give a nuclear "
                            "order; his threats stay words.",
        "explore.why_leader": "**Why so {level}:** what stops it most is **the leader "
                              "himself**. In {no_order} of worlds he never gives a nuclear "
                              "order{bluffs}. When he does, the command chain refuses "
                              "{stopped} of the orders, most often at the **{layer}**.",
        "explore.why_bluffs": " ({bluffs} of worlds see nuclear threats that he never acts on)",
        "explore.why_chain": "**Why so {level}:** what stops it most is **the command chain**. "
                             "The leader gives a nuclear order in {order} of worlds, but "
                             "{stopped} of the orders are refused, most often at the "
                             "**{layer}**.",
        "explore.why_nothing": "**Why so high:** little stops it. The leader gives a nuclear "
                               "order in {order} of worlds and the command chain refuses only "
                               "{stopped} of the orders (most at the **{layer}**).",
        "explore.level_low": "low",
        "explore.level_high": "high",
        "explore.strip_title": "The same question under every expert view",
        "explore.strip_caption": "Bars: each view's chance of nuclear use ({runs} worlds, "
                                 "seed {seed}); black lines: 95% intervals. In blue, the view "
                                 "you chose; in orange, your changed setting.",
        "explore.readme_note": "Why these numbers differ a little from the README's tables: "
                               "they use 20,000 worlds and seed 2022; this page uses {runs} "
                               "worlds and seed {seed} (both under “All parameters”). "
                               "Different random draws, same model.",
        "explore.other": "Other outcomes",
        "explore.this_view": "About this view",
        "explore.compare_views": "Which view makes use least likely, and why",
        "explore.key": "Key assumptions",
        "explore.key_caption": "Hover over (?) to see what each one does and the claims "
                               "behind it.",
        "explore.analysts": "All parameters (for analysts)",
        "explore.analysts_caption": "Every parameter of the model, by actor (the key "
                                    "assumptions above are not repeated), and the number of "
                                    "worlds and the random seed.",
        "explore.preset_value": "{view}'s view: **{value}**",
        "explore.unit_weeks": "%d weeks",
        "explore.unit_layers": "%d layers",
        "explore.unit_km2": "%d km² a week",
        "key.leader.bluff_share": "Leaders who are only bluffing",
        "key.leader.bluff_share.help": "In this share of the simulated worlds the leader's "
                                       "nuclear steps stay words as long as Crimea is safe, "
                                       "though a bluff can break as he grows desperate. "
                                       "More bluffing leaders: fewer nuclear orders.",
        "key.leader.nuclear_threshold": "Crimea's red line",
        "key.leader.nuclear_threshold.help": "How far along the road to Crimea Ukraine must "
                                             "come (100% = at its approaches) before the "
                                             "leader considers nuclear options, on average: "
                                             "nobody knew his line, so it differs from world "
                                             "to world. Lower: he reaches for them sooner.",
        "key.chain.layers": "Layers that must agree",
        "key.chain.layers.help": "How many levels of officers, from the Kremlin to the weapon "
                                 "units, must each pass on a nuclear order. Any one of them "
                                 "can stop it.",
        "key.chain.base_refusal": "How willing officers are to refuse",
        "key.chain.base_refusal.help": "The chance that one officer refuses a nuclear order "
                                       "when nothing argues against it. A futile strike, fear "
                                       "of the West or a weak regime push it higher.",
        "key.west.influence": "Western reach into Russian officers",
        "key.west.influence.help": "How far Western outreach reaches individual Russian "
                                   "officers at full support: the further, the likelier they "
                                   "refuse an order.",
        "key.battlefield.momentum": "How fast Ukraine advances",
        "key.battlefield.momentum.help": "Ground Ukraine retakes each week at the start (the "
                                         "Kharkiv offensive took about 7,800 km² in a few "
                                         "weeks); the offensive then runs out of steam.",
        "key.battlefield.nuclear_effect": "What a strike changes on the battlefield",
        "key.battlefield.nuclear_effect.help": "How much a tactical nuclear strike slows "
                                               "Ukraine's advance: 0% wins nothing, 100% "
                                               "halts it.",
        "key.west.decisive_response": "How hard the West answers",
        "key.west.decisive_response.help": "The chance that the West answers a nuclear strike "
                                           "with direct military involvement rather than "
                                           "words. The leader and his officers both weigh it.",
        "key.horizon_weeks": "Time horizon",
        "key.horizon_weeks.help": "How long each simulated world runs after the mobilisation "
                                  "of 21 Sep 2022. Every chance on this page means 'within "
                                  "this many weeks'.",
        "claims.article": "{title}, *{publication}*, {date}",
        "claims.sentence_between": "Under {view}, {outcome} is {value}: between {low} and "
                                   "{high}",
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
        "about.title": "About the model",
        "about.what": "What it is",
        "about.what_text": "In late September 2022, days after Russia's partial mobilisation, "
                           "four experts told *The Sun* what they thought of Putin's nuclear "
                           "threats: Dmitri Alperovitch, Dr Colin Alexander, Lt-Gen. Ben "
                           "Hodges and Col. Richard Kemp. This app turns each expert's "
                           "argument into explicit assumptions about the people who would "
                           "decide, then simulates thousands of possible years to show what "
                           "each argument implies: how likely nuclear use is, how far the war "
                           "escalates, and where the command chain stops an order.",
        "about.not": "**It is not a forecast.** It is a tool to reason about arguments: if "
                     "you believe what an expert believes, this is what follows. The numbers "
                     "are only as good as the assumptions, and many of them (how often an "
                     "officer refuses, for instance) have no public data behind them.",
        "about.how": "How it works",
        "about.how_text": "Each simulated world runs week by week for a year from 21 Sep "
                          "2022. Every week:",
        "about.step_battle": "**The battlefield** moves: Ukraine retakes ground, Russia's "
                             "reservists slow it down.",
        "about.step_leader": "**The leader** weighs his options on an escalation ladder, from "
                             "negotiating to a nuclear strike. The worse the war goes (lost "
                             "ground, a threat to Crimea, weakness at home), the more "
                             "desperate he is. In some worlds he is bluffing.",
        "about.step_chain": "**A nuclear order** has to pass every layer of the **command "
                            "chain**. Any layer may refuse: when the strike seems futile, "
                            "when officers fear the West's answer, or when the regime looks "
                            "weak.",
        "about.step_others": "**The West, China and the Russian public** react: support for "
                             "Ukraine, China's support for Russia, protests that can weaken "
                             "or oust the leader.",
        "about.diagram": "The command chain: an order reaches a weapon only if every layer "
                         "passes it on.",
        "about.notice": "Things to notice",
        "about.notice_1": "The experts put the brake in different places: Alexander and "
                          "Alperovitch in the leader (he is mostly bluffing), Kemp and Hodges "
                          "in the officers who may refuse. Compare them on Explore.",
        "about.notice_2": "Most worlds end without a nuclear order at all: what keeps the "
                          "chance low is usually the leader's own restraint, not refusals.",
        "about.notice_3": "Crimea changes everything: when Ukraine keeps its Kharkiv pace "
                          "towards Crimea, nuclear use comes in most worlds.",
        "about.notice_4": "Every number comes with an interval: a difference smaller than the "
                          "intervals may be chance.",
        "about.try": "Things to try",
        "about.try_intro": "Each link opens Explore with the settings already in place.",
        "about.try_layers": "One obedient layer instead of five: does anyone still stop the "
                            "order?",
        "about.try_bluff": "Every leader bluffing: can the threat be ignored?",
        "about.try_crimea": "Ukraine keeps its Kharkiv pace towards Crimea.",
        "about.try_strike": "A strike that halts Ukraine's advance: the advantage Hodges and "
                            "Kemp deny.",
        "about.claims": "Where the assumptions come from",
        "about.claims_text": "Every assumption cites what an expert said, or says it is the "
                             "modeller's. The Claims page lists the quotes (in the articles' "
                             "French), how the model reads them, and checks that each "
                             "expert's view reproduces what the expert argued.",
        "about.claims_link": "Open the claims",
        "about.kemp_claims": "Kemp's claims",
        "about.hodges_claims": "Hodges's claims",
        "about.sources": "The two articles",
    },
    "fr": {
        "page.about": "À propos du modèle",
        "explore.lead": "Chaque monde simulé est une année possible après la mobilisation "
                        "partielle russe (21 sept. 2022). Choisissez le point de vue d'un "
                        "expert dans le panneau latéral (sur un téléphone, ouvrez-le avec » "
                        "en haut à gauche) et déplacez les hypothèses clés : la réponse "
                        "ci-dessous est la part de {runs} mondes.",
        "explore.headline_label": "Probabilité d'emploi nucléaire en {weeks} semaines",
        "explore.headline_help": "La part des mondes simulés où la Russie emploie une arme "
                                 "nucléaire (démonstration ou frappe) avant l'horizon, avec "
                                 "son intervalle à 95 %.",
        "explore.under_view": "Selon {view}{changed}.",
        "explore.under_changed": ", avec vos modifications",
        "explore.why_none": "**Pourquoi :** dans aucun monde simulé le dirigeant ne donne "
                            "d'ordre nucléaire ; ses menaces restent des mots.",
        "explore.why_leader": "**Pourquoi si {level} :** ce qui l'empêche le plus, c'est **le "
                              "dirigeant lui-même**. Dans {no_order} des mondes il ne donne "
                              "jamais d'ordre nucléaire{bluffs}. Quand il le fait, la chaîne "
                              "de commandement refuse {stopped} des ordres, le plus souvent "
                              "au niveau **{layer}**.",
        "explore.why_bluffs": " ({bluffs} des mondes voient des menaces nucléaires sans suite)",
        "explore.why_chain": "**Pourquoi si {level} :** ce qui l'empêche le plus, c'est **la "
                             "chaîne de commandement**. Le dirigeant donne un ordre nucléaire "
                             "dans {order} des mondes, mais {stopped} des ordres sont refusés, "
                             "le plus souvent au niveau **{layer}**.",
        "explore.why_nothing": "**Pourquoi si élevée :** peu de chose l'empêche. Le dirigeant "
                               "donne un ordre nucléaire dans {order} des mondes et la chaîne "
                               "n'en refuse que {stopped} (surtout au niveau **{layer}**).",
        "explore.level_low": "faible",
        "explore.level_high": "élevée",
        "explore.strip_title": "La même question selon chaque expert",
        "explore.strip_caption": "Barres : la probabilité d'emploi nucléaire selon chaque "
                                 "point de vue ({runs} mondes, graine {seed}) ; traits noirs : "
                                 "intervalles à 95 %. En bleu, le point de vue choisi ; en "
                                 "orange, votre réglage modifié.",
        "explore.readme_note": "Pourquoi ces chiffres diffèrent un peu des tableaux du "
                               "README : ceux-ci utilisent 20 000 mondes et la graine 2022 ; "
                               "cette page, {runs} mondes et la graine {seed} (réglables sous "
                               "« Tous les paramètres »). Autres tirages, même modèle.",
        "explore.other": "Autres résultats",
        "explore.this_view": "Ce point de vue",
        "explore.compare_views": "Quel point de vue rend l'emploi le moins probable, et "
                                 "pourquoi",
        "explore.key": "Hypothèses clés",
        "explore.key_caption": "Survolez (?) pour voir l'effet de chacune et les affirmations "
                               "qui la fondent.",
        "explore.analysts": "Tous les paramètres (pour les analystes)",
        "explore.analysts_caption": "Tous les paramètres du modèle, par acteur (sans les "
                                    "hypothèses clés ci-dessus), le nombre de mondes et la "
                                    "graine aléatoire.",
        "explore.preset_value": "Point de vue {view} : **{value}**",
        "explore.unit_weeks": "%d semaines",
        "explore.unit_layers": "%d niveaux",
        "explore.unit_km2": "%d km² par semaine",
        "key.leader.bluff_share": "Dirigeants qui ne font que bluffer",
        "key.leader.bluff_share.help": "Dans cette part des mondes simulés, les pas nucléaires "
                                       "du dirigeant restent des mots tant que la Crimée est "
                                       "sûre, même si un bluff peut céder à mesure qu'il est "
                                       "aux abois. Plus de bluff : moins d'ordres nucléaires.",
        "key.leader.nuclear_threshold": "Ligne rouge de la Crimée",
        "key.leader.nuclear_threshold.help": "Jusqu'où l'Ukraine doit avancer vers la Crimée "
                                             "(100 % = à ses portes) avant que le dirigeant "
                                             "n'envisage l'arme nucléaire, en moyenne : nul ne "
                                             "connaissait sa ligne, elle diffère donc d'un monde "
                                             "à l'autre. Plus bas : il y pense plus tôt.",
        "key.chain.layers": "Niveaux qui doivent accepter",
        "key.chain.layers.help": "Combien de niveaux d'officiers, du Kremlin aux unités "
                                 "d'armes, doivent chacun transmettre un ordre nucléaire. "
                                 "N'importe lequel peut l'arrêter.",
        "key.chain.base_refusal": "Propension des officiers à refuser",
        "key.chain.base_refusal.help": "La probabilité qu'un officier refuse un ordre "
                                       "nucléaire quand rien ne s'y oppose. Une frappe "
                                       "inutile, la peur de l'Occident ou un régime faible "
                                       "l'augmentent.",
        "key.west.influence": "Influence occidentale sur les officiers russes",
        "key.west.influence.help": "Jusqu'où les efforts occidentaux atteignent chaque "
                                   "officier russe à plein soutien : plus loin, plus il est "
                                   "enclin à refuser un ordre.",
        "key.battlefield.momentum": "Vitesse de l'avancée ukrainienne",
        "key.battlefield.momentum.help": "Le terrain que l'Ukraine reprend chaque semaine au "
                                         "départ (l'offensive de Kharkiv a pris environ "
                                         "7 800 km² en quelques semaines) ; l'offensive "
                                         "s'essouffle ensuite.",
        "key.battlefield.nuclear_effect": "Ce qu'une frappe change sur le terrain",
        "key.battlefield.nuclear_effect.help": "De combien une frappe nucléaire tactique "
                                               "freine l'avancée ukrainienne : 0 % ne gagne "
                                               "rien, 100 % l'arrête.",
        "key.west.decisive_response": "Fermeté de la riposte occidentale",
        "key.west.decisive_response.help": "La probabilité que l'Occident réponde à une "
                                           "frappe nucléaire par une implication militaire "
                                           "directe plutôt que par des mots. Le dirigeant et "
                                           "ses officiers en tiennent compte.",
        "key.horizon_weeks": "Horizon",
        "key.horizon_weeks.help": "Combien de temps dure chaque monde simulé après la "
                                  "mobilisation du 21 sept. 2022. Chaque probabilité de la "
                                  "page signifie « en ce nombre de semaines ».",
        "claims.article": "{title}, *{publication}*, {date}",
        "claims.sentence_between": "Selon {view}, {outcome} vaut {value} : entre {low} et "
                                   "{high}",
        "claims.sentence_less": "Selon {view}, {outcome} vaut {value} : moins de {bound}",
        "claims.sentence_more": "Selon {view}, {outcome} vaut {value} : plus de {bound}",
        "claims.sentence_falsifier": "sous {setting} elle vaudrait {value}",
        "claims.verdict_holds": "vérifiée",
        "claims.verdict_fails": "non vérifiée",
        "claims.verdict_falsified": "elle échoue, comme attendu",
        "claims.verdict_not_falsified": "elle tient aussi, la vérification ne distingue pas "
                                        "les points de vue",
        "claims.the_view": "le point de vue de **{view}**",
        "claims.detail": "Détails pour les analystes",
        "claims.ratio": "{outcome} rapporté à sa valeur avec {versus}",
        "claims.change": "l'écart de {outcome} quand on fixe {versus}",
        "claims.given": "{what} dans les mondes où {given}",
        "claims.times": "{x} fois",
        "claims.the_setting": "le scénario **{view}**",
        "claims.with_changes": "{view} avec {changes}",
        "claims.tested": "Ce que le modèle doit montrer",
        "claims.but": "Et",
        "about.title": "À propos du modèle",
        "about.what": "Ce que c'est",
        "about.what_text": "Fin septembre 2022, quelques jours après la mobilisation partielle "
                           "russe, quatre experts ont dit au *Sun* ce qu'ils pensaient des "
                           "menaces nucléaires de Poutine : Dmitri Alperovitch, Colin "
                           "Alexander, le général Ben Hodges et le colonel Richard Kemp. "
                           "Cette application traduit l'argument de chaque expert en "
                           "hypothèses explicites sur ceux qui décideraient, puis simule des "
                           "milliers d'années possibles pour montrer ce que chaque argument "
                           "implique : la probabilité d'un emploi nucléaire, jusqu'où la "
                           "guerre s'intensifie, et où la chaîne de commandement arrête un "
                           "ordre.",
        "about.not": "**Ce n'est pas une prévision.** C'est un outil pour raisonner sur des "
                     "arguments : si l'on croit ce que croit un expert, voici ce qui s'ensuit. "
                     "Les chiffres ne valent que ce que valent les hypothèses, et beaucoup "
                     "(la fréquence à laquelle un officier refuse, par exemple) ne reposent "
                     "sur aucune donnée publique.",
        "about.how": "Comment il fonctionne",
        "about.how_text": "Chaque monde simulé avance semaine par semaine pendant un an à "
                          "partir du 21 sept. 2022. Chaque semaine :",
        "about.step_battle": "**Le front** bouge : l'Ukraine reprend du terrain, les "
                             "réservistes russes la freinent.",
        "about.step_leader": "**Le dirigeant** pèse ses options sur une échelle d'escalade, de "
                             "la négociation à la frappe nucléaire. Plus la guerre tourne mal "
                             "(terrain perdu, menace sur la Crimée, faiblesse intérieure), plus "
                             "il est aux abois. Dans certains mondes, il bluffe.",
        "about.step_chain": "**Un ordre nucléaire** doit franchir chaque niveau de la **chaîne "
                            "de commandement**. Chaque niveau peut refuser : quand la frappe "
                            "semble inutile, quand les officiers craignent la riposte "
                            "occidentale, ou quand le régime paraît faible.",
        "about.step_others": "**L'Occident, la Chine et l'opinion russe** réagissent : soutien "
                             "à l'Ukraine, soutien chinois à la Russie, contestation qui peut "
                             "affaiblir ou renverser le dirigeant.",
        "about.diagram": "La chaîne de commandement : un ordre n'atteint une arme que si "
                         "chaque niveau le transmet.",
        "about.notice": "À remarquer",
        "about.notice_1": "Les experts placent le frein à des endroits différents : Alexander "
                          "et Alperovitch chez le dirigeant (il bluffe surtout), Kemp et "
                          "Hodges chez les officiers qui peuvent refuser. Comparez-les dans "
                          "Explorer.",
        "about.notice_2": "La plupart des mondes se terminent sans aucun ordre nucléaire : ce "
                          "qui garde la probabilité basse, c'est surtout la retenue du "
                          "dirigeant, pas les refus.",
        "about.notice_3": "La Crimée change tout : quand l'Ukraine garde le rythme de Kharkiv "
                          "vers la Crimée, l'emploi survient dans la plupart des mondes.",
        "about.notice_4": "Chaque chiffre a son intervalle : un écart plus petit que les "
                          "intervalles peut être dû au hasard.",
        "about.try": "À essayer",
        "about.try_intro": "Chaque lien ouvre Explorer avec les réglages déjà en place.",
        "about.try_layers": "Un seul niveau obéissant au lieu de cinq : quelqu'un arrête-t-il "
                            "encore l'ordre ?",
        "about.try_bluff": "Tous les dirigeants bluffent : peut-on ignorer la menace ?",
        "about.try_crimea": "L'Ukraine garde le rythme de Kharkiv vers la Crimée.",
        "about.try_strike": "Une frappe qui arrête l'avancée ukrainienne : l'avantage que "
                            "Hodges et Kemp contestent.",
        "about.claims": "D'où viennent les hypothèses",
        "about.claims_text": "Chaque hypothèse cite ce qu'a dit un expert, ou indique qu'elle "
                             "est celle du modélisateur. La page Affirmations donne les "
                             "citations, la lecture qu'en fait le modèle, et vérifie que le "
                             "point de vue de chaque expert reproduit ce qu'il a soutenu.",
        "about.claims_link": "Ouvrir les affirmations",
        "about.kemp_claims": "Les affirmations de Kemp",
        "about.hodges_claims": "Les affirmations de Hodges",
        "about.sources": "Les deux articles",
    },
}
for _language, _texts in _STUDENT_TEXT.items():
    TEXT[_language].update(_texts)

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

OUTCOME_HELP_FR = {
    "nuclear_order": "Un ordre nucléaire est donné",
    "nuclear_use": "Une arme nucléaire est employée",
    "order_blocked": "La chaîne de commandement refuse un ordre",
    "leader_ousted": "Le dirigeant est évincé",
    "nato_involved": "L'OTAN s'implique directement",
    "wider_war": "La guerre s'élargit en une guerre avec l'OTAN",
    "war_ongoing": "La guerre continue à l'horizon",
    "crimea_threatened": "La Crimée est assez menacée pour ouvrir l'option nucléaire",
    "donbass_taken": "La Russie prend le Donbass",
    "territory_km2": "Territoire repris par l'Ukraine (km²)",
    "max_rung": "Échelon le plus haut atteint",
    "nuclear_threats": "Bluffs nucléaires (rhétorique sans ordre)",
    "orders": "Ordres nucléaires donnés",
    "orders_blocked": "Ordres nucléaires refusés par la chaîne",
    "accidental_moves": "Changements d'échelon accidentels",
    "china_support": "Soutien chinois à la Russie à l'horizon",
    "west_support": "Soutien occidental à l'Ukraine à l'horizon",
}
"""French of each outcome's definition (``simulator.results.analysis.OUTCOMES``)."""

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
"""Plain words for the per-world outcomes the record's events test (``simulator.evidence.record``)."""

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



_IDS = re.compile(r"`?(?<![\w.])(" + "|".join(
    re.escape(name) for name in sorted(PARAMETERS, key=len, reverse=True) if "." in name)
    + r")(?![\w.])`?")


def plain_ids(text: str) -> str:
    """In French, raw parameter ids (``chain.layers``, in a code span or not) become names.

    In English the text is unchanged, for analysts who type the ids.
    """
    if language() != "fr":
        return text
    return _IDS.sub(lambda match: PARAMETERS[match.group(1)][1], text)


_page_run = threading.local()
"""The language fixed for the page now running in this thread (`page_language`)."""


def language() -> str:
    """The language chosen in this session ('en' until the switch says otherwise)."""
    fixed = getattr(_page_run, "language", None)
    if fixed is not None:
        return fixed
    chosen = st.session_state.get(LANGUAGE_KEY, "en")
    return chosen if chosen in LANGUAGES else "en"


@contextmanager
def page_language() -> Iterator[None]:
    """Read the language once for a page's run, once the switch is drawn.

    Explore asks for it about 1,500 times a run (every label and number), and each read of
    the session state takes its lock: a few milliseconds of every slider move.
    """
    _page_run.language = language()
    try:
        yield
    finally:
        _page_run.language = None


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


SPEAKERS_FR = {"The Sun (reporting)": "The Sun (article)"}
"""Speakers whose name carries an English word (the others are proper names)."""


def speaker(name: str) -> str:
    """A claim's speaker as shown in the current language."""
    return SPEAKERS_FR.get(name, name) if language() == "fr" else name


def outcome_help(name: str, english: str) -> str:
    """An outcome's definition in the current language (``english``: the analysis module's)."""
    return OUTCOME_HELP_FR.get(name, english) if language() == "fr" else english


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
    base, _, number_ = name.rpartition(" ")
    if number_.isdigit() and base in LAYERS_FR:  # a numbered extra layer
        return f"{LAYERS_FR[base]} {number_}"
    return LAYERS_FR.get(name, name.replace("Layer", "Niveau"))


# --- Student-ready pages (Compare, Sensitivity, One world, Calibration) and French formats --
# Added as a block of its own; the keys are merged into TEXT below.

_STUDENT_TEXT = {
    "en": {
        "compare.digest": "What differs most from {reference}",
        "compare.digest_more": "**{view}**: {outcome} is {points} points more likely than "
                               "under **{reference}** ({p} against {p_ref}).",
        "compare.digest_less": "**{view}**: {outcome} is {points} points less likely than "
                               "under **{reference}** ({p} against {p_ref}).",
        "compare.digest_same": "No outcome differs clearly from **{reference}**: every "
                               "difference is within the noise of the simulation.",
        "compare.digest_caption": "Differences are paired: both views run on the same simulated "
                                  "worlds, so a difference is the effect of the assumptions "
                                  "alone. Only differences clear of the noise of the "
                                  "simulation (their 95% interval excludes zero) are listed.",
        "compare.chart": "How much each view moves the outcomes that differ most",
        "compare.chart_axis": "Difference from {reference} (percentage points)",
        "compare.full_tables": "All outcomes, with their 95% intervals (for analysts)",
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
        "sensitivity.explain": "**How to read this.** Each bar says how much of the ups and "
                               "downs of the outcome comes from one assumption when all of "
                               "them vary at once. The *first-order* index is the share that "
                               "assumption explains on its own; the *total* index adds what it "
                               "explains together with the others (interactions), so it is "
                               "never smaller in theory. An index near 0 means the assumption "
                               "hardly matters here. Small negative values are estimation noise "
                               "(the index is estimated from a finite sample of simulated "
                               "worlds) and mean zero.",
        "sensitivity.progress": "Computing: {done} of {total} batches of worlds, about {left} "
                                "left",
        "sensitivity.progress_start": "Computing: starting…",
        "sensitivity.seconds": "{n} s",
        "sensitivity.minutes": "{n} min",
        "sensitivity.took": "Computed in {seconds}.",
        "discover.title": "What leads to it?",
        "discover.intro": "Which combinations of these assumptions make {outcome} high? The "
                          "model runs {points} settings spread over the ranges above, and "
                          "looks for the ranges where the highest half of the results "
                          "concentrates (PRIM, the method of scenario discovery).",
        "discover.run": "Find what leads to it",
        "discover.found": "{outcome} is above {threshold} mostly where:",
        "discover.at_most": "**{parameter}** is at most {value}",
        "discover.at_least": "**{parameter}** is at least {value}",
        "discover.between": "**{parameter}** is between {low} and {high}",
        "discover.nothing": "No range stands out: the high results are spread over the whole "
                            "design.",
        "discover.stats": "Inside these ranges, {density} of the settings give a result above "
                          "{threshold}; they hold {coverage} of all such settings.",
        "sensitivity.details": "Every index with its interval, and the ranges used (for "
                               "analysts)",
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
        "sensitivity.top": "**{parameter}** matters most for {outcome}: it explains about {share} "
                           "of its variation, interactions included.",
        "world.summary": "What happened in this world",
        "world.changed": "The weeks that changed something",
        "world.no_change": "No week changed anything notable in this world.",
        "world.every_week": "Every week, with the leader's odds (for analysts)",
        "world.week_axis": "Week",
        "world.heading": "World {world}: {summary}",
        "calibration.weeks": "{n} weeks",
    },
    "fr": {
        "compare.digest": "Ce qui diffère le plus de {reference}",
        "compare.digest_more": "**{view}** : {outcome} est plus probable de {points} points "
                               "que selon **{reference}** ({p} contre {p_ref}).",
        "compare.digest_less": "**{view}** : {outcome} est moins probable de {points} points "
                               "que selon **{reference}** ({p} contre {p_ref}).",
        "compare.digest_same": "Aucun résultat ne diffère nettement de **{reference}** : "
                               "chaque écart reste dans le bruit de la simulation.",
        "compare.digest_caption": "Les écarts sont appariés : les deux points de vue tournent "
                                  "sur les mêmes mondes simulés, donc un écart est l'effet des "
                                  "seules hypothèses. Seuls les écarts qui dépassent le bruit "
                                  "de la simulation (leur intervalle à 95 % exclut zéro) sont "
                                  "cités.",
        "compare.chart": "De combien chaque point de vue déplace les résultats qui diffèrent "
                         "le plus",
        "compare.chart_axis": "Écart avec {reference} (points de pourcentage)",
        "compare.full_tables": "Tous les résultats, avec leurs intervalles à 95 % (pour "
                               "approfondir)",
        "compare.points": "{value} pts",
        "compare.outcome_plain.nuclear_order": "un ordre nucléaire",
        "compare.outcome_plain.nuclear_use": "un emploi nucléaire",
        "compare.outcome_plain.order_blocked": "un ordre bloqué par la chaîne de commandement",
        "compare.outcome_plain.leader_ousted": "une éviction du dirigeant",
        "compare.outcome_plain.nato_involved": "une implication directe de l'OTAN",
        "compare.outcome_plain.wider_war": "une guerre élargie à l'OTAN",
        "compare.outcome_plain.war_ongoing": "une guerre encore en cours à la fin de l'année",
        "compare.outcome_plain.crimea_threatened": "une menace sur la Crimée",
        "compare.outcome_plain.donbass_taken": "une prise du Donbass par la Russie",
        "sensitivity.explain": "**Comment lire ceci.** Chaque barre dit quelle part des "
                               "variations du résultat vient d'une hypothèse quand toutes "
                               "varient à la fois. L'indice de *premier ordre* est la part que "
                               "cette hypothèse explique à elle seule ; l'indice *total* y "
                               "ajoute ce qu'elle explique avec les autres (interactions) : "
                               "en théorie il n'est jamais plus petit. Un indice proche de 0 "
                               "veut dire que l'hypothèse compte à peine ici. De petites "
                               "valeurs négatives sont du bruit d'estimation (l'indice est "
                               "estimé sur un échantillon fini de mondes simulés) et valent "
                               "zéro.",
        "sensitivity.progress": "Calcul : {done} lots de mondes sur {total}, encore environ "
                                "{left}",
        "sensitivity.progress_start": "Calcul : démarrage…",
        "sensitivity.seconds": "{n} s",
        "sensitivity.minutes": "{n} min",
        "sensitivity.took": "Calculé en {seconds}.",
        "discover.title": "Qu'est-ce qui y mène ?",
        "discover.intro": "Quelles combinaisons de ces hypothèses rendent {outcome} élevé ? Le "
                          "modèle calcule {points} réglages répartis sur les plages ci-dessus "
                          "et cherche les plages où se concentre la moitié la plus haute des "
                          "résultats (PRIM, la méthode de découverte de scénarios).",
        "discover.run": "Chercher ce qui y mène",
        "discover.found": "{outcome} dépasse {threshold} surtout quand :",
        "discover.at_most": "**{parameter}** vaut au plus {value}",
        "discover.at_least": "**{parameter}** vaut au moins {value}",
        "discover.between": "**{parameter}** est entre {low} et {high}",
        "discover.nothing": "Aucune plage ne se détache : les résultats élevés sont répartis "
                            "sur tout le plan.",
        "discover.stats": "Dans ces plages, {density} des réglages donnent un résultat "
                          "au-dessus de {threshold} ; elles en regroupent {coverage}.",
        "sensitivity.details": "Chaque indice avec son intervalle, et les plages utilisées "
                               "(pour approfondir)",
        "sensitivity.col.rank": "Rang",
        "sensitivity.col.parameter": "Hypothèse",
        "sensitivity.col.low": "De",
        "sensitivity.col.high": "À",
        "sensitivity.col.first_order": "Seule (premier ordre)",
        "sensitivity.col.first_order_low": "Seule : borne basse plausible",
        "sensitivity.col.first_order_high": "Seule : borne haute plausible",
        "sensitivity.col.total": "Avec interactions (total)",
        "sensitivity.col.total_low": "Avec interactions : borne basse plausible",
        "sensitivity.col.total_high": "Avec interactions : borne haute plausible",
        "sensitivity.chart_axis": "Part de la variation du résultat expliquée",
        "sensitivity.top": "L'hypothèse qui compte le plus pour {outcome} : **{parameter}**. "
                           "Elle explique environ {share} de sa variation, interactions "
                           "comprises.",
        "world.summary": "Ce qui s'est passé dans ce monde",
        "world.changed": "Les semaines qui ont changé quelque chose",
        "world.no_change": "Aucune semaine n'a rien changé de notable dans ce monde.",
        "world.every_week": "Toutes les semaines, avec les chances du dirigeant (pour "
                            "approfondir)",
        "world.week_axis": "Semaine",
        "world.heading": "Monde {world} : {summary}",
        "calibration.weeks": "{n} semaines",
    },
}
for _language in LANGUAGES:
    TEXT[_language].update(_STUDENT_TEXT[_language])

PRESET_NAMES_FR = {
    "baseline": "Référence",
    "black-sea-demonstration": "Démonstration en mer Noire",
    "crimea-offensive": "Offensive vers la Crimée",
}
"""Names of the presets without a speaker (a speaker's preset is called by his surname)."""

WHY_FR = {
    ("alexander", "leader.bluff_share"): "Les annonces sont bluff ou diversion : l'escalade "
                                         "nucléaire reste surtout verbale.",
    ("alexander", "leader.bluff_firmness"): "Un bluff ou une diversion reste verbal à mesure "
                                            "que les défaites s'accumulent ; seule une menace "
                                            "sur la Crimée y changerait quelque chose.",
    ("alexander", "domestic.initial_weakness"): "Les annonces signalent la faiblesse plutôt que "
                                                "l'autorité.",
    ("alperovitch", "leader.bluff_share"): "Il lit les menaces comme un bluff pour l'instant : "
                                           "l'escalade nucléaire est surtout rhétorique.",
    ("alperovitch", "leader.weight_crimea"): "La Crimée est la seule perte qui pourrait le "
                                             "pousser à l'emploi nucléaire.",
    ("alperovitch", "leader.face_cost"): "Il ne s'est laissé aucune issue ; reculer lui coûte "
                                         "cher.",
    ("alperovitch", "battlefield.reservist_drag"): "Les réservistes ralentissent un peu "
                                                   "l'Ukraine, sans plus.",
    ("alperovitch", "battlefield.russian_pressure"): "Des hommes sans formation envoyés par "
                                                     "petits groupes ne porteront pas "
                                                     "d'offensive russe.",
    ("alperovitch", "domestic.weakness_from_defeat"): "C'est la défaite, plus que tout ce qui "
                                                      "se passe à l'intérieur, qui a évincé les "
                                                      "dirigeants russes par le passé.",
    ("alperovitch", "domestic.ouster_weakness_rate"): "La Russie a l'habitude d'évincer les "
                                                      "dirigeants qui paraissent faibles après "
                                                      "une défaite.",
    ("black-sea-demonstration", "leader.demonstration_gain"): "Le premier pas redouté est une "
                                                              "démonstration à distance, jugée "
                                                              "presque aussi contraignante.",
    ("black-sea-demonstration", "leader.cost_demonstration"): "Une détonation au-dessus de la "
                                                              "mer coûte moins qu'une frappe, "
                                                              "mais reste très coûteuse.",
    ("black-sea-demonstration", "west.demonstration_response"): "Même une détonation à "
                                                                "distance aurait de lourdes "
                                                                "conséquences.",
    ("crimea-offensive", "battlefield.momentum"): "Environ 7 800 km² en quelques semaines, "
                                                  "rythme maintenu.",
    ("crimea-offensive", "battlefield.momentum_decay"): "L'offensive garde son rythme au lieu "
                                                        "de s'enliser.",
    ("crimea-offensive", "battlefield.south_share"): "L'effort porte vers le sud, vers la "
                                                     "Crimée.",
    ("hodges", "chain.weight_futility"): "Les officiers qui ne voient aucun gain sur le champ "
                                         "de bataille refusent bien plus volontiers.",
    ("hodges", "chain.weight_fear_west"): "L'état-major sait que les États-Unis riposteraient.",
    ("hodges", "chain.weight_regime_weakness"): "Ceux qui préparent l'après-Poutine ne "
                                                "risqueront pas tout pour lui.",
    ("hodges", "west.decisive_response"): "La riposte à un emploi serait douloureuse et "
                                          "décisive.",
    ("hodges", "west.deterrence"): "La riposte annonce d'autres suites ; le dirigeant la pèse "
                                   "avant tout emploi, pas seulement après.",
    ("hodges", "battlefield.nuclear_effect"): "Une frappe tactique n'arrêterait pas l'Ukraine.",
    ("hodges", "west.demonstration_response"): "Il parle de la riposte à tout emploi "
                                               "nucléaire, démonstration comprise.",
    ("kemp", "chain.base_refusal"): "Il est tout à fait possible que certains de ces cinq "
                                    "n'acceptent pas.",
    ("kemp", "chain.weight_western_influence"): "Le travail occidental sur certains officiers "
                                                "les rend plus enclins à refuser.",
    ("kemp", "west.influence"): "Il espère que l'Occident a atteint ces personnes.",
    ("kemp", "battlefield.nuclear_effect"): "Un emploi tactique ne changerait guère la ligne "
                                            "de front.",
    ("kemp", "china.collapse_after_use"): "Le soutien chinois, déjà déclinant, s'effondrerait "
                                          "davantage.",
}
"""French of each preset's reason for a value (``why`` in scenarios/*.yaml)."""

UNITS_FR = {
    "1/utility": "1/utilité", "desperation index": "indice de désespoir", "index": "indice",
    "index per refusal": "indice par refus", "index per wave": "indice par vague",
    "index per week": "indice par semaine", "km²": "km²", "km²/week": "km²/semaine",
    "km²/week per 100k": "km²/semaine pour 100 000", "layers": "niveaux",
    "log-odds": "log-cote", "log-sd per week": "écart-type log par semaine",
    "log-sd": "écart-type log", "exponent": "exposant",
    "orders": "ordres", "per week": "par semaine", "per year": "par an",
    "probability": "probabilité",
    "ratio": "rapport", "reservists": "réservistes", "share": "part",
    "share per 100k": "part pour 100 000", "shock index": "indice de choc",
    "support index": "indice de soutien", "threat index": "indice de menace",
    "units": "unités", "utility": "utilité", "weeks": "semaines", "weight": "poids",
    "weakness index": "indice de faiblesse",
}

OPTIONS_FR = ("désescalader", "maintenir", "escalader conventionnellement",
              "démonstration nucléaire", "frappe nucléaire tactique")
"""The leader's options (``simulator.model.agents.leader.OPTIONS``) in French."""

STORY_FR = {
    "week": "Semaine {week} ({date}) : ",
    # A no-break space keeps each number on the line of its unit.
    "territory": "L'Ukraine a repris {gain}\u00a0km² ({total}\u00a0km² depuis la mobilisation ; "
                 "menace sur la Crimée {crimea}).",
    "territory_lost": "La Russie a pris {gain}\u00a0km² (l'Ukraine a repris {total}\u00a0km² "
                      "depuis la mobilisation ; menace sur la Crimée {crimea}).",
    "wave": "Une vague de réservistes a atteint le front ({sent} envoyés jusqu'ici).",
    "crisis": "Nouvelle de la semaine : {what} (par {who}).",
    "crisis_sized": "Nouvelle de la semaine : {what} (par {who} ; {size}\u00a0{unit}).",
    "crisis_both": "Nouvelle de la semaine : {what}.",
    "ousted_peace": "Le dirigeant a été évincé ; son successeur cherche à finir la guerre.",
    "ousted_war": "Le dirigeant a été évincé ; son successeur continue la guerre.",
    "why": "désespoir {desperation} ; {odds}",
    "why_rare": "désespoir {desperation} ; {odds} ; un tirage rare",
    "odds_item": "{option} {p}",
    "bluff": "Le dirigeant a menacé d'un emploi nucléaire sans donner d'ordre : un bluff "
             "({why}).",
    "order": "Le dirigeant a ordonné une {kind} ({why}).",
    "chain_layer": "{layer} (refus {refusal})",
    "chain_used": "L'ordre a passé {passed} ; l'arme a été employée.",
    "chain_refused": "L'ordre a passé {passed} et a été refusé par : {layer} (refus "
                     "{refusal}) ; l'officier sera remplacé avant tout nouvel ordre.",
    "chain_refused_first": "L'ordre est allé à la chaîne et a été refusé par : {layer} (refus "
                           "{refusal}) ; l'officier sera remplacé avant tout nouvel ordre.",
    "conventional": "Le dirigeant a escaladé conventionnellement ({why}).",
    "deescalate": "Le dirigeant a désescaladé ({why}).",
    "hold": "Le dirigeant a maintenu sa ligne ({why}).",
    "nato": "L'Occident a riposté de façon décisive : l'OTAN est désormais directement "
            "impliquée.",
    "wider_war": "La guerre s'est élargie en une guerre avec l'OTAN.",
    "accident_up": "Sans que personne ne le décide, la guerre a monté d'un échelon.",
    "accident_down": "Sans que personne ne le décide, la guerre a descendu d'un échelon.",
    "rung": "Échelon désormais : {rung} - {label}.",
    "list_and": " et ",
    "sum_order_used": "Semaine {week} ({date}) : le dirigeant a ordonné une {kind} ; la chaîne "
                      "l'a exécutée.",
    "sum_order_refused": "Semaine {week} ({date}) : le dirigeant a ordonné une {kind} ; refus "
                         "de : {layer}.",
    "sum_bluffs": "Le dirigeant a fait {n} menace(s) nucléaire(s) sans ordre (bluffs), la "
                  "première la semaine {week} ({date}).",
    "sum_ousted_peace": "Semaine {week} ({date}) : le dirigeant a été évincé ; son successeur "
                        "a cherché à finir la guerre.",
    "sum_ousted_war": "Semaine {week} ({date}) : le dirigeant a été évincé ; son successeur a "
                      "continué la guerre.",
    "sum_nato": "Semaine {week} ({date}) : l'OTAN s'est directement impliquée.",
    "sum_wider_war": "Semaine {week} ({date}) : la guerre s'est élargie en une guerre avec "
                     "l'OTAN.",
    "sum_no_order": "Le dirigeant n'a jamais donné d'ordre nucléaire.",
    "sum_end": "À la semaine {week} ({date}), l'Ukraine avait repris {total} km² ; la guerre en "
               "était à l'échelon {rung}, {label}.",
    "sum_end_lost": "À la semaine {week} ({date}), la Russie avait pris {total} km² de plus "
                    "que l'Ukraine n'en avait repris ; la guerre en était à l'échelon {rung}, "
                    "{label}.",
}
"""The One world story in French (the keys of ``simulator.studies.story.SENTENCES``)."""

PARAMETER_HELP_FR = {
    "horizon_weeks": "Nombre de semaines simulées pour chaque monde, depuis la semaine de la "
                     "mobilisation (21 sept. 2022).",
    "leader.rationality": "À quel point le dirigeant choisit nettement sa meilleure option "
                          "(bas = erratique, haut = calculateur).",
    "leader.resolve": "À quel point le désespoir pousse le dirigeant à l'escalade, "
                      "conventionnelle ou non.",
    "leader.weight_territory": "Poids des pertes territoriales récentes dans le désespoir du "
                               "dirigeant.",
    "leader.memory_weeks": "Combien de temps une défaite pèse : les pertes plus anciennes "
                           "comptent peu dans son désespoir.",
    "leader.weight_crimea": "Poids de la menace sur la Crimée dans le désespoir du dirigeant.",
    "leader.weight_donbass": "Poids de l'objectif manqué du Donbass, son but déclaré depuis "
                             "avril 2022, dans son désespoir.",
    "leader.weight_weakness": "Poids de la faiblesse apparente à l'intérieur dans le désespoir "
                              "du dirigeant.",
    "leader.face_cost": "Ce que reculer coûte au dirigeant en prestige : il ne s'est laissé "
                        "aucune issue.",
    "leader.peace_pull": "À quel point la contestation intérieure pousse le dirigeant vers la "
                         "désescalade.",
    "leader.cost_annexation": "Ce que lui coûtent l'annexion et les menaces (échelon 3) : "
                              "presque rien, c'est de la propagande.",
    "leader.cost_infrastructure": "Ce que lui coûtent les frappes sur le réseau électrique "
                                  "ukrainien (échelon 4), au soutien occidental initial.",
    "leader.cost_cities": "Ce que lui coûte le bombardement indiscriminé des villes "
                          "(échelon 5) : il se retourne contre lui à l'étranger.",
    "leader.cost_air_force": "Ce que lui coûte l'engagement de toute l'aviation (échelon 6) : "
                             "la défense aérienne ukrainienne l'abat.",
    "leader.cost_demonstration": "Ce que lui coûte une démonstration nucléaire (p. ex. "
                                 "au-dessus de la mer Noire), avant toute riposte.",
    "leader.cost_tactical": "Ce que lui coûte une frappe tactique sur l'Ukraine, avant toute "
                            "riposte : condamnation, isolement.",
    "leader.nuclear_threshold": "Menace sur la Crimée (0 aucune, 1 l'Ukraine à ses abords) "
                                "au-delà de laquelle l'option nucléaire s'ouvre.",
    "leader.desperation_threshold": "Désespoir au-delà duquel l'option nucléaire s'ouvre même "
                                    "si la Crimée est sûre.",
    "leader.red_line_uncertainty": "De combien la ligne rouge de chaque monde peut s'écarter du "
                                   "seuil ci-dessus (dans un sens ou l'autre).",
    "leader.bluff_share": "Part des mondes où le dirigeant bluffe : ses pas nucléaires restent "
                          "verbaux tant que la Crimée est sûre, sauf si le désespoir brise le "
                          "bluff.",
    "leader.bluff_firmness": "Fermeté des bluffeurs : au désespoir d, une part d ** fermeté "
                             "d'entre eux a cédé et leurs pas nucléaires sont de vrais ordres "
                             "(élevée : presque aucun ; 1 : une part d).",
    "leader.crimea_line_spread": "Incertitude sur la ligne rouge du dirigeant en Crimée : celle "
                                 "de chaque monde est le seuil ci-dessus multiplié par un "
                                 "facteur lognormal de cet écart.",
    "leader.escalate_to_deescalate": "Ce que le dirigeant attend d'une frappe tactique : que "
                                     "l'Ukraine et l'Occident reculent.",
    "leader.demonstration_gain": "Ce que lui rapporte une démonstration, en part de ce que "
                                 "rapporterait une frappe tactique.",
    "leader.moves_left": "À quel point les options conventionnelles encore ouvertes retiennent "
                         "un pas nucléaire (à l'échelon 2 ; 0 à l'échelon 6).",
    "leader.anticipation": "À quel point un dirigeant qui s'attend au refus de la chaîne "
                           "retient l'ordre (0 = il l'ignore).",
    "leader.weight_homeland": "Poids des attaques sur la Russie elle-même (terre tenue par "
                              "l'Ukraine, frappes en profondeur) dans le désespoir du dirigeant.",
    "leader.homeland_scale_km2": "Terre russe tenue par l'Ukraine pour laquelle cette pression est "
                                 "à mi-chemin de son maximum.",
    "leader.doctrine_rate": "Changements de doctrine par an qui élargissent les motifs d'emploi "
                            "nucléaire, quand aucun n'est programmé.",
    "leader.doctrine_shift": "De combien un changement de doctrine abaisse la ligne rouge du "
                             "dirigeant.",
    "leader.talks_rate": "Cycles de pourparlers par an entre les deux camps, quand aucun n'est "
                         "programmé.",
    "leader.talks_weeks": "Combien de temps un cycle de pourparlers pousse le dirigeant vers la "
                          "désescalade.",
    "leader.talks_pull": "Ce que la désescalade lui rapporte tant que durent les pourparlers.",
    "chain.layers": "Niveaux d'officiers qui doivent chacun accepter avant l'emploi d'une arme "
                    "nucléaire.",
    "chain.base_refusal": "Chance qu'un officier type refuse quand rien ne plaide contre "
                          "l'ordre ; chaque niveau est plus ou moins disposé que cela (voir "
                          "les niveaux de la chaîne).",
    "chain.units": "Unités d'armes parallèles au dernier niveau ; il suffit qu'une obéisse.",
    "chain.weight_futility": "À quel point « quel avantage en tirons-nous ? Aucun » accroît le "
                             "refus.",
    "chain.weight_fear_west": "À quel point la crainte de la riposte occidentale accroît le "
                              "refus.",
    "chain.weight_regime_weakness": "À quel point un régime fragile (« l'après-Poutine ») "
                                    "accroît le refus.",
    "chain.weight_western_influence": "À quel point le travail occidental sur certains "
                                      "officiers accroît le refus.",
    "chain.weight_illegitimacy": "À quel point un ordre hors doctrine (aucune menace sur "
                                 "« l'intégrité territoriale ») accroît le refus.",
    "chain.demonstration_illegitimacy": "Illégitimité d'une démonstration aux yeux des "
                                        "officiers, en part de celle d'une frappe sur "
                                        "l'Ukraine.",
    "chain.purge_weeks": "Semaines pour remplacer un officier qui a refusé avant qu'un ordre "
                         "puisse être redonné.",
    "chain.purge_loyalty": "À quel point l'officier remplaçant est plus disposé que celui "
                           "qu'il remplace.",
    "chain.max_reissues": "Nombre de fois où le dirigeant redonne un ordre après un refus "
                          "avant d'y renoncer.",
    "battlefield.momentum": "Gain ukrainien hebdomadaire à la semaine 0 (Kharkiv : environ "
                            "7 800 km² en quelques semaines, puis ralentissement).",
    "battlefield.momentum_decay": "Vitesse à laquelle une offensive culmine (part de l'élan "
                                  "perdue chaque semaine).",
    "battlefield.volatility": "À quel point le sort de chaque camp varie d'une semaine à "
                              "l'autre (percées, blocages).",
    "battlefield.russian_pressure": "Terrain pris par la Russie chaque semaine pour 100 000 "
                                    "réservistes au front.",
    "battlefield.south_share": "Part des gains ukrainiens faits sur le front sud (Kherson, "
                               "Zaporijjia).",
    "battlefield.russia_held_km2": "Territoire ukrainien tenu par la Russie le 21 sept. 2022, "
                                   "Crimée exclue : le maximum que l'Ukraine peut reprendre.",
    "battlefield.wave_size": "Réservistes mobilisés envoyés au front à chaque vague.",
    "battlefield.wave_interval_weeks": "Semaines entre deux vagues de réservistes.",
    "battlefield.mobilised_total": "Total des réservistes envoyables : les 300 000 annoncés, "
                                   "dont Alperovitch doute qu'ils soient atteints.",
    "battlefield.reservist_drag": "À quel point 100 000 réservistes au front ralentissent les "
                                  "gains ukrainiens.",
    "battlefield.conventional_drag": "À quel point les frappes sur les infrastructures et les "
                                     "villes ralentissent l'Ukraine.",
    "battlefield.nuclear_effect": "À quel point une frappe nucléaire tactique ralentit les "
                                  "gains ukrainiens.",
    "battlefield.crimea_km2": "Terrain du sud que l'Ukraine doit reprendre pour se tenir aux "
                              "abords de la Crimée (menace 1).",
    "battlefield.kharkiv_losses_km2": "Terrain perdu dans les semaines avant la mobilisation, "
                                      "que le dirigeant ressent encore à la semaine 0.",
    "battlefield.territory_scale_km2": "Pertes récentes pour lesquelles le sentiment de défaite "
                                       "du dirigeant est à mi-chemin de son maximum.",
    "battlefield.donbass_remaining_km2": "Ce que l'Ukraine tenait encore des oblasts de Donetsk "
                                         "et de Louhansk en septembre 2022 : le gain net de la "
                                         "Russie doit le couvrir pour que l'objectif du Donbass "
                                         "soit atteint.",
    "battlefield.offensive_rate": "Nouvelles offensives ukrainiennes par an (de mai à octobre "
                                  "seulement), quand aucune n'est programmée.",
    "battlefield.offensive_km2": "Terrain qu'une nouvelle offensive ukrainienne prendrait à plein "
                                 "rythme avant de culminer (moyenne ; la taille de chacune varie).",
    "battlefield.russian_offensive_rate": "Nouvelles offensives russes par an (toute l'année), "
                                          "quand aucune n'est programmée.",
    "battlefield.russian_offensive_km2": "Terrain qu'une nouvelle offensive russe prendrait avant "
                                         "de culminer (moyenne).",
    "battlefield.russian_offensive_decay": "Vitesse à laquelle une offensive russe culmine (part "
                                           "de sa poussée perdue chaque semaine).",
    "battlefield.encirclement_rate": "Nombre de fois par an où une ligne russe cède et où une "
                                     "force est encerclée au sud, quand rien n'est programmé.",
    "battlefield.encirclement_km2": "Terrain que l'Ukraine prend la semaine où une ligne cède "
                                    "(moyenne), entièrement au sud.",
    "battlefield.incursion_rate": "Incursions ukrainiennes par an qui tiennent une terre russe, "
                                  "quand aucune n'est programmée.",
    "battlefield.incursion_km2": "Terre russe qu'une incursion tient au départ (moyenne).",
    "battlefield.incursion_retake": "Part de la terre russe tenue par l'Ukraine que la Russie "
                                    "reprend chaque semaine.",
    "battlefield.deep_strike_rate": "Grandes frappes ukrainiennes par an sur la Russie elle-même "
                                    "(bases, bombardiers), quand aucune n'est programmée.",
    "battlefield.deep_strike_shock": "Ce qu'une frappe en profondeur ajoute au sentiment que la "
                                     "Russie elle-même est attaquée (moyenne ; il s'estompe comme "
                                     "une défaite).",
    "battlefield.mobilisation_rate": "Nouvelles vagues de mobilisation par an, quand aucune n'est "
                                     "programmée.",
    "battlefield.mobilisation_size": "Réservistes appelés par une nouvelle mobilisation (moyenne), "
                                     "envoyés par vagues comme la première.",
    "domestic.initial_protest": "Niveau de contestation la semaine de la mobilisation (plus de "
                                "1 300 arrestations).",
    "domestic.protest_decay": "Part de la contestation qui retombe chaque semaine sans "
                              "nouvelle cause.",
    "domestic.mobilisation_discontent": "Contestation ajoutée par chaque vague de réservistes "
                                        "envoyée au front.",
    "domestic.initial_weakness": "Faiblesse perçue du dirigeant la semaine de la mobilisation.",
    "domestic.weakness_from_defeat": "À quel point la défaite sur le terrain accroît la "
                                     "fragilité du régime (éviction, officiers).",
    "domestic.weakness_from_refusal": "Faiblesse ajoutée chaque fois que la chaîne de "
                                      "commandement refuse son ordre.",
    "domestic.weakness_from_protest": "Faiblesse ajoutée par la contestation à son maximum.",
    "domestic.ouster_base_rate": "Risque hebdomadaire d'éviction du dirigeant quand il n'est "
                                 "pas du tout faible.",
    "domestic.ouster_weakness_rate": "Risque hebdomadaire d'éviction ajouté à la fragilité "
                                     "maximale (Gorbatchev, Khrouchtchev, Nicolas II).",
    "domestic.successor_ends_war": "Chance qu'un successeur cherche la paix ; sinon il continue "
                                   "la guerre.",
    "domestic.elite_crisis_rate": "Crises au sein des élites par an (une mutinerie, une rupture "
                                  "publique), quand aucune n'est programmée.",
    "domestic.elite_shock": "Faiblesse qu'une crise des élites ajoute aussitôt (moyenne ; elle "
                            "s'estompe).",
    "domestic.elite_recovery": "Part de la faiblesse due à une crise des élites dont le dirigeant "
                               "se remet chaque semaine.",
    "west.initial_support": "Soutien occidental à l'Ukraine la semaine de la mobilisation.",
    "west.backfire": "Soutien ajouté chaque semaine où la Russie bombarde des villes (cela se "
                     "retourne contre elle).",
    "west.fatigue": "Part du soutien perdue chaque semaine par lassitude et autres priorités.",
    "west.support_after_use": "Soutien ajouté par un emploi nucléaire (condamnation, sympathie "
                              "pour l'Ukraine).",
    "west.support_effect": "À quel point un soutien au-dessus de son niveau initial accélère "
                           "les gains ukrainiens.",
    "west.decisive_response": "Chance que l'Occident réponde à un emploi nucléaire tactique "
                              "par une implication militaire directe.",
    "west.demonstration_response": "La même chance après une démonstration, en part de la "
                                   "riposte à un emploi tactique.",
    "west.deterrence": "Ce que coûte au dirigeant une riposte occidentale décisive certaine ; "
                       "il la pèse par sa probabilité.",
    "west.wider_war_rate": "Risque hebdomadaire d'une guerre élargie une fois l'OTAN "
                           "directement impliquée.",
    "west.influence": "Jusqu'où l'action occidentale atteint certains officiers russes, à "
                      "soutien maximal.",
    "west.aid_rate": "Escalades de l'aide occidentale par an (nouvelles armes, autorisation de "
                     "frapper plus loin), quand aucune n'est programmée.",
    "west.aid_step": "Soutien qu'ajoute une escalade de l'aide (moyenne).",
    "china.initial_support": "Soutien chinois à la Russie la semaine de la mobilisation (déjà "
                             "en déclin).",
    "china.decline": "Part de son soutien que la Chine retire chaque semaine de guerre.",
    "china.volatility": "À quel point la position chinoise varie d'une semaine à l'autre "
                        "(sommets, déclarations).",
    "china.backlash": "Soutien que la Chine retire chaque semaine où la Russie bombarde des "
                      "villes.",
    "china.collapse_after_use": "Part du soutien chinois restant perdue après un emploi "
                                "nucléaire.",
    "china.restraint": "À quel point le risque de perdre le soutien chinois retient le "
                       "dirigeant des pas nucléaires.",
    "accidents.escalation": "Chance hebdomadaire que la guerre monte d'un échelon "
                            "conventionnel sans décision (méprise, initiative locale).",
    "accidents.deescalation": "Chance hebdomadaire que la guerre descende d'un échelon sans "
                              "décision (accalmie, trêve locale).",
}
"""French of each parameter's help sentence (``params.SCHEMA[name].help``)."""

_NARROW_SPACE = "\u202f"
"""French thousands separator and space before % (narrow no-break space)."""


def fmt_number(value: float, decimals: int = 0, sign: bool = False) -> str:
    """A number in the current language: '10,000' / '0.25' (en), '10 000' / '0,25' (fr).

    The one number format of the pages this block serves; ``sign`` adds '+' to positives.
    """
    if value != value:  # nan
        return "–"
    text = f"{value:{'+' if sign else ''},.{decimals}f}"
    if language() == "fr":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", _NARROW_SPACE)
        text = text.replace("-", "−")
    return text


def fmt_percent(p: float, decimals: int | None = None) -> str:
    """A probability as a percentage: '7.6%' (en), '7,6 %' (fr); two decimals below 1%."""
    if p != p:
        return "–"
    if decimals is None:
        decimals = 2 if 0 < abs(p) < 0.01 else 1
    text = fmt_number(100 * p, decimals)
    return text + (f"{_NARROW_SPACE}%" if language() == "fr" else "%")


def fmt_points(d: float) -> str:
    """A difference of probabilities in percentage points, signed: '+9.8 pts' / '+9,8 pts'."""
    return tr("compare.points", value=fmt_number(100 * d, 2 if abs(d) < 0.01 else 1,
                                                  sign=True))


def fmt_interval(low: str, high: str) -> str:
    """Two formatted bounds as an interval: '[1.2, 3.4]' (en), '[1,2 ; 3,4]' (fr)."""
    return f"[{low} ; {high}]" if language() == "fr" else f"[{low}, {high}]"


def fmt_estimate(name: str, estimate, probability: bool) -> str:
    """'7.1% [6.6%, 7.6%]' for a probability, '14,390 [14,253, 14,528]' for a mean."""
    if probability:
        return (f"{fmt_percent(estimate.estimate)} "
                + fmt_interval(fmt_percent(estimate.ci_low), fmt_percent(estimate.ci_high)))
    size = abs(estimate.estimate)
    decimals = 0 if size >= 100 else 1 if size >= 10 else 2
    return (f"{fmt_number(estimate.estimate, decimals)} "
            + fmt_interval(fmt_number(estimate.ci_low, decimals),
                           fmt_number(estimate.ci_high, decimals)))


def fmt_duration(seconds: float) -> str:
    """'12 s' or '3 min' (the same in both languages)."""
    if seconds < 90:
        return tr("sensitivity.seconds", n=max(1, round(seconds)))
    return tr("sensitivity.minutes", n=round(seconds / 60))


def preset_name(name: str, english: str) -> str:
    """What to call a preset (``english``: ``simulator.app.scenarios.short_name``)."""
    return PRESET_NAMES_FR.get(name, english) if language() == "fr" else english


def why(preset_name_: str, parameter_name: str, english: str) -> str:
    """A preset's reason for one of its values, in the current language."""
    if language() != "fr":
        return english
    return WHY_FR.get((preset_name_, parameter_name), english)


def unit(english: str) -> str:
    """A parameter's unit in the current language."""
    return UNITS_FR.get(english, english) if language() == "fr" else english


def parameter_help(name: str, english: str) -> str:
    """A parameter's help sentence in the current language (``english``: the schema's)."""
    return PARAMETER_HELP_FR.get(name, english) if language() == "fr" else english


def outcome_plain(name: str) -> str:
    """An outcome in words for a sentence ('nuclear use'); its label if none is written."""
    key = f"compare.outcome_plain.{name}"
    return tr(key) if key in TEXT[language()] else outcome(name)


def story_wording():
    """How the One world story is told in the current language (``simulator.studies.story``)."""
    from simulator.model import events, ladder
    from simulator.studies import story

    return story.Wording(
        sentences=STORY_FR if language() == "fr" else story.SENTENCES,
        number=lambda value, decimals=0: fmt_number(value, decimals),
        percent=lambda p: fmt_percent(p, 1 if 0 < p < 0.01 else 0),
        date=date,
        rung=lambda level: rung(level, ladder.rung_label(level)),
        layer=layer,
        option=lambda k: OPTIONS_FR[k] if language() == "fr" else story.OPTIONS[k],
        crisis=lambda kind: event_kind_words(kind, events.KINDS[kind].words),
        unit=lambda name: EVENT_UNITS_FR.get(name, name) if language() == "fr" else name,
        side=event_side,
    )


FORECAST_QUESTIONS_FR = {
    "samotsvety-2022-10": "Quelle est la probabilité que la Russie emploie une arme nucléaire "
                          "(de tout type) en Ukraine dans l'année qui vient ?",
    "samotsvety-2022-10-month": "Quelle est la probabilité que la Russie emploie une arme "
                                "nucléaire en Ukraine dans le mois qui vient ?",
    "metaculus-ukraine-detonation-2022": "Au moins une arme nucléaire explosera-t-elle en "
                                         "Ukraine avant 2023 ? (Prévision collective citée par "
                                         "Samotsvety le 3 oct. 2022 ; la question a été ouverte "
                                         "après le discours de Poutine du 21 sept.)",
    "swift-2022-10": "Une arme nucléaire explosera-t-elle en Europe comme acte d'hostilité "
                     "avant le 30 avril 2023 ?",
    "swift-2022-10-nato-enters": "Dans les 90 jours suivant un emploi nucléaire russe au cours "
                                 "des six prochains mois, un pays de l'OTAN entrera-t-il "
                                 "offensivement en Ukraine ou dans son espace aérien ?",
    "swift-2022-10-us-nuclear-strike": "Dans les 90 jours suivant un emploi nucléaire russe au "
                                       "cours des six prochains mois, les États-Unis "
                                       "frapperont-ils la Russie avec l'arme nucléaire ?",
    "us-intel-2022-autumn": "Probabilité que la Russie emploie une arme nucléaire tactique en "
                            "Ukraine, estimée autour de 5 % puis 10 % à la fin de l'été et à "
                            "l'automne 2022 avant de monter encore. Aucun horizon n'est donné "
                            "dans les récits que nous avons pu vérifier.",
    "us-intel-2022-kherson-conditional": "Probabilité que Poutine emploie des armes nucléaires "
                                         "tactiques si les forces ukrainiennes encerclent "
                                         "environ 30 000 soldats russes à Kherson.",
}
"""French of the forecasts' questions (``scenarios/record.yaml``)."""

FORECAST_WHY_FR = {
    "swift-2022-10-nato-enters": "La condition (une détonation nucléaire russe) ne s'est "
                                 "jamais produite.",
    "swift-2022-10-us-nuclear-strike": "La condition ne s'est jamais produite, et le modèle n'a "
                                       "pas de résultat pour une frappe nucléaire américaine "
                                       "sur la Russie.",
    "us-intel-2022-kherson-conditional": "La condition ne s'est jamais produite : la Russie "
                                         "s'est retirée de la rive droite de Kherson en assez "
                                         "bon ordre les 9-11 nov. 2022, sans être encerclée.",
}
"""French of why a forecast is not scored."""

EVENT_LABELS_FR = {
    "no-nuclear-use": "Aucune arme nucléaire n'a été employée, et la Russie n'a fait aucun "
                      "essai nucléaire",
    "no-known-nuclear-order": "Aucun ordre connu d'emploi de l'arme nucléaire",
    "putin-in-office": "Poutine était toujours au pouvoir (la mutinerie de Wagner a pris fin en "
                       "un jour)",
    "war-ongoing": "La guerre se poursuivait à la semaine 52",
    "donbass-not-taken": "La Russie n'a pas achevé la prise des oblasts de Donetsk et de "
                         "Louhansk",
    "no-nato-involvement": "Aucune implication militaire directe de l'OTAN",
    "energy-strikes-from-oct-2022": "La Russie a commencé une campagne de frappes sur le réseau "
                                    "électrique ukrainien le 10 oct. 2022",
    "conventional-rung-4-reached": "L'échelle conventionnelle a atteint les frappes sur les "
                                   "infrastructures critiques",
    "no-full-air-campaign": "La Russie n'a jamais mené de campagne aérienne de toute son "
                            "aviation au-dessus de l'Ukraine",
    "territory-gain-nov-2022": "L'Ukraine a regagné plusieurs milliers de km² entre le 21 sept. "
                               "et la mi-nov. 2022 (Lyman, Kherson)",
    "russian-net-gain-winter-spring": "La Russie a fait de petits gains nets pendant l'hiver et "
                                      "le printemps (Soledar, Bakhmout)",
    "territory-gain-year": "Sur l'année, l'Ukraine a gardé un gain net, presque tout entier "
                           "acquis à l'automne 2022",
    "most-gains-by-nov-2022": "L'essentiel du gain net de l'année était acquis à la mi-nov. "
                              "2022",
    "crimea-not-threatened": "Aucune avancée terrestre ukrainienne n'a atteint les abords de la "
                             "Crimée",
    "china-middle-course": "La Chine a soutenu la Russie politiquement mais s'est opposée à "
                           "l'emploi nucléaire et n'a livré aucune arme reconnue",
}
"""French of the recorded events' labels."""


def forecast_question(forecast) -> str:
    """A forecast's question in the current language."""
    if language() == "fr":
        return FORECAST_QUESTIONS_FR.get(forecast.id, forecast.question)
    return forecast.question


def forecast_why_not_scored(forecast) -> str:
    """Why a forecast is not scored, in the current language."""
    if language() == "fr":
        return FORECAST_WHY_FR.get(forecast.id, forecast.why_not_scored)
    return forecast.why_not_scored


def forecast_figure(forecast) -> str:
    """'9% (5–20%)' in the current language's number format."""
    def decimals(p: float) -> int:
        return 0 if abs(100 * p - round(100 * p)) < 1e-9 else 1

    def shown(p: float) -> str:
        return fmt_percent(p, decimals(p))

    text = shown(forecast.probability)
    if forecast.low is not None and forecast.high is not None and forecast.low != forecast.high:
        low = fmt_number(100 * forecast.low, decimals(forecast.low))
        text += f" ({low}–{shown(forecast.high)})"
    return text


def event_label(event) -> str:
    """A recorded event's label in the current language."""
    return EVENT_LABELS_FR.get(event.id, event.label) if language() == "fr" else event.label


# --- events timeline: Explore's crises over time (simulator/app/events.py) and the About page's note ---
# One block of its own, merged into TEXT here; the French of each kind of crisis beside it.

_EVENTS_TEXT = {
    "en": {
        "events.title": "Crises over time",
        "events.intro": "In every world, crises keep arriving after the autumn, each at its "
                        "usual rate. The ones below are scheduled: each happens in every world "
                        "in its week, on top of those.",
        "events.none": "No crisis is scheduled in this scenario: crises still arrive on their "
                       "own, at their usual rates.",
        "events.when": "{date}, week {week}",
        "events.size_value": "size {size} {unit}",
        "events.size_usual": "usual size",
        "events.remove": "Remove",
        "events.outside": "Not used while the horizon ends before their week (week {last} is "
                          "the last one):",
        "events.changed": "crises you scheduled: {n}",
        "events.add_title": "Schedule a crisis",
        "events.add_intro": "It happens in every world in the week you pick, on top of the "
                            "crises that arrive on their own; every number on this page then "
                            "includes it. A link and Compare do not carry it; the scenario "
                            "download (YAML) does.",
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
        "about.crises_text": "A world does not end with the autumn of 2022: it runs to the "
                             "horizon you choose (one year unless you change it, up to three), "
                             "and crises arrive over time, each at its own yearly rate. Each "
                             "can push the leader towards a nuclear step or hold him back:",
        "about.crises_only_scheduled": " — only when you schedule it",
        "about.crises_schedule": "On Explore, under Crises over time, you can schedule any of "
                                 "them yourself in a week you pick: it then happens in every "
                                 "world, on top of the crises that arrive on their own.",
    },
    "fr": {
        "events.title": "Crises au fil du temps",
        "events.intro": "Dans chaque monde, des crises continuent d'arriver après l'automne, "
                        "chacune à son rythme habituel. Celles ci-dessous sont programmées : "
                        "chacune survient dans chaque monde à sa semaine, en plus des autres.",
        "events.none": "Aucune crise n'est programmée dans ce scénario : les crises arrivent "
                       "toujours d'elles-mêmes, à leur rythme habituel.",
        "events.when": "{date}, semaine {week}",
        "events.size_value": "taille {size} {unit}",
        "events.size_usual": "taille habituelle",
        "events.remove": "Retirer",
        "events.outside": "Non prises en compte tant que l'horizon s'arrête avant leur semaine "
                          "(la semaine {last} est la dernière) :",
        "events.changed": "crises que vous avez programmées : {n}",
        "events.add_title": "Programmer une crise",
        "events.add_intro": "Elle survient dans chaque monde à la semaine choisie, en plus des "
                            "crises qui arrivent d'elles-mêmes ; tous les chiffres de cette "
                            "page en tiennent compte. Un lien et la page Comparer ne la "
                            "transmettent pas ; le scénario téléchargé (YAML), si.",
        "events.kind": "Ce qui arrive",
        "events.side": "Qui la déclenche",
        "events.week": "Quand",
        "events.week_option": "semaine {week} · {date}",
        "events.date": "Ou une date (AAAA-MM-JJ, du {first} au {last})",
        "events.date_help": "Laissez vide pour garder la semaine ci-dessus.",
        "events.date_placeholder": "p. ex. {example}",
        "events.size": "Taille en {unit}, de {low} à {high} (facultatif)",
        "events.size_help": "Laissez vide pour la taille habituelle de cette crise.",
        "events.label": "Votre libellé (facultatif)",
        "events.label_help": "Affiché sur la frise tel que vous l'avez tapé (200 caractères "
                             "au plus).",
        "events.add": "Ajouter au scénario",
        "events.bad": "Impossible d'ajouter cette crise. {field} : {error}",
        "events.field.kind": "Ce qui arrive",
        "events.field.side": "Qui la déclenche",
        "events.field.week": "Quand",
        "events.field.date": "Date",
        "events.field.size": "Taille",
        "events.field.label": "Libellé",
        "events.field.events": "Calendrier",
        "about.crises": "La guerre continue après l'automne",
        "about.crises_text": "Un monde ne s'arrête pas à l'automne 2022 : il va jusqu'à "
                             "l'horizon choisi (un an sauf si vous le changez, trois au plus), "
                             "et des crises surviennent au fil du temps, chacune à son propre "
                             "rythme annuel. Chacune peut pousser le dirigeant vers un pas "
                             "nucléaire ou l'en retenir :",
        "about.crises_only_scheduled": " — seulement si vous la programmez",
        "about.crises_schedule": "Dans Explorer, sous Crises au fil du temps, vous pouvez "
                                 "programmer vous-même chacune d'elles à la semaine choisie : "
                                 "elle survient alors dans chaque monde, en plus des crises "
                                 "qui arrivent d'elles-mêmes.",
    },
}
for _language in LANGUAGES:
    TEXT[_language].update(_EVENTS_TEXT[_language])

EVENT_KINDS_FR = {
    "offensive": "une offensive : la poussée d'un camp, qui gagne du terrain puis s'essouffle",
    "encirclement": "une ligne cède : l'Ukraine encercle une force russe dans le sud et prend "
                    "son terrain",
    "incursion": "une incursion : l'Ukraine tient des terres que la Russie dit siennes",
    "incursion_end": "la Russie reprend ses terres, en laissant à l'Ukraine la superficie "
                     "indiquée (aucune si elle est omise)",
    "deep_strike": "une frappe à longue portée sur la Russie même (bases aériennes, "
                   "raffineries, bombardiers)",
    "mobilisation": "une nouvelle vague de mobilisation : plus de réservistes, plus de "
                    "mécontentement",
    "elite_crisis": "une crise au sein des élites (une mutinerie, une rupture publique) qui "
                    "affaiblit le dirigeant",
    "western_aid": "une hausse de l'aide occidentale (nouvelles armes, permission de frapper "
                   "plus loin)",
    "doctrine": "la Russie élargit les motifs déclarés d'emploi nucléaire : sa ligne rouge "
                "s'abaisse",
    "talks": "des pourparlers entre les camps : pendant quelques semaines, la désescalade pèse "
             "davantage",
    "nuclear_signal": "rhétorique ou exercices nucléaires : une menace, pas un emploi",
    "conventional_signal": "un pas d'escalade conventionnelle (un missile à capacité "
                           "nucléaire avec une charge conventionnelle)",
}
"""French of each kind of crisis's words (``simulator.model.events.KINDS[name].words``)."""

EVENT_KIND_NAMES = {
    "offensive": ("Offensive", "Offensive"),
    "encirclement": ("A line breaks", "Une ligne cède"),
    "incursion": ("Incursion into Russia", "Incursion en Russie"),
    "incursion_end": ("Russia retakes its land", "La Russie reprend ses terres"),
    "deep_strike": ("Deep strike on Russia", "Frappe en profondeur sur la Russie"),
    "mobilisation": ("New mobilisation", "Nouvelle mobilisation"),
    "elite_crisis": ("Elite crisis", "Crise des élites"),
    "western_aid": ("More Western aid", "Aide occidentale accrue"),
    "doctrine": ("Doctrine widened", "Doctrine élargie"),
    "talks": ("Talks", "Pourparlers"),
    "nuclear_signal": ("Nuclear signal", "Signal nucléaire"),
    "conventional_signal": ("Conventional signal", "Signal conventionnel"),
}
"""A short name of each kind of crisis: the timeline's rows."""

EVENT_SIDES = {
    "ukraine": ("Ukraine", "l'Ukraine"),
    "russia": ("Russia", "la Russie"),
    "west": ("the West", "l'Occident"),
    "both": ("both sides", "les deux camps"),
}
"""Who starts a crisis, as a menu and a sentence name it."""

EVENT_BY = {
    "ukraine": ("by Ukraine", "par l'Ukraine"),
    "russia": ("by Russia", "par la Russie"),
    "west": ("by the West", "par l'Occident"),
    "both": ("by both sides", "par les deux camps"),
}

EVENT_UNITS_FR = {
    "km²": "km²",
    "shock index": "indice de choc",
    "reservists": "réservistes",
    "weakness index": "indice de faiblesse",
    "support index": "indice de soutien",
    "desperation index": "indice de désespoir",
}
"""French of the units of the crises' sizes (``simulator.model.events.Kind.unit``)."""


def event_kind_words(name: str, english: str) -> str:
    """A kind of crisis in plain words (``english``: its ``Kind.words``)."""
    return EVENT_KINDS_FR.get(name, english) if language() == "fr" else english


def event_kind_name(name: str) -> str:
    """A kind of crisis's short name (its id if none is written)."""
    return _pick(EVENT_KIND_NAMES[name]) if name in EVENT_KIND_NAMES else name


def event_side(side: str) -> str:
    """Who starts a crisis ('Ukraine', 'la Russie')."""
    return _pick(EVENT_SIDES[side]) if side in EVENT_SIDES else side


def event_by(side: str) -> str:
    """'by Ukraine' / 'par l'Ukraine'."""
    return _pick(EVENT_BY[side]) if side in EVENT_BY else side


def event_unit(english: str) -> str:
    """A crisis size's unit in the current language."""
    return EVENT_UNITS_FR.get(english, english) if language() == "fr" else english
