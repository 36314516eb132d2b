"""Commands for running Passerelles on a SPARQL server: ``publish`` and ``serve``."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Optional

import typer

from ..remote import DEFAULT_GRAPH
from .main import app
from .options import JSON, TIMEOUT
from .output import console, print_json, progress
from .state import STATE


def _built_ntriples() -> str:
    """The graph as built from the corpus, as canonical N-Triples (from the build cache when
    it holds a sound entry)."""
    from ..rdf import cache
    from ..rdf.serialize import ntriples
    app_ = STATE.app()
    with progress("Building the RDF graph"):
        return cache.load_ntriples(app_.corpus, lambda: ntriples(app_.memory_graph))


@app.command()
def publish(
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
    retries: int = typer.Option(3, "--retries", min=0, max=10, metavar="N",
                                help="Attempts after a connection failure (back-off 0.5 s, 1 s, 2 s …)."),
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
    from ..remote.publish import publish as publish_graph
    text = _built_ntriples()
    with progress(f"Publishing to {store or endpoint}"):
        done = publish_graph(text, endpoint, store=store, update=update, graph=graph, retries=retries,
                             timeout=timeout)
    if as_json:
        print_json(done.as_dict())
        return
    console.print(f"published {done.triples} triples to <{done.graph}> at {done.store} "
                  f"({done.attempts} attempt(s), {done.seconds:.2f} s); {done.endpoint} holds them, "
                  f"sha256 {done.sha256}")


@app.command()
def serve(
    port: int = typer.Option(7878, "--port", min=0, max=65535, metavar="P", help="Port on 127.0.0.1 (0: any free port)."),
    location: Optional[Path] = typer.Option(None, "--location", metavar="DIR",
                                            help="Oxigraph data folder to fill and serve; not one another server is using "
                                                 "(default: a temporary folder, removed at exit)."),
    timeout: float = typer.Option(30.0, "--timeout", metavar="SECONDS", min=1.0,
                                  help="The server's limit on each query (whole seconds)."),
    as_json: bool = JSON,
) -> None:
    """Serve the graph read-only on 127.0.0.1 with Oxigraph, until Ctrl-C.

    The graph goes into the named graph https://w3id.org/passerelles/graph/circulaire-7282,
    which queries also see as their default graph. Point other commands at it with
    --endpoint http://127.0.0.1:P/query. Updates are refused, and so are queries that call
    SERVICE (a front reads each query before Oxigraph sees it). Needs 'pip install oxigraph'.
    """
    from ..remote.front import QueryFront
    from ..remote.serve import (OxigraphServer, load_location, oxigraph_binary, remove_stale_folders,
                                serve_folder, serve_until_signal)
    oxigraph_binary()  # fail before building anything when the server is missing
    remove_stale_folders()  # what killed 'serve' processes left behind
    folder = location or serve_folder()
    try:
        text = _built_ntriples()
        with progress(f"Loading {folder}"):
            triples = load_location(text, folder)
        server = OxigraphServer(folder, read_only=True, union_default_graph=True, timeout=timeout).start()
        try:
            front = QueryFront(server.base_url, port=port, timeout=timeout + 5).start()
        except OSError:
            server.stop()
            raise
        info = {"query": front.query_url, "graph": DEFAULT_GRAPH, "triples": triples,
                "location": str(folder), "pid": server.process.pid}
        if as_json:
            print_json(info)
        else:
            console.print(f"Passerelles SPARQL endpoint (read-only): {info['query']} — {triples} triples "
                          f"in <{DEFAULT_GRAPH}>; Ctrl-C to stop")
        sys.stdout.flush()  # a pipe must see the URL now, not at exit
        serve_until_signal(server, front)
    finally:
        if location is None:
            shutil.rmtree(folder, ignore_errors=True)
