"""``python -m simulator nowcast``: the answer at a date given the record, and its errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def cli(*args):
    return subprocess.run([sys.executable, "-m", "simulator", "nowcast", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_the_acceptance_answer_reaches_its_ess_within_the_cap():
    result = cli("baseline", "--as-of", "2022-11-11", "--weeks", "13", "--json")
    assert result.returncode == 0, result.stderr
    view = json.loads(result.stdout)["views"][0]
    assert view["ess"] >= 5_000 and view["worlds"] <= 1_000_000 and view["target_reached"]
    assert view["ci_low"] < view["estimate"] < view["ci_high"]
    assert view["window"] == ["2022-11-09", "2023-02-07"] and view["week"] == 7
    ids = {f["id"] for f in view["conditioned_on"]}
    assert "no-nuclear-use" in ids and "territory-gain-nov-2022" not in ids  # dated 16 Nov
    assert {s["id"] for s in view["not_conditioned_on"]} >= {"war-ongoing"}
    again = cli("baseline", "--as-of", "2022-11-11", "--weeks", "13", "--json")
    strip = lambda text: [{**v, "seconds": 0} for v in json.loads(text)["views"]]  # noqa: E731
    assert strip(again.stdout) == strip(result.stdout)


def test_the_text_table_names_what_it_conditions_on():
    result = cli("baseline", "hodges", "--as-of", "2022-12-01", "--ess", "1000")
    assert result.returncode == 0, result.stderr
    assert "given the record" in result.stdout and "hodges" in result.stdout
    assert "territory-gain-nov-2022: 4000 <= territory_nov2022_km2 <= 14000" in result.stdout
    assert "ESS: effective sample size" in result.stdout


@pytest.mark.parametrize("day", ["2022-09-20", "2023-09-22", "2030-01-01"])
def test_a_date_outside_the_record_exits_2(day):
    result = cli("baseline", "--as-of", day)
    assert result.returncode == 2 and "outside the record" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args, words", [
    (["--as-of", "11/11/2022"], "not a date"),
    (["--as-of", "2023-08-01"], "past the horizon"),
    ([], "give --as-of DATE"),
    (["--as-of", "2022-11-11", "--series"], "not both"),
])
def test_bad_requests_exit_2_with_the_reason(args, words):
    result = cli("baseline", *args)
    assert result.returncode == 2 and words in result.stderr, result.stderr


def test_a_record_the_view_makes_nearly_impossible_exits_2_naming_the_event(tmp_path):
    document = yaml.safe_load((ROOT / "scenarios" / "record.yaml").read_text())
    for event in document["events"]:
        if event["id"] == "territory-gain-nov-2022":
            event["expect"] = {"between": [40_000, 50_000]}
    path = tmp_path / "record.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    result = cli("kemp", "--as-of", "2022-12-01", "--record", str(path))
    assert result.returncode == 2, result.stderr
    assert "too unlikely under 'kemp'" in result.stderr
    assert "least likely event is 'territory-gain-nov-2022'" in result.stderr
    assert result.stdout == ""  # never a number from a handful of worlds


def test_the_series_gives_each_view_the_forecasts_and_the_scores():
    result = cli("baseline", "pooled", "--series", "--ess", "1000", "--json")
    assert result.returncode == 0, result.stderr
    views = json.loads(result.stdout)["views"]
    assert [v["view"] for v in views] == ["baseline", "pooled"]
    for view in views:
        assert view["series"][0]["as_of"] == "2022-09-21"
        assert all(p["ess"] >= 1_000 for p in view["series"])
        assert len(view["prequential"]["periods"]) == 4
        assert view["prequential"]["log_score"] < 0
        assert {f["id"] for f in view["forecasts"]} >= {"samotsvety-2022-10", "swift-2022-10"}
    text = cli("baseline", "--series", "--ess", "1000")
    assert "Prequential score" in text.stdout and "samotsvety-2022-10" in text.stdout
