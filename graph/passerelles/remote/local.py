"""A local read-only SPARQL endpoint as one object: what ``passerelles serve`` runs, and what
a notebook starts and stops (:meth:`passerelles.Passerelles.serve`).

The graph is loaded into an Oxigraph data folder (a temporary one by default, removed when
the endpoint stops), ``oxigraph serve-read-only`` runs on a private port, and a
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

    Attributes
    ----------
    query_url : str
        The SPARQL query URL (``http://127.0.0.1:PORT/query``), once started.
    triples : int
        The triples loaded.
    """

    def __init__(self, ntriples, port: int = 0, location: str | Path | None = None, timeout: float = 30.0):
        if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
            raise InputError(f"port must be between 0 and 65535 (got {port!r})")
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 1 <= timeout < float("inf"):
            raise InputError(f"the server's timeout must be at least 1 second (got {timeout!r})")
        self.ntriples, self.port, self.timeout = ntriples, port, timeout
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
            text = self.ntriples() if callable(self.ntriples) else self.ntriples
            self.triples = load_location(text, self.folder)
            self.server = OxigraphServer(self.folder, read_only=True, union_default_graph=True,
                                         timeout=self.timeout).start()
            self.front = QueryFront(self.server.base_url, port=self.port, timeout=self.timeout + 5).start()
        except BaseException:
            self.stop()
            raise
        self.query_url = self.front.query_url
        return self

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
