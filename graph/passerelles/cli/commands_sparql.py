"""Commands for SPARQL users: ``sparql`` runs a query file, ``queries`` lists them.

Parameters given on the command line become RDF terms, never text pasted into the query:
they fill the query's ``#@values`` slot through :func:`passerelles.store.bind_values`.
"""

from __future__ import annotations

import csv
import re
import sys
from typing import List, Optional

import typer
from rdflib import Literal, URIRef
from rich.table import Table

from ..api import Passerelles
from ..errors import InputError, NoAnswer
from ..namespaces import XSD
from ..queries import QueryFile, list_queries, load_query
from ..remote import DEFAULT_GRAPH
from ..sandbox import DEFAULT_MAX_MEMORY
from ..store import EmbeddedStore, Store, iri, run_checked
from .main import app
from .options import ENDPOINT, GRAPH, JSON, TIMEOUT
from .output import console, print_json, progress
from .state import STATE

# Shortcuts of ``value^^TYPE``, each with the lexical forms it accepts (checked here so that
# an ill-typed literal is refused instead of silently matching nothing).
_TYPES = {
    "string": (XSD.string, r"(?s).*"),
    "integer": (XSD.integer, r"[+-]?[0-9]+"),
    "decimal": (XSD.decimal, r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"),
    "boolean": (XSD.boolean, r"true|false|1|0"),
    "date": (XSD.date, r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(?:Z|[+-][0-9]{2}:[0-9]{2})?"),
}
_IRI_PREFIXES = ("http://", "https://", "urn:")
_LANGUAGE = re.compile(r"(?s)(.*)@([a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*)")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

PARAM_HELP = (
    "A parameter KEY=VALUE (repeat the option for several; the same KEY twice gives one row "
    "per value). VALUE is an IRI when it starts with http://, https:// or urn: (checked), "
    "otherwise a plain literal; 'text@fr' is a literal with a language tag; "
    "'VALUE^^TYPE' a typed literal, TYPE one of " + ", ".join(_TYPES) + " (e.g. n=6^^integer, "
    "d=2019-09-01^^date; 'http://x^^string' keeps a URL as text)."
)


def parse_term(value: str) -> URIRef | Literal:
    """The RDF term a command-line value stands for.

    >>> parse_term("https://w3id.org/passerelles/eli/decret/1991/07/03").n3()
    '<https://w3id.org/passerelles/eli/decret/1991/07/03>'
    >>> parse_term("2019-2020").n3()
    '"2019-2020"'
    >>> parse_term("6^^integer").n3()
    '"6"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> parse_term("CEFA@fr").n3()
    '"CEFA"@fr'
    >>> parse_term("x> } ; DROP ALL ; #").n3()
    '"x> } ; DROP ALL ; #"'
    >>> parse_term("six^^integer")
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: not a valid integer: 'six'
    >>> parse_term("2019-02-31^^date")
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: not a valid date: '2019-02-31'
    """
    if "^^" in value:
        text, _, kind = value.rpartition("^^")
        if kind not in _TYPES:
            raise InputError(f"unknown type ^^{kind}: use one of {', '.join(_TYPES)}")
        datatype, lexical = _TYPES[kind]
        if not re.fullmatch(lexical, text):
            raise InputError(f"not a valid {kind}: {text!r}")
        if kind == "date":
            import datetime
            try:  # the lexical form is right; the day must exist too (2019-02-31 does not)
                datetime.date.fromisoformat(re.sub(r"(Z|[+-][0-9]{2}:[0-9]{2})$", "", text))
            except ValueError:
                raise InputError(f"not a valid date: {text!r}") from None
        return Literal(text) if kind == "string" else Literal(text, datatype=datatype)
    if value.startswith(_IRI_PREFIXES):
        return iri(value)
    tagged = _LANGUAGE.fullmatch(value)
    if tagged:
        return Literal(tagged.group(1), lang=tagged.group(2))
    return Literal(value)


def parse_params(pairs: list[str]) -> dict[str, list[URIRef | Literal]]:
    """``KEY=VALUE`` options as terms by name; a repeated key collects its values.

    >>> {k: [t.n3() for t in v] for k, v in parse_params(["a=1", "b=urn:x", "a=2"]).items()}
    {'a': ['"1"', '"2"'], 'b': ['<urn:x>']}
    >>> parse_params(["provision"])
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: --param wants KEY=VALUE, got 'provision'
    """
    params: dict[str, list[URIRef | Literal]] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise InputError(f"--param wants KEY=VALUE, got {pair!r}")
        if not _NAME.fullmatch(key):
            raise InputError(f"not a valid parameter name: {key!r}")
        params.setdefault(key, []).append(parse_term(value))
    return params


def example_args(query: QueryFile) -> list[str]:
    """The ``--param`` options of the query's own ``# Example:`` line (sample values).

    >>> example_args(load_query("cited-by"))
    ['--param', 'act=https://w3id.org/passerelles/eli/decret/1991/07/03']
    >>> example_args(load_query("acts"))
    []
    """
    m = re.search(r"^#\s*Example:(.*)$", query.text, re.MULTILINE)
    args: list[str] = []
    for pair in re.findall(r"--param\s+(\S+)", m.group(1) if m else ""):
        args += ["--param", pair]
    return args


def declared_parameters(query: QueryFile) -> tuple[list[str], list[str]] | None:
    """The parameters a query's header declares, and the required ones among them.

    None when the header says nothing (a user's file): any variable of the query may then
    be given.

    >>> declared_parameters(load_query("cited-by"))
    (['act'], ['act'])
    >>> declared_parameters(load_query("acts"))
    ([], [])
    """
    line = re.search(r"^#\s*Parameters:(.*)$", query.text, re.MULTILINE)
    if line is None:
        return None
    names = list(dict.fromkeys(query.parameters))
    required = [n for n in names if re.search(rf"\b{n}\s*\([^)]*\brequired\b", query.header)]
    return names, required


def check_params(query: QueryFile, params: dict) -> None:
    """Refuse parameters a query does not take, and missing required ones."""
    declared = declared_parameters(query)
    if declared is None:
        known = set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", query.text))
        required: list[str] = []
    else:
        known, required = set(declared[0]), declared[1]
    if params and not known:
        raise InputError(f"query {query.name!r} takes no parameters")
    unknown = sorted(set(params) - known)
    if unknown:
        raise InputError(f"query {query.name!r} has no parameter {', '.join(unknown)}; "
                         f"it takes: {', '.join(sorted(known))}")
    missing = [n for n in required if n not in params]
    if missing:
        raise InputError(f"query {query.name!r} needs --param {missing[0]}=VALUE")


def _store(endpoint: str | None, timeout: float, graph: str, max_memory: int) -> Store:
    """Where a user's query runs: the endpoint reading ``graph`` ('' = its own default
    graph), or the embedded graph in a child process bounded by ``timeout`` and ``max_memory``."""
    if endpoint is None:
        return EmbeddedStore(STATE.app().graph, timeout=timeout, max_memory=max_memory)
    if graph:
        iri(graph)
    if graph == DEFAULT_GRAPH:
        return STATE.app(endpoint, timeout).store
    return Passerelles(STATE.corpus_dir, endpoint, timeout, named_graph=graph or None).store


def run_query(store: Store, query: QueryFile, params: dict) -> list[dict] | bool:
    """Rows of a SELECT query (a truth value for ASK), parameters bound as RDF terms.

    The bound query is read by a SPARQL parser first: invalid SPARQL, SERVICE anywhere,
    and forms other than SELECT and ASK are refused before anything runs.
    """
    check_params(query, params)
    return run_checked(store, query.text, params, query.name)


def _print_rows(title: str, rows: list[dict], as_json: bool, as_csv: bool) -> None:
    columns = list(rows[0])
    if as_json:
        print_json(rows)
    elif as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if r[c] is None else r[c] for c in columns] for r in rows])
    else:
        table = Table(title=title)
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*("" if r[c] is None else str(r[c]) for c in columns))
        console.print(table)


@app.command()
def sparql(
    query_name: str = typer.Argument(..., metavar="NAME|FILE",
                                     help="A query of queries/ by name (see 'passerelles queries') or a .rq file."),
    param: Optional[List[str]] = typer.Option(None, "--param", "-p", metavar="KEY=VALUE", help=PARAM_HELP),
    as_json: bool = JSON,
    as_csv: bool = typer.Option(False, "--csv", help="Print CSV with a header row."),
    endpoint: Optional[str] = ENDPOINT,
    graph: str = GRAPH,
    timeout: float = TIMEOUT,
    max_memory: int = typer.Option(DEFAULT_MAX_MEMORY // 1024 ** 2, "--max-memory", min=64, metavar="MIB",
                                   help="Embedded store: the memory a query may use, in MiB, beyond what "
                                        "Passerelles holds; past it the query is stopped (exit code 4)."),
) -> None:
    """Run a SPARQL query (SELECT or ASK) on the embedded store or on an endpoint.

    Example: ``passerelles sparql cited-by --param act=https://w3id.org/passerelles/eli/decret/1991/07/03 --csv``.
    Queries with SERVICE (anywhere) are refused. On the embedded store the query runs in a
    child process stopped after --timeout seconds or past --max-memory. Exit code 1 when
    there is no row (or ASK says no); 2 for an invalid query or one that fails; 4 when it
    was stopped at its time or memory bound.
    """
    if as_json and as_csv:
        raise InputError("choose one of --json and --csv")
    query = load_query(query_name)
    params = parse_params(param or [])
    store = _store(endpoint, timeout, graph, max_memory * 1024 ** 2)
    with progress(f"Running {query.name}"):
        answer = run_query(store, query, params)
    if isinstance(answer, bool):
        if not answer:
            raise NoAnswer(f"{query.name}: no")
        if as_json:
            print_json(True)
        else:
            console.print("yes")
        return
    if not answer:
        raise NoAnswer(f"{query.name}: no row")
    _print_rows(f"{query.name}: {len(answer)} row(s)", answer, as_json, as_csv)


@app.command("queries")
def queries_cmd(as_json: bool = JSON) -> None:
    """The query files of queries/, with their purpose and parameters."""
    records = []
    for q in list_queries():
        declared = declared_parameters(q)
        example = " ".join(["passerelles sparql", q.name, *example_args(q)])
        records.append({"name": q.name, "purpose": q.purpose, "parameters": declared[0] if declared else [],
                        "example": example, "file": str(q.path)})
    if as_json:
        print_json(records)
        return
    table = Table(title=f"{len(records)} queries (passerelles sparql NAME)")
    for col in ("name", "parameters", "purpose"):
        table.add_column(col, overflow="fold")
    for r in records:
        table.add_row(r["name"], ", ".join(r["parameters"]) or "—", r["purpose"])
    console.print(table)
