"""The actors of the escalation model, one module each.

Every agent holds its state as numpy arrays with one entry per world, so one
``step`` moves all worlds of a chunk forward by a week. The code still reads as the
mechanism for a single world: "the layer refuses when its draw falls below its
refusal probability".
"""

from simulator.model.agents.accidents import Accidents
from simulator.model.agents.battlefield import Battlefield
from simulator.model.agents.china import China
from simulator.model.agents.command_chain import CommandLayer, NuclearOrder, RefusalDrivers
from simulator.model.agents.crises import Crises
from simulator.model.agents.domestic import Domestic
from simulator.model.agents.leader import Leader
from simulator.model.agents.west import West

__all__ = [
    "Accidents", "Battlefield", "China", "CommandLayer", "Crises", "Domestic", "Leader",
    "NuclearOrder",
    "RefusalDrivers", "West",
]
