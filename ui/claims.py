"""Claims: the registry, searchable by speaker and text, each claim with its check result.

A check is the claim turned into a statement about the model's output under the speaker's
preset; the app shows the same verdicts as ``python -m simulator claims``.
"""

import unicodedata

import streamlit as st

from simulator import claims, ladder
from ui import i18n, runs, widgets
from ui.i18n import tr

RUNGS_BY_NAME = {rung.name: rung for rung in ladder.RUNGS}


def _fold(text: str) -> str:
    """Lower case without accents, so 'desescalade' finds 'désescalade'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _haystack(claim: claims.Claim) -> str:
    informs = " ".join(f"{target} {i18n.parameter(target)}" for target in claim.informs)
    return _fold(" ".join([claim.id, claim.speaker, claim.quote, claim.paraphrase,
                           claim.interpretation, informs]))


def _target(name: str) -> str:
    """A parameter or ladder rung the claim informs, in words."""
    if name.startswith("ladder."):
        rung = RUNGS_BY_NAME[name.removeprefix("ladder.")]
        return f"{tr('chart.rung')} {rung.level} · {i18n.rung(rung.level, rung.label)}"
    return f"{i18n.parameter(name)} (`{name}`)"


def _card(claim: claims.Claim, verdict: claims.Verdict | None) -> None:
    with st.container(border=True):
        st.markdown(f"**{claim.speaker}** · `{claim.id}` · {claim.article}")
        quote = f"> « {claim.quote} »"
        paraphrase = f"**{tr('common.paraphrase')}**: {claim.paraphrase}"
        for part in ((quote, paraphrase) if i18n.language() == "fr" else (paraphrase, quote)):
            st.markdown(part)
        st.markdown(f"*{tr('claims.interpretation')}*: {claim.interpretation}")
        if claim.informs:
            st.markdown(f"*{tr('claims.informs')}*: "
                        + ", ".join(_target(name) for name in claim.informs))
        if verdict is None:
            st.caption(tr("claims.no_check"))
            return
        holds, falsified = verdict.holds, verdict.falsified
        word = tr("claims.passed") if holds.passed else tr("claims.failed")
        mark = ":green[:material/check_circle:]" if holds.passed else ":red[:material/cancel:]"
        st.markdown(f"{mark} "
                    f"**{tr('claims.check', preset=claim.check.preset)}: {word}**. "
                    f"{claim.check.says}  \n`{holds.detail}`")
        falsifier = claim.check.falsifier
        word = tr("claims.fails_there") if not falsified.passed else tr("claims.holds_there")
        mark = (":green[:material/check_circle:]" if not falsified.passed
                else ":red[:material/cancel:]")
        setting = falsifier.describe(claim.check.preset)
        st.markdown(f"{mark} **{tr('claims.falsifier', setting=setting)}: {word}**. "
                    f"{falsifier.why}  \n`{falsified.detail}`")


st.title(tr("claims.title"))
st.markdown(tr("claims.intro"))
registry = claims.load_claims()
all_speakers = sorted({claim.speaker for claim in registry})
problems = widgets.bad_url_values({"speakers": widgets.check_choice(all_speakers),
                                   "checked_only": widgets.check_flag})
search_column, speaker_column = st.columns(2)
query = search_column.text_input(tr("claims.search"), key="q", bind="query-params")
speakers = speaker_column.multiselect(tr("claims.speakers"), all_speakers, key="speakers",
                                      bind="query-params", placeholder=tr("claims.all_speakers"))
checked_only = st.toggle(tr("claims.checked_only"), key="checked_only", bind="query-params")
widgets.warn_bad_url_values(problems)

words = _fold(query).split()
shown = [claim for claim in registry
         if (not speakers or claim.speaker in speakers)
         and (claim.check or not checked_only)
         and all(word in _haystack(claim) for word in words)]
st.caption(tr("claims.count", shown=len(shown), total=len(registry)) + " "
           + tr("claims.checks_caption", runs=f"{runs.CHECK_RUNS:,}", seed=runs.CHECK_SEED))
with st.spinner():
    checks = runs.claim_verdicts() if any(claim.check for claim in shown) else {}
for claim in shown:
    _card(claim, checks.get(claim.id))
