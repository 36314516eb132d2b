"""Writing the graph: sorted N-Triples and Turtle, byte-identical for the same corpus, and
the same graph in both (every literal written with its exact lexical form).

Both are written from the canonical N-Triples (Oxigraph's terms, sorted): the Turtle by a
writer of this module whose cost is linear in the triples (rdflib's Turtle writer is
O(IRIs × prefixes), and 45% of a build). Each file opens with a stamp naming the graph it
holds — the SHA-256 of its canonical N-Triples and its triple count (:func:`stamp`) — so
that the two files of one build can be told from those of another. Both files are written
to temporary files first and renamed into place one after the other: a failed build leaves
the previous output whole, and a build killed between the two renames leaves files whose
stamps differ. The same stamp seals the build cache's entries
(:mod:`passerelles.rdf.cache`) and the stores of :mod:`passerelles.rdf.disk`.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Iterable

import pyoxigraph

from ..files import discard, write_atomic, write_temporary  # write_atomic re-exported for other writers

__all__ = ["ntriples", "canonical", "digest", "turtle", "to_oxigraph", "stamp", "stamped", "triple_count",
           "read_stamped", "DamagedGraph", "write_graph", "write_atomic"]

_STAMP = re.compile(r"# passerelles graph sha256=(?P<sha256>[0-9a-f]{64}) triples=(?P<triples>[0-9]+)")
_XSD = "http://www.w3.org/2001/XMLSchema#"


class DamagedGraph(ValueError):
    """Stamped N-Triples whose content does not match their stamp; the message says how."""


def to_oxigraph(triples: Iterable) -> list[pyoxigraph.Triple]:
    """Triples of rdflib terms as Oxigraph triples (each term converted once).

    >>> from rdflib import Literal, URIRef
    >>> [t] = to_oxigraph([(URIRef("urn:a"), URIRef("urn:b"), Literal("16", datatype=URIRef(_XSD + "decimal")))])
    >>> str(t)
    '<urn:a> <urn:b> "16"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    """
    from rdflib import BNode, Literal, URIRef
    memo: dict = {}

    def term(node):
        found = memo.get(node)
        if found is None:
            if isinstance(node, URIRef):
                found = pyoxigraph.NamedNode(node)
            elif isinstance(node, Literal):
                if node.language:
                    found = pyoxigraph.Literal(str(node), language=node.language)
                elif node.datatype is not None:
                    found = pyoxigraph.Literal(str(node), datatype=pyoxigraph.NamedNode(node.datatype))
                else:
                    found = pyoxigraph.Literal(str(node))
            elif isinstance(node, BNode):
                found = pyoxigraph.BlankNode(node)
            else:
                raise TypeError(f"not an RDF term: {node!r}")
            memo[node] = found
        return found
    return [pyoxigraph.Triple(term(s), term(p), term(o)) for s, p, o in triples]


def _triples(source) -> Iterable[pyoxigraph.Triple]:
    """Oxigraph triples from an rdflib graph, triples of rdflib terms, Oxigraph triples, or
    N-Triples text."""
    if isinstance(source, str):
        return pyoxigraph.parse(source, pyoxigraph.RdfFormat.N_TRIPLES)
    items = source if isinstance(source, (list, tuple, set, frozenset)) else list(source)
    if items and not isinstance(next(iter(items)), pyoxigraph.Triple):
        return to_oxigraph(items)
    return items


def ntriples(source) -> str:
    """Canonical N-Triples (:func:`canonical`) of an rdflib graph or of triples (rdflib's or
    Oxigraph's): one triple a line, lines sorted, no blank nodes expected."""
    return canonical(_triples(source))


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


# --------------------------------------------------------------------------- Turtle
# The Turtle shorthands (16, 16.5, 1.5E0, true) and the lexical forms each one reads back
# as. A literal whose lexical form is not its own shorthand ("16" as an xsd:decimal reads
# back as 16.0 written bare) is written in full ("16"^^xsd:decimal).
_SHORTHANDS = {
    _XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    _XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    _XSD + "double": re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+"),
    _XSD + "boolean": re.compile(r"true|false"),
}
# A local name written after a prefix: a conservative subset of Turtle's PN_LOCAL (no
# escapes needed); any other IRI is written in full.
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?|")
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


class _Terms:
    """Each term's Turtle form, from its canonical N-Triples form, made once; remembers the
    prefixes used."""

    def __init__(self, prefixes: dict[str, str]):
        # longest namespace first: an IRI takes the most specific prefix
        self.prefixes = sorted(prefixes.items(), key=lambda item: (-len(item[1]), item[0]))
        self.used: set[str] = set()
        self.memo: dict[str, str] = {_RDF_TYPE: "a"}

    def __call__(self, term: str) -> str:
        found = self.memo.get(term)
        if found is None:
            found = self.memo[term] = self._form(term)
        return found

    def iri(self, term: str) -> str:
        value = term[1:-1]
        for prefix, ns in self.prefixes:
            if value.startswith(ns) and _LOCAL.fullmatch(value[len(ns):]):
                self.used.add(prefix)
                return f"{prefix}:{value[len(ns):]}"
        return term

    def _form(self, term: str) -> str:
        if term.startswith("<"):
            return self.iri(term)
        if not term.startswith('"'):
            return term                                 # a blank node
        close = term.rindex('"')                        # quotes inside are escaped (\")
        lexical, rest = term[:close + 1], term[close + 1:]
        if not rest.startswith("^^"):
            return term                                 # a string, or with a language tag
        datatype = rest[3:-1]
        shorthand = _SHORTHANDS.get(datatype)
        if shorthand is not None and shorthand.fullmatch(lexical[1:-1]):
            return lexical[1:-1]
        return f"{lexical}^^{self.iri(rest[2:])}"


def turtle(source) -> str:
    """Turtle with the project prefixes (those it uses, sorted): one block a subject, in the
    order of the canonical N-Triples, its types first. Written from the N-Triples lines in
    one pass, each term's form made once: linear in the triples.

    ``source``: canonical N-Triples text (:func:`canonical`), an rdflib graph, or triples
    (rdflib's or Oxigraph's). It holds the same graph as :func:`ntriples` (every literal
    read back as it was):

    >>> from rdflib import Graph, Literal, URIRef
    >>> XSD = "http://www.w3.org/2001/XMLSchema#"
    >>> g = Graph(); _ = g.add((URIRef(XSD + "a"), URIRef(XSD + "b"), Literal("16", datatype=URIRef(XSD + "decimal"))))
    >>> _ = g.add((URIRef(XSD + "a"), URIRef(XSD + "c"), Literal("16.5", datatype=URIRef(XSD + "decimal"))))
    >>> print(turtle(g), end="")
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <BLANKLINE>
    xsd:a xsd:b "16"^^xsd:decimal ;
        xsd:c 16.5 .
    """
    from ..namespaces import PREFIXES
    nt = source if isinstance(source, str) else ntriples(source)
    terms = _Terms({prefix: str(ns) for prefix, ns in PREFIXES.items()})
    blocks: list[str] = []
    subject, group = None, []
    for line in nt.splitlines():
        if not line or line.startswith("#"):
            continue
        # canonical N-Triples: subject and predicate hold no space; the object ends at " ."
        s, p, o = line.split(" ", 2)
        if s != subject and group:
            blocks.append(_block(terms, subject, group))
            group = []
        subject = s
        group.append((p, o[:-2]))
    if group:
        blocks.append(_block(terms, subject, group))
    header = "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in sorted(terms.prefixes) if prefix in terms.used)
    return header + "".join("\n" + b for b in blocks) if header else "\n".join(blocks)


def _block(terms: _Terms, subject: str, pairs: list[tuple[str, str]]) -> str:
    """One subject's (predicate, object) pairs, in canonical order, its ``rdf:type`` first."""
    typed = [pair for pair in pairs if pair[0] == _RDF_TYPE]
    if typed:
        pairs = typed + [pair for pair in pairs if pair[0] != _RDF_TYPE]
    out = [terms(subject)]
    predicate = None
    for p, o in pairs:
        if p != predicate:
            out += (" ;\n    " if predicate is not None else " ", terms(p), " ", terms(o))
            predicate = p
        else:
            out += (",\n        ", terms(o))
    out.append(" .\n")
    return "".join(out)


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


#: The store folder a build writes beside the two files (:mod:`passerelles.rdf.disk`).
STORE = "passerelles.oxigraph"


def write_graph(graph, out: Path, nt: str | None = None) -> dict[str, Path]:
    """Write ``passerelles.nt`` and ``passerelles.ttl`` into ``out``, both stamped, and the
    same graph in an Oxigraph store, ``passerelles.oxigraph/`` (sealed with the same digest:
    :func:`passerelles.rdf.disk.open_sealed` opens it read-only, ``oxigraph serve-read-only
    --location`` serves it).

    ``nt``: the graph's canonical N-Triples when the caller already made them. Both texts,
    both temporary files and the store (in a temporary folder) are made before anything is
    replaced: a serialisation or disk error leaves the previous output as it was. Then the
    files are renamed into place and the store put in place in one step.
    """
    from ..files import install_folder, remove_path
    from .disk import prepare_store, written
    nt = nt if nt is not None else ntriples(graph)
    line = stamp(nt)
    texts = {"passerelles.nt": line + nt, "passerelles.ttl": line + turtle(nt)}
    temporaries: dict[str, Path] = {}
    store = None
    try:
        for name, text in texts.items():
            temporaries[name] = write_temporary(out / name, text)
        store, seal = prepare_store(nt, out / STORE)
        for name, tmp in temporaries.items():
            os.replace(tmp, out / name)
        install_folder(store, out / STORE)
        store = None
        written(out / STORE, seal)
    finally:
        for tmp in temporaries.values():
            discard(tmp)
        if store is not None:
            remove_path(store)
    return {name: out / name for name in (*texts, STORE)}
