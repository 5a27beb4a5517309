"""Escalation-risk scenario simulator.

Expert claims about Russia's nuclear threats in autumn 2022 as an agent-based model, run as
Monte Carlo batches.
"""

__version__ = "0.5.0"

_API = ("run", "compare", "conditional", "sweep", "sensitivity", "evaluate", "discover",
        "load_results")

# The submodule simulator.scenario is loaded first, so that the name below stays the API's
# function: Python binds a submodule to its package's attribute only when it first loads it.
import simulator.scenario as _scenario_module  # noqa: E402, F401


def scenario(which="baseline", changes=None):
    """A preset by name, a scenario file by path, or a Scenario, with ``changes`` applied.

    The same as ``simulator.api.scenario`` (see there); ``simulator.scenario`` stays this
    function whatever else has been imported.
    """
    from simulator import api

    return api.scenario(which, changes)


def __getattr__(name: str):
    """``simulator.run(...)`` and the rest of the notebook API (``simulator.api``).

    Imported on first use, so that ``import simulator.params`` stays light.
    """
    if name in _API:
        from simulator import api

        return getattr(api, name)
    raise AttributeError(f"module 'simulator' has no attribute {name!r}")
