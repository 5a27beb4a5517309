"""Escalation-risk scenario simulator.

Expert claims about Russia's nuclear threats in autumn 2022 as an agent-based model, run as
Monte Carlo batches.
"""

__version__ = "0.1.0"
