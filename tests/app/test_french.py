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

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import page_path
from support.french import (
    assert_all_french,
    assert_french,
    english_left,
    ids_left,
    page_texts,
)
from support.workshop import ALLOWED, open_workshop

from simulator import locales
from simulator.app import i18n
from simulator.model import params
from simulator.model.scenario import list_presets
from simulator.results import analysis
from simulator.studies import story
from simulator.workshop import results, tables
from simulator.workshop.report import debrief_sheet, html_report

APP = str(Path(__file__).resolve().parents[2] / "app.py")


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
    # Dates, ranks and the CSS of a page: '3 oct. 2022' is French, a style sheet is not shown.
    assert english_left(["Samotsvety, 3 Oct 2022"]) and english_left(["Lt-Gen. Ben Hodges"])
    assert english_left(["3 oct. 2022 → 3 nov. 2022", "Général Ben Hodges",
                         "<style>p { font-size: 1.25rem; }</style>"]) == []
    # The complete check refuses a passage left in English under its label.
    with pytest.raises(AssertionError, match="labelled English"):
        assert_all_french(["*(en anglais)* the leader refused"])


# --- the pages ------------------------------------------------------------------------

def test_compare_in_french():
    at = open_french(page_path("compare"), {"compare_worlds": "2000"})
    assert_french(at)
    # The digest says what differs, in French words and French numbers.
    digest = "\n".join(m.value for m in at.markdown if "points" in m.value)
    assert "moins probable de" in digest or "plus probable de" in digest


def test_compare_every_preset_described_in_french():
    at = open_french(page_path("compare"), {"compare_worlds": "1000",
                                       "scenarios": list(list_presets())})
    assert_french(at)


def test_sensitivity_in_french():
    at = open_french(page_path("sensitivity"), {"sobol_samples": "8", "sobol_runs": "250"})
    at.button[0].click().run()
    assert at.dataframe, "the indices were shown"
    assert_french(at)


@pytest.mark.parametrize("preset", list_presets())
def test_one_world_in_french(preset):
    at = open_french(page_path("one_world"), {"story_preset": preset})
    at.button[0].click().run()  # a world with nuclear use, if the batch has one
    assert_french(at)
    at.button[1].click().run()  # a world where the chain refused
    assert_french(at)


def test_calibration_in_french():
    at = open_french(page_path("calibration"))
    assert_french(at, complete=True)  # a translated reason is not labelled as English
    dates = [str(cell) for table in at.table for cell in table.value.to_numpy().ravel()]
    assert "3 oct. 2022" in dates
    assert "Renseignement américain (selon Bob Woodward)" in dates  # who forecast, in French
    assert not [cell for cell in dates if "intelligence community" in cell]


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
    at = open_explore_french({"preset": "kemp", "analysts": "true"})
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
    at = open_french(page_path("claims"), {"open_all": "true"})  # every card open
    assert len(at.markdown) > 50, "every claim is shown"
    # Paraphrases, readings, checks, falsifiers and the analysts' lines: all French.
    assert_french(at, complete=True)
    shown = "\n".join(m.value for m in at.markdown)
    assert "Doit échouer sous `kemp` avec Niveaux qui doivent accepter = 1" in shown
    assert "rapport de la moyenne de `territory_km2`" in shown  # a number in French: '0,4542'
    assert re.search(r"estimation \d+,\d+ > 0,75", shown)


def test_about_in_french():
    at = open_french(page_path("about"))
    assert_french(at)


def test_workshop_landing_in_french(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKSHOP_DATABASE_URL", raising=False)
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))
    at = open_french(page_path("workshop"))
    assert_french(at)


def test_explore_gives_the_modellers_reasons_in_french():
    at = open_explore_french({"preset": "baseline", "analysts": "true"})
    label = "Hypothèse du modélisateur"
    shown = [text for text in page_texts(at) if label in text]
    assert shown, "the sliders' help gives the modeller's reasons"
    assert not [text for text in shown if "(en anglais)" in text]
    assert all(f"**{label}** : " in text for text in shown)  # French typography
    reasons = [text.split(f"**{label}** : ")[1].split("\n")[0] for text in shown]
    assert english_left(reasons) == []
    assert any("modélisateur" in reason for reason in reasons)


def test_every_modellers_assumption_has_french():
    french = locales.catalogue("fr")
    reasons = [french.get((f"assumption.{name}", param.assumption))
               for name, param in params.SCHEMA.items() if param.assumption]
    assert reasons and None not in reasons
    # Ids and commands stay as they are (the page shows the parameters' names for the ids).
    assert english_left([re.sub(r"`[^`]*`|[a-z]+\.[a-z_]+|[a-z0-9]+(-[a-z0-9]+)+", " ", text)
                         for text in reasons]) == []


def test_french_puts_a_space_before_a_colon_joined_in_code(store, french_room):
    code, _ = french_room
    report = html_report(store, code, "fr")
    assert f"Code de la salle : {code}" in report and "Code de la salle:" not in report
    assert f"Join code: {code}" in html_report(store, code, "en")
    round_ = store.all_rounds(code)[0]
    assert tables.status_text(round_, "fr").startswith("Tour 1 : ")
    assert tables.status_text(round_, "en").startswith("Round 1: ")


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


# --- the workshop in French: participant, facilitator, board and exports -------------------

class _Text(HTMLParser):
    """The shown text of an HTML export (scripts and styles left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts, self._hidden = [], False

    def handle_starttag(self, tag, attrs) -> None:
        self._hidden = tag in ("script", "style")

    def handle_endtag(self, tag) -> None:
        self._hidden = False

    def handle_data(self, data) -> None:
        if not self._hidden and data.strip():
            self.texts.append(data.strip())


def _html_texts(document: str) -> list[str]:
    parser = _Text()
    parser.feed(document)
    return parser.texts


@pytest.fixture
def french_room(store):
    """A Baseline room whose round 1 is revealed: two answers, one with a plausible range."""
    created, key = store.create_room("Automne 2022", "baseline", ALLOWED)
    code = created.join_code
    _, ana = store.join(code, "Ana")
    store.submit(code, ana, 1, 0.05, 2, {"chain.layers": 4}, 0.02, 0.125)
    _, bob = store.join(code, "Bob")
    store.submit(code, bob, 1, 0.125, None, {"west.influence": 0.8})
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=1_000, allowed=ALLOWED))
    return code, key


@pytest.mark.usefixtures("workshop_db")
def test_workshop_participant_in_french(store):
    created, _ = store.create_room("Automne 2022", "baseline", ALLOWED)
    at = open_workshop({"room": created.join_code, "lang": "fr"})
    at.text_input(key="workshop_name").set_value("Cy")
    at.button[0].click().run()
    assert at.slider, "the form with the sliders"
    assert_french(at, complete=True)
    # The slider's bounds and unit in French ('niveaux', never 'layers').
    layers = next(s for s in at.slider if s.key.endswith("chain.layers"))
    assert "(1–10 " in layers.label and "layers" not in layers.label


def test_workshop_board_and_revealed_participant_in_french(store, french_room):
    code, _ = french_room
    board = open_workshop({"room": code, "view": "board", "lang": "fr"})
    assert_french(board, complete=True)
    shown = "\n".join(m.value for m in board.markdown)
    assert "3 oct. 2022" in shown  # the forecasts of the time, dated in French
    assert "Quelle est la probabilité" in shown  # and asked in French
    metrics = [m.value for m in board.metric]
    assert any(re.fullmatch(r"\d+,\d\u00a0%", value) for value in metrics), metrics
    setting = "\n".join(m.value for m in [*board.markdown, *board.caption])
    assert "préréglage Référence" in setting  # as Explore names the Baseline
    _, token = store.join(code, "Dan")
    participant = open_workshop({"room": code, "lang": "fr", "token": token})
    assert_french(participant, complete=True)


def test_workshop_facilitator_in_french(store, french_room):
    code, key = french_room
    at = open_workshop({"room": code, "view": "facilitate", "lang": "fr"})
    at.text_input(key="workshop_key_input").set_value(key)
    at.button[0].click().run()
    assert at.multiselect, "the controls of the next round"
    assert_french(at, complete=True)


def test_workshop_exports_in_french(store, french_room):
    code, _ = french_room
    for document in (html_report(store, code, "fr"), debrief_sheet(store, code, "fr")):
        texts = _html_texts(document)
        assert_all_french(texts)
        joined = "\n".join(texts)
        assert "5,0\u00a0%" in joined and "3 oct. 2022" in joined and "Référence" in joined
        assert "Baseline" not in joined
