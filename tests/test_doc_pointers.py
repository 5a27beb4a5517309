"""Every docs page (and section) the app's and the workshop's texts send a reader to exists.

A text like "see docs/howto/workshop-setup.md#open-the-firewall-for-the-port" is read on a
projector or a phone with no link to click: a page renamed or a heading reworded must fail
here, not in front of a room. Looked for in the English tables, in every message of the
French catalogue (read whole: its lines wrap inside a path) and in the sources of
``simulator/app`` and ``simulator/workshop``; anchors are GitHub's heading slugs.
"""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from simulator.locales import app_explore, app_pages
from simulator.workshop import text

ROOT = Path(__file__).resolve().parents[1]
POINTER = re.compile(r"(?<![\w/.-])((?:docs/[\w./-]+)?[\w-]+\.md)(?:#([\w-]+))?")
PO = ROOT / "simulator" / "locales" / "fr" / "LC_MESSAGES" / "messages.po"


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """The anchors of a Markdown page's headings (outside fenced code)."""
    found, fenced = set(), False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (heading := re.match(r"#{1,6} (.+)", line)):
            found.add(slug(heading.group(1)))
    return found


def texts() -> list[tuple[str, str]]:
    """(where, text) for every text a page may show, and every source file of the pages."""
    found = [(f"{module.__name__}[{key}]", value)
             for module in (text, app_pages, app_explore)
             for key, value in module.ENGLISH.items()]
    with PO.open("rb") as file:
        found += [(f"messages.po[{message.context}]", " ".join(
            [message.id, message.string] if isinstance(message.id, str)
            else [*message.id, *message.string]))
            for message in read_po(file, locale="fr") if message.id]
    for folder in ("app", "workshop"):
        found += [(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
                  for path in sorted((ROOT / "simulator" / folder).glob("*.py"))]
    return found


def pointers() -> list[tuple[str, str, str]]:
    """(where, path, anchor) of every docs pointer in the texts ('' for no anchor)."""
    return sorted({(where, path if "/" in path else f"docs/{path}", anchor or "")
                   for where, words in texts()
                   for path, anchor in POINTER.findall(words)
                   if path.startswith("docs/") or anchor})


def test_the_texts_point_to_the_docs_and_the_slugs_are_githubs():
    found = pointers()
    assert any(anchor for _, _, anchor in found), found  # the search finds anchored ones
    assert slug("Start the app so the room's laptops can reach it") == (
        "start-the-app-so-the-rooms-laptops-can-reach-it")
    assert slug("1. Frame: the question, the date") == "1-frame-the-question-the-date"


@pytest.mark.parametrize("where, path, anchor", pointers())
def test_every_page_and_section_a_text_points_to_exists(where, path, anchor):
    page = ROOT / path
    assert page.is_file(), f"{where} points to {path}, which does not exist"
    if anchor:
        assert anchor in anchors(page), (
            f"{where} points to {path}#{anchor}; its sections are {sorted(anchors(page))}")
