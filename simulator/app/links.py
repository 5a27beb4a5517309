"""Link-bound widgets whose options are shown in plain words.

Streamlit's own binding (``bind="query-params"``) writes the *shown* label of a selectbox or
multiselect option into the link, so a widget with a ``format_func`` would put French words
in a French session's link, and a link with ids would not be understood. These two helpers
bind by hand instead: the link carries ids (``preset=kemp``, ``sobol_parameters=chain.layers``)
in both languages, and the widget shows plain words.

Usage, around a keyed widget created *without* a default (the seed is its value)::

    links.seed("sobol_outcome", "nuclear_use", analysis.OUTCOMES)
    outcome = st.selectbox(label, options, key="sobol_outcome", format_func=labels.get)
    links.write("sobol_outcome", outcome, "nuclear_use")

Check the link's values first with ``widgets.bad_url_values``, as for bound widgets.
"""

from collections.abc import Collection
from typing import Any

import streamlit as st


def seed(key: str, default: Any, options: Collection, many: bool = False) -> None:
    """Give the widget ``key`` its value from the link (else ``default``), once per visit.

    Afterwards the widget keeps its own value (until the page is left and opened again).
    Values that are not among ``options`` are ignored.
    """
    if key in st.session_state:
        return
    raw = [value for value in st.query_params.get_all(key) if value in options]
    if many:
        st.session_state[key] = list(dict.fromkeys(raw)) if raw else list(default)
    else:
        st.session_state[key] = raw[-1] if raw else default


def write(key: str, value: Any, default: Any) -> None:
    """Put the widget's value (ids) in the link; the default leaves the link short."""
    if value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get_all(key) != (value if isinstance(value, list) else [str(value)]):
        st.query_params[key] = value
