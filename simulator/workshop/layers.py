"""Command layers named for any chain length, so guesses and model results compare.

A chain of 3 layers and a chain of 7 have different layers at "layer 1"... at "layer 3": the
same number is not the same people. Participants therefore guess a *kind* of layer (the
General Staff, the warhead custodians, ...; `KINDS`), which the page turns into a position in
their own chain when they submit; every layer is shown by its name and its place in that
chain ("General Staff (Gerasimov), layer 2 of 5"), and a guess matches the model when the
kinds are the same, not the numbers.
"""

from simulator.model.agents.command_chain import chain_profiles, layer_names
from simulator.model.params import MAX_LAYERS
from simulator.workshop.labels import layer as layer_label
from simulator.workshop.text import text as text_in

KINDS: tuple[str, ...] = tuple(dict.fromkeys(p.name for p in chain_profiles(MAX_LAYERS)))
"""Every kind of layer a chain can hold, closest to the leader first (the units last)."""


def kind(position: int | None, layers: int) -> str | None:
    """The kind of layer at ``position`` (1-based) of a chain of ``layers``; None if none."""
    profiles = chain_profiles(layers)
    if position is None or not 1 <= position <= len(profiles):
        return None
    return profiles[position - 1].name


def position(kind_name: str, layers: int) -> int | None:
    """Where a kind of layer sits in a chain of ``layers`` (its first place), or None."""
    for number, profile in enumerate(chain_profiles(layers), start=1):
        if profile.name == kind_name:
            return number
    return None


def text(position_: int | None, layers: int, lang: str = "en") -> str:
    """'General Staff (Gerasimov), layer 2 of 5' in ``lang``; '–' for none."""
    if position_ is None:
        return "–"
    names = layer_names(layers)
    if not 1 <= position_ <= len(names):
        return str(position_)
    of = text_in(lang, "layer_of", k=position_, n=layers)
    return f"{layer_label(names[position_ - 1], lang)}, {of}"


def same_kind(guess: int | None, guess_layers: int, model: int | None, model_layers: int) -> bool:
    """Whether a guess and the model's most frequent refusing layer are the same people."""
    guessed, found = kind(guess, guess_layers), kind(model, model_layers)
    return guessed is not None and guessed == found
