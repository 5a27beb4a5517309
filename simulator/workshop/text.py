"""English texts of Workshop mode, for the pages, the charts and the report.

The source of the catalogue's msgids (msgctxt ``workshop.<key>``); the French is in
simulator/locales/fr/LC_MESSAGES/messages.po. No Streamlit here: the report and the charts are
built with an explicit language (``lang``), so they can be made outside a page run (a download
button's callback) without touching a session. The pages call
``simulator.app.workshop_text.wt``, which passes the session's language. Participant names and
the facilitator's titles never go through these templates into Markdown: the pages show them
with `st.text`, tables or escaped.
"""

from simulator import locales

ENGLISH: dict[str, str] = {
    "section": "Workshop",
    "page": "Workshop room",
    "title": "Workshop",
    "intro": "A facilitator runs rounds with a room of participants on their own laptops. Each "
             "participant first writes their own forecast, then sets the model's assumptions; the "
             "facilitator reveals everyone's model results side by side, all run on the same "
             "simulated worlds.",
    "tab_join": "Join a room",
    "tab_create": "Create a room (facilitator)",
    "tab_open": "Open my room (facilitator)",
    "code": "Join code",
    "code_help": "Eight letters and digits, shown on the facilitator's screen.",
    "join_code_button": "Go to the room",
    "room_title": "Title of the session",
    "room_title_default": "Nuclear escalation, autumn 2022",
    "role_set": "Role set: the assumptions participants may change",
    "role_set_help": "One click sets the assumptions below (the role cards in docs/ROLE_CARDS.md "
                     "use the same sets). You can still add or remove some by hand.",
    "allowed": "Assumptions participants may change",
    "allowed_help": "Each becomes a slider on the participants' page. Every other parameter stays "
                    "at the preset's value (or your injects).",
    "create_button": "Create the room",
    "need_allowed": "Choose at least one assumption for participants to change.",
    "key": "Facilitator key",
    "open_button": "Open as facilitator",
    "no_room": "No room has the code {code}: check it, or ask the facilitator for the link.",
    "wrong_key": "That is not the facilitator key of room {code}.",
    "bad_view": "The link sets view={value}, which is not allowed (choose board or facilitate); "
                "showing the participant page instead.",
    "key_expander": "Facilitator key of room {code}: shown once, not for the projector",
    "key_once": "Write this key down or save it: after a reload, the room's controls ask for it, "
                "and it cannot be shown again.",
    "key_download": "Save the key as a text file",
    "key_hide": "I have saved it: hide the key",
    "enter_key": "The controls of room {code} need its facilitator key (shown once when the room "
                 "was created). The board below is read-only.",
    "join_at": "Join at",
    "join_qr": "QR code to join",
    "loopback": "This link only works on this machine ({host}). For laptops on the room network, "
                "start the app with `make app ADDRESS=0.0.0.0` and open it at "
                "http://{ip}:{port}/workshop "
                "(docs/howto/workshop-setup.md#start-the-app-so-the-rooms-laptops-can-reach-it).",
    "round": "Round {n}",
    "status_open": "open: participants are answering",
    "status_locked": "locked: no more answers",
    "status_revealed": "revealed",
    "setting": "Setting of round {n}: the {preset} preset{changes}.",
    "setting_changes": ", with {changes}",
    "setting_event": "in week {week}: {what}",
    "answers": "Answers in round {n}",
    "answers_value": "{answered} of {joined}",
    "answers_help": "Participants who answered in this round, of those who joined the room. "
                    "Updated every few seconds.",
    "lock": "Lock the round",
    "lock_help": "No more answers; results stay hidden until you reveal them.",
    "reveal": "Lock and reveal",
    "reveal_help": "Runs every participant's scenario on the same worlds and shows the results "
                   "(about 0.25 s per scenario).",
    "revealing": "Running up to {n} scenarios on the same {runs} worlds…",
    "revealed_in": "Revealed: {n} scenarios in {seconds} s.",
    "moved_on": "Round {current} is already under way; this button was for round {shown} (another "
                "tab or a late click?), so nothing was changed.",
    "next_heading": "Start round {n}",
    "next_needs_reveal": "Reveal this round first: the next round starts from its setting.",
    "inject_params": "Inject: parameters to change for everyone (optional)",
    "inject_value": "{param} (now {value})",
    "inject_value_help": "Parameter id (as the exports and the command line name it): `{id}`",
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
    "vs_caption": "Diamonds: each participant's own forecast, written before moving the sliders. "
                  "Dots: the model with their assumptions, {runs} worlds on seed {seed}, the same "
                  "worlds for everyone, with 95% intervals. Dashed lines: the group's medians. "
                  "Squares: forecasts published at the time.",
    "c_forecast": "Own forecast",
    "c_model": "Model with their assumptions",
    "c_median": "Group median",
    "c_base": "Base scenario ({preset})",
    "c_reference": "Published forecasts",
    "effects_heading": "Which assumptions moved results most",
    "effects_caption": "Each dot: one participant's change to this assumption, alone, from the "
                       "base scenario, on the same {runs} worlds (paired difference). Bar: the "
                       "mean over those who changed it. Number at the right: the mean size of the "
                       "effect, in points. Largest first.",
    "effects_none": "Nobody changed an assumption: every result is the base scenario's.",
    "unmoved": "Nobody changed: {names}.",
    "c_effect_axis": "Change in P(nuclear use) from the base, percentage points",
    "t_name": "Participant",
    "t_forecast": "Own forecast",
    "t_model": "Model",
    "t_interval": "95% interval",
    "t_difference": "Model vs base (paired)",
    "t_guess": "Layer they expected to refuse first",
    "t_model_layer": "Layer refusing first most often (model)",
    "t_parameter": "Assumption",
    "t_effect_range": "Smallest … largest effect",
    "calibration_heading": "Against the forecasts of the time",
    "reference_line": "{label}: {figure}. {question}",
    "outcome": "What happened: no Russian nuclear detonation (use or test) from 2022 through "
               "early 2026. One outcome cannot confirm a probability.",
    "not_simulated": "Not simulated: {name} ({error})",
    "name": "Your name, as the board will show it",
    "join_button": "Join the room",
    "joined_as": "You are {name} in room {code}.",
    "bad_token": "This link's participant token is not known in room {code}: join again below.",
    "step1": "1. Your own forecast, before touching the model",
    "forecast": "Probability of Russian nuclear use within {weeks} weeks, in %",
    "forecast_help": "Your own judgement, 0 to 100. Write it before setting the assumptions "
                     "below: the board compares the two.",
    "refusing": "Which layer of the command chain would refuse first? (optional)",
    "no_guess": "No guess",
    "step2": "2. Your assumptions",
    "step2_caption": "Set the model's assumptions as you see them. Results stay hidden until the "
                     "facilitator reveals everyone's.",
    "submit": "Submit",
    "update": "Update my answer",
    "need_forecast": "Write your forecast first (a number from 0 to 100).",
    "saved": "Answer saved at {time} UTC. You can change it until the facilitator locks the round.",
    "locked": "Round {n} is locked: the facilitator will reveal the results.",
    "too_late": "Your answer was not saved: the facilitator closed round {n} before it arrived.",
    "refresh": "Check for the next step",
    "your_answer": "Your answer: forecast {forecast}; expected refusing layer: {layer}; "
                   "assumptions changed: {changes}.",
    "no_changes": "none",
    "your_results": "Your result in round {n}",
    "m_your_forecast": "Your forecast",
    "m_your_model": "Model with your assumptions",
    "vs_base": "vs base",
    "your_layer": "You expected {guess} to refuse first; in the model, the layer refusing first "
                  "most often is {model}.",
    "no_answer_in_round": "You did not answer in round {n}.",
    "see_board": "The whole room's results",
    "invalid_combo": "These assumptions do not fit together: {error}",
    "announcement": "Announcement",
    "c_changed_by": "{param} ({n} of {total})",
    "c_mean_effect": "Mean over those who changed it",
    "c_each_effect": "One participant's change alone",
    "c_size": "{size} pts",  # the caption names it: "Number at the right: the mean size"
    "t_same_layer": "Same layer?",
    "yes": "yes",
    "no": "no",
    "t_attribution": "Their changes, one at a time from the base (then together)",
    "t_changed_by": "Changed by",
    "n_of": "{n} of {total}",
    "t_values": "Base → values chosen",
    "t_mean_abs": "Mean size of effect",
    "t_mean_effect": "Mean effect",
    "only_together": "only valid with their other changes",
    "interaction_part": "together, beyond the sum: {value}",
    "attr_heading": "What moved each participant's result",
    "attr_caption": "Each change alone, from the base scenario, on the same worlds (paired), "
                    "largest first; 'together' is what the changes do jointly beyond the sum of "
                    "their separate effects. The effects add up to the model-vs-base change.",
    "your_attribution": "What moved your result (each change alone, from the base): {items}.",
    "refusing_help": "A kind of layer, not a number: the board compares it with the layer that "
                     "refuses first most often in your own chain.",
    "layer_not_in_chain": "A chain of {n} layers has no '{kind}': choose another layer, or more "
                          "layers.",
    "answered_heading": "Who has answered",
    "answered_names": "Answered ({n}): {names}",
    "missing_names": "Not yet ({n}): {names}",
    "nobody": "nobody",
    "download_debrief": "Debrief sheet",
    "download_debrief_help": "One printable page for the latest revealed round: numbers, what "
                             "moved results, questions to discuss.",
    "sheet_title": "Debrief",
    "sheet_nothing": "No round has been revealed yet.",
    "sheet_more": "… and {n} more participants (see the full report).",
    "sheet_questions": "Questions for the debrief",
    "sheet_notes": "Notes",
    "q_debrief_1": "Whose model result is far from their own forecast? Which assumption would "
                   "close the gap, and do they believe it?",
    "q_debrief_2": "Which assumption moved results most in this room? What evidence from autumn "
                   "2022 bears on it?",
    "q_debrief_3": "Where does the room sit against Samotsvety, the Swift Centre and US "
                   "intelligence in October 2022? Why might it differ?",
    "q_debrief_4": "No nuclear use happened. Does that tell us the forecasts of 5–16% were too "
                   "high? What would?",
    "event_heading": "Inject: an event for everyone (optional)",
    "event_caption": "It happens in every simulated world in the week chosen, on top of the "
                     "crises the model brings by itself. Add as many as you like; the events of "
                     "earlier rounds stay.",
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
    "event_line_label": "{line}. “{label}”",
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
    "layer_of": "layer {k} of {n}",
    "range_low": "Plausible range (optional): lowest, in %",
    "range_high": "Plausible range (optional): highest, in %",
    "range_help": "If you are unsure: the lowest and highest probabilities you would still find "
                  "plausible. Give both or neither; your forecast must lie between them. The "
                  "board sets your range beside the model's.",
    "range_one_end": "Give both ends of your plausible range, or neither: the {missing} value is "
                     "empty.",
    "range_end_low": "lowest",
    "range_end_high": "highest",
    "range_low_above": "The lowest value of your range ({low}) is above your forecast "
                       "({forecast}): the range must hold your forecast.",
    "range_high_below": "The highest value of your range ({high}) is below your forecast "
                        "({forecast}): the range must hold your forecast.",
    "your_range": "Your plausible range: {low} – {high}.",
    "your_range_inside": "Your plausible range, {low} – {high}, holds the model's result with "
                         "your assumptions ({model}).",
    "your_range_outside": "Your plausible range, {low} – {high}, does not hold the model's "
                          "result with your assumptions ({model}).",
    "ranges_heading": "How unsure: the room's ranges and the model's",
    "ranges_none": "Nobody gave a plausible range in this round.",
    "m_ranges_given": "Gave a range",
    "m_median_range": "Median own range",
    "m_in_range": "Model inside own range",
    "m_model_interval": "Model's predictive interval",
    "t_range": "Own range",
    "t_in_range": "Model inside own range?",
    "c_range": "Own plausible range",
    "c_predictive": "Base across the preset's ranges (95% predictive interval)",
    "iv_own": "Own range: each participant's own uncertainty, as they judged it before seeing "
              "the model.",
    "iv_model": "Model's predictive interval, {low} – {high}: the base scenario when the {n} "
                "assumptions the preset gives as ranges vary within them (95%; {share} of its "
                "spread comes from those ranges, the rest from simulation noise).",
    "iv_model_none": "No predictive interval for this round: its setting keeps no range from "
                     "the preset, or it was revealed before the workshop showed them.",
    "iv_noise": "The 95% interval beside each model result: simulation noise only ({runs} "
                "worlds), not doubt about the assumptions.",
    "iv_inside": "Model inside own range: the model's result with that participant's own "
                 "assumptions, set against their range.",
    # Numbers and units put into words in each language (simulator/workshop/labels.py,
    # tables.py, references.py; the participant's sliders).
    "mean_of": "{value} (mean of {n})",
    "change_line": "{param} {base} → {value}: {effect}",
    "reference_figure": "{point} (range {low}–{high})",
    "slider_label": "{param} ({low}–{high} {unit})",
    # following the room, and "no change" (#29)
    "follows": "This page follows the room by itself: it changes within seconds when the "
               "facilitator locks, reveals or starts the next round.",
    "no_change": "no change",
    # dated rounds (#27)
    "moment_line": "{date}: {what}",
    "moment_annexation": "Russia declares the annexation of four Ukrainian regions",
    "moment_energy_strikes": "Russia begins its strikes on Ukraine's energy grid",
    "moment_kherson": "Russia announces its withdrawal from Kherson",
    "moment_new_start": "Russia suspends its participation in New START",
    "moment_belarus": "Russia begins stationing tactical nuclear weapons in Belarus",
    "moment_wagner": "Wagner's mutiny marches on Moscow",
    "dated_pick": "Set the round at a real date (optional)",
    "dated_none": "No date: the question runs from 21 Sep 2022",
    "dated_pick_help": "Participants then forecast from that day to the end of the horizon, and "
                       "the reveal adds the model given what was known on that day, what "
                       "forecasters had said by then and what happened next.",
    "dated_adds": "This date also schedules, for everyone: {event}",
    "dated_no_event": "No kind of model event fits this news: the date alone sets the round.",
    "dated_setting": "Set at {date}: forecast from that day to {end} ({weeks} weeks).",
    "forecast_dated": "Your own forecast: probability of Russian nuclear use from {date} to "
                      "{end} ({weeks} weeks), in %",
    "dated_heading": "At {date}: the room, the model given history, the forecasters, what "
                     "happened next",
    "dated_room": "The room's own forecasts from that day ({n}): median {median}, lowest "
                  "{low}, highest {high}.",
    "dated_room_none": "Nobody answered in this round.",
    "dated_model": "The model given the record up to {date} (the round's setting, its worlds "
                   "kept where they agree with the {facts} facts known that day): {estimate} "
                   "for {first} – {last}, 95% interval {low} – {high}: simulation noise only "
                   "({ess} worlds' worth), not doubt about the assumptions.",
    "dated_model_failed": "The model could not be given the record up to {date}: {error}",
    "dated_caption": "The chart above reads each participant's assumptions over the whole "
                     "horizon from 21 Sep 2022; the model given the record is for the "
                     "round's window only.",
    "dated_forecasters": "What forecasters had said by then",
    "dated_forecaster_line": "{who}, {made}: {figure} ({question}; by {horizon})",
    "dated_forecasters_none": "No forecast of the record had been published by then.",
    "dated_next": "What happened next",
    "dated_next_line": "{date}: {what}",
    "dated_t_forecast": "Own forecast from that day",
    "dated_t_model": "Their assumptions from that day (95% interval)",
    "dated_table_caption": "Their assumptions from that day: each participant's own scenario "
                           "on the round's question, its worlds with no nuclear use before the "
                           "day (the line above conditions the round's setting on the whole "
                           "record); the interval is simulation noise only.",
    "your_from_day": "Your assumptions from {date} to {last}, given no nuclear use before it: "
                     "{estimate} ({low} – {high}, simulation noise only).",
    "your_dated_model": "The model given the record up to {date}: {estimate} for the same "
                        "window ({first} – {last}).",
}
"""Key -> English text of Workshop mode."""


TEXT = locales.Texts(ENGLISH, "workshop.")
"""Language -> key -> text (``TEXT["fr"]["title"]``), for callers that read the whole table."""


def text(lang: str, key: str, /, **values) -> str:
    """The workshop text ``key`` in ``lang`` (English if unknown), formatted with ``values``."""
    return locales.translate(lang, f"workshop.{key}", ENGLISH[key]).format(**values)
