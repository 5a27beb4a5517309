"""The command chain's parameters (the table ``CHAIN`` of ``params.SCHEMA``).

How many officers must agree to a nuclear order, what makes each of them refuse, and what
the leader does after a refusal.
"""

from simulator.model.params.spec import Param, spec

NO_REFUSAL_DATA = (
    "No public refusal rates exist for nuclear command chains; the value is the modeller's "
    "(B-59, 1962, is the precedent of a single officer's refusal). The share of orders the "
    "chain stops follows from it and is measured on the model (`python -m simulator run` "
    "reports orders refused; docs/ODD.md gives the baseline's share), not asserted here."
)
"""Why a refusal rate is the modeller's: no public data exists."""

CHAIN: tuple[Param, ...] = (
    spec("chain.layers", 5, 1, 10, "layers",
         "How many levels of officers, from the Kremlin to the weapon units, must each pass on a "
         "nuclear order. Any one of them can stop it.",
         "Combien de niveaux d'officiers, du Kremlin aux unités d'armes, doivent chacun "
         "transmettre un ordre nucléaire. N'importe lequel peut l'arrêter.",
         ["kemp-five-levels", "reporting-several-levels", "reporting-cheget",
          "reporting-general-staff", "hodges-whole-general-staff"], integer=True),
    spec("chain.base_refusal", 0.05, 0, 1, "probability",
         "The chance that one officer refuses a nuclear order when nothing argues against it. A "
         "futile strike, fear of the West or a weak regime push it higher.",
         "La probabilité qu'un officier refuse un ordre nucléaire quand rien ne s'y oppose. Une "
         "frappe inutile, la peur de l'Occident ou un régime faible l'augmentent.",
         ["kemp-some-refuse", "hodges-why-would-we", "reporting-thwarted", "kemp-someone-stops"],
         assumption=NO_REFUSAL_DATA, per_layer=True),
    spec("chain.units", 3, 1, 20, "units",
         "Parallel weapon units at the last layer; one complying is enough.",
         "Unités d'armes parallèles au dernier niveau ; il suffit qu'une obéisse.",
         ["reporting-codes"],
         assumption="The articles say codes go to individual commanders, not how many; three "
                    "units are the modeller's choice.", integer=True),
    spec("chain.weight_futility", 0.8, 0, 5, "log-odds",
         "How much 'what advantage do we get? None' raises refusal.",
         "À quel point « quel avantage en tirons-nous ? Aucun » accroît le refus.",
         ["hodges-what-advantage", "hodges-only-downside", "hodges-cooler-heads"]),
    spec("chain.weight_fear_west", 0.8, 0, 5, "log-odds",
         "How much fear of the Western response raises refusal.",
         "À quel point la crainte de la riposte occidentale accroît le refus.",
         ["hodges-us-involvement", "hodges-ready-for-response"]),
    spec("chain.weight_regime_weakness", 0.8, 0, 5, "log-odds",
         "How much a fragile regime ('life after Putin') raises refusal.",
         "À quel point un régime fragile (« l'après-Poutine ») accroît le refus.",
         ["hodges-life-after-putin"]),
    spec("chain.weight_western_influence", 0.8, 0, 5, "log-odds",
         "How much Western work on individual officers raises refusal.",
         "À quel point le travail occidental sur certains officiers accroît le refus.",
         ["kemp-west-worked-on"]),
    spec("chain.weight_illegitimacy", 0.8, 0, 5, "log-odds",
         "How much an order outside doctrine (no threat to 'territorial integrity') raises "
         "refusal.",
         "À quel point un ordre hors doctrine (aucune menace sur « l'intégrité territoriale ») "
         "accroît le refus.",
         ["reporting-territorial-integrity"]),
    spec("chain.demonstration_illegitimacy", 0.5, 0, 1, "share",
         "How illegitimate a demonstration looks to officers, as a share of a strike on Ukraine.",
         "Illégitimité d'une démonstration aux yeux des officiers, en part de celle d'une frappe "
         "sur l'Ukraine.",
         ["reporting-test-or-tactical", "reporting-remote-consequences"],
         assumption="A detonation over the sea kills no one, so it is easier to pass; half is "
                    "the modeller's middle value."),
    spec("chain.purge_weeks", 4, 1, 26, "weeks",
         "Weeks to replace an officer who refused before an order can be given again.",
         "Semaines pour remplacer un officier qui a refusé avant qu'un ordre puisse être redonné.",
         assumption="Replacing a senior officer takes weeks; four is the modeller's guess. The "
                    "articles describe refusal, not what follows it.", integer=True),
    spec("chain.purge_loyalty", 1.0, 0, 5, "log-odds",
         "How much more willing the replacement officer is than the one he replaced.",
         "À quel point l'officier remplaçant est plus disposé que celui qu'il remplace.",
         assumption="The purge itself is the modeller's assumption, not in the articles, which "
                    "describe refusal, not what follows it: a leader bent on use would replace "
                    "an officer who refused rather than give up at once. A replacement is picked "
                    "for loyalty, but faces the same reasons to refuse; one log-odds unit "
                    "(refusal 5% -> 2%) is the modeller's guess."),
    spec("chain.max_reissues", 2, 0, 10, "orders",
         "Times the leader gives an order again after a refusal before he gives up.",
         "Nombre de fois où le dirigeant redonne un ordre après un refus avant d'y renoncer.",
         assumption="Each refusal weakens him and exposes the attempt; two more tries is the "
                    "modeller's guess.", integer=True),
)
