"""The parameters of the world around the war (the table ``POLITICS`` of ``params.SCHEMA``).

Protest and the regime's weakness at home, the West's support and response, China's
support, and accidents (moves up or down the ladder nobody decided).
"""

from simulator.model.params.spec import Param, spec

POLITICS: tuple[Param, ...] = (
    # --- domestic -------------------------------------------------------------------------
    spec("domestic.initial_protest", 0.3, 0, 1, "index",
         "Protest level in the mobilisation week (more than 1,300 arrests).",
         "Niveau de contestation la semaine de la mobilisation (plus de 1 300 arrestations).",
         ["reporting-protests"]),
    spec("domestic.protest_decay", 0.15, 0, 1, "per week",
         "Share of protest that fades each week without new causes.",
         "Part de la contestation qui retombe chaque semaine sans nouvelle cause.",
         assumption="Protests in Russia were suppressed within weeks in 2022."),
    spec("domestic.mobilisation_discontent", 0.05, 0, 0.5, "index per wave",
         "Protest added by each wave of reservists sent to the front.",
         "Contestation ajoutée par chaque vague de réservistes envoyée au front.",
         assumption="Families of the mobilised complain; the articles give no size."),
    spec("domestic.initial_weakness", 0.3, 0, 1, "index",
         "The leader's perceived weakness in the mobilisation week.",
         "Faiblesse perçue du dirigeant la semaine de la mobilisation.",
         ["alperovitch-humiliating-defeat", "alexander-weakness-sign"]),
    spec("domestic.weakness_from_defeat", 0.4, 0, 2, "index",
         "How much defeat on the battlefield adds to the regime's fragility (ouster, officers).",
         "À quel point la défaite sur le terrain accroît la fragilité du régime (éviction, "
         "officiers).",
         ["alperovitch-weak-leader"]),
    spec("domestic.weakness_from_refusal", 0.15, 0, 1, "index per refusal",
         "Weakness added each time the command chain refuses his order.",
         "Faiblesse ajoutée chaque fois que la chaîne de commandement refuse son ordre.",
         ["hodges-life-after-putin"]),
    spec("domestic.weakness_from_protest", 0.3, 0, 2, "index",
         "Weakness added by protest at its maximum.",
         "Faiblesse ajoutée par la contestation à son maximum.",
         ["reporting-protests", "alexander-weakness-sign"]),
    spec("domestic.ouster_base_rate", 0.0005, 0, 0.1, "per week",
         "Weekly hazard that the leader is ousted when he is not weak at all.",
         "Risque hebdomadaire d'éviction du dirigeant quand il n'est pas du tout faible.",
         assumption="The modeller's choice of a low base rate, not taken from any claim: Putin "
                    "had ruled for 22 years and purged rivals; ~2.5% a year."),
    spec("domestic.ouster_weakness_rate", 0.004, 0, 0.5, "per week",
         "Extra weekly ouster hazard at maximum fragility (Gorbachev, Khrushchev, Nicholas II).",
         "Risque hebdomadaire d'éviction ajouté à la fragilité maximale (Gorbatchev, "
         "Khrouchtchev, Nicolas II).",
         ["alperovitch-ousted-history", "alperovitch-weak-leader"],
         assumption="The claims motivate the mechanism (defeat and looking weak raise the "
                    "hazard of ouster), not the number: Alperovitch gives no rate. 0.004 a week "
                    "(about a fifth a year even at maximum fragility) is the modeller's choice "
                    "of a low rate, set by hand below what his reading suggests, since Putin's "
                    "hold on the elite was firmer than that of his examples; the alperovitch "
                    "preset raises it."),
    spec("domestic.successor_ends_war", 0.5, 0, 1, "probability",
         "Chance that a successor seeks peace; otherwise he fights on.",
         "Chance qu'un successeur cherche la paix ; sinon il continue la guerre.",
         ["alperovitch-ousted-history"],
         assumption="Of Alperovitch's examples, the Provisional Government fought on after "
                    "Nicholas II; an even chance is the modeller's."),
    spec("domestic.elite_crisis_rate", 0.3, 0, 4, "per year",
         "Crises among the elites a year (a mutiny, a public split), when none is scheduled.",
         "Crises au sein des élites par an (une mutinerie, une rupture publique), quand aucune "
         "n'est programmée.",
         ["alperovitch-precarious", "alperovitch-weak-leader"],
         assumption="Kadyrov and Prigozhin attacked the generals in public after Lyman "
                    "(October 2022); an open crisis about once in three years is the modeller's."),
    spec("domestic.elite_shock", 0.3, 0, 1, "index",
         "Weakness an elite crisis adds at once (mean; it fades).",
         "Faiblesse qu'une crise des élites ajoute aussitôt (moyenne ; elle s'estompe).",
         ["alperovitch-weak-leader"],
         assumption="Enough to double the hazard of ouster for a while (modeller's)."),
    spec("domestic.elite_recovery", 0.1, 0.01, 1, "per week",
         "Share of an elite crisis's weakness the leader recovers each week.",
         "Part de la faiblesse due à une crise des élites dont le dirigeant se remet chaque "
         "semaine.",
         assumption="A purge or a deal restores his hold within months (modeller's)."),
    # --- West -----------------------------------------------------------------------------
    spec("west.initial_support", 0.6, 0, 1, "index",
         "Western support for Ukraine in the mobilisation week.",
         "Soutien occidental à l'Ukraine la semaine de la mobilisation.",
         assumption="Strong and rising in autumn 2022; 0.6 leaves room to rise and fall."),
    spec("west.backfire", 0.02, 0, 0.2, "index per week",
         "Support added each week Russia bombs cities (it backfires).",
         "Soutien ajouté chaque semaine où la Russie bombarde des villes (cela se retourne contre "
         "elle).",
         ["reporting-backfire", "reporting-quagmire"]),
    spec("west.fatigue", 0.005, 0, 0.1, "per week",
         "Share of support lost each week to fatigue and other priorities.",
         "Part du soutien perdue chaque semaine par lassitude et autres priorités.",
         assumption="Aid debates in 2023 show support can erode; 0.5% a week is the modeller's."),
    spec("west.support_after_use", 0.2, 0, 1, "index",
         "Support added by a nuclear use (condemnation, sympathy for Ukraine).",
         "Soutien ajouté par un emploi nucléaire (condamnation, sympathie pour l'Ukraine).",
         ["reporting-backfire", "hodges-psychological-impact"]),
    spec("west.support_effect", 0.5, 0, 2, "share",
         "How much support above its initial level speeds Ukraine's gains.",
         "À quel point un soutien au-dessus de son niveau initial accélère les gains ukrainiens.",
         assumption="More weapons, faster advance; the articles give no size."),
    spec("west.decisive_response", 0.6, 0, 1, "probability",
         "The chance that the West answers a nuclear strike with direct military involvement "
         "rather than words. The leader and his officers both weigh it.",
         "La probabilité que l'Occident réponde à une frappe nucléaire par une implication "
         "militaire directe plutôt que par des mots. Le dirigeant et ses officiers en tiennent "
         "compte.",
         ["hodges-painful-decisive", "hodges-us-involvement", "reporting-drawn-in"]),
    spec("west.demonstration_response", 0.3, 0, 1, "ratio",
         "The same chance after a demonstration, as a share of the response to tactical use.",
         "La même chance après une démonstration, en part de la riposte à un emploi tactique.",
         ["reporting-remote-consequences"]),
    spec("west.deterrence", 2.0, 0, 10, "utility",
         "What a certain decisive Western response costs the leader; he weighs it by its chance.",
         "Ce que coûte au dirigeant une riposte occidentale décisive certaine ; il la pèse par sa "
         "probabilité.",
         ["hodges-more-where-that-came-from", "hodges-painful-decisive"]),
    spec("west.wider_war_rate", 0.01, 0, 0.2, "per week",
         "Weekly hazard of a wider war once NATO is directly involved.",
         "Risque hebdomadaire d'une guerre élargie une fois l'OTAN directement impliquée.",
         ["reporting-world-war", "reporting-drawn-in"]),
    spec("west.influence", 0.5, 0, 1, "index",
         "How far Western outreach reaches individual Russian officers at full support: the "
         "further, the likelier they refuse an order.",
         "Jusqu'où les efforts occidentaux atteignent chaque officier russe à plein soutien : "
         "plus loin, plus il est enclin à refuser un ordre.",
         ["kemp-west-worked-on"]),
    spec("west.aid_rate", 1.5, 0, 12, "per year",
         "Escalations of Western aid a year (new weapons, permission to strike further), when "
         "none is scheduled.",
         "Escalades de l'aide occidentale par an (nouvelles armes, autorisation de frapper plus "
         "loin), quand aucune n'est programmée.",
         ["hodges-ready-for-response"],
         assumption="HIMARS (June 2022) and the air-defence pledges of October 2022: each few "
                    "months a new kind of weapon; one and a half a year is the modeller's."),
    spec("west.aid_step", 0.05, 0, 1, "index",
         "Support one escalation of aid adds (mean).",
         "Soutien qu'ajoute une escalade de l'aide (moyenne).",
         assumption="A tenth of the room support has to rise (modeller's)."),
    # --- China ----------------------------------------------------------------------------
    spec("china.initial_support", 0.5, 0, 1, "index",
         "China's support for Russia in the mobilisation week (already declining).",
         "Soutien chinois à la Russie la semaine de la mobilisation (déjà en déclin).",
         ["kemp-china-collapse"]),
    spec("china.decline", 0.005, 0, 0.1, "per week",
         "Share of its support China withdraws each week of the war.",
         "Part de son soutien que la Chine retire chaque semaine de guerre.",
         ["kemp-china-collapse"]),
    spec("china.volatility", 0.02, 0, 0.2, "index per week",
         "How much China's stance swings from week to week (summits, statements).",
         "À quel point la position chinoise varie d'une semaine à l'autre (sommets, "
         "déclarations).",
         assumption="Beijing's statements moved both ways in 2022-23; the size is the modeller's."),
    spec("china.backlash", 0.002, 0, 0.1, "index per week",
         "Support China withdraws each week Russia bombs cities.",
         "Soutien que la Chine retire chaque semaine où la Russie bombarde des villes.",
         ["kemp-china-collapse"],
         assumption="Indiscriminate bombing embarrasses a partner that claims neutrality."),
    spec("china.collapse_after_use", 0.7, 0, 1, "share",
         "Share of China's remaining support lost after a nuclear use.",
         "Part du soutien chinois restant perdue après un emploi nucléaire.",
         ["kemp-china-collapse"]),
    spec("china.restraint", 1.0, 0, 5, "utility",
         "How much the risk of losing China's support holds the leader back from nuclear steps.",
         "À quel point le risque de perdre le soutien chinois retient le dirigeant des pas "
         "nucléaires.",
         ["kemp-china-collapse"]),
    # --- accidents ------------------------------------------------------------------------
    spec("accidents.escalation", 0.005, 0, 0.1, "per week",
         "Weekly chance the war moves up a conventional rung without a decision (misreading, "
         "local initiative).",
         "Chance hebdomadaire que la guerre monte d'un échelon conventionnel sans décision "
         "(méprise, initiative locale).",
         assumption="Not in the articles; a small two-sided friction so analysts can see how "
                    "much of the path is deliberate."),
    spec("accidents.deescalation", 0.005, 0, 0.1, "per week",
         "Weekly chance the war moves down a rung without a decision (a lull, a local truce).",
         "Chance hebdomadaire que la guerre descende d'un échelon sans décision (accalmie, trêve "
         "locale).",
         assumption="The mirror of accidental escalation, equally small."),
)
