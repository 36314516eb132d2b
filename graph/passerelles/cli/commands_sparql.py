"""Commands for SPARQL users: ``sparql`` runs a query file, ``queries`` lists them.

``--param KEY=VALUE`` values become RDF terms (:func:`passerelles.terms.parse_params`),
never text pasted into the query; the front door binds and checks them.
"""

from __future__ import annotations

from typing import List, Optional

import typer

from ..errors import InputError, NoAnswer
from ..sandbox import DEFAULT_MAX_MEMORY
from ..terms import VALUE_HELP, parse_params
from .front import front
from .options import ENDPOINT, GRAPH, JSON, TIMEOUT
from .output import emit, print_json, progress, say, table

PARAM_HELP = ("A parameter KEY=VALUE (repeat the option for several; the same KEY twice gives one row per value). "
              + VALUE_HELP)


def sparql(
    ctx: typer.Context,
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
    there is no row (or ASK says no; with --json, [] or false); 2 for an invalid query or
    one that fails; 4 when it was stopped at its time or memory bound.
    """
    if as_json and as_csv:
        raise InputError("choose one of --json and --csv")
    params = parse_params(param or [])
    p = front(ctx, endpoint, timeout, graph, max_memory * 1024 ** 2)
    with progress(f"Running {query_name}"):
        answer = p.query(query_name, **params)
    if isinstance(answer, bool):
        if as_json:
            print_json(answer)
        elif answer:
            say("oui")
        if not answer:
            raise NoAnswer(f"{query_name}: no")
        return
    if as_csv:
        emit(answer, False, lambda a: say(a.to_csv()), f"{answer.name}: no row")
        return
    emit(answer, as_json, lambda a: table(f"{a.name} : {len(a)} résultat(s)", a.columns,
                                          [[r[c] for c in a.columns] for r in a]), f"{answer.name}: no row")


def queries(ctx: typer.Context, as_json: bool = JSON) -> None:
    """The query files of queries/, with their purpose and parameters."""
    records = front(ctx).queries()

    def show(rows) -> None:
        table(f"{len(rows)} requêtes (passerelles sparql NOM)", ("nom", "paramètres", "objet"),
              [(q.name, ", ".join(q.parameters) or "—", q.purpose) for q in rows])

    emit(records, as_json, show)
