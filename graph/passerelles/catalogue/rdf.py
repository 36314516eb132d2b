"""The catalogue as RDF: options (SKOS concepts), listings, sectors and groups, CPU rows.

Every node is an IRI (no blank nodes, so the output is the same on every run) and cites
the passage it comes from with ``prov:wasDerivedFrom``. Lists, forms, degrees and the
marks that are codes (R, CPU) are plain literals; French text — labels, definitions, the
marks in words ("uniquement en 6e") — is tagged ``@fr``, and the project's own remarks
``@en``; access classes, sectors, groups and options are resources.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef

from ..namespaces import ID, PSL, RDF, RDFS, SKOS
from ..provenance import add_source
from . import Catalogue
from .cpu import CPUTransformation
from .options import Listing, Option

OPTIONS_SCHEME = ID["scheme/options"]
SECTORS_SCHEME = ID["scheme/sectors-groups"]


def option_iri(code: str) -> URIRef:
    """IRI of an option.

    >>> str(option_iri("2112"))
    'https://w3id.org/passerelles/id/option/2112'
    """
    return ID[f"option/{code}"]


def sector_iri(number: int) -> URIRef:
    """IRI of a sector (``ID["sector/2"]``)."""
    return ID[f"sector/{number}"]


def group_iri(number: int) -> URIRef:
    """IRI of a group (``ID["group/21"]``)."""
    return ID[f"group/{number}"]


def access_iri(code: str) -> URIRef:
    """IRI of an access class.

    >>> str(access_iri("S-O"))
    'https://w3id.org/passerelles/id/access/S-O'
    """
    return ID[f"access/{code}"]


def listing_iri(li: Listing) -> URIRef:
    """IRI of a listing: list, code and, where the list gives one, degree.

    >>> str(listing_iri(Listing("2323", "x", "article49", "P", "D2", 2, (), 2031, 2026)))
    'https://w3id.org/passerelles/id/listing/article49/2323-D2'
    """
    return ID[f"listing/{li.list}/{li.code}" + (f"-{li.degree}" if li.degree else "")]


def cpu_iri(t: CPUTransformation) -> URIRef:
    """IRI of a CPU row: the new code (or the line), and the old code when there is one.

    >>> str(cpu_iri(CPUTransformation("4-5-6", 1367, "x", "2018-2019", 1355, new_code="2115", old_code="2113")))
    'https://w3id.org/passerelles/id/cpu/2115/from/2113'
    """
    return ID[f"cpu/{t.new_code or 'L' + str(t.line)}" + (f"/from/{t.old_code}" if t.old_code else "")]


def add_catalogue(graph: Graph, catalogue: Catalogue) -> None:
    """Add the whole catalogue to ``graph``.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph to add to.
    catalogue : Catalogue
        From :func:`passerelles.catalogue.load_catalogue`.

    Returns
    -------
    None

    Examples
    --------
    >>> from passerelles.corpus import load_corpus
    >>> from passerelles.catalogue import load_catalogue
    >>> g = Graph()
    >>> add_catalogue(g, load_catalogue(load_corpus()))
    >>> (option_iri("2112"), PSL.group, group_iri(21)) in g
    True
    """
    doc = catalogue.document
    _add_schemes(graph, catalogue)
    _add_sectors(graph, catalogue)
    for a in catalogue.access_classes:
        node = access_iri(a.code)
        graph.add((node, RDF.type, PSL.AccessClass))
        graph.add((node, SKOS.notation, Literal(a.code)))
        graph.add((node, SKOS.prefLabel, Literal(a.label, lang="fr")))
        graph.add((node, SKOS.definition, Literal(a.definition, lang="fr")))
        last = max(b.line for b in catalogue.access_classes) if a.code == "unknown" else a.line
        add_source(graph, node, doc, a.line, last)
    for o in catalogue.options:
        _add_option(graph, o, doc)
    for t in catalogue.cpu:
        _add_cpu(graph, t, doc, catalogue)


def _add_schemes(graph: Graph, cat: Catalogue) -> None:
    first = cat.span("article45")[0]
    last = cat.span("7e-complementaire")[1]
    for scheme, label, span in ((OPTIONS_SCHEME, "Liste des options de base groupées", (first, last)),
                                (SECTORS_SCHEME, "Tableau des secteurs et des groupes", cat.span("sectors"))):
        graph.add((scheme, RDF.type, SKOS.ConceptScheme))
        graph.add((scheme, SKOS.prefLabel, Literal(label, lang="fr")))
        add_source(graph, scheme, cat.document, *span)


def _add_sectors(graph: Graph, cat: Catalogue) -> None:
    notes = {s.group: s.line for s in cat.stated_groups}
    for s in cat.sectors:
        node = sector_iri(s.number)
        _concept(graph, node, PSL.Sector, SECTORS_SCHEME, str(s.number), s.label)
        graph.add((node, SKOS.topConceptOf, SECTORS_SCHEME))
        graph.add((SECTORS_SCHEME, SKOS.hasTopConcept, node))
        add_source(graph, node, cat.document, s.line)
    for g in cat.groups:
        node = group_iri(g.number)
        _concept(graph, node, PSL.Group, SECTORS_SCHEME, str(g.number), g.label)
        graph.add((node, SKOS.broader, sector_iri(g.sector)))
        graph.add((sector_iri(g.sector), SKOS.narrower, node))
        add_source(graph, node, cat.document, g.line)
        if g.number in notes:  # the note that names an option of the group
            add_source(graph, node, cat.document, notes[g.number])


def _concept(graph: Graph, node: URIRef, cls: URIRef, scheme: URIRef, notation: str, label: str) -> None:
    """A SKOS concept of ``scheme`` that is also a ``cls``."""
    graph.add((node, RDF.type, cls))
    graph.add((node, RDF.type, SKOS.Concept))
    graph.add((node, SKOS.inScheme, scheme))
    graph.add((node, SKOS.notation, Literal(notation)))
    graph.add((node, SKOS.prefLabel, Literal(label, lang="fr")))


def _add_option(graph: Graph, o: Option, doc: str) -> None:
    node = option_iri(o.code)
    _concept(graph, node, PSL.Option, OPTIONS_SCHEME, o.code, o.label)
    graph.add((node, PSL.sector, sector_iri(o.sector)))
    if o.group is not None:
        graph.add((node, PSL.group, group_iri(o.group)))
        graph.add((node, PSL.groupDerived, Literal(o.group_derived)))
    if o.group_reason:
        graph.add((node, PSL.groupReason, Literal(o.group_reason, lang="en")))
    for code in o.replaces:
        graph.add((node, PSL.replaces, option_iri(code)))
    for code in o.replaced_by:
        graph.add((node, PSL.replacedBy, option_iri(code)))
    for li in o.listings:
        add_source(graph, node, doc, li.line)
        _add_listing(graph, li, node, doc)


def _add_listing(graph: Graph, li: Listing, option: URIRef, doc: str) -> None:
    node = listing_iri(li)
    graph.add((node, RDF.type, PSL.Listing))
    if li.degree == "7":
        graph.add((node, RDF.type, PSL.SeventhYearListing))
    graph.add((option, PSL.listing, node))
    graph.add((node, PSL.option, option))
    graph.add((node, RDFS.label, Literal(li.label, lang="fr")))
    graph.add((node, PSL.list, Literal(li.list)))
    graph.add((node, PSL.form, Literal(li.form)))
    if li.degree:
        graph.add((node, PSL.degree, Literal(li.degree)))
    for mark in li.marks:
        graph.add((node, PSL.mark, _mark(mark)))
    # RDF values are unordered; the marks' order as written is kept for the JSON contract
    graph.add((node, PSL.markSequence, _mark(" | ".join(li.marks))))
    if li.access:
        graph.add((node, PSL.accessClass, access_iri(li.access)))
    if li.access_reason:
        graph.add((node, PSL.accessReason, Literal(li.access_reason, lang="en")))
    if li.valid_until:
        graph.add((node, PSL.validUntil, Literal(li.valid_until)))
    if li.new_pupils_until:
        graph.add((node, PSL.newEnrolmentUntil, Literal(li.new_pupils_until)))
    for anomaly in li.anomalies:
        graph.add((node, PSL.layoutNote, Literal(anomaly, lang="en")))
    add_source(graph, node, doc, li.line)


def _mark(text: str) -> Literal:
    """A mark as a literal: French words ("uniquement en 6e") tagged @fr, codes (R, RDQ) not.

    >>> _mark("R | uniquement en 6e").language, _mark("R² | CPU").language
    ('fr', None)
    """
    return Literal(text, lang="fr") if re.search(r"[a-zà-ÿ]{2}", text) else Literal(text)


def _add_cpu(graph: Graph, t: CPUTransformation, doc: str, cat: Catalogue) -> None:
    node = cpu_iri(t)
    graph.add((node, RDF.type, PSL.CPUTransformation))
    graph.add((node, PSL.cpuKind, Literal(t.kind)))
    graph.add((node, PSL.validFrom, Literal(t.since)))
    graph.add((node, PSL.newLabel, Literal(t.new_label, lang="fr")))
    for prop, code in ((PSL.newCode, t.new_code), (PSL.oldCode, t.old_code)):
        if code:
            graph.add((node, prop, Literal(code)))
    for prop, code in ((PSL.newOption, t.new_code), (PSL.oldOption, t.old_code)):
        if code and cat.option(code):  # codes no repertory lists stay literals (see check)
            graph.add((node, prop, option_iri(code)))
    if t.old_label:
        graph.add((node, PSL.oldLabel, Literal(t.old_label, lang="fr")))
    for prop, value in ((PSL.form, t.form), (PSL.degree, t.degree), (PSL.schoolYear, t.school_year)):
        if value:
            graph.add((node, prop, Literal(value)))
    for year in t.new_study_years:
        graph.add((node, PSL.newStudyYear, Literal(year)))
    for year in t.old_study_years:
        graph.add((node, PSL.oldStudyYear, Literal(year)))
    if t.access:
        graph.add((node, PSL.accessClass, access_iri(t.access)))
    if t.matched_line:
        graph.add((node, PSL.codeMatchedByLabel, Literal(True)))
        add_source(graph, node, doc, t.matched_line)
    if t.note:
        graph.add((node, RDFS.comment, Literal(t.note, lang="fr")))
    add_source(graph, node, doc, t.line)
    add_source(graph, node, doc, t.since_line)


__all__ = ["add_catalogue", "option_iri", "sector_iri", "group_iri", "access_iri", "listing_iri", "cpu_iri",
           "OPTIONS_SCHEME", "SECTORS_SCHEME"]
