"""The legal part of the graph: source documents, the circular's divisions and footnotes,
the act registry with its subdivisions, and every citation occurrence.

Vocabulary: ELI for acts and subdivisions (``eli:LegalResource``,
``eli:LegalResourceSubdivision``, ``eli:is_part_of``, ``eli:cites``), Dublin Core for titles
and dates, PROV-O for provenance; ``psl:`` only where those have no term.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef

from ..circular.footnotes import note_plain_text
from ..circular.structure import division_at
from ..namespaces import DCTERMS, ELI, ID, PSL, RDF, RDFS, SKOS, XSD
from ..provenance import add_passage, add_source, document_iri, passage_iri
from ..text import clean_markup
from .acts import Act
from .grammar import Locator, format_locator
from .identifiers import ACT_TYPES, parent_eids, provision_iri
from .resolve import Citation


def division_iri(doc_id: str, path: str) -> URIRef:
    return ID[f"doc/{doc_id}/{path}"]


def footnote_iri(doc_id: str, number: int) -> URIRef:
    return ID[f"doc/{doc_id}/note/{number}"]


def citation_iri(c: Citation, index: int, kind: str = "citation") -> URIRef:
    where = f"n{c.footnote}" if c.footnote is not None else "body"
    return ID[f"{kind}/{c.document}/L{c.line}-{where}-{index}"]


def _occurrences(g: Graph, items, kind: str, doc_id: str):
    """Each occurrence (citation or title mention) with its IRI — numbered within its line
    and note — and the words, provenance and citing passage every occurrence has."""
    counters: dict[tuple, int] = {}
    for item in items:
        slot = (item.line, item.footnote)
        counters[slot] = counters.get(slot, 0) + 1
        node = citation_iri(item, counters[slot], kind)
        g.add((node, PSL.citedText, Literal(clean_markup(item.text), lang="fr")))
        add_source(g, node, item.document, item.line, item.line)
        source = (footnote_iri(doc_id, item.footnote) if item.footnote is not None
                  else passage_iri(item.document, item.line, item.line))
        g.add((node, PSL.citingPassage, source))
        yield item, node, source


def add_documents(g: Graph, model) -> None:
    """Every corpus document, with its manifest metadata."""
    for doc in model.corpus.documents.values():
        node = document_iri(doc.id)
        g.add((node, RDF.type, PSL.SourceDocument))
        g.add((node, DCTERMS.identifier, Literal(doc.id)))
        g.add((node, DCTERMS.title, Literal(doc.title, lang="fr")))
        g.add((node, DCTERMS.publisher, Literal(doc.issuer, lang="fr")))
        g.add((node, DCTERMS.language, Literal(doc.language)))
        g.add((node, PSL.kind, Literal(doc.kind)))
        g.add((node, PSL.file, Literal(doc.file)))
        g.add((node, PSL.sha256, Literal(doc.sha256)))
        g.add((node, PSL.lineCount, Literal(len(doc.lines), datatype=XSD.integer)))
        if doc.jurisdiction:
            g.add((node, PSL.jurisdiction, Literal(doc.jurisdiction)))
        if doc.date:
            g.add((node, DCTERMS.issued, Literal(doc.date, datatype=XSD.date)))
    circ = model.corpus.circular
    node = document_iri(circ.id)
    g.add((node, RDF.type, ELI.LegalResource))
    # The cover page says the circular's number, when it takes effect and what it replaces;
    # each fact is read from its line (nothing is assumed of another corpus).
    for n, line in enumerate(circ.lines[:60], 1):
        if m := re.fullmatch(r"Circulaire (\d+)", line.strip()):
            g.add((node, ELI.id_local, Literal(m[1])))
            add_source(g, node, circ.id, n, n)
        elif m := re.match(r"Validité\s+à partir du (\d{2})/(\d{2})/(\d{4})", line):
            g.add((node, ELI.first_date_entry_in_force, Literal(f"{m[3]}-{m[2]}-{m[1]}", datatype=XSD.date)))
            add_source(g, node, circ.id, n, n)
        elif m := re.search(r"abroge et remplace la\(les\) circulaire\(s\) : (\d+)", line):
            # the replaced circular is in the registry when the body cites it too (line 203)
            for key in model.registry.acts:
                if key.startswith("circulaire/") and key.endswith(f"/{m[1]}"):
                    g.add((node, DCTERMS.replaces, provision_iri(key)))
                    add_source(g, node, circ.id, n, n)


def add_structure(g: Graph, model) -> None:
    """Chapters, sections, subsections and annexes, each linked to its parent."""
    doc = model.corpus.circular
    root = document_iri(doc.id)
    by_path = {d.path: d for d in model.divisions}
    for d in model.divisions:
        node = division_iri(doc.id, d.path)
        g.add((node, RDF.type, ELI.LegalResourceSubdivision))
        g.add((node, RDF.type, PSL.Division))
        g.add((node, PSL.divisionKind, Literal(d.kind)))
        if d.number:
            g.add((node, PSL.number, Literal(d.number)))
        g.add((node, DCTERMS.title, Literal(d.heading, lang="fr")))
        parent_path = d.path.rsplit("__", 1)[0] if "__" in d.path else None
        parent = division_iri(doc.id, parent_path) if parent_path in by_path else root
        g.add((node, ELI.is_part_of, parent))
        add_source(g, node, doc.id, d.first_line, d.last_line)


def add_footnotes(g: Graph, model) -> None:
    doc = model.corpus.circular
    for note in model.footnotes:
        node = footnote_iri(doc.id, note.number)
        g.add((node, RDF.type, PSL.Footnote))
        g.add((node, PSL.noteNumber, Literal(note.number, datatype=XSD.integer)))
        g.add((node, PSL.text, Literal(note_plain_text(note), lang="fr")))
        g.add((node, DCTERMS.isPartOf, document_iri(doc.id)))
        for n in note.lines:
            add_source(g, node, doc.id, n, n)
        for a in note.anchors:
            g.add((node, PSL.anchoredAt, add_passage(g, doc.id, a, a)))
            division = division_at(model.divisions, a)
            if division:
                g.add((node, PSL.inDivision, division_iri(doc.id, division.path)))


def add_acts(g: Graph, model) -> None:
    """The act registry: each act once, with its label, date, titles and nickname."""
    for act in model.registry.sorted_acts():
        _add_act(g, act)


def _add_act(g: Graph, act: Act) -> None:
    node = act.iri
    g.add((node, RDF.type, ELI.LegalResource))
    g.add((node, PSL.actType, Literal(act.type)))
    g.add((node, PSL.actKey, Literal(act.key)))
    g.add((node, ELI.date_document, Literal(act.date, datatype=XSD.date)))
    g.add((node, RDFS.label, Literal(act.label(), lang="fr")))
    g.add((node, PSL.actTypeLabel, Literal(ACT_TYPES[act.type], lang="fr")))
    if act.number:
        g.add((node, ELI.number, Literal(act.number)))
    if act.count > 1:
        # "2 arrêtés … du 21 février 2018": the key stands for acts the text never tells apart
        g.add((node, PSL.actCount, Literal(act.count, datatype=XSD.integer)))
    if act.title:
        g.add((node, ELI.title, Literal(clean_markup(act.title), lang="fr")))
    for nick in sorted(act.nicknames):
        g.add((node, SKOS.altLabel, Literal(nick, lang="fr")))
    # Belgium's official ELI needs the NUMAC, which the corpus does not give. The official
    # IRI goes in owl:sameAs once known; until then the graph says it is unknown.
    g.add((node, PSL.officialEli, PSL.Unknown))


def add_provision(g: Graph, key: str, loc: Locator) -> URIRef:
    """A provision and every subdivision above it, linked by eli:is_part_of up to the act."""
    node = provision_iri(key, loc.article, loc.paragraph, loc.alinea, loc.point)
    act = provision_iri(key)
    parent = act
    for sub in reversed(parent_eids(loc.article, loc.paragraph, loc.alinea, loc.point)):
        sub_node = URIRef(f"{act}/{sub}")
        g.add((sub_node, RDF.type, ELI.LegalResourceSubdivision))
        g.add((sub_node, PSL.eId, Literal(sub)))
        g.add((sub_node, ELI.is_part_of, parent))
        parts = dict(p.split("_", 1) for p in sub.split("__"))
        partial = Locator(parts.get("art"), parts.get("para"), parts.get("al"), parts.get("point"))
        g.add((sub_node, RDFS.label, Literal(format_locator(partial), lang="fr")))
        for prop, value in ((PSL.article, partial.article), (PSL.paragraph, partial.paragraph),
                            (PSL.alinea, partial.alinea), (PSL.point, partial.point)):
            if value:
                g.add((sub_node, prop, Literal(value)))
        parent = sub_node
    return node


def add_citations(g: Graph, model) -> None:
    """Every citation occurrence, its reading(s) and its provenance."""
    doc_id = model.corpus.circular.id
    for c, node, source in _occurrences(g, model.citations.citations, "citation", doc_id):
        g.add((node, RDF.type, PSL.Citation))
        g.add((node, PSL.status, Literal(c.status)))
        g.add((node, PSL.via, Literal(c.via)))
        if c.reason:
            g.add((node, PSL.reason, Literal(c.reason, lang="en")))
        division = division_at(model.divisions, _anchor_line(model, c))
        if division:
            g.add((node, PSL.inDivision, division_iri(doc_id, division.path)))
        for prop, value in ((PSL.article, c.locator.article), (PSL.paragraph, c.locator.paragraph),
                            (PSL.alinea, c.locator.alinea), (PSL.point, c.locator.point)):
            if value:
                g.add((node, prop, Literal(value)))
        if c.act:
            target = add_provision(g, c.act, c.locator)
            g.add((node, PSL.cites, target))
            g.add((node, PSL.act, provision_iri(c.act)))
            if c.status == "resolved":
                g.add((source, ELI.cites, target))
        for i, alt in enumerate(c.alternatives, 1):
            if not alt.act:
                continue
            alt_node = URIRef(f"{node}/alt/{i}")
            g.add((node, PSL.alternative, alt_node))
            g.add((alt_node, RDF.type, PSL.Reading))
            g.add((alt_node, PSL.cites, add_provision(g, alt.act, alt.locator)))
            g.add((alt_node, PSL.act, provision_iri(alt.act)))
            # readings are ranked: the main reading is the most likely, then alt/1, alt/2 …
            g.add((alt_node, PSL.rank, Literal(i, datatype=XSD.integer)))
            if alt.via:
                g.add((alt_node, PSL.via, Literal(alt.via)))
        if c.amended_by:
            g.add((node, PSL.amendedBy, provision_iri(c.amended_by)))
            g.add((node, PSL.amendment, Literal(c.amendment)))
            g.add((node, PSL.amendmentPassage, add_passage(g, c.document, c.amendment_line or c.line)))
            if c.amending_article:
                g.add((node, PSL.amendingProvision, add_provision(g, c.amended_by, Locator(c.amending_article))))


#: What an act's title says of the act it names, as ELI says it (``names`` has no ELI term).
_TITLE_RELATIONS = {"executes": ELI.based_on, "amends": ELI.amends}


def add_title_mentions(g: Graph, model) -> None:
    """Acts named inside another act's title: ``psl:titleNames`` (and ``eli:based_on`` for an
    act that executes the one it names, ``eli:amends`` for one that amends it) — never a
    citation — each with its provenance."""
    doc_id = model.corpus.circular.id
    for t, node, _ in _occurrences(g, model.citations.title_mentions, "title-mention", doc_id):
        named = add_provision(g, t.named, t.locator)
        g.add((node, RDF.type, PSL.TitleMention))
        g.add((node, PSL.titleOf, provision_iri(t.act)))
        g.add((node, PSL.names, named))
        g.add((node, PSL.relation, Literal(t.relation)))
        g.add((provision_iri(t.act), PSL.titleNames, named))
        if t.relation in _TITLE_RELATIONS:
            g.add((provision_iri(t.act), _TITLE_RELATIONS[t.relation], provision_iri(t.named)))


def _anchor_line(model, c: Citation) -> int:
    """The body line a citation belongs to: the anchor of its footnote, or its own line."""
    if c.footnote is not None:
        note = model.footnotes[c.footnote - 1]
        if note.anchors:
            return note.anchors[0]
    return c.line


def add_legal(g: Graph, model) -> None:
    """Everything of this module, in one call."""
    add_documents(g, model)
    add_structure(g, model)
    add_footnotes(g, model)
    add_acts(g, model)
    add_citations(g, model)
    add_title_mentions(g, model)
