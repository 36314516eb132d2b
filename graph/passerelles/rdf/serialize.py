"""Writing the graph: sorted N-Triples and Turtle, byte-identical for the same corpus, and
the same graph in both (every literal written with its exact lexical form).

Each file opens with a stamp naming the graph it holds — the SHA-256 of its canonical
N-Triples and its triple count (:func:`stamp`) — so that the two files of one build can be
told from those of another. Both files are written to temporary files first and renamed
into place one after the other: a failed build leaves the previous output whole, and a
build killed between the two renames leaves files whose stamps differ. The same stamp seals
the build cache's entries (:mod:`passerelles.rdf.cache`).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from pathlib import Path
from typing import Iterable

import pyoxigraph
from rdflib import Graph, Literal
from rdflib.plugins.serializers.turtle import TurtleSerializer

from ..files import discard, write_atomic, write_temporary  # write_atomic re-exported for other writers
from ..namespaces import PREFIXES, XSD

__all__ = ["ntriples", "canonical", "digest", "turtle", "stamp", "stamped", "triple_count", "read_stamped", "DamagedGraph", "write_graph", "write_atomic"]

_STAMP = re.compile(r"# passerelles graph sha256=(?P<sha256>[0-9a-f]{64}) triples=(?P<triples>[0-9]+)")


class DamagedGraph(ValueError):
    """Stamped N-Triples whose content does not match their stamp; the message says how."""


def ntriples(graph: Graph) -> str:
    """Canonical N-Triples: one triple a line, lines sorted, no blank nodes expected."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return canonical(pyoxigraph.parse(text, pyoxigraph.RdfFormat.N_TRIPLES))


def canonical(triples: Iterable[pyoxigraph.Triple]) -> str:
    """The canonical N-Triples of some triples (Oxigraph's): each once, one a line, sorted.

    The same graph gives the same text whatever it was read from — a file, a server's
    answer — so its digest (:func:`stamp`) names the graph, not a serialisation.

    >>> t = pyoxigraph.Triple(pyoxigraph.NamedNode("urn:a"), pyoxigraph.NamedNode("urn:b"), pyoxigraph.Literal("é"))
    >>> canonical([t, t])
    '<urn:a> <urn:b> "é" .\\n'
    """
    lines = sorted({f"{triple} ." for triple in triples})
    return "\n".join(lines) + "\n" if lines else ""


def digest(nt: str) -> str:
    """The SHA-256 of canonical N-Triples: the name of a graph in stamps and publishing."""
    return hashlib.sha256(nt.encode("utf-8")).hexdigest()


# The Turtle shorthands (16, 16.5, 1.5E0, true) and the lexical forms each one reads back
# as. rdflib writes the decimal "16" as 16.0 and the double "1.5E0" as 1.5e+00: another
# literal once read back. A literal whose lexical form is not its own shorthand is written
# in full ("16"^^xsd:decimal).
_SHORTHANDS = {
    XSD.integer: re.compile(r"[+-]?[0-9]+"),
    XSD.decimal: re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD.double: re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+"),
    XSD.boolean: re.compile(r"true|false"),
}


class _ExactTurtleSerializer(TurtleSerializer):
    """rdflib's Turtle serialiser, writing every literal with its exact lexical form."""

    def label(self, node, position):
        if isinstance(node, Literal) and node.datatype in _SHORTHANDS:
            if _SHORTHANDS[node.datatype].fullmatch(str(node)):
                return str(node)
            return node._literal_n3(use_plain=False, qname_callback=lambda dt: self.get_pname(dt, False))
        return super().label(node, position)


def turtle(graph: Graph) -> str:
    """Turtle with the project prefixes; subjects and predicates in sorted order.

    It holds the same graph as :func:`ntriples` (every literal read back as it was):

    >>> g = Graph(); _ = g.add((XSD.a, XSD.b, Literal("16", datatype=XSD.decimal)))
    >>> _ = g.add((XSD.a, XSD.c, Literal("16.5", datatype=XSD.decimal)))
    >>> [line for line in turtle(g).splitlines() if "16" in line]
    ['xsd:a xsd:b "16"^^xsd:decimal ;', '    xsd:c 16.5 .']
    """
    g = Graph()
    for prefix, ns in sorted(PREFIXES.items()):
        g.bind(prefix, ns, override=True)
    for triple in graph:
        g.add(triple)
    out = io.BytesIO()
    _ExactTurtleSerializer(g).serialize(out, encoding="utf-8")
    return out.getvalue().decode("utf-8")


def stamp(nt: str) -> str:
    """The first line of a written graph: the digest and triple count of its canonical
    N-Triples ``nt`` — the same line for the N-Triples and the Turtle of one build.

    >>> stamp('<urn:a> <urn:b> "c" .\\n')
    '# passerelles graph sha256=b84b6fce278a9d135cddff6bb8102b1e5bd539f4ae0c52443dca36651662c233 triples=1\\n'
    """
    return f"# passerelles graph sha256={digest(nt)} triples={triple_count(nt)}\n"


def triple_count(nt: str) -> int:
    """The number of triples of N-Triples (one a line; comment lines do not count)."""
    return sum(1 for line in nt.splitlines() if line.strip() and not line.lstrip().startswith("#"))


def stamped(nt: str) -> bytes:
    """Canonical N-Triples behind their stamp (a comment line: still N-Triples, still sorted)."""
    return (stamp(nt) + nt).encode("utf-8")


def read_stamped(data: bytes) -> tuple[str, int]:
    """The N-Triples of stamped bytes and their triple count, once the digest is checked.

    Raises
    ------
    DamagedGraph
        No stamp, another digest, or bytes that are not UTF-8.

    >>> read_stamped(stamped('<urn:a> <urn:b> "c" .\\n'))
    ('<urn:a> <urn:b> "c" .\\n', 1)
    >>> read_stamped(stamped('<urn:a> <urn:b> "c" .\\n').replace(b'"c"', b'"d"'))
    Traceback (most recent call last):
    ...
    passerelles.rdf.serialize.DamagedGraph: its content does not match its digest
    """
    header, newline, body = data.partition(b"\n")
    m = _STAMP.fullmatch(header.decode("ascii", "replace"))
    if not newline or m is None:
        raise DamagedGraph("it has no valid stamp" if data else "it is empty")
    if hashlib.sha256(body).hexdigest() != m["sha256"]:
        raise DamagedGraph("its content does not match its digest")
    try:
        return body.decode("utf-8"), int(m["triples"])
    except UnicodeDecodeError:
        raise DamagedGraph("it is not UTF-8 text") from None


def write_graph(graph: Graph, out: Path, nt: str | None = None) -> dict[str, Path]:
    """Write ``passerelles.nt`` and ``passerelles.ttl`` into ``out``, both stamped.

    ``nt``: the graph's canonical N-Triples when the caller already made them. Both texts,
    then both temporary files, are made before either file is replaced: a serialisation or
    disk error leaves the previous output as it was.
    """
    nt = nt if nt is not None else ntriples(graph)
    line = stamp(nt)
    texts = {"passerelles.nt": line + nt, "passerelles.ttl": line + turtle(graph)}
    temporaries: dict[str, Path] = {}
    try:
        for name, text in texts.items():
            temporaries[name] = write_temporary(out / name, text)
        for name, tmp in temporaries.items():
            os.replace(tmp, out / name)
    finally:
        for tmp in temporaries.values():
            discard(tmp)
    return {name: out / name for name in texts}
