"""The pathways part of the graph: study years, titles (credentials), dated parameters and
pathway rules.

Titles are ``elm:Qualification`` (European Learning Model) and
``schema:EducationalOccupationalCredential``; rules are ``psl:PathwayRule`` with their
inputs, output, conditions, legal basis (provision IRIs of the act registry) and source
passage. A rule's condition tree is in the graph twice: as typed nodes (``psl:Condition``,
each kind writing its own triples, queried by SPARQL — e.g. the external conditions) and as
its canonical JSON (``psl:conditionData``), which the route view reads back exactly through
the same condition classes.
"""

from __future__ import annotations

import json

from rdflib import Graph, Literal, URIRef

from ..namespaces import DCTERMS, ELM, PSL, RDF, RDFS, SDO, SKOS, XSD
from ..rules.conditions import add_condition
from ..rules.iris import (access_iri, body_iri, jurisdiction_iri, parameter_iri, rule_iri, state_iri, system_iri,
                          title_iri, year_iri)
from ..rules.rdf import add_basis, add_source_of
from ..rules.vocab import RuleKind
from .systems import add_body, add_duration, add_roles, add_schemes
from .sources import add_standing

STATE_SCHEME = URIRef("https://w3id.org/passerelles/id/scheme/states")

__all__ = ["add_pathways", "add_years", "add_titles", "add_rules", "add_parameters", "add_attestations",
           "year_iri", "title_iri", "rule_iri", "body_iri", "access_iri", "state_iri", "parameter_iri"]


def _justification(g: Graph, node: URIRef, entry) -> None:
    """Legal basis (or the reason there is none), note and source of a title or a rule."""
    add_basis(g, node, entry.basis)
    if entry.basis_missing:
        g.add((node, PSL.basisMissing, Literal(entry.basis_missing, lang="fr")))
    if entry.note:
        g.add((node, RDFS.comment, Literal(entry.note, lang="fr")))
    add_source_of(g, node, entry.source)


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
        elif y.source.document == "circulaire-7282":
            g.add((node, PSL.durationUnknown, Literal("la circulaire ne dit pas combien d'années dure cette formation", lang="fr")))
        else:
            # a length in years or months (psl:length) is not a number of school years
            g.add((node, PSL.durationUnknown, Literal("le document ne donne pas cette durée en années scolaires", lang="fr")))
        if y.length is not None:
            add_duration(g, node, y.length)
        if y.repeatable:
            g.add((node, PSL.repeatable, Literal(True)))
        for r in y.regime:
            g.add((node, PSL.regime, Literal(r)))
        g.add((node, PSL.jurisdiction, Literal(y.jurisdiction)))
        g.add((node, DCTERMS.spatial, jurisdiction_iri(y.jurisdiction)))
        for system in y.systems:
            g.add((node, PSL.system, system_iri(system)))
        if y.note:
            g.add((node, RDFS.comment, Literal(y.note, lang="fr")))
        add_source_of(g, node, y.source)


def add_titles(g: Graph, titles) -> None:
    for t in titles:
        node = title_iri(t.id)
        _state(g, node, t, (PSL.Title, ELM.Qualification, SDO.EducationalOccupationalCredential))
        if t.abbreviation:
            g.add((node, PSL.abbreviation, Literal(t.abbreviation)))
        g.add((node, PSL.titleKind, Literal(t.kind)))
        g.add((node, SDO.credentialCategory, Literal(t.kind)))
        g.add((node, PSL.issuedBy, body_iri(t.issued_by)))
        add_body(g, t.issued_by)
        g.add((node, PSL.jurisdiction, Literal(t.jurisdiction)))
        g.add((node, DCTERMS.spatial, jurisdiction_iri(t.jurisdiction)))
        for system in t.systems:
            g.add((node, PSL.system, system_iri(system)))
        if t.speaker.value != "author":
            g.add((node, PSL.speaker, Literal(t.speaker.value)))
        if t.instance_of:
            # a named title of a class of titles: a narrower concept in the scheme of states
            g.add((node, SKOS.broader, title_iri(t.instance_of)))
        if t.part_of:
            # parts: a project sub-property of dcterms:isPartOf, not ELM's symmetric elm:isPartOf
            g.add((node, PSL.componentOf, title_iri(t.part_of)))
            g.add((node, ELM.isPartialQualification, Literal(True)))
        if t.parts:
            g.add((node, PSL.hasComponent, title_iri(t.parts.part)))
            if t.parts.count is not None:
                g.add((node, PSL.componentCount, Literal(t.parts.count, datatype=XSD.integer)))
            else:
                g.add((node, PSL.componentCountUnknown, Literal("le nombre de parties n'est pas donné", lang="fr")))
            if t.parts.required is not None:
                g.add((node, PSL.componentsRequired, Literal(t.parts.required, datatype=XSD.integer)))
            if t.parts.optional:
                g.add((node, PSL.componentsOptional, Literal(True)))
            spec = URIRef(f"{node}/parts")
            g.add((node, PSL.partsSpec, spec))
            g.add((spec, RDF.type, PSL.PartsSpec))
            add_source_of(g, spec, t.parts.source)
        add_roles(g, node, t.roles)
        _justification(g, node, t)


def add_parameters(g: Graph, parameters) -> None:
    """Dated parameters: each value a node with its school years (OpenFisca-style), the legal
    reference and the source lines."""
    for p in parameters:
        node = parameter_iri(p.id)
        g.add((node, RDF.type, PSL.Parameter))
        g.add((node, SKOS.notation, Literal(p.id)))
        g.add((node, PSL.parameterKind, Literal(p.kind.value)))
        g.add((node, RDFS.label, Literal(p.description, lang="fr")))
        for v in p.values:
            value = URIRef(f"{node}/{v.start}")
            g.add((node, PSL.parameterValue, value))
            g.add((value, RDF.type, PSL.ParameterValue))
            g.add((value, PSL.validFrom, Literal(v.start)))
            if v.until:
                g.add((value, PSL.validUntil, Literal(v.until)))
            if isinstance(v.value, tuple):
                for bound, n in v.value:
                    if bound == "reference":
                        g.add((value, PSL.referenceDate, parameter_iri(n)))
                    else:
                        g.add((value, PSL[f"age_{bound}"], Literal(n, datatype=XSD.decimal)))
            elif v.value is not None:
                g.add((value, PSL.monthDay, Literal(v.value)))
        add_basis(g, node, p.reference)
        add_source_of(g, node, p.source)


def add_rules(g: Graph, rules, years: set[str]) -> None:
    for r in rules:
        node = rule_iri(r.document, r.id)
        g.add((node, RDF.type, PSL.PathwayRule))
        g.add((node, SKOS.notation, Literal(r.id)))
        g.add((node, PSL.ruleKind, Literal(r.kind.value)))
        g.add((node, PSL.fromMode, Literal(r.from_mode.value)))
        g.add((node, PSL.jurisdiction, Literal(r.jurisdiction)))
        g.add((node, PSL.system, system_iri(r.system)))
        if r.crosses:
            g.add((node, PSL.crossesSystems, Literal(True)))
        g.add((node, PSL.modality, Literal(r.modality.value)))
        if r.hedge:
            g.add((node, PSL.hedge, Literal(r.hedge, lang="fr")))
        g.add((node, PSL.speaker, Literal(r.speaker.value)))
        for state in r.from_:
            g.add((node, PSL.fromState, state_iri(state, years)))
        if not r.from_:
            g.add((node, PSL.noPrerequisite, Literal(True)))
        if r.to:
            # only the steps of routes are psl:toState (what reachable-to follows): a denial, a
            # funding, a bridge between classes of titles are not
            prop = {RuleKind.DENIAL: PSL.deniedState, RuleKind.FUNDING: PSL.funds,
                    RuleKind.BRIDGE: PSL.bridgeTo}.get(r.kind, PSL.toState)
            g.add((node, prop, state_iri(r.to, years)))
        if r.funder:
            g.add((node, PSL.funder, Literal(r.funder.value)))
        for regime in r.regime:
            g.add((node, PSL.regime, Literal(regime)))
        if r.access_class:
            # the access-class nodes themselves (labels, provenance) belong to the catalogue
            g.add((node, PSL.accessClass, access_iri(r.access_class.value)))
        for year in r.applies_to:
            g.add((node, PSL.appliesTo, year_iri(year)))
        if r.effect:
            g.add((node, PSL.effect, Literal(r.effect.value)))
        if r.validity:
            if r.validity.start:
                g.add((node, PSL.validFrom, Literal(r.validity.start)))
            if r.validity.until:
                g.add((node, PSL.validUntil, Literal(r.validity.until)))
        _justification(g, node, r)
        if r.conditions is not None:
            data = r.conditions.to_json()
            g.add((node, PSL.conditionData, Literal(json.dumps(data, ensure_ascii=False, sort_keys=True))))
            g.add((node, PSL.condition, add_condition(g, f"{node}/cond/0", r.conditions, None)))


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
    years = {y.id for y in curated.years}
    add_schemes(g)
    add_years(g, curated.years)
    add_titles(g, curated.titles)
    add_parameters(g, curated.parameters)
    add_rules(g, curated.rules, years)
    add_attestations(g, curated.rules, years)
    add_standing(g, curated, years)
