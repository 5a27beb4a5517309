"""Errors a user can cause and fix: each names the field and what is allowed."""


def yaml_problem(error) -> str:
    """Where and what a ``yaml.YAMLError`` found: ' (line L, column C): problem'."""
    mark = getattr(error, "problem_mark", None)
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
    return f"{where}: {getattr(error, 'problem', error)}"


class SimulatorError(ValueError):
    """Bad input from a user: the CLI prints it without a traceback and exits 2."""


class ParameterError(SimulatorError):
    """A parameter name or value that the schema does not allow.

    Attributes:
        field: The dotted parameter name (or the file key) at fault.
    """

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
