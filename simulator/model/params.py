"""The parameter schema: every number the model uses, with its range, unit and provenance.

A parameter either cites the claims (ids in ``scenarios/claims.yaml``) that inform it or
says, in ``assumption``, why the modeller chose it. Tests fail when one does neither.
"""

import difflib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from simulator.errors import ParameterError, shown
from simulator.model import events
from simulator.model.events import EVENTS_KEY

MAX_LAYERS = 10

PLAIN_NUMBER = re.compile(r"[+-]?(?:(?P<whole>[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
"""A number as users write it: ASCII digits, an optional sign, point and exponent.

``float()`` and ``int()`` also take ``1_0`` (as 10) and other scripts' digits (``'٣'`` as 3),
which a user did not mean as that number: only this form is read from text.
"""
PLAIN_WHOLE = re.compile(r"[+-]?[0-9]+")
"""A whole number as users write it: ASCII digits and an optional sign (``PLAIN_NUMBER``
without point or exponent)."""


@dataclass(frozen=True)
class Param:
    """One model parameter.

    Attributes:
        name: Dotted name, ``actor.quantity`` (``horizon_weeks`` has no actor).
        default: The baseline value.
        low: Smallest allowed value.
        high: Largest allowed value.
        unit: Unit shown next to the value ("probability", "km²/week", ...).
        help: One plain-English line for the slider's tooltip.
        claims: Claim ids behind the value.
        assumption: Why the modeller chose it, where the articles say nothing.
        integer: Whether only whole numbers are allowed.
        per_layer: Whether a list with one value per command layer is also accepted.
        fitted: What the value was fitted to (``"forecasts"``), empty if it was set by hand.
    """

    name: str
    default: float
    low: float
    high: float
    unit: str
    help: str
    claims: tuple[str, ...] = ()
    assumption: str = ""
    integer: bool = False
    per_layer: bool = False
    fitted: str = ""

    @property
    def actor(self) -> str:
        """The actor that owns the parameter (``model`` for ``horizon_weeks``)."""
        return self.name.split(".")[0] if "." in self.name else "model"

    @property
    def range_text(self) -> str:
        """The allowed range in words, for error messages and tooltips."""
        kind = "a whole number" if self.integer else "a number"
        text = f"{kind} from {self.low:g} to {self.high:g}"
        if self.per_layer:
            text += " (or a list with one such value per command layer)"
        return text

    def check(self, value: Any) -> Any:
        """Return ``value`` converted to the parameter's type, or raise ParameterError."""
        if self.per_layer and isinstance(value, list | tuple):
            if not 1 <= len(value) <= MAX_LAYERS:
                raise ParameterError(self.name, f"a per-layer list needs 1 to {MAX_LAYERS} values")
            return [self._check_one(v) for v in value]
        return self._check_one(value)

    def _from_text(self, text: str) -> float:
        """The number written in ``text``, which must match ``PLAIN_NUMBER``."""
        text = text.strip()
        written = PLAIN_NUMBER.fullmatch(text)
        if written is None:
            example = "4" if self.integer else "0.25 or 1e-3"
            raise ParameterError(self.name, f"{shown(text)} is not a number; expected "
                                            f"{self.range_text}, written with the digits 0-9 "
                                            f"(e.g. {example})")
        value = float(text)
        if math.isinf(value):  # '9' * 5000 or 1e999: too large for a float, not 'inf'
            digits = len((written["whole"] or "").lstrip("0"))
            size = f"a number of {digits:,} digits" if digits > 15 else shown(text)
            raise ParameterError(self.name, f"{size} is out of range; expected "
                                            f"{self.range_text}")
        return value

    def _check_one(self, value: Any) -> float | int:
        if isinstance(value, bool) or not isinstance(value, int | float):
            if not isinstance(value, str | bytes) and (isinstance(value, Iterable)
                                                       or value is None):
                raise ParameterError(
                    self.name, f"{shown(value)} is not a number; expected {self.range_text}")
            value = self._from_text(str(value))
        if value != value or not self.low <= value <= self.high:
            raise ParameterError(
                self.name, f"{shown(value)} is out of range; expected {self.range_text}"
            )
        if self.integer:
            if float(value) != int(value):
                raise ParameterError(self.name, f"{shown(value)} is not {self.range_text}")
            return int(value)
        return float(value)


def _p(name, default, low, high, unit, help, claims=(), assumption="", **kw) -> Param:
    return Param(name, default, low, high, unit, help, tuple(claims), assumption, **kw)


_NO_REFUSAL_DATA = (
    "No public refusal rates exist for nuclear command chains; the value is the modeller's "
    "(B-59, 1962, is the precedent of a single officer's refusal). The share of orders the "
    "chain stops follows from it and is measured on the model (`python -m simulator run` "
    "reports orders refused; docs/ODD.md gives the baseline's share), not asserted here."
)
_FITTED = "Fitted to the forecasts of October 2022 by `python -m simulator calibrate`"

SCHEMA: dict[str, Param] = {p.name: p for p in (
    _p("horizon_weeks", 52, 1, 156, "weeks",
       "How many weeks each world is simulated, from the mobilisation week (21 Sep 2022).",
       assumption="One year matches the twelve-month window of the October 2022 forecasts.",
       integer=True),
    # --- leader -------------------------------------------------------------------------
    _p("leader.rationality", 3.0, 0.1, 20, "1/utility",
       "How sharply the leader picks his best option (low = erratic, high = calculating).",
       ["reporting-paranoid"]),
    _p("leader.resolve", 2.0, 0, 10, "utility",
       "How strongly desperation pushes the leader to escalate, conventionally or not.",
       ["reporting-last-roll", "reporting-cornered", "reporting-future-tied"]),
    _p("leader.weight_territory", 1.0, 0, 5, "weight",
       "Weight of recent territorial losses in the leader's desperation.",
       ["alperovitch-kharkiv-cause", "reporting-new-defeats", "reporting-last-roll"]),
    _p("leader.memory_weeks", 12, 1, 104, "weeks",
       "How long a defeat stings: losses older than this weigh little in his desperation.",
       ["reporting-last-roll", "reporting-new-defeats"],
       assumption="The threats answered fresh defeats (Kharkiv, then Lyman and Kherson); a "
                  "season's memory is the modeller's choice."),
    _p("leader.weight_crimea", 2.0, 0, 5, "weight",
       "Weight of the threat to Crimea in the leader's desperation.",
       ["alperovitch-crimea-last-option"]),
    _p("leader.weight_donbass", 1.0, 0, 5, "weight",
       "Weight of the unmet Donbass objective, his stated goal since April 2022, in his "
       "desperation.",
       ["alperovitch-cornered-donbass"]),
    _p("leader.weight_weakness", 1.0, 0, 5, "weight",
       "Weight of looking weak at home in the leader's desperation.",
       ["alperovitch-weak-leader", "alperovitch-precarious"]),
    _p("leader.face_cost", 2.0, 0, 10, "utility",
       "What backing down costs the leader in face: he has left himself no way out.",
       ["alperovitch-precarious", "alperovitch-weak-leader", "alexander-reservists-involve",
        "alexander-redefining"]),
    _p("leader.peace_pull", 1.0, 0, 10, "utility",
       "How much protests at home pull the leader towards de-escalation.",
       ["reporting-protests"]),
    _p("leader.cost_annexation", 0.0, 0, 10, "utility",
       "What annexing and threatening costs him (rung 3): nearly nothing, it is propaganda.",
       ["alexander-referendum-propaganda", "alexander-domestic-propaganda"]),
    _p("leader.cost_infrastructure", 0.3, 0, 10, "utility",
       "What striking Ukraine's power grid costs him (rung 4), at the West's initial support.",
       ["alperovitch-infrastructure", "alperovitch-none-good"]),
    _p("leader.cost_cities", 1.2, 0, 10, "utility",
       "What indiscriminate bombing of cities costs him (rung 5): it backfires abroad.",
       ["alperovitch-bomb-cities", "reporting-backfire"]),
    _p("leader.cost_air_force", 3.0, 0, 10, "utility",
       "What sending the whole air force costs him (rung 6): Ukraine's air defences shoot it down.",
       ["alperovitch-air-force", "alperovitch-air-defences"]),
    _p("leader.cost_demonstration", 2.0, 0, 10, "utility",
       "What a nuclear demonstration (e.g. over the Black Sea) costs him, before any response.",
       ["reporting-remote-consequences", "hodges-psychological-impact"]),
    _p("leader.cost_tactical", 2.5, 0, 10, "utility",
       "What a tactical strike on Ukraine costs him, before any response: condemnation, isolation.",
       ["reporting-backfire", "hodges-psychological-impact", "reporting-no-wartime-use"]),
    _p("leader.nuclear_threshold", 0.8, 0, 1, "threat index",
       "Threat to Crimea (0 none, 1 Ukraine at its approaches) beyond which nuclear options open.",
       ["alperovitch-crimea-last-option", "reporting-territorial-integrity",
        "reporting-doctrine-red-lines"]),
    _p("leader.desperation_threshold", 0.41, 0, 1, "desperation index",
       "Desperation beyond which nuclear options open even with Crimea safe.",
       ["kemp-cornered-problem", "reporting-last-options"],
       assumption=_FITTED + " (with leader.escalate_to_deescalate). The claims motivate the "
                  "mechanism (desperation alone can open the nuclear gate), not the number: "
                  "no claim says how desperate he must be.", fitted="forecasts"),
    _p("leader.red_line_uncertainty", 0.1, 0, 0.5, "desperation index",
       "How far each world's red line may lie from the threshold above (either way).",
       ["reporting-cannot-ignore", "reporting-paranoid"],
       assumption="Nobody outside knew his red line; a spread of 0.1 either way keeps small "
                  "changes of mood from flipping every world at once."),
    _p("leader.crimea_line_spread", 0.5, 0, 1.5, "log-sd",
       "How uncertain the leader's Crimea line is: each world's line is the threshold above "
       "times a lognormal factor of this spread.",
       ["alperovitch-crimea-last-option", "reporting-doctrine-red-lines"],
       assumption="Nobody outside knew how close to Crimea Ukraine could come before he "
                  "reached for nuclear weapons; a spread of 0.5 puts one world in twenty below "
                  "0.44 of the threshold and one in twenty above 2.3 of it (then never), so "
                  "moving the threshold moves the risk gradually, not at a cliff."),
    _p("leader.bluff_share", 0.5, 0, 1, "probability",
       "Share of worlds whose leader is bluffing: his nuclear steps stay rhetoric while Crimea "
       "is safe, unless desperation breaks the bluff.",
       ["alperovitch-bluff-for-now", "alexander-bluff-or-distraction"]),
    _p("leader.bluff_firmness", 3.0, 0.5, 20, "exponent",
       "How firmly bluffers hold to rhetoric: at desperation d a share d ** firmness of them "
       "has broken, and their nuclear steps are real orders (high: almost none; 1: a share d).",
       ["alperovitch-bluff-for-now", "kemp-cornered-problem", "alexander-bluff-or-distraction"],
       assumption="Alperovitch's bluff holds 'for now'; a cornered leader (Kemp) is less of a "
                  "bluffer. At the desperation that opens his options (about 0.45-0.6) a "
                  "firmness of 3 has broken one bluffer in ten to five: the modeller's choice, "
                  "so that a bluffer is less likely, not unable, to use."),
    _p("leader.escalate_to_deescalate", 4.99, 0, 10, "utility",
       "What the leader expects a tactical strike to win: Ukraine and the West backing down.",
       ["reporting-escalate-to-deescalate", "reporting-intimidation-doctrine"],
       assumption=_FITTED + " (with leader.desperation_threshold). The claims motivate the "
                  "mechanism (doctrine expects a nuclear step to make the other side back "
                  "down), not the number: no claim says how much he expects it to win.",
       fitted="forecasts"),
    _p("leader.demonstration_gain", 0.4, 0, 1, "share",
       "What a demonstration wins him, as a share of what a tactical strike would.",
       ["reporting-black-sea-fear", "reporting-test-or-tactical"],
       assumption="A show of resolve with no target coerces less than a strike; 0.4, a little "
                  "under half, is the modeller's value."),
    _p("leader.moves_left", 1.5, 0, 10, "utility",
       "How much conventional moves still open hold back a nuclear step (at rung 2; 0 at rung 6).",
       ["alperovitch-moves-left", "alperovitch-few-options"]),
    _p("leader.anticipation", 1.0, 0, 10, "utility",
       "How much a leader who expects the chain to refuse holds back the order (0 = ignores it).",
       ["kemp-cornered-problem"],
       assumption="The articles say the chain may refuse, not whether he foresees it; 1 is a "
                  "middle weight."),
    _p("leader.weight_homeland", 1.0, 0, 5, "weight",
       "Weight of attacks on Russia itself (land held by Ukraine, strikes deep inside) in the "
       "leader's desperation.",
       ["reporting-territorial-integrity", "reporting-doctrine-red-lines"],
       assumption="The doctrine's ground is a threat to Russia's territory; after the annexation "
                  "that word covered the occupied oblasts too, so Russia proper weighs like the "
                  "losses of the front (1), below Crimea (2): the modeller's reading."),
    _p("leader.homeland_scale_km2", 2000, 100, 50000, "km²",
       "Russian land held by Ukraine at which that pressure is half-way to its maximum.",
       assumption="Russia proper is not bargaining ground: a tenth of Kharkiv's losses held "
                  "inside Russia stings half as much as the worst (modeller's value)."),
    _p("leader.doctrine_rate", 0.1, 0, 2, "per year",
       "Doctrine changes a year that widen the grounds for nuclear use, when none is scheduled.",
       ["reporting-doctrine-red-lines"],
       assumption="Russia revised its nuclear doctrine in 2000, 2010, 2014 and 2020: about one "
                  "every five years in peace; twice that in a war is the modeller's guess."),
    _p("leader.doctrine_shift", 0.05, 0, 0.5, "desperation index",
       "How much lower a doctrine change puts the leader's red line.",
       ["reporting-doctrine-red-lines", "reporting-intimidation-doctrine"],
       assumption="Declared doctrine binds him loosely (the articles read it as intimidation): "
                  "a quarter of his red line's spread, the modeller's value."),
    _p("leader.talks_rate", 1.0, 0, 12, "per year",
       "Rounds of talks a year between the sides, when none is scheduled.",
       assumption="Two in the war's first seven months (Istanbul in March, the grain deal in "
                  "July 2022); one a year once positions hardened is the modeller's."),
    _p("leader.talks_weeks", 4, 1, 26, "weeks",
       "How long a round of talks pulls him towards de-escalation.",
       assumption="A month of diplomacy per round (modeller's)."),
    _p("leader.talks_pull", 1.0, 0, 10, "utility",
       "What de-escalating gains him while talks run.",
       ["hodges-cooler-heads"],
       assumption="As much as the peace pull of full protest at home (modeller's)."),
    # --- command chain ------------------------------------------------------------------
    _p("chain.layers", 5, 1, 10, "layers",
       "Layers of officers who must each agree before a nuclear weapon is used.",
       ["kemp-five-levels", "reporting-several-levels", "reporting-cheget",
        "reporting-general-staff", "hodges-whole-general-staff"], integer=True),
    _p("chain.base_refusal", 0.05, 0, 1, "probability",
       "A typical officer's chance of refusing when nothing argues against the order; each "
       "layer is more or less willing than this (see the chain's layers).",
       ["kemp-some-refuse", "hodges-why-would-we", "reporting-thwarted", "kemp-someone-stops"],
       assumption=_NO_REFUSAL_DATA, per_layer=True),
    _p("chain.units", 3, 1, 20, "units",
       "Parallel weapon units at the last layer; one complying is enough.",
       ["reporting-codes"],
       assumption="The articles say codes go to individual commanders, not how many; three "
                  "units are the modeller's choice.", integer=True),
    _p("chain.weight_futility", 0.8, 0, 5, "log-odds",
       "How much 'what advantage do we get? None' raises refusal.",
       ["hodges-what-advantage", "hodges-only-downside", "hodges-cooler-heads"]),
    _p("chain.weight_fear_west", 0.8, 0, 5, "log-odds",
       "How much fear of the Western response raises refusal.",
       ["hodges-us-involvement", "hodges-ready-for-response"]),
    _p("chain.weight_regime_weakness", 0.8, 0, 5, "log-odds",
       "How much a fragile regime ('life after Putin') raises refusal.",
       ["hodges-life-after-putin"]),
    _p("chain.weight_western_influence", 0.8, 0, 5, "log-odds",
       "How much Western work on individual officers raises refusal.",
       ["kemp-west-worked-on"]),
    _p("chain.weight_illegitimacy", 0.8, 0, 5, "log-odds",
       "How much an order outside doctrine (no threat to 'territorial integrity') raises refusal.",
       ["reporting-territorial-integrity"]),
    _p("chain.demonstration_illegitimacy", 0.5, 0, 1, "share",
       "How illegitimate a demonstration looks to officers, as a share of a strike on Ukraine.",
       ["reporting-test-or-tactical", "reporting-remote-consequences"],
       assumption="A detonation over the sea kills no one, so it is easier to pass; half is "
                  "the modeller's middle value."),
    _p("chain.purge_weeks", 4, 1, 26, "weeks",
       "Weeks to replace an officer who refused before an order can be given again.",
       assumption="Replacing a senior officer takes weeks; four is the modeller's guess. The "
                  "articles describe refusal, not what follows it.", integer=True),
    _p("chain.purge_loyalty", 1.0, 0, 5, "log-odds",
       "How much more willing the replacement officer is than the one he replaced.",
       assumption="The purge itself is the modeller's assumption, not in the articles, which "
                  "describe refusal, not what follows it: a leader bent on use would replace "
                  "an officer who refused rather than give up at once. A replacement is picked "
                  "for loyalty, but faces the same reasons to refuse; one log-odds unit "
                  "(refusal 5% -> 2%) is the modeller's guess."),
    _p("chain.max_reissues", 2, 0, 10, "orders",
       "Times the leader gives an order again after a refusal before he gives up.",
       assumption="Each refusal weakens him and exposes the attempt; two more tries is the "
                  "modeller's guess.", integer=True),
    # --- battlefield --------------------------------------------------------------------
    _p("battlefield.momentum", 1500, 0, 5000, "km²/week",
       "Ukraine's weekly gain at week 0 (Kharkiv: ~7,800 km² in a few weeks, then slowing).",
       ["alperovitch-3000-sq-miles", "alperovitch-kharkiv-cause"]),
    _p("battlefield.momentum_decay", 0.2, 0, 0.5, "per week",
       "How fast an offensive culminates (share of momentum lost each week).",
       ["reporting-quagmire"],
       assumption="Offensives outrun supply and stall within a season; 20% a week halves "
                  "momentum in about three weeks. Revised by hand after v1's territory path was "
                  "refuted by the record, so the record's territory events are in-sample for it "
                  "(docs/ODD.md, section 9)."),
    _p("battlefield.volatility", 0.15, 0, 0.5, "log-sd per week",
       "How much each side's fortunes swing from week to week (breakthroughs, stalls).",
       assumption="Lets a year range from a stalled front to the approaches of Crimea in a "
                  "minority of worlds, as the autumn 2022 forecasts allowed."),
    _p("battlefield.russian_pressure", 20, 0, 1000, "km²/week per 100k",
       "Ground Russia takes each week per 100,000 reservists at the front.",
       ["alperovitch-prolong-war", "alperovitch-delay-loss"],
       assumption="Mobilised men let Russia attack again, slowly; the articles give no pace. "
                  "20 was set by hand after v1's territory path was refuted by the record "
                  "(docs/ODD.md, section 9). With it the baseline's mobilisation cuts Ukraine's "
                  "gains by more than half, the massive effect Alperovitch denies "
                  "(alperovitch-no-massive-effect fails under the baseline): the baseline "
                  "departs from him here, and his preset sets 5."),
    _p("battlefield.south_share", 0.5, 0, 1, "share",
       "Share of Ukraine's gains made on the southern front (Kherson, Zaporizhzhia).",
       assumption="Ukraine attacked on both fronts in autumn 2022; half is the modeller's value."),
    _p("battlefield.russia_held_km2", 82000, 10000, 200000, "km²",
       "Ukrainian land Russia held on 21 Sep 2022, Crimea excluded: the most Ukraine can retake.",
       assumption="About 18% of Ukraine's 603,628 km² was occupied in autumn 2022 (maps of "
                  "the time), less Crimea's 27,000 km²."),
    _p("battlefield.wave_size", 25000, 0, 100000, "reservists",
       "Mobilised reservists sent to the front per wave.",
       ["alperovitch-waves", "alperovitch-300k-unlikely"]),
    _p("battlefield.wave_interval_weeks", 2, 1, 12, "weeks",
       "Weeks between two waves of reservists.",
       ["alperovitch-waves"],
       assumption="'Almost immediately, in small groups': one wave every two weeks.",
       integer=True),
    _p("battlefield.mobilised_total", 300000, 0, 1000000, "reservists",
       "Total reservists that can be sent: the 300,000 announced, which Alperovitch doubts "
       "will be reached.",
       ["reporting-300k-announced"],
       assumption="The ceiling Shoigu announced. Alperovitch calls it unlikely, as the army "
                  "cannot process so many (claim alperovitch-300k-unlikely, which informs "
                  "the wave size instead); the baseline keeps the announced figure, and a "
                  "preset may express his doubt by lowering it."),
    _p("battlefield.reservist_drag", 0.15, 0, 1, "share per 100k",
       "How much 100,000 reservists at the front slow Ukraine's gains.",
       ["alperovitch-no-massive-effect", "alperovitch-delay-loss", "alperovitch-too-late",
        "alperovitch-no-decisive-numbers"],
       assumption="The drag alone honours the claims it cites: under the baseline without "
                  "Russian pressure the mobilisation cuts Ukraine's gains by under a tenth."),
    _p("battlefield.conventional_drag", 0.05, 0, 1, "share",
       "How much strikes on infrastructure and cities slow Ukraine.",
       ["alperovitch-none-good"]),
    _p("battlefield.nuclear_effect", 0.1, 0, 1, "share",
       "How much a tactical nuclear strike slows Ukraine's gains.",
       ["hodges-kemp-little-advantage", "hodges-no-battlefield-change",
        "kemp-no-frontline-impact"]),
    _p("battlefield.crimea_km2", 20000, 1000, 100000, "km²",
       "Southern ground Ukraine must retake to stand at the approaches to Crimea (threat 1).",
       ["alperovitch-crimea-last-option"],
       assumption="About the rest of Kherson and southern Zaporizhzhia oblasts; the articles "
                  "give no distance."),
    _p("battlefield.kharkiv_losses_km2", 7800, 0, 50000, "km²",
       "Ground lost in the weeks before the mobilisation, which the leader still feels at week 0.",
       ["alperovitch-3000-sq-miles", "alperovitch-humiliating-defeat"]),
    _p("battlefield.territory_scale_km2", 15000, 1000, 100000, "km²",
       "Recent losses at which the leader's sense of defeat is half-way to its maximum.",
       ["alperovitch-humiliating-defeat"],
       assumption="Twice the Kharkiv losses make the defeat unmistakable."),
    _p("battlefield.donbass_remaining_km2", 12000, 0, 60000, "km²",
       "What Ukraine still held of Donetsk and Luhansk oblasts in September 2022: Russia's net "
       "gain must cover it before the Donbass objective is met.",
       ["alperovitch-donbass-unlikely", "alexander-fluid"],
       assumption="Donetsk oblast is about 26,500 km²; Ukraine held roughly 45% of it in "
                  "autumn 2022 and almost none of Luhansk (AFP/ISW: Russia held 78% of Donetsk "
                  "by July 2025). The ledger decides, so no world takes the Donbass while "
                  "Ukraine gains ground."),
    _p("battlefield.offensive_rate", 1.0, 0, 6, "per year",
       "New Ukrainian offensives a year (in May-October only), when none is scheduled.",
       ["alperovitch-prolong-war", "alexander-fluid"],
       assumption="Two in the war's first seven months (Kharkiv, Kherson, both in the dry "
                  "season); with Western aid Ukraine could mount about one a campaign season "
                  "(modeller's reading of the autumn 2022 debate)."),
    _p("battlefield.offensive_km2", 4000, 0, 50000, "km²",
       "Ground a new Ukrainian offensive would take at full pace before it culminates (mean; "
       "each one's size varies).",
       ["alperovitch-3000-sq-miles"],
       assumption="About half of Kharkiv's 7,800 km²: later offensives meet prepared lines "
                  "(modeller's). Sizes are exponential: most are small, a few large."),
    _p("battlefield.russian_offensive_rate", 1.0, 0, 6, "per year",
       "New Russian offensives a year (all year round), when none is scheduled.",
       ["alperovitch-prolong-war", "alexander-fluid"],
       assumption="Russia attacked in the Donbass from April 2022 and at Bakhmut from August, "
                  "winter included: about one a year (modeller's)."),
    _p("battlefield.russian_offensive_km2", 1500, 0, 50000, "km²",
       "Ground a new Russian offensive would take before it culminates (mean).",
       ["alperovitch-no-decisive-numbers"],
       assumption="Russia's 2022 Donbass offensive took Severodonetsk and Lysychansk, a few "
                  "thousand km² in three months; a grinding push takes less (modeller's)."),
    _p("battlefield.russian_offensive_decay", 0.05, 0.01, 0.5, "per week",
       "How fast a Russian offensive culminates (share of its push lost each week).",
       assumption="Russia's offensives grind for months (Bakhmut from August 2022): 5% a week, "
                  "a half-life of about three months (modeller's)."),
    _p("battlefield.encirclement_rate", 0.2, 0, 4, "per year",
       "Times a year a Russian line breaks and a force is cut off in the south, when none is "
       "scheduled.",
       ["alperovitch-humiliating-defeat"],
       assumption="US intelligence weighed in October 2022 a Kherson pocket of about 30,000 "
                  "troops; one in five years is the modeller's rate for such a collapse."),
    _p("battlefield.encirclement_km2", 4000, 0, 20000, "km²",
       "Ground Ukraine takes in the week a line breaks (mean), all of it in the south.",
       assumption="The Russian-held west bank of the Dnipro around Kherson was of this order "
                  "(modeller's)."),
    _p("battlefield.incursion_rate", 0.3, 0, 4, "per year",
       "Ukrainian incursions a year that hold Russian land, when none is scheduled.",
       ["reporting-territorial-integrity"],
       assumption="Shelling and raids on Belgorod in 2022 but no land held: a holding incursion "
                  "about once in three years is the modeller's guess."),
    _p("battlefield.incursion_km2", 800, 0, 20000, "km²",
       "Russian land an incursion holds at first (mean).",
       assumption="A raid in force a few dozen kilometres deep along a stretch of border "
                  "(modeller's)."),
    _p("battlefield.incursion_retake", 0.05, 0, 1, "per week",
       "Share of the Russian land held by Ukraine that Russia retakes each week.",
       assumption="Russia can mass on its own soil: a half-life of about three months "
                  "(modeller's)."),
    _p("battlefield.deep_strike_rate", 1.0, 0, 12, "per year",
       "Major Ukrainian strikes on Russia itself a year (bases, bombers), when none is "
       "scheduled.",
       ["reporting-territorial-integrity"],
       assumption="Belgorod's depots (April 2022) and the Crimean air bases (August 2022, "
                  "Russia calls Crimea its own): about two in seven months; one major strike a "
                  "year is the modeller's."),
    _p("battlefield.deep_strike_shock", 0.3, 0, 1, "shock index",
       "How much one deep strike adds to the sense that Russia itself is attacked (mean; it "
       "fades like a defeat).",
       assumption="A third of the worst: a strike hurts prestige more than it changes the war "
                  "(modeller's)."),
    _p("battlefield.mobilisation_rate", 0.3, 0, 4, "per year",
       "New waves of mobilisation a year, when none is scheduled.",
       ["alperovitch-300k-unlikely", "reporting-300k-announced"],
       assumption="A second wave was widely expected in autumn 2022 and denied; about one in "
                  "three years is the modeller's."),
    _p("battlefield.mobilisation_size", 150000, 0, 1000000, "reservists",
       "Reservists a new mobilisation calls up (mean), sent in waves like the first.",
       ["reporting-300k-announced"],
       assumption="Half of September 2022's 300,000 (modeller's)."),
    # --- domestic -----------------------------------------------------------------------
    _p("domestic.initial_protest", 0.3, 0, 1, "index",
       "Protest level in the mobilisation week (more than 1,300 arrests).",
       ["reporting-protests"]),
    _p("domestic.protest_decay", 0.15, 0, 1, "per week",
       "Share of protest that fades each week without new causes.",
       assumption="Protests in Russia were suppressed within weeks in 2022."),
    _p("domestic.mobilisation_discontent", 0.05, 0, 0.5, "index per wave",
       "Protest added by each wave of reservists sent to the front.",
       assumption="Families of the mobilised complain; the articles give no size."),
    _p("domestic.initial_weakness", 0.3, 0, 1, "index",
       "The leader's perceived weakness in the mobilisation week.",
       ["alperovitch-humiliating-defeat", "alexander-weakness-sign"]),
    _p("domestic.weakness_from_defeat", 0.4, 0, 2, "index",
       "How much defeat on the battlefield adds to the regime's fragility (ouster, officers).",
       ["alperovitch-weak-leader"]),
    _p("domestic.weakness_from_refusal", 0.15, 0, 1, "index per refusal",
       "Weakness added each time the command chain refuses his order.",
       ["hodges-life-after-putin"]),
    _p("domestic.weakness_from_protest", 0.3, 0, 2, "index",
       "Weakness added by protest at its maximum.",
       ["reporting-protests", "alexander-weakness-sign"]),
    _p("domestic.ouster_base_rate", 0.0005, 0, 0.1, "per week",
       "Weekly hazard that the leader is ousted when he is not weak at all.",
       assumption="The modeller's choice of a low base rate, not taken from any claim: Putin "
                  "had ruled for 22 years and purged rivals; ~2.5% a year."),
    _p("domestic.ouster_weakness_rate", 0.004, 0, 0.5, "per week",
       "Extra weekly ouster hazard at maximum fragility (Gorbachev, Khrushchev, Nicholas II).",
       ["alperovitch-ousted-history", "alperovitch-weak-leader"],
       assumption="The claims motivate the mechanism (defeat and looking weak raise the "
                  "hazard of ouster), not the number: Alperovitch gives no rate. 0.004 a week "
                  "(about a fifth a year even at maximum fragility) is the modeller's choice "
                  "of a low rate, set by hand below what his reading suggests, since Putin's "
                  "hold on the elite was firmer than that of his examples; the alperovitch "
                  "preset raises it."),
    _p("domestic.successor_ends_war", 0.5, 0, 1, "probability",
       "Chance that a successor seeks peace; otherwise he fights on.",
       ["alperovitch-ousted-history"],
       assumption="Of Alperovitch's examples, the Provisional Government fought on after "
                  "Nicholas II; an even chance is the modeller's."),
    _p("domestic.elite_crisis_rate", 0.3, 0, 4, "per year",
       "Crises among the elites a year (a mutiny, a public split), when none is scheduled.",
       ["alperovitch-precarious", "alperovitch-weak-leader"],
       assumption="Kadyrov and Prigozhin attacked the generals in public after Lyman "
                  "(October 2022); an open crisis about once in three years is the modeller's."),
    _p("domestic.elite_shock", 0.3, 0, 1, "index",
       "Weakness an elite crisis adds at once (mean; it fades).",
       ["alperovitch-weak-leader"],
       assumption="Enough to double the hazard of ouster for a while (modeller's)."),
    _p("domestic.elite_recovery", 0.1, 0.01, 1, "per week",
       "Share of an elite crisis's weakness the leader recovers each week.",
       assumption="A purge or a deal restores his hold within months (modeller's)."),
    # --- West ---------------------------------------------------------------------------
    _p("west.initial_support", 0.6, 0, 1, "index",
       "Western support for Ukraine in the mobilisation week.",
       assumption="Strong and rising in autumn 2022; 0.6 leaves room to rise and fall."),
    _p("west.backfire", 0.02, 0, 0.2, "index per week",
       "Support added each week Russia bombs cities (it backfires).",
       ["reporting-backfire", "reporting-quagmire"]),
    _p("west.fatigue", 0.005, 0, 0.1, "per week",
       "Share of support lost each week to fatigue and other priorities.",
       assumption="Aid debates in 2023 show support can erode; 0.5% a week is the modeller's."),
    _p("west.support_after_use", 0.2, 0, 1, "index",
       "Support added by a nuclear use (condemnation, sympathy for Ukraine).",
       ["reporting-backfire", "hodges-psychological-impact"]),
    _p("west.support_effect", 0.5, 0, 2, "share",
       "How much support above its initial level speeds Ukraine's gains.",
       assumption="More weapons, faster advance; the articles give no size."),
    _p("west.decisive_response", 0.6, 0, 1, "probability",
       "Chance the West answers tactical nuclear use with direct military involvement.",
       ["hodges-painful-decisive", "hodges-us-involvement", "reporting-drawn-in"]),
    _p("west.demonstration_response", 0.3, 0, 1, "ratio",
       "The same chance after a demonstration, as a share of the response to tactical use.",
       ["reporting-remote-consequences"]),
    _p("west.deterrence", 2.0, 0, 10, "utility",
       "What a certain decisive Western response costs the leader; he weighs it by its chance.",
       ["hodges-more-where-that-came-from", "hodges-painful-decisive"]),
    _p("west.wider_war_rate", 0.01, 0, 0.2, "per week",
       "Weekly hazard of a wider war once NATO is directly involved.",
       ["reporting-world-war", "reporting-drawn-in"]),
    _p("west.influence", 0.5, 0, 1, "index",
       "How far Western outreach reaches individual Russian officers, at full support.",
       ["kemp-west-worked-on"]),
    _p("west.aid_rate", 1.5, 0, 12, "per year",
       "Escalations of Western aid a year (new weapons, permission to strike further), when "
       "none is scheduled.",
       ["hodges-ready-for-response"],
       assumption="HIMARS (June 2022) and the air-defence pledges of October 2022: each few "
                  "months a new kind of weapon; one and a half a year is the modeller's."),
    _p("west.aid_step", 0.05, 0, 1, "index",
       "Support one escalation of aid adds (mean).",
       assumption="A tenth of the room support has to rise (modeller's)."),
    # --- China --------------------------------------------------------------------------
    _p("china.initial_support", 0.5, 0, 1, "index",
       "China's support for Russia in the mobilisation week (already declining).",
       ["kemp-china-collapse"]),
    _p("china.decline", 0.005, 0, 0.1, "per week",
       "Share of its support China withdraws each week of the war.",
       ["kemp-china-collapse"]),
    _p("china.volatility", 0.02, 0, 0.2, "index per week",
       "How much China's stance swings from week to week (summits, statements).",
       assumption="Beijing's statements moved both ways in 2022-23; the size is the modeller's."),
    _p("china.backlash", 0.002, 0, 0.1, "index per week",
       "Support China withdraws each week Russia bombs cities.",
       ["kemp-china-collapse"],
       assumption="Indiscriminate bombing embarrasses a partner that claims neutrality."),
    _p("china.collapse_after_use", 0.7, 0, 1, "share",
       "Share of China's remaining support lost after a nuclear use.",
       ["kemp-china-collapse"]),
    _p("china.restraint", 1.0, 0, 5, "utility",
       "How much the risk of losing China's support holds the leader back from nuclear steps.",
       ["kemp-china-collapse"]),
    # --- accidents ----------------------------------------------------------------------
    _p("accidents.escalation", 0.005, 0, 0.1, "per week",
       "Weekly chance the war moves up a conventional rung without a decision (misreading, "
       "local initiative).",
       assumption="Not in the articles; a small two-sided friction so analysts can see how "
                  "much of the path is deliberate."),
    _p("accidents.deescalation", 0.005, 0, 0.1, "per week",
       "Weekly chance the war moves down a rung without a decision (a lull, a local truce).",
       assumption="The mirror of accidental escalation, equally small."),
)}

ACTORS = ("model", "leader", "chain", "battlefield", "domestic", "west", "china", "accidents")


def defaults() -> dict[str, Any]:
    """Return the baseline value of every parameter."""
    return {name: p.default for name, p in SCHEMA.items()}


def lookup(name: str) -> Param:
    """Return the schema entry for ``name``, suggesting the nearest name on a typo."""
    if not isinstance(name, str) or len(name) > 100:
        raise ParameterError(shown(name), "is not a parameter name; expected a dotted name "
                                          "such as chain.layers (`python -m simulator params` "
                                          "lists them all)")
    try:
        return SCHEMA[name]
    except KeyError:
        near = difflib.get_close_matches(name, SCHEMA, n=1, cutoff=0.5)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        raise ParameterError(
            name, f"unknown parameter{hint} (`python -m simulator params` lists them all)"
        ) from None


def validate(overrides: Mapping[str, Any], base: Mapping[str, Any] | None = None) -> dict:
    """Return every parameter's value: the defaults, updated with ``base``, then ``overrides``.

    ``base`` and ``overrides`` are checked alike, so a full parameter set from elsewhere
    (a file, a design, a user's dict) is as safe as a preset. A parameter missing from both
    keeps its default, as in presets and ``--set``: a partial mapping means "the baseline,
    except these". The result also holds ``events`` (``events.EVENTS_KEY``), the scheduled
    events, checked against the horizon (none if neither mapping gives any). A valid value of
    ``base`` is kept as it is (1500 stays an int); the others, and every override, become
    the schema's type.

    Raises:
        ParameterError: naming the first unknown parameter (and the nearest valid name) or
            out-of-range value, with the allowed range.
    """
    values = defaults()
    scheduled = None
    for name, value in (base or {}).items():
        if name == EVENTS_KEY:
            scheduled = value
            continue
        param = SCHEMA.get(name) if type(name) is str else None
        kind = type(value)  # inline, not a call per value: a model checks all it is given
        if not (param is not None and (kind is int or kind is float and not param.integer)
                and param.low <= value <= param.high):
            value = lookup(name).check(value)
        values[name] = value
    for name, value in overrides.items():
        if name == EVENTS_KEY:
            scheduled = value
        else:
            values[name] = lookup(name).check(value)
    values[EVENTS_KEY] = events.check(scheduled, values["horizon_weeks"], _read_size)
    layers = values["chain.layers"]
    refusal = values["chain.base_refusal"]
    if isinstance(refusal, list) and len(refusal) != layers:
        raise ParameterError(
            "chain.base_refusal",
            f"the per-layer list has {len(refusal)} values but chain.layers is {layers}",
        )
    return values


def _read_size(field: str, low: float, high: float, unit: str, value: Any) -> float:
    """An event's size, read as a parameter's number is (``Param.check``)."""
    return Param(field, 0, low, high, unit, "").check(value)


def parse_assignment(text: str) -> tuple[str, Any]:
    """Parse a ``name=value`` string from the command line (lists as ``a,b,c``)."""
    name, sep, raw = text.partition("=")
    if not sep:
        raise ParameterError(text, "expected name=value, e.g. chain.layers=4")
    name = name.strip()
    param = lookup(name)
    if param.per_layer and "," in raw:
        return name, param.check([v for v in raw.split(",")])
    return name, param.check(raw)


def by_actor(names: Iterable[str] | None = None) -> dict[str, list[Param]]:
    """Group schema entries by actor, in the schema's order."""
    groups: dict[str, list[Param]] = {actor: [] for actor in ACTORS}
    for name in SCHEMA if names is None else names:
        groups[SCHEMA[name].actor].append(SCHEMA[name])
    return {actor: params for actor, params in groups.items() if params}
