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
