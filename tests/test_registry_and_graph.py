"""The act registry, ELI-style identifiers, the built graph: determinism, shapes, atomicity."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import Graph, URIRef

from passerelles.namespaces import ELI, PSL, RDF
from passerelles.rdf import serialize
from passerelles.resources import bundled_dir

D1991 = "https://w3id.org/passerelles/eli/decret/1991/07/03"


def test_each_act_once_and_the_decree_of_1991_mostly_through_ibidem(model):
    acts = model.registry.acts
    assert len(acts) == len(set(acts))
    via = Counter(c.via for c in model.citations.citations if c.act == "decret/1991/07/03")
    assert via["direct"] + via["precite"] >= 35        # named some 40 times
    assert via["ibidem"] + via["idem"] > 100            # reached by well over a hundred Ibidems
    assert acts["decret/1991/07/03"].title == "organisant l'enseignement secondaire en alternance"
    assert acts["decret/1997/07/24"].nicknames == {"Missions"}
    assert acts["arrete-royal/1982/07/02/49"].label() == "Arrêté royal n°49 du 2 juillet 1982"


def test_subdivisions_are_eli_style_and_reach_their_act(app):
    g = app.memory_graph
    node = URIRef(D1991 + "/art_6__para_1__al_1__point_2")
    assert (node, RDF.type, ELI.LegalResourceSubdivision) in g
    chain = [node]
    while (parent := g.value(chain[-1], ELI.is_part_of)) is not None:
        chain.append(parent)
    assert [str(n) for n in chain] == [D1991 + "/art_6__para_1__al_1__point_2", D1991 + "/art_6__para_1__al_1",
                                        D1991 + "/art_6__para_1", D1991 + "/art_6", D1991]
    # no official ELI (NUMAC) is invented: the graph says it is unknown
    assert g.value(URIRef(D1991), PSL.officialEli) == PSL.Unknown


def test_every_citation_and_footnote_has_provenance(app):
    g = app.memory_graph
    from passerelles.namespaces import PROV
    for cls in (PSL.Citation, PSL.Footnote, PSL.Division):
        for s in g.subjects(RDF.type, cls):
            assert g.value(s, PROV.wasDerivedFrom) is not None, s


def test_shapes_validate_the_built_graph(app):
    from pyshacl import validate
    shapes = Graph()
    for path in sorted((bundled_dir("ontology") / "shapes").glob("*.ttl")):
        shapes.parse(path)
    conforms, _, text = validate(app.memory_graph, shacl_graph=shapes, inference="none", advanced=True)
    assert conforms, text[:2000]


def test_two_builds_are_byte_identical(cli, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert cli("build", "--out", str(a)).code == 0
    assert cli("build", "--out", str(b), "--json").code == 0
    for name in ("passerelles.ttl", "passerelles.nt"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    lines = (a / "passerelles.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)


def test_failed_build_leaves_previous_output_whole(cli, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert cli("build", "--out", str(out)).code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(graph):
        raise RuntimeError("disk full")
    monkeypatch.setattr(serialize, "turtle", broken)
    with pytest.raises(RuntimeError):
        serialize.write_graph(Graph(), out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_atomic_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    import os

    def fail(src, dst):
        raise OSError("rename failed")
    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        serialize.write_atomic(tmp_path / "x.nt", "data")
    assert list(tmp_path.iterdir()) == []


def test_build_cache_serves_the_same_graph_and_follows_the_corpus(app, corpus_copy, monkeypatch, tmp_path):
    from passerelles.api import Passerelles
    from passerelles.rdf import cache
    monkeypatch.setenv("PASSERELLES_CACHE_DIR", str(tmp_path / "c"))
    first = Passerelles()
    built = set(first.graph)                       # built, then cached
    [entry] = (tmp_path / "c").glob("graph-*.nt")
    assert entry.read_text(encoding="utf-8") == serialize.ntriples(app.memory_graph)
    again = Passerelles()
    assert set(again.graph) == built               # read from the cache
    assert "model" not in again.__dict__           # without parsing the corpus again
    # another corpus (same documents, one manifest title changed) gets another key
    import json
    manifest = json.loads((corpus_copy / "manifest.json").read_text())
    manifest["documents"][1]["id"] = "autre-id"
    (corpus_copy / "manifest.json").write_text(json.dumps(manifest))
    from passerelles.corpus import load_corpus
    assert cache.key(load_corpus(corpus_copy)) != cache.key(load_corpus())
