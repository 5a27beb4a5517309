"""``sensitivity PRESET --ranges`` as a user types it: the preset's unknowns ranked in words,
the same numbers on repeat, and the mistakes (no ranges, --ranges with --vary) exit 2."""

import json
import subprocess
import sys
from pathlib import Path

from simulator.model.scenario import load

ROOT = Path(__file__).resolve().parents[2]
SMALL = ("--base-samples", "4", "--runs", "100", "--workers", "1", "--quiet")


def cli(*args):
    return subprocess.run([sys.executable, "-m", "simulator", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_ranges_rank_the_presets_unknowns_in_words_and_repeat_exactly():
    first = cli("sensitivity", "kemp", "--ranges", *SMALL, "--json", "--seed", "3")
    again = cli("sensitivity", "kemp", "--ranges", *SMALL, "--json", "--seed", "3")
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout
    found = json.loads(first.stdout)
    assert found["vary"] == "ranges" and found["samples"] == 4 and found["runs_per_point"] == 100
    names = [row["parameter"] for row in found["indices"]]
    assert sorted(names) == sorted(load("kemp").ranges)
    totals = [row["total"] for row in found["indices"]]
    assert totals == sorted(totals, reverse=True)
    assert all(row["total_low"] <= row["total"] <= row["total_high"]
               for row in found["indices"] if row["total_high"] > row["total_low"])
    plain = cli("sensitivity", "kemp", "--ranges", *SMALL, "--seed", "3",
                "--outcome", "nuclear_use", "--outcome", "nato_involved")
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.count("Which unknowns matter most for") == 2
    assert f"   1  {names[0]}" in plain.stdout  # the JSON's first is the table's first
    assert "What the indices cover" in plain.stdout and "Simulation noise" in plain.stdout


def test_a_preset_without_ranges_exits_2_naming_it(tmp_path):
    bare = tmp_path / "bare.yaml"
    bare.write_text("name: bare\ntitle: No ranges\nparameters:\n  chain.layers: 4\n")
    result = cli("sensitivity", str(bare), "--ranges", *SMALL)
    assert result.returncode == 2
    assert "bare: the preset has no ranges" in result.stderr and "Traceback" not in result.stderr


def test_ranges_with_vary_or_neither_exit_2_saying_why():
    both = cli("sensitivity", "baseline", "--ranges", "--vary", "chain.layers=1:5", *SMALL)
    assert both.returncode == 2 and "give one or the other" in both.stderr
    neither = cli("sensitivity", "baseline", *SMALL)
    assert neither.returncode == 2 and "--ranges" in neither.stderr
