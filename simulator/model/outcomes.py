"""What the model counts each week, by name: light, so reading results needs no Mesa.

A results folder's weekly parts have one column per rung, event and flow; the model
(``world.py``) fills them and the results floor reads them back.
"""

from simulator.model import params

WEEKLY_EVENTS = ("nuclear_order", "nuclear_use", "order_blocked", "leader_ousted", "nato_involved")
"""Events counted cumulatively each week: worlds that have seen them so far."""
WEEKLY_FLOWS = ("orders_issued", *(f"refused_at_{i}" for i in range(1, params.MAX_LAYERS + 1)))
"""Counted per week, not cumulatively: orders given, and refusals at each layer."""
