"""YAML from users, read with bounded work: every file the simulator loads comes through here.

PyYAML's ``safe_load`` refuses Python objects but not unbounded work: aliases expand a
few lines into billions of values ("billion laughs"), a long list or deep nesting takes
minutes or overflows the stack. Before anything is built, this module refuses:

- a file or text larger than ``MAX_BYTES``;
- any alias (``*name``): write the value out instead;
- nesting deeper than ``MAX_DEPTH`` lists/mappings;
- more than ``MAX_NODES`` values in one document.

It also turns what PyYAML or the file system raise (an unreadable file, a directory,
text that is not UTF-8, 30 February) into the caller's
:class:`~simulator.errors.SimulatorError` subclass, naming the file and the place.

A number is read only from plain decimal digits (``params.spec.PLAIN_NUMBER``): YAML 1.1 would
read ``1_0`` as 10, ``010`` as 8, ``0x1f`` as 31 and ``1:30`` as 90. Such a scalar, or a
number too long to convert (5,000 digits), stays the text as written, so that the reader
refuses it naming its field and the allowed range; ``010`` is ten.
"""

import math
import stat
from pathlib import Path
from typing import Any

import yaml

from simulator.errors import SimulatorError, shown, yaml_problem
from simulator.model.params.spec import PLAIN_NUMBER, PLAIN_WHOLE

MAX_BYTES = 1_000_000
"""Largest file (or text) accepted, in bytes; the project's own files are under 50 kB."""
MAX_DEPTH = 20
"""Deepest nesting of lists and mappings; the project's files nest 6 levels at most."""
MAX_NODES = 50_000
"""Most values (scalars, lists, mappings) in one document; claims.yaml has about 2,000."""


class _Refused(yaml.YAMLError):
    """What the loader refuses to build, with where it is in the text."""

    def __init__(self, problem: str, mark):
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


class BoundedLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` without aliases, and with bounded depth and size."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent, index):
        """Compose one node, refusing an alias and counting nodes and depth."""
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(f"an alias (*{event.anchor}) is not allowed here; write the value "
                           "out in full", event.start_mark)
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Refused(f"more than {MAX_NODES:,} values (the most a file may hold)",
                           self.peek_event().start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(f"nested more than {MAX_DEPTH} levels deep (the most allowed)",
                               self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node, deep=False):
        """Construct one value; a value Python refuses is an error with its place."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as error:  # int('9' * 5000), 2023-02-30, ...
            detail = str(error).split(";")[0]
            raise _Refused(f"cannot read this value ({detail})", node.start_mark) from None


def _plain_int(loader: BoundedLoader, node) -> int | str:
    """An int from plain decimal digits (``010`` is ten); any other text stays text."""
    text = loader.construct_scalar(node)
    if PLAIN_WHOLE.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # over 4,300 digits: the reader says it is out of range
            pass
    return text


def _plain_float(loader: BoundedLoader, node) -> float | str:
    """A float from plain decimal text (or YAML's ``.inf``, ``.nan``); other text stays text."""
    text = loader.construct_scalar(node)
    if PLAIN_NUMBER.fullmatch(text):
        value = float(text)
        return text if math.isinf(value) else value  # 400 digits: not 'inf', the reader says
    if text.lower().lstrip("+-") in (".inf", ".nan"):
        return yaml.SafeLoader.construct_yaml_float(loader, node)
    return text


BoundedLoader.add_constructor("tag:yaml.org,2002:int", _plain_int)
BoundedLoader.add_constructor("tag:yaml.org,2002:float", _plain_float)


def read_text(path: str | Path, error: type[SimulatorError] = SimulatorError) -> str:
    """The UTF-8 text of ``path``, at most ``MAX_BYTES``, or ``error`` naming the path."""
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise error(f"{path}: cannot read it: a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{path}: cannot read it: not a regular file")
        if info.st_size > MAX_BYTES:
            raise error(f"{path}: {info.st_size:,} bytes is too large; a file may hold at "
                        f"most {MAX_BYTES:,} bytes (1 MB)")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # it may have grown since stat()
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except OSError as problem:
        raise error(f"{path}: cannot read it ({problem.strerror or problem})") from None
    except ValueError as problem:  # a NUL byte in the path
        if isinstance(problem, SimulatorError):
            raise
        raise error(f"{shown(str(path))}: cannot read it ({problem})") from None
    return decode(data, str(path), error)


def decode(data: bytes, source: str, error: type[SimulatorError] = SimulatorError) -> str:
    """``data`` as UTF-8 text of at most ``MAX_BYTES``, or ``error`` naming ``source``."""
    if len(data) > MAX_BYTES:
        raise error(f"{source}: more than {MAX_BYTES:,} bytes; a file may hold at most "
                    f"{MAX_BYTES:,} bytes (1 MB)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as problem:
        line = data[:problem.start].count(b"\n") + 1
        raise error(f"{source}: cannot read it: not UTF-8 text (byte "
                    f"0x{data[problem.start]:02x} on line {line}); save it as UTF-8") from None


def parse(text: str | bytes, source: str = "<text>",
          error: type[SimulatorError] = SimulatorError) -> Any:
    """The document in ``text``, read with bounded work, or ``error`` naming ``source``."""
    if isinstance(text, bytes | bytearray):
        text = decode(bytes(text), source, error)
    if not isinstance(text, str):
        raise error(f"{source}: expected YAML text, got {type(text).__name__}")
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise error(f"{source}: more than {MAX_BYTES:,} bytes; a file may hold at most "
                    f"{MAX_BYTES:,} bytes (1 MB)")
    loader = None
    try:
        loader = BoundedLoader(text)  # the reader refuses control characters right here
        return loader.get_single_data()
    except _Refused as problem:
        raise error(f"{source}{yaml_problem(problem)}") from None
    except yaml.YAMLError as problem:
        raise error(f"{source}: not valid YAML{yaml_problem(problem)}") from None
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops nesting long before
        raise error(f"{source}: nested too deeply") from None
    finally:
        if loader is not None:
            loader.dispose()


def load(path: str | Path, error: type[SimulatorError] = SimulatorError) -> Any:
    """The document in the file at ``path`` (see :func:`parse`)."""
    return parse(read_text(path, error), str(path), error)
