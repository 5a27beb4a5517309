"""The claims registry: load it, check it against the code, and run the outcome checks.

A claim is to this project what a strategy is to Axelrod: a registered, citable object
(quote -> interpretation -> the parameters it sets). ``problems()`` lists every way the
registry and the code disagree; tests require the list to be empty.
"""

import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from simulator import analysis, engine, ladder, params
from simulator.errors import SimulatorError
from simulator.scenario import SCENARIO_DIR, load

CLAIMS_FILE = SCENARIO_DIR / "claims.yaml"
ARTICLES = ("000_531c91d1f6711518.txt", "004_e0773693da75453a.txt")
MAX_QUOTE = 200
"""A quote is a sentence at most: the articles are cited, never copied."""
_OPS = {"<": operator.lt, ">": operator.gt}
_FIELDS = {"id", "speaker", "article", "quote", "paraphrase", "interpretation", "informs", "check",
           "note"}
_OPTIONAL = {"check", "note"}
_CHECK_FIELDS = {"preset", "outcome", "stat", "op", "value", "bound", "given", "versus",
                 "compare", "says"}


class ClaimsError(SimulatorError):
    """A registry entry that is malformed."""


@dataclass(frozen=True)
class Check:
    """What the model must show, under a preset, for a speaker's claim to hold.

    ``statistic op value``, where the statistic is a probability or mean of ``outcome``
    (over worlds where ``given`` happened), or, with ``versus``, its paired difference
    (or ratio) against the same preset with those values changed, on the same seed.
    ``bound`` says which end of the 95% interval must pass (``estimate`` for the point).
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


@dataclass(frozen=True)
class Claim:
    """One claim of one speaker in one article."""

    id: str
    speaker: str
    article: str
    quote: str
    paraphrase: str
    interpretation: str
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
    check = Check(**{k: v for k, v in entry.items()})
    if check.op not in _OPS:
        raise ClaimsError(f"claims.yaml: {claim_id}.check.op: {check.op!r}; use < or >")
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
    try:
        document = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ClaimsError(f"{path}: not valid YAML: {error}") from None
    claims = []
    for entry in document.get("claims", []):
        claim_id = entry.get("id", "?")
        unknown = set(entry) - _FIELDS
        missing = _FIELDS - _OPTIONAL - set(entry)
        if unknown or missing:
            problem = f"unknown key {sorted(unknown)[0]!r}" if unknown else \
                f"missing {sorted(missing)[0]!r}"
            raise ClaimsError(f"{path}: claim {claim_id}: {problem}")
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
    found = []
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
        for target in claim.informs:
            if target not in targets:
                found.append(f"{claim.id}: informs unknown parameter or rung {target!r}")
        if set(claim.informs) != cited.get(claim.id, set()):
            found.append(f"{claim.id}: informs {sorted(claim.informs)} but the code cites it in "
                         f"{sorted(cited.get(claim.id, set()))}")
        if not claim.informs and claim.check is None:
            found.append(f"{claim.id}: unused (informs nothing and has no check)")
        if claim.check:
            for name in (claim.check.versus or {}):
                if name not in params.SCHEMA:
                    found.append(f"{claim.id}: check varies unknown parameter {name!r}")
    for claim_id in cited:
        if claim_id not in known:
            found.append(f"code cites unknown claim {claim_id!r} in {sorted(cited[claim_id])}")
    for param in params.SCHEMA.values():
        if not param.claims and not param.assumption:
            found.append(f"{param.name}: cites no claim and gives no assumption")
    from simulator.scenario import list_presets

    for preset in list_presets():
        for name, source in load(preset).provenance.items():
            for claim_id in source.get("claims", []):
                if claim_id not in known:
                    found.append(f"preset {preset}: {name} cites unknown claim {claim_id!r}")
    return found


def evaluate(claim: Claim, runs: int = 20_000, seed: int = 1,
             _cache: dict | None = None) -> CheckResult:
    """Run a claim's check: simulate its preset (and the ``versus`` variant) and compare."""
    check = claim.check
    if check is None:
        raise ClaimsError(f"claim {claim.id} has no check")
    cache = {} if _cache is None else _cache

    def batch(overrides: Mapping[str, Any] | None):
        key = (check.preset, tuple(sorted((overrides or {}).items())), runs, seed)
        if key not in cache:
            scenario = load(check.preset).with_overrides(dict(overrides or {}))
            cache[key] = engine.run(scenario, runs, seed, workers=1).columns
        return cache[key]

    columns = batch(None)
    if check.versus:
        other = batch(check.versus)
        if check.compare == "ratio":
            mine = analysis.estimate(columns, check.outcome, check.given).estimate
            theirs = analysis.estimate(other, check.outcome, check.given).estimate
            ratio = mine / theirs if theirs else float("inf")
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
    detail = f"{check.preset}: {what}, {check.bound} {value:.4g} {check.op} {check.value:g}"
    return CheckResult(claim, passed, float(value), float(point), interval, detail)


def run_checks(runs: int = 20_000, seed: int = 1,
               claims: Iterable[Claim] | None = None) -> list[CheckResult]:
    """Evaluate every claim that has a check (sharing batches between checks)."""
    cache: dict = {}
    chosen = load_claims() if claims is None else claims
    return [evaluate(claim, runs, seed, cache) for claim in chosen if claim.check]
