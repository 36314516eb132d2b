"""The pathways part of the graph: study years, titles (credentials) and pathway rules.

Titles are ``elm:Qualification`` (European Learning Model) and
``schema:EducationalOccupationalCredential``; rules are ``psl:PathwayRule`` with their
inputs, output, conditions, legal basis (provision IRIs of the act registry) and source
passage. A rule's condition tree is in the graph twice: as typed nodes (``psl:Condition``,
queried by SPARQL, e.g. the external conditions) and as its canonical JSON
(``psl:conditionData``), which the route engine reads back exactly.
"""

from __future__ import annotations

import json

from rdflib import Graph, Literal, URIRef

from ..legal.grammar import Locator
from ..legal.rdf import add_provision, footnote_iri
from ..namespaces import ELM, ID, PSL, RDF, RDFS, SDO, SKOS, XSD
from ..provenance import add_source
from .conditions import to_data

STATE_SCHEME = ID["scheme/states"]


def year_iri(year_id: str) -> URIRef:
    return ID[f"year/{year_id}"]


def title_iri(title_id: str) -> URIRef:
    return ID[f"title/{title_id}"]


def rule_iri(document: str, rule_id: str) -> URIRef:
    return ID[f"rule/{document}/{rule_id}"]


def body_iri(body: str) -> URIRef:
    return ID[f"body/{body}"]


def access_iri(access_class: str) -> URIRef:
    return ID[f"access/{access_class}"]


def state_iri(state_id: str, years: set[str]) -> URIRef:
    """A rule's input or output: a year (or formation, or situation) or a title."""
    return year_iri(state_id) if state_id in years else title_iri(state_id)


def _basis(g: Graph, subject: URIRef, basis, prop=PSL.legalBasis) -> None:
    for p in basis:
        node = add_provision(g, p.act, Locator(p.article, p.paragraph, p.alinea, p.point))
        g.add((subject, prop, node))
        if p.via_footnote:
            g.add((subject, PSL.basisFootnote, footnote_iri("circulaire-7282", p.via_footnote)))


def _source(g: Graph, subject: URIRef, source) -> None:
    add_source(g, subject, source.document, source.first, source.last, source.quote)


def _justification(g: Graph, node: URIRef, entry) -> None:
    """Legal basis (or the reason there is none), note and source of a title or a rule."""
    _basis(g, node, entry.basis)
    if entry.basis_missing:
        g.add((node, PSL.basisMissing, Literal(entry.basis_missing)))
    if entry.note:
        g.add((node, RDFS.comment, Literal(entry.note, lang="fr")))
    _source(g, node, entry.source)


def _state(g: Graph, node: URIRef, entry, classes) -> None:
    """A year or a title as a concept of the scheme of states, with its names."""
    for cls in (*classes, PSL.State, SKOS.Concept):
        g.add((node, RDF.type, cls))
    g.add((node, SKOS.inScheme, STATE_SCHEME))
    g.add((node, SKOS.notation, Literal(entry.id)))
    g.add((node, SKOS.prefLabel, Literal(entry.label, lang="fr")))
    for alt in entry.alt_labels:
        g.add((node, SKOS.altLabel, Literal(alt, lang="fr")))


def add_years(g: Graph, years) -> None:
    for y in years:
        node = year_iri(y.id)
        _state(g, node, y, (PSL.StudyYear,))
        for prop, value in ((PSL.form, y.form), (PSL.degree, y.degree)):
            if value:
                g.add((node, prop, Literal(value)))
        if y.grade is not None:
            g.add((node, PSL.grade, Literal(y.grade, datatype=XSD.integer)))
        if y.duration is not None:
            g.add((node, PSL.duration, Literal(y.duration, datatype=XSD.integer)))
        else:
            g.add((node, PSL.durationUnknown, Literal("la circulaire ne dit pas combien d'années dure cette formation", lang="fr")))
        for r in y.regime:
            g.add((node, PSL.regime, Literal(r)))
        g.add((node, PSL.jurisdiction, Literal("BE-FWB")))
        if y.note:
            g.add((node, RDFS.comment, Literal(y.note, lang="fr")))
        _source(g, node, y.source)


def add_titles(g: Graph, titles) -> None:
    for t in titles:
        node = title_iri(t.id)
        _state(g, node, t, (PSL.Title, ELM.Qualification, SDO.EducationalOccupationalCredential))
        if t.abbreviation:
            g.add((node, PSL.abbreviation, Literal(t.abbreviation)))
        g.add((node, PSL.titleKind, Literal(t.kind)))
        g.add((node, SDO.credentialCategory, Literal(t.kind)))
        g.add((node, PSL.issuedBy, body_iri(t.issued_by)))
        g.add((body_iri(t.issued_by), RDF.type, PSL.Body))
        g.add((body_iri(t.issued_by), SKOS.notation, Literal(t.issued_by)))
        g.add((node, PSL.jurisdiction, Literal(t.jurisdiction)))
        _justification(g, node, t)


def add_rules(g: Graph, rules, years: set[str]) -> None:
    for r in rules:
        node = rule_iri(r.document, r.id)
        g.add((node, RDF.type, PSL.PathwayRule))
        g.add((node, SKOS.notation, Literal(r.id)))
        g.add((node, PSL.ruleKind, Literal(r.kind)))
        g.add((node, PSL.fromMode, Literal(r.from_mode)))
        g.add((node, PSL.jurisdiction, Literal(r.jurisdiction)))
        for state in r.from_:
            g.add((node, PSL.fromState, state_iri(state, years)))
        if not r.from_:
            g.add((node, PSL.noPrerequisite, Literal(True)))
        if r.to:
            g.add((node, PSL.toState, state_iri(r.to, years)))
        for regime in r.regime:
            g.add((node, PSL.regime, Literal(regime)))
        if r.access_class:
            # the access-class nodes themselves (labels, provenance) belong to the catalogue
            g.add((node, PSL.accessClass, access_iri(r.access_class)))
        for year in r.applies_to:
            g.add((node, PSL.appliesTo, year_iri(year)))
        if r.validity:
            if r.validity.start:
                g.add((node, PSL.validFrom, Literal(r.validity.start)))
            if r.validity.until:
                g.add((node, PSL.validUntil, Literal(r.validity.until)))
        _justification(g, node, r)
        data = to_data(r.conditions)
        if data is not None:
            g.add((node, PSL.conditionData, Literal(json.dumps(data, ensure_ascii=False, sort_keys=True))))
            g.add((node, PSL.condition, _add_condition(g, f"{node}/cond/0", r.conditions, years)))


def _add_condition(g: Graph, iri: str, c, years: set[str]) -> URIRef:
    """Typed condition nodes, for SPARQL (the exact tree is in psl:conditionData)."""
    node = URIRef(iri)
    g.add((node, RDF.type, PSL.Condition))
    g.add((node, PSL.conditionType, Literal(c.key)))
    if c.text:
        g.add((node, PSL.text, Literal(c.text, lang="fr")))
    for i, child in enumerate(c.children):
        sub = _add_condition(g, f"{iri}-{i}", child, years)
        g.add((node, PSL.operand, sub))
        g.add((sub, PSL.position, Literal(i, datatype=XSD.integer)))
    value = c.value
    if c.key == "holds":
        g.add((node, PSL.requiresTitle, title_iri(value)))
    elif c.key in ("external", "unknown") and hasattr(value, "items"):
        for k, prop in (("about", PSL.about), ("settled_by", PSL.settledBy), ("reason", PSL.reason)):
            if value.get(k):
                g.add((node, prop, Literal(value[k], lang="fr")))
    elif c.key == "contract":
        for contract in value:
            g.add((node, PSL.contract, ID[f"contract/{contract}"]))
    elif c.key == "age" and hasattr(value, "items"):
        for k in ("ge", "gt", "le", "lt"):
            if k in value:
                g.add((node, PSL[f"age_{k}"], Literal(value[k], datatype=XSD.decimal)))
        if value.get("reference"):
            g.add((node, PSL.ageReference, Literal(value["reference"])))
    if c.basis:
        _basis(g, node, c.basis)
    if c.source:
        _source(g, node, c.source)
    return node


def add_attestations(g: Graph, rules, years: set[str]) -> None:
    """``psl:attests``: a title delivered by a single rule, to the pupils who completed a
    single year, attests that year — holding the CE6P shows the 6P was completed with
    success (the CE6P "est délivré aux élèves qui ont terminé avec fruit la 6e année"), so
    the rules that ask for the completed 6P apply to its holders. ``psl:attestedBy`` names
    the award rule, which is the basis of the inference.
    """
    awards: dict[str, list] = {}
    for r in rules:
        if r.kind == "award" and r.to:
            awards.setdefault(r.to, []).append(r)
    for title, given in sorted(awards.items()):
        if len(given) == 1 and len(given[0].from_) == 1 and given[0].from_mode == "completed" \
                and given[0].from_[0] in years:
            rule = given[0]
            g.add((title_iri(title), PSL.attests, year_iri(rule.from_[0])))
            g.add((title_iri(title), PSL.attestedBy, rule_iri(rule.document, rule.id)))


def add_pathways(g: Graph, model) -> None:
    curated = model.extras["curated"]
    years = {y.id for y in curated["years"]}
    add_years(g, curated["years"])
    add_titles(g, curated["titles"])
    add_rules(g, curated["rules"], years)
    add_attestations(g, curated["rules"], years)
