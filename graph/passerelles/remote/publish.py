"""Publishing the graph to a SPARQL server with the SPARQL 1.1 Graph Store HTTP Protocol.

The whole graph goes in one HTTP ``PUT …/store?graph=IRI`` (N-Triples), which replaces
the named graph as a whole. A server that applies a PUT in one transaction — Oxigraph
does, ``tests/test_remote.py`` kills it in the middle of one — keeps the previous version
whole when a publish dies halfway: there is no "delete, then insert" window. The triples
of the named graph are then counted through the query endpoint and compared with the
local count.

Connection failures are retried with exponential back-off, a bounded number of times and
within a bounded time; HTTP errors other than 502/503/504 are not retried (a 400 or a 401
will not mend by itself). Every failure ends as one :class:`~passerelles.errors.EndpointError`.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from typing import Callable, Iterable, TypeVar
from urllib.parse import quote

from ..errors import EndpointError, InputError
from . import DEFAULT_GRAPH, basic_auth_header, check_url

T = TypeVar("T")

N_TRIPLES = "application/n-triples"
_RETRIED_STATUSES = {502, 503, 504}


@dataclass(frozen=True)
class Published:
    """What a publish did: where, how many triples here and there, how many attempts."""

    endpoint: str
    store: str
    graph: str
    triples: int
    remote_triples: int
    attempts: int
    seconds: float

    def as_dict(self) -> dict:
        return asdict(self)


def store_url_for(endpoint: str) -> str:
    """The Graph Store Protocol URL of an endpoint, when its layout says it (Oxigraph).

    >>> store_url_for("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/store'
    >>> store_url_for("http://host:3030/ds/sparql")
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: cannot guess the Graph Store URL of this endpoint: give --store URL (Fuseki: …/DATASET/data, Virtuoso: …/sparql-graph-crud, GraphDB: …/repositories/ID/rdf-graphs/service)
    """
    base = endpoint.split("?", 1)[0].rstrip("/")
    if base.endswith("/query"):
        return base[: -len("query")] + "store"
    raise InputError("cannot guess the Graph Store URL of this endpoint: give --store URL "
                     "(Fuseki: …/DATASET/data, Virtuoso: …/sparql-graph-crud, "
                     "GraphDB: …/repositories/ID/rdf-graphs/service)")


def graph_url(store: str, graph: str) -> str:
    """The Graph Store Protocol URL of one named graph (indirect identification).

    >>> graph_url("http://127.0.0.1:7878/store", "https://w3id.org/passerelles/graph/x")
    'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fpasserelles%2Fgraph%2Fx'
    """
    return f"{store}{'&' if '?' in store else '?'}graph={quote(graph, safe='')}"


def count_query(graph: str) -> str:
    """The query that counts the triples of a named graph.

    >>> count_query("https://w3id.org/passerelles/graph/x")
    'SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/passerelles/graph/x> { ?s ?p ?o } }'
    """
    from ..store import iri
    return f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {iri(graph).n3()} {{ ?s ?p ?o }} }}"


def put_graph(store: str, graph: str, body: bytes | Iterable[bytes], timeout: float = 30.0) -> int:
    """Replace the named graph ``graph`` with the N-Triples ``body`` (one HTTP PUT).

    ``body`` may be an iterable of byte chunks (sent with chunked transfer encoding).
    Returns the HTTP status; raises what urllib raises.
    """
    request = urllib.request.Request(graph_url(store, graph), data=body, method="PUT",
                                     headers={"Content-Type": N_TRIPLES, **basic_auth_header()})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status


def is_transient(exc: BaseException) -> bool:
    """A failure worth trying again: no connection, a dropped one, a busy gateway.

    >>> is_transient(ConnectionRefusedError())
    True
    >>> is_transient(urllib.error.HTTPError("http://x", 401, "Unauthorized", None, None))
    False
    """
    if isinstance(exc, urllib.error.HTTPError):
        return exc.code in _RETRIED_STATUSES
    return isinstance(exc, (urllib.error.URLError, ConnectionError, TimeoutError, http.client.HTTPException))


def describe(exc: BaseException) -> str:
    """One short line for an HTTP or network failure (never the request headers).

    >>> describe(urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")))
    '[Errno 111] Connection refused'
    """
    if isinstance(exc, urllib.error.HTTPError):
        try:
            detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
        except Exception:  # the body is a courtesy; its absence must not hide the status
            detail = []
        return f"HTTP {exc.code} {exc.reason}" + (f": {detail[0][:200]}" if detail else "")
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)[:200]
    return (str(exc).strip() or type(exc).__name__)[:200]


def with_retries(action: Callable[[], T], retries: int = 3, backoff: float = 0.5,
                 max_seconds: float = 60.0, sleep: Callable[[float], None] = time.sleep) -> T:
    """Run ``action``; on a transient failure wait 0.5 s, 1 s, 2 s … and try again.

    At most ``retries`` more attempts, and none that would start after ``max_seconds``.
    Returns the result; re-raises the last failure.

    >>> calls = []
    >>> def flaky():
    ...     calls.append(1)
    ...     if len(calls) < 3:
    ...         raise ConnectionRefusedError()
    ...     return "ok"
    >>> with_retries(flaky, retries=3, sleep=lambda s: None), len(calls)
    ('ok', 3)
    """
    deadline = time.monotonic() + max_seconds
    attempt = 0
    while True:
        attempt += 1
        try:
            return action()
        except Exception as exc:
            delay = backoff * 2 ** (attempt - 1)
            if not is_transient(exc) or attempt > retries or time.monotonic() + delay > deadline:
                raise
            sleep(delay)


def count_triples(endpoint: str, graph: str, timeout: float = 30.0) -> int:
    """The number of triples of a named graph, counted by the query endpoint."""
    from ..store import RemoteStore
    rows = RemoteStore(endpoint, timeout).select(count_query(graph))
    return int(rows[0]["n"]) if rows else 0


def publish(ntriples: str, endpoint: str, store: str | None = None, graph: str = DEFAULT_GRAPH,
            retries: int = 3, timeout: float = 30.0, max_seconds: float = 60.0,
            sleep: Callable[[float], None] = time.sleep) -> Published:
    """Replace the named graph ``graph`` with ``ntriples``, then check the count remotely.

    Parameters
    ----------
    ntriples : str
        The graph as canonical N-Triples (:func:`passerelles.rdf.serialize.ntriples`).
    endpoint : str
        The SPARQL query URL (used to verify).
    store : str, optional
        The Graph Store Protocol URL; by default derived from an Oxigraph ``…/query`` URL.
    graph : str
        The named graph to replace.
    retries, max_seconds : int, float
        How many more attempts after a connection failure, and within how long.
    timeout : float
        Socket timeout of each request.

    Returns
    -------
    Published

    Raises
    ------
    EndpointError
        The graph could not be sent, or the endpoint counts another number of triples.
    """
    from ..store import iri
    check_url(endpoint)
    store = check_url(store, "--store") if store else store_url_for(endpoint)
    iri(graph)
    body = ntriples.encode("utf-8")
    local = sum(1 for line in ntriples.splitlines() if line.strip())
    started = time.monotonic()
    attempts = 0

    def attempt() -> int:
        nonlocal attempts
        attempts += 1
        return put_graph(store, graph, body, timeout)

    try:
        with_retries(attempt, retries=retries, max_seconds=max_seconds, sleep=sleep)
    except (OSError, http.client.HTTPException) as exc:  # urllib's errors are OSErrors
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        raise EndpointError(f"could not publish to {store}{tries}: {describe(exc)}") from None
    remote = count_triples(endpoint, graph, timeout)
    if remote != local:
        raise EndpointError(f"published {local} triples to <{graph}> but {endpoint} counts {remote}")
    return Published(endpoint, store, graph, local, remote, attempts, round(time.monotonic() - started, 3))
