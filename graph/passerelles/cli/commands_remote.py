"""Commands for running Passerelles on a SPARQL server: ``publish`` and ``serve``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..remote import DEFAULT_GRAPH
from .front import front
from .options import JSON, TIMEOUT
from .output import err, print_json, progress, say


def publish(
    ctx: typer.Context,
    endpoint: str = typer.Option(..., "--endpoint", metavar="URL",
                                 help="The SPARQL query URL, used to verify (Oxigraph: http://host:7878/query)."),
    store: Optional[str] = typer.Option(None, "--store", metavar="URL",
                                        help="The Graph Store Protocol URL. Default: derived from an "
                                             "Oxigraph …/query URL (…/store) or a Virtuoso /sparql URL "
                                             "(/sparql-graph-crud)."),
    update: Optional[str] = typer.Option(None, "--update", metavar="URL",
                                         help="The SPARQL Update URL. Default: derived from an Oxigraph "
                                              "…/query URL (…/update) or a Virtuoso /sparql URL (the same)."),
    graph: str = typer.Option(DEFAULT_GRAPH, "--graph", metavar="IRI", help="The named graph to replace."),
    retries: int = typer.Option(3, "--retries", metavar="N",
                                help="Attempts after a connection failure, 0-10 (back-off 0.5 s, 1 s, 2 s …)."),
    timeout: float = TIMEOUT,
    as_json: bool = JSON,
) -> None:
    """Replace a named graph of a SPARQL server with the graph, checked by its digest.

    The graph is sent (SPARQL 1.1 Graph Store Protocol PUT) to a fresh staging graph, read
    back and checked, then switched in (SPARQL Update MOVE) under a lock that other
    publishers honour, and checked again: readers see the old graph or the new one, two
    publishers never mix theirs, and a publisher that finds other content than its own
    exits non-zero. Credentials: PASSERELLES_ENDPOINT_USER and
    PASSERELLES_ENDPOINT_PASSWORD. Exit code 3 when the server cannot be reached, refuses
    the graph, or holds other content than was sent.
    """
    p = front(ctx)
    with progress("Building the RDF graph"):
        p.ntriples()
    with progress(f"Publishing to {store or endpoint}"):
        done = p.publish(endpoint, store=store, update=update, graph=graph, retries=retries, timeout=timeout)
    if as_json:
        print_json(done)
        return
    say(f"published {done.triples} triples to <{done.graph}> at {done.store} ({done.attempts} attempt(s), "
        f"{done.seconds:.2f} s); {done.endpoint} holds them, sha256 {done.sha256}")


def serve(
    ctx: typer.Context,
    port: int = typer.Option(7878, "--port", metavar="P", help="Port on 127.0.0.1, 0-65535 (0: any free port)."),
    location: Optional[Path] = typer.Option(None, "--location", metavar="DIR",
                                            help="Oxigraph data folder to fill and serve; not one another server is using "
                                                 "(default: a temporary folder, removed at exit)."),
    timeout: float = typer.Option(30.0, "--timeout", metavar="SECONDS",
                                  help="The server's limit on each query (whole seconds, at least 1)."),
    as_json: bool = JSON,
) -> None:
    """Serve the graph read-only on 127.0.0.1 with Oxigraph, until Ctrl-C.

    The graph goes into the named graph https://w3id.org/passerelles/graph/circulaire-7282,
    which queries also see as their default graph. Point other commands at it with
    --endpoint http://127.0.0.1:P/query. Updates are refused, and so are queries that call
    SERVICE (a front reads each query before Oxigraph sees it). Needs 'pip install oxigraph'.
    """
    # a line a step on stderr (stdout is the endpoint's address, for scripts)
    endpoint = front(ctx).serve(port, location, timeout, progress=lambda line: err(f"serve: {line}"))
    try:
        info = endpoint.record()
        if as_json:
            print_json(info)
        else:
            say(f"Passerelles SPARQL endpoint (read-only): {info.query} — {info.triples} triples "
                f"in <{info.graph}>; Ctrl-C to stop")
        sys.stdout.flush()  # a pipe must see the URL now, not at exit
    except BaseException:
        endpoint.stop()
        raise
    endpoint.wait()
