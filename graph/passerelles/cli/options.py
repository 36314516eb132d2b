"""Options shared by many commands, declared once: output and endpoint. The filters of a route
question are in :mod:`passerelles.cli.route_options` (they import the route model, which the
other commands do not need)."""

from __future__ import annotations

import typer

from ..remote import DEFAULT_GRAPH

JSON = typer.Option(False, "--json", help="Print JSON (the documented contract) instead of text for people.")
ENDPOINT = typer.Option(None, "--endpoint", metavar="URL",
                        help="Query this SPARQL 1.1 endpoint instead of the embedded store "
                             "(credentials: PASSERELLES_ENDPOINT_USER / PASSERELLES_ENDPOINT_PASSWORD).")


def _seconds(value: float) -> float:
    """--timeout: fractions kept (0.5 stays 0.5), 0, negatives and infinity refused."""
    if not (0 < value < float("inf")):
        raise typer.BadParameter("must be a number of seconds above 0")
    return value


TIMEOUT = typer.Option(30.0, "--timeout", metavar="SECONDS", callback=_seconds,
                       help="Seconds to wait for each answer of the endpoint; for 'sparql' on the embedded "
                            "store, the query's time bound. Past it: exit code 4.")
GRAPH = typer.Option(DEFAULT_GRAPH, "--graph", metavar="IRI",
                     help="With --endpoint: the named graph holding Passerelles (where 'publish' puts it); "
                          "queries read it as their default graph. '' for the endpoint's own default graph.")
