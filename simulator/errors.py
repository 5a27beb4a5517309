"""Errors a user can cause and fix: each names the field and what is allowed."""


def yaml_problem(error) -> str:
    """Where and what a ``yaml.YAMLError`` found: ' (line L, column C): problem'."""
    mark = getattr(error, "problem_mark", None)
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
    return f"{where}: {getattr(error, 'problem', error)}"


def shown(value, limit: int = 60) -> str:
    """``value`` as an error message shows it: short, and never failing.

    Numbers as ``:g`` would show them (an int too large for a float by its count of digits),
    anything else by its ``repr``, cut to about ``limit`` characters.
    """
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        if -10**15 < value < 10**15:
            return str(value)
        try:
            return f"{float(value):g}"
        except OverflowError:
            digits = int(value.bit_length() * 0.30103) + 1  # or one fewer:
            digits -= abs(value) < 10 ** (digits - 1)
            return f"a number of {digits:,} digits"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple) and len(value) > 8:
        text = f"a list of {len(value):,} values"
    else:
        try:
            text = repr(value)
        except Exception:  # noqa: BLE001 - a message must not fail (e.g. a huge int inside)
            text = f"a {type(value).__name__}"
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


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
