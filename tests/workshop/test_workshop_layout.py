"""The workshop in one place: simulator/workshop/ is everything that is not Streamlit.

simulator/workshop/ (store, reveal, results, tables, charts, report, texts, labels) must import
nothing from simulator/app/ (nor Streamlit): the report is built in a download button's callback
and by scripts, outside any page run. It shares the app's parameter labels
(simulator/model/labels.py) and the one catalogue of translations (simulator/locales).
"""

import ast
from pathlib import Path

import pytest

from simulator import locales
from simulator.app import i18n
from simulator.model import params
from simulator.workshop import labels
from simulator.workshop.text import TEXT

WORKSHOP = Path(__file__).resolve().parents[2] / "simulator" / "workshop"
FORBIDDEN = ("streamlit", "simulator.app")


def forbidden(name: str) -> bool:
    """Whether an imported module is Streamlit or the app (or inside either)."""
    return any(name == bad or name.startswith(f"{bad}.") for bad in FORBIDDEN)


def imported_modules(path: Path) -> list[str]:
    """Every module a file imports (absolute names; relative imports stay in workshop/)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
    return found


@pytest.mark.parametrize("path", sorted(WORKSHOP.glob("*.py")), ids=lambda p: p.name)
def test_workshop_imports_nothing_from_ui_nor_streamlit(path):
    bad = [name for name in imported_modules(path) if forbidden(name)]
    assert not bad, f"{path.name} imports {bad}: workshop/ must not depend on the app"


def test_the_workshop_folder_is_found():
    assert (WORKSHOP / "text.py").is_file()


def test_the_check_sees_an_import_of_ui(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom streamlit import session_state\n"
                      "import simulator.app.i18n as i\nimport simulator.application\n")
    assert [n for n in imported_modules(sample) if forbidden(n)] == ["streamlit",
                                                                     "simulator.app.i18n"]


def test_the_workshop_and_the_app_read_one_table_of_labels():
    from simulator.model import labels as shared

    assert labels.PARAMETERS is shared.PARAMETERS is i18n.PARAMETERS
    assert set(shared.PARAMETERS) == set(params.SCHEMA)
    i18n._page_run.language = "fr"  # the app's language, as a page run fixes it
    try:
        for name in ("General Staff (Gerasimov)", "Layer 6", "Theatre command 2"):
            assert i18n.layer(name) == labels.layer(name, "fr") != name
        assert i18n.parameter("chain.layers") == labels.parameter("chain.layers", "fr") \
            == locales.translate("fr", "parameter.chain.layers", shared.PARAMETERS["chain.layers"])
    finally:
        i18n._page_run.language = None


def test_every_workshop_text_exists_in_both_languages():
    assert set(TEXT["fr"]) == set(TEXT["en"])


def test_the_role_cards_are_generated_from_the_role_sets_claims_and_presets():
    from simulator.workshop import roles

    text = roles.cards()
    committed = (WORKSHOP.parents[1] / "docs" / "ROLE_CARDS.md").read_text()
    assert committed == text, "run: python scripts/role_cards.py"
    for speaker in ("Dmitri Alperovitch", "Dr Colin Alexander", "Lt-Gen. Ben Hodges",
                    "Col. Richard Kemp"):
        assert f"## {speaker}" in text
    for role in roles.roles().values():
        assert f"### {role.title()} / *{role.title('fr')}*" in text
    kemp = roles.card("kemp", allowed=("chain.base_refusal",))
    # the plain name and the unit students see; the id only in the analysts' table
    assert "**How willing officers are to refuse**: 8% [5%]." in kemp
    assert "chain.base_refusal" not in kemp and "| `chain.base_refusal` |" in text
    assert "(not a slider in this room" in kemp  # west.influence is not allowed here
    quotes = [line for line in kemp.splitlines() if line.startswith("- « ")]
    assert 1 <= len(quotes) <= roles.MAX_QUOTES and all(" — " in q for q in quotes)


def test_the_experts_role_set_holds_every_setting_of_their_cards():
    from simulator.model.scenario import load
    from simulator.workshop import roles

    experts = roles.roles()["experts"]
    assert set(experts.assumptions) == {name for preset in roles.EXPERTS
                                        for name in load(preset).overrides}
    assert roles.default().id == "starter" and len(roles.default().assumptions) == 6
    for role in roles.roles().values():
        assert role.title("fr") != role.title() and role.text("fr") != role.text()
