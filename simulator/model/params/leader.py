"""The leader's parameters (the table ``LEADER`` of ``params.SCHEMA``).

What drives his desperation, what each rung costs him, his red lines and bluff, and what
pulls him back. Each entry cites claims (``scenarios/claims.yaml``) or states its
assumption (see :mod:`simulator.model.params.spec`).
"""

from simulator.model.params.spec import Param, spec

FITTED = "Fitted to the forecasts of October 2022 by `python -m simulator calibrate`"
"""The opening of the assumption of a value set by ``calibrate``, not by hand."""

LEADER: tuple[Param, ...] = (
    spec("leader.rationality", 3.0, 0.1, 20, "1/utility",
         "How sharply the leader picks his best option (low = erratic, high = calculating).",
         "À quel point le dirigeant choisit nettement sa meilleure option (bas = erratique, "
         "haut = calculateur).",
         ["reporting-paranoid"]),
    spec("leader.resolve", 2.0, 0, 10, "utility",
         "How strongly desperation pushes the leader to escalate, conventionally or not.",
         "À quel point le désespoir pousse le dirigeant à l'escalade, conventionnelle ou non.",
         ["reporting-last-roll", "reporting-cornered", "reporting-future-tied"]),
    spec("leader.weight_territory", 1.0, 0, 5, "weight",
         "Weight of recent territorial losses in the leader's desperation.",
         "Poids des pertes territoriales récentes dans le désespoir du dirigeant.",
         ["alperovitch-kharkiv-cause", "reporting-new-defeats", "reporting-last-roll"]),
    spec("leader.memory_weeks", 12, 1, 104, "weeks",
         "How long a defeat stings: losses older than this weigh little in his desperation.",
         "Combien de temps une défaite pèse : les pertes plus anciennes comptent peu dans son "
         "désespoir.",
         ["reporting-last-roll", "reporting-new-defeats"],
         assumption="The threats answered fresh defeats (Kharkiv, then Lyman and Kherson); a "
                    "season's memory is the modeller's choice."),
    spec("leader.weight_crimea", 2.0, 0, 5, "weight",
         "Weight of the threat to Crimea in the leader's desperation.",
         "Poids de la menace sur la Crimée dans le désespoir du dirigeant.",
         ["alperovitch-crimea-last-option"]),
    spec("leader.weight_donbass", 1.0, 0, 5, "weight",
         "Weight of the unmet Donbass objective, his stated goal since April 2022, in his "
         "desperation.",
         "Poids de l'objectif manqué du Donbass, son but déclaré depuis avril 2022, dans son "
         "désespoir.",
         ["alperovitch-cornered-donbass"]),
    spec("leader.weight_weakness", 1.0, 0, 5, "weight",
         "Weight of looking weak at home in the leader's desperation.",
         "Poids de la faiblesse apparente à l'intérieur dans le désespoir du dirigeant.",
         ["alperovitch-weak-leader", "alperovitch-precarious"]),
    spec("leader.face_cost", 2.0, 0, 10, "utility",
         "What backing down costs the leader in face: he has left himself no way out.",
         "Ce que reculer coûte au dirigeant en prestige : il ne s'est laissé aucune issue.",
         ["alperovitch-precarious", "alperovitch-weak-leader", "alexander-reservists-involve",
          "alexander-redefining"]),
    spec("leader.peace_pull", 1.0, 0, 10, "utility",
         "How much protests at home pull the leader towards de-escalation.",
         "À quel point la contestation intérieure pousse le dirigeant vers la désescalade.",
         ["reporting-protests"]),
    spec("leader.cost_annexation", 0.0, 0, 10, "utility",
         "What annexing and threatening costs him (rung 3): nearly nothing, it is propaganda.",
         "Ce que lui coûtent l'annexion et les menaces (échelon 3) : presque rien, c'est de la "
         "propagande.",
         ["alexander-referendum-propaganda", "alexander-domestic-propaganda"]),
    spec("leader.cost_infrastructure", 0.3, 0, 10, "utility",
         "What striking Ukraine's power grid costs him (rung 4), at the West's initial support.",
         "Ce que lui coûtent les frappes sur le réseau électrique ukrainien (échelon 4), au "
         "soutien occidental initial.",
         ["alperovitch-infrastructure", "alperovitch-none-good"]),
    spec("leader.cost_cities", 1.2, 0, 10, "utility",
         "What indiscriminate bombing of cities costs him (rung 5): it backfires abroad.",
         "Ce que lui coûte le bombardement indiscriminé des villes (échelon 5) : il se retourne "
         "contre lui à l'étranger.",
         ["alperovitch-bomb-cities", "reporting-backfire"]),
    spec("leader.cost_air_force", 3.0, 0, 10, "utility",
         "What sending the whole air force costs him (rung 6): Ukraine's air defences shoot it "
         "down.",
         "Ce que lui coûte l'engagement de toute l'aviation (échelon 6) : la défense aérienne "
         "ukrainienne l'abat.",
         ["alperovitch-air-force", "alperovitch-air-defences"]),
    spec("leader.cost_demonstration", 2.0, 0, 10, "utility",
         "What a nuclear demonstration (e.g. over the Black Sea) costs him, before any response.",
         "Ce que lui coûte une démonstration nucléaire (p. ex. au-dessus de la mer Noire), avant "
         "toute riposte.",
         ["reporting-remote-consequences", "hodges-psychological-impact"]),
    spec("leader.cost_tactical", 2.5, 0, 10, "utility",
         "What a tactical strike on Ukraine costs him, before any response: condemnation, "
         "isolation.",
         "Ce que lui coûte une frappe tactique sur l'Ukraine, avant toute riposte : condamnation, "
         "isolement.",
         ["reporting-backfire", "hodges-psychological-impact", "reporting-no-wartime-use"]),
    spec("leader.nuclear_threshold", 0.8, 0, 1, "threat index",
         "How far along the road to Crimea Ukraine must come (100% = at its approaches) before "
         "the leader considers nuclear options, on average: nobody knew his line, so it differs "
         "from world to world. Lower: he reaches for them sooner.",
         "Jusqu'où l'Ukraine doit avancer vers la Crimée (100 % = à ses portes) avant que le "
         "dirigeant n'envisage l'arme nucléaire, en moyenne : nul ne connaissait sa ligne, elle "
         "diffère donc d'un monde à l'autre. Plus bas : il y pense plus tôt.",
         ["alperovitch-crimea-last-option", "reporting-territorial-integrity",
          "reporting-doctrine-red-lines"]),
    spec("leader.desperation_threshold", 0.41, 0, 1, "desperation index",
         "Desperation beyond which nuclear options open even with Crimea safe.",
         "Désespoir au-delà duquel l'option nucléaire s'ouvre même si la Crimée est sûre.",
         ["kemp-cornered-problem", "reporting-last-options"],
         assumption=FITTED + " (with leader.escalate_to_deescalate). The claims motivate the "
                    "mechanism (desperation alone can open the nuclear gate), not the number: "
                    "no claim says how desperate he must be.", fitted="forecasts"),
    spec("leader.red_line_uncertainty", 0.1, 0, 0.5, "desperation index",
         "How far each world's red line may lie from the threshold above (either way).",
         "De combien la ligne rouge de chaque monde peut s'écarter du seuil ci-dessus (dans un "
         "sens ou l'autre).",
         ["reporting-cannot-ignore", "reporting-paranoid"],
         assumption="Nobody outside knew his red line; a spread of 0.1 either way keeps small "
                    "changes of mood from flipping every world at once."),
    spec("leader.crimea_line_spread", 0.5, 0, 1.5, "log-sd",
         "How uncertain the leader's Crimea line is: each world's line is the threshold above "
         "times a lognormal factor of this spread.",
         "Incertitude sur la ligne rouge du dirigeant en Crimée : celle de chaque monde est le "
         "seuil ci-dessus multiplié par un facteur lognormal de cet écart.",
         ["alperovitch-crimea-last-option", "reporting-doctrine-red-lines"],
         assumption="Nobody outside knew how close to Crimea Ukraine could come before he "
                    "reached for nuclear weapons; a spread of 0.5 puts one world in twenty below "
                    "0.44 of the threshold and one in twenty above 2.3 of it (then never), so "
                    "moving the threshold moves the risk gradually, not at a cliff."),
    spec("leader.bluff_share", 0.5, 0, 1, "probability",
         "In this share of the simulated worlds the leader's nuclear steps stay words as long as "
         "Crimea is safe, though a bluff can break as he grows desperate. More bluffing leaders: "
         "fewer nuclear orders.",
         "Dans cette part des mondes simulés, les pas nucléaires du dirigeant restent des mots "
         "tant que la Crimée est sûre, même si un bluff peut céder à mesure qu'il est aux abois. "
         "Plus de bluff : moins d'ordres nucléaires.",
         ["alperovitch-bluff-for-now", "alexander-bluff-or-distraction"]),
    spec("leader.bluff_firmness", 3.0, 0.5, 20, "exponent",
         "How firmly bluffers hold to rhetoric: at desperation d a share d ** firmness of them "
         "has broken, and their nuclear steps are real orders (high: almost none; 1: a share d).",
         "Fermeté des bluffeurs : au désespoir d, une part d ** fermeté d'entre eux a cédé et "
         "leurs pas nucléaires sont de vrais ordres (élevée : presque aucun ; 1 : une part d).",
         ["alperovitch-bluff-for-now", "kemp-cornered-problem", "alexander-bluff-or-distraction"],
         assumption="Alperovitch's bluff holds 'for now'; a cornered leader (Kemp) is less of a "
                    "bluffer. At the desperation that opens his options (about 0.45-0.6) a "
                    "firmness of 3 has broken one bluffer in ten to five: the modeller's choice, "
                    "so that a bluffer is less likely, not unable, to use."),
    spec("leader.escalate_to_deescalate", 4.99, 0, 10, "utility",
         "What the leader expects a tactical strike to win: Ukraine and the West backing down.",
         "Ce que le dirigeant attend d'une frappe tactique : que l'Ukraine et l'Occident "
         "reculent.",
         ["reporting-escalate-to-deescalate", "reporting-intimidation-doctrine"],
         assumption=FITTED + " (with leader.desperation_threshold). The claims motivate the "
                    "mechanism (doctrine expects a nuclear step to make the other side back "
                    "down), not the number: no claim says how much he expects it to win.",
         fitted="forecasts"),
    spec("leader.demonstration_gain", 0.4, 0, 1, "share",
         "What a demonstration wins him, as a share of what a tactical strike would.",
         "Ce que lui rapporte une démonstration, en part de ce que rapporterait une frappe "
         "tactique.",
         ["reporting-black-sea-fear", "reporting-test-or-tactical"],
         assumption="A show of resolve with no target coerces less than a strike; 0.4, a little "
                    "under half, is the modeller's value."),
    spec("leader.moves_left", 1.5, 0, 10, "utility",
         "How much conventional moves still open hold back a nuclear step (at rung 2; 0 at rung "
         "6).",
         "À quel point les options conventionnelles encore ouvertes retiennent un pas nucléaire "
         "(à l'échelon 2 ; 0 à l'échelon 6).",
         ["alperovitch-moves-left", "alperovitch-few-options"]),
    spec("leader.anticipation", 1.0, 0, 10, "utility",
         "How much a leader who expects the chain to refuse holds back the order (0 = ignores it).",
         "À quel point un dirigeant qui s'attend au refus de la chaîne retient l'ordre (0 = il "
         "l'ignore).",
         ["kemp-cornered-problem"],
         assumption="The articles say the chain may refuse, not whether he foresees it; 1 is a "
                    "middle weight."),
    spec("leader.weight_homeland", 1.0, 0, 5, "weight",
         "Weight of attacks on Russia itself (land held by Ukraine, strikes deep inside) in the "
         "leader's desperation.",
         "Poids des attaques sur la Russie elle-même (terre tenue par l'Ukraine, frappes en "
         "profondeur) dans le désespoir du dirigeant.",
         ["reporting-territorial-integrity", "reporting-doctrine-red-lines"],
         assumption="The doctrine's ground is a threat to Russia's territory; after the annexation "
                    "that word covered the occupied oblasts too, so Russia proper weighs like the "
                    "losses of the front (1), below Crimea (2): the modeller's reading."),
    spec("leader.homeland_scale_km2", 2000, 100, 50000, "km²",
         "Russian land held by Ukraine at which that pressure is half-way to its maximum.",
         "Terre russe tenue par l'Ukraine pour laquelle cette pression est à mi-chemin de son "
         "maximum.",
         assumption="Russia proper is not bargaining ground: a tenth of Kharkiv's losses held "
                    "inside Russia stings half as much as the worst (modeller's value)."),
    spec("leader.doctrine_rate", 0.1, 0, 2, "per year",
         "Doctrine changes a year that widen the grounds for nuclear use, when none is scheduled.",
         "Changements de doctrine par an qui élargissent les motifs d'emploi nucléaire, quand "
         "aucun n'est programmé.",
         ["reporting-doctrine-red-lines"],
         assumption="Russia revised its nuclear doctrine in 2000, 2010, 2014 and 2020: about one "
                    "every five years in peace; twice that in a war is the modeller's guess."),
    spec("leader.doctrine_shift", 0.05, 0, 0.5, "desperation index",
         "How much lower a doctrine change puts the leader's red line.",
         "De combien un changement de doctrine abaisse la ligne rouge du dirigeant.",
         ["reporting-doctrine-red-lines", "reporting-intimidation-doctrine"],
         assumption="Declared doctrine binds him loosely (the articles read it as intimidation): "
                    "a quarter of his red line's spread, the modeller's value."),
    spec("leader.talks_rate", 1.0, 0, 12, "per year",
         "Rounds of talks a year between the sides, when none is scheduled.",
         "Cycles de pourparlers par an entre les deux camps, quand aucun n'est programmé.",
         assumption="Two in the war's first seven months (Istanbul in March, the grain deal in "
                    "July 2022); one a year once positions hardened is the modeller's."),
    spec("leader.talks_weeks", 4, 1, 26, "weeks",
         "How long a round of talks pulls him towards de-escalation.",
         "Combien de temps un cycle de pourparlers pousse le dirigeant vers la désescalade.",
         assumption="A month of diplomacy per round (modeller's)."),
    spec("leader.talks_pull", 1.0, 0, 10, "utility",
         "What de-escalating gains him while talks run.",
         "Ce que la désescalade lui rapporte tant que durent les pourparlers.",
         ["hodges-cooler-heads"],
         assumption="As much as the peace pull of full protest at home (modeller's)."),
)
