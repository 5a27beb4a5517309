"""About the model: what it is (and is not), how it works, things to notice and to try.

For a student opening the app for the first time: plain words, one diagram of the command
chain, and links that open Explore with a setting already in place.
"""

from pathlib import Path

import streamlit as st

from simulator.app import i18n, widgets
from simulator.app.i18n import tr
from simulator.model import events
from simulator.model.agents.command_chain import layer_names
from simulator.model.params import SCHEMA

HERE = Path(__file__).resolve().parent  # the other pages, wherever the app is installed

# Explore links: each sets a few values through the page's URL-bound widgets.
# (Page scripts take comments, not attribute docstrings: Streamlit would print a bare string.)
TRIES = (
    ("about.try_layers", {"preset": "kemp", "chain.layers": "1"}),
    ("about.try_bluff", {"leader.bluff_share": "1"}),
    ("about.try_crimea", {"preset": "crimea-offensive"}),
    ("about.try_strike", {"preset": "hodges", "battlefield.nuclear_effect": "1"}),
)


def _with_language(query: dict[str, str]) -> dict[str, str]:
    """A link's values, plus the language when it is not the default."""
    chosen = i18n.language()
    return {**query, **({i18n.LANGUAGE_KEY: chosen} if chosen != i18n.LANGUAGES[0] else {})}


def _quoted(text: str) -> str:
    """A label inside a DOT string: quotes and backslashes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def chain_diagram() -> str:
    """The decision chain as Graphviz DOT.

    The leader, the baseline's layers and the weapon in a row; the actors that weigh on the
    leader (and the West, on the officers) beside them.
    """
    layers = [i18n.layer(name) for name in layer_names(int(SCHEMA["chain.layers"].default))]
    leader, use = i18n.actor("leader"), i18n.event("use")
    lines = ['digraph chain {', 'rankdir=TB; bgcolor="transparent"; nodesep=0.3;',
             'node [shape=box, style="rounded,filled", fillcolor="#eef2f6", '
             'fontname="sans-serif", fontsize=11];', 'edge [color="#5b7083"];',
             f'leader [label={_quoted(leader)}, fillcolor="#f6e3c7"];',
             f'use [label={_quoted(use)}, fillcolor="#f3d0cc"];']
    for k, name in enumerate(layers):
        lines.append(f'layer{k} [label={_quoted(name)}];')
    chain = ["leader", *(f"layer{k}" for k in range(len(layers))), "use"]
    lines.append(" -> ".join(chain) + ";")
    for node, actor in (("battlefield", "battlefield"), ("public", "domestic"),
                        ("west", "west"), ("china", "china")):
        lines.append(f'{node} [label={_quoted(i18n.actor(actor))}, shape=ellipse, '
                     'fillcolor="white"];')
        lines.append(f'{node} -> leader [style=dashed];')
    lines.append('{rank=same; battlefield; public; west; china;}')
    lines.append('west -> layer1 [style=dashed, constraint=false];')
    lines.append("}")
    return "\n".join(lines)


st.title(tr("about.title"))
widgets.warn_unknown_url_keys()  # the page reads no link key

st.header(tr("about.what"))
st.markdown(tr("about.what_text"))
st.info(tr("about.not"), icon=":material/info:")

st.header(tr("about.how"))
steps, diagram = st.columns([3, 2], gap="large")
with steps:
    st.markdown(tr("about.how_text"))
    st.markdown("\n".join(f"{k}. {tr(key)}" for k, key in enumerate(
        ("about.step_battle", "about.step_leader", "about.step_chain", "about.step_others"), 1)))
with diagram:
    st.graphviz_chart(chain_diagram())
    st.caption(tr("about.diagram"))

st.header(tr("about.crises"))
st.markdown(tr("about.crises_text"))
st.markdown("\n".join(
    f"- {i18n.event_kind_words(kind.name, kind.words)}"
    f"{'' if kind.rates else tr('about.crises_only_scheduled')}" for kind in events.KINDS.values()))
st.markdown(tr("about.crises_schedule"))

st.header(tr("about.notice"))
st.markdown("\n".join(f"- {tr(f'about.notice_{k}')}" for k in range(1, 5)))

st.header(tr("about.try"))
st.markdown(tr("about.try_intro"))
for key, query in TRIES:
    st.page_link(HERE / "explore.py", label=tr(key), icon=":material/arrow_forward:",
                 query_params=_with_language(query))

st.header(tr("about.claims"))
st.markdown(tr("about.claims_text"))
st.page_link(HERE / "claims.py", label=tr("about.claims_link"), icon=":material/format_quote:",
             query_params=_with_language({}))
first, second = st.columns(2)
with first:
    st.page_link(HERE / "claims.py", label=tr("about.kemp_claims"), icon=":material/person:",
                 query_params=_with_language({"speakers": "Col. Richard Kemp"}))
with second:
    st.page_link(HERE / "claims.py", label=tr("about.hodges_claims"), icon=":material/person:",
                 query_params=_with_language({"speakers": "Lt-Gen. Ben Hodges"}))
