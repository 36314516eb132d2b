"""Helpers of the SPARQL tests: sample parameters of the query files, answers compared
across stores, and a real Oxigraph server on loopback that is always stopped.

Imported by ``test_sparql_command.py`` and ``test_remote.py`` (pytest loads only files
named ``conftest.py`` by itself).
"""

from __future__ import annotations

import json
import re
from typing import Iterator

import pytest

from passerelles.cli.commands_sparql import example_args, parse_params
from passerelles.queries import QueryFile
from passerelles.remote.serve import OxigraphServer

_CONCAT = re.compile(r'GROUP_CONCAT\s*\([^;]*;\s*SEPARATOR\s*=\s*"([^"]*)"\s*\)\s*AS\s+\?(\w+)', re.I)


def example_params(query: QueryFile) -> dict:
    """The sample parameters of the query's ``# Example:`` line, as RDF terms."""
    return parse_params(example_args(query)[1::2])


def comparable(query: QueryFile, rows: list[dict]) -> list[str]:
    """Rows in a form that does not depend on what SPARQL leaves to the engine.

    The order of GROUP_CONCAT's values and of rows tied under ORDER BY is unspecified, and
    an empty GROUP_CONCAT is "" in rdflib but unbound in Oxigraph.
    """
    separators = {column: sep for sep, column in _CONCAT.findall(query.text)}
    out = []
    for row in rows:
        row = dict(row)
        for column, sep in separators.items():
            values = (row.get(column) or "").split(sep) if sep else list(row.get(column) or "")
            row[column] = sorted(v for v in values if v)
        out.append(json.dumps(row, sort_keys=True, ensure_ascii=False))
    return sorted(out)


@pytest.fixture
def oxigraph_server(tmp_path) -> Iterator[OxigraphServer]:
    """A read-write ``oxigraph serve`` on a free loopback port with its own data folder."""
    server = OxigraphServer(tmp_path / "oxigraph", read_only=False)
    try:
        server.start(wait=15.0)
        yield server
    finally:
        server.stop()


@pytest.fixture
def listener():
    """A loopback TCP listener that records every connection: a SERVICE call that got
    through would knock here."""
    import socket
    import threading
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    knocks: list = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            knocks.append(conn.recv(200))
            conn.close()
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", knocks
    finally:
        stop.set()
        thread.join(5)
        server.close()
