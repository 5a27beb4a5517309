"""What can be wrong with a results folder, as errors a user can act on."""

from simulator.errors import SimulatorError


class ResultsError(SimulatorError):
    """A results folder that is missing, corrupt, or not the one asked for."""


class FolderBusyError(ResultsError):
    """Another run is writing the folder: its lock is held."""


class FolderInTheWayError(ResultsError):
    """An output path that cannot take a batch (a file, a folder of other things, results).

    Results can still be taken with ``--resume`` (the same batch) or ``--overwrite``.
    """


class OtherBatchError(FolderInTheWayError):
    """``--resume`` on a folder that holds another batch (scenario, seed, runs, ...)."""

