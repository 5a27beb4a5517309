"""Each parameter's one plain name and the unit students see it in, in English.

One table for every front end: the app's pages (simulator/app/i18n.py), the workshop's form,
report, board and role cards (workshop/), which must not depend on the app. A page shows an
assumption by this name (never by its id, which only analysts' panels and exports add beside
it) and in this unit; its help line is the schema's ``help`` (simulator/model/params/). The
French is in the catalogue (simulator/locales/fr/LC_MESSAGES/messages.po, msgctxt
``parameter.<name>`` and ``unit``). Pure data.
"""

PARAMETERS: dict[str, str] = {
    "horizon_weeks": "Time horizon",
    "leader.rationality": "Calculation (vs erratic)",
    "leader.resolve": "Resolve when desperate",
    "leader.weight_territory": "Weight of territory lost",
    "leader.memory_weeks": "How long a defeat stings",
    "leader.weight_crimea": "Weight of the threat to Crimea",
    "leader.weight_donbass": "Weight of failing in the Donbass",
    "leader.weight_weakness": "Weight of looking weak at home",
    "leader.face_cost": "Cost of backing down",
    "leader.peace_pull": "Pull of protests towards peace",
    "leader.cost_annexation": "Cost of annexing and threatening",
    "leader.cost_infrastructure": "Cost of striking the power grid",
    "leader.cost_cities": "Cost of bombing cities",
    "leader.cost_air_force": "Cost of sending the whole air force",
    "leader.cost_demonstration": "Cost of a nuclear demonstration",
    "leader.cost_tactical": "Cost of a tactical nuclear strike",
    "leader.nuclear_threshold": "Crimea's red line",
    "leader.desperation_threshold": "Desperation that opens nuclear options",
    "leader.red_line_uncertainty": "How uncertain his red line is",
    "leader.bluff_share": "Leaders who are only bluffing",
    "leader.bluff_firmness": "How firmly a bluffer keeps to words",
    "leader.crimea_line_spread": "How uncertain his Crimea line is",
    "leader.escalate_to_deescalate": "Belief in 'escalate to de-escalate'",
    "leader.demonstration_gain": "What a demonstration wins, next to a strike",
    "leader.moves_left": "Holding back while conventional moves remain",
    "leader.anticipation": "Holding back when the chain may refuse",
    "leader.weight_homeland": "Weight of attacks on Russia itself",
    "leader.homeland_scale_km2": "Russian land held felt as an attack",
    "leader.doctrine_rate": "Doctrine changes a year",
    "leader.doctrine_shift": "Drop of his red line after a doctrine change",
    "leader.talks_rate": "Rounds of talks a year",
    "leader.talks_weeks": "How long talks pull",
    "leader.talks_pull": "Pull of talks towards de-escalation",
    "chain.layers": "Layers that must agree",
    "chain.base_refusal": "How willing officers are to refuse",
    "chain.units": "Parallel units at the last layer",
    "chain.weight_futility": "Refusal from futility ('no advantage')",
    "chain.weight_fear_west": "Refusal from fear of the West",
    "chain.weight_regime_weakness": "Refusal from the regime's weakness",
    "chain.weight_western_influence": "Refusal from Western influence",
    "chain.weight_illegitimacy": "Refusal of an order outside doctrine",
    "chain.demonstration_illegitimacy": "How illegitimate a demonstration looks",
    "chain.purge_weeks": "Weeks to replace a refusing officer",
    "chain.purge_loyalty": "Extra loyalty of a replacement officer",
    "chain.max_reissues": "Orders given again after a refusal",
    "battlefield.momentum": "How fast Ukraine advances",
    "battlefield.momentum_decay": "Loss of offensive steam",
    "battlefield.volatility": "Week-to-week swings",
    "battlefield.russian_pressure": "Russian gains per 100,000 reservists",
    "battlefield.south_share": "Share of Ukraine's gains in the south",
    "battlefield.russia_held_km2": "Ukrainian land Russia held at the start",
    "battlefield.wave_size": "Reservists per wave",
    "battlefield.wave_interval_weeks": "Weeks between waves",
    "battlefield.mobilised_total": "Reservists available in all",
    "battlefield.reservist_drag": "Slowdown from reservists",
    "battlefield.conventional_drag": "Slowdown from conventional escalation",
    "battlefield.nuclear_effect": "What a strike changes on the battlefield",
    "battlefield.crimea_km2": "Territory to retake to reach Crimea",
    "battlefield.kharkiv_losses_km2": "Kharkiv losses still felt at the start",
    "battlefield.territory_scale_km2": "Losses felt as defeat",
    "battlefield.donbass_remaining_km2": "Donbass ground Russia still had to take",
    "battlefield.offensive_rate": "New Ukrainian offensives a year",
    "battlefield.offensive_km2": "Ground a Ukrainian offensive takes",
    "battlefield.russian_offensive_rate": "New Russian offensives a year",
    "battlefield.russian_offensive_km2": "Ground a Russian offensive takes",
    "battlefield.russian_offensive_decay": "Loss of steam of a Russian offensive",
    "battlefield.encirclement_rate": "Broken Russian lines a year",
    "battlefield.encirclement_km2": "Ground taken when a line breaks",
    "battlefield.incursion_rate": "Incursions into Russia a year",
    "battlefield.incursion_km2": "Russian land an incursion holds",
    "battlefield.incursion_retake": "Weekly retaking of that land by Russia",
    "battlefield.deep_strike_rate": "Deep strikes on Russia a year",
    "battlefield.deep_strike_shock": "Shock of a deep strike",
    "battlefield.mobilisation_rate": "New mobilisations a year",
    "battlefield.mobilisation_size": "Reservists a new mobilisation calls up",
    "domestic.initial_protest": "Protest at the start",
    "domestic.protest_decay": "Fading of protest",
    "domestic.mobilisation_discontent": "Discontent per wave",
    "domestic.initial_weakness": "Leader's weakness at the start",
    "domestic.weakness_from_defeat": "Weakness from defeat",
    "domestic.weakness_from_refusal": "Weakness from each refusal",
    "domestic.weakness_from_protest": "Weakness from protest",
    "domestic.ouster_base_rate": "Baseline ouster hazard",
    "domestic.ouster_weakness_rate": "Extra ouster hazard when weak",
    "domestic.successor_ends_war": "Chance a successor seeks peace",
    "domestic.elite_crisis_rate": "Elite crises a year",
    "domestic.elite_shock": "Weakness from an elite crisis",
    "domestic.elite_recovery": "Weekly recovery from an elite crisis",
    "west.initial_support": "Western support at the start",
    "west.backfire": "Support gained from city bombing",
    "west.fatigue": "Weekly fading of Western support",
    "west.support_after_use": "Support gained after nuclear use",
    "west.support_effect": "Effect of support on Ukraine's gains",
    "west.decisive_response": "How hard the West answers",
    "west.demonstration_response": "Response to a demonstration, next to a strike",
    "west.wider_war_rate": "Weekly risk of a wider war",
    "west.influence": "Western reach into Russian officers",
    "west.deterrence": "Deterrence after a response",
    "west.aid_rate": "Escalations of Western aid a year",
    "west.aid_step": "Support added by an escalation of aid",
    "china.initial_support": "China's support at the start",
    "china.decline": "Weekly decline of China's support",
    "china.volatility": "Week-to-week swings in China's stance",
    "china.backlash": "Support China withdraws over city bombing",
    "china.collapse_after_use": "Support lost after nuclear use",
    "china.restraint": "Restraint for fear of losing China",
    "accidents.escalation": "Accidental escalation",
    "accidents.deescalation": "Accidental de-escalation",
}
"""Parameter name -> its English label."""

PERCENT = "%"
"""The shown unit of a share or a probability: the value appears as a percentage (0.15: 15%)."""

SHOWN_UNITS: dict[str, str] = {
    "probability": PERCENT,
    "share": PERCENT,
    "ratio": PERCENT,
    "per week": "% a week",
    "share per 100k": "% per 100,000 reservists",
    "weeks": "weeks",
    "per year": "a year",
    "km²": "km²",
    "km²/week": "km² a week",
    "km²/week per 100k": "km² a week per 100,000 reservists",
    "reservists": "reservists",
    "layers": "layers",
    "units": "units",
    "orders": "orders",
}
"""The schema's unit -> the unit students see; a unit not here (utility, weight, index,
log-odds...) is a plain scale, shown by its range alone ("0–10"). A unit starting with '%'
shows the value as a percentage."""

SHOWN_UNIT_OF: dict[str, str] = {
    "leader.nuclear_threshold": PERCENT,  # 100% = at Crimea's approaches
    "west.influence": PERCENT,  # 100% = every officer within reach
}
"""Parameters whose index reads best as a percentage of its whole scale (0 to 1)."""


def shown_unit(name: str, unit: str) -> str:
    """The unit students see for parameter ``name`` (schema unit ``unit``); '' for a scale."""
    return SHOWN_UNIT_OF.get(name, SHOWN_UNITS.get(unit, ""))


def in_percent(name: str, unit: str) -> bool:
    """Whether students see the parameter's values as percentages (0.15 as 15%)."""
    return shown_unit(name, unit).startswith(PERCENT)
