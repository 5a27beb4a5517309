"""The board's words and tables, in a given language, for the pages and the report alike.

No Streamlit: every function takes the language (``lang``) and returns text or a DataFrame;
the pages show them, the report writes them as HTML. Names are in the cells as typed: each
medium escapes them once (st.table through ``simulator.app.widgets.plain_frame``, the report
as HTML).
"""

import pandas as pd

from simulator.locales import formats
from simulator.workshop import layers as chain
from simulator.workshop import references
from simulator.workshop.charts import preset_name
from simulator.workshop.labels import count, parameter, percent, points, shown_value
from simulator.workshop.results import REFERENCES
from simulator.workshop.revealed import Change, RoundResults, Row
from simulator.workshop.text import text as tx


def status_text(round_, lang: str = "en") -> str:
    """'Round 2: locked: no more answers'."""
    if round_.revealed:
        status = tx(lang, "status_revealed")
    elif round_.locked:
        status = tx(lang, "status_locked")
    else:
        status = tx(lang, "status_open")
    return f"{tx(lang, 'round', n=round_.number)}{formats.colon(lang)} {status}"


def setting_text(round_, lang: str = "en") -> str:
    """The round's setting in words: preset, overrides and events (injects included)."""
    changes = ", ".join([f"{parameter(name, lang)} = {shown_value(name, value, lang)}"
                         for name, value in sorted(round_.overrides.items())]
                        + [tx(lang, "setting_event", week=event.week,
                              what=tx(lang, f"event_kind_{event.kind}"))
                           for event in round_.events])
    return tx(lang, "setting", n=round_.number, preset=preset_name(round_.preset, lang),
              changes=tx(lang, "setting_changes", changes=changes) if changes else "")


def change_text(change: Change, lang: str = "en") -> str:
    """'Command layers 5 → 3: −2.1 pts' (the change alone, from the base)."""
    effect = (points(change.effect.difference, lang=lang) if change.effect
              else tx(lang, "only_together"))
    name = change.parameter
    return tx(lang, "change_line", param=parameter(name, lang),
              base=shown_value(name, change.base_value, lang),
              value=shown_value(name, change.value, lang), effect=effect)


def attribution_text(row: Row, lang: str = "en") -> str:
    """A participant's changes one at a time, largest first, then the interaction."""
    if not row.attribution:
        return tx(lang, "no_changes")
    parts = [change_text(change, lang) for change in row.attribution]
    if len(row.attribution) > 1 and row.interaction is not None:
        parts.append(tx(lang, "interaction_part", value=points(row.interaction, lang=lang)))
    return "; ".join(parts)


def guess_match(row: Row, base_layers: int, lang: str = "en") -> str:
    """'yes' / 'no' / '–': did the guessed layer refuse first most often in the model?"""
    if row.refusing_layer is None or row.model_refusing_layer is None:
        return "–"
    layers = row.chain_layers(base_layers)
    same = chain.same_kind(row.refusing_layer, layers, row.model_refusing_layer, layers)
    return tx(lang, "yes" if same else "no")


def span_text(low: float | None, high: float | None, lang: str = "en") -> str:
    """'10.0% – 30.0%' ('10,0 % – 30,0 %'); '–' without one."""
    if low is None or high is None:
        return "–"
    return f"{percent(low, lang)} – {percent(high, lang)}"


def in_range_text(row: Row, lang: str = "en") -> str:
    """'yes' / 'no' / '–': does the participant's range hold their model result?"""
    inside = row.model_in_range
    return "–" if inside is None else tx(lang, "yes" if inside else "no")


def participants_table(shown: RoundResults, lang: str = "en") -> pd.DataFrame:
    """One row per participant: own forecast and range, model result, paired change, layers."""
    return pd.DataFrame([{
        tx(lang, "t_name"): row.name,
        tx(lang, "t_forecast"): percent(row.forecast, lang),
        tx(lang, "t_range"): span_text(row.forecast_low, row.forecast_high, lang),
        tx(lang, "t_model"): percent(row.use.estimate if row.use else None, lang),
        tx(lang, "t_interval"): (span_text(row.use.ci_low, row.use.ci_high, lang)
                                 if row.use else "–"),
        tx(lang, "t_difference"): points(row.difference.difference if row.difference
                                         else None, lang=lang),
        tx(lang, "t_guess"): chain.text(row.refusing_layer, row.chain_layers(shown.layers),
                                        lang),
        tx(lang, "t_model_layer"): chain.text(row.model_refusing_layer,
                                              row.chain_layers(shown.layers), lang),
        tx(lang, "t_same_layer"): guess_match(row, shown.layers, lang),
        tx(lang, "t_in_range"): in_range_text(row, lang),
    } for row in shown.rows], columns=[tx(lang, k) for k in (
        "t_name", "t_forecast", "t_range", "t_model", "t_interval", "t_in_range",
        "t_difference", "t_guess", "t_model_layer", "t_same_layer")])


def attribution_table(shown: RoundResults, lang: str = "en",
                      numbers: bool = False) -> pd.DataFrame:
    """One row per participant: their total change from the base and what moved it.

    ``numbers``: also their own forecast and model result (the printable sheet).
    """
    rows = sorted(shown.revealed_rows, key=lambda r: -abs(r.difference.difference
                                                          if r.difference else 0))
    keys = ("t_name", *(("t_forecast", "t_model") if numbers else ()), "t_difference",
            "t_attribution")
    return pd.DataFrame([{
        tx(lang, "t_name"): row.name,
        tx(lang, "t_forecast"): percent(row.forecast, lang),
        tx(lang, "t_model"): percent(row.use.estimate, lang),
        tx(lang, "t_difference"): points(row.difference.difference if row.difference
                                         else None, lang=lang),
        tx(lang, "t_attribution"): attribution_text(row, lang),
    } for row in rows], columns=[tx(lang, k) for k in keys])


def effects_table(shown: RoundResults, lang: str = "en") -> pd.DataFrame:
    """Per parameter somebody changed: how many, the values, the effects alone."""
    participants = len(shown.revealed_rows)
    return pd.DataFrame([{
        tx(lang, "t_parameter"): parameter(e["parameter"], lang),
        tx(lang, "t_changed_by"): tx(lang, "n_of", n=e["changed_by"], total=participants),
        tx(lang, "t_values"): _values_text(e, lang),
        tx(lang, "t_mean_abs"): points(e["mean_abs"], lang=lang).lstrip("+"),
        tx(lang, "t_mean_effect"): points(e["mean"], lang=lang),
        tx(lang, "t_effect_range"): (points(e["min"], lang=lang) if e["changed_by"] == 1 else
                                     f"{points(e['min'], lang=lang)} … "
                                     f"{points(e['max'], lang=lang)}"),
    } for e in shown.moved_effects], columns=[tx(lang, k) for k in (
        "t_parameter", "t_changed_by", "t_values", "t_mean_abs", "t_mean_effect",
        "t_effect_range")])


def _values_text(effect: dict, lang: str = "en") -> str:
    """'5% → 8% … 12%': the base value, then the lowest and highest chosen."""
    name = effect["parameter"]
    base = shown_value(name, effect["base_value"], lang)
    low, high = (shown_value(name, effect[k], lang) for k in ("low_value", "high_value"))
    chosen = low if low == high else f"{low} … {high}"
    return f"{base} → {chosen}"


def _spread(low: str, high: str) -> str:
    """'17.1–20.8%' ('17,1–20,8 %'): the unit written once, after the second number."""
    return f"{_bare(low)}–{high}"


def _bare(shown: str) -> str:
    """A formatted percentage without its sign ('17.1%' -> '17.1', '17,1 %' -> '17,1')."""
    return shown.rstrip("%").rstrip("\u00a0\u202f ")


def unmoved_text(shown: RoundResults, lang: str = "en") -> str:
    """'Nobody changed: ...', or '' if every allowed assumption was changed by someone."""
    names = [parameter(name, lang) for name in shown.unmoved]
    return tx(lang, "unmoved", names=", ".join(names)) if names else ""


def headline(shown: RoundResults, lang: str = "en") -> dict[str, str]:
    """The board's headline numbers by label (also what the tests read)."""
    spread = shown.model_range()
    return {
        tx(lang, "m_median_forecast"): percent(shown.median_forecast(), lang),
        tx(lang, "m_median_model"): percent(shown.median_model(), lang),
        tx(lang, "m_base"): percent(shown.base.estimate if shown.base else None, lang),
        tx(lang, "m_spread"): (_spread(percent(spread[0], lang), percent(spread[1], lang))
                               if spread else "–"),
    }


def ranges_summary(shown: RoundResults, lang: str = "en") -> dict[str, str]:
    """The room's ranges and the model's predictive interval, by label (the tests read it).

    How many gave a range, their median range (median low end – median high end), in how
    many of them the model's result with that participant's assumptions lies, and the base
    scenario's 95% predictive interval across the preset's ranges.
    """
    median = shown.median_range()
    inside, compared = shown.range_coverage()
    model = shown.predictive
    return {
        tx(lang, "m_ranges_given"): tx(lang, "n_of", n=len(shown.ranged_rows),
                                       total=len(shown.rows)),
        tx(lang, "m_median_range"): span_text(*median, lang) if median else "–",
        tx(lang, "m_in_range"): (tx(lang, "n_of", n=inside, total=compared) if compared
                                 else "–"),
        tx(lang, "m_model_interval"): (span_text(model.pi_low, model.pi_high, lang) if model
                                       else "–"),
    }


def intervals_text(shown: RoundResults, lang: str = "en") -> list[str]:
    """What each interval on the board covers, one sentence each, in plain words.

    Participants' own ranges are their judgement; the model's predictive interval carries
    the preset's ranges (and noise); the interval beside each model result is noise only.
    """
    model = shown.predictive
    lines = [tx(lang, "iv_own")]
    if model is None:
        lines.append(tx(lang, "iv_model_none"))
    else:
        lines.append(tx(lang, "iv_model", low=percent(model.pi_low, lang),
                        high=percent(model.pi_high, lang), n=model.ranges,
                        share=formats.percent(lang, min(model.assumptions, 1.0), 0)))
    lines += [tx(lang, "iv_noise", runs=count(shown.runs, lang)), tx(lang, "iv_inside")]
    return lines


def reference_lines(lang: str = "en") -> list[str]:
    """The October 2022 forecasts, one line each, with source and date."""
    return [tx(lang, "reference_line", label=references.label(ref, lang),
               figure=references.figure(ref, lang), question=references.question(ref, lang))
            for ref in REFERENCES]
