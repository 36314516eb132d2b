"""Options shared by many commands, declared once."""

from __future__ import annotations

import typer

from ..remote import DEFAULT_GRAPH

JSON = typer.Option(False, "--json", help="Print JSON (the documented contract) instead of a table.")
ENDPOINT = typer.Option(None, "--endpoint", metavar="URL",
                        help="Query this SPARQL 1.1 endpoint instead of the embedded store "
                             "(credentials: PASSERELLES_ENDPOINT_USER / PASSERELLES_ENDPOINT_PASSWORD).")
TIMEOUT = typer.Option(30.0, "--timeout", metavar="SECONDS", help="Timeout of each request to the endpoint.")
GRAPH = typer.Option(DEFAULT_GRAPH, "--graph", metavar="IRI",
                     help="With --endpoint: the named graph holding Passerelles (where 'publish' puts it); "
                          "queries read it as their default graph. '' for the endpoint's own default graph.")
