"""One digest of every byte the model gives: a speed-up of the core must leave it unchanged.

Runs every shipped preset (2 chunks, the second partial), with ``--uncertainty`` where a
preset has ranges, a traced replay of one world, a vectorised design (``per_world``) and a
3-year horizon, and hashes every outcome column, the weekly counts and the trace. Print it
before and after a change: the two lines must be equal.

    .venv/bin/python -m bench.core_digest [--runs N]
"""

import argparse
import hashlib

import numpy as np

SEED = 7


def _feed(digest, name: str, value) -> None:
    array = np.ascontiguousarray(np.asarray(value))
    digest.update(f"{name}:{array.dtype}:{array.shape}".encode())
    digest.update(array.tobytes() if array.dtype != object else repr(array.tolist()).encode())


def digests(runs: int) -> dict[str, str]:
    """Per case, the SHA-256 of its outcomes, weekly counts (and trace, for the replay)."""
    from simulator.model.scenario import list_presets, load
    from simulator.running import engine

    found = {}

    def batch(label, scenario, **options):
        result = engine.run(scenario, runs, SEED, workers=1, **options)
        digest = hashlib.sha256()
        for name in sorted(result.columns.keys()):
            _feed(digest, name, result.columns[name])
        _feed(digest, "weekly", result.weekly)
        found[label] = digest.hexdigest()[:16]

    for name in list_presets():
        scenario = load(name)
        batch(name, scenario)
        if scenario.has_ranges and not scenario.pool:
            batch(f"{name} --uncertainty", scenario, uncertainty=True)
    baseline = load("baseline")
    batch("baseline 156 weeks", baseline.with_overrides({"horizon_weeks": 156}))
    batch("baseline 7 layers x 3 units",
          baseline.with_overrides({"chain.layers": 7, "chain.units": 3}))

    model = engine.replay_world(load("crimea-offensive").parameters, SEED, 1234)
    digest = hashlib.sha256()
    for week in model.trace:
        for key in sorted(week, key=str):
            value = week[key]
            if isinstance(value, dict):
                for channel in sorted(value):
                    for part in value[channel]:
                        _feed(digest, f"{key}{channel}", part)
            else:
                _feed(digest, key, value)
    found["replay crimea-offensive world 1234"] = digest.hexdigest()[:16]

    from simulator.studies import designs

    varies = [designs.parse_vary(text) for text in
              ("chain.base_refusal=0.01:0.3", "leader.resolve=0:6", "west.influence=0:1")]
    points = [designs.point_scenario(baseline, varies, row).parameters
              for row in designs.design_points(varies, "lhs", 12, SEED)]
    with engine.open_runner(12 * 1_500, workers=1) as runner:
        stats = engine.evaluate(points, 1_500, SEED, runner)
    found["design 12 points x 1,500"] = hashlib.sha256(
        repr([s.estimates() for s in stats]).encode()).hexdigest()[:16]
    return found


def main(argv: list[str] | None = None) -> str:
    """Print every case's digest and one digest of them all; return the latter."""
    parser = argparse.ArgumentParser(prog="python -m bench.core_digest")
    parser.add_argument("--runs", type=int, default=20_000)
    args = parser.parse_args(argv)
    found = digests(args.runs)
    for label, value in found.items():
        print(f"{value}  {label}")
    whole = hashlib.sha256(repr(sorted(found.items())).encode()).hexdigest()[:16]
    print(f"{whole}  ALL ({args.runs:,} worlds a batch, seed {SEED})")
    return whole


if __name__ == "__main__":
    main()
