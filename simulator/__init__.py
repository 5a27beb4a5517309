"""Escalation-risk scenario simulator.

Expert claims about Russia's nuclear threats in autumn 2022 as an agent-based model, run as
Monte Carlo batches.
"""

__version__ = "0.1.0"

_API = ("run", "compare", "sweep", "sensitivity", "evaluate", "discover", "load_results",
        "scenario")


def __getattr__(name: str):
    """``simulator.run(...)`` and the rest of the notebook API (``simulator.api``).

    Imported on first use, so that ``import simulator.params`` stays light.
    """
    if name in _API:
        from simulator import api

        return getattr(api, name)
    raise AttributeError(f"module 'simulator' has no attribute {name!r}")
