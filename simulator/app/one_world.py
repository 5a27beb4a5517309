"""One world: a single simulated world, replayed and told week by week.

World numbers index the batch of RUNS worlds on the chosen seed, the same batch Explore
shows for that preset, so "world 130 of kemp, seed 0" is the same world everywhere.

The page says first what happened in the world (``story.summary``), then only the weeks
that changed something; every week, with the leader's odds, is folded below for analysts.
The story is told in the page's language (``i18n.story_wording``).
"""

import pandas as pd
import streamlit as st

from simulator.app import charts, i18n, links, runs, widgets
from simulator.app.i18n import tr
from simulator.app.scenarios import Choice, presets, short_name
from simulator.model import ladder
from simulator.studies import story

RUNS = runs.DEFAULT_WORLDS
EVENT_ICONS = {"order": ":orange[:material/gavel:]", "refused": ":blue[:material/block:]",
               "use": ":red[:material/crisis_alert:]", "ousted": ":material/person_off:",
               "nato": ":violet[:material/shield:]", "wider_war": ":red[:material/public:]",
               "accident": ":material/casino:", "bluff": ":material/record_voice_over:"}


def _jump(event: str) -> None:
    """Move the world picker to the next world where ``event`` happened (then wrap round)."""
    result = runs.summary(Choice(st.session_state["story_preset"]), RUNS,
                          int(st.session_state["story_seed"]))
    world = story.find_world(result.outcomes, event, after=st.session_state["world"])
    if world is None:
        st.session_state["jump_failed"] = True
        return
    st.session_state["world"] = world


def _world_summary(weeks: list[story.Week]) -> str:
    """One line: whether and when a weapon was used, and how often the chain refused."""
    uses = [week for week in weeks if "use" in week.events]
    refused = sum("refused" in week.events for week in weeks)
    text = tr("world.summary_no_use")
    if uses:
        kind = i18n.rung(uses[0].rung, ladder.rung_label(uses[0].rung))
        text = tr("world.summary_use", week=uses[0].week, kind=kind)
    return text + (" " + tr("world.summary_refused", n=refused) if refused else "")


def _exact(value: float, wording: story.Wording) -> str:
    """A 0-to-1 value to three decimals, trailing zeros dropped: '0,356', '1'.

    A French '1,000' would read as a thousand.
    """
    shown = f"{round(value, 3):g}"
    return wording.number(float(shown), len(shown.partition(".")[2]))


def _numbers(weeks: list[story.Week], wording: story.Wording) -> pd.DataFrame:
    """The exact values the story rounds, as text in the page's number format.

    Text, so French reads '0,36' (a table would show a number as '0.36').
    """
    rows = [{tr("world.col_week"): row["week"], tr("world.col_date"): wording.date(row["date"]),
             tr("world.col_rung"): row["rung"],
             tr("world.col_desperation"): _exact(row["desperation"], wording),
             tr("world.col_crimea"): _exact(row["crimea_threat"], wording),
             tr("world.col_choice"): wording.option(row["choice"]),
             tr("world.col_probability"): wording.percent(row["choice_probability"])}
            for row in story.numbers(weeks)]
    return pd.DataFrame(rows).set_index(tr("world.col_week"))


def _week_line(week: story.Week, wording: story.Wording) -> str:
    icons = " ".join(EVENT_ICONS.get(event, "") for event in week.events)
    text = week.text(wording)
    return f"- {icons} **{text}**" if week.events else f"- {text}"


st.title(tr("world.title"))
st.markdown(tr("world.intro", runs=i18n.fmt_number(RUNS)))
problems = widgets.bad_url_values({
    "story_preset": widgets.check_preset,
    "story_seed": widgets.check_whole(0, widgets.SEED_MAX),
    "world": widgets.check_whole(0, RUNS - 1),
    "story_events": widgets.check_flag,  # the old "only weeks with events" switch's key
})
preset_labels = {name: i18n.preset_name(name, short_name(name)) for name in presets()}
links.seed("story_preset", presets()[0], presets())
preset_column, seed_column, world_column = st.columns(3)
preset_name = preset_column.selectbox(tr("common.preset"), presets(), key="story_preset",
                                      format_func=preset_labels.__getitem__)
links.write("story_preset", preset_name, presets()[0])
seed = seed_column.number_input(tr("common.seed"), 0, widgets.SEED_MAX, 0, key="story_seed",
                                bind="query-params", help=tr("common.seed_help"))
# It opens on a world where something happens: the default preset's first world with a
# nuclear order (the same for every visitor, so the link stays short).
opening = story.find_world(runs.summary(Choice(presets()[0]), RUNS, 0).outcomes,
                           "nuclear_order") or 0
world = world_column.number_input(tr("world.world"), 0, RUNS - 1, opening, key="world",
                                  bind="query-params")
use_column, refusal_column = st.columns(2)
use_column.button(tr("world.jump_use"), on_click=_jump, args=("nuclear_use",),
                  icon=":material/crisis_alert:")
refusal_column.button(tr("world.jump_refusal"), on_click=_jump, args=("order_blocked",),
                      icon=":material/block:")
widgets.warn_bad_url_values(problems)
widgets.warn_unknown_url_keys()
if st.session_state.pop("jump_failed", False):
    st.warning(tr("world.none_found"))

weeks = runs.world_story(Choice(preset_name), int(seed), int(world))
wording = i18n.story_wording()
st.markdown(f"### {tr('world.heading', world=world, summary=_world_summary(weeks))}")
with st.container(key="world_summary"):
    st.markdown(f"**{tr('world.summary')}**")
    st.markdown("\n".join(f"- {wording.fact(fact)}" for fact in story.summary(weeks)))

st.subheader(tr("world.rung"))
charts.show(charts.world_rungs(weeks), key="world_rungs")

st.subheader(tr("world.changed"))
changed = [week for week in weeks if week.changed]
with st.container(key="world_changed"):
    if changed:
        st.markdown("\n".join(_week_line(week, wording) for week in changed))
    else:
        st.caption(tr("world.no_change"))
with st.expander(tr("world.every_week")), st.container(key="world_every_week"):
    st.markdown("\n".join(_week_line(week, wording) for week in weeks))
with st.expander(tr("world.numbers")), st.container(key="world_numbers"):
    st.caption(tr("world.numbers_help"))
    st.dataframe(_numbers(weeks, wording))
