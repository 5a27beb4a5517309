"""The actors of the escalation model, one module each.

Every agent holds its state as numpy arrays with one entry per world, so one
``step`` moves all worlds of a chunk forward by a week. The code still reads as the
mechanism for a single world: "the layer refuses when its draw falls below its
refusal probability".
"""

from simulator.agents.accidents import Accidents
from simulator.agents.battlefield import Battlefield
from simulator.agents.china import China
from simulator.agents.command_chain import CommandLayer, NuclearOrder, RefusalDrivers
from simulator.agents.crises import Crises
from simulator.agents.domestic import Domestic
from simulator.agents.leader import Leader
from simulator.agents.west import West

__all__ = [
    "Accidents", "Battlefield", "China", "CommandLayer", "Crises", "Domestic", "Leader",
    "NuclearOrder",
    "RefusalDrivers", "West",
]
