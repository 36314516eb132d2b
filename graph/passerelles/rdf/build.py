"""Building the RDF graph from the model: each part of the model adds its own triples."""

from __future__ import annotations

from rdflib import Graph

from ..namespaces import bind_prefixes


def build_graph(model) -> Graph:
    """The whole graph of a corpus (an rdflib in-memory graph).

    >>> from passerelles.corpus import load_corpus
    >>> from passerelles.model import build_model
    >>> g = build_graph(build_model(load_corpus()))
    >>> len(g) > 10000
    True
    """
    g = Graph()
    bind_prefixes(g)
    for contribute in _contributors(model):
        contribute(g, model)
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
