"""``backtest``'s prequential scores: each view's nowcast of each 13-week period, scored.

They are ``nowcast_series``'s own scores (the same seed, a date every week as the app's page
"The risk over time"), printed per view in the text and the JSON, with the caveat that every
period ended without use; a view under which the record is too unlikely says so instead.
"""

import json
from pathlib import Path

import yaml

from simulator import cli
from simulator.cli.reports import PREQUENTIAL_CAVEAT
from simulator.evidence import nowcast_series
from simulator.model.scenario import load

ROOT = Path(__file__).resolve().parents[2]
SEED = 2022  # backtest's default seed


def direct(name: str) -> nowcast_series.ViewSeries:
    return nowcast_series.series([load(name)], 13, 1, seed=SEED, workers=1)[0]


def test_backtest_prints_each_views_prequential_scores(capsys):
    assert cli.main(["backtest", "baseline", "hodges", "--runs", "1000", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    section = out[out.index("Prequential score"):]
    assert "21 Sep 2022, 21 Dec 2022, 22 Mar 2023, 21 Jun 2023" in section
    assert PREQUENTIAL_CAVEAT in section
    for name in ("baseline", "hodges"):
        view = direct(name)
        row = next(line for line in section.splitlines() if line.startswith(name + " "))
        assert row.split()[1:] == [f"{view.log_score:.4f}", f"{view.brier:.5f}",
                                   str(len(view.periods)), f"{view.worlds:,}"]
    # Every period ended without use: the view that gave it the lowest chance scores best.
    rows = {line.split()[0]: float(line.split()[1]) for line in section.splitlines()[2:4]}
    assert rows["hodges"] > rows["baseline"]


def test_backtest_json_holds_the_periods_and_their_sums(capsys):
    assert cli.main(["backtest", "kemp", "--runs", "1000", "--workers", "1", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["prequential"]
    assert found["weeks"] == 13 and found["caveat"] == PREQUENTIAL_CAVEAT
    [view] = found["views"]
    expected = direct("kemp")
    assert view["scenario"] == "kemp" and view["worlds"] == expected.worlds
    assert view["fitted_to_the_record"] is False
    assert [p["as_of"] for p in view["periods"]] == ["2022-09-21", "2022-12-21", "2023-03-22",
                                                     "2023-06-21"]
    assert not any(p["happened"] for p in view["periods"])
    assert view["log_score"] == sum(p["log_score"] for p in view["periods"])
    assert view["brier"] == sum(p["brier"] for p in view["periods"])
    assert (view["log_score"], view["brier"]) == (expected.log_score, expected.brier)


def test_a_record_too_unlikely_under_a_view_gives_the_reason_not_a_score(tmp_path, capsys):
    document = yaml.safe_load((ROOT / "scenarios" / "record.yaml").read_text())
    for event in document["events"]:
        if event["id"] == "territory-gain-nov-2022":
            event["expect"] = {"between": [40_000, 50_000]}
    path = tmp_path / "record.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    assert cli.main(["backtest", "kemp", "--runs", "1000", "--workers", "1",
                     "--record", str(path)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out[out.index("Prequential score"):].splitlines()
               if line.startswith("kemp "))
    assert "no answer: the record" in row and "too unlikely under 'kemp'" in row


def test_a_pool_weighed_by_the_record_is_said_to_be_fitted_to_it(capsys):
    assert cli.main(["backtest", "pooled-record", "--runs", "1000", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out[out.index("Prequential score"):].splitlines()
               if line.startswith("pooled-record "))
    assert row.endswith("(weighed by this record: fitted to it, this score tests nothing)")
