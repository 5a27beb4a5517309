"""The French-language checks of a page (English left, ids left) shared by test modules."""

import json
import re

from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from simulator.model import params

ENGLISH_WORDS = re.compile(
    r"\b(the|of|and|with|from|which|is|are|was|were|has|have|this|that|than|into|under|"
    r"after|before|each|every|per|more|less|likely|against|worlds?|probability|nuclear|"
    r"leader|chain|weeks?|refused|refusal|orders?|outcomes?|share|highest|download|"
    r"baseline|preset|views?|scenarios?|assumptions?|differences?|threats?|strike|"
    r"layers?|between|within|noise|computed?|seconds|left|range|mean|given|when)\b"
    r"|\b(Nuclear|Worlds?|Weeks?|Probability|Outcomes?|Compute|Download|Share|Highest|"
    r"Leader|Baseline|Preset|Differences?|Rung|Order|Refused|What|Which|How|Every|The|"
    r"Territory|Scenarios?|Will|Lt-Gen)\b(?!\s+(?:Insider|New\s+York|Daily|Sun|Kyiv|Kremlin))")
"""Common English words that a French page never needs (case-sensitive where a capital
would only be English at a sentence's start, e.g. 'The' but not the publication names
listed after it)."""


ENGLISH_THOUSANDS = re.compile(r"(?<![\d,.])[1-9]\d{0,2}(?:,\d{3})+(?![\d,])")


ENGLISH_DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")


ENGLISH_PERCENT = re.compile(r"\d%")
"""'7.6%', '10,000', '7%': the French forms are '7,6 %', '10 000', '7 %'."""


ENGLISH_DATE = re.compile(r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")
"""'3 Oct 2022': the French form is '3 oct. 2022' (CLDR's abbreviations are lower case)."""


ENGLISH_LABEL = "(en anglais)"
"""The label of a passage shown in English (``i18n.english_passage``)."""


QUOTES = re.compile(r"«[^»]*»|“[^”]*”|`[^`]*`|\(en anglais\)[^\n]*|https?://\S+"
                    r"|(?s:<style>.*?</style>)")
"""Not checked: quotes, code, a passage labelled English, links, a page's style sheet."""


PROPER_NAMES = re.compile(
    r"Dr Colin Alexander|Dmitri Alperovitch|Die Welt \([^)]*\)|"
    r"Samotsvety( Forecasting)?|Swift Centre|Metaculus( Pro)?|The [A-Z][\w-]+( [A-Z][\w-]+)*"
    r"|Language / Langue")
"""Names that stay as they are in French (speakers, forecasters, publications)."""


SKIPPED_KEYS = {"id", "formId", "key", "queryParamKey", "icon", "data", "spec", "columns",
                "type", "default", "value", "rawValue", "setValue", "format", "url",
                "columnOrder", "deltaPath", "dataframeSchema", "elementType", "fragmentId",
                "width", "height", "selectionMode", "useContainerWidth", "theme", "config",
                "queryString", "page", "pageScriptHash"}
"""Proto fields that are not shown as text (ids, data, settings)."""


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
                                           ENGLISH_PERCENT, ENGLISH_DATE)
                for m in pattern.finditer(plain)]
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


def labelled_english(texts: list[str]) -> list[str]:
    """The texts that show a passage labelled '(en anglais)': English left on the page."""
    return [text[:160] for text in texts if ENGLISH_LABEL in text]


def assert_all_french(texts: list[str]) -> None:
    """No English word or number format, and no passage left in English under its label."""
    left = english_left(texts) + [f"labelled English: {t!r}" for t in labelled_english(texts)]
    assert not left, "English in the French texts:\n" + "\n".join(left)


def assert_french(at: AppTest, figures: bool = True, complete: bool = False) -> None:
    """The page in French; ``complete``: nothing labelled '(en anglais)' either."""
    assert not at.exception, at.exception
    texts = page_texts(at, figures)
    assert len(texts) > 10  # the collector saw the page
    if complete:
        assert_all_french(texts)
    left = english_left(texts)
    assert not left, "English on the French page:\n" + "\n".join(left)
    ids = ids_left(texts)
    assert not ids, "Parameter ids on the French page:\n" + "\n".join(ids)

