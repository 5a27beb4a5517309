"""Claims: the registry, searchable by speaker and text, each claim with its check result.

A check is the claim turned into a statement about the model's output under the speaker's
preset; the app shows the same verdicts as ``python -m simulator claims``.
"""

import math
import unicodedata

import streamlit as st

from simulator.app import i18n, links, runs, widgets
from simulator.app.i18n import tr
from simulator.app.scenarios import preset, short_name
from simulator.evidence import claims
from simulator.model import ladder
from simulator.results import analysis

RUNGS_BY_NAME = {rung.name: rung for rung in ladder.RUNGS}
TITLE_CHARS = 90  # of the paraphrase in a folded card's line
def article(name: str) -> str:
    """An article's headline, publication and date (its file name if unknown).

    The files carry no title: the headline is translated from the article's opening sentence
    (texts ``article.title.<file>``, ``article.publication.<file>``, ``article.date.<file>``).
    """
    if not i18n.has(f"article.title.{name}"):
        return name
    return tr("claims.article", **{part: tr(f"article.{part}.{name}")
                                   for part in ("title", "publication", "date")})


def _view(name: str) -> str:
    """'Kemp's view' for an expert's preset, 'the “Crimea offensive” setting' otherwise."""
    key = "claims.the_view" if preset(name).speaker else "claims.the_setting"
    return tr(key, view=i18n.preset_name(name, short_name(name)))


def _setting(preset_name: str, changes: dict) -> str:
    """A preset with changed values, in words: 'Kemp's view with Layers that must agree = 1'."""
    view = _view(preset_name)
    if not changes:
        return view
    values = ", ".join(f"{i18n.parameter(name)} = {widgets.value_text(value)}"
                       for name, value in changes.items())
    return tr("claims.with_changes", view=view, changes=values)


def _quantity(check: claims.Check) -> str:
    """What the check measures, in words."""
    what = i18n.outcome(check.outcome)
    if check.given:
        what = tr("claims.given", what=what, given=i18n.record_column(check.given).lower())
    if check.versus:
        key = "claims.ratio" if check.compare == "ratio" else "claims.change"
        what = tr(key, outcome=what, versus=", ".join(
            f"{i18n.parameter(name)} = {widgets.value_text(value)}"
            for name, value in check.versus.items()))
    return what


def _significant(x: float, sign: bool = False) -> str:
    """Three significant digits: '14,400', '0.123' (French '14 400', '0,123').

    Never in scientific notation.
    """
    text = f"{x:.3g}"
    if "e" in text:  # 3 significant digits of a large or tiny number, written out
        decimals = max(0, 2 - int(math.floor(math.log10(abs(x)))))
    else:
        decimals = len(text.partition(".")[2])
    return i18n.fmt_number(x, decimals, sign=sign)


def _number(check: claims.Check, x: float) -> str:
    """A statistic or threshold as the check reads it: %, points, times or a plain number."""
    if check.versus and check.compare == "ratio":
        return tr("claims.times", x=i18n.fmt_number(x, 2))
    probability = check.stat == "probability" or check.outcome in analysis.PROBABILITY_OUTCOMES
    if check.versus:
        return widgets.points(x) if probability else _significant(x, sign=True)
    return widgets.percent(x) if probability else _significant(x)


def _threshold(check: claims.Check, x: float) -> str:
    """A threshold as written in the claim: '50%', '2%', '0.80 times', '0.2'."""
    probability = check.stat == "probability" or check.outcome in analysis.PROBABILITY_OUTCOMES
    if probability and not check.versus:
        return i18n.fmt_percent(x, len(f"{100 * x:g}".partition(".")[2]))
    return _number(check, x)


def _measured(check: claims.Check, result: claims.CheckResult) -> str:
    """The measured statistic with its interval, where it has one."""
    text = _number(check, result.estimate)
    if result.interval is not None:
        low, high = (_number(check, end) for end in result.interval)
        text += " " + i18n.fmt_interval(low, high)
    return text


def check_sentence(claim: claims.Claim, verdict: claims.Verdict) -> tuple[str, str]:
    """The check as two plain sentences: under the speaker's view, and under its falsifier.

    E.g. "Under Kemp's view, P(nuclear use) is 6.9% [6.6%, 7.3%]: between 1% and 50%:
    holds" and "under Crimea offensive it would be 84%: fails, as it should".
    """
    check = claim.check
    value = _measured(check, verdict.holds)
    if check.op == "between":
        low, high = (_threshold(check, bound) for bound in check.value)
        first = tr("claims.sentence_between", view=_view(check.preset),
                   outcome=_quantity(check), value=value, low=low, high=high)
    else:
        key = "claims.sentence_less" if check.op == "<" else "claims.sentence_more"
        first = tr(key, view=_view(check.preset), outcome=_quantity(check), value=value,
                   bound=_threshold(check, check.value))
    first += " — " + tr("claims.verdict_holds" if verdict.holds.passed
                        else "claims.verdict_fails")
    falsifier = check.falsifier
    setting = _setting(falsifier.preset or check.preset, dict(falsifier.set))
    second = tr("claims.sentence_falsifier", setting=setting,
                value=_measured(check, verdict.falsified))
    second += " — " + tr("claims.verdict_not_falsified" if verdict.falsified.passed
                         else "claims.verdict_falsified")
    return first, second


# --- the analysts' lines ---------------------------------------------------------------------
# Each line is passed in both forms, the CLI's own and in words; the catalogue's template picks
# one ('claims.detail_shown', 'claims.setting_shown'): English shows the CLI's line (``python -m
# simulator claims --check`` prints the same, so an analyst can match them), French the same
# facts from whole templates, never an English line with translated names spliced in.

def _changes(values: dict) -> str:
    """'Layers that must agree = 1, …' in the current language's numbers."""
    return ", ".join(f"{i18n.parameter(name)} = {widgets.value_text(value)}"
                     for name, value in values.items())


def _falsifier_setting(check: claims.Check) -> str:
    """The falsifier's setting: 'kemp with chain.layers=1' (the CLI's), or in words."""
    falsifier = check.falsifier
    words = preset_name = f"`{falsifier.preset or check.preset}`"
    if falsifier.set:
        words = tr("claims.detail_with", preset=preset_name,
                   changes=_changes(dict(falsifier.set)))
    return tr("claims.setting_shown", cli=falsifier.describe(check.preset), words=words)


def _detail(check: claims.Check, result: claims.CheckResult, where: str) -> str:
    """What was compared, with the numbers: the CLI's line, or in words."""
    if check.when:
        where = tr("claims.detail_when", where=where, changes=_changes(dict(check.when)))
    stat = tr(f"claims.stat.{check.stat}")
    if check.versus and check.compare == "ratio":
        what = tr("claims.detail_ratio", stat=stat, outcome=check.outcome,
                  versus=_changes(dict(check.versus)))
    elif check.versus:
        what = tr("claims.detail_difference", outcome=check.outcome,
                  versus=_changes(dict(check.versus)))
    else:
        what = tr("claims.detail_stat", stat=stat, outcome=check.outcome)
        if check.given:
            what = tr("claims.detail_given", what=what, given=check.given)
    if check.op == "between":
        comparison = tr("claims.detail_between", low=i18n.number(check.value[0]),
                        high=i18n.number(check.value[1]))
    else:
        comparison = f"{check.op} {i18n.number(check.value)}"
    words = tr("claims.detail_line", where=where, what=what,
               bound=tr(f"claims.bound.{check.bound}"), value=_four_digits(result.value),
               comparison=comparison)
    return tr("claims.detail_shown", cli=result.detail, words=words)


def _four_digits(x: float) -> str:
    """Four significant digits, as the CLI's line ('0,4542', '1').

    At most two decimals from 1 up ('1,28'): a decimal never reads as a thousands group.
    """
    if not math.isfinite(x) or x == 0:
        return i18n.fmt_number(x, 0) if x == x else "–"
    decimals = max(0, 3 - math.floor(math.log10(abs(x))))
    if abs(x) >= 1:
        decimals = min(decimals, 2)
    decimals = len(f"{x:.{decimals}f}".partition(".")[2].rstrip("0"))
    return i18n.fmt_number(x, decimals)


def _fold(text: str) -> str:
    """Lower case without accents, so 'desescalade' finds 'désescalade'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _haystack(claim: claims.Claim) -> str:
    informs = " ".join(f"{target} {i18n.parameter(target)}" for target in claim.informs)
    return _fold(" ".join([claim.id, claim.speaker, claim.quote, claim.paraphrase,
                           i18n.translated(claim, "paraphrase"),
                           claim.interpretation, informs]))


def _target(name: str) -> str:
    """A parameter or ladder rung the claim informs, in words."""
    if name.startswith("ladder."):
        rung = RUNGS_BY_NAME[name.removeprefix("ladder.")]
        return f"{tr('chart.rung')} {rung.level} · {i18n.rung(rung.level, rung.label)}"
    return i18n.parameter(name)


def _title(claim: claims.Claim) -> str:
    """A folded card's line: the speaker and the start of the paraphrase, as plain text."""
    paraphrase = i18n.content(claim, "paraphrase")
    if len(paraphrase) > TITLE_CHARS:
        paraphrase = paraphrase[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"
    return widgets.plain(f"{i18n.speaker(claim.speaker)} · {paraphrase}")


def _card(claim: claims.Claim, verdict: claims.Verdict | None) -> None:
    colon = tr("format.colon")  # French puts a space before a colon
    with st.container(border=True):
        st.markdown(f"**{i18n.speaker(claim.speaker)}** · {article(claim.article)}")
        quote = f"> « {claim.quote} »"
        paraphrase = f"**{tr('common.paraphrase')}**{colon} {i18n.content(claim, 'paraphrase')}"
        for part in i18n.text("claims.card_parts").split("\n\n"):  # French: the quote first
            st.markdown(part.format(quote=quote, paraphrase=paraphrase))
        st.markdown(f"*{tr('claims.interpretation')}*{colon} "
                    f"{i18n.content(claim, 'interpretation')}")
        if claim.informs:
            st.markdown(f"*{tr('claims.informs')}*{colon} "
                        + ", ".join(_target(name) for name in claim.informs))
        if verdict is None:
            st.caption(tr("claims.no_check"))
            return
        first, second = check_sentence(claim, verdict)
        holds = ":green[:material/check_circle:]" if verdict.holds.passed \
            else ":red[:material/cancel:]"
        falsified = ":green[:material/check_circle:]" if not verdict.falsified.passed \
            else ":red[:material/cancel:]"
        # A text not yet translated follows its label '(en anglais)' (``i18n.content``).
        falsifier = claim.check.falsifier
        why = i18n.translated(falsifier, "why")
        st.markdown(tr("claims.tested_block", tested=tr("claims.tested"),
                       says=i18n.content(claim.check, "says"), holds=holds,
                       first=first, falsified=falsified, but=tr("claims.but"), second=second,
                       why=f"*{why}*" if why != falsifier.why
                       else widgets.english_passage(f"*{why}*")))
        with st.expander(tr("claims.detail")):
            holds_word = tr("claims.passed") if verdict.holds.passed else tr("claims.failed")
            check = claim.check
            st.markdown(i18n.plain_ids(
                f"`{claim.id}` · {tr('claims.check', preset=check.preset)}{colon} "
                f"{holds_word}  \n{_detail(check, verdict.holds, f'`{check.preset}`')}"))
            word = (tr("claims.fails_there") if not verdict.falsified.passed
                    else tr("claims.holds_there"))
            setting = _falsifier_setting(check)
            st.markdown(i18n.plain_ids(f"{tr('claims.falsifier', setting=setting)}{colon} "
                                       f"{word}  \n"
                                       f"{_detail(check, verdict.falsified, setting)}"))


st.title(tr("claims.title"))
st.markdown(tr("claims.intro"))
registry = claims.load_claims()
all_speakers = sorted({claim.speaker for claim in registry})
problems = widgets.bad_url_values({"speakers": widgets.check_choice(all_speakers),
                                   "checked_only": widgets.check_flag,
                                   "open_all": widgets.check_flag})
search_column, speaker_column = st.columns(2)
query = search_column.text_input(tr("claims.search"), key="q", bind="query-params")
# Bound by hand (simulator/app/links.py): the link keeps the speakers' names as written in the
# registry.
speaker_names = {name: i18n.speaker(name) for name in all_speakers}
links.seed("speakers", [], all_speakers, many=True)
speakers = speaker_column.multiselect(tr("claims.speakers"), all_speakers, key="speakers",
                                      format_func=speaker_names.__getitem__,
                                      placeholder=tr("claims.all_speakers"))
links.write("speakers", speakers, [])
toggles = st.columns(2)
checked_only = toggles[0].toggle(tr("claims.checked_only"), key="checked_only",
                                 bind="query-params")
open_all = toggles[1].toggle(tr("claims.open_all"), key="open_all", bind="query-params")
widgets.warn_bad_url_values(problems)
widgets.warn_unknown_url_keys("q")

words = _fold(query).split()
shown = [claim for claim in registry
         if (not speakers or claim.speaker in speakers)
         and (claim.check or not checked_only)
         and all(word in _haystack(claim) for word in words)]
st.caption(tr("claims.count", shown=len(shown), total=len(registry)) + " "
           + tr("claims.checks_caption", runs=i18n.number(runs.CHECK_RUNS), seed=runs.CHECK_SEED)
           + " " + tr("claims.folded"))
# Folded cards, each made (and its check run) only once opened: the page opens at once, short
# on a phone. A search or a chosen speaker opens the cards it finds; the switch, every card.
found = bool(words or speakers or open_all)
for claim in shown:
    card = st.expander(_title(claim), expanded=found, key=f"claim-{claim.id}",
                       icon=":material/fact_check:" if claim.check else ":material/format_quote:",
                       on_change="rerun")
    if card.open:
        with card:
            with st.spinner():
                checks = runs.claim_verdicts() if claim.check else {}
            _card(claim, checks.get(claim.id))
