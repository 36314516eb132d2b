"""Writing the graph: sorted N-Triples and Turtle, byte-identical for the same corpus,
each file written atomically (a temporary file renamed into place), so that a failed build
leaves the previous output whole.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph

from ..namespaces import PREFIXES


def ntriples(graph: Graph) -> str:
    """Canonical N-Triples: one triple a line, lines sorted, no blank nodes expected."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"


def turtle(graph: Graph) -> str:
    """Turtle with the project prefixes; subjects and predicates in sorted order."""
    g = Graph()
    for prefix, ns in sorted(PREFIXES.items()):
        g.bind(prefix, ns, override=True)
    for triple in graph:
        g.add(triple)
    return g.serialize(format="turtle")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_graph(graph: Graph, out: Path) -> dict[str, Path]:
    """Write ``passerelles.nt`` and ``passerelles.ttl`` into ``out``.

    Both texts are made before either file is touched: a serialisation error leaves the
    previous output as it was.
    """
    texts = {"passerelles.nt": ntriples(graph), "passerelles.ttl": turtle(graph)}
    written = {}
    for name, text in texts.items():
        write_atomic(out / name, text)
        written[name] = out / name
    return written
