"""The ontology: it parses, owlready2 loads it and its reasoner (HermiT) finds it consistent,
and every psl: term the graph uses is declared."""

from __future__ import annotations

import shutil

import pytest
from rdflib import Graph, URIRef

from passerelles.namespaces import PSL
from passerelles.resources import bundled_dir


def _ontology() -> Graph:
    g = Graph()
    for path in sorted(bundled_dir("ontology").glob("*.ttl")):
        g.parse(path)
    return g


def test_every_psl_term_used_by_the_graph_is_declared(app):
    declared = {s for s in _ontology().subjects() if isinstance(s, URIRef) and str(s).startswith(str(PSL))}
    used = set()
    for s, p, o in app.memory_graph:
        for term in (p, o):
            if isinstance(term, URIRef) and str(term).startswith(str(PSL)):
                used.add(term)
    assert used - declared == set()


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_owlready2_loads_the_ontology_and_hermit_finds_it_consistent(tmp_path):
    import owlready2

    # owlready2 reads RDF/XML, not Turtle; the modules are merged into one file, so their
    # owl:imports (which owlready2 would try to download) are dropped
    from rdflib.namespace import OWL
    merged = _ontology()
    merged.remove((None, OWL.imports, None))
    path = tmp_path / "passerelles.owl"
    merged.serialize(path, format="xml")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    assert onto.search_one(iri=str(PSL.PathwayRule)) is not None
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []
