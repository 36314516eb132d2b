"""Serving the graph on this machine: an Oxigraph server as a child process on 127.0.0.1.

``passerelles serve`` loads the built graph into an Oxigraph data folder, then starts
``oxigraph serve-read-only`` on it (updates are refused by the server itself) on a private
port, behind a :class:`~passerelles.remote.front.QueryFront` that refuses SERVICE, and
stops both on Ctrl-C or SIGTERM. The server child dies with its parent even when the
parent is killed outright (Linux ``PR_SET_PDEATHSIG``), and the temporary data folders
that killed ``serve`` processes left behind are removed at the next start
(:func:`remove_stale_folders`). The same :class:`OxigraphServer` runs a read-write server
for the tests. The server program comes with the ``oxigraph`` PyPI package.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable

from ..errors import EndpointError, InputError
from . import DEFAULT_GRAPH

HOST = "127.0.0.1"


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program: next to this Python, else on PATH.

    Raises
    ------
    InputError
        It is not installed.
    """
    beside = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise InputError("the Oxigraph server is not installed: pip install oxigraph")


def free_port() -> int:
    """A TCP port free on the loopback interface right now.

    >>> 0 < free_port() < 65536
    True
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` that has Linux kill the child (SIGKILL) when this process dies, however
    it dies; elsewhere it does nothing (None where there is no ``preexec_fn``: Windows)."""
    if os.name != "posix":
        return None
    parent = os.getpid()

    def arrange() -> None:
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            return
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)
    return arrange


_SERVE_FOLDER = re.compile(r"^passerelles-serve-(?P<pid>[0-9]+)-")


def serve_folder() -> Path:
    """A new temporary data folder for ``serve``, named after this process."""
    return Path(tempfile.mkdtemp(prefix=f"passerelles-serve-{os.getpid()}-"))


def remove_stale_folders(parent: Path | None = None) -> list[Path]:
    """Remove the temporary data folders of ``serve`` processes that no longer run.

    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "passerelles-serve-999999999-x").mkdir(); (d / f"passerelles-serve-{os.getpid()}-y").mkdir()
    >>> [p.name for p in remove_stale_folders(d)], sorted(p.name for p in d.iterdir()) == [f"passerelles-serve-{os.getpid()}-y"]
    (['passerelles-serve-999999999-x'], True)
    """
    from ..files import _alive
    removed = []
    parent = Path(tempfile.gettempdir()) if parent is None else parent
    try:
        entries = list(parent.iterdir())
    except OSError:
        return removed
    for path in entries:
        m = _SERVE_FOLDER.match(path.name)
        if m and path.is_dir() and not path.is_symlink() and not _alive(int(m["pid"])):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def wait_for_answer(url: str, process: subprocess.Popen, wait: float, name: str,
                    why: Callable[[], str]) -> None:
    """Return once ``url`` answers 200; fail if ``process`` exits first (saying ``why()``) or
    after ``wait`` seconds.

    Raises
    ------
    EndpointError
        The server stopped, or did not answer in time.
    """
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EndpointError(f"{name} stopped at start (exit code {process.returncode}): {why()}")
        try:
            with urllib.request.urlopen(url, timeout=1.0) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise EndpointError(f"{name} did not answer at {url} within {wait:g} s")


def load_location(ntriples: str, location: Path, graph: str = DEFAULT_GRAPH) -> int:
    """Put ``ntriples`` into the named graph ``graph`` of the Oxigraph folder ``location``.

    The graph is replaced if the folder already holds it. Returns the number of triples.
    The store is released on return (the server must be the only one to open the folder).
    """
    import pyoxigraph

    try:
        store = pyoxigraph.Store(str(location))
    except OSError as exc:
        raise InputError(f"{location}: cannot open as an Oxigraph data folder ({exc})") from None
    name = pyoxigraph.NamedNode(graph)
    store.remove_graph(name)
    # the bulk loader (no server has the folder open): some 5 times faster than load()
    store.bulk_load(ntriples.encode("utf-8"), pyoxigraph.RdfFormat.N_TRIPLES, to_graph=name)
    store.flush()
    count = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=name)))[0].value)
    del store  # drops RocksDB's lock on the folder (pyoxigraph has no close())
    return count


class OxigraphServer:
    """An Oxigraph server child process on 127.0.0.1; a context manager that always stops it.

    Parameters
    ----------
    location : path
        The data folder.
    port : int
        0 picks a free port.
    read_only : bool
        ``serve-read-only`` (updates refused) rather than ``serve``.
    union_default_graph : bool
        Queries without a dataset read every graph (for clients that send no
        ``default-graph-uri``).
    timeout : float, optional
        The server's own limit on each query, in seconds (rounded up to a whole second).

    Examples
    --------
    >>> server = OxigraphServer("/tmp/data", port=7879)
    >>> server.query_url, server.store_url
    ('http://127.0.0.1:7879/query', 'http://127.0.0.1:7879/store')
    """

    def __init__(self, location: str | Path, port: int = 0, read_only: bool = True,
                 union_default_graph: bool = False, timeout: float | None = None):
        self.location = Path(location)
        self.timeout = timeout
        self.port = port or free_port()
        self.read_only = read_only
        self.union_default_graph = union_default_graph
        self.base_url = f"http://{HOST}:{self.port}"
        self.query_url, self.store_url = f"{self.base_url}/query", f"{self.base_url}/store"
        self.update_url = f"{self.base_url}/update"
        self.process: subprocess.Popen | None = None
        self._log = None

    def start(self, wait: float = 15.0) -> "OxigraphServer":
        """Start the server and return once it answers a query (or fail within ``wait`` s)."""
        command = [oxigraph_binary(), "serve-read-only" if self.read_only else "serve",
                   "--location", str(self.location), "--bind", f"{HOST}:{self.port}"]
        if self.union_default_graph:
            command.append("--union-default-graph")
        if self.timeout is not None:
            command += ["--timeout-s", str(max(1, math.ceil(self.timeout)))]
        self._log = tempfile.TemporaryFile()
        # A session of its own: a Ctrl-C in the terminal reaches us, and we stop the child;
        # and it dies with us, were we killed outright.
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=self._log, start_new_session=True, preexec_fn=die_with_parent())
        try:
            self._wait_ready(wait)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self, wait: float) -> None:
        wait_for_answer(f"{self.query_url}?query=ASK%7B%7D", self.process, wait, "the Oxigraph server", self._log_error)

    def _log_error(self) -> str:
        """The server's error line (it prints ``Error: …`` then a backtrace)."""
        self._log.seek(0)
        lines = [line.strip() for line in self._log.read().decode("utf-8", "replace").splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith("Error")]
        return (errors or lines or ["no message"])[0][:200]

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, wait: float = 5.0) -> None:
        """SIGTERM, then SIGKILL if it has not exited within ``wait`` seconds."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(wait)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(wait)
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> "OxigraphServer":
        return self.start() if self.process is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


def serve_until_signal(server: OxigraphServer, front=None) -> None:
    """Wait while ``server`` runs; on SIGINT or SIGTERM stop it (and its ``front``) and return.

    Raises
    ------
    EndpointError
        The server stopped by itself.
    """
    asked = threading.Event()

    def on_signal(signum, frame) -> None:
        asked.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not asked.is_set() and server.running():
            asked.wait(0.2)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        code = None if asked.is_set() else server.process.returncode
        if front is not None:
            front.stop()
        server.stop()
    if code is not None:
        raise EndpointError(f"the Oxigraph server stopped by itself (exit code {code})")
