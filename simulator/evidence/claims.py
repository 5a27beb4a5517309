"""The claims registry: load it, check it against the code, and run the outcome checks.

A claim is to this project what a strategy is to Axelrod: a registered, citable object
(quote -> interpretation -> the parameters it sets). ``problems()`` lists every way the
registry and the code disagree; tests require the list to be empty.
"""

import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from simulator.errors import SimulatorError, shown
from simulator.model import ladder, params, safe_yaml
from simulator.model.scenario import SCENARIO_DIR, Scenario, load
from simulator.results import analysis
from simulator.running import engine

CLAIMS_FILE = SCENARIO_DIR / "claims.yaml"
ARTICLES = ("000_531c91d1f6711518.txt", "004_e0773693da75453a.txt")
MAX_QUOTE = 200
"""A quote is a sentence at most: the articles are cited, never copied."""
_OPS = {"<": operator.lt, ">": operator.gt, "between": lambda x, bounds: bounds[0] < x < bounds[1]}
_FIELDS = {"id", "speaker", "article", "quote", "paraphrase", "paraphrase_fr", "interpretation",
           "interpretation_fr", "informs", "check", "note"}
_OPTIONAL = {"check", "note"}
_CHECK_FIELDS = {"preset", "when", "outcome", "stat", "op", "value", "bound", "given", "versus",
                 "compare", "says", "says_fr", "falsifier", "invariant", "revised"}
_FALSIFIER_FIELDS = {"preset", "set", "why", "why_fr"}


class ClaimsError(SimulatorError):
    """A registry entry that is malformed."""


@dataclass(frozen=True)
class Falsifier:
    """The contrasting setting under which a check must fail: what the speaker argued against.

    Either another preset, or the check's own preset with some values changed, or both.
    """

    why: str
    preset: str | None = None
    set: Mapping[str, Any] = field(default_factory=dict)
    why_fr: str = ""

    def describe(self, check_preset: str) -> str:
        """The setting in words, e.g. ``kemp with chain.base_refusal=0``."""
        changes = ", ".join(f"{name}={shown(value)}" for name, value in self.set.items())
        preset = self.preset or check_preset
        return f"{preset} with {changes}" if changes else preset

    def scenario(self, check_preset: str) -> Scenario:
        """The falsifying scenario."""
        return load(self.preset or check_preset).with_overrides(dict(self.set))


@dataclass(frozen=True)
class Check:
    """What the model must show, under a preset, for a speaker's claim to hold.

    ``statistic op value``, where the statistic is a probability or mean of ``outcome``
    (over worlds where ``given`` happened), or, with ``versus``, its paired difference
    (or ratio) against the same preset with those values changed, on the same seed.
    ``bound`` says which end of the 95% interval must pass (``estimate`` for the point).
    ``when`` is the condition of a conditional claim ("if Ukraine drives on Crimea"): values
    set wherever the check runs, under its preset, its falsifier or a random draw alike.
    """

    preset: str
    outcome: str
    op: str
    value: float
    says: str
    stat: str = "probability"
    bound: str = "estimate"
    given: str | None = None
    versus: Mapping[str, Any] | None = None
    compare: str = "difference"
    falsifier: Falsifier | None = None
    when: Mapping[str, Any] = field(default_factory=dict)
    says_fr: str = ""
    invariant: str = ""
    """Why the check holds over (nearly) the whole parameter space, where it does: a
    property of the design rather than of the speaker's view."""
    revised: str = ""
    """When and why the check was changed after the model changed (the version, the old
    form, what was measured), so a loosened bound is on the record."""


@dataclass(frozen=True)
class Claim:
    """One claim of one speaker in one article.

    ``quote`` is the article's French; ``paraphrase`` and ``interpretation`` are our English,
    and ``paraphrase_fr`` and ``interpretation_fr`` the same in French, for the French pages
    (likewise a check's ``says_fr`` and its falsifier's ``why_fr``).

    The French sits beside the English in the registry rather than in the gettext catalogue:
    these are content, written and reviewed claim by claim with the quote they paraphrase,
    and a catalogue entry keyed by its English would turn fuzzy (shown in English) whenever
    a check's wording is revised; ``problems()`` instead names any claim without its French.
    """

    id: str
    speaker: str
    article: str
    quote: str
    paraphrase: str
    interpretation: str
    paraphrase_fr: str = ""
    interpretation_fr: str = ""
    informs: tuple[str, ...] = ()
    check: Check | None = None
    note: str = ""
    """A caveat on the quote itself, e.g. where the French translation may depart from the
    English original."""


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one claim's check.

    Attributes:
        claim: The claim checked.
        passed: Whether the model shows what the claim says.
        value: The number compared with the threshold.
        estimate: The point statistic (probability, mean, difference or ratio).
        interval: Its 95% interval, where one exists.
        detail: One line saying what was compared.
    """

    claim: Claim
    passed: bool
    value: float
    estimate: float
    interval: tuple[float, float] | None = None
    detail: str = field(default="")


def _check_from(entry: Mapping, claim_id: str) -> Check:
    unknown = set(entry) - _CHECK_FIELDS
    if unknown:
        raise ClaimsError(f"claims.yaml: {claim_id}.check: unknown key {sorted(unknown)[0]!r}")
    falsifier = entry.get("falsifier")
    if not isinstance(falsifier, Mapping) or not falsifier.get("why") or not (
            falsifier.get("preset") or falsifier.get("set")):
        raise ClaimsError(f"claims.yaml: {claim_id}.check.falsifier: name the setting under which "
                          "the check must fail (preset and/or set) and say why")
    unknown = set(falsifier) - _FALSIFIER_FIELDS
    if unknown:
        raise ClaimsError(f"claims.yaml: {claim_id}.check.falsifier: unknown key "
                          f"{sorted(unknown)[0]!r}; allowed: preset, set, why, why_fr")
    check = Check(**{**entry, "falsifier": Falsifier(**falsifier)})
    if check.op not in _OPS:
        raise ClaimsError(f"claims.yaml: {claim_id}.check.op: {check.op!r}; use <, > or between")
    pair = isinstance(check.value, list | tuple) and len(check.value) == 2
    if (check.op == "between") != pair:
        raise ClaimsError(f"claims.yaml: {claim_id}.check.value: 'between' takes [low, high], "
                          "< and > a single number")
    if check.op == "between" and check.bound != "estimate":
        raise ClaimsError(f"claims.yaml: {claim_id}.check: 'between' compares the estimate")
    if check.outcome not in analysis.OUTCOMES:
        raise ClaimsError(f"claims.yaml: {claim_id}.check.outcome: unknown {check.outcome!r}")
    if check.bound not in ("estimate", "ci_low", "ci_high"):
        raise ClaimsError(f"claims.yaml: {claim_id}.check.bound: use estimate, ci_low or ci_high")
    if check.compare == "ratio" and check.bound != "estimate":
        raise ClaimsError(f"claims.yaml: {claim_id}.check: a ratio is compared by its estimate")
    return check


@lru_cache(maxsize=4)
def load_claims(path: Path = CLAIMS_FILE) -> tuple[Claim, ...]:
    """Load and shape-check the registry (each error names the claim and the field)."""
    document = safe_yaml.load(path, ClaimsError)  # bounded: size, aliases, nesting
    if not isinstance(document, dict) or not isinstance(document.get("claims", []), list):
        raise ClaimsError(f"{path}: expected a mapping whose key 'claims' holds a list of claims")
    claims = []
    for i, entry in enumerate(document.get("claims", [])):
        if not isinstance(entry, dict):
            raise ClaimsError(f"{path}: claims[{i}]: expected a mapping with keys "
                              f"{', '.join(sorted(_FIELDS))}, got {shown(entry)}")
        claim_id = entry.get("id", "?")
        if not isinstance(claim_id, str) or len(claim_id) > 100:
            claim_id = shown(claim_id)
        unknown = sorted((key for key in entry if key not in _FIELDS), key=str)
        missing = sorted(_FIELDS - _OPTIONAL - set(entry))
        if unknown or missing:
            problem = f"unknown key {shown(unknown[0])}" if unknown else \
                f"missing {missing[0]!r}"
            raise ClaimsError(f"{path}: claim {claim_id}: {problem}")
        if not isinstance(entry["informs"], list) or \
                not all(isinstance(name, str) for name in entry["informs"]):
            raise ClaimsError(f"{path}: claim {claim_id}: informs: expected a list of parameter "
                              f"names, got {shown(entry['informs'])}")
        if entry.get("check") and not isinstance(entry["check"], dict):
            raise ClaimsError(f"{path}: claim {claim_id}: check: expected a mapping, got "
                              f"{shown(entry['check'])}")
        check = _check_from(entry["check"], claim_id) if entry.get("check") else None
        claims.append(Claim(**{**entry, "informs": tuple(entry["informs"]), "check": check}))
    return tuple(claims)


def by_id() -> dict[str, Claim]:
    """The registry keyed by claim id."""
    return {claim.id: claim for claim in load_claims()}


def cited_by_code() -> dict[str, set[str]]:
    """For every claim id, the parameters and ladder rungs that cite it in the code."""
    cited: dict[str, set[str]] = {}
    for param in params.SCHEMA.values():
        for claim_id in param.claims:
            cited.setdefault(claim_id, set()).add(param.name)
    for rung in ladder.RUNGS:
        for claim_id in rung.claims:
            cited.setdefault(claim_id, set()).add(f"ladder.{rung.name}")
    return cited


def problems() -> list[str]:
    """Every disagreement between the registry, the schema, the ladder and the presets."""
    from simulator.model.scenario import list_presets

    found = []
    presets = set(list_presets())
    claims = load_claims()
    ids = [c.id for c in claims]
    found += [f"duplicate claim id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    known = set(ids)
    cited = cited_by_code()
    targets = set(params.SCHEMA) | {f"ladder.{r.name}" for r in ladder.RUNGS}
    for claim in claims:
        if claim.article not in ARTICLES:
            found.append(f"{claim.id}: article {claim.article!r} is not one of the sources")
        if len(claim.quote) > MAX_QUOTE:
            found.append(f"{claim.id}: quote longer than {MAX_QUOTE} characters")
        for name in ("paraphrase", "interpretation", "paraphrase_fr", "interpretation_fr"):
            if not isinstance(getattr(claim, name), str) or not getattr(claim, name).strip():
                found.append(f"{claim.id}: {name} is empty; write it (the French pages show "
                             "the _fr fields)")
        if claim.check and not (claim.check.says_fr.strip()
                                and claim.check.falsifier.why_fr.strip()):
            found.append(f"{claim.id}: check.says_fr or check.falsifier.why_fr is empty; write "
                         "it (the French pages show them)")
        for target in claim.informs:
            if target not in targets:
                found.append(f"{claim.id}: informs unknown parameter or rung {target!r}")
        if set(claim.informs) != cited.get(claim.id, set()):
            found.append(f"{claim.id}: informs {sorted(claim.informs)} but the code cites it in "
                         f"{sorted(cited.get(claim.id, set()))}")
        if not claim.informs and claim.check is None:
            found.append(f"{claim.id}: unused (informs nothing and has no check)")
        if claim.check:
            check = claim.check
            for where, changes in (("versus", check.versus or {}), ("when", check.when),
                                   ("falsifier", check.falsifier.set)):
                for name, value in changes.items():
                    try:
                        params.lookup(name).check(value)
                    except SimulatorError as error:
                        found.append(f"{claim.id}: check {where}: {error}")
            for preset in {check.preset, check.falsifier.preset or check.preset}:
                if preset not in presets:
                    found.append(f"{claim.id}: check names unknown preset {preset!r}")
    for claim_id in cited:
        if claim_id not in known:
            found.append(f"code cites unknown claim {claim_id!r} in {sorted(cited[claim_id])}")
    for param in params.SCHEMA.values():
        if not param.claims and not param.assumption:
            found.append(f"{param.name}: cites no claim and gives no assumption")
    for preset in presets:
        for name, source in load(preset).provenance.items():
            for claim_id in source.get("claims", []):
                if claim_id not in known:
                    found.append(f"preset {preset}: {name} cites unknown claim {claim_id!r}")
    return found


def evaluate(claim: Claim, runs: int = 20_000, seed: int = 1, _cache: dict | None = None,
             under: Scenario | None = None) -> CheckResult:
    """Run a claim's check: simulate its preset (and the ``versus`` variant) and compare.

    ``under`` runs the same check in another scenario instead (its falsifier, a user's
    what-if); ``versus`` changes then apply on top of that scenario.
    """
    check = claim.check
    if check is None:
        raise ClaimsError(f"claim {claim.id} has no check")
    cache = {} if _cache is None else _cache
    base = (load(check.preset) if under is None else under).with_overrides(dict(check.when))

    def batch(overrides: Mapping[str, Any] | None):
        scenario = base.with_overrides(dict(overrides or {}))
        key = (scenario.hash, runs, seed)
        if key not in cache:
            cache[key] = engine.run(scenario, runs, seed, workers=1).columns
        return cache[key]

    columns = batch(None)
    if check.versus:
        other = batch(check.versus)
        if check.compare == "ratio":
            mine = analysis.estimate(columns, check.outcome, check.given).estimate
            theirs = analysis.estimate(other, check.outcome, check.given).estimate
            # Nothing happened on either side: no ratio, and no claim about one can pass.
            ratio = mine / theirs if theirs else (float("inf") if mine else float("nan"))
            value, point, interval = ratio, ratio, None
            what = f"ratio of {check.stat} of {check.outcome} vs {dict(check.versus)}"
        else:
            diff = analysis.paired_difference(columns[check.outcome], other[check.outcome],
                                              binary=check.outcome in
                                              analysis.PROBABILITY_OUTCOMES)
            point, interval = diff.difference, (diff.ci_low, diff.ci_high)
            value = {"estimate": point, "ci_low": diff.ci_low, "ci_high": diff.ci_high}[check.bound]
            what = f"paired difference in {check.outcome} vs {dict(check.versus)}"
    else:
        est = analysis.estimate(columns, check.outcome, check.given)
        point, interval = est.estimate, (est.ci_low, est.ci_high)
        value = getattr(est, check.bound)
        given = f" given {check.given}" if check.given else ""
        what = f"{check.stat} of {check.outcome}{given}"
    passed = bool(_OPS[check.op](value, check.value))
    where = check.preset if under is None else under.name
    if check.when:
        where += " when " + ", ".join(f"{k}={shown(v)}" for k, v in check.when.items())
    threshold = (f"{check.value[0]:g} and {check.value[1]:g}" if check.op == "between"
                 else f"{check.value:g}")
    detail = f"{where}: {what}, {check.bound} {value:.4g} {check.op} {threshold}"
    return CheckResult(claim, passed, float(value), float(point), interval, detail)


def falsify(claim: Claim, runs: int = 20_000, seed: int = 1,
            _cache: dict | None = None) -> CheckResult:
    """Run a claim's check under its falsifier, where it must fail."""
    falsifier = claim.check.falsifier
    scenario = falsifier.scenario(claim.check.preset)
    named = replace(scenario, name=falsifier.describe(claim.check.preset))
    return evaluate(claim, runs, seed, _cache, under=named)


@dataclass(frozen=True)
class Verdict:
    """A check run on both sides: under its preset (must hold) and its falsifier (must fail)."""

    claim: Claim
    holds: CheckResult
    falsified: CheckResult

    @property
    def discriminates(self) -> bool:
        """Whether the check holds where the speaker says and fails where he argued against."""
        return self.holds.passed and not self.falsified.passed

    def text(self) -> str:
        """One line: "holds / would fail under X" or what went wrong."""
        falsifier = self.claim.check.falsifier.describe(self.claim.check.preset)
        first = "holds" if self.holds.passed else "DOES NOT HOLD"
        second = (f"would fail under {falsifier}" if not self.falsified.passed
                  else f"ALSO HOLDS under {falsifier} (does not discriminate)")
        return f"{first} / {second}"


def run_checks(runs: int = 20_000, seed: int = 1, claims: Iterable[Claim] | None = None,
               under: Scenario | None = None) -> list[CheckResult]:
    """Evaluate every claim that has a check (sharing batches between checks)."""
    cache: dict = {}
    chosen = load_claims() if claims is None else claims
    return [evaluate(claim, runs, seed, cache, under) for claim in chosen if claim.check]


def verdicts(runs: int = 20_000, seed: int = 1,
             claims: Iterable[Claim] | None = None) -> list[Verdict]:
    """Run every check under its preset and under its falsifier."""
    if claims is None:
        return list(_registry_verdicts(runs, seed))
    cache: dict = {}
    return [Verdict(claim, evaluate(claim, runs, seed, cache), falsify(claim, runs, seed, cache))
            for claim in claims if claim.check]


@lru_cache(maxsize=4)
def _registry_verdicts(runs: int, seed: int) -> tuple[Verdict, ...]:
    """The registry's verdicts, computed once per process (10-15 s each time).

    Pure in (runs, seed), as the registry itself is read once (``load_claims``); the app,
    ``check`` and the tests ask for the same ones. Verdicts are frozen, so sharing is safe.
    """
    return tuple(verdicts(runs, seed, load_claims()))


def random_settings(draws: int, seed: int) -> list[Scenario]:
    """``draws`` scenarios spread over every parameter's whole range (a Latin hypercube).

    The horizon stays at 52 weeks: it defines the question the checks ask, not a belief.
    """
    from scipy.stats import qmc

    names = [name for name in params.SCHEMA if name != "horizon_weeks"]
    unit = qmc.LatinHypercube(d=len(names), seed=seed).random(draws)
    scenarios = []
    for i, row in enumerate(unit):
        values = {}
        for name, u in zip(names, row, strict=True):
            p = params.SCHEMA[name]
            value = p.low + u * (p.high - p.low)
            values[name] = int(min(p.high, p.low + int(u * (p.high - p.low + 1)))) \
                if p.integer else float(value)
        scenarios.append(Scenario(f"draw {i}").with_overrides(values, name=f"draw {i}"))
    return scenarios


def across_draws(draws: int = 60, runs: int = 2_000, seed: int = 1,
                 claims: Iterable[Claim] | None = None) -> dict[str, list[CheckResult]]:
    """Every check run under ``draws`` random parameter settings (``random_settings``).

    A check that passes almost everywhere says little about the speaker's view: it is
    either an invariant of the design (and labelled ``invariant``) or a defect. One whose
    value never changes is fixed by construction.
    """
    chosen = [c for c in (load_claims() if claims is None else claims) if c.check]
    results: dict[str, list[CheckResult]] = {c.id: [] for c in chosen}
    for scenario in random_settings(draws, seed):
        for result in run_checks(runs, seed, chosen, under=scenario):
            results[result.claim.id].append(result)
    return results


def pass_rates(results: Mapping[str, list[CheckResult]]) -> dict[str, float]:
    """The share of draws in which each check passed."""
    return {claim_id: sum(r.passed for r in rs) / len(rs) for claim_id, rs in results.items()}
