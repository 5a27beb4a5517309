"""The one gettext catalogue: complete, in step with the sources, and the only way to translate.

The template (simulator/locales/messages.pot) and the French catalogue (fr/LC_MESSAGES/
messages.po) hold the same entries, each French reviewed (not empty, not fuzzy); every key the
code asks for (``tr("…")``, ``wt("…")``, ``text(lang, "…")``) is in the catalogue; the
maintainer script's update turns a changed English msgid fuzzy; and no page or module decides a
text with an ``if language == "fr"`` of its own.
"""

import ast
import importlib.util
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from simulator import locales
from simulator.app import i18n
from simulator.workshop import text as workshop_text

ROOT = Path(__file__).resolve().parents[2]
SIMULATOR = ROOT / "simulator"


def read(path: Path):
    with path.open("rb") as file:
        return read_po(file, locale=None if path.suffix == ".pot" else "fr")


def entries(catalog) -> set[tuple[str | None, str]]:
    return {(message.context, message.id) for message in catalog if message.id}


@pytest.fixture(scope="module")
def maintainer():
    """scripts/catalogue.py as a module."""
    spec = importlib.util.spec_from_file_location("catalogue", ROOT / "scripts" / "catalogue.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the catalogue itself ---------------------------------------------------------------------

def test_template_and_french_hold_the_same_entries_each_translated():
    template, french = read(locales.TEMPLATE), read(locales.po_file("fr"))
    assert entries(template) == entries(french)
    assert len(entries(template)) > 800
    missing = [(m.context, m.id) for m in french if m.id and (not m.string or m.fuzzy)]
    assert missing == []
    assert all(m.context for m in template if m.id), "every entry has its key as msgctxt"


def test_each_translation_keeps_the_placeholders_of_its_english():
    def fields(text: str) -> set[str]:
        return set(re.findall(r"\{(\w+)", text))

    french = read(locales.po_file("fr"))
    # a translation may leave a value out (French names no ids), never invent one; the
    # choices below are passed both forms, the English showing one, the French the other
    choices = {"format.parameter_id", "format.short_number", "url.out_of_range",
               "claims.detail_shown", "claims.setting_shown"}
    wrong = [m.context for m in french if m.id and m.context not in choices
             and not fields(m.string) <= fields(m.id)]
    assert wrong == []
    assert all(len(fields(french.get(m.id, context=m.context).string)) == 1
               for m in french if m.context in choices)


def test_the_catalogue_is_what_the_sources_make(maintainer):
    built = maintainer.build()
    stale = [path.name for path, content in built.items() if path.read_bytes() != content]
    assert stale == [], "run: python scripts/catalogue.py"


def test_a_changed_english_msgid_turns_fuzzy_and_keeps_its_french(maintainer):
    pot = maintainer.template()
    french = read(locales.po_file("fr"))
    old = next(m for m in pot if m.context == "app.title")
    pot.delete(old.id, context="app.title")
    pot.add("Escalation risk simulator (new wording)", context="app.title")
    pot.add("A text nobody has translated yet", context="app.brand_new")
    updated = maintainer.update(french, pot)
    changed = updated.get("Escalation risk simulator (new wording)", context="app.title")
    assert changed.fuzzy and changed.string == "Simulateur de risque d'escalade"
    new = updated.get("A text nobody has translated yet", context="app.brand_new")
    assert new is not None and not new.string
    assert updated.get(old.id, context="app.title") is None and not updated.obsolete
    # at run time a fuzzy entry is not used: the page shows the English until reviewed
    reviewed = {(m.context, m.id) for m in updated if m.string and not m.fuzzy}
    assert ("app.title", "Escalation risk simulator (new wording)") not in reviewed


def test_the_runtime_reads_the_french_and_falls_back_to_the_english():
    assert locales.translate("fr", "app.title", i18n.ENGLISH["app.title"]) \
        == "Simulateur de risque d'escalade"
    assert locales.translate("en", "app.title", i18n.ENGLISH["app.title"]) \
        == "Escalation-risk simulator"
    assert locales.translate("fr", "app.title", "Some stale English") == "Some stale English"
    assert locales.translate("de", "unit", "weeks") == "weeks"
    assert locales.translate("fr", "unit", "weeks") == "semaines"
    assert i18n.TEXT["fr"]["app.title"] == "Simulateur de risque d'escalade"
    assert workshop_text.text("fr", "title") == "Atelier" and workshop_text.text("en", "title") \
        == "Workshop"


def test_content_fields_are_read_beside_their_english():
    class Claim:
        paraphrase = "English"
        paraphrase_fr = "Français"

    class Untranslated:
        paraphrase = "English"

    assert locales.localized(Claim, "paraphrase", "fr") == "Français"
    assert locales.localized(Claim, "paraphrase", "en") == "English"
    assert locales.localized(Untranslated, "paraphrase", "fr") == "English"
    assert locales.localized({"why": "Because", "why_fr": "Parce que"}, "why", "fr") == "Parce que"
    assert locales.localized({"why": "Because", "why_fr": ""}, "why", "fr") == "Because"


# --- numbers and dates by Babel ---------------------------------------------------------------

def test_numbers_percentages_and_dates_follow_each_locale():
    import datetime as dt

    from simulator.locales import formats

    assert formats.number("en", 10_000) == "10,000"
    assert formats.number("fr", 10_000) == "10\u202f000"  # narrow no-break space
    assert formats.number("fr", 0.25, 2) == "0,25"
    assert formats.number("en", 9.84, 1, sign=True) == "+9.8"
    assert formats.number("en", 2.675, 2) == f"{2.675:.2f}"  # Python's rounding of the float
    assert formats.percent("en", 0.076, 1) == "7.6%"
    assert formats.percent("fr", 0.076, 1) == "7,6\u00a0%"  # Babel's (CLDR's) no-break space
    assert formats.day("en", dt.date(2022, 10, 3)) == "3 Oct 2022"
    assert formats.day("fr", dt.date(2022, 10, 3)) == "3 oct. 2022"
    assert formats.day("fr", dt.date(2022, 2, 1), "MMM y") == "févr. 2022"
    assert formats.plain_number("fr", "5 000,5") == "5000.5"
    assert formats.plain_number("en", "5,000.5") == "5000.5"


# --- every key the code asks for exists -------------------------------------------------------

KEY_CALLS = {"tr": i18n.ENGLISH, "text": None, "wt": workshop_text.ENGLISH,
             "tx": workshop_text.ENGLISH, "text_in": workshop_text.ENGLISH}
"""Function names whose first string argument (second for ``text(lang, key)``) is a key."""


def used_keys(path: Path) -> list[tuple[str, str, int]]:
    """(function, key, line) of every literal key a module passes to a text function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
            node.func, "id", None)
        if name not in KEY_CALLS:
            continue
        literals = [arg.value for arg in node.args
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
        if name in ("text", "tx", "text_in") and len(node.args) >= 2:
            literals = [arg.value for arg in node.args[1:2] if isinstance(arg, ast.Constant)]
            found += [("workshop", key, node.lineno) for key in literals]
        elif name == "text":
            found += [("app", key, node.lineno) for key in literals[:1]]
        else:
            found += [(name, key, node.lineno) for key in literals[:1]]
    return found


def known(function: str, key: str) -> bool:
    table = i18n.ENGLISH if function in ("tr", "app") else workshop_text.ENGLISH
    return key in table


def test_every_key_used_in_the_code_is_in_the_catalogue():
    french = locales.catalogue("fr")
    checked = 0
    for path in sorted(SIMULATOR.rglob("*.py")):
        for function, key, line in used_keys(path):
            checked += 1
            assert known(function, key), f"{path.relative_to(ROOT)}:{line}: {function}({key!r})"
            context = key if function in ("tr", "app") else f"workshop.{key}"
            english = (i18n.ENGLISH if function in ("tr", "app") else workshop_text.ENGLISH)[key]
            assert (context, english) in french, f"{context} has no French"
    assert checked > 500


def test_the_key_scan_finds_a_missing_key(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('tr("app.title")\nwt("title")\ntext(lang, "no.such.key")\n'
                      'i18n.tr("nor.this", n=1)\n')
    found = used_keys(sample)
    assert [(f, k) for f, k, _ in found] == [("tr", "app.title"), ("wt", "title"),
                                            ("workshop", "no.such.key"), ("tr", "nor.this")]
    assert [k for f, k, _ in found if not known(f, k)] == ["no.such.key", "nor.this"]


# --- no language branches --------------------------------------------------------------------

def language_branches(source: str) -> list[int]:
    """Lines comparing something with a language code ('fr', 'en'): a branch per language."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare) and any(
                isinstance(part, ast.Constant) and part.value in locales.LANGUAGES
                for part in (node.left, *node.comparators)):
            lines.append(node.lineno)
    return sorted(lines)


def test_no_module_branches_on_the_language():
    found = {str(path.relative_to(ROOT)): language_branches(path.read_text())
             for path in sorted(SIMULATOR.rglob("*.py"))}
    assert {path: lines for path, lines in found.items() if lines} == {}


def test_the_branch_scan_catches_a_sample():
    sample = ('if i18n.language() == "fr":\n    x = 1\n'
              'y = "a" if lang != "fr" else "b"\n'
              'z = "fr" == language()\n'
              'ok = language() != LANGUAGES[0]\n'
              'fine = translate(lang, "unit", "weeks")\n')
    assert language_branches(sample) == [1, 3, 4]


def test_the_translation_modules_stay_small():
    for path in [SIMULATOR / "app" / "i18n.py", *sorted((SIMULATOR / "locales").glob("*.py")),
                 SIMULATOR / "workshop" / "text.py", SIMULATOR / "model" / "labels.py"]:
        assert len(path.read_text().splitlines()) <= 600, path.name
    assert len((SIMULATOR / "app" / "i18n.py").read_text().splitlines()) <= 360
