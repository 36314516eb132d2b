"""Where SPARQL runs: the embedded store (default) or any SPARQL 1.1 endpoint.

Both answer the same query files from ``queries/`` through one interface,
:meth:`Store.select`, which returns rows of plain Python values (IRIs and strings as
``str``, integers as ``int``), so answers compare equal whichever store gave them.

Parameters are never pasted into a query: each value becomes an RDF term (an IRI checked
by Oxigraph's parser, or an escaped literal) and goes into a ``VALUES`` block that replaces
the ``#@values`` marker of the query — the same mechanism for every store, so a query
means the same thing embedded and remote.

A user's query is read by a SPARQL parser before it runs (:func:`check_query`): one that
calls ``SERVICE`` anywhere is refused — it must not make the process fetch the network —
and an embedded store given a ``timeout`` runs it in a child process bounded in time and
memory (:mod:`passerelles.sandbox`). Remote answers are read with Oxigraph's results
parser, which takes every form servers send (JSON — with the older ``typed-literal`` —,
XML, TSV, CSV); an ASK answered as a one-row table (Virtuoso's ``__ASK_RETVAL``) is a
truth value, and an answer the server cut short is an error, never a shorter answer.
"""

from __future__ import annotations

import ast
import math
import re
import sys
from decimal import Decimal
from typing import Any, Iterable, Mapping, Sequence

import pyoxigraph

from .errors import EndpointError, InputError, QueryStopped
from .sandbox import DEFAULT_MAX_MEMORY, ChildFailed, run_bounded

_MARKER = re.compile(r"^[ \t]*#@values[ \t]*$", re.MULTILINE)
_XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_INTEGER, XSD_DECIMAL = _XSD + "integer", _XSD + "decimal"
_INTEGER_TYPES = {_XSD + name for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}

#: A parameter's value: an RDF term (rdflib's ``URIRef``/``Literal`` or Oxigraph's
#: ``NamedNode``/``Literal``), or a list of them (one VALUES row each).
ParamValue = Any | Sequence[Any]


def iri(value: str):
    """An IRI term (rdflib's ``URIRef``) from user input, checked by Oxigraph's IRI parser.

    >>> iri("https://w3id.org/passerelles/id/title/CESS").n3()
    '<https://w3id.org/passerelles/id/title/CESS>'
    >>> iri("http://x> } DROP ALL #")
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: not a valid IRI: 'http://x> } DROP ALL #'
    """
    check_iri(value)
    from rdflib import URIRef
    return URIRef(value)


def check_iri(value: str) -> str:
    """``value`` if Oxigraph's IRI parser reads it as an IRI (no rdflib needed).

    >>> check_iri("urn:x")
    'urn:x'
    >>> check_iri("not an iri")
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: not a valid IRI: 'not an iri'
    """
    try:
        pyoxigraph.NamedNode(value)
    except (ValueError, TypeError):
        raise InputError(f"not a valid IRI: {value!r}") from None
    return value


def _sparql_term(term: Any) -> str:
    """An RDF term as SPARQL writes it (escaped: never pasted raw).

    >>> _sparql_term(pyoxigraph.Literal('x" }')), _sparql_term(pyoxigraph.NamedNode("urn:x"))
    ('"x\\\\" }"', '<urn:x>')
    """
    if isinstance(term, (pyoxigraph.NamedNode, pyoxigraph.Literal)):
        return str(term)            # N-Triples form, valid SPARQL
    if _is_rdflib_term(term):
        return term.n3()
    raise InputError(f"parameter values must be RDF terms, got {type(term).__name__}")


def _is_rdflib_term(term: Any) -> bool:
    rdflib = sys.modules.get("rdflib")   # an rdflib term means rdflib is imported already
    return rdflib is not None and isinstance(term, (rdflib.URIRef, rdflib.Literal))


def bind_values(query: str, params: Mapping[str, ParamValue] | None) -> str:
    """Put the parameters into the query's ``#@values`` slot as a VALUES block.

    A parameter given a list of terms makes one row per term (the others repeated).

    >>> from rdflib import Literal
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
            cells.append(_sparql_term(term))
        rows.append("(" + " ".join(cells) + ")")
    block = f"VALUES ({' '.join('?' + n for n in names)}) {{ {' '.join(rows)} }}"
    return _MARKER.sub(lambda _: "  " + block, query, count=1)


def check_query(query: str) -> str:
    """The form of a query (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``), once a SPARQL
    1.1 parser has read it and found no ``SERVICE`` anywhere in it.

    The query is parsed (rdflib's parser) and both its syntax tree and its algebra are
    searched for SERVICE patterns, wherever they stand: in a subquery, an OPTIONAL, a
    MINUS, a FILTER EXISTS, a HAVING, a projected EXISTS. What the parser cannot read
    (SPARQL 1.2 drafts such as LATERAL included) is refused as not SPARQL 1.1.

    Raises
    ------
    InputError
        Not valid SPARQL 1.1, or a SERVICE call.

    Examples
    --------
    >>> check_query('PREFIX x: <urn:x#> ASK { ?s x:p "SERVICE" . ?s x:q <urn:SERVICE> } # SERVICE')
    'ASK'
    >>> check_query('SELECT * WHERE { ?s ?p ?o FILTER(1<2)SERVICE?ep#>\\n { ?a ?b ?c } }')
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: queries with SERVICE are refused: they would fetch remote data
    >>> check_query('SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } } }')
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: queries with SERVICE are refused: they would fetch remote data
    """
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    tree = _read(parseQuery, query)
    if _has_service(tree):
        raise InputError(_SERVICE_REFUSED)
    algebra = _read(translateQuery, tree).algebra
    if _has_service(algebra):
        raise InputError(_SERVICE_REFUSED)
    return algebra.name.replace("Query", "").upper()


def run_checked(store: "Store", query: str, params: Mapping[str, ParamValue] | None = None,
                name: str | None = None, form: str | None = None) -> list[dict[str, Any]] | bool:
    """A user's query: parameters bound, the bound query read by the parser
    (:func:`check_query`: invalid SPARQL and SERVICE refused), SELECT and ASK only; rows of a
    SELECT, the truth value of an ASK. ``name`` names the query in messages. ``form``: the
    form of a query of the project's own ``queries/`` (each passes :func:`check_query`, a
    test reads them all), which is not parsed again — its parameters are bound as escaped
    terms, which cannot add a pattern — sparing rdflib's SPARQL parser at each command.

    >>> run_checked(EmbeddedStore(pyoxigraph.Store(), timeout=5), "ASK { ?s ?p ?o }")
    False
    """
    bound = bind_values(query, params or None)
    what = f"query {name!r}" if name else "the query"
    if form is None:
        try:
            form = check_query(bound)
        except InputError as exc:
            raise InputError(f"{what}: {exc}") from None
    if form not in ("SELECT", "ASK"):
        raise InputError(f"only SELECT and ASK queries run here; {what} is {form}")
    return store.ask(bound) if form == "ASK" else store.select(bound)


def _read(step, text):
    """One step of rdflib's reading of a query; its failures as one line."""
    try:
        return step(text)
    except RecursionError:
        raise InputError("not valid SPARQL 1.1: nested too deeply") from None
    except Exception as exc:  # rdflib raises bare Exceptions too ("Unknown namespace prefix")
        raise InputError(f"not valid SPARQL 1.1: {_first_line(exc)}") from None


_SERVICE_REFUSED = "queries with SERVICE are refused: they would fetch remote data"


def _has_service(node: Any) -> bool:
    """Whether a SERVICE pattern stands anywhere in a parse tree or an algebra."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue
    stack, seen = [node], set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            if item.name == "ServiceGraphPattern":
                return True
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, ParseResults)):
            stack.extend(item)
    return False


def refuse_service(query: str) -> None:
    """Refuse a query that is not valid SPARQL 1.1 or would call other endpoints
    (:func:`check_query`)."""
    check_query(query)


def _first_line(exc: BaseException | str) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:200]


def check_timeout(seconds: float, option: str = "--timeout") -> float:
    """A timeout in seconds: a finite number above 0, fractions kept.

    >>> check_timeout(0.5)
    0.5
    >>> check_timeout(0)
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: --timeout must be a number of seconds above 0, not 0
    """
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not (0 < seconds < math.inf):
        raise InputError(f"{option} must be a number of seconds above 0, not {seconds!r}")
    return float(seconds)


def value(term: Any) -> Any:
    """A result term (rdflib's or Oxigraph's) as a plain value, the same whichever store
    gave it: IRIs and strings as ``str``, integers (and whole decimals) as ``int``.

    >>> from rdflib import Literal, URIRef
    >>> ox = pyoxigraph
    >>> value(Literal("602", datatype=XSD_INTEGER)), value(ox.Literal("602", datatype=ox.NamedNode(XSD_INTEGER)))
    (602, 602)
    >>> value(ox.Literal("16.0", datatype=ox.NamedNode(XSD_DECIMAL))), value(URIRef("urn:x"))
    (16, 'urn:x')
    """
    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        return _literal(term.value, term.datatype.value)
    if isinstance(term, (pyoxigraph.NamedNode, pyoxigraph.BlankNode)):
        return term.value
    rdflib = sys.modules.get("rdflib")
    if rdflib is not None and isinstance(term, rdflib.Literal):
        return _literal(str(term), str(term.datatype) if term.datatype is not None else None)
    return str(term)


to_python = value  # its former name


def _literal(lexical: str, datatype: str | None) -> Any:
    if datatype in _INTEGER_TYPES:
        try:
            return int(lexical)
        except ValueError:
            return lexical
    if datatype == XSD_DECIMAL:
        try:
            number = Decimal(lexical)
        except ArithmeticError:
            return lexical
        return int(number) if number.is_finite() and number == number.to_integral_value() else lexical
    return lexical


class Store:
    """The interface both stores offer."""

    def select(self, query: str, params: Mapping[str, ParamValue] | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError

    def ask(self, query: str, params: Mapping[str, ParamValue] | None = None) -> bool:
        raise NotImplementedError


class EmbeddedStore(Store):
    """SPARQL in this process, on Oxigraph directly (a ``pyoxigraph.Store``: bindings and
    results stay Oxigraph terms until :func:`value` makes them plain values), or on an rdflib
    graph (rdflib's own engine for its memory store; an Oxigraph-backed one is unwrapped).

    Parameters
    ----------
    graph : pyoxigraph.Store or rdflib.Graph
        A store made by :mod:`passerelles.rdf.disk` holds the graph in a named graph, which
        its queries read as their default graph (never its stamp).
    timeout : float, optional
        Run each query in a child process stopped after ``timeout`` seconds
        (:func:`passerelles.sandbox.run_bounded`; :class:`~passerelles.errors.QueryStopped`).
        None: in this process, unbounded — for the queries Passerelles writes itself.
    max_memory : int
        With a timeout, the memory (bytes) a query may use beyond what the process holds.
    recover : callable, optional
        Given the error of a query that found the store damaged (a block whose checksum
        fails), returns a sound store to run it on again (the build cache rebuilds its entry).

    With a timeout (a user's query), one that fails while running (an unknown function …)
    is an :class:`~passerelles.errors.InputError`, as a syntax error is.

    >>> import pyoxigraph
    >>> store = EmbeddedStore(pyoxigraph.Store(), timeout=5)
    >>> store.ask("ASK { ?s ?p ?o }"), store.select("SELECT (1 + 1 AS ?two) WHERE {}")
    (False, [{'two': 2}])
    >>> store.select("SELECT (<urn:no-such-function>(1) AS ?x) WHERE {}")
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: the query failed: Unknown function <urn:no-such-function>
    """

    def __init__(self, graph, timeout: float | None = None, max_memory: int = DEFAULT_MAX_MEMORY,
                 recover=None):
        self.timeout = None if timeout is None else check_timeout(timeout)
        self.max_memory = max_memory
        self.recover = recover
        self._rdflib = None           # an rdflib graph queried by rdflib's engine
        self._graph = None            # the rdflib view, made when asked for (:attr:`graph`)
        if isinstance(graph, pyoxigraph.Store):
            self.oxigraph, self._options = graph, _store_options()
        else:
            inner = _oxigraph_of(graph)
            if inner is None:
                self.oxigraph, self._options, self._rdflib = None, {}, graph
            else:
                self.oxigraph, self._options = inner, {"default_graph": _graph_name(graph.identifier)}
            self._graph = graph

    @property
    def graph(self):
        """The graph as an rdflib ``Graph`` (its API for users; Oxigraph underneath). Read-only
        when the store comes from the build cache."""
        if self._graph is None:
            from oxrdflib import OxigraphStore
            from rdflib import Graph, URIRef
            from .rdf.disk import GRAPH
            self._graph = Graph(store=OxigraphStore(store=self.oxigraph), identifier=URIRef(GRAPH))
        return self._graph

    def bounded(self, timeout: float, max_memory: int = DEFAULT_MAX_MEMORY) -> "EmbeddedStore":
        """The same store, each query run in a child process bounded in time and memory."""
        out = EmbeddedStore(self.oxigraph if self._rdflib is None else self._rdflib, timeout, max_memory, self.recover)
        out._options, out._graph = self._options, self._graph
        return out

    def _rows(self, query: str) -> list[dict[str, Any]]:
        if self._rdflib is not None:
            result = self._rdflib.query(query)
            names = [str(v) for v in result.vars]
            return [{n: value(row[n]) for n in names} for row in result]
        solutions = self.oxigraph.query(query, **self._options)
        if not isinstance(solutions, pyoxigraph.QuerySolutions):
            raise InputError("only SELECT queries return rows")
        names = [v.value for v in solutions.variables]
        return [{n: value(t) for n, t in zip(names, solution)} for solution in solutions]

    def _answer(self, query: str) -> bool:
        if self._rdflib is not None:
            return bool(self._rdflib.query(query).askAnswer)
        answer = self.oxigraph.query(query, **self._options)
        if not isinstance(answer, pyoxigraph.QueryBoolean):
            raise InputError("only ASK queries return a truth value")
        return bool(answer)

    def _run(self, work, query: str):
        try:
            return self._attempt(work, query)
        except _Damaged as damaged:
            self.oxigraph = self.recover(damaged.problem)       # rebuilt: said on stderr
            self._graph = None
            return self._attempt(work, query)

    def _attempt(self, work, query: str):
        if self.timeout is None:  # Passerelles' own queries: a failure is a bug, shown as one
            try:
                return work(query)
            except RuntimeError as exc:
                if self.recover is not None and _is_damage(str(exc)):
                    raise _Damaged(exc) from None
                raise
        try:
            return run_bounded(lambda: work(query), self.timeout, self.max_memory)
        except ChildFailed as failed:
            if self.recover is not None and failed.kind == "RuntimeError" and _is_damage(str(failed)):
                raise _Damaged(failed) from None
            raise _engine_error(failed.kind, str(failed)) from None

    def select(self, query, params=None):
        return self._run(self._rows, bind_values(query, params))

    def ask(self, query, params=None):
        return self._run(self._answer, bind_values(query, params))


class _Damaged(Exception):
    def __init__(self, problem: BaseException):
        super().__init__(str(problem))
        self.problem = problem


def _is_damage(message: str) -> bool:
    """RocksDB's words for a store it finds damaged while reading it."""
    return message.startswith("Corruption") or "checksum mismatch" in message


def _store_options() -> dict:
    from .rdf.disk import query_options
    return query_options()


def _oxigraph_of(graph):
    """The Oxigraph store under an oxrdflib-backed rdflib graph, else None."""
    inner = getattr(getattr(graph, "store", None), "_inner", None)
    return inner if isinstance(inner, pyoxigraph.Store) else None


def _graph_name(identifier):
    """An rdflib graph identifier as an Oxigraph graph name.

    >>> from rdflib import BNode, URIRef
    >>> _graph_name(URIRef("urn:g")), type(_graph_name(BNode("b"))).__name__
    (<NamedNode value=urn:g>, 'BlankNode')
    """
    from rdflib import BNode
    if str(identifier) == "urn:x-rdflib:default":
        return pyoxigraph.DefaultGraph()
    return pyoxigraph.BlankNode(str(identifier)) if isinstance(identifier, BNode) else pyoxigraph.NamedNode(str(identifier))


def _engine_error(kind: str, message: str) -> InputError:
    """An embedded engine's exception as one line for the user."""
    if kind in ("SyntaxError", "ParseException", "ParseSyntaxException", "ParseBaseException"):
        return InputError(f"not valid SPARQL: {_first_line(message)}")
    message = re.sub(r"^The custom function (\S+) is not supported$", r"Unknown function \1", _first_line(message))
    return InputError(f"the query failed: {message}")


class TruncatedResults(EndpointError):
    """An endpoint cut its answer at its row limit (Virtuoso's ``ResultSetMaxRows``)."""

    def __init__(self, message: str, limit: int):
        super().__init__(message)
        self.limit = limit


class RemoteStore(Store):
    """SPARQL 1.1 Protocol endpoint through SPARQLWrapper; answers read by Oxigraph's
    SPARQL results parser.

    Credentials come from the environment (``PASSERELLES_ENDPOINT_USER`` and
    ``PASSERELLES_ENDPOINT_PASSWORD``), never from the command line, and are never logged.

    Parameters
    ----------
    endpoint : str
        The query URL (e.g. ``http://127.0.0.1:7878/query``).
    timeout : float
        Seconds to wait for each answer (fractions kept); past it,
        :class:`~passerelles.errors.QueryStopped`. The server may go on computing: set its
        own limit too (Oxigraph ``--timeout-s``, Virtuoso ``MaxQueryExecutionTime``).
    graph : str, optional
        A named graph sent as ``default-graph-uri``: the query then reads that graph as its
        default graph. None: the endpoint's own default graph.

    >>> RemoteStore("http://127.0.0.1:7878/query", graph="https://w3id.org/passerelles/graph/circulaire-7282").graph
    'https://w3id.org/passerelles/graph/circulaire-7282'
    """

    def __init__(self, endpoint: str, timeout: float = 30.0, graph: str | None = None):
        self.endpoint = endpoint
        self.timeout = check_timeout(timeout)
        self.graph = graph

    def _wrapper(self, query: str, form: str):
        import warnings

        from SPARQLWrapper import POST, XML, SPARQLWrapper

        from .remote import credentials
        sw = SPARQLWrapper(self.endpoint)
        with warnings.catch_warnings():  # its own query-type guess warns on some queries
            warnings.simplefilter("ignore")
            sw.setQuery(query)
        # Its query-type detection is by regex and trips on comments: say it (SPARQLWrapper 2
        # has no setter; setQuery stores its guess in this attribute).
        sw.queryType = form
        sw.setMethod(POST)
        sw.setReturnFormat(XML)  # the standard format every server writes fully (Virtuoso writes it 6 times faster than JSON)
        sw.timeout = self.timeout  # not setTimeout(): it rounds 0.5 down to 0, "no timeout"
        if self.graph:
            # A server queries its own default graph unless told otherwise; ours is a named graph.
            sw.addDefaultGraph(self.graph)
        found = credentials()
        if found is not None:
            sw.setCredentials(*found)
        return sw

    def _results(self, query: str, form: str):
        """The parsed answer (Oxigraph's QuerySolutions or QueryBoolean) of one request."""
        import socket
        import urllib.error
        from http.client import HTTPException

        from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException
        try:
            response = self._wrapper(query, form).query().response
            headers, body = response.info(), response.read()
        except QueryBadFormed as exc:  # HTTP 400: the query is at fault, as a local syntax error
            raise InputError(f"SPARQL endpoint {self.endpoint} refused the query: {_describe(exc)}") from None
        except (TimeoutError, socket.timeout) as exc:
            raise self._stopped() from exc
        except urllib.error.URLError as exc:
            if isinstance(getattr(exc, "reason", None), (TimeoutError, socket.timeout)):
                raise self._stopped() from None
            raise EndpointError(f"SPARQL endpoint {self.endpoint} failed: {_describe(exc)}") from None
        # Network, HTTP and protocol failures are endpoint failures; anything else is a bug
        # and must not be disguised as one.
        except (SPARQLWrapperException, OSError, HTTPException) as exc:
            raise EndpointError(f"SPARQL endpoint {self.endpoint} failed: {_describe(exc)}") from None
        if headers.get("X-SQL-State"):  # Virtuoso's "anytime" answer: partial, said in headers
            raise EndpointError(f"SPARQL endpoint {self.endpoint} returned incomplete results: "
                                f"{_first_line(headers.get('X-SQL-Message') or headers.get('X-SQL-State'))}")
        kind = headers.get_content_type()
        fmt = (pyoxigraph.QueryResultsFormat.XML if "xml" in kind else
               pyoxigraph.QueryResultsFormat.TSV if "tab-separated" in kind else
               pyoxigraph.QueryResultsFormat.CSV if "csv" in kind else pyoxigraph.QueryResultsFormat.JSON)
        try:
            parsed = pyoxigraph.parse_query_results(body, fmt)
            if isinstance(parsed, pyoxigraph.QuerySolutions):
                variables = [v.value for v in parsed.variables]
                rows = [{name: _canonical(solution[name]) for name in variables} for solution in parsed]
                limit = headers.get("X-SPARQL-MaxRows")
                if limit and limit.isdigit() and len(rows) >= int(limit):
                    raise TruncatedResults(f"SPARQL endpoint {self.endpoint} cut its answer at {limit} rows "
                                           "(its row limit, e.g. Virtuoso's ResultSetMaxRows): raise it", int(limit))
                return variables, rows
            return bool(parsed)
        except (SyntaxError, ValueError, OSError) as exc:
            raise EndpointError(f"SPARQL endpoint {self.endpoint} answered what is not SPARQL results "
                                f"({kind}): {_first_line(exc)}") from None

    def _stopped(self) -> QueryStopped:
        return QueryStopped(f"SPARQL endpoint {self.endpoint} did not answer within {self.timeout:g} s (--timeout)")

    def select_terms(self, query: str, params=None) -> tuple[list[str], list[dict[str, Any]]]:
        """The variables and the rows of a SELECT, as Oxigraph terms (None: unbound)."""
        answer = self._results(bind_values(query, params), "SELECT")
        if isinstance(answer, bool):
            raise EndpointError(f"SPARQL endpoint {self.endpoint} answered a SELECT with a truth value")
        return answer

    def select(self, query, params=None):
        _, rows = self.select_terms(query, params)
        return [{name: value(term) for name, term in row.items()} for row in rows]

    def ask(self, query, params=None):
        answer = self._results(bind_values(query, params), "ASK")
        if isinstance(answer, bool):
            return answer
        variables, rows = answer
        if variables == ["__ASK_RETVAL"] and len(rows) <= 1:  # Virtuoso: a one-row table, 1 or 0
            return bool(rows) and value(rows[0]["__ASK_RETVAL"]) in (1, "1", "true")
        raise EndpointError(f"SPARQL endpoint {self.endpoint} answered an ASK with a table")


_BOOLEAN = pyoxigraph.NamedNode(_XSD + "boolean")


def _canonical(term: Any) -> Any:
    """A term of a server's answer in the canonical form the graph uses: Virtuoso stores
    booleans as numbers and answers ``"1"^^xsd:boolean`` for ``true``.

    >>> _canonical(pyoxigraph.Literal("1", datatype=_BOOLEAN)).value
    'true'
    """
    if isinstance(term, pyoxigraph.Literal) and term.datatype == _BOOLEAN and term.value in ("0", "1"):
        return pyoxigraph.Literal("true" if term.value == "1" else "false", datatype=_BOOLEAN)
    return term


def _describe(exc: BaseException) -> str:
    """One short line for a failed request: the HTTP status and the server's first words."""
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
    codes = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404, "URITooLong": 414,
             "EndPointInternalError": 500}
    if isinstance(exc, SPARQLWrapperException):
        # SPARQLWrapper keeps the server's answer only in its message, as the repr of the bytes
        _, _, shown = str(exc).partition("Response:\n")
        try:
            body = ast.literal_eval(shown) if shown else b""
        except (ValueError, SyntaxError):
            body = shown
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        status = codes.get(type(exc).__name__)
        return (f"HTTP {status}" if status else type(exc).__name__) + (f": {lines[0][:200]}" if lines else "")
    import urllib.error
    if isinstance(exc, urllib.error.HTTPError):
        try:
            lines = [line.strip() for line in exc.read(400).decode("utf-8", "replace").splitlines() if line.strip()]
        except Exception:  # the body is a courtesy; its absence must not hide the status
            lines = []
        return f"HTTP {exc.code} {exc.reason}" + (f": {lines[0][:200]}" if lines else "")
    reason = getattr(exc, "reason", None)
    return _first_line(reason if reason is not None else exc)


def rows_by(rows: Iterable[dict], key: str) -> dict[Any, list[dict]]:
    """Group result rows by one column (keeps order)."""
    out: dict[Any, list[dict]] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out
