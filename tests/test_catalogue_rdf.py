"""The catalogue as RDF: content, provenance, determinism, ontology and SHACL conformance."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal
from rdflib.namespace import OWL

from passerelles.catalogue import load_catalogue
from passerelles.catalogue.rdf import add_catalogue, group_iri, option_iri, sector_iri
from passerelles.corpus import load_corpus
from passerelles.namespaces import ID, PROV, PSL, RDF, RDFS, SH, SKOS

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
# Terms of the provenance module (passerelles.provenance), declared with it.
PROVENANCE_TERMS = {PSL.Passage, PSL.firstLine, PSL.lastLine, PSL.quote}


@pytest.fixture(scope="module")
def graph():
    g = Graph()
    add_catalogue(g, load_catalogue(load_corpus()))
    return g


def _validate(g: Graph):
    shapes = Graph().parse(ONTOLOGY / "shapes" / "catalogue.ttl")
    ontology = Graph().parse(ONTOLOGY / "catalogue.ttl")
    return validate(g, shacl_graph=shapes, ont_graph=ontology, inference="none")


def test_graph_conforms_to_the_shapes(graph):
    conforms, report, text = _validate(graph)
    assert conforms, text
    assert len(list(report.subjects(RDF.type, SH.ValidationResult))) == 0


def test_shapes_catch_broken_nodes(graph):
    broken = Graph()
    for t in graph:
        broken.add(t)
    article49 = ID["listing/article49/2112-D3"]
    broken.remove((article49, PROV.wasDerivedFrom, None))      # no provenance
    broken.add((article49, PSL.accessClass, ID["access/L"]))   # access class outside the 7th years
    broken.remove((ID["listing/7e-qualifiante/8326-7"], PSL.accessReason, None))  # unknown without reason
    broken.remove((option_iri("7130"), PSL.sector, None))       # option without sector
    conforms, report, _ = _validate(broken)
    focus = {report.value(r, SH.focusNode) for r in report.subjects(RDF.type, SH.ValidationResult)}
    assert not conforms
    assert focus == {article49, ID["listing/7e-qualifiante/8326-7"], option_iri("7130")}


def test_option_node(graph):
    o = option_iri("2112")
    assert (o, RDF.type, PSL.Option) in graph and (o, RDF.type, SKOS.Concept) in graph
    assert (o, SKOS.inScheme, ID["scheme/options"]) in graph
    assert graph.value(o, SKOS.notation) == Literal("2112")
    assert graph.value(o, SKOS.prefLabel) == Literal("Electricien Installateur/Electricienne Installatrice en résidentiel", lang="fr")
    assert graph.value(o, PSL.sector) == sector_iri(2) and graph.value(o, PSL.group) == group_iri(21)
    assert graph.value(o, PSL.groupDerived) == Literal(True)
    assert graph.value(o, PSL.replacedBy) == option_iri("2115")
    assert (option_iri("2115"), PSL.replaces, o) in graph
    assert graph.value(option_iri("1017"), PSL.group) is None
    assert "sector digit and serial" in str(graph.value(option_iri("1017"), PSL.groupReason))


def test_listings(graph):
    listings = set(graph.objects(option_iri("2323"), PSL.listing))
    assert listings == {ID["listing/article49/2323-D2"], ID["listing/article49/2323-D3"]}
    li = ID["listing/article49/2112-D3"]
    assert {str(m) for m in graph.objects(li, PSL.mark)} == {"R", "uniquement en 6e"}
    assert (graph.value(li, PSL.list), graph.value(li, PSL.form), graph.value(li, PSL.degree), graph.value(li, PSL.validUntil)) == \
        (Literal("article49"), Literal("P"), Literal("D3"), Literal("2019-2020"))
    assert graph.value(li, PROV.wasDerivedFrom) == ID["doc/circulaire-7282/L2026-2026"]
    seventh = ID["listing/7e-qualifiante/7130-7"]
    assert (seventh, RDF.type, PSL.SeventhYearListing) in graph
    assert graph.value(seventh, PSL.accessClass) == ID["access/O"]
    assert graph.value(ID["listing/7e-qualifiante/8326-7"], PSL.accessClass) == ID["access/unknown"]
    assert graph.value(ID["listing/article45/3003"], PSL.newEnrolmentUntil) == Literal("2018-2019")
    assert len(set(graph.subjects(RDF.type, PSL.Listing))) == 343


def test_sectors_and_groups_scheme(graph):
    scheme = ID["scheme/sectors-groups"]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert graph.value(sector_iri(4), SKOS.prefLabel) == Literal("Hôtellerie-Alimentation", lang="fr")
    assert (sector_iri(4), SKOS.topConceptOf, scheme) in graph
    assert graph.value(group_iri(21), SKOS.broader) == sector_iri(2)
    assert (sector_iri(2), SKOS.narrower, group_iri(29)) in graph
    assert graph.value(group_iri(28), SKOS.prefLabel) == Literal("Froid – chaud", lang="fr")
    # Group 29 cites the table row and note 184.
    assert {str(p) for p in graph.objects(group_iri(29), PROV.wasDerivedFrom)} == \
        {str(ID["doc/circulaire-7282/L2311-2311"]), str(ID["doc/circulaire-7282/L2323-2323"])}


def test_access_classes(graph):
    labels = {str(graph.value(ID[f"access/{c}"], SKOS.prefLabel)) for c in ("L", "S-O", "O")}
    assert labels == {"Limitées", "Semi-ouvertes", "Ouvertes"}
    assert (ID["access/unknown"], RDF.type, PSL.AccessClass) in graph


def test_cpu_transformations(graph):
    t = ID["cpu/2115/from/2113"]
    assert (t, RDF.type, PSL.CPUTransformation) in graph
    assert (graph.value(t, PSL.oldOption), graph.value(t, PSL.newOption)) == (option_iri("2113"), option_iri("2115"))
    assert (graph.value(t, PSL.validFrom), graph.value(t, PSL.schoolYear)) == (Literal("2018-2019"), Literal("2019-2020"))
    assert {str(y) for y in graph.objects(t, PSL.newStudyYear)} == {"4e", "5e"}
    # 3311 and 3302 are in no repertory: the row keeps the codes, but links no option.
    macon = ID["cpu/3311/from/3302"]
    assert (graph.value(macon, PSL.newCode), graph.value(macon, PSL.oldCode)) == (Literal("3311"), Literal("3302"))
    assert graph.value(macon, PSL.newOption) is None
    entry = ID["cpu/3137"]
    assert graph.value(entry, PSL.accessClass) == ID["access/S-O"]
    matched = ID["cpu/2524"]
    assert graph.value(matched, PSL.codeMatchedByLabel) == Literal(True)
    assert len(set(graph.subjects(RDF.type, PSL.CPUTransformation))) == 31


def test_every_node_has_provenance_and_no_blank_nodes(graph):
    typed = {s for s, o in graph.subject_objects(RDF.type) if o != PSL.Passage}
    assert typed and all((s, PROV.wasDerivedFrom, None) in graph for s in typed)
    assert not any(isinstance(x, BNode) for t in graph for x in t)


def test_output_is_deterministic(graph):
    again = Graph()
    add_catalogue(again, load_catalogue(load_corpus()))
    assert sorted(again.serialize(format="nt").splitlines()) == sorted(graph.serialize(format="nt").splitlines())


def test_every_psl_term_is_declared(graph):
    ontology = Graph().parse(ONTOLOGY / "catalogue.ttl")
    used = {x for t in graph for x in (t[1], t[2]) if str(x).startswith(str(PSL))} - PROVENANCE_TERMS
    declared = set(ontology.subjects(RDF.type, OWL.Class)) | set(ontology.subjects(RDF.type, OWL.ObjectProperty)) \
        | set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
    assert used <= declared, used - declared
    for term in (t for t in declared if str(t).startswith(str(PSL))):
        langs = {label.language for label in ontology.objects(term, RDFS.label)}
        assert langs == {"fr", "en"} and (term, RDFS.comment, None) in ontology, term
    assert (None, RDF.type, OWL.Ontology) in ontology


def test_french_text_is_tagged_fr_in_the_catalogue_and_provenance(graph):
    # before, marks in words ("uniquement en 6e", "à titre expérimental") were untagged
    # (legal/ and pathways/ are checked by their own tests)
    import re

    from rdflib import Literal
    words = re.compile(r"[a-zà-ÿ]{2}")
    english = {PSL.groupReason, PSL.accessReason, PSL.layoutNote}   # the project's remarks, in English
    untagged = sorted({(str(p), str(o)) for _, p, o in graph
                       if isinstance(o, Literal) and o.datatype is None and o.language is None
                       and words.search(str(o)) and not re.fullmatch(r"[0-9a-z-]+", str(o))})
    assert untagged == []
    assert {o.language for p in english for o in graph.objects(None, p)} == {"en"}
    marks = {str(o): o.language for o in graph.objects(None, PSL.mark)}
    assert marks["uniquement en 6e"] == marks["à titre expérimental"] == "fr" and marks["R"] is None
    from rdflib import Graph, URIRef

    from passerelles.provenance import add_source
    quoted = Graph()
    add_source(quoted, URIRef("urn:fact"), "circulaire-7282", 8, 8, quote="Circulaire 7282")
    assert {o.language for o in quoted.objects(None, PSL.quote)} == {"fr"}
