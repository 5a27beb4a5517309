"""Plain-words labels of parameters and command layers, in English and French, for workshop/.

A copy of the labels of ``ui/i18n.py`` (``PARAMETERS``, ``LAYERS_FR``): workshop/ imports nothing
from ui/, so that the report and the reveal run without Streamlit. A test
(tests/test_workshop_layout.py) keeps the two in step.
"""

import math
from typing import Any

LANGUAGES = ("en", "fr")

PARAMETERS: dict[str, tuple[str, str]] = {
    'horizon_weeks': ('Weeks simulated', 'Semaines simulées'),
    'leader.rationality': ('Calculation (vs erratic)', "Calcul (plutôt qu'erratique)"),
    'leader.resolve': ('Resolve when desperate', 'Détermination aux abois'),
    'leader.weight_territory': ('Weight of territory lost', 'Poids du territoire perdu'),
    'leader.memory_weeks': ('How long a defeat stings (weeks)',
                            'Combien de temps une défaite pèse (semaines)'),
    'leader.weight_crimea': ('Weight of the threat to Crimea', 'Poids de la menace sur la Crimée'),
    'leader.weight_donbass': ('Weight of failing in the Donbass',
                              "Poids de l'échec dans le Donbass"),
    'leader.weight_weakness': ('Weight of looking weak at home',
                               'Poids de la faiblesse intérieure'),
    'leader.face_cost': ('Cost of backing down', "Coût d'un recul"),
    'leader.peace_pull': ('Pull of protests towards peace',
                          'Attrait de la paix sous la contestation'),
    'leader.cost_annexation': ('Cost of annexing and threatening',
                               "Coût de l'annexion et des menaces"),
    'leader.cost_infrastructure': ('Cost of striking the power grid',
                                   'Coût des frappes sur le réseau électrique'),
    'leader.cost_cities': ('Cost of bombing cities', 'Coût du bombardement des villes'),
    'leader.cost_air_force': ('Cost of sending the whole air force',
                              "Coût de l'engagement de toute l'aviation"),
    'leader.cost_demonstration': ('Cost of a nuclear demonstration',
                                  "Coût d'une démonstration nucléaire"),
    'leader.cost_tactical': ('Cost of a tactical nuclear strike',
                             "Coût d'une frappe nucléaire tactique"),
    'leader.nuclear_threshold': ('Crimea threat that opens nuclear options',
                                 "Menace sur la Crimée qui ouvre l'option nucléaire"),
    'leader.desperation_threshold': ('Desperation that opens nuclear options',
                                     "Désespoir qui ouvre l'option nucléaire"),
    'leader.red_line_uncertainty': ('How uncertain his red line is',
                                    'Incertitude sur sa ligne rouge'),
    'leader.bluff_share': ('Share of nuclear steps that are bluff',
                           'Part de bluff dans les pas nucléaires'),
    'leader.escalate_to_deescalate': ("Belief in 'escalate to de-escalate'",
                                      'Croyance en « escalader pour désescalader »'),
    'leader.demonstration_gain': ("What a demonstration wins (share of a strike's)",
                                  "Gain d'une démonstration (part de celui d'une frappe)"),
    'leader.moves_left': ('Holding back while conventional moves remain',
                          "Retenue tant qu'il reste des options conventionnelles"),
    'leader.anticipation': ('Holding back when the chain may refuse',
                            'Retenue quand la chaîne peut refuser'),
    'chain.layers': ('Layers that must agree', 'Niveaux qui doivent accepter'),
    'chain.base_refusal': ("Each layer's baseline refusal", 'Refus de base de chaque niveau'),
    'chain.units': ('Parallel units at the last layer', 'Unités parallèles au dernier niveau'),
    'chain.weight_futility': ("Refusal from futility ('no advantage')",
                              'Refus par futilité (« aucun avantage »)'),
    'chain.weight_fear_west': ('Refusal from fear of the West', "Refus par crainte de l'Occident"),
    'chain.weight_regime_weakness': ("Refusal from the regime's weakness",
                                     'Refus par faiblesse du régime'),
    'chain.weight_western_influence': ('Refusal from Western influence',
                                       'Refus par influence occidentale'),
    'chain.weight_illegitimacy': ('Refusal of an order outside doctrine',
                                  "Refus d'un ordre hors doctrine"),
    'chain.demonstration_illegitimacy': ('How illegitimate a demonstration looks (share)',
                                         "Illégitimité d'une démonstration (part)"),
    'chain.purge_weeks': ('Weeks to replace a refusing officer',
                          'Semaines pour remplacer un officier'),
    'chain.purge_loyalty': ('Extra loyalty of a replacement officer',
                            "Loyauté accrue de l'officier remplaçant"),
    'chain.max_reissues': ('Orders given again after a refusal',
                           'Ordres redonnés après un refus'),
    'battlefield.momentum': ("Ukraine's weekly gain at the start",
                             'Gain ukrainien hebdomadaire au départ'),
    'battlefield.momentum_decay': ('Loss of offensive steam', "Essoufflement de l'offensive"),
    'battlefield.volatility': ('Week-to-week swings', "Variations d'une semaine à l'autre"),
    'battlefield.russian_pressure': ('Russian gains per 100,000 reservists',
                                     'Gains russes pour 100 000 réservistes'),
    'battlefield.south_share': ("Share of Ukraine's gains in the south",
                                'Part des gains ukrainiens au sud'),
    'battlefield.russia_held_km2': ('Ukrainian land Russia held at the start',
                                    'Territoire ukrainien tenu par la Russie au départ'),
    'battlefield.wave_size': ('Reservists per wave', 'Réservistes par vague'),
    'battlefield.wave_interval_weeks': ('Weeks between waves', 'Semaines entre deux vagues'),
    'battlefield.mobilised_total': ('Reservists available in all',
                                    'Réservistes disponibles au total'),
    'battlefield.reservist_drag': ('Slowdown from reservists', 'Freinage par les réservistes'),
    'battlefield.conventional_drag': ('Slowdown from conventional escalation',
                                      "Freinage par l'escalade conventionnelle"),
    'battlefield.nuclear_effect': ('Slowdown from a tactical strike',
                                   'Freinage par une frappe tactique'),
    'battlefield.crimea_km2': ('Territory to retake to reach Crimea',
                               "Territoire à reprendre jusqu'à la Crimée"),
    'battlefield.kharkiv_losses_km2': ('Kharkiv losses still felt at the start',
                                       'Pertes de Kharkiv encore ressenties au départ'),
    'battlefield.territory_scale_km2': ('Losses felt as defeat',
                                        'Pertes ressenties comme une défaite'),
    'battlefield.donbass_capture_rate': ('Weekly chance of taking the Donbass',
                                         'Chance hebdomadaire de prendre le Donbass'),
    'domestic.initial_protest': ('Protest at the start', 'Contestation au départ'),
    'domestic.protest_decay': ('Fading of protest', 'Reflux de la contestation'),
    'domestic.mobilisation_discontent': ('Discontent per wave', 'Mécontentement par vague'),
    'domestic.initial_weakness': ("Leader's weakness at the start",
                                  'Faiblesse du dirigeant au départ'),
    'domestic.weakness_from_defeat': ('Weakness from defeat', 'Faiblesse due à la défaite'),
    'domestic.weakness_from_refusal': ('Weakness from each refusal',
                                       'Faiblesse due à chaque refus'),
    'domestic.weakness_from_protest': ('Weakness from protest', 'Faiblesse due à la contestation'),
    'domestic.ouster_base_rate': ('Baseline ouster hazard', "Risque d'éviction de base"),
    'domestic.ouster_weakness_rate': ('Extra ouster hazard when weak',
                                      "Risque d'éviction ajouté par la faiblesse"),
    'domestic.successor_ends_war': ('Chance a successor seeks peace',
                                    "Chance qu'un successeur cherche la paix"),
    'west.initial_support': ('Western support at the start', 'Soutien occidental au départ'),
    'west.backfire': ('Support gained from city bombing', 'Soutien gagné par les bombardements'),
    'west.fatigue': ('Weekly fading of Western support',
                     'Érosion hebdomadaire du soutien occidental'),
    'west.support_after_use': ('Support gained after nuclear use',
                               'Soutien gagné après un emploi nucléaire'),
    'west.support_effect': ("Effect of support on Ukraine's gains",
                            'Effet du soutien sur les gains ukrainiens'),
    'west.decisive_response': ('Chance of a decisive response', "Chance d'une riposte décisive"),
    'west.demonstration_response': ('Response to a demonstration (share)',
                                    'Riposte à une démonstration (part)'),
    'west.wider_war_rate': ('Weekly risk of a wider war', 'Risque hebdomadaire de guerre élargie'),
    'west.influence': ('Western reach into Russian officers',
                       'Influence occidentale sur les officiers'),
    'west.deterrence': ('Deterrence after a response', 'Dissuasion après une riposte'),
    'china.initial_support': ("China's support at the start", 'Soutien chinois au départ'),
    'china.decline': ("Weekly decline of China's support",
                      'Déclin hebdomadaire du soutien chinois'),
    'china.volatility': ("Week-to-week swings in China's stance",
                         "Variations de la position chinoise d'une semaine à l'autre"),
    'china.backlash': ('Support China withdraws over city bombing',
                       'Soutien retiré par la Chine face aux bombardements des villes'),
    'china.collapse_after_use': ('Support lost after nuclear use',
                                 'Soutien perdu après un emploi nucléaire'),
    'china.restraint': ('Restraint for fear of losing China',
                        'Retenue par crainte de perdre la Chine'),
    'accidents.escalation': ('Accidental escalation', 'Escalade accidentelle'),
    'accidents.deescalation': ('Accidental de-escalation', 'Désescalade accidentelle'),
}
"""Parameter name -> (English, French) label."""

LAYERS_FR: dict[str, str] = {
    'Cheget holders (Kremlin)': 'Détenteurs du Cheget (Kremlin)',
    'General Staff (Gerasimov)': 'État-major général (Guerassimov)',
    'Warhead release (12th Main Directorate)': 'Remise des ogives (12e direction principale)',
    'Theatre command': 'Commandement de théâtre',
    'Weapon units': "Unités d'armes",
    'Warhead custodians (12th Main Directorate)': 'Gardiens des ogives (12e direction principale)',
    'Additional command layer': 'Niveau de commandement supplémentaire',
}
"""A command layer's English name -> its French name."""


def language(lang: str | None) -> str:
    """``lang`` if it is a known language, else English."""
    return lang if lang in LANGUAGES else "en"


def parameter(name: str, lang: str = "en") -> str:
    """A short plain-words label for a parameter (its dotted name if none is written yet)."""
    pair = PARAMETERS.get(name)
    return pair[LANGUAGES.index(language(lang))] if pair else name


def layer(name: str, lang: str = "en") -> str:
    """A command layer's name; generic 'Layer k' names become 'Niveau k' in French."""
    if language(lang) != "fr":
        return name
    return LAYERS_FR.get(name, name.replace("Layer", "Niveau"))


def percent(p: float | None) -> str:
    """A probability as the app shows it: two decimals below 1%, else one; '–' for none."""
    if p is None or math.isnan(p):
        return "–"
    if 0 < abs(p) < 0.01:
        return f"{p:.2%}"
    return f"{p:.1%}"


def points(d: float | None, unit: str = " pts") -> str:
    """A difference of probabilities in signed percentage points; '–' for none."""
    if d is None or math.isnan(d):
        return "–"
    return f"{100 * d:+.2f}{unit}" if abs(d) < 0.01 else f"{100 * d:+.1f}{unit}"


def scalar(value: Any) -> float:
    """A parameter value as one number (a per-layer list counts as its mean, as its slider)."""
    if isinstance(value, list | tuple):
        return float(sum(value) / len(value))
    return float(value)


def value_text(value: Any) -> str:
    """A parameter value as text; a per-layer list as its mean, marked 'mean'."""
    if isinstance(value, list | tuple):
        return f"{scalar(value):.3g} (mean of {len(value)})"
    return f"{value:g}"
