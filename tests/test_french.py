"""The French view is complete: no English word and no English number format on a page.

Each page is opened with ``?lang=fr`` (AppTest), for every preset where the page shows one,
and every text it renders is collected: markdown, captions, titles, alerts, metric labels
and values, widget labels, options and help texts, expander labels, table headers, index and
cells, shown dataframe columns, and the texts of every Plotly figure (titles, axis titles,
tick labels, trace names). The test fails on any English word of a list of common ones and
on English number formats (a comma as thousands separator, a point as decimal separator).

Left out, on purpose: the articles' quotes (« ... », already French), code spans (parameter
ids, claim ids, scenario specs), proper names (speakers, publications, forecasters), links'
query strings and the texts that exist only in English (the claims' paraphrases and
interpretations, the modellers' notes): the label "(en anglais)" precedes each of them and
covers the rest of its line.
"""

import json
import re
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from simulator import locales
from simulator.app import i18n
from simulator.model import params
from simulator.model.scenario import list_presets
from simulator.results import analysis
from simulator.studies import story

APP = str(Path(__file__).resolve().parent.parent / "app.py")

ENGLISH_WORDS = re.compile(
    r"\b(the|of|and|with|from|which|is|are|was|were|has|have|this|that|than|into|under|"
    r"after|before|each|every|per|more|less|likely|against|worlds?|probability|nuclear|"
    r"leader|chain|weeks?|refused|refusal|orders?|outcomes?|share|highest|download|"
    r"baseline|preset|views?|scenarios?|assumptions?|differences?|threats?|strike|"
    r"layers?|between|within|noise|computed?|seconds|left)\b"
    r"|\b(Nuclear|Worlds?|Weeks?|Probability|Outcomes?|Compute|Download|Share|Highest|"
    r"Leader|Baseline|Preset|Differences?|Rung|Order|Refused|What|Which|How|Every|The|"
    r"Territory|Scenarios?)\b(?!\s+(?:Insider|New\s+York|Daily|Sun|Kyiv|Kremlin))")
"""Common English words that a French page never needs (case-sensitive where a capital
would only be English at a sentence's start, e.g. 'The' but not the publication names
listed after it)."""
ENGLISH_THOUSANDS = re.compile(r"(?<![\d,.])[1-9]\d{0,2}(?:,\d{3})+(?![\d,])")
ENGLISH_DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")
ENGLISH_PERCENT = re.compile(r"\d%")
"""'7.6%', '10,000', '7%': the French forms are '7,6 %', '10 000', '7 %'."""

QUOTES = re.compile(r"«[^»]*»|“[^”]*”|`[^`]*`|\(en anglais\)[^\n]*|https?://\S+")
PROPER_NAMES = re.compile(
    r"Lt-Gen\. Ben Hodges and Col\. Richard Kemp|Dr Colin Alexander|Dmitri Alperovitch|"
    r"Lt-Gen\. Ben Hodges|Col\. Richard Kemp|Die Welt \([^)]*\)|"
    r"Samotsvety( Forecasting)?|Swift Centre|Metaculus( Pro)?|The [A-Z][\w-]+( [A-Z][\w-]+)*"
    r"|Language / Langue")
"""Names that stay as they are in French (speakers, forecasters, publications)."""

SKIPPED_KEYS = {"id", "formId", "key", "queryParamKey", "icon", "data", "spec", "columns",
                "type", "default", "value", "rawValue", "setValue", "format", "url",
                "columnOrder", "deltaPath", "dataframeSchema", "elementType", "fragmentId",
                "width", "height", "selectionMode", "useContainerWidth", "theme", "config",
                "queryString", "page", "pageScriptHash"}
"""Proto fields that are not shown as text (ids, data, settings)."""


def open_french(page: str, query: dict | None = None) -> AppTest:
    """``page`` opened in French from a link with ``query``."""
    at = AppTest.from_file(APP, default_timeout=120)
    # AppTest starts on Explore (kept cheap: 1,000 worlds), then goes to the page in French.
    at.query_params.update({"worlds": "1000"})
    at.run()
    at.session_state[i18n.LANGUAGE_KEY] = "fr"
    at.switch_page(page)
    at.query_params.clear()
    at.query_params.update({"lang": "fr", **(query or {})})
    return at.run()


def _strings(value, key: str = "") -> list[str]:
    """Every string in a proto's dict form, except in fields that are not shown."""
    if key in SKIPPED_KEYS:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, k)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v, key)]
    return []


def _figure_texts(spec: str) -> list[str]:
    """The shown texts of a Plotly figure: titles, axis titles, tick labels, trace names."""
    figure = json.loads(spec)
    texts = []
    layout = figure.get("layout", {})
    for part in layout.values():
        if not isinstance(part, dict):
            continue
        title = part.get("title")
        texts.append(title.get("text", "") if isinstance(title, dict) else title or "")
        texts += [str(t) for t in part.get("ticktext", [])]
    for trace in figure.get("data", []):
        texts.append(trace.get("name") or "")
        for axis in ("x", "y"):
            texts += [v for v in trace.get(axis) or [] if isinstance(v, str)]
        text = trace.get("text")
        texts += [text] if isinstance(text, str) else [t for t in text or [] if isinstance(t, str)]
        texts += [t for t in trace.get("customdata") or [] if isinstance(t, str)]
    return [t for t in texts if t]


def _frame_texts(frame, shown: list[str] | None = None) -> list[str]:
    columns = [c for c in frame.columns if shown is None or c in shown]
    texts = [str(c) for c in columns] + [str(i) for i in frame.index if isinstance(i, str)]
    for column in columns:
        texts += [v for v in frame[column] if isinstance(v, str)]
    return texts


def page_texts(at: AppTest, figures: bool = True) -> list[str]:
    """Every text the page renders, one entry per element field (``figures``: with the
    charts' texts)."""
    texts = []
    for node in at._tree:
        kind = type(node).__name__
        proto = getattr(node, "proto", None)
        if kind == "Table":
            texts += _frame_texts(node.value)
        elif kind == "Dataframe":
            config = json.loads(node.proto.columns or "{}")
            order = list(node.proto.column_order) or None
            texts += [c.get("label", "") for c in config.values() if isinstance(c, dict)]
            texts += [v for v in _frame_texts(node.value, order)
                      if v not in config and (order is None or v not in order)]
        elif kind == "UnknownElement" and proto is not None and hasattr(proto, "spec"):
            if type(proto).__name__ == "GraphVizChart":  # the DOT source: its labels
                texts += re.findall(r'label="((?:[^"\\]|\\.)*)"', proto.spec)
            elif figures:
                texts += _figure_texts(proto.spec)
        elif kind == "Metric":
            texts += [node.label, node.value, *_strings(MessageToDict(proto))]
        elif proto is not None:
            texts += _strings(MessageToDict(proto))
        if kind in ("Selectbox", "Multiselect", "Radio", "SelectSlider"):
            texts += [str(o) for o in node.options]
    return [t for t in texts if t and t.strip()]


def english_left(texts: list[str]) -> list[str]:
    """The texts with an English word or an English number format, with what was found."""
    found = []
    for text in texts:
        plain = PROPER_NAMES.sub(" ", QUOTES.sub(" ", text))
        hits = [m.group(0) for pattern in (ENGLISH_WORDS, ENGLISH_THOUSANDS, ENGLISH_DECIMAL,
                                           ENGLISH_PERCENT) for m in pattern.finditer(plain)]
        if hits:
            found.append(f"{sorted(set(hits))}: {text[:160]!r}")
    return found


PARAMETER_IDS = re.compile(r"(?<![\w.])(" + "|".join(
    re.escape(name) for name in sorted(params.SCHEMA, key=len, reverse=True)
    if "." in name) + r")(?![\w.=])")
"""Any raw parameter id (``chain.layers``), code spans included: the French view names them.
An id followed by ``=`` is left: it quotes what a link or a typed setting holds
(``chain.layers=70``), which is the syntax the user writes."""


def ids_left(texts: list[str]) -> list[str]:
    """The texts that show a raw parameter id, with the ids found."""
    return [f"{sorted(set(found))}: {text[:160]!r}" for text in texts
            if (found := PARAMETER_IDS.findall(text))]


def assert_french(at: AppTest, figures: bool = True) -> None:
    assert not at.exception, at.exception
    texts = page_texts(at, figures)
    assert len(texts) > 10  # the collector saw the page
    left = english_left(texts)
    assert not left, "English on the French page:\n" + "\n".join(left)
    ids = ids_left(texts)
    assert not ids, "Parameter ids on the French page:\n" + "\n".join(ids)


# --- the checker itself ---------------------------------------------------------------

def test_the_checker_finds_english_words_and_number_formats():
    assert english_left(["Le dirigeant a refusé"]) == []
    assert english_left(["7,6 % de 10 000 mondes", "« the quote stays »", "`chain.layers`",
                         "Source : The New York Times", "Dr Colin Alexander",
                         "Paraphrase (en anglais) : the leader refused"]) == []
    # The label covers its own line only.
    assert english_left(["*(en anglais)* the leader  \nThe chain refused"])
    for english in ("The leader refused", "P(nuclear use)", "7.6 %", "10,000 mondes",
                    "7%", "share of worlds"):
        assert english_left([english]), english


# --- the pages ------------------------------------------------------------------------

def test_compare_in_french():
    at = open_french("simulator/app/compare.py", {"compare_worlds": "2000"})
    assert_french(at)
    # The digest says what differs, in French words and French numbers.
    digest = "\n".join(m.value for m in at.markdown if "points" in m.value)
    assert "moins probable de" in digest or "plus probable de" in digest


def test_compare_every_preset_described_in_french():
    at = open_french("simulator/app/compare.py", {"compare_worlds": "1000",
                                       "scenarios": list(list_presets())})
    assert_french(at)


def test_sensitivity_in_french():
    at = open_french("simulator/app/sensitivity.py", {"sobol_samples": "8", "sobol_runs": "250"})
    at.button[0].click().run()
    assert at.dataframe, "the indices were shown"
    assert_french(at)


@pytest.mark.parametrize("preset", list_presets())
def test_one_world_in_french(preset):
    at = open_french("simulator/app/one_world.py", {"story_preset": preset})
    at.button[0].click().run()  # a world with nuclear use, if the batch has one
    assert_french(at)
    at.button[1].click().run()  # a world where the chain refused
    assert_french(at)


def test_calibration_in_french():
    at = open_french("simulator/app/calibration.py")
    assert_french(at)


def open_explore_french(query: dict | None = None) -> AppTest:
    """Explore opened from a French link (Explore is the default page: no switch needed)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"lang": "fr", "worlds": "1000", **(query or {})})
    return at.run()


@pytest.mark.parametrize("preset", list_presets())
def test_explore_in_french(preset):
    at = open_explore_french({"preset": preset})
    assert at.selectbox(key="preset").value == preset
    assert_french(at)
    # The preset picker shows names, never ids, and the link keeps the id.
    shown = at.selectbox(key="preset").options
    assert "Référence" in shown and "baseline" not in shown


def test_explore_with_changed_sliders_in_french():
    at = open_explore_french({"preset": "kemp"})
    at.slider(key="chain.layers").set_value(3)
    at.slider(key="leader.bluff_share").set_value(0.3)
    at.slider(key="leader.resolve").set_value(0.45)
    at.run()
    assert at.info, "the changes are listed"
    assert_french(at)


def test_explore_warnings_about_link_values_in_french():
    at = open_explore_french({"preset": "nobody", "chain.layers": "70", "seed": "-1",
                              "leader.bluff_share": "lots", "worlds": "7"})
    assert len(at.warning) == 5
    assert_french(at, figures=False)


def test_explore_preset_picker_keeps_ids_in_the_link():
    at = open_explore_french({"preset": "hodges"})
    at.selectbox(key="preset").set_value("crimea-offensive").run()
    assert at.query_params["preset"] == "crimea-offensive"
    assert at.query_params["lang"] == "fr"
    at.selectbox(key="preset").set_value("baseline").run()
    assert "preset" not in at.query_params


def test_claims_in_french():
    at = open_french("simulator/app/claims.py")
    assert len(at.markdown) > 50, "every claim is shown"
    assert_french(at)


def test_about_in_french():
    at = open_french("simulator/app/about.py")
    assert_french(at)


def test_workshop_landing_in_french(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKSHOP_DATABASE_URL", raising=False)
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))
    at = open_french("simulator/app/workshop.py")
    assert_french(at)


# --- the labels behind the pages --------------------------------------------------------

def test_every_parameter_outcome_and_unit_has_french():
    french = locales.catalogue("fr")
    helps = [param.help_fr for param in params.SCHEMA.values()]  # beside the English help
    assert all(text.strip() for text in helps)
    assert all(("unit", param.unit) in french for param in params.SCHEMA.values())
    sentences = i18n.story_wording("fr").sentences
    assert all((f"story.{key}", english) in french for key, english in story.SENTENCES.items())
    outcome_help = [french[f"outcome_help.{name}", english]
                    for name, english in analysis.OUTCOMES.items()]
    for name in analysis.PROBABILITY_OUTCOMES:
        assert i18n.has(f"compare.outcome_plain.{name}")
    templates = [re.sub(r"\{\w+\}", "", text) for text in sentences.values()]
    assert english_left(helps + templates + outcome_help) == []


def test_the_checker_finds_raw_parameter_ids_but_not_typed_settings():
    assert ids_left(["Niveaux (`chain.layers`)", "voir chain.base_refusal."])
    assert not ids_left(["Le lien fixe `chain.layers=70`", "Niveaux qui doivent accepter"])
