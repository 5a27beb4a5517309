"""Print the ODD's table of patterns (docs/ODD.md, section 7) from the claim checks as they run.

    .venv/bin/python scripts/odd_patterns.py > /tmp/rows.md

Each row: the check under its preset (20,000 worlds, seed 1) and under its falsifier, and the
share of 60 random draws of every parameter (2,000 worlds each, seed 7) in which it passes,
the figures the tests hold the model to. Regenerate after any change to the model.
"""

from simulator.evidence import claims


def main() -> None:
    """Print the table, header first."""
    verdicts = {v.claim.id: v for v in claims.verdicts(20_000, 1)}
    rates = claims.pass_rates(claims.across_draws(draws=60, runs=2_000, seed=7))
    print("| claim | must hold (under its preset) | value | must fail under (falsifier) "
          "| value there | passes in random draws |")
    print("|---|---|---|---|---|---|")
    for claim_id, verdict in verdicts.items():
        check = verdict.claim.check
        falsifier = check.falsifier
        print(f"| {claim_id} | {check.says} ({check.preset}) | {verdict.holds.value:.3g} | "
              f"{falsifier.describe(check.preset)}: {falsifier.why} | "
              f"{verdict.falsified.value:.3g} | {rates[claim_id]:.0%} |")


if __name__ == "__main__":
    main()
