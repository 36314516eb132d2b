"""Provenance of every fact: the source document and the line span it came from.

A passage is a resource of its own (``pid:doc/<document>/L<first>-<last>``), so that many
facts drawn from one passage share it and SPARQL can join on it.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from .namespaces import DCTERMS, ID, PROV, PSL, RDF, XSD


def document_iri(doc_id: str) -> URIRef:
    """IRI of a corpus document.

    >>> str(document_iri("circulaire-7282"))
    'https://w3id.org/passerelles/id/doc/circulaire-7282'
    """
    return ID[f"doc/{doc_id}"]


def passage_iri(doc_id: str, first: int, last: int | None = None) -> URIRef:
    """IRI of the passage ``first``–``last`` (1-based, inclusive) of a document.

    >>> str(passage_iri("circulaire-7282", 807, 812))
    'https://w3id.org/passerelles/id/doc/circulaire-7282/L807-812'
    """
    last = first if last is None else last
    return ID[f"doc/{doc_id}/L{first}-{last}"]


def add_passage(graph: Graph, doc_id: str, first: int, last: int | None = None) -> URIRef:
    """Add (idempotently) the passage node and return its IRI."""
    last = first if last is None else last
    node = passage_iri(doc_id, first, last)
    graph.add((node, RDF.type, PSL.Passage))
    graph.add((node, DCTERMS.isPartOf, document_iri(doc_id)))
    graph.add((node, PSL.firstLine, Literal(first, datatype=XSD.integer)))
    graph.add((node, PSL.lastLine, Literal(last, datatype=XSD.integer)))
    return node


def add_source(graph: Graph, subject: URIRef, doc_id: str, first: int,
               last: int | None = None, quote: str | None = None) -> URIRef:
    """Record that ``subject`` was derived from lines ``first``–``last`` of ``doc_id``.

    The quotation (the words of those lines the fact rests on) belongs to the subject: two
    facts drawn from one passage may quote different words of it.
    """
    node = add_passage(graph, doc_id, first, last)
    graph.add((subject, PROV.wasDerivedFrom, node))
    if quote:
        graph.add((subject, PSL.quote, Literal(quote, lang="fr")))
    return node
