"""What ``run``, ``summarize`` and ``backtest`` print: their text and their JSON."""

from __future__ import annotations

from collections.abc import Sequence

from simulator.cli.shared import engine, nowcast, nowcast_series, record
from simulator.results import analysis


def summary_lines(batch: engine.Batch) -> list[str]:
    """A batch's estimates as ``run`` and ``summarize`` print them."""
    lines = [f"{batch.scenario.title or batch.scenario.name}",
             f"scenario {batch.scenario.name} (hash {batch.scenario.hash}), seed {batch.seed}, "
             f"{batch.runs:,} worlds x {batch.scenario.parameters['horizon_weeks']} weeks", ""]
    width = max(len(label) for label in analysis.OUTCOMES.values())
    if batch.manifest.get("pool"):
        lines[-1:-1] = pool_lines(batch)
    if batch.uncertain:
        return lines + uncertainty_lines(batch, width)
    for name, est in batch.estimates.items():
        percent = name in analysis.PROBABILITY_OUTCOMES
        lines.append(f"  {analysis.OUTCOMES[name]:<{width}}  {est.text(percent)}")
    lines.append("")
    lines.append("Intervals: 95% (Wilson for probabilities, Student t for means).")
    return lines


def pool_lines(batch: engine.Batch) -> list[str]:
    """A pooled view's views, their weights and the share of worlds each got, and why."""
    found = batch.manifest["pool"]
    shares = batch.view_shares()
    views = ", ".join(f"{view['name']} {view['weight']:.1%} (got {shares[view['name']]:.1%} of "
                      "the worlds)" for view in found["views"])
    why = batch.scenario.pool_why
    return [f"pooled view ({found['basis']} weights), each block of {found['block_worlds']} "
            f"worlds under one view: {views}", *([f"weights: {why}"] if why else [])]


def uncertainty_lines(batch: engine.Batch, width: int) -> list[str]:
    """The outcomes of a run with ``--uncertainty``: estimate, predictive interval, parts."""
    ranged = batch.manifest["uncertainty"]["ranges"]
    found = batch.predictive
    some = next(iter(found.values()))
    lines = []
    for name, one in found.items():
        lines.append(f"  {analysis.OUTCOMES[name]:<{width}}  {one.text()}")
    lines += ["", f"Ranges drawn once per block of {some.block_worlds} worlds "
                  f"({some.blocks} whole blocks): " + ", ".join(
                      f"{name} {entry['kind']} {entry['low']:g}-{entry['high']:g}"
                      for name, entry in ranged.items()),
              "The predictive interval is where the outcome plausibly lies given those "
              "ranges; simulation noise (95% Monte Carlo interval: Wilson for probabilities, "
              "Student t for means) is what more worlds would shrink, the ranges' part is not."]
    return lines


def summary_json(batch: engine.Batch) -> dict:
    """A batch's estimates as ``run --json`` and ``summarize --json`` print them."""
    found = {
        "scenario": batch.scenario.name,
        "hash": batch.scenario.hash,
        "seed": batch.seed,
        "runs": batch.runs,
        "outcomes": batch.summary(),
    }
    if batch.uncertain:  # what was drawn, as the manifest records it
        found["uncertainty"] = batch.manifest["uncertainty"]
    if batch.manifest.get("pool"):
        found["pool"] = {**batch.manifest["pool"], "shares": batch.view_shares()}
    return found


def backtest_lines(views: Sequence[record.ViewBacktest], rec: record.Record,
                   runs: int, seed: int) -> list[str]:
    """The backtest as ``backtest`` prints it: views ranked, term structure, events, Brier."""
    ranked = sorted(views, key=lambda v: v.joint.estimate, reverse=True)
    factors = record.bayes_factors(views)
    lines = [f"What happened, 21 Sep 2022 - 21 Sep 2023, against each view ({runs:,} worlds, "
             f"seed {seed}, common random numbers)", "",
             f"{'view':26s} {'P(the year)':>12s} {'log score':>10s} "
             f"{'Bayes factor (best / this)':>30s}  evidence for the best"]
    for view in ranked:
        factor = factors[view.name]
        lines.append(f"{view.name:26s} {view.joint.estimate:12.2%} {view.log_score:10.2f} "
                     f"{factor.estimate:12.2f} [{factor.low:6.2f}, {factor.high:6.2f}]  "
                     f"{factor.words}")
    lines += ["(the range is simulation noise only; a factor under 3 does not tell the views "
              "apart)"]
    lines += ["", "The term structure: P(nuclear use) within 1, 3, 7 and 12 months of 21 Sep "
                  "2022, beside the forecasts of the time nearest each horizon",
              f"{'within':8s} {'forecasters':30s} " + " ".join(
                  f"{v.name[:11]:>11s}" for v in ranked)]
    for months in record.TERM_MONTHS:
        near = [f for f in rec.scored_forecasts
                if abs(rec.week(f.horizon) - record.month_week(months)) <= 3]
        said = ", ".join(f"{f.probability:.1%} ({f.forecaster.split()[0]})" for f in near) or "-"
        lines.append(f"{f'{months} mo':8s} {said[:30]:30s} " + " ".join(
            f"{v.term[months].estimate:11.1%}" for v in ranked))
    lines += ["", "P(each recorded event) under each view:",
              f"{'event':34s} " + " ".join(f"{v.name[:11]:>11s}" for v in ranked)]
    for event in rec.scored_events:
        lines.append(f"{event.id:34s} " + " ".join(
            f"{v.events[event.id].estimate:11.1%}" for v in ranked))
    lines += ["", "The forecasts of the time, on their own questions (Brier: lower is better):",
              f"{'forecast':36s} {'week':>4s} {'theirs':>7s} " + " ".join(
                  f"{v.name[:11]:>11s}" for v in ranked)]
    for scores in zip(*(v.forecasts for v in ranked), strict=True):
        forecast = scores[0].forecast
        if forecast.scored:
            lines.append(f"{forecast.id:36s} {scores[0].horizon_week:4d} "
                         f"{forecast.probability:7.1%} "
                         + " ".join(f"{s.estimate.estimate:11.1%}" for s in scores))
    own = [f.brier for f in rec.scored_forecasts]
    lines += ["", f"{'mean Brier score':36s} {'':4s} {sum(own) / len(own):7.4f} " + " ".join(
        f"{v.brier:11.4f}" for v in ranked), record.BRIER_CAVEAT]
    lines += ["", "One history is one draw: a view that gave the year a low probability is less "
                  "supported than one that gave it more, not refuted. The record is never used "
                  "to fit the model; only the forecasts are (python -m simulator calibrate)."]
    return lines


def backtest_json(views: Sequence[record.ViewBacktest], runs: int, seed: int) -> dict:
    """The backtest as ``backtest --json`` prints it: every view's numbers."""
    factors = record.bayes_factors(views)
    return {"runs": runs, "seed": seed, "brier_caveat": record.BRIER_CAVEAT, "views": [{
        "scenario": v.name, "joint": v.joint.as_dict(), "log_score": v.log_score,
        "bayes_factor_of_best": factors[v.name].as_dict(),
        "term_structure": {f"{m}_months": e.as_dict() for m, e in v.term.items()},
        "brier": v.brier, "events": {k: e.as_dict() for k, e in v.events.items()},
        "forecasts": {f.forecast.id: {"horizon_week": f.horizon_week, "truncated": f.truncated,
                                      "forecaster": f.forecast.probability,
                                      "view": f.estimate.as_dict(), "brier": f.brier,
                                      "scored": f.forecast.scored}
                      for f in v.forecasts},
    } for v in views]}


PREQUENTIAL_WEEKS = 13
"""The periods of ``backtest``'s prequential score (as ``nowcast --series``'s default)."""
FITTED = "  (weighed by this record: fitted to it, this score tests nothing)"
"""Said of a pool whose weights come from the record it is scored on (``pooled-record``)."""
PREQUENTIAL_CAVEAT = ("Every period ended without the outcome, so these scores reward whichever "
                      "view gave it the lowest chance: they measure how low, not how well. Read "
                      "them with the series and the forecasts, not alone.")


def prequential(scenarios: Sequence, rec: record.Record, seed: int,
                workers: int | None) -> list[tuple[str, object, bool]]:
    """Each view's prequential scores over the record (``nowcast_series``), or why none.

    One series per view, a date every week as on the app's page "The risk over time"; a view
    under which the record is too unlikely to answer gets the reason instead of a score. The
    third value says whether the view's pool weights were fitted to the record.
    """
    found = []
    for scenario in scenarios:
        fitted = scenario.pool_basis == "record"
        try:
            found.append((scenario.name, nowcast_series.series(
                [scenario], PREQUENTIAL_WEEKS, 1, seed=seed, record=rec, workers=workers)[0],
                fitted))
        except nowcast.NowcastError as error:
            found.append((scenario.name, str(error), fitted))
    return found


def prequential_lines(found: Sequence[tuple[str, object, bool]], seed: int) -> list[str]:
    """``backtest``'s prequential section: per view, the log and Brier scores summed."""
    some = next((v for _, v, _ in found if not isinstance(v, str)), None)
    starts = ", ".join(f"{p.point.as_of:%d %b %Y}" for p in some.periods) if some else "-"
    lines = ["", f"Prequential score: each view's P(nuclear use in the next {PREQUENTIAL_WEEKS} "
                 f"weeks) at the start of each period ({starts}), given the record up to it, "
                 f"scored on what happened in it and summed (seed {seed}; worlds drawn until "
                 f"each date's ESS reaches {nowcast.TARGET_ESS:,}; higher log score and lower "
                 "Brier are better):",
             f"{'view':26s} {'log score':>10s} {'Brier':>9s} {'periods':>8s} {'worlds':>10s}"]
    for name, view, fitted in found:
        if isinstance(view, str):
            lines.append(f"{name:26s} no answer: {view}")
            continue
        lines.append(f"{name:26s} {view.log_score:10.4f} {view.brier:9.5f} "
                     f"{len(view.periods):8d} {view.worlds:10,}" + (FITTED if fitted else ""))
    return [*lines, PREQUENTIAL_CAVEAT]


def prequential_json(found: Sequence[tuple[str, object, bool]]) -> dict:
    """``backtest --json``'s prequential part: per view, its periods and sums, or why none."""
    return {"weeks": PREQUENTIAL_WEEKS, "caveat": PREQUENTIAL_CAVEAT, "views": [
        {"scenario": name, "fitted_to_the_record": fitted, "error": view}
        if isinstance(view, str) else
        {"scenario": name, "fitted_to_the_record": fitted, "worlds": view.worlds,
         **view.as_dict()["prequential"]}
        for name, view, fitted in found]}
