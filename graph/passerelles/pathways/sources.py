"""The standing of the sources in the graph: each document's kind and how answers name it,
its readers' threads, its own slips, the statements that are not steps of a route, the
titles another system shares (with the passage that says so), and the conflicts between
documents with every side."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from ..namespaces import DCTERMS, ID, PSL, RDF, RDFS, SKOS
from ..provenance import add_passage, document_iri
from ..rules.iris import conflict_iri, rule_iri, source_kind_iri, state_iri, statement_iri, system_iri, title_iri
from ..rules.rdf import add_source_of


def add_standing(g: Graph, curated, years: set[str]) -> None:
    rules = {r.id: r for r in curated.rules}
    statements = {s.id: s for s in curated.statements}

    def said_by(item_id: str) -> URIRef:
        if item_id in rules:
            return rule_iri(rules[item_id].document, item_id)
        return statement_iri(statements[item_id].document, item_id)

    for src in curated.sources:
        doc = document_iri(src.document)
        g.add((doc, PSL.sourceKind, source_kind_iri(src.kind.value)))
        g.add((doc, PSL.accordingTo, Literal(src.name, lang="fr")))
        if src.author:
            g.add((doc, DCTERMS.creator, Literal(src.author, lang="fr")))
        if src.date is None:
            g.add((doc, PSL.undated, Literal(True)))
        if src.date_note:
            g.add((doc, PSL.dateNote, Literal(src.date_note, lang="fr")))
        for t in src.threads:
            node = ID[f"doc/{src.document}/thread/{t.id}"]
            g.add((node, RDF.type, PSL.Thread))
            g.add((node, SKOS.notation, Literal(t.id)))
            g.add((node, DCTERMS.isPartOf, doc))
            g.add((node, PSL.question, add_passage(g, src.document, t.question.first, t.question.last)))
            g.add((node, PSL.questionQuote, Literal(t.question.quote, lang="fr")))
            if t.reply is not None:
                g.add((node, PSL.reply, add_passage(g, src.document, t.reply.first, t.reply.last)))
                g.add((node, PSL.replyQuote, Literal(t.reply.quote, lang="fr")))
            if t.reader:
                g.add((node, PSL.reader, Literal(t.reader)))
            if t.addressed_to:
                g.add((node, PSL.addressedTo, Literal(t.addressed_to)))
            for x in t.settles:
                g.add((node, PSL.settles, said_by(x)))
            for words in t.open:
                g.add((node, PSL.leavesOpen, Literal(words, lang="fr")))
        for n, slip in enumerate(src.slips, 1):
            node = ID[f"doc/{src.document}/slip/{n}"]
            g.add((node, RDF.type, PSL.Slip))
            g.add((node, PSL.slipKind, Literal(slip.kind.value)))
            g.add((node, PSL.message, Literal(slip.message, lang="en")))
            g.add((node, DCTERMS.isPartOf, doc))
            add_source_of(g, node, slip.source)
            for also in slip.also:
                g.add((node, PSL.alsoAt, add_passage(g, src.document, also.first, also.last)))
    for s in curated.statements:
        node = statement_iri(s.document, s.id)
        g.add((node, RDF.type, PSL.Statement))
        g.add((node, SKOS.notation, Literal(s.id)))
        g.add((node, PSL.says, Literal(s.says, lang="fr")))
        g.add((node, PSL.modality, Literal(s.modality.value)))
        g.add((node, PSL.speaker, Literal(s.speaker.value)))
        if s.hedge:
            g.add((node, PSL.hedge, Literal(s.hedge, lang="fr")))
        if s.note:
            g.add((node, RDFS.comment, Literal(s.note, lang="fr")))
        for a in s.about:
            g.add((node, PSL.aboutState, state_iri(a, years)))
        add_source_of(g, node, s.source)
    for m in curated.memberships:
        node = URIRef(f"{title_iri(m.title)}/system/{m.system}")
        g.add((node, RDF.type, PSL.SystemMembership))
        g.add((node, PSL.memberTitle, title_iri(m.title)))
        g.add((node, PSL.system, system_iri(m.system)))
        if m.note:
            g.add((node, RDFS.comment, Literal(m.note, lang="fr")))
        add_source_of(g, node, m.source)
    for c in curated.conflicts:
        node = conflict_iri(c.id)
        g.add((node, RDF.type, PSL.Conflict))
        g.add((node, SKOS.notation, Literal(c.id)))
        g.add((node, RDFS.label, Literal(c.title, lang="fr")))
        g.add((node, PSL.overlap, Literal(c.overlap)))
        g.add((node, PSL.summary, Literal(c.summary, lang="fr")))
        for i, side in enumerate(c.sides):
            s = URIRef(f"{node}/side/{i}")
            g.add((node, PSL.side, s))
            g.add((s, RDF.type, PSL.ConflictSide))
            g.add((s, PSL.says, Literal(side.says, lang="fr")))
            for r in side.rules:
                g.add((s, PSL.concerns, said_by(r)))
            add_source_of(g, s, side.source)
