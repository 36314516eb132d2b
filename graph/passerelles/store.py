"""Where SPARQL runs: the embedded store (default) or any SPARQL 1.1 endpoint.

Both answer the same query files from ``queries/`` through one interface,
:meth:`Store.select`, which returns rows of plain Python values (IRIs and strings as
``str``, integers as ``int``), so answers compare equal whichever store gave them.

Parameters are never pasted into a query: each value becomes an RDF term (an IRI checked
by Oxigraph's parser, or an escaped literal) and goes into a ``VALUES`` block that replaces
the ``#@values`` marker of the query — the same mechanism for every store, so a query
means the same thing embedded and remote. Queries that call ``SERVICE`` are refused: a
user's query must not make the process fetch the network.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping, Sequence

import pyoxigraph
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from .errors import EndpointError, InputError

_MARKER = re.compile(r"^[ \t]*#@values[ \t]*$", re.MULTILINE)
_INTEGER_TYPES = {"http://www.w3.org/2001/XMLSchema#integer", "http://www.w3.org/2001/XMLSchema#int",
                  "http://www.w3.org/2001/XMLSchema#long", "http://www.w3.org/2001/XMLSchema#decimal"}

ParamValue = Node | Sequence[Node]


def iri(value: str) -> URIRef:
    """An IRI term from user input, checked by Oxigraph's IRI parser.

    >>> iri("https://w3id.org/passerelles/id/title/CESS").n3()
    '<https://w3id.org/passerelles/id/title/CESS>'
    >>> iri("http://x> } DROP ALL #")
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: not a valid IRI: 'http://x> } DROP ALL #'
    """
    try:
        pyoxigraph.NamedNode(value)
    except ValueError:
        raise InputError(f"not a valid IRI: {value!r}") from None
    return URIRef(value)


def bind_values(query: str, params: Mapping[str, ParamValue] | None) -> str:
    """Put the parameters into the query's ``#@values`` slot as a VALUES block.

    A parameter given a list of terms makes one row per term (the others repeated).

    >>> q = "SELECT * WHERE {\\n  #@values\\n  ?s ?p ?o }"
    >>> print(bind_values(q, {"o": Literal('x" } ; DROP')}))
    SELECT * WHERE {
      VALUES (?o) { ("x\\" } ; DROP") }
      ?s ?p ?o }
    """
    if not params:
        return _MARKER.sub("", query)
    if not _MARKER.search(query):
        raise InputError("this query takes no parameters (it has no #@values slot)")
    names = sorted(params)
    columns = [params[n] if isinstance(params[n], (list, tuple)) else [params[n]] for n in names]
    for n in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n):
            raise InputError(f"not a valid parameter name: {n!r}")
    rows = []
    width = max(len(c) for c in columns)
    for i in range(width):
        cells = []
        for col in columns:
            term = col[i] if i < len(col) else col[-1]
            if not isinstance(term, (URIRef, Literal)):
                raise InputError(f"parameter values must be RDF terms, got {type(term).__name__}")
            cells.append(term.n3())
        rows.append("(" + " ".join(cells) + ")")
    block = f"VALUES ({' '.join('?' + n for n in names)}) {{ {' '.join(rows)} }}"
    return _MARKER.sub(lambda _: "  " + block, query, count=1)


_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'       # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'                # strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'                 # IRIs (may hold '#')
    r"|#[^\n]*"                            # comments
    r"|[A-Za-z_][A-Za-z0-9_]*"             # words
    r"|.", re.S)


def refuse_service(query: str) -> None:
    """Refuse queries that would make the process call other endpoints.

    The query is read token by token, so that ``SERVICE`` is found as a keyword only —
    not inside an IRI, a string or a comment, and not missed after a ``#`` in an IRI.

    >>> refuse_service('SELECT * WHERE { BIND(<urn:a#b> AS ?z) SERVICE <http://x/> { ?s ?p ?o } }')
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: queries with SERVICE are refused: they would fetch remote data
    >>> refuse_service('SELECT * WHERE { ?s ?p "service" . ?s ?p <urn:SERVICE> } # SERVICE')
    """
    for token in _TOKEN.findall(query):
        if token.upper() == "SERVICE":
            raise InputError("queries with SERVICE are refused: they would fetch remote data")


def to_python(term: Any) -> Any:
    """A result term as a plain value (the same whichever store gave it)."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, Literal):
        if term.datatype is not None and str(term.datatype) in _INTEGER_TYPES:
            try:
                return int(term)
            except ValueError:
                return str(term)
        return str(term)
    return str(term)


class Store:
    """The interface both stores offer."""

    def select(self, query: str, params: Mapping[str, ParamValue] | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError

    def ask(self, query: str, params: Mapping[str, ParamValue] | None = None) -> bool:
        raise NotImplementedError


class EmbeddedStore(Store):
    """SPARQL on an in-process rdflib graph (by default Oxigraph-backed through oxrdflib)."""

    def __init__(self, graph: Graph):
        self.graph = graph

    def select(self, query, params=None):
        result = self.graph.query(bind_values(query, params))
        names = [str(v) for v in result.vars]
        return [{n: to_python(row[n]) for n in names} for row in result]

    def ask(self, query, params=None):
        return bool(self.graph.query(bind_values(query, params)).askAnswer)


class RemoteStore(Store):
    """SPARQL 1.1 Protocol endpoint through SPARQLWrapper.

    Credentials come from the environment (``PASSERELLES_ENDPOINT_USER`` and
    ``PASSERELLES_ENDPOINT_PASSWORD``), never from the command line, and are never logged.

    Parameters
    ----------
    endpoint : str
        The query URL (e.g. ``http://127.0.0.1:7878/query``).
    timeout : float
        Socket timeout of each request, in seconds.
    graph : str, optional
        A named graph sent as ``default-graph-uri``: the query then reads that graph as its
        default graph. None: the endpoint's own default graph.

    >>> RemoteStore("http://127.0.0.1:7878/query", graph="https://w3id.org/passerelles/graph/circulaire-7282").graph
    'https://w3id.org/passerelles/graph/circulaire-7282'
    """

    def __init__(self, endpoint: str, timeout: float = 30.0, graph: str | None = None):
        self.endpoint = endpoint
        self.timeout = timeout
        self.graph = graph

    def _wrapper(self, query: str):
        import warnings

        from SPARQLWrapper import JSON, POST, SPARQLWrapper

        from .remote import credentials
        sw = SPARQLWrapper(self.endpoint)
        with warnings.catch_warnings():  # its own query-type guess warns on some queries
            warnings.simplefilter("ignore")
            sw.setQuery(query)
        # Query-type detection is by regex and trips on comments: say it explicitly
        # (SPARQLWrapper 2 has no setter; setQuery stores its guess in this attribute).
        sw.queryType = "ASK" if re.search(r"^\s*ASK\b", _strip_prologue(query), re.I | re.M) else "SELECT"
        sw.setMethod(POST)
        sw.setReturnFormat(JSON)
        sw.setTimeout(int(self.timeout))
        if self.graph:
            # A server queries its own default graph unless told otherwise; ours is a named graph.
            sw.addDefaultGraph(self.graph)
        found = credentials()
        if found is not None:
            sw.setCredentials(*found)
        return sw

    def _run(self, query: str) -> dict:
        from http.client import HTTPException

        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
        try:
            return self._wrapper(query).queryAndConvert()
        # Network, HTTP and protocol failures (and undecodable answers) are endpoint failures;
        # anything else is a bug and must not be disguised as one.
        except (SPARQLWrapperException, OSError, HTTPException, ValueError) as exc:
            raise EndpointError(f"SPARQL endpoint {self.endpoint} failed: {_describe(exc)}") from None

    def select(self, query, params=None):
        data = self._run(bind_values(query, params))
        names = data.get("head", {}).get("vars", [])
        return [{n: _json_value(b.get(n)) for n in names} for b in data.get("results", {}).get("bindings", [])]

    def ask(self, query, params=None):
        return bool(self._run(bind_values(query, params)).get("boolean"))


def _strip_prologue(query: str) -> str:
    return re.sub(r"(?im)^\s*(#.*|PREFIX\s+\S*\s*<[^>]*>|BASE\s+<[^>]*>)\s*$", "", query)


def _json_value(cell: dict | None) -> Any:
    if cell is None:
        return None
    if cell.get("type") == "literal" and cell.get("datatype") in _INTEGER_TYPES:
        try:
            return int(cell["value"])
        except ValueError:
            return cell["value"]
    return cell["value"]


def _describe(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    reason = getattr(exc, "reason", None)
    if reason is not None:
        text = f"{reason}"
    return text[:200]


def rows_by(rows: Iterable[dict], key: str) -> dict[Any, list[dict]]:
    """Group result rows by one column (keeps order)."""
    out: dict[Any, list[dict]] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out
