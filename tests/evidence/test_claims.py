"""The claims registry agrees with the code, and every claim's check holds under its preset."""

import pytest

from simulator.evidence import claims
from simulator.model import params
from simulator.model.scenario import load


def test_registry_and_code_agree():
    assert claims.problems() == []


def test_registry_is_substantial_and_covers_every_speaker():
    registry = claims.load_claims()
    assert len(registry) >= 40
    speakers = {c.speaker for c in registry}
    for name in ("Alperovitch", "Alexander", "Hodges", "Kemp", "reporting"):
        assert any(name in s for s in speakers), name


def test_every_claim_has_its_paraphrase_and_interpretation_in_french():
    """The French pages read these; the quotes are French already."""
    for claim in claims.load_claims():
        assert claim.paraphrase_fr.strip() and claim.interpretation_fr.strip(), claim.id
        assert claim.paraphrase_fr != claim.paraphrase, claim.id
        assert claim.interpretation_fr != claim.interpretation, claim.id


def test_a_claim_without_its_french_is_refused_naming_the_field(tmp_path):
    text = claims.CLAIMS_FILE.read_text(encoding="utf-8")
    first = text.index("  paraphrase_fr:")
    end = text.index("\n  interpretation:", first)
    broken = tmp_path / "claims.yaml"
    broken.write_text(text[:first] + text[end + 1:], encoding="utf-8")
    with pytest.raises(claims.ClaimsError, match="claim reporting-last-roll: missing "
                                                 "'paraphrase_fr'"):
        claims.load_claims(broken)


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
def verdicts():
    return {v.claim.id: v for v in claims.verdicts(runs=20_000, seed=1)}


@pytest.mark.parametrize("claim", CHECKED, ids=lambda c: c.id)
def test_claim_check_holds_under_its_preset(claim, verdicts):
    result = verdicts[claim.id].holds
    assert result.passed, result.detail


@pytest.mark.parametrize("claim", CHECKED, ids=lambda c: c.id)
def test_claim_check_fails_under_its_falsifier(claim, verdicts):
    """What the speaker argued against must make his claim fail, or the check proves nothing."""
    result = verdicts[claim.id].falsified
    assert not result.passed, result.detail


DRAWS = 60


@pytest.fixture(scope="module")
def across_draws():
    return claims.across_draws(draws=DRAWS, runs=2_000, seed=7)


@pytest.mark.slow
def test_no_check_passes_almost_everywhere_unless_it_is_a_labelled_invariant(across_draws):
    """Over wide random draws of every parameter, a check that passes >90% cannot tell views
    apart; only a property of the design, labelled as such, may."""
    rates = claims.pass_rates(across_draws)
    labelled = {c.id for c in CHECKED if c.check.invariant}
    assert {i for i, rate in rates.items() if rate > 0.9} <= labelled, rates


@pytest.mark.parametrize("claim", CHECKED, ids=lambda c: c.id)
def test_no_check_value_is_fixed_by_construction(claim, verdicts):
    """A value fixed by the design (Crimea threatened in every world with an order, say) would
    read the same under the falsifier; it must move."""
    verdict = verdicts[claim.id]
    assert verdict.holds.value != verdict.falsified.value, verdict.holds.detail


def test_a_check_without_a_falsifier_is_rejected_naming_the_field(tmp_path):
    lines = claims.CLAIMS_FILE.read_text(encoding="utf-8").splitlines()
    start = lines.index("    falsifier:")
    end = start + 1
    while lines[end].startswith("      "):
        end += 1
    broken = tmp_path / "claims.yaml"
    broken.write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")
    with pytest.raises(claims.ClaimsError, match=r"check\.falsifier: name the setting"):
        claims.load_claims(broken)


def test_baseline_is_calibrated_to_the_short_forecasts_of_october_2022():
    """Within a factor of two of each forecast of at most three months, the only ones fitted.

    The 7- and 12-month forecasts are not asserted: they are the out-of-sample test, shown
    by ``backtest`` in both directions (README, *Validation*).
    """
    from simulator.evidence import calibrate, record
    from simulator.running import engine

    rec = record.default()
    targets = calibrate.forecast_targets(rec, 52)
    assert len(targets) >= 3
    use = record.use_by_week(engine.run(load("baseline"), 50_000, seed=2022,
                                        workers=1).columns, 52)
    for key, week, probability in targets:
        assert probability / 2 <= use[week - 1] <= 2 * probability, (key, use[week - 1])


def test_the_odd_document_names_every_claim_and_only_registered_ones():
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "ODD.md").read_text()
    prefixes = "alperovitch|alexander|hodges|kemp|reporting"
    named = set(re.findall(rf"\b(?:{prefixes})-[a-z0-9-]+[a-z0-9]", text))
    assert named == set(claims.by_id()), (sorted(named - set(claims.by_id())),
                                          sorted(set(claims.by_id()) - named))


def test_the_odd_patterns_list_each_check_with_its_falsifier():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "ODD.md").read_text()
    rows = {line.split("|")[1].strip(): line for line in text.splitlines()
            if line.startswith("| ") and line.count("|") > 5}
    for claim in CHECKED:
        assert claim.id in rows, claim.id
        assert claim.check.falsifier.describe(claim.check.preset) in rows[claim.id], claim.id


def test_the_baselines_reservist_drag_alone_honours_the_claim_it_cites():
    """The baseline departs from Alperovitch on the mobilisation's effect only through
    battlefield.russian_pressure, whose assumption says so; the drag citing him agrees."""
    claim = claims.by_id()["alperovitch-no-massive-effect"]
    baseline = load("baseline")
    assert not claims.evaluate(claim, 5_000, 1, under=baseline).passed
    drag_only = baseline.with_overrides({"battlefield.russian_pressure": 0})
    assert claims.evaluate(claim, 5_000, 1, under=drag_only).passed
    assert "departs from him" in params.SCHEMA["battlefield.russian_pressure"].assumption
