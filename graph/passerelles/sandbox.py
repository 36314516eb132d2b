"""Running work that may not end — a user's SPARQL query — where it can be stopped.

:func:`run_bounded` runs a function in a child process forked from this one (so the child
has the graph already, without loading it again), with a memory bound set on the child
(``RLIMIT_AS``: what it has plus ``max_memory`` bytes), and waits at most ``seconds`` for
its answer. Past that the child is killed and :class:`~passerelles.errors.QueryStopped` is
raised (exit code 4 on the command line); the same when it dies of its memory bound.
An in-process query cannot be interrupted: Oxigraph does not return to Python until done.

Where ``fork`` does not exist (Windows) the function runs in this process, unbounded.
"""

from __future__ import annotations

import faulthandler
import os
import pickle
import select
import signal
import time
from typing import Any, Callable

from .errors import InputError, QueryStopped

#: The memory a bounded query may use beyond what the process already holds.
DEFAULT_MAX_MEMORY = 2 * 1024 ** 3


class ChildFailed(Exception):
    """The child raised: carries the exception's class name and message."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def can_bound() -> bool:
    """True where work can be run in a child process that can be stopped."""
    return hasattr(os, "fork")


def run_bounded(action: Callable[[], Any], seconds: float, max_memory: int = DEFAULT_MAX_MEMORY,
                what: str = "the query") -> Any:
    """The value of ``action()``, computed in a child process bounded in time and memory.

    ``action`` must return a picklable value.

    Raises
    ------
    QueryStopped
        No answer within ``seconds``, or the child died of its memory bound.
    ChildFailed
        ``action`` raised (the class name and message of its exception).

    Examples
    --------
    >>> run_bounded(lambda: sum(range(10)), seconds=10)
    45
    >>> import time
    >>> run_bounded(lambda: time.sleep(30), seconds=0.5)
    Traceback (most recent call last):
    ...
    passerelles.errors.QueryStopped: the query did not finish within 0.5 s (--timeout); it was stopped
    >>> run_bounded(lambda: bytearray(8 * 1024 ** 3), seconds=10, max_memory=256 * 1024 ** 2)
    Traceback (most recent call last):
    ...
    passerelles.errors.QueryStopped: the query needed more than 256 MiB of memory; it was stopped
    >>> run_bounded(lambda: 1 / 0, seconds=10)
    Traceback (most recent call last):
    ...
    passerelles.sandbox.ChildFailed: division by zero
    """
    if not (0 < seconds < float("inf")):
        raise InputError(f"a timeout must be a positive number of seconds, not {seconds!r}")
    if not can_bound():
        return action()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(action, write_end, max_memory)
    os.close(write_end)
    try:
        data = _read_until(read_end, time.monotonic() + seconds)
    except BaseException:  # the deadline, or a Ctrl-C: the child must not outlive the wait
        _kill(pid)
        raise
    finally:
        os.close(read_end)
    if data is None:
        _kill(pid)
        raise QueryStopped(f"{what} did not finish within {seconds:g} s (--timeout); it was stopped")
    _, status = os.waitpid(pid, 0)
    over = QueryStopped(f"{what} needed more than {max_memory // 1024 ** 2} MiB of memory; it was stopped")
    try:
        kind, value = pickle.loads(data)
    except Exception:  # nothing whole came back: the child died
        if os.WIFSIGNALED(status):  # an allocation that failed aborts; the OOM killer kills
            raise over from None
        raise ChildFailed("SystemError", f"{what} ended without an answer (status {status})") from None
    if kind == "ok":
        return value
    if kind == "memory":
        raise over
    raise ChildFailed(*value)


def _child(action: Callable[[], Any], write_end: int, max_memory: int) -> None:
    """Run ``action`` and send ``(kind, value)`` down the pipe; exit without cleanup."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C stops the child as it stops us
        # An allocation failure aborts with a message (and faulthandler's dump, if enabled):
        # saying it is the parent's job, in one line.
        faulthandler.disable()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        _limit_memory(max_memory)
        try:
            answer = ("ok", action())
        except MemoryError:
            answer = ("memory", None)
        except Exception as exc:  # any failure goes back to the parent, described
            answer = ("error", (type(exc).__name__, str(exc)))
        try:
            data = pickle.dumps(answer)
        except MemoryError:
            data = pickle.dumps(("memory", None))
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view):]
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _limit_memory(extra: int) -> None:
    """Bound the address space of this process to what it has plus ``extra`` bytes."""
    try:
        import resource
        with open("/proc/self/statm") as fh:
            size = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (size + extra, resource.getrlimit(resource.RLIMIT_AS)[1]))
    except (ImportError, OSError, ValueError):  # no /proc (macOS): bounded in time only
        pass


def _read_until(fd: int, deadline: float) -> bytes | None:
    """Everything written to ``fd`` until it closes, or None if ``deadline`` comes first."""
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass

