"""Writing the graph: sorted N-Triples and Turtle, byte-identical for the same corpus,
each file written atomically (a temporary file renamed into place), so that a failed build
leaves the previous output whole.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ..files import write_atomic  # noqa: F401 (re-exported: other writers import it from here)
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


def write_graph(graph: Graph, out: Path, nt: str | None = None) -> dict[str, Path]:
    """Write ``passerelles.nt`` and ``passerelles.ttl`` into ``out``.

    ``nt``: the graph's canonical N-Triples when the caller already made them. Both texts are
    made before either file is touched: a serialisation error leaves the previous output as
    it was.
    """
    texts = {"passerelles.nt": nt if nt is not None else ntriples(graph), "passerelles.ttl": turtle(graph)}
    written = {}
    for name, text in texts.items():
        write_atomic(out / name, text)
        written[name] = out / name
    return written
