"""Publishing the graph to a SPARQL server: load it aside, check it, switch it in under a
lock, check it again.

1. The graph goes, in one HTTP ``PUT`` of the SPARQL 1.1 Graph Store Protocol, into a
   fresh staging graph (``urn:uuid:…``) that no other writer knows.
2. The staging graph is read back (a ``SELECT``; in parts, predicate by predicate, from a
   server that says it cut the answer at its row limit) and its digest — the SHA-256 of its canonical N-Triples
   (:func:`passerelles.rdf.serialize.digest`) — compared with the graph's: a server that
   lost or altered triples is caught before anything readers see has changed.
3. Under a lock on the target graph, a SPARQL Update ``MOVE`` switches the staging graph
   in — the target is replaced as a whole, never merged — and the target is read back and
   checked by its digest again. A target that holds other content (a writer that ignores
   the lock) is an error: the publisher exits non-zero.

Two writers cannot mix their graphs: without the lock, two concurrent replacements can
both delete the old triples and both insert theirs (Oxigraph's transactions are
"repeatable read": two ``PUT`` s were seen to leave both versions' triples). The lock is
kept in the named graph :data:`LOCKS_GRAPH` of the server itself: a publisher inserts its
claim, reads the claims on its target, and holds the lock only if its own is the only one;
otherwise it withdraws it and tries again after a random pause. Claims expire (a publisher
killed while holding one blocks others for ``lease`` seconds at most); staging graphs that
killed publishers left are dropped by the next publisher once their record expires. The
times are the publishers' clocks: keep the machines that publish to one server on time.

Connection failures of the upload are retried with exponential back-off, a bounded number
of times and within a bounded time; HTTP errors other than 502/503/504 are not retried (a
400 or a 401 will not mend by itself). Every failure ends as one
:class:`~passerelles.errors.EndpointError`.
"""

from __future__ import annotations

import http.client
import random
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Callable, Iterable, Iterator, TypeVar
from urllib.parse import quote, urlsplit

from ..errors import EndpointError, InputError
from . import DEFAULT_GRAPH, basic_auth_header, check_url

T = TypeVar("T")

N_TRIPLES = "application/n-triples"
_RETRIED_STATUSES = {502, 503, 504}

#: The named graph where publishers keep their locks and the records of their staging graphs.
LOCKS_GRAPH = "https://w3id.org/passerelles/graph/publish-locks"
_PUB = "https://w3id.org/passerelles/publish#"


@dataclass(frozen=True)
class Published:
    """What a publish did: where, how many triples here and there, how many attempts."""

    endpoint: str
    store: str
    update: str
    graph: str
    triples: int
    remote_triples: int
    sha256: str
    attempts: int
    seconds: float

    def as_dict(self) -> dict:
        return asdict(self)

    to_dict = as_dict   # the name every answer record of the front door gives it


def _layout(endpoint: str) -> str | None:
    """Which server's URL layout an endpoint has: Oxigraph's ``…/query``, Virtuoso's ``/sparql``."""
    path = urlsplit(endpoint).path.rstrip("/")
    if path.endswith("/query"):
        return "oxigraph"
    if path == "/sparql":
        return "virtuoso"
    return None


def store_url_for(endpoint: str) -> str:
    """The Graph Store Protocol URL of an endpoint, when its layout says it (Oxigraph's
    ``…/query``, Virtuoso's ``/sparql``).

    >>> store_url_for("http://127.0.0.1:7878/query"), store_url_for("http://host:8890/sparql")
    ('http://127.0.0.1:7878/store', 'http://host:8890/sparql-graph-crud')
    >>> store_url_for("http://host:3030/ds/sparql")
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: cannot guess the Graph Store URL of this endpoint: give --store URL (Fuseki: …/DATASET/data, Virtuoso: …/sparql-graph-crud, GraphDB: …/repositories/ID/rdf-graphs/service)
    """
    base = endpoint.split("?", 1)[0].rstrip("/")
    layout = _layout(endpoint)
    if layout == "oxigraph":
        return base[: -len("query")] + "store"
    if layout == "virtuoso":
        return base + "-graph-crud"
    raise InputError("cannot guess the Graph Store URL of this endpoint: give --store URL "
                     "(Fuseki: …/DATASET/data, Virtuoso: …/sparql-graph-crud, "
                     "GraphDB: …/repositories/ID/rdf-graphs/service)")


def update_url_for(endpoint: str) -> str:
    """The SPARQL Update URL of an endpoint, when its layout says it.

    >>> update_url_for("http://127.0.0.1:7878/query"), update_url_for("http://host:8890/sparql")
    ('http://127.0.0.1:7878/update', 'http://host:8890/sparql')
    """
    base = endpoint.split("?", 1)[0].rstrip("/")
    layout = _layout(endpoint)
    if layout == "oxigraph":
        return base[: -len("query")] + "update"
    if layout == "virtuoso":
        return base
    raise InputError("cannot guess the SPARQL Update URL of this endpoint: give --update URL "
                     "(Fuseki: …/DATASET/update, GraphDB: …/repositories/ID/statements)")


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


def graph_digest(endpoint: str, graph: str, timeout: float = 30.0) -> tuple[str, int]:
    """The digest (:func:`passerelles.rdf.serialize.digest`) and triple count of a named
    graph, read back through the query endpoint.

    One request when the server sends the whole graph. A server that cuts the answer at
    its row limit (Virtuoso's ``ResultSetMaxRows``, said in a header; Virtuoso also refuses
    to sort past it, so ordered pages cannot work) is read in parts: predicates in batches
    below the limit, and a predicate with too many triples split again by the MD5 of its
    triples (those whose MD5 starts with 0, with 1 … f). The parts are disjoint and cover the graph. A
    server that cut an answer without saying so would give another digest: an error, never
    a silent pass.
    """
    import pyoxigraph

    from ..rdf.serialize import canonical, digest
    from ..store import RemoteStore, TruncatedResults
    store, name = RemoteStore(endpoint, timeout), _n3(graph)
    try:
        rows = store.select_terms(f"SELECT ?s ?p ?o WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}")[1]
    except TruncatedResults as cut:
        _, counts = store.select_terms(f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }} GROUP BY ?p")
        rows = [row for batch in _batches(counts, cut.limit) for row in _read_part(
            store, f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {' '.join(map(str, batch))} }} GRAPH {name} {{ ?s ?p ?o }} %s}}", "")]
    triples = [pyoxigraph.Triple(row["s"], row["p"], row["o"]) for row in rows]
    return digest(canonical(triples)), len(triples)


def _batches(counts: list[dict], limit: int) -> list[list]:
    """Predicates in batches of fewer triples than ``limit`` together (one alone if more)."""
    batches: list[list] = []
    size = limit
    for row in sorted(counts, key=lambda r: str(r["p"])):
        n = int(row["n"].value)
        if size + n >= limit:
            batches.append([])
            size = 0
        batches[-1].append(row["p"])
        size += n
    return batches


def _read_part(store, query: str, prefix: str) -> list[dict]:
    """The rows of the part of ``query`` whose triples' MD5 starts with ``prefix``."""
    from ..store import TruncatedResults
    part = ('FILTER (STRSTARTS(MD5(CONCAT(COALESCE(STR(?s), ""), " ", COALESCE(STR(?o), ""))), '
            f'"{prefix}")) ') if prefix else ""
    try:
        return store.select_terms(query % part)[1]
    except TruncatedResults:
        if len(prefix) >= 6:  # 16 million parts: the limit is not about rows
            raise
        return [row for digit in "0123456789abcdef" for row in _read_part(store, query, prefix + digit)]


class _Updates:
    """SPARQL Update requests to one endpoint (URL-encoded POST, the protocol's form),
    retried as the upload is after a connection failure."""

    def __init__(self, url: str, timeout: float, retries: int = 3, max_seconds: float = 60.0,
                 sleep: Callable[[float], None] = time.sleep):
        self.url, self.timeout, self.retries, self.max_seconds, self.sleep = url, timeout, retries, max_seconds, sleep

    def run(self, update: str) -> None:
        attempts = 0

        def attempt() -> None:
            nonlocal attempts
            attempts += 1
            request = urllib.request.Request(
                self.url, data=urllib.parse.urlencode({"update": update}).encode("utf-8"), method="POST",
                headers={"Content-Type": "application/x-www-form-urlencoded", **basic_auth_header()})
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        try:
            with_retries(attempt, retries=self.retries, max_seconds=self.max_seconds, sleep=self.sleep)
        except (OSError, http.client.HTTPException) as exc:
            tries = f" after {attempts} attempts" if attempts > 1 else ""
            raise EndpointError(f"SPARQL update at {self.url} failed{tries}: {describe(exc)}") from None


def _n3(name: str) -> str:
    """An IRI for an update (checked: names read back from a server are pasted nowhere raw)."""
    from ..store import iri
    return iri(name).n3()


def _record(name: str, predicate: str, graph: str, expires: int) -> str:
    return (f"{_n3(name)} <{_PUB}{predicate}> {_n3(graph)} ; "
            f"<{_PUB}expires> \"{expires}\"^^<http://www.w3.org/2001/XMLSchema#integer> .")


def _insert(updates: _Updates, triples: str) -> None:
    updates.run(f"INSERT DATA {{ GRAPH <{LOCKS_GRAPH}> {{ {triples} }} }}")


def _forget(updates: _Updates, name: str) -> None:
    updates.run(f"DELETE WHERE {{ GRAPH <{LOCKS_GRAPH}> {{ {_n3(name)} ?p ?o }} }}")


def clear_expired(endpoint: str, updates: _Updates, timeout: float, now: float) -> list[str]:
    """Drop the staging graphs and withdraw the locks whose records have expired; return them."""
    from ..store import RemoteStore
    rows = RemoteStore(endpoint, timeout).select(
        f"SELECT ?r ?g WHERE {{ GRAPH <{LOCKS_GRAPH}> {{ ?r <{_PUB}expires> ?e . "
        f"OPTIONAL {{ ?r <{_PUB}stages> ?g }} }} FILTER (?e < {int(now)}) }}")
    for row in rows:
        if row["g"] is not None:
            updates.run(f"DROP SILENT GRAPH {_n3(row['r'])}")
        _forget(updates, row["r"])
    return [row["r"] for row in rows]


@contextmanager
def publish_lock(endpoint: str, updates: _Updates, graph: str, timeout: float = 30.0, lease: float = 120.0,
                 wait: float = 150.0, sleep: Callable[[float], None] = time.sleep) -> Iterator[str]:
    """Hold the publishers' lock on ``graph`` (see the module's description); yield the claim.

    Raises
    ------
    EndpointError
        Another publisher held it for ``wait`` seconds.
    """
    from ..store import RemoteStore
    me = f"urn:uuid:{uuid.uuid4()}"
    deadline = time.monotonic() + wait
    claims = f"SELECT ?c WHERE {{ GRAPH <{LOCKS_GRAPH}> {{ ?c <{_PUB}locks> {_n3(graph)} }} }}"
    while True:
        clear_expired(endpoint, updates, timeout, time.time())
        _insert(updates, _record(me, "locks", graph, int(time.time() + lease)))
        holders = {row["c"] for row in RemoteStore(endpoint, timeout).select(claims)}
        if holders == {me}:
            break
        _forget(updates, me)
        if time.monotonic() > deadline:
            raise EndpointError(f"another publisher has held the lock on <{graph}> for {wait:g} s; "
                                "try again later")
        sleep(random.uniform(0.05, 0.5))
    try:
        yield me
    finally:
        _forget(updates, me)


def publish(ntriples: str, endpoint: str, store: str | None = None, graph: str = DEFAULT_GRAPH,
            retries: int = 3, timeout: float = 30.0, max_seconds: float = 60.0,
            sleep: Callable[[float], None] = time.sleep, update: str | None = None,
            lease: float = 120.0, lock_wait: float | None = None) -> Published:
    """Replace the named graph ``graph`` with ``ntriples``: staged, checked, switched in
    under a lock, checked again (see the module's description).

    Parameters
    ----------
    ntriples : str
        The graph as N-Triples (:func:`passerelles.rdf.serialize.ntriples`).
    endpoint : str
        The SPARQL query URL (used to read back and to lock).
    store : str, optional
        The Graph Store Protocol URL; by default derived from an Oxigraph ``…/query`` or a
        Virtuoso ``/sparql`` URL.
    update : str, optional
        The SPARQL Update URL; derived the same way by default.
    graph : str
        The named graph to replace.
    retries, max_seconds : int, float
        How many more attempts after a connection failure of the upload, and within how long.
    timeout : float
        Seconds to wait for each answer of the server.
    lease, lock_wait : float
        How long a lock is held at most, and how long to wait for another publisher's
        (default: ``lease`` + 30 s).

    Returns
    -------
    Published

    Raises
    ------
    EndpointError
        The graph could not be sent; the server holds other triples than were sent; the
        target holds another's content after the switch; the lock stayed taken.
    """
    import pyoxigraph

    from ..rdf.serialize import canonical, digest
    from ..store import check_timeout, iri
    check_url(endpoint)
    store = check_url(store, "--store") if store else store_url_for(endpoint)
    update = check_url(update, "--update") if update else update_url_for(endpoint)
    iri(graph)
    timeout = check_timeout(timeout)
    try:
        local = canonical(pyoxigraph.parse(ntriples, pyoxigraph.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        raise InputError(f"not N-Triples: {str(exc).splitlines()[0][:200]}") from None
    sha256, triples = digest(local), local.count("\n")
    body = local.encode("utf-8")
    updates = _Updates(update, timeout, retries, max_seconds, sleep)
    staging = f"urn:uuid:{uuid.uuid4()}"
    started = time.monotonic()
    attempts = 0

    def attempt() -> int:
        nonlocal attempts
        attempts += 1
        return put_graph(store, staging, body, timeout)

    _insert(updates, _record(staging, "stages", graph, int(time.time() + lease)))
    try:
        try:
            with_retries(attempt, retries=retries, max_seconds=max_seconds, sleep=sleep)
        except (OSError, http.client.HTTPException) as exc:  # urllib's errors are OSErrors
            tries = f" after {attempts} attempts" if attempts > 1 else ""
            raise EndpointError(f"could not publish to {store}{tries}: {describe(exc)}") from None
        staged, count = graph_digest(endpoint, staging, timeout)
        if staged != sha256:
            raise EndpointError(f"the server holds other triples than were sent ({count} read back for {triples} "
                                f"sent, digest {staged[:12]}… for {sha256[:12]}…); <{graph}> was not touched")
        with publish_lock(endpoint, updates, graph, timeout, lease, lease + 30 if lock_wait is None else lock_wait, sleep):
            move_graph(updates, staging, graph)
            found, remote = graph_digest(endpoint, graph, timeout)
        if found != sha256:
            raise EndpointError(f"<{graph}> holds other content than this publish sent ({remote} triples, digest "
                                f"{found[:12]}… for {sha256[:12]}…): another writer changed it")
    finally:
        try:
            updates.run(f"DROP SILENT GRAPH {_n3(staging)}")
            _forget(updates, staging)
        except EndpointError:
            pass  # the record expires; the next publisher drops what is left
    return Published(endpoint, store, update, graph, triples, remote, sha256, attempts,
                     round(time.monotonic() - started, 3))


def move_graph(updates: _Updates, source: str, target: str) -> None:
    """Replace ``target`` with ``source`` and drop ``source`` (SPARQL Update MOVE)."""
    updates.run(f"MOVE GRAPH {_n3(source)} TO GRAPH {_n3(target)}")
