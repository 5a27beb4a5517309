"""Escalation-risk scenario simulator.

Expert claims about Russia's nuclear threats in autumn 2022 as an agent-based model, run as
Monte Carlo batches. The subpackages, from the bottom up (a module imports only from its own
floor or below; ``tests/test_architecture.py`` checks it):

- ``simulator.model``: the world (actors, parameters, ladder, crises, scenarios);
- ``simulator.results``: estimates and the results folder (reading one needs no Mesa);
- ``simulator.running``: draws, executors and batches;
- ``simulator.studies``: designs, sweeps, sensitivity, discovery, one world's story;
- ``simulator.evidence``: claims, the record, calibration, the held-out years;
- ``simulator.api`` and ``simulator.cli``: the notebook API and the command line;
- ``simulator.workshop`` and ``simulator.app``: the workshop and the Streamlit app (extras).
"""

__version__ = "0.7.0"

_API = ("run", "compare", "conditional", "sweep", "sensitivity", "evaluate", "discover",
        "load_results", "merge", "scenario", "nowcast", "nowcast_series")


def __getattr__(name: str):
    """``simulator.run(...)`` and the rest of the notebook API (``simulator.api``).

    Imported on first use, so that ``import simulator.model.params`` stays light.
    """
    if name in _API:
        from simulator import api

        return getattr(api, name)
    raise AttributeError(f"module 'simulator' has no attribute {name!r}")
