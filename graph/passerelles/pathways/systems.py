"""The graph of the systems and jurisdictions (two small SKOS schemes), the bodies and their
roles for a qualification, and durations in years or months.

Jurisdictions: BE-FWB ``skos:broader`` BE; FR. Systems: each in its jurisdiction
(``dcterms:spatial``). A role is a node (``psl:RoleAssignment``): what the body does
(``psl:roleKind``), the body (a ``psl:Body``, or ``psl:Unknown`` when the source is silent,
with ``psl:reason``), and the passage that says so.

>>> from rdflib import Graph
>>> g = Graph(); add_schemes(g)
>>> (jurisdiction_iri("BE-FWB"), SKOS.broader, jurisdiction_iri("BE")) in g
True
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from ..namespaces import DCTERMS, ID, PSL, RDF, SKOS, XSD
from ..rules.iris import body_iri, jurisdiction_iri, source_kind_iri, system_iri
from ..rules.model import RoleOf
from ..rules.rdf import add_source_of
from ..rules.time import Duration
from ..rules.vocab import (JURISDICTION_BROADER, JURISDICTION_LABELS, SOURCE_KIND_LABELS, SYSTEM_JURISDICTION,
                           SYSTEM_LABELS, Jurisdiction, SourceKind, System)

SYSTEM_SCHEME = ID["scheme/systems"]
JURISDICTION_SCHEME = ID["scheme/jurisdictions"]
SOURCE_KIND_SCHEME = ID["scheme/source-kinds"]


def add_schemes(g: Graph) -> None:
    """The schemes of jurisdictions, systems and source kinds."""
    for scheme, label in ((JURISDICTION_SCHEME, "Juridictions"), (SYSTEM_SCHEME, "Systèmes d'enseignement et de certification"),
                          (SOURCE_KIND_SCHEME, "Genres de sources")):
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        g.add((scheme, SKOS.prefLabel, Literal(label, lang="fr")))
    for j in Jurisdiction:
        node = _concept(g, jurisdiction_iri(j.value), PSL.Jurisdiction, JURISDICTION_SCHEME, j.value, JURISDICTION_LABELS[j])
        if j in JURISDICTION_BROADER:
            g.add((node, SKOS.broader, jurisdiction_iri(JURISDICTION_BROADER[j].value)))
    for s in System:
        node = _concept(g, system_iri(s.value), PSL.System, SYSTEM_SCHEME, s.value, SYSTEM_LABELS[s])
        g.add((node, DCTERMS.spatial, jurisdiction_iri(SYSTEM_JURISDICTION[s].value)))
        g.add((node, PSL.jurisdiction, Literal(SYSTEM_JURISDICTION[s].value)))
    for k in SourceKind:
        _concept(g, source_kind_iri(k.value), PSL.SourceKind, SOURCE_KIND_SCHEME, k.value, SOURCE_KIND_LABELS[k])


def _concept(g: Graph, node: URIRef, cls: URIRef, scheme: URIRef, notation: str, label: str) -> URIRef:
    """A concept of one of the schemes: its class, scheme, notation and French label."""
    for c in (cls, SKOS.Concept):
        g.add((node, RDF.type, c))
    g.add((node, SKOS.inScheme, scheme))
    g.add((node, SKOS.notation, Literal(notation)))
    g.add((node, SKOS.prefLabel, Literal(label, lang="fr")))
    return node


def add_body(g: Graph, body: str) -> URIRef:
    node = body_iri(body)
    g.add((node, RDF.type, PSL.Body))
    g.add((node, SKOS.notation, Literal(body)))
    return node


def add_roles(g: Graph, title: URIRef, roles: tuple[RoleOf, ...]) -> None:
    """Each role of a qualification as a node: what, by whom (or unknown, and why), where said."""
    for i, role in enumerate(roles):
        node = URIRef(f"{title}/role/{i}")
        g.add((title, PSL.role, node))
        g.add((node, RDF.type, PSL.RoleAssignment))
        g.add((node, PSL.roleKind, Literal(role.role.value)))
        g.add((node, PSL.roleBody, PSL.Unknown if role.body == "unknown" else add_body(g, role.body)))
        if role.reason:
            g.add((node, PSL.reason, Literal(role.reason, lang="fr")))
        if role.source is not None:
            add_source_of(g, node, role.source)


def add_duration(g: Graph, node: URIRef, d: Duration) -> None:
    """A length in years or months (a range; typical or varying), beside the school years."""
    length = URIRef(f"{node}/length")
    g.add((node, PSL.length, length))
    g.add((length, RDF.type, PSL.Duration))
    g.add((length, PSL.durationUnit, Literal(d.unit)))
    if d.low is not None:
        g.add((length, PSL.durationMin, Literal(d.low, datatype=XSD.integer)))
    if d.high is not None:
        g.add((length, PSL.durationMax, Literal(d.high, datatype=XSD.integer)))
    if d.typical:
        g.add((length, PSL.durationTypical, Literal(True)))
    if d.varies:
        g.add((length, PSL.durationVaries, Literal(True)))
    g.add((length, PSL.text, Literal(d.words(), lang="fr")))
