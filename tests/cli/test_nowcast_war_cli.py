"""``python -m simulator nowcast --war``: the whole war, Sep 2022 - Sep 2025, and its errors.

Held-out rule (docs/HELD_OUT.md): only dates, shapes and record-year texts are read here,
never an answer or a score for a date from 21 Sep 2023 (assertions compare derived values,
so a failure cannot print one).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def cli(*args):
    return subprocess.run([sys.executable, "-m", "simulator", "nowcast", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def test_the_war_series_runs_to_the_last_window_that_fits():
    result = cli("alexander", "--war", "--series", "--every", "52", "--ess", "300",
                 "--workers", "1", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    span = (out["span"], out["held_out_from"])
    assert span == ("war", "2023-09-21")
    view = out["views"][0]
    assert view["view"] == "alexander+2023-25"
    assert [p["as_of"] for p in view["series"]] == ["2022-09-21", "2023-09-20", "2024-09-18"]
    periods = [p["as_of"] for p in view["prequential"]["periods"]]
    assert len(periods) == 12 and periods[-1] == "2025-06-18"
    ids = {f["id"] for f in view["forecasts"]}
    assert {"samotsvety-2022-10", "polymarket-detonation-2024-11-19"} <= ids


def test_a_record_year_date_of_the_war_says_what_the_held_out_years_are():
    result = cli("baseline", "--war", "--as-of", "2022-11-11", "--ess", "500")
    assert result.returncode == 0, result.stderr
    said = "never used to set anything" in result.stdout and "21 Sep 2023" in result.stdout
    assert said
    listed = "no-nuclear-use-2023-2025: use_week not in weeks 0-6" in result.stdout
    assert listed


@pytest.mark.parametrize("day, words", [
    ("2025-09-18", "outside the record, which runs from 2022-09-21 to 2025-09-17"),
    ("2022-09-20", "outside the record, which runs from 2022-09-21 to 2025-09-17"),
    ("2025-07-01", "past the horizon of 'baseline+2023-25' (156 weeks)"),
])
def test_dates_outside_the_war_exit_2(day, words):
    result = cli("baseline", "--war", "--as-of", day)
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
