"""Sphinx configuration of the docs site (MyST Markdown pages, reference from the docstrings).

Build it with ``make docs`` or ``sphinx-build -W --keep-going -b html docs docs/_build/html``;
``tests/test_docs.py`` builds it the same way, warnings as errors.

The reference is generated at every build by ``autosummary`` walking the library's packages
(``:recursive:`` in ``reference/index.md``): a module added, split or renamed under them gets
its page without an edit here. The generated stubs are deleted before each build, so a module
that no longer exists leaves no page behind (an orphan page would be a warning).
"""

import shutil
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(ROOT))

import simulator  # noqa: E402  (after the checkout is on the path)

project = "escalation-sim"
author = "The escalation-sim developers"
copyright = f"2026, {author}"  # noqa: A001  (Sphinx's name)
release = version = simulator.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}  # .rst: the reference stubs
root_doc = "index"
templates_path = ["_templates"]
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# MyST: anchors for headings down to ### so pages can link to a section (page.md#a-heading).
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence", "deflist"]

# The reference: stubs regenerated from the packages at every build (see the module docstring).
GENERATED = DOCS / "reference" / "generated"
shutil.rmtree(GENERATED, ignore_errors=True)
autosummary_generate = True
autosummary_imported_members = False
# A module documents what it defines: a name it imports and lists in ``__all__`` (a package's
# re-exports, a module's public aliases) is documented once, where it is defined, so a
# re-export can never make two targets of one name.
autodoc_default_options = {"members": True, "show-inheritance": True, "ignore-module-all": True}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# Google-style docstrings (the project's convention, ruff's pydocstyle "google").
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_attr_annotations = True
# "Attributes:" sections become a field list, not attribute entries: a property documented
# both there and by its own docstring would otherwise be described twice.
napoleon_use_ivar = True


def _attribute_as_written(self) -> list[str]:
    """An attribute's or constant's docstring as written (the project's own convention).

    Napoleon reads an attribute docstring's first ``words: more words`` as Google's inline
    ``type: description``; the project's attribute docstrings are sentences whose colon is
    punctuation ("String outcome columns with a handful of values: Arrow dictionaries"),
    and their types come from annotations. So the text is kept as it is.
    """
    return list(self._consume_to_end())


from sphinx.ext.napoleon import docstring as _napoleon  # noqa: E402

_napoleon.GoogleDocstring._parse_attribute_docstring = _attribute_as_written

highlight_language = "text"  # an unlabelled fence is shown as it is, never lexed
html_theme = "alabaster"
html_title = f"escalation-sim {release}"
html_static_path: list[str] = []
html_theme_options = {
    "description": "Expert claims on Russia's nuclear threats (autumn 2022) as an agent-based "
                   "model",
    "fixed_sidebar": True,
}
