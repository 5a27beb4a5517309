"""English and French texts of Workshop mode, for the pages, the charts and the report.

No Streamlit here: the report and the charts are built with an explicit language (``lang``),
so they can be made outside a page run (a download button's callback) without touching a
session. The pages call ``simulator.app.workshop_text.wt``, which passes the session's language.
Participant names and the facilitator's titles never go through these templates into
Markdown: the pages show them with `st.text`, tables or escaped.
"""

from simulator.workshop.labels import language

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "section": "Workshop",
        "page": "Workshop room",
        "title": "Workshop",
        "intro": "A facilitator runs rounds with a room of participants on their own laptops. "
                 "Each participant first writes their own forecast, then sets the model's "
                 "assumptions; the facilitator reveals everyone's model results side by side, "
                 "all run on the same simulated worlds.",
        "tab_join": "Join a room",
        "tab_create": "Create a room (facilitator)",
        "tab_open": "Open my room (facilitator)",
        "code": "Join code",
        "code_help": "Eight letters and digits, shown on the facilitator's screen.",
        "join_code_button": "Go to the room",
        "room_title": "Title of the session",
        "room_title_default": "Nuclear escalation, autumn 2022",
        "allowed": "Assumptions participants may change",
        "allowed_help": "Each becomes a slider on the participants' page. Every other "
                        "parameter stays at the preset's value (or your injects).",
        "create_button": "Create the room",
        "need_allowed": "Choose at least one assumption for participants to change.",
        "key": "Facilitator key",
        "open_button": "Open as facilitator",
        "no_room": "No room has the code {code}: check it, or ask the facilitator for the "
                   "link.",
        "wrong_key": "That is not the facilitator key of room {code}.",
        "bad_view": "The link sets view={value}, which is not allowed (choose board or "
                    "facilitate); showing the participant page instead.",
        "key_expander": "Facilitator key of room {code}: shown once, not for the projector",
        "key_once": "Write this key down or save it: after a reload, the room's controls ask "
                    "for it, and it cannot be shown again.",
        "key_download": "Save the key as a text file",
        "key_hide": "I have saved it: hide the key",
        "enter_key": "The controls of room {code} need its facilitator key (shown once when "
                     "the room was created). The board below is read-only.",
        "join_at": "Join at",
        "loopback": "This link only works on this machine ({host}). For laptops on the room "
                    "network, start the app with `make app ADDRESS=0.0.0.0` and open it at "
                    "http://{ip}:{port}/workshop (docs/WORKSHOP.md, Running a workshop).",
        "round": "Round {n}",
        "status_open": "open: participants are answering",
        "status_locked": "locked: no more answers",
        "status_revealed": "revealed",
        "setting": "Setting of round {n}: the {preset} preset{changes}.",
        "setting_changes": ", with {changes}",
        "setting_event": "in week {week}: {what}",
        "answers": "Answers in round {n}",
        "answers_value": "{answered} of {joined}",
        "answers_help": "Participants who answered in this round, of those who joined the "
                        "room. Updated every few seconds.",
        "lock": "Lock the round",
        "lock_help": "No more answers; results stay hidden until you reveal them.",
        "reveal": "Lock and reveal",
        "reveal_help": "Runs every participant's scenario on the same worlds and shows the "
                       "results (about 0.25 s per scenario).",
        "revealing": "Running up to {n} scenarios on the same {runs} worlds…",
        "revealed_in": "Revealed: {n} scenarios in {seconds:.1f} s.",
        "moved_on": "Round {current} is already under way; this button was for round {shown} "
                    "(another tab or a late click?), so nothing was changed.",
        "next_heading": "Start round {n}",
        "next_needs_reveal": "Reveal this round first: the next round starts from its setting.",
        "inject_params": "Inject: parameters to change for everyone (optional)",
        "inject_value": "{param} (now {value})",
        "announcement_input": "Announcement",
        "announcement_placeholder": "e.g. Ukraine reaches the Crimean isthmus.",
        "next_button": "Start round {n}",
        "download_csv": "Room data (CSV)",
        "download_html": "Report (HTML)",
        "download_html_help": "One file with the charts, for the debrief; opens offline.",
        "open_board": "Projector board",
        "open_board_help": "The board alone, read-only: its link needs no key.",
        "board_link": "Board link",
        "waiting": "Results appear here when the facilitator reveals the round.",
        "results_heading": "Round {n}: results",
        "last_revealed": "Results of round {n}, the last revealed",
        "no_answers": "Nobody answered in round {n}.",
        "m_median_forecast": "Median forecast",
        "m_median_model": "Median model",
        "m_base": "Base scenario",
        "m_spread": "Model range",
        "vs_heading": "Model results vs own forecasts: P(nuclear use within {weeks} weeks)",
        "vs_caption": "Diamonds: each participant's own forecast, written before moving the "
                      "sliders. Dots: the model with their assumptions, {runs} worlds on seed "
                      "{seed}, the same worlds for everyone, with 95% intervals. Dashed lines: "
                      "the group's medians. Squares: forecasts published at the time.",
        "c_forecast": "Own forecast",
        "c_model": "Model with their assumptions",
        "c_median": "Group median",
        "c_base": "Base scenario ({preset})",
        "c_reference": "Published forecasts",
        "c_axis": "P(nuclear use)",
        "effects_heading": "Which assumptions moved the result most",
        "effects_caption": "Each bar: the base scenario with only this assumption set to the "
                           "group's median value, minus the base, on the same {runs} worlds "
                           "(paired difference, 95% interval). Grey line: the same at the "
                           "group's 10th and 90th percentile values. One assumption at a time: "
                           "effects of several together need not add up.",
        "effects_none": "No assumption moved: everyone (at least from the 10th to the 90th "
                        "percentile) kept the base values.",
        "unmoved": "Kept at the base value by the group (10th to 90th percentile): {names}.",
        "c_effect_axis": "Change in P(nuclear use) from the base, percentage points",
        "c_at_median": "At the group's median value",
        "c_group_range": "At the group's 10th and 90th percentile values",
        "t_name": "Participant",
        "t_forecast": "Own forecast",
        "t_model": "Model",
        "t_interval": "95% interval",
        "t_difference": "Model vs base (paired)",
        "t_guess": "Layer they expect to refuse",
        "t_model_layer": "Layer refusing most often (model)",
        "t_changes": "Assumptions changed",
        "t_parameter": "Assumption",
        "t_base_value": "Base value",
        "t_median_value": "Group median",
        "t_range": "Group 10th – 90th percentile",
        "t_effect": "Effect at the median",
        "t_effect_range": "Effect at 10th / 90th",
        "calibration_heading": "Against the forecasts of the time",
        "reference_line": "{label}: {figure}. {question}",
        "outcome": "What happened: no Russian nuclear detonation (use or test) from 2022 "
                   "through early 2026. One outcome cannot confirm a probability.",
        "not_simulated": "Not simulated: {name} ({error})",
        "name": "Your name, as the board will show it",
        "join_button": "Join the room",
        "joined_as": "You are {name} in room {code}.",
        "bad_token": "This link's participant token is not known in room {code}: join again "
                     "below.",
        "step1": "1. Your own forecast, before touching the model",
        "forecast": "Probability of Russian nuclear use within {weeks} weeks, in %",
        "forecast_help": "Your own judgement, 0 to 100. Write it before setting the "
                         "assumptions below: the board compares the two.",
        "refusing": "Which layer of the command chain would refuse first? (optional)",
        "no_guess": "No guess",
        "step2": "2. Your assumptions",
        "step2_caption": "Set the model's assumptions as you see them. Results stay hidden "
                         "until the facilitator reveals everyone's.",
        "submit": "Submit",
        "update": "Update my answer",
        "need_forecast": "Write your forecast first (a number from 0 to 100).",
        "saved": "Answer saved at {time} UTC. You can change it until the facilitator locks "
                 "the round.",
        "locked": "Round {n} is locked: the facilitator will reveal the results.",
        "too_late": "Your answer was not saved: the facilitator closed round {n} before it "
                    "arrived.",
        "refresh": "Check for the next step",
        "your_answer": "Your answer: forecast {forecast}; expected refusing layer: {layer}; "
                       "assumptions changed: {changes}.",
        "no_changes": "none",
        "your_results": "Your result in round {n}",
        "m_your_forecast": "Your forecast",
        "m_your_model": "Model with your assumptions",
        "vs_base": "vs base",
        "your_layer": "You expected layer {guess} to refuse; in the model, the layer refusing "
                      "first most often is {model}.",
        "no_answer_in_round": "You did not answer in round {n}.",
        "see_board": "The whole room's results",
        "invalid_combo": "These assumptions do not fit together: {error}",
        "announcement": "Announcement",
    },
    "fr": {
        "section": "Atelier",
        "page": "Salle d'atelier",
        "title": "Atelier",
        "intro": "Un animateur conduit des tours avec des participants sur leurs propres "
                 "ordinateurs. Chacun écrit d'abord sa propre prévision, puis règle les "
                 "hypothèses du modèle ; l'animateur révèle les résultats de tous côte à côte, "
                 "tous calculés sur les mêmes mondes simulés.",
        "tab_join": "Rejoindre une salle",
        "tab_create": "Créer une salle (animateur)",
        "tab_open": "Ouvrir ma salle (animateur)",
        "code": "Code de la salle",
        "code_help": "Huit lettres et chiffres, affichés sur l'écran de l'animateur.",
        "join_code_button": "Aller à la salle",
        "room_title": "Titre de la séance",
        "room_title_default": "Escalade nucléaire, automne 2022",
        "allowed": "Hypothèses que les participants peuvent changer",
        "allowed_help": "Chacune devient un curseur sur la page des participants. Les autres "
                        "paramètres restent à la valeur du préréglage (ou de vos injections).",
        "create_button": "Créer la salle",
        "need_allowed": "Choisissez au moins une hypothèse à faire varier.",
        "key": "Clé d'animateur",
        "open_button": "Ouvrir en animateur",
        "no_room": "Aucune salle n'a le code {code} : vérifiez-le ou demandez le lien à "
                   "l'animateur.",
        "wrong_key": "Ce n'est pas la clé d'animateur de la salle {code}.",
        "bad_view": "Le lien fixe view={value}, ce qui n'est pas permis (board ou "
                    "facilitate) ; affichage de la page participant à la place.",
        "key_expander": "Clé d'animateur de la salle {code} : affichée une seule fois, pas au "
                        "projecteur",
        "key_once": "Notez ou enregistrez cette clé : après un rechargement, les commandes de "
                    "la salle la demandent, et elle ne peut plus être affichée.",
        "key_download": "Enregistrer la clé (fichier texte)",
        "key_hide": "C'est noté : masquer la clé",
        "enter_key": "Les commandes de la salle {code} demandent sa clé d'animateur (affichée "
                     "une fois à la création). Le tableau ci-dessous est en lecture seule.",
        "join_at": "Rejoindre sur",
        "loopback": "Ce lien ne marche que sur cette machine ({host}). Pour les ordinateurs "
                    "du réseau de la salle, lancez l'application avec `make app "
                    "ADDRESS=0.0.0.0` et ouvrez-la sur http://{ip}:{port}/workshop "
                    "(docs/WORKSHOP.md).",
        "round": "Tour {n}",
        "status_open": "ouvert : les participants répondent",
        "status_locked": "verrouillé : plus de réponses",
        "status_revealed": "révélé",
        "setting": "Réglage du tour {n} : le préréglage {preset}{changes}.",
        "setting_changes": ", avec {changes}",
        "setting_event": "en semaine {week} : {what}",
        "answers": "Réponses au tour {n}",
        "answers_value": "{answered} sur {joined}",
        "answers_help": "Participants ayant répondu à ce tour, parmi ceux qui ont rejoint la "
                        "salle. Mis à jour toutes les quelques secondes.",
        "lock": "Verrouiller le tour",
        "lock_help": "Plus de réponses ; les résultats restent cachés jusqu'à la révélation.",
        "reveal": "Verrouiller et révéler",
        "reveal_help": "Calcule le scénario de chaque participant sur les mêmes mondes et "
                       "affiche les résultats (environ 0,25 s par scénario).",
        "revealing": "Calcul de {n} scénarios au plus sur les mêmes {runs} mondes…",
        "revealed_in": "Révélé : {n} scénarios en {seconds:.1f} s.",
        "moved_on": "Le tour {current} est déjà en cours ; ce bouton était pour le tour "
                    "{shown} (un autre onglet ou un clic tardif ?), donc rien n'a été modifié.",
        "next_heading": "Lancer le tour {n}",
        "next_needs_reveal": "Révélez d'abord ce tour : le suivant part de son réglage.",
        "inject_params": "Injection : paramètres à changer pour tous (facultatif)",
        "inject_value": "{param} (actuellement {value})",
        "announcement_input": "Annonce",
        "announcement_placeholder": "p. ex. L'Ukraine atteint l'isthme de Crimée.",
        "next_button": "Lancer le tour {n}",
        "download_csv": "Données de la salle (CSV)",
        "download_html": "Rapport (HTML)",
        "download_html_help": "Un fichier avec les graphiques, pour le débriefing ; s'ouvre "
                              "hors ligne.",
        "open_board": "Tableau au projecteur",
        "open_board_help": "Le tableau seul, en lecture seule : son lien ne demande pas de clé.",
        "board_link": "Lien du tableau",
        "waiting": "Les résultats s'affichent ici quand l'animateur révèle le tour.",
        "results_heading": "Tour {n} : résultats",
        "last_revealed": "Résultats du tour {n}, le dernier révélé",
        "no_answers": "Personne n'a répondu au tour {n}.",
        "m_median_forecast": "Prévision médiane",
        "m_median_model": "Modèle, médiane",
        "m_base": "Scénario de base",
        "m_spread": "Modèle, étendue",
        "vs_heading": "Résultats du modèle et prévisions propres : P(emploi nucléaire en "
                      "{weeks} semaines)",
        "vs_caption": "Losanges : la prévision propre de chaque participant, écrite avant de "
                      "toucher aux curseurs. Points : le modèle avec ses hypothèses, {runs} "
                      "mondes sur la graine {seed}, les mêmes mondes pour tous, avec "
                      "intervalles à 95 %. Tirets : les médianes du groupe. Carrés : les "
                      "prévisions publiées à l'époque.",
        "c_forecast": "Prévision propre",
        "c_model": "Modèle avec ses hypothèses",
        "c_median": "Médiane du groupe",
        "c_base": "Scénario de base ({preset})",
        "c_reference": "Prévisions publiées",
        "c_axis": "P(emploi nucléaire)",
        "effects_heading": "Quelles hypothèses ont le plus changé le résultat",
        "effects_caption": "Chaque barre : le scénario de base avec seulement cette hypothèse "
                           "à la valeur médiane du groupe, moins la base, sur les mêmes {runs} "
                           "mondes (écart apparié, intervalle à 95 %). Trait gris : la même "
                           "chose aux 10e et 90e centiles des valeurs du groupe. Une hypothèse "
                           "à la fois : les effets combinés ne s'additionnent pas forcément.",
        "effects_none": "Aucune hypothèse n'a bougé : tout le groupe (au moins du 10e au 90e "
                        "centile) a gardé les valeurs de base.",
        "unmoved": "Laissées à la valeur de base par le groupe (du 10e au 90e centile) : "
                   "{names}.",
        "c_effect_axis": "Variation de P(emploi nucléaire) par rapport à la base, en points",
        "c_at_median": "À la valeur médiane du groupe",
        "c_group_range": "Aux 10e et 90e centiles des valeurs du groupe",
        "t_name": "Participant",
        "t_forecast": "Prévision propre",
        "t_model": "Modèle",
        "t_interval": "Intervalle à 95 %",
        "t_difference": "Modèle vs base (apparié)",
        "t_guess": "Niveau qui refuserait selon lui",
        "t_model_layer": "Niveau qui refuse le plus souvent (modèle)",
        "t_changes": "Hypothèses changées",
        "t_parameter": "Hypothèse",
        "t_base_value": "Valeur de base",
        "t_median_value": "Médiane du groupe",
        "t_range": "10e – 90e centile du groupe",
        "t_effect": "Effet à la médiane",
        "t_effect_range": "Effet aux 10e / 90e",
        "calibration_heading": "Face aux prévisions de l'époque",
        "reference_line": "{label} : {figure}. {question} (en anglais)",
        "outcome": "Ce qui s'est passé : aucune détonation nucléaire russe (emploi ou essai) "
                   "de 2022 au début de 2026. Un seul résultat ne confirme pas une probabilité.",
        "not_simulated": "Non simulé : {name} ({error})",
        "name": "Votre nom, tel que le tableau l'affichera",
        "join_button": "Rejoindre la salle",
        "joined_as": "Vous êtes {name} dans la salle {code}.",
        "bad_token": "Le jeton de participant de ce lien est inconnu dans la salle {code} : "
                     "rejoignez-la à nouveau ci-dessous.",
        "step1": "1. Votre propre prévision, avant de toucher au modèle",
        "forecast": "Probabilité d'un emploi nucléaire russe en {weeks} semaines, en %",
        "forecast_help": "Votre propre jugement, de 0 à 100. Écrivez-le avant de régler les "
                         "hypothèses : le tableau compare les deux.",
        "refusing": "Quel niveau de la chaîne de commandement refuserait le premier ? "
                    "(facultatif)",
        "no_guess": "Pas d'avis",
        "step2": "2. Vos hypothèses",
        "step2_caption": "Réglez les hypothèses du modèle comme vous les voyez. Les résultats "
                         "restent cachés jusqu'à ce que l'animateur révèle ceux de tous.",
        "submit": "Envoyer",
        "update": "Modifier ma réponse",
        "need_forecast": "Écrivez d'abord votre prévision (un nombre de 0 à 100).",
        "saved": "Réponse enregistrée à {time} UTC. Vous pouvez la changer jusqu'à ce que "
                 "l'animateur verrouille le tour.",
        "locked": "Le tour {n} est verrouillé : l'animateur va révéler les résultats.",
        "too_late": "Votre réponse n'a pas été enregistrée : l'animateur a clos le tour {n} "
                    "avant son arrivée.",
        "refresh": "Voir l'étape suivante",
        "your_answer": "Votre réponse : prévision {forecast} ; niveau qui refuserait : "
                       "{layer} ; hypothèses changées : {changes}.",
        "no_changes": "aucune",
        "your_results": "Votre résultat au tour {n}",
        "m_your_forecast": "Votre prévision",
        "m_your_model": "Le modèle avec vos hypothèses",
        "vs_base": "vs base",
        "your_layer": "Selon vous, le niveau {guess} refuserait ; dans le modèle, le niveau qui "
                      "refuse le premier le plus souvent est {model}.",
        "no_answer_in_round": "Vous n'avez pas répondu au tour {n}.",
        "see_board": "Les résultats de toute la salle",
        "invalid_combo": "Ces hypothèses ne vont pas ensemble : {error}",
        "announcement": "Annonce",
    },
}



def text(lang: str, key: str, /, **values) -> str:
    """The workshop text ``key`` in ``lang`` (English if unknown), formatted with ``values``."""
    return TEXT[language(lang)][key].format(**values)


# Workshop v2: attribution per participant, the room's assumptions, who answered, the sheet.
TEXT["en"].update({
    "effects_heading": "Which assumptions moved results most",
    "effects_caption": "Each dot: one participant's change to this assumption, alone, from "
                       "the base scenario, on the same {runs} worlds (paired difference). "
                       "Bar: the mean over those who changed it. Number at the right: the "
                       "mean size of the effect, in points. Largest first.",
    "effects_none": "Nobody changed an assumption: every result is the base scenario's.",
    "unmoved": "Nobody changed: {names}.",
    "c_effect_axis": "Change in P(nuclear use) from the base, percentage points",
    "c_changed_by": "{param} ({n} of {total})",
    "c_mean_effect": "Mean over those who changed it",
    "c_each_effect": "One participant's change alone",
    "c_size": "size {size} pts",
    "t_guess": "Layer they expected to refuse first",
    "t_model_layer": "Layer refusing first most often (model)",
    "t_same_layer": "Same layer?",
    "yes": "yes",
    "no": "no",
    "t_attribution": "Their changes, one at a time from the base (then together)",
    "t_changed_by": "Changed by",
    "n_of": "{n} of {total}",
    "t_values": "Base → values chosen",
    "t_mean_abs": "Mean size of effect",
    "t_mean_effect": "Mean effect",
    "t_effect_range": "Smallest … largest effect",
    "only_together": "only valid with their other changes",
    "interaction_part": "together, beyond the sum: {value}",
    "attr_heading": "What moved each participant's result",
    "attr_caption": "Each change alone, from the base scenario, on the same worlds (paired), "
                    "largest first; 'together' is what the changes do jointly beyond the sum "
                    "of their separate effects. The effects add up to the model-vs-base "
                    "change.",
    "your_attribution": "What moved your result (each change alone, from the base): {items}.",
    "refusing": "Which layer of the command chain would refuse first? (optional)",
    "refusing_help": "A kind of layer, not a number: the board compares it with the layer "
                     "that refuses first most often in your own chain.",
    "layer_not_in_chain": "A chain of {n} layers has no '{kind}': choose another layer, or "
                          "more layers.",
    "answered_heading": "Who has answered",
    "answered_names": "Answered ({n}): {names}",
    "missing_names": "Not yet ({n}): {names}",
    "nobody": "nobody",
    "download_debrief": "Debrief sheet",
    "download_debrief_help": "One printable page for the latest revealed round: numbers, "
                             "what moved results, questions to discuss.",
    "sheet_title": "Debrief",
    "sheet_nothing": "No round has been revealed yet.",
    "sheet_more": "… and {n} more participants (see the full report).",
    "sheet_questions": "Questions for the debrief",
    "sheet_notes": "Notes",
    "q_debrief_1": "Whose model result is far from their own forecast? Which assumption "
                   "would close the gap, and do they believe it?",
    "q_debrief_2": "Which assumption moved results most in this room? What evidence from "
                   "autumn 2022 bears on it?",
    "q_debrief_3": "Where does the room sit against Samotsvety, the Swift Centre and US "
                   "intelligence in October 2022? Why might it differ?",
    "q_debrief_4": "No nuclear use happened. Does that tell us the forecasts of 5–16% were "
                   "too high? What would?",
    "revealing": "Running up to {n} scenarios on the same {runs} worlds…",
    "revealed_in": "Revealed: {n} scenarios in {seconds:.1f} s.",
    "your_layer": "You expected {guess} to refuse first; in the model, the layer refusing "
                  "first most often is {model}.",
})
TEXT["fr"].update({
    "effects_heading": "Quelles hypothèses ont le plus changé les résultats",
    "effects_caption": "Chaque point : le changement d'un participant à cette hypothèse, seul, "
                       "à partir du scénario de base, sur les mêmes {runs} mondes (écart "
                       "apparié). Barre : la moyenne sur ceux qui l'ont changée. Nombre à "
                       "droite : la taille moyenne de l'effet, en points. Le plus grand en "
                       "haut.",
    "effects_none": "Personne n'a changé d'hypothèse : chaque résultat est celui de la base.",
    "unmoved": "Personne n'a changé : {names}.",
    "c_effect_axis": "Variation de P(emploi nucléaire) par rapport à la base, en points",
    "c_changed_by": "{param} ({n} sur {total})",
    "c_mean_effect": "Moyenne sur ceux qui l'ont changée",
    "c_each_effect": "Le changement d'un participant, seul",
    "c_size": "ampleur {size} pts",
    "t_guess": "Niveau qui refuserait le premier selon lui",
    "t_model_layer": "Niveau qui refuse le premier le plus souvent (modèle)",
    "t_same_layer": "Même niveau ?",
    "yes": "oui",
    "no": "non",
    "t_attribution": "Ses changements, un à un à partir de la base (puis ensemble)",
    "t_changed_by": "Changée par",
    "n_of": "{n} sur {total}",
    "t_values": "Base → valeurs choisies",
    "t_mean_abs": "Taille moyenne de l'effet",
    "t_mean_effect": "Effet moyen",
    "t_effect_range": "Plus petit … plus grand effet",
    "only_together": "valable seulement avec ses autres changements",
    "interaction_part": "ensemble, au-delà de la somme : {value}",
    "attr_heading": "Ce qui a fait bouger le résultat de chaque participant",
    "attr_caption": "Chaque changement seul, à partir du scénario de base, sur les mêmes mondes "
                    "(apparié), le plus grand d'abord ; « ensemble » est ce que les "
                    "changements font conjointement au-delà de la somme de leurs effets "
                    "séparés. Les effets s'additionnent en l'écart modèle–base.",
    "your_attribution": "Ce qui a fait bouger votre résultat (chaque changement seul, à partir "
                        "de la base) : {items}.",
    "refusing": "Quel niveau de la chaîne de commandement refuserait le premier ? "
                "(facultatif)",
    "refusing_help": "Un type de niveau, pas un numéro : le tableau le compare au niveau qui "
                     "refuse le premier le plus souvent dans votre propre chaîne.",
    "layer_not_in_chain": "Une chaîne de {n} niveaux n'a pas de « {kind} » : choisissez un "
                          "autre niveau, ou plus de niveaux.",
    "answered_heading": "Qui a répondu",
    "answered_names": "Ont répondu ({n}) : {names}",
    "missing_names": "Pas encore ({n}) : {names}",
    "nobody": "personne",
    "download_debrief": "Fiche de débriefing",
    "download_debrief_help": "Une page imprimable pour le dernier tour révélé : chiffres, ce "
                             "qui a fait bouger les résultats, questions à discuter.",
    "sheet_title": "Débriefing",
    "sheet_nothing": "Aucun tour n'a encore été révélé.",
    "sheet_more": "… et {n} participants de plus (voir le rapport complet).",
    "sheet_questions": "Questions pour le débriefing",
    "sheet_notes": "Notes",
    "q_debrief_1": "Quel résultat du modèle est loin de la prévision de son auteur ? Quelle "
                   "hypothèse comblerait l'écart, et y croit-il ?",
    "q_debrief_2": "Quelle hypothèse a le plus fait bouger les résultats de la salle ? Quels "
                   "faits de l'automne 2022 l'éclairent ?",
    "q_debrief_3": "Où se situe la salle face à Samotsvety, au Swift Centre et au "
                   "renseignement américain d'octobre 2022 ? Pourquoi l'écart ?",
    "q_debrief_4": "Aucun emploi nucléaire n'a eu lieu. Cela montre-t-il que les prévisions "
                   "de 5 à 16 % étaient trop hautes ? Qu'est-ce qui le montrerait ?",
    "revealing": "Calcul de {n} scénarios au plus sur les mêmes {runs} mondes…",
    "revealed_in": "Révélé : {n} scénarios en {seconds:.1f} s.",
    "your_layer": "Selon vous, {guess} refuserait le premier ; dans le modèle, le niveau qui "
                  "refuse le premier le plus souvent est {model}.",
})
for _unused in ("c_at_median", "c_group_range", "t_base_value", "t_median_value", "t_range",
                "t_effect", "t_changes"):
    for _texts in TEXT.values():
        _texts.pop(_unused, None)


# --- Scheduled events in an inject: the facilitator's event picker (simulator/app/workshop_facilitator.py)
# Kinds and units are keyed by `simulator.model.events.KINDS`' names; a test wants every kind here.
TEXT["en"].update({
    "event_heading": "Inject: an event for everyone (optional)",
    "event_caption": "It happens in every simulated world in the week chosen, on top of the "
                     "crises the model brings by itself. Add as many as you like; the events "
                     "of earlier rounds stay.",
    "event_kind": "What happens",
    "event_side": "Who starts it",
    "event_week": "When",
    "event_week_option": "week {week}, from {date}",
    "event_size": "How big, in {unit} (optional)",
    "event_size_placeholder": "empty: the model's usual size, {mean}",
    "event_label": "Label for the board (optional, shown as plain text)",
    "event_add": "Add the event",
    "event_remove": "Remove",
    "event_picked": "Events this inject schedules:",
    "event_earlier": "Already scheduled by earlier rounds:",
    "event_line": "{kind}: {when}",
    "event_line_side": "{kind} ({side}): {when}",
    "event_line_size": "{line}; size {size} {unit}",
    "event_line_label": "{line}. \u201c{label}\u201d",
    "event_date": "{day} {month} {year}",
    "event_months": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "event_side_ukraine": "Ukraine",
    "event_side_russia": "Russia",
    "event_side_west": "the West",
    "event_side_both": "both sides",
    "event_kind_offensive": "An offensive: one side gains ground, then stalls",
    "event_kind_encirclement": "A line breaks: Ukraine cuts off a Russian force in the south",
    "event_kind_incursion": "An incursion: Ukraine holds land that Russia calls its own",
    "event_kind_incursion_end": "Russia retakes its own land",
    "event_kind_deep_strike": "A long-range strike on Russia itself (air bases, refineries)",
    "event_kind_mobilisation": "A new wave of Russian mobilisation",
    "event_kind_elite_crisis": "A crisis among Russia's elites (a mutiny, a public split)",
    "event_kind_western_aid": "More Western aid (new weapons, permission to strike further)",
    "event_kind_doctrine": "Russia widens the grounds for nuclear use in its doctrine",
    "event_kind_talks": "Talks between the sides",
    "event_kind_nuclear_signal": "Russian nuclear rhetoric or drills (a threat, not a use)",
    "event_kind_conventional_signal": "A Russian conventional escalation step",
    "event_unit_offensive": "km² taken",
    "event_unit_encirclement": "km² taken",
    "event_unit_incursion": "km² held in Russia",
    "event_unit_incursion_end": "km² Ukraine still holds",
    "event_unit_deep_strike": "shock, 0 to 1",
    "event_unit_mobilisation": "reservists",
    "event_unit_elite_crisis": "weakness, 0 to 1",
    "event_unit_western_aid": "support, 0 to 1",
    "event_unit_doctrine": "desperation, 0 to 0.5",
})
TEXT["fr"].update({
    "event_heading": "Injection : un événement pour tous (facultatif)",
    "event_caption": "Il a lieu dans chaque monde simulé la semaine choisie, en plus des "
                     "crises que le modèle amène de lui-même. Ajoutez-en autant que vous "
                     "voulez ; les événements des tours précédents restent.",
    "event_kind": "Ce qui arrive",
    "event_side": "Qui le déclenche",
    "event_week": "Quand",
    "event_week_option": "semaine {week}, à partir du {date}",
    "event_size": "Ampleur, en {unit} (facultatif)",
    "event_size_placeholder": "vide : l'ampleur habituelle du modèle, {mean}",
    "event_label": "Libellé pour le tableau (facultatif, affiché en texte brut)",
    "event_add": "Ajouter l'événement",
    "event_remove": "Retirer",
    "event_picked": "Événements que cette injection programme :",
    "event_earlier": "Déjà programmés par les tours précédents :",
    "event_line": "{kind} : {when}",
    "event_line_side": "{kind} ({side}) : {when}",
    "event_line_size": "{line} ; ampleur {size} {unit}",
    "event_line_label": "{line}. « {label} »",
    "event_date": "{day} {month} {year}",
    "event_months": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
    "event_side_ukraine": "l'Ukraine",
    "event_side_russia": "la Russie",
    "event_side_west": "l'Occident",
    "event_side_both": "les deux camps",
    "event_kind_offensive": "Une offensive : un camp gagne du terrain, puis s'essouffle",
    "event_kind_encirclement": "Une ligne cède : l'Ukraine encercle une force russe dans le "
                               "sud",
    "event_kind_incursion": "Une incursion : l'Ukraine tient une terre que la Russie dit sienne",
    "event_kind_incursion_end": "La Russie reprend sa propre terre",
    "event_kind_deep_strike": "Une frappe à longue portée sur la Russie même (bases aériennes, "
                              "raffineries)",
    "event_kind_mobilisation": "Une nouvelle vague de mobilisation russe",
    "event_kind_elite_crisis": "Une crise au sein des élites russes (une mutinerie, une "
                               "rupture publique)",
    "event_kind_western_aid": "Plus d'aide occidentale (nouvelles armes, droit de frapper plus "
                              "loin)",
    "event_kind_doctrine": "La Russie élargit dans sa doctrine les cas d'emploi nucléaire",
    "event_kind_talks": "Des pourparlers entre les deux camps",
    "event_kind_nuclear_signal": "Rhétorique ou exercices nucléaires russes (une menace, pas "
                                 "un emploi)",
    "event_kind_conventional_signal": "Une escalade conventionnelle russe",
    "event_unit_offensive": "km² pris",
    "event_unit_encirclement": "km² pris",
    "event_unit_incursion": "km² tenus en Russie",
    "event_unit_incursion_end": "km² que l'Ukraine tient encore",
    "event_unit_deep_strike": "choc, de 0 à 1",
    "event_unit_mobilisation": "réservistes",
    "event_unit_elite_crisis": "faiblesse, de 0 à 1",
    "event_unit_western_aid": "soutien, de 0 à 1",
    "event_unit_doctrine": "désespoir, de 0 à 0,5",
})
