"""A setting that also schedules crises: what Explore runs once a student adds some.

A ``Choice`` carries parameter values only; ``Scheduled`` adds the events the student put on
the timeline (simulator/app/events.py). It lives apart from that page module because the pool's
workers unpickle it to run it and must not import Streamlit (see simulator/app/compute.py).
"""

from dataclasses import dataclass

from simulator.app.scenarios import Choice
from simulator.model.events import Event
from simulator.model.scenario import Scenario


@dataclass(frozen=True)
class Scheduled(Choice):
    """A preset, the parameter values the user changed, and the events the user added.

    Attributes:
        events: The added events, in order, on top of the preset's own (checked against the
            horizon when added; ``simulator.app.events.scheduled`` leaves out any the horizon
            drops).
    """

    events: tuple[Event, ...] = ()

    @property
    def is_preset(self) -> bool:
        """Whether the setting is the preset unchanged (no value, range or event added)."""
        return not self.overrides and not self.ranges and not self.events

    def base(self) -> Choice:
        """The same setting without the added events (its values and ranges kept)."""
        return Choice(self.preset, self.overrides, self.ranges)

    def scenario(self) -> Scenario:
        """The full scenario: the preset, the changes, then the added events."""
        scenario = self.base().scenario()
        return scenario.with_events(list(self.events)) if self.events else scenario
