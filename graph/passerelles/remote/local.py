"""A local read-only SPARQL endpoint as one object: what ``passerelles serve`` runs, and what
a notebook starts and stops (:meth:`passerelles.Passerelles.serve`).

The graph goes into an Oxigraph data folder (a temporary one by default, removed when the
endpoint stops) — a copy of the build cache's sealed store when there is one (its table
files hard-linked: milliseconds at any size, :func:`passerelles.rdf.disk.copy_store`), else
loaded from the N-Triples —, ``oxigraph serve-read-only`` runs on a private port, and a
:class:`~passerelles.remote.front.QueryFront` that refuses SERVICE listens on the port
asked. :class:`LocalEndpoint` is a context manager: leaving it stops both and removes the
temporary folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import InputError
from . import DEFAULT_GRAPH


class LocalEndpoint:
    """The graph served read-only on 127.0.0.1.

    Parameters
    ----------
    ntriples : str or callable
        The graph, as N-Triples (or what gives it, called at :meth:`start`: the options are
        checked before the graph is built).
    port : int
        The port of the endpoint (0: any free port).
    location : path, optional
        The Oxigraph data folder to fill and serve (default: a temporary folder, removed at
        :meth:`stop`).
    timeout : float
        The server's limit on each query, in seconds.
    store : callable, optional
        Gives the folder of a sealed store of the same graph (the build cache's), or None:
        without ``location``, the server gets a copy of it instead of a new load.
    steps : callable, optional
        Called with a line saying each step as it begins (``serve``'s progress).

    Attributes
    ----------
    query_url : str
        The SPARQL query URL (``http://127.0.0.1:PORT/query``), once started.
    triples : int
        The triples loaded.
    """

    def __init__(self, ntriples, port: int = 0, location: str | Path | None = None, timeout: float = 30.0,
                 store=None, steps=None):
        if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
            raise InputError(f"port must be between 0 and 65535 (got {port!r})")
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 1 <= timeout < float("inf"):
            raise InputError(f"the server's timeout must be at least 1 second (got {timeout!r})")
        self.ntriples, self.port, self.timeout = ntriples, port, timeout
        self.store, self.steps = store, steps or (lambda line: None)
        self.location = Path(location) if location is not None else None
        self.folder: Path | None = None
        self.query_url: str | None = None
        self.triples = 0
        self.server = None
        self.front = None

    def start(self) -> LocalEndpoint:
        """Load the graph, start the server and its front; return once they answer."""
        from .front import QueryFront
        from .serve import OxigraphServer, load_location, oxigraph_binary, remove_stale_folders, serve_folder
        oxigraph_binary()          # fail before loading anything when the server is missing
        remove_stale_folders()     # what killed 'serve' processes left behind
        self.folder = self.location or serve_folder()
        try:
            data = self._fill(load_location)
            self.steps(f"starting oxigraph serve-read-only on {data}")
            self.server = OxigraphServer(data, read_only=True, union_default_graph=True,
                                         timeout=self.timeout).start()
            self.steps("starting the front that refuses SERVICE" + (f" on port {self.port}" if self.port else ""))
            self.front = QueryFront(self.server.base_url, port=self.port, timeout=self.timeout + 5).start()
        except BaseException:
            self.stop()
            raise
        self.query_url = self.front.query_url
        return self

    def _fill(self, load_location) -> Path:
        """Put the graph where the server will read it; the data folder."""
        source = None
        if self.store is not None and self.location is None:
            self.steps("opening the build cache's store (the graph is built first when the cache has none)")
            source = self.store()
        if source is not None:
            from ..rdf.disk import copy_store
            data = self.folder / "store"
            self.steps(f"copying the build cache's store {source} to {data}")
            self.triples = copy_store(source, data)
            return data
        self.steps(f"reading the graph (built first when the cache has none) and loading it into {self.folder}")
        text = self.ntriples() if callable(self.ntriples) else self.ntriples
        self.triples = load_location(text, self.folder)
        return self.folder

    def record(self):
        """What runs where (:class:`~passerelles.records.Endpoint`)."""
        from ..records import Endpoint
        return Endpoint(self.query_url, DEFAULT_GRAPH, self.triples, str(self.folder), self.server.process.pid)

    def wait(self) -> None:
        """Serve until SIGINT or SIGTERM (Ctrl-C), then stop."""
        from .serve import serve_until_signal
        try:
            serve_until_signal(self.server, self.front)
        finally:
            self.front = None
            self.stop()

    def stop(self) -> None:
        """Stop the front and the server; remove a temporary data folder."""
        if self.front is not None:
            self.front.stop()
            self.front = None
        if self.server is not None:
            self.server.stop()
        if self.location is None and self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> LocalEndpoint:
        return self.start() if self.query_url is None else self

    def __exit__(self, *exc) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<LocalEndpoint {self.query_url or '(not started)'}: {self.triples} triples>"
