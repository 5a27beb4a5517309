"""The command line as a user types it: output, reproducibility, errors with exit status 2."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.imports import loaded_after

ROOT = Path(__file__).resolve().parents[2]


def cli(*args, check=False):
    result = subprocess.run([sys.executable, "-m", "simulator", *args], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_run_json_is_valid_identical_on_repeat_and_seed_dependent():
    first = cli("run", "kemp", "--runs", "20000", "--seed", "7", "--json", check=True)
    again = cli("run", "kemp", "--runs", "20000", "--seed", "7", "--json", check=True)
    other = cli("run", "kemp", "--runs", "20000", "--seed", "8", "--json", check=True)
    assert first.stdout == again.stdout
    summary = json.loads(first.stdout)
    use = summary["outcomes"]["nuclear_use"]
    assert use["ci_low"] <= use["estimate"] <= use["ci_high"]
    assert summary["runs"] == 20_000 and summary["seed"] == 7
    assert json.loads(other.stdout)["outcomes"] != summary["outcomes"]


def test_run_writes_outcomes_and_manifest(tmp_path):
    import pandas as pd

    out = tmp_path / "A"
    result = cli("run", "baseline", "--runs", "3000", "--seed", "1", "--out", str(out),
                 "--set", "chain.layers=3", check=True)
    assert "A nuclear weapon is used" in result.stdout
    frame = pd.read_parquet(out / "outcomes.parquet")
    for column in ("world", "nuclear_order", "nuclear_use", "use_week", "use_kind",
                   "blocked_layer", "max_rung", "leader_ousted", "nato_involved", "war_ongoing",
                   "crimea_threatened", "territory_km2"):
        assert column in frame.columns
    assert len(frame) == 3000 and frame["world"].tolist() == list(range(3000))
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["seed"] == 1 and manifest["runs"] == 3000
    assert manifest["parameters"]["chain.layers"] == 3
    assert manifest["scenario"]["hash"] and "mesa" in manifest["versions"]


def test_run_writes_csv_on_request(tmp_path):
    import pandas as pd

    cli("run", "baseline", "--runs", "500", "--out", str(tmp_path / "C"), "--format", "csv",
        check=True)
    parts = sorted((tmp_path / "C" / "outcomes.csv").glob("*.csv"))
    assert len(pd.concat(map(pd.read_csv, parts))) == 500


@pytest.mark.parametrize("args, message", [
    (["run", "kemps"], "unknown preset 'kemps'; choose one of: baseline"),
    (["run", "kemp", "--set", "chain.layer=3"], "did you mean 'chain.layers'"),
    (["run", "kemp", "--set", "chain.layers=12"], "chain.layers: 12 is out of range"),
    (["run", "kemp", "--set", "leader.bluff_share=x"], "'x' is not a number"),
    (["run", "kemp", "--runs", "0"], "runs: 0 is not allowed"),
    (["story", "kemp", "--world", "-1"], "world: -1 is not allowed"),
])
def test_bad_input_gets_one_clear_line_and_exit_2(args, message):
    result = cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_yaml_is_reported_with_its_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nparameters:\n  chain.layers: [1,\n")
    result = cli("validate", str(bad))
    assert result.returncode == 2 and "not valid YAML (line" in result.stderr
    good = tmp_path / "good.yaml"
    good.write_text("name: mine\nextends: kemp\nparameters:\n  chain.units: 2\n")
    assert "valid scenario 'mine'" in cli("validate", str(good), check=True).stdout
    assert cli("run", str(good), "--runs", "200", check=True).stdout


def test_an_existing_results_folder_is_never_overwritten_silently(tmp_path):
    out = tmp_path / "A"
    cli("run", "baseline", "--runs", "300", "--out", str(out), check=True)
    before = (out / "outcomes.parquet" / "part-00000.parquet").read_bytes()
    result = cli("run", "kemp", "--runs", "300", "--out", str(out))
    assert result.returncode == 2 and "already holds results" in result.stderr
    resumed = cli("run", "kemp", "--runs", "300", "--out", str(out), "--resume")
    assert resumed.returncode == 2 and "another scenario" in resumed.stderr
    assert (out / "outcomes.parquet" / "part-00000.parquet").read_bytes() == before


def test_params_and_claims_listings():
    schema = json.loads(cli("params", "--json", check=True).stdout)
    assert schema["chain.layers"]["high"] == 10 and schema["chain.layers"]["claims"]
    # each id beside the one plain name and the unit the pages show
    assert schema["leader.bluff_share"]["name"] == "Leaders who are only bluffing"
    assert schema["leader.bluff_share"]["shown_unit"] == "%"
    listing = cli("claims", "--speaker", "kemp", check=True).stdout
    assert "kemp-five-levels" in listing and "alperovitch" not in listing


def test_claims_check_reports_both_sides_and_answers_a_what_if():
    both = cli("claims", "--check", "--speaker", "kemp", "--runs", "20000", check=True).stdout
    assert both.count("holds / would fail under") >= 5, both
    assert "ALSO HOLDS" not in both and "DOES NOT HOLD" not in both
    assert "would fail under kemp with chain.layers=1, chain.base_refusal=0.01" in both
    what_if = cli("claims", "--check", "--speaker", "kemp", "--runs", "5000",
                  "--scenario", "crimea-offensive", "--set", "chain.layers=1")
    assert what_if.returncode == 0, what_if.stderr
    assert "fails  kemp-less-likely" in what_if.stdout
    assert "crimea-offensive chain.layers=1" in what_if.stdout


def test_claims_what_if_with_a_per_layer_list_skips_the_checks_it_cannot_run():
    result = cli("claims", "--check", "--speaker", "Col. Richard", "--runs", "2000",
                 "--set", "chain.base_refusal=0.1,0.1,0.1,0.1,0.1", check=True)
    assert "n/a    kemp-five-levels: cannot run in this what-if" in result.stdout
    assert "holds  kemp-someone-stops" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["claims", "--check", "--set", "chain.layer=3"], "did you mean 'chain.layers'"),
    (["claims", "--check", "--scenario", "nobody"], "unknown preset 'nobody'"),
    (["claims", "--set", "chain.layers=3"], "--scenario and --set go with --check"),
])
def test_claims_what_if_errors_name_the_field(args, message):
    result = cli(*args)
    assert result.returncode == 2 and message in result.stderr, result.stderr


def test_story_tells_a_world_week_by_week():
    text = cli("story", "crimea-offensive", "--seed", "3", "--world", "0", "--all-weeks",
               check=True).stdout
    assert text.count("Week ") == 52
    assert "Week 0 (21 Sep 2022)" in text and "The leader" in text


BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: OpenBLAS starts one thread anyway")
@pytest.mark.parametrize("users_value", [None, "2"])
def test_the_command_line_starts_blas_single_threaded_unless_the_user_asks(users_value):
    """numpy's and scipy's OpenBLAS would each start a thread per core, for nothing."""
    probe = ("from simulator import cli; import scipy.linalg; "
             "from threadpoolctl import threadpool_info; "
             "print(sorted({pool['num_threads'] for pool in threadpool_info() "
             "if pool['internal_api'] == 'openblas'}))")
    env = {k: v for k, v in os.environ.items() if k not in BLAS_THREADS}
    if users_value:
        env["OPENBLAS_NUM_THREADS"] = users_value
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"[{users_value or 1}]"


def test_help_and_listings_load_no_model_and_the_parser_knows_every_design():
    from simulator import cli
    from simulator.studies import designs

    assert cli.DESIGNS == designs.DESIGNS
    assert loaded_after("from simulator import cli; cli.build_parser()",
                        "mesa", "scipy.stats") == []


def test_run_loads_neither_the_evidence_nor_the_studies_designs():
    """``run`` pays for the model and the engine only (start-up: bench/speed_bench.py)."""
    code = "from simulator.cli import main; main(['run', 'baseline', '--runs', '300', " \
           "'--quiet', '--workers', '1'])"
    assert loaded_after(code, "simulator.evidence", "simulator.studies.designs",
                        "scipy.stats") == []


def test_run_uncertainty_json_gives_predictive_intervals_and_the_parts_of_the_spread():
    result = cli("run", "baseline", "--uncertainty", "--json", check=True)
    summary = json.loads(result.stdout)
    assert summary["uncertainty"]["block_worlds"] == 256 and summary["uncertainty"]["ranges"]
    for name, outcome in summary["outcomes"].items():
        assert outcome["pi_low"] <= outcome["ci_low"] <= outcome["ci_high"] <= outcome["pi_high"]
        spread = outcome["spread"]
        assert spread["variance_simulation"] >= 0 and spread["variance_assumptions"] >= 0, name
    use = summary["outcomes"]["nuclear_use"]
    assert use["pi_high"] - use["pi_low"] >= 0.03
    spread = use["spread"]
    assert abs(spread["simulation"] + spread["assumptions"] - 1) <= 0.05
    assert (spread["variance_simulation"] + spread["variance_assumptions"]
            == pytest.approx(spread["variance_total"], rel=0.05))
    plain = json.loads(cli("run", "baseline", "--json", check=True).stdout)
    assert "pi_low" not in plain["outcomes"]["nuclear_use"] and "uncertainty" not in plain
    assert use["pi_low"] <= plain["outcomes"]["nuclear_use"]["estimate"] <= use["pi_high"]


def test_run_uncertainty_says_it_in_plain_words_and_refuses_a_scenario_without_ranges(
        tmp_path):
    text = cli("run", "baseline", "--uncertainty", "--runs", "2048", check=True).stdout
    assert "plausibly" in text and "given the ranges (95% predictive interval)" in text
    assert "simulation noise +-" in text and "comes from the ranges" in text
    flat = tmp_path / "flat.yaml"
    flat.write_text("name: flat\ntitle: no ranges\nparameters:\n  chain.layers:\n"
                    "    value: 3\n    why: a test\n")
    refused = cli("run", str(flat), "--uncertainty")
    assert refused.returncode == 2
    assert "gives no parameter a range" in refused.stderr and "Traceback" not in refused.stderr


def test_compare_uncertainty_splits_the_spread_over_views():
    result = cli("compare", "baseline", "kemp", "--uncertainty", "--runs", "2048", "--json",
                 check=True)
    found = json.loads(result.stdout)
    assert set(found["views"]) == {"baseline", "kemp"}
    pooled = found["pooled"]["nuclear_use"]
    parts = pooled["spread"]
    assert sum(parts[k] for k in ("simulation", "assumptions", "disagreement")) == (
        pytest.approx(1, abs=0.05))
    assert pooled["pi_low"] <= pooled["estimate"] <= pooled["pi_high"]


def test_compare_uncertainty_writes_its_table_for_pandas_and_refuses_a_full_folder(tmp_path):
    import pandas as pd

    out = tmp_path / "spread"
    result = cli("compare", "kemp", "hodges", "--uncertainty", "--runs", "1024", "--json",
                 "--out", str(out), check=True)
    printed = json.loads(result.stdout)
    table = pd.read_parquet(out / "uncertainty.parquet")
    assert set(table["view"]) == {"kemp", "hodges", "pooled"}
    row = table[(table["view"] == "pooled") & (table["outcome"] == "nuclear_use")].iloc[0]
    assert row["pi_low"] == pytest.approx(printed["pooled"]["nuclear_use"]["pi_low"])
    assert pd.read_csv(out / "uncertainty.csv").shape == table.shape
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(manifest["uncertainty"]) == {"kemp", "hodges"}
    again = cli("compare", "kemp", "hodges", "--uncertainty", "--runs", "1024", "--out",
                str(out))
    assert again.returncode == 2 and "is not empty" in again.stderr
