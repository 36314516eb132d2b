"""Shared RDF pieces of the curated entries: legal basis and source of an entry or condition."""

from __future__ import annotations

from rdflib import Graph, URIRef

from ..legal.grammar import Locator
from ..legal.rdf import add_provision, footnote_iri
from ..namespaces import PSL
from ..provenance import add_source
from .model import Provision, Source


def add_basis(g: Graph, subject: URIRef, basis: tuple[Provision, ...], prop: URIRef = PSL.legalBasis) -> None:
    """``psl:legalBasis`` to each provision's node (in the act registry), and the footnote
    of the circular that gives it."""
    for p in basis:
        node = add_provision(g, p.act, Locator(p.article, p.paragraph, p.alinea, p.point))
        g.add((subject, prop, node))
        if p.via_footnote:
            g.add((subject, PSL.basisFootnote, footnote_iri("circulaire-7282", p.via_footnote)))


def add_source_of(g: Graph, subject: URIRef, source: Source) -> None:
    add_source(g, subject, source.document, source.first, source.last, source.quote)
