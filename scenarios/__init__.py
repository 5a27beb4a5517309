"""The shipped presets, claims and record, as data of the package ``simulator.scenarios``.

pyproject.toml maps this folder to that package, so the wheel carries it inside ``simulator/``
and ``simulator.model.scenario`` finds it through importlib.resources wherever the code is
installed.
"""
