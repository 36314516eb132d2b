"""Options shared by many commands, declared once."""

from __future__ import annotations

import typer

JSON = typer.Option(False, "--json", help="Print JSON (the documented contract) instead of a table.")
ENDPOINT = typer.Option(None, "--endpoint", metavar="URL",
                        help="Query this SPARQL 1.1 endpoint instead of the embedded store "
                             "(credentials: PASSERELLES_ENDPOINT_USER / PASSERELLES_ENDPOINT_PASSWORD).")
TIMEOUT = typer.Option(30.0, "--timeout", metavar="SECONDS", help="Timeout of each request to the endpoint.")
