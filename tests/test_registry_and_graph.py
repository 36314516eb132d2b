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


def _outputs(out) -> dict:
    """The outputs of a build: each file's bytes, the store's seal (digest and files)."""
    return {p.name: p.read_bytes() if p.is_file() else (p / "passerelles-seal.json").read_bytes() for p in out.iterdir()}


def test_failed_build_leaves_previous_output_whole(cli, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert cli("build", "--out", str(out)).code == 0
    before = _outputs(out)
    assert set(before) == {"passerelles.nt", "passerelles.ttl", "passerelles.oxigraph"}

    def broken(graph):
        raise RuntimeError("disk full")
    monkeypatch.setattr(serialize, "turtle", broken)
    with pytest.raises(RuntimeError):
        serialize.write_graph(Graph(), out)
    assert _outputs(out) == before


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
    assert serialize.read_stamped(entry.read_bytes())[0] == serialize.ntriples(app.memory_graph)
    again = Passerelles()
    assert set(again.graph) == built               # read from the cache
    assert "model" not in again.__dict__           # without parsing the corpus again
    # another corpus (same documents, one manifest id changed) gets another key
    import json
    manifest = json.loads((corpus_copy / "manifest.json").read_text())
    manifest["documents"][1]["id"] = "autre-id"
    (corpus_copy / "manifest.json").write_text(json.dumps(manifest))
    from passerelles.corpus import load_corpus
    assert cache.key(load_corpus(corpus_copy)) != cache.key(load_corpus())


@pytest.fixture
def sealed_entry(app, monkeypatch, tmp_path):
    """A sound N-Triples cache entry of the bundled corpus in a cache folder of its own, and
    no store yet: the store is made from the entry, which is read and checked for that (the
    damaged stores are tested in test_store_cache.py)."""
    from passerelles.rdf import cache
    monkeypatch.setenv("PASSERELLES_CACHE_DIR", str(tmp_path / "cache"))
    path = cache.entry_path(app.corpus)
    path.parent.mkdir(parents=True)
    path.write_bytes(serialize.stamped(serialize.ntriples(app.memory_graph)))
    return path


def _fresh(app):
    """A new app of the bundled corpus that builds from ``app``'s graph (not from the corpus
    again) if it must build: what is tested here is what the cache serves."""
    from passerelles.api import Passerelles
    fresh = Passerelles()
    fresh.__dict__["memory_graph"] = app.memory_graph
    return fresh


def _line_602(graph) -> set:
    from passerelles.namespaces import PSL
    from rdflib import Literal
    from rdflib.namespace import XSD
    return set(graph.subjects(PSL.firstLine, Literal(602, datatype=XSD.integer)))


def _rule_triples(text: str) -> str:
    rule = "<https://w3id.org/passerelles/id/rule/circulaire-7282/admission-3P-derogation>"
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(rule))


# Each damage the issue found: before, the entry was parsed unchecked and answered (exit 0)
# with line 702 for 602, one route fewer, "0 acts" or "unknown name", or gave a traceback.
DAMAGES = {
    "one line edited": lambda data: data.replace(b'"602"^^', b'"702"^^', 1),
    "one rule removed": lambda data: _rule_triples(data.decode()).encode(),
    "emptied": lambda data: b"",
    "cut in half": lambda data: data[: len(data) // 2],
    "garbage": lambda data: bytes(range(256)) * 50,
    "header of another entry": lambda data: data.split(b"\n", 1)[0] + b"\n<urn:a> <urn:b> <urn:c> .\n",
}


@pytest.mark.parametrize("damage", DAMAGES, ids=list(DAMAGES))
def test_a_damaged_cache_entry_is_rebuilt_with_one_line_on_stderr(app, sealed_entry, damage, capsys):
    sealed_entry.write_bytes(DAMAGES[damage](sealed_entry.read_bytes()))
    capsys.readouterr()
    graph = _fresh(app).graph
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"passerelles: cache entry {sealed_entry} is damaged (")
    assert err.rstrip().endswith("; rebuilding it")
    assert len(graph) == len(app.memory_graph) and _line_602(graph) == _line_602(app.memory_graph) != set()
    assert serialize.read_stamped(sealed_entry.read_bytes())[0] == serialize.ntriples(app.memory_graph)  # rebuilt
    _fresh(app).graph
    assert capsys.readouterr().err == ""           # and sound from then on


def test_an_entry_whose_digest_matches_but_does_not_parse_is_rebuilt(app, sealed_entry, capsys):
    sealed_entry.write_bytes(serialize.stamped("<urn:a> <urn:b> not n-triples\n"))
    graph = _fresh(app).graph
    assert "is damaged (it does not parse" in capsys.readouterr().err
    assert len(graph) == len(app.memory_graph)


def test_an_entry_that_holds_fewer_triples_than_its_header_says_is_rebuilt(app, sealed_entry, capsys):
    sealed_entry.write_bytes(sealed_entry.read_bytes().replace(b" triples=", b" triples=1", 1))
    _fresh(app).graph
    assert "is damaged (" in capsys.readouterr().err


def test_a_fifo_in_place_of_the_cache_entry_is_replaced_without_waiting(app, sealed_entry, capsys):
    import os
    sealed_entry.unlink()
    os.mkfifo(sealed_entry)   # before, reading it blocked for ever
    graph = _fresh(app).graph
    assert "not a regular file (a FIFO)" in capsys.readouterr().err
    assert len(graph) == len(app.memory_graph) and sealed_entry.is_file()


def test_the_cache_key_follows_every_manifest_field_that_enters_the_graph(corpus_copy, app, monkeypatch, tmp_path):
    # before, the key ignored title, issuer and date: an edited title served the old one
    import json
    from passerelles.api import Passerelles
    from passerelles.corpus import load_corpus
    from passerelles.errors import CorpusError
    from passerelles.namespaces import DCTERMS
    from passerelles.provenance import document_iri
    from passerelles.rdf import cache
    monkeypatch.setenv("PASSERELLES_CACHE_DIR", str(tmp_path / "cache"))
    assert Passerelles(corpus_copy).graph  # built and cached
    keys = {cache.key(load_corpus(corpus_copy))}
    path = corpus_copy / "manifest.json"
    for field, value in (("issuer", "Un autre éditeur"), ("date", "2019-09-03"), ("title", "Un autre titre")):
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest["documents"][0][field] = value
        path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        keys.add(cache.key(load_corpus(corpus_copy)))
    assert len(keys) == 4
    # the curated sources record the circular's date (sources.yaml), so an edited date is a
    # corpus that no longer matches them: a clear error, not a graph with two dates
    with pytest.raises(CorpusError, match="date 2019-09-02 is not the manifest's 2019-09-03"):
        Passerelles(corpus_copy).model
    manifest["documents"][0]["date"] = "2019-09-02"
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    titles = set(Passerelles(corpus_copy).graph.objects(document_iri("circulaire-7282"), DCTERMS.title))
    assert [str(t) for t in titles] == ["Un autre titre"]


def test_turtle_and_ntriples_hold_the_same_graph(cli, tmp_path):
    # before, 262 decimals were "16" in the N-Triples and 16.0 (another literal) in the Turtle
    import pyoxigraph
    out = tmp_path / "out"
    assert cli("build", "--out", str(out)).code == 0
    nt = set(pyoxigraph.parse(path=str(out / "passerelles.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES))
    ttl = set(pyoxigraph.parse(path=str(out / "passerelles.ttl"), format=pyoxigraph.RdfFormat.TURTLE))
    assert nt == ttl and len(nt) > 30000
    decimals = {t for t in nt if isinstance(t.object, pyoxigraph.Literal)
                and t.object.datatype.value.endswith("#decimal")}
    assert decimals and {t.object.value for t in decimals} >= {"16"}


def test_both_files_of_a_build_carry_the_stamp_of_the_graph(cli, tmp_path):
    out = tmp_path / "out"
    assert cli("build", "--out", str(out)).code == 0
    data = (out / "passerelles.nt").read_bytes()
    nt, triples = serialize.read_stamped(data)            # the stamp matches the content
    first = {name: (out / name).read_text(encoding="utf-8").splitlines()[0]
             for name in ("passerelles.nt", "passerelles.ttl")}
    assert first["passerelles.nt"] == first["passerelles.ttl"] == serialize.stamp(nt).rstrip("\n")
    assert f"triples={triples}" in first["passerelles.ttl"] and triples > 30000


def test_a_build_that_dies_between_the_two_renames_is_told_by_the_stamps(app, tmp_path, monkeypatch):
    # the window "new .nt beside an old .ttl" cannot be closed by renames alone: the stamps say it
    import os
    out = tmp_path / "out"
    old = Graph()
    old.add((URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")))
    serialize.write_graph(old, out)
    real, calls = os.replace, []

    def die_on_the_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt  # killed between the renames
        real(src, dst)
    monkeypatch.setattr(os, "replace", die_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        serialize.write_graph(app.memory_graph, out)
    monkeypatch.setattr(os, "replace", real)
    stamps = {p.name: p.read_text(encoding="utf-8").splitlines()[0] for p in out.iterdir() if p.is_file()}
    assert set(stamps) == {"passerelles.nt", "passerelles.ttl"}      # and no temporary file
    assert stamps["passerelles.nt"] != stamps["passerelles.ttl"]
    assert sorted(p.name for p in out.iterdir()) == ["passerelles.nt", "passerelles.oxigraph", "passerelles.ttl"]
    from passerelles.rdf.disk import read_seal                       # the store is still the old one
    assert f"sha256={read_seal(out / 'passerelles.oxigraph').sha256} " in stamps["passerelles.ttl"]


def test_a_failed_second_file_leaves_both_old_files(cli, tmp_path, monkeypatch):
    from passerelles import files
    out = tmp_path / "out"
    assert cli("build", "--out", str(out)).code == 0
    before = _outputs(out)
    real = files.write_temporary

    def full_disk(path, data):
        if path.name.endswith(".ttl"):
            raise OSError(28, "No space left on device")
        return real(path, data)
    monkeypatch.setattr(serialize, "write_temporary", full_disk)
    with pytest.raises(OSError):
        serialize.write_graph(Graph(), out)
    assert _outputs(out) == before


def test_the_temporary_files_of_a_killed_build_are_removed_by_the_next_one(cli, tmp_path):
    import subprocess
    import sys
    out = tmp_path / "out"
    killed = ("import os, signal, sys; from pathlib import Path; from passerelles.files import write_temporary; "
              "write_temporary(Path(sys.argv[1]) / 'passerelles.nt', 'half a graph'); os.kill(os.getpid(), signal.SIGKILL)")
    proc = subprocess.run([sys.executable, "-c", killed, str(out)], timeout=60)
    assert proc.returncode == -9
    [left] = list(out.iterdir())
    assert left.name.startswith(".passerelles.nt.") and left.name.endswith(".tmp")
    assert cli("build", "--out", str(out)).code == 0
    assert sorted(p.name for p in out.iterdir()) == ["passerelles.nt", "passerelles.oxigraph", "passerelles.ttl"]


def test_every_text_of_the_whole_graph_carries_its_language(app):
    """Issue 16: French texts were untagged (196) and ``psl:reason`` mixed languages. Every
    literal that is text (words separated by spaces) is tagged: ``@fr`` for what the sources
    and the rules say, ``@en`` for the project's own remarks (the resolver's analysis of a
    citation, layout notes); codes and identifiers stay plain; the conditions' JSON data is
    data, not text."""
    import re

    from rdflib import Literal

    from passerelles.namespaces import PSL
    text = re.compile(r"[^\W\d_]{2,}\s+\S")
    untagged = sorted({(str(p), str(o)[:60]) for _, p, o in app.memory_graph
                       if isinstance(o, Literal) and o.datatype is None and o.language is None
                       and p not in (PSL.conditionData, PSL.markSequence) and text.search(str(o))})
    assert untagged == []      # (markSequence: codes, "R | RDQ | CPU")
    # the citations' reasons are the resolver's analysis, in English; the conditions', French
    for s, o in app.memory_graph.subject_objects(PSL.reason):
        kinds = {str(t).rsplit("#", 1)[-1] for t in app.memory_graph.objects(s, RDF.type)}
        assert o.language == ("en" if "Citation" in kinds else "fr"), (kinds, str(o)[:60])
