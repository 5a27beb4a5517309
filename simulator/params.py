"""The parameter schema: every number the model uses, with its range, unit and provenance.

A parameter either cites the claims (ids in ``scenarios/claims.yaml``) that inform it or
says, in ``assumption``, why the modeller chose it. Tests fail when one does neither.
"""

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from simulator.errors import ParameterError

MAX_LAYERS = 10


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

    def _check_one(self, value: Any) -> float | int:
        if isinstance(value, bool) or not isinstance(value, int | float):
            try:
                value = float(str(value).strip())
            except ValueError:
                raise ParameterError(
                    self.name, f"{value!r} is not a number; expected {self.range_text}"
                ) from None
        if value != value or not self.low <= value <= self.high:
            raise ParameterError(
                self.name, f"{value:g} is out of range; expected {self.range_text}"
            )
        if self.integer:
            if float(value) != int(value):
                raise ParameterError(self.name, f"{value:g} is not {self.range_text}")
            return int(value)
        return float(value)


def _p(name, default, low, high, unit, help, claims=(), assumption="", **kw) -> Param:
    return Param(name, default, low, high, unit, help, tuple(claims), assumption, **kw)


_NO_REFUSAL_DATA = (
    "No public refusal rates exist for nuclear command chains; the baseline value is the "
    "modeller's, set so the chain stops roughly a third of orders (B-59, 1962, is the "
    "precedent of a single officer's refusal)."
)

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
       "How strongly desperation pushes the leader to double down.",
       ["reporting-last-roll", "reporting-cornered", "reporting-future-tied"]),
    _p("leader.weight_territory", 1.0, 0, 5, "weight",
       "Weight of territory lost to Ukraine in the leader's desperation.",
       ["alperovitch-kharkiv-cause", "reporting-new-defeats"]),
    _p("leader.weight_crimea", 2.0, 0, 5, "weight",
       "Weight of the threat to Crimea in the leader's desperation.",
       ["alperovitch-crimea-last-option"]),
    _p("leader.weight_donbass", 1.0, 0, 5, "weight",
       "Weight of failing to take the Donbass, his stated goal, in his desperation.",
       ["alperovitch-cornered-donbass"]),
    _p("leader.weight_weakness", 1.0, 0, 5, "weight",
       "Weight of looking weak at home in the leader's desperation.",
       ["alperovitch-weak-leader", "alperovitch-precarious"]),
    _p("leader.escalation_cost", 5.0, 0, 10, "utility",
       "How much the leader fears the cost of the next rung (Western response).",
       ["hodges-ready-for-response", "alperovitch-none-good"]),
    _p("leader.face_cost", 2.0, 0, 10, "utility",
       "What backing down costs the leader in face: he has left himself no way out.",
       ["alperovitch-precarious", "alperovitch-weak-leader"]),
    _p("leader.peace_pull", 1.0, 0, 10, "utility",
       "How much protests at home pull the leader towards de-escalation.",
       ["reporting-protests"]),
    _p("leader.nuclear_threshold", 0.8, 0, 1, "threat index",
       "Threat to Crimea (0 none, 1 Ukraine at the isthmus) beyond which nuclear options open.",
       ["alperovitch-crimea-last-option", "reporting-territorial-integrity"]),
    _p("leader.desperation_threshold", 0.8, 0, 1, "desperation index",
       "Desperation beyond which nuclear options open even with Crimea safe.",
       ["kemp-cornered-problem", "reporting-last-options"]),
    _p("leader.bluff_share", 0.5, 0, 1, "probability",
       "Share of nuclear escalations that are rhetoric without a real order.",
       ["alperovitch-bluff-for-now", "alexander-bluff-or-distraction"]),
    _p("leader.demonstration_share", 0.5, 0, 1, "probability",
       "Share of first nuclear orders that are a demonstration (e.g. over the Black Sea).",
       ["reporting-black-sea-fear", "reporting-test-or-tactical"]),
    _p("leader.escalate_to_deescalate", 2.5, 0, 5, "utility",
       "The leader's belief that a nuclear step makes the other side back down.",
       ["reporting-escalate-to-deescalate", "reporting-intimidation-doctrine"]),
    _p("leader.anticipation", 1.0, 0, 10, "utility",
       "How much a leader who expects the chain to refuse holds back the order (0 = ignores it).",
       ["kemp-cornered-problem"],
       assumption="The articles say the chain may refuse, not whether he foresees it; 1 is a "
                  "middle weight."),
    # --- command chain ------------------------------------------------------------------
    _p("chain.layers", 5, 1, 10, "layers",
       "Layers of officers who must each agree before a nuclear weapon is used.",
       ["kemp-five-levels", "reporting-several-levels", "reporting-cheget",
        "reporting-general-staff"], integer=True),
    _p("chain.base_refusal", 0.03, 0, 1, "probability",
       "Each layer's chance of refusing when nothing else argues against the order.",
       ["kemp-some-refuse", "hodges-why-would-we", "reporting-thwarted"],
       assumption=_NO_REFUSAL_DATA, per_layer=True),
    _p("chain.units", 3, 1, 20, "units",
       "Parallel weapon units at the last layer; one complying is enough.",
       ["reporting-codes"],
       assumption="The articles say codes go to individual commanders, not how many; three "
                  "units are the modeller's choice.", integer=True),
    _p("chain.weight_futility", 0.6, 0, 5, "log-odds",
       "How much 'what advantage do we get? None' raises each layer's refusal.",
       ["hodges-what-advantage", "hodges-only-downside"]),
    _p("chain.weight_fear_west", 0.6, 0, 5, "log-odds",
       "How much fear of the Western response raises each layer's refusal.",
       ["hodges-us-involvement", "hodges-ready-for-response"]),
    _p("chain.weight_regime_weakness", 0.6, 0, 5, "log-odds",
       "How much a weak regime ('life after Putin') raises each layer's refusal.",
       ["hodges-life-after-putin"]),
    _p("chain.weight_western_influence", 0.6, 0, 5, "log-odds",
       "How much Western work on individual officers raises each layer's refusal.",
       ["kemp-west-worked-on"]),
    _p("chain.weight_illegitimacy", 0.6, 0, 5, "log-odds",
       "How much an order outside doctrine (no threat to 'territorial integrity') raises refusal.",
       ["reporting-territorial-integrity", "reporting-doctrine-red-lines"]),
    _p("chain.purge_weeks", 4, 1, 26, "weeks",
       "Weeks to replace an officer who refused before the order can be given again.",
       ["hodges-whole-general-staff"],
       assumption="Replacing a senior officer takes weeks; four is the modeller's guess.",
       integer=True),
    _p("chain.purge_factor", 0.5, 0, 1, "ratio",
       "The replacement officer's baseline refusal as a share of the one he replaced.",
       ["hodges-whole-general-staff"],
       assumption="A replacement is picked for loyalty; halving the refusal is the "
                   "modeller's guess."),
    # --- battlefield --------------------------------------------------------------------
    _p("battlefield.momentum", 900, 0, 5000, "km²/week",
       "Ukraine's weekly territorial gain at week 0 (Kharkiv: ~7,800 km² in a few weeks).",
       ["alperovitch-3000-sq-miles", "alperovitch-kharkiv-cause"]),
    _p("battlefield.momentum_decay", 0.04, 0, 0.5, "per week",
       "How fast an offensive loses steam (share of momentum lost each week).",
       ["reporting-quagmire"],
       assumption="Offensives slow with supply lines and winter; 4%/week halves momentum in "
                  "about four months."),
    _p("battlefield.volatility", 0.15, 0, 0.5, "log-sd per week",
       "How much Ukraine's fortunes swing from week to week (breakthroughs, stalls).",
       assumption="Chosen so that a year spreads outcomes from stalemate to the approaches "
                  "of Crimea in a minority of worlds, as autumn 2022 forecasts allowed."),
    _p("battlefield.wave_size", 25000, 0, 100000, "reservists",
       "Mobilised reservists sent to the front per wave.",
       ["alperovitch-waves"]),
    _p("battlefield.wave_interval_weeks", 2, 1, 12, "weeks",
       "Weeks between two waves of reservists.",
       ["alperovitch-waves"],
       assumption="'Almost immediately, in small groups': one wave every two weeks.",
       integer=True),
    _p("battlefield.mobilised_total", 300000, 0, 1000000, "reservists",
       "Total reservists that can be sent (the announced figure; Alperovitch doubts it).",
       ["alperovitch-300k-unlikely"]),
    _p("battlefield.reservist_drag", 0.15, 0, 1, "share per 100k",
       "How much 100,000 reservists at the front slow Ukraine's gains.",
       ["alperovitch-no-massive-effect", "alperovitch-delay-loss", "alperovitch-too-late",
        "alperovitch-no-decisive-numbers"]),
    _p("battlefield.conventional_drag", 0.05, 0, 1, "share",
       "How much the top conventional rungs (infrastructure, cities, air force) slow Ukraine.",
       ["alperovitch-none-good"]),
    _p("battlefield.nuclear_effect", 0.1, 0, 1, "share",
       "How much a tactical nuclear strike slows Ukraine's gains.",
       ["hodges-kemp-little-advantage", "hodges-no-battlefield-change",
        "kemp-no-frontline-impact"]),
    _p("battlefield.crimea_km2", 24000, 1000, 100000, "km²",
       "Territory Ukraine must retake to stand at the approaches to Crimea (threat index 1).",
       ["alperovitch-crimea-last-option"],
       assumption="About the rest of Kherson and southern Zaporizhzhia oblasts; the articles "
                  "give no distance."),
    _p("battlefield.territory_scale_km2", 15000, 1000, 100000, "km²",
       "Territory lost at which the leader's sense of defeat is half-way to its maximum.",
       ["alperovitch-humiliating-defeat"],
       assumption="Twice the Kharkiv losses make the defeat unmistakable."),
    _p("battlefield.donbass_capture_rate", 0.005, 0, 0.5, "per week",
       "Weekly chance that Russia completes its Donbass objective (less while losing the south).",
       ["alperovitch-donbass-unlikely", "alexander-fluid"]),
    _p("battlefield.donbass_deadline_weeks", 12, 1, 52, "weeks",
       "Weeks after which not holding the Donbass counts as a failed objective.",
       ["alperovitch-cornered-donbass"],
       assumption="A season's campaign; the articles name the goal, not the date.",
       integer=True),
    # --- domestic -----------------------------------------------------------------------
    _p("domestic.initial_protest", 0.3, 0, 1, "index",
       "Protest level in the mobilisation week (more than 1,300 arrests).",
       ["reporting-protests"]),
    _p("domestic.protest_decay", 0.15, 0, 1, "per week",
       "Share of protest that fades each week without new causes.",
       assumption="Protests in Russia were suppressed within weeks in 2022."),
    _p("domestic.mobilisation_discontent", 0.05, 0, 0.5, "index per wave",
       "Protest added by each wave of reservists sent to the front.",
       ["alexander-reservists-involve"]),
    _p("domestic.initial_weakness", 0.3, 0, 1, "index",
       "The leader's perceived weakness in the mobilisation week.",
       ["alperovitch-humiliating-defeat", "alexander-weakness-sign"]),
    _p("domestic.weakness_from_defeat", 0.4, 0, 2, "index",
       "Weakness added by defeat (territory lost, Donbass goal failed).",
       ["alperovitch-weak-leader"]),
    _p("domestic.weakness_from_refusal", 0.15, 0, 1, "index per refusal",
       "Weakness added each time the command chain refuses his order.",
       ["hodges-life-after-putin"]),
    _p("domestic.weakness_from_protest", 0.3, 0, 2, "index",
       "Weakness added by protest at its maximum.",
       ["reporting-protests", "alexander-weakness-sign"]),
    _p("domestic.ouster_base_rate", 0.001, 0, 0.1, "per week",
       "Weekly hazard that the leader is ousted when he is not weak at all.",
       assumption="Putin had ruled for 22 years; a base hazard of ~5% a year."),
    _p("domestic.ouster_weakness_rate", 0.004, 0, 0.5, "per week",
       "Extra weekly ouster hazard at maximum weakness (Gorbachev, Khrushchev, Nicholas II).",
       ["alperovitch-ousted-history", "alperovitch-weak-leader"]),
    # --- West ---------------------------------------------------------------------------
    _p("west.initial_support", 0.6, 0, 1, "index",
       "Western support for Ukraine in the mobilisation week.",
       assumption="Strong and rising in autumn 2022; 0.6 leaves room to rise."),
    _p("west.backfire", 0.02, 0, 0.2, "index per week",
       "Support added each week Russia bombs cities (it backfires).",
       ["reporting-backfire", "reporting-quagmire"]),
    _p("west.support_after_use", 0.2, 0, 1, "index",
       "Support added by a nuclear use (condemnation, sympathy for Ukraine).",
       ["reporting-backfire"]),
    _p("west.support_effect", 0.5, 0, 2, "share",
       "How much support above its initial level speeds Ukraine's gains.",
       assumption="More weapons, faster advance; the articles give no size."),
    _p("west.decisive_response", 0.6, 0, 1, "probability",
       "Chance the West answers tactical nuclear use with direct military involvement.",
       ["hodges-painful-decisive", "hodges-us-involvement", "reporting-drawn-in"]),
    _p("west.demonstration_response", 0.3, 0, 1, "ratio",
       "The same chance after a demonstration, as a share of the response to tactical use.",
       ["reporting-remote-consequences"]),
    _p("west.wider_war_rate", 0.01, 0, 0.2, "per week",
       "Weekly hazard of a wider war once NATO is directly involved.",
       ["reporting-world-war", "reporting-drawn-in"]),
    _p("west.influence", 0.5, 0, 1, "index",
       "How far Western outreach has reached individual Russian officers.",
       ["kemp-west-worked-on"]),
    _p("west.deterrence", 2.0, 0, 10, "utility",
       "Extra cost the leader sees in further nuclear steps once the West has responded.",
       ["hodges-more-where-that-came-from"]),
    # --- China --------------------------------------------------------------------------
    _p("china.initial_support", 0.5, 0, 1, "index",
       "China's support for Russia in the mobilisation week (already declining).",
       ["kemp-china-collapse"]),
    _p("china.decline", 0.005, 0, 0.1, "per week",
       "Support China withdraws each week of the war.",
       ["kemp-china-collapse"]),
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
    try:
        return SCHEMA[name]
    except KeyError:
        near = difflib.get_close_matches(name, SCHEMA, n=1, cutoff=0.5)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        raise ParameterError(
            name, f"unknown parameter{hint} (`python -m simulator params` lists them all)"
        ) from None


def validate(overrides: Mapping[str, Any], base: Mapping[str, Any] | None = None) -> dict:
    """Return ``base`` (default: the schema's defaults) updated with checked ``overrides``.

    Raises:
        ParameterError: naming the first unknown parameter or out-of-range value.
    """
    values = dict(defaults() if base is None else base)
    for name, value in overrides.items():
        values[name] = lookup(name).check(value)
    layers = values["chain.layers"]
    refusal = values["chain.base_refusal"]
    if isinstance(refusal, list) and len(refusal) != layers:
        raise ParameterError(
            "chain.base_refusal",
            f"the per-layer list has {len(refusal)} values but chain.layers is {layers}",
        )
    return values


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


def layer_refusals(values: Mapping[str, Any]) -> list[float]:
    """Return one baseline refusal probability per command layer."""
    refusal = values["chain.base_refusal"]
    layers = values["chain.layers"]
    return list(refusal) if isinstance(refusal, list) else [refusal] * layers


def by_actor(names: Iterable[str] | None = None) -> dict[str, list[Param]]:
    """Group schema entries by actor, in the schema's order."""
    groups: dict[str, list[Param]] = {actor: [] for actor in ACTORS}
    for name in SCHEMA if names is None else names:
        groups[SCHEMA[name].actor].append(SCHEMA[name])
    return {actor: params for actor, params in groups.items() if params}
