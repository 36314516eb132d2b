"""Building the RDF graph from the model: each part of the model adds its own triples.

The parts write to anything with an rdflib-style ``add((s, p, o))``. The build itself
collects them in a set (:class:`TripleSet`: no index, each triple once) and writes them as
canonical N-Triples (:func:`build_ntriples`), which the files, the build cache and the
stores are made from; :func:`build_graph` gives the same triples in an rdflib graph, for
those who want rdflib's API.
"""

from __future__ import annotations

from typing import Iterator

from ..namespaces import bind_prefixes


class TripleSet:
    """A graph under construction: each triple once (rdflib terms), in no order, no index.

    Adding is a set insertion — the triples are read once, to be written — where rdflib's
    memory store keeps three indexes.

    >>> from rdflib import URIRef
    >>> g = TripleSet()
    >>> _ = g.add((URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c"))).add((URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")))
    >>> len(g)
    1
    """

    def __init__(self) -> None:
        self.triples: set[tuple] = set()

    def add(self, triple: tuple) -> "TripleSet":
        self.triples.add(triple)
        return self

    def bind(self, *args, **kwargs) -> None:
        """Prefixes are the writers' business (:data:`passerelles.namespaces.PREFIXES`)."""

    def __len__(self) -> int:
        return len(self.triples)

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.triples)


def build_triples(model) -> TripleSet:
    """The triples of a corpus's graph, each once."""
    out = TripleSet()
    for contribute in _contributors(model):
        contribute(out, model)
    return out


def build_ntriples(model) -> str:
    """The canonical N-Triples of a corpus's graph (:func:`passerelles.rdf.serialize.canonical`):
    what ``build`` writes, the cache keeps and the stores load.

    >>> from passerelles.corpus import load_corpus
    >>> from passerelles.model import build_model
    >>> nt = build_ntriples(build_model(load_corpus()))
    >>> nt.count("\\n") > 30000 and nt.splitlines() == sorted(nt.splitlines())
    True
    """
    from .serialize import canonical, to_oxigraph
    return canonical(to_oxigraph(build_triples(model)))


def build_graph(model):
    """The whole graph of a corpus in an rdflib in-memory graph, the project's prefixes bound.

    >>> from passerelles.corpus import load_corpus
    >>> from passerelles.model import build_model
    >>> g = build_graph(build_model(load_corpus()))
    >>> len(g) > 10000
    True
    """
    from rdflib import Graph
    g = Graph()
    bind_prefixes(g)
    for triple in build_triples(model):
        g.add(triple)
    return g


def _contributors(model):
    from ..legal.rdf import add_legal
    parts = [add_legal]
    if "catalogue" in model.extras:
        from ..catalogue.rdf import add_catalogue
        parts.append(lambda g, m: add_catalogue(g, m.extras["catalogue"]))
    if "curated" in model.extras:
        from ..pathways.rdf import add_pathways
        parts.append(add_pathways)
    return parts
