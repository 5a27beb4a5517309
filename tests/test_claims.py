"""The claims registry agrees with the code, and every claim's check holds under its preset."""

import pytest

from simulator import claims, params
from simulator.scenario import load


def test_registry_and_code_agree():
    assert claims.problems() == []


def test_registry_is_substantial_and_covers_every_speaker():
    registry = claims.load_claims()
    assert len(registry) >= 40
    speakers = {c.speaker for c in registry}
    for name in ("Alperovitch", "Alexander", "Hodges", "Kemp", "reporting"):
        assert any(name in s for s in speakers), name


def test_every_parameter_cites_a_claim_or_an_assumption():
    for p in params.SCHEMA.values():
        assert p.claims or p.assumption, p.name
        for claim_id in p.claims:
            assert claim_id in claims.by_id(), (p.name, claim_id)


def test_problems_catches_a_parameter_citing_an_unknown_claim(monkeypatch):
    broken = params.SCHEMA["chain.units"]
    monkeypatch.setitem(params.SCHEMA, "chain.units",
                        type(broken)(**{**broken.__dict__, "claims": ("no-such-claim",)}))
    found = claims.problems()
    assert any("no-such-claim" in p for p in found)
    assert any("reporting-codes: informs" in p for p in found)


CHECKED = [c for c in claims.load_claims() if c.check]


def test_the_speakers_outcome_claims_are_checked():
    assert len(CHECKED) >= 10
    assert {c.check.preset for c in CHECKED} >= {"kemp", "hodges", "alperovitch", "alexander"}


@pytest.fixture(scope="module")
def results():
    return {r.claim.id: r for r in claims.run_checks(runs=20_000, seed=1)}


@pytest.mark.parametrize("claim", CHECKED, ids=lambda c: c.id)
def test_claim_check_holds_under_its_preset(claim, results):
    result = results[claim.id]
    assert result.passed, result.detail


def test_a_check_fails_when_the_preset_contradicts_it():
    kemp = claims.by_id()["kemp-less-likely"]
    contradicted = claims.Claim(**{**kemp.__dict__,
                                   "check": claims.Check(**{**kemp.check.__dict__,
                                                            "preset": "crimea-offensive",
                                                            "value": 0.3})})
    assert load("crimea-offensive")
    assert not claims.evaluate(contradicted, runs=5_000, seed=1).passed


@pytest.mark.parametrize("claim_id, falsifier", [
    ("alperovitch-bluff-for-now", "baseline"),        # use is not rare there
    ("alperovitch-crimea-last-option", "baseline"),   # orders come without Crimea threatened
    ("alexander-bluff-or-distraction", "baseline"),   # restated for Model v2 with bluff 0.95
])
def test_a_check_restated_for_model_v2_fails_under_its_falsifier(claim_id, falsifier):
    claim = claims.by_id()[claim_id]
    assert claims.evaluate(claim, runs=20_000, seed=1).passed
    moved = claims.Claim(**{**claim.__dict__,
                            "check": claims.Check(**{**claim.check.__dict__,
                                                     "preset": falsifier})})
    assert not claims.evaluate(moved, runs=20_000, seed=1).passed


def test_baseline_is_calibrated_to_the_october_2022_forecasts():
    """P(nuclear use within 52 weeks) inside the 5-16% span of Swift, Samotsvety and US intel."""
    from simulator import engine

    est = engine.run(load("baseline"), 50_000, seed=2022, workers=1).estimates["nuclear_use"]
    assert 0.05 <= est.ci_low and est.ci_high <= 0.16, est


def test_the_odd_document_names_every_claim_and_only_registered_ones():
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "ODD.md").read_text()
    prefixes = "alperovitch|alexander|hodges|kemp|reporting"
    named = set(re.findall(rf"\b(?:{prefixes})-[a-z0-9-]+[a-z0-9]", text))
    assert named == set(claims.by_id()), (sorted(named - set(claims.by_id())),
                                          sorted(set(claims.by_id()) - named))
