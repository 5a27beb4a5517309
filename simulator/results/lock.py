"""The lock of a results folder: one run at a time writes it, and a dead run holds none."""

import errno
import fcntl
import json
import os
import socket
import sys
import time
from pathlib import Path

from simulator.results.errors import FolderBusyError, ResultsError
from simulator.results.layout import LOCK
from simulator.results.origin import now

_HELD_LOCKS: set[int] = set()


def _forget_locks_in_child() -> None:
    """In a forked child (a worker process): close the parent's lock descriptors.

    Closing (not unlocking) leaves the parent's lock held, and means the kernel releases
    it as soon as the parent dies, not when its last orphaned worker exits.
    """
    for fd in _HELD_LOCKS:
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD_LOCKS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks_in_child)


def _holder(fd: int) -> str:
    """Who holds a lock, as its holder wrote it into the lock file (best effort)."""
    try:
        info = json.loads(os.pread(fd, 4096, 0).decode())
        return (f"pid {info['pid']} on {info['host']} since {info['since']}: "
                f"{info['command']}")
    except (OSError, ValueError, KeyError, TypeError):
        return "another process"


class FolderLock:
    """An exclusive ``flock`` on a results folder's lock file, held while a run writes it.

    The kernel releases it when the process ends in any way (exit, exception, Ctrl-C,
    ``kill -9``): a killed run never leaves a lock that blocks the next one. The file
    itself stays (removing it would race with a process about to lock it); it holds the
    pid, host, start time and command of the current holder, for the error message.
    """

    def __init__(self, path: Path, fd: int):
        self.path, self._fd = path, fd

    @classmethod
    def acquire(cls, folder: Path, patience: float = 0.5) -> "FolderLock":
        """Lock ``folder`` (an existing directory), or raise FolderBusyError.

        ``patience`` seconds of retries ride out a reader's momentary probe
        (:func:`writer_of`); a writer's lock is never waited for.
        """
        path = Path(folder) / LOCK
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            raise ResultsError(f"out: cannot create the lock file {path} "
                               f"({error.strerror or error})") from None
        deadline = time.monotonic() + patience
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES) \
                        or time.monotonic() >= deadline:
                    holder = _holder(fd)
                    os.close(fd)
                    if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                        raise ResultsError(f"out: cannot lock {path} ({error.strerror})") \
                            from None
                    raise FolderBusyError(
                        f"out: {folder} is being written by another run: its lock {path} is "
                        f"held ({holder}); nothing was changed - wait for that run to finish "
                        "or choose another folder") from None
                time.sleep(0.05)
        _HELD_LOCKS.add(fd)
        info = {"pid": os.getpid(), "host": socket.gethostname(), "since": now(),
                "command": " ".join(sys.argv) or sys.executable}
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(info).encode(), 0)
        except OSError:
            pass  # only the message of a second writer is poorer
        return cls(path, fd)

    @property
    def held(self) -> bool:
        """Whether this lock is still held (not yet released)."""
        return self._fd is not None

    def release(self) -> None:
        """Unlock (once; later calls do nothing)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        _HELD_LOCKS.discard(fd)
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def __enter__(self) -> "FolderLock":
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def writer_of(folder: Path) -> str | None:
    """The run writing ``folder`` now (as its lock file names it), or None.

    A probe: a shared lock taken and dropped at once; it changes nothing on disk.
    """
    try:
        fd = os.open(Path(folder) / LOCK, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return _holder(fd)
            return None
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)
