"""Reading a value in some of the worlds, whether it is one for all or one per world.

A parameter is one number for every world, or (``simulator.model.world.per_world``) an
array with one entry per world; the agents' states are arrays over worlds. An actor that
updates only the few worlds a crisis or an order reaches reads both the same way here.
"""

import numpy as np


def in_worlds(values, worlds: np.ndarray | None):
    """The entries of ``worlds`` (indices or a mask; None: every world) in ``values``.

    ``values`` is one per world along its last axis (a leading axis, such as one row per
    kind of order, is kept), or one for all worlds, which is returned as it is.
    """
    if worlds is None or not isinstance(values, np.ndarray) or not values.ndim:
        return values
    return values[..., worlds]
