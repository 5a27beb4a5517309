"""Regenerate the translation template from the sources and update each catalogue with Babel.

    python scripts/catalogue.py          # write simulator/locales/messages.pot, update the .po
    python scripts/catalogue.py --check  # exit 1 if either file is out of date

The template's msgids are the English of the sources (the app's and the workshop's text tables,
the model's labels, the presets, the record, the story); each msgctxt is a stable key. Babel's
``Catalog.update`` then carries each translation over: a msgid whose English changed keeps its
old French marked fuzzy (shown in English until a translator reviews it and removes the flag),
a new msgid arrives untranslated, a removed one becomes obsolete (dropped from the file).
"""

import argparse
import datetime as dt
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from simulator import locales  # noqa: E402

WIDTH = 100


def sources() -> Iterator[tuple[str, str, str]]:
    """Every (msgctxt, English msgid, where it comes from) the pages translate."""
    from simulator.app import scenarios
    from simulator.evidence import claims, held_out, record, war
    from simulator.locales import app_explore, app_pages, app_timeline, app_war
    from simulator.model import events, labels, ladder, params
    from simulator.model.agents import command_chain
    from simulator.model.agents.leader import OPTIONS
    from simulator.results import analysis
    from simulator.studies import story
    from simulator.workshop import text as workshop_text

    for module in (app_explore, app_pages, app_timeline, app_war):
        where = f"simulator/locales/{module.__name__.rpartition('.')[2]}.py"
        for key, english in module.ENGLISH.items():
            yield key, english, where
    for key, english in workshop_text.ENGLISH.items():
        yield f"workshop.{key}", english, "simulator/workshop/text.py"
    for name, english in labels.PARAMETERS.items():
        yield f"parameter.{name}", english, "simulator/model/labels.py"
    layers = [value.name for value in vars(command_chain).values()
              if isinstance(value, command_chain.LayerProfile)]
    for english in [*dict.fromkeys(layers), "Layer"]:
        yield "layer", english, "simulator/model/agents/command_chain.py"
    for name, param in params.SCHEMA.items():
        if param.assumption:
            yield f"assumption.{name}", param.assumption, "simulator/model/params/"
    units = [param.unit for param in params.SCHEMA.values()]
    units += [unit for unit in labels.SHOWN_UNITS.values() if unit != labels.PERCENT]
    units += [kind.unit for kind in events.KINDS.values() if kind.sizes]
    for english in sorted(set(units)):
        yield "unit", english, ("simulator/model/params.py, simulator/model/labels.py, "
                                "simulator/model/events.py")
    for name, english in analysis.OUTCOMES.items():
        yield f"outcome_help.{name}", english, "simulator/results/analysis.py"
    the_record = record.default()
    for forecast in the_record.forecasts:
        yield f"forecast.question.{forecast.id}", forecast.question, "scenarios/record.yaml"
        if forecast.why_not_scored:
            yield (f"forecast.why_not_scored.{forecast.id}", forecast.why_not_scored,
                   "scenarios/record.yaml")
    for event in the_record.events:
        yield f"record_event.{event.id}", event.label, "scenarios/record.yaml"
    for event in held_out.load().events:  # the whole war's view shows them
        yield f"record_event.{event.id}", event.label, "scenarios/record-2023-2025.yaml"
    for forecast in war.later_forecasts():
        yield (f"forecast.question.{forecast.id}", forecast.question,
               "scenarios/forecasts-later.yaml")
    forecasters = [f.forecaster for f in (*the_record.forecasts, *war.later_forecasts())]
    for english in dict.fromkeys(forecasters):
        yield "forecaster", english, "scenarios/record.yaml, scenarios/forecasts-later.yaml"
    for name, kind in events.KINDS.items():
        yield f"crisis.{name}", kind.words, "simulator/model/events.py"
    for rung in ladder.RUNGS:
        yield f"rung.{rung.level}", rung.label, "simulator/model/ladder.py"
    for k, english in enumerate(OPTIONS):
        yield f"option.{k}", english, "simulator/model/agents/leader.py"
    for key, english in story.SENTENCES.items():
        yield f"story.{key}", english, "simulator/studies/story.py"
    for speaker in sorted({claim.speaker for claim in claims.by_id().values()}):
        yield "speaker", speaker, "scenarios/claims.yaml"
    for name in scenarios.presets():
        if not scenarios.preset(name).speaker:
            yield f"preset.name.{name}", scenarios.short_name(name), "scenarios/*.yaml"
        title, summary = scenarios.english_description(name)
        yield f"preset.title.{name}", title, f"scenarios/{name}.yaml"
        if summary:
            yield f"preset.summary.{name}", summary, f"scenarios/{name}.yaml"


def template(created: dt.datetime | None = None) -> Catalog:
    """The template (.pot): every source text, untranslated."""
    catalog = Catalog(domain=locales.DOMAIN, project="escalation-risk simulator",
                      creation_date=created or dt.datetime.now(dt.UTC), fuzzy=False)
    for context, english, where in sources():
        if (english, context) in catalog:
            raise SystemExit(f"two source texts share msgctxt {context!r}: {english!r}")
        catalog.add(english, context=context, auto_comments=[where])
    return catalog


def update(po: Catalog, pot: Catalog) -> Catalog:
    """``po`` brought up to ``pot`` by Babel: changed msgids fuzzy, removed ones dropped."""
    po.update(pot, update_header_comment=False, update_creation_date=False)
    po.obsolete.clear()
    return po


def text(catalog: Catalog) -> bytes:
    """A catalogue as the file writes it (msgids in the sources' order)."""
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, sort_output=False, ignore_obsolete=True,
             include_previous=True)
    return out.getvalue()


def _creation_date() -> dt.datetime | None:
    """The existing template's date, so that a run that changes nothing changes no byte."""
    if not locales.TEMPLATE.exists():
        return None
    with locales.TEMPLATE.open("rb") as file:
        return read_po(file).creation_date


def build() -> dict[Path, bytes]:
    """What the template and every catalogue should contain now."""
    pot = template(_creation_date())
    files = {locales.TEMPLATE: text(pot)}
    for lang in locales.LANGUAGES[1:]:
        path = locales.po_file(lang)
        with path.open("rb") as file:
            po = read_po(file, locale=lang)
        files[path] = text(update(po, pot))
    return files


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) the template and the catalogues; 1 if stale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a file is out of date")
    args = parser.parse_args(argv)
    stale = []
    for path, content in build().items():
        if not path.exists() or path.read_bytes() != content:
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
    for path in stale:
        print(f"{'out of date' if args.check else 'written'}: {path.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
