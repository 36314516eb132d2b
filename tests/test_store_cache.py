"""Issue 14: the curated files read once with the C loader, the persistent store of the build
cache (checked on open, rebuilt when damaged, replaced atomically), the hot paths on
pyoxigraph."""

from __future__ import annotations

import pytest
import yaml

from passerelles.resources import data_dir


def _lines(value, out):
    if hasattr(value, "line"):
        out.append(value.line)
    if isinstance(value, dict):
        for v in value.values():
            _lines(v, out)
    elif isinstance(value, list):
        for v in value:
            _lines(v, out)
    return out


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
def test_the_c_loader_and_the_pure_loader_read_the_same_data_and_lines():
    from passerelles.rules.loader import line_loader
    text = (data_dir() / "rules" / "circulaire-7282.yaml").read_text(encoding="utf-8")
    fast = yaml.load(text, Loader=line_loader(yaml.CSafeLoader))
    pure = yaml.load(text, Loader=line_loader(yaml.SafeLoader))
    assert fast == pure
    assert _lines(fast, []) == _lines(pure, []) and len(_lines(fast, [])) > 1000
    # the rule award-CESS-7P starts on the same line either way (the error messages' lines)
    [rule] = [r for r in fast["rules"] if r["id"] == "award-CESS-7P"]
    assert text.splitlines()[rule.line - 1].lstrip("- ").startswith("id: award-CESS-7P")


def test_the_curated_files_are_read_once_and_again_when_they_change(tmp_path):
    import shutil
    from passerelles.rules import loader
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    first = loader.load(str(folder))
    assert loader.load(str(folder)) is first                      # read once
    years = folder / "years.yaml"
    years.write_text(years.read_text(encoding="utf-8").replace("6e année de l'enseignement professionnel",
                                                               "Sixième professionnelle", 1), encoding="utf-8")
    again = loader.load(str(folder))
    assert again is not first and {y.id: y.label for y in again.years}["6P"] == "Sixième professionnelle"


def test_the_turtle_writer_reads_back_as_the_same_graph_for_every_kind_of_term():
    import pyoxigraph as ox
    from passerelles.rdf.serialize import canonical, turtle
    xsd = "http://www.w3.org/2001/XMLSchema#"
    s, p = ox.NamedNode("https://w3id.org/passerelles/id/x"), ox.NamedNode("https://w3id.org/passerelles/ontology#p")
    objects = [
        ox.Literal("16", datatype=ox.NamedNode(xsd + "decimal")),      # not its own shorthand (16.0)
        ox.Literal("16.5", datatype=ox.NamedNode(xsd + "decimal")),
        ox.Literal("602", datatype=ox.NamedNode(xsd + "integer")),
        ox.Literal("1.5E0", datatype=ox.NamedNode(xsd + "double")),
        ox.Literal("true", datatype=ox.NamedNode(xsd + "boolean")),
        ox.Literal("2019-09-02", datatype=ox.NamedNode(xsd + "date")),
        ox.Literal('il dit "oui" ^^ non\nà la ligne\t§1^{er}'),
        ox.Literal('« l\'élève »', language="fr"),
        ox.NamedNode("https://w3id.org/passerelles/eli/decret/1991/07/03/art_6"),   # '/' in the local part
        ox.NamedNode("https://w3id.org/passerelles/id/title/CE6P"),
        ox.NamedNode("urn:x:y"),
        ox.BlankNode("b0"),
    ]
    triples = [ox.Triple(s, p, o) for o in objects] + [
        ox.Triple(s, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode("urn:C"))]
    nt = canonical(triples)
    text = turtle(nt)
    assert set(ox.parse(text, ox.RdfFormat.TURTLE)) == set(ox.parse(nt, ox.RdfFormat.N_TRIPLES))
    assert "pid:x a <urn:C> ;" in text                                # the type first, as 'a'
    assert '"16"^^xsd:decimal' in text and " 16.5" in text and " 602" in text and " true" in text
    assert turtle(nt) == text == turtle(list(reversed(triples)))      # the same bytes whatever the order given


# --------------------------------------------------------------------------- the store of the cache
@pytest.fixture
def cached(app, monkeypatch, tmp_path):
    """A sound cache entry of the bundled corpus (N-Triples and store) in a folder of its own;
    returns the store's folder."""
    from passerelles.rdf import cache
    from passerelles.rdf.serialize import ntriples
    monkeypatch.setenv("PASSERELLES_CACHE_DIR", str(tmp_path / "cache"))
    cache.save(app.corpus, ntriples(app.memory_graph))
    return cache.store_path(app.corpus)


def _fresh(app):
    """A new app of the bundled corpus that builds from ``app``'s graph if it must."""
    from passerelles.api import Passerelles
    fresh = Passerelles()
    fresh.__dict__["memory_graph"] = app.memory_graph
    return fresh


# The README's citation of line 602 (the first line of a rule): what a damaged store that
# answered would get wrong first.
LINE_602 = ("SELECT ?s WHERE { ?s <https://w3id.org/passerelles/ontology#firstLine> "
            "602 } ORDER BY ?s")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _answers(store) -> tuple:
    return store.select(COUNT)[0]["n"], [r["s"] for r in store.select(LINE_602)]


def _sst(folder):
    return sorted((p for p in folder.iterdir() if p.suffix == ".sst"), key=lambda p: p.stat().st_size)[-1]


def _write_to(folder):
    import pyoxigraph
    store = pyoxigraph.Store(str(folder))        # read-write, as another program might
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("urn:a"), pyoxigraph.NamedNode("urn:b"), pyoxigraph.Literal("c"),
                              pyoxigraph.NamedNode("https://w3id.org/passerelles/graph/circulaire-7282")))
    store.flush()
    del store


def _another_store(folder):
    import shutil
    from passerelles.rdf.disk import write_store
    shutil.rmtree(folder)
    write_store('<urn:a> <urn:b> "c" .\n', folder, key="0" * 32)      # sound, but another entry's


def _seal_of_another_graph(folder):
    import json
    seal = json.loads((folder / "passerelles-seal.json").read_text())
    seal["sha256"] = "0" * 64
    (folder / "passerelles-seal.json").write_text(json.dumps(seal))


def _a_file_in_its_place(folder):
    import shutil
    shutil.rmtree(folder)
    folder.write_text("not a store")


def _garbled_in_place(folder):
    """Bytes flipped inside every table file, sizes kept: RocksDB's block checksums find it
    when it reads them (at opening, or when a query reads the block)."""
    for sst in folder.glob("*.sst"):
        data = bytearray(sst.read_bytes())
        for i in range(len(data) // 4, len(data) // 2, 997):
            data[i] ^= 0x5A
        sst.write_bytes(bytes(data))


STORE_DAMAGES = {
    "seal removed": lambda f: (f / "passerelles-seal.json").unlink(),
    "seal garbled": lambda f: (f / "passerelles-seal.json").write_bytes(bytes(range(256))),
    "a table file removed": lambda f: _sst(f).unlink(),
    "a table file cut": lambda f: _sst(f).write_bytes(_sst(f).read_bytes()[:1000]),
    "written to by another program": _write_to,
    "another entry's store": _another_store,
    "a seal naming another graph": _seal_of_another_graph,
    "a file in place of the folder": _a_file_in_its_place,
    "garbled in place": _garbled_in_place,
}
EXPECTED = {
    "seal removed": "it has no seal",
    "seal garbled": "its seal does not read",
    "a table file removed": "is missing",
    "a table file cut": "bytes, its seal says",
    "written to by another program": "",
    "another entry's store": "it was built for another corpus or another version",
    "a seal naming another graph": "the stamp it holds is not its seal's",
    "a file in place of the folder": "it is not a folder",
    "garbled in place": "",
}


@pytest.mark.parametrize("damage", STORE_DAMAGES, ids=list(STORE_DAMAGES))
def test_a_damaged_store_is_rebuilt_with_one_line_on_stderr(app, cached, damage, capsys):
    sound = _answers(_fresh(app).store)
    assert sound[0] > 30000 and sound[1]
    STORE_DAMAGES[damage](cached)
    capsys.readouterr()
    fresh = _fresh(app)
    assert _answers(fresh.store) == sound                 # never a damaged answer
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"passerelles: cache entry {cached} is damaged ("), err
    assert EXPECTED[damage] in err and err.rstrip().endswith("; rebuilding it")
    assert "model" not in fresh.__dict__                  # rebuilt from the sound N-Triples entry
    assert _answers(_fresh(app).store) == sound
    assert capsys.readouterr().err == ""                  # and sound from then on


def test_a_block_found_damaged_by_a_query_is_rebuilt_and_the_query_run_again(app, cached, capsys):
    import pyoxigraph
    from passerelles.store import EmbeddedStore
    store = _fresh(app).store
    sound = _answers(store)

    class Damaged:      # what RocksDB raises when a block it reads fails its checksum
        def query(self, *args, **kwargs):
            raise RuntimeError("Corruption: block checksum mismatch: stored = 1, computed = 2  in x.sst")
    rebuilt = []
    damaged = EmbeddedStore(pyoxigraph.Store(), recover=lambda problem: rebuilt.append(problem) or store.oxigraph)
    damaged.oxigraph = Damaged()
    assert _answers(damaged) == sound and len(rebuilt) == 1
    # through the cache: the entry is said damaged in one line and rebuilt
    from passerelles.rdf import cache
    fresh = _fresh(app)
    recovered = cache._recover(fresh.corpus, fresh._ntriples, RuntimeError("Corruption: block checksum mismatch"))
    assert f"cache entry {cached} is damaged (Corruption: block checksum mismatch); rebuilding it" in capsys.readouterr().err
    assert _answers(EmbeddedStore(recovered)) == sound


def test_opening_the_store_parses_nothing(app, cached, monkeypatch):
    import pyoxigraph
    from passerelles.rdf import cache

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed")
    monkeypatch.setattr(pyoxigraph, "parse", no_parse)
    monkeypatch.setattr(pyoxigraph.Store, "load", no_parse, raising=False)
    fresh = _fresh(app)
    assert fresh.store.select(COUNT)[0]["n"] > 30000
    # nor reads the corpus's texts: its manifest, and the record of the files verified
    assert "model" not in fresh.__dict__ and "corpus" not in fresh.__dict__
    assert (cached / "passerelles-seal.json").is_file() and cache.store_path(fresh.corpus_stamp) == cached
    assert cache.store_path(fresh.corpus) == cached          # the same key as the corpus loaded


def test_readers_keep_answering_while_a_build_replaces_the_store(app, cached):
    import subprocess
    import sys
    from passerelles.rdf import cache
    from passerelles.rdf.serialize import ntriples
    sound = _answers(_fresh(app).store)
    reader = ("import sys; from passerelles.api import Passerelles\n"
              "for _ in range(15):\n"
              "    p = Passerelles(); s = p.store\n"
              f"    print(s.select({COUNT!r})[0]['n'], len(s.select({LINE_602!r})), flush=True)\n")
    readers = [subprocess.Popen([sys.executable, "-c", reader], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(3)]
    opened = _fresh(app).store                            # a reader that opened the store before
    nt = ntriples(app.memory_graph)
    for _ in range(4):
        cache.save(app.corpus, nt)                        # a build replaces the store, in one step
        assert _answers(opened) == sound
    for proc in readers:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert set(out.splitlines()) == {f"{sound[0]} {len(sound[1])}"}
    # no temporary left: the store, its N-Triples, and the record of the corpus files verified
    assert sorted(p.name for p in cached.parent.iterdir()) == sorted([cached.name, cached.name[:-len(".oxigraph")] + ".nt",
                                                                      cache.VERIFIED])


def test_without_a_cache_the_graph_is_loaded_in_memory(app, monkeypatch, tmp_path):
    monkeypatch.setenv("PASSERELLES_NO_CACHE", "1")
    fresh = _fresh(app)
    assert _answers(fresh.store)[0] == len(app.memory_graph)
    assert len(fresh.graph) == len(app.memory_graph)


def test_the_build_writes_a_sealed_store_beside_the_files(cli, tmp_path):
    import subprocess
    from passerelles.rdf.disk import open_sealed
    from passerelles.rdf.serialize import read_stamped
    from passerelles.store import EmbeddedStore
    out = tmp_path / "out"
    assert cli("build", "--out", str(out), "--json").code == 0
    store, seal = open_sealed(out / "passerelles.oxigraph")
    nt, triples = read_stamped((out / "passerelles.nt").read_bytes())
    assert (seal.sha256, seal.triples) == (__import__("hashlib").sha256(nt.encode()).hexdigest(), triples)
    assert EmbeddedStore(store).select(COUNT)[0]["n"] == triples
    # Oxigraph's own tools read it: what they dump is the graph, byte for byte once sorted
    dumped = subprocess.run([__import__("sys").executable, "-c",
                             "import pyoxigraph, sys; s = pyoxigraph.Store.read_only(sys.argv[1]); "
                             "sys.stdout.write(''.join(sorted(f'{q.triple} .\\n' for q in s.quads_for_pattern("
                             "None, None, None, pyoxigraph.NamedNode('https://w3id.org/passerelles/graph/circulaire-7282')))))",
                             str(out / "passerelles.oxigraph")], capture_output=True, text=True, check=True).stdout
    assert dumped == nt


def test_a_copy_of_the_cached_store_serves_the_graph_alone(app, cached, tmp_path):
    # what 'serve' can hand to the server instead of loading the N-Triples again
    import json
    import urllib.parse
    import urllib.request
    from passerelles.rdf.disk import copy_store, open_sealed, read_seal
    from passerelles.remote.serve import OxigraphServer
    seal = read_seal(cached)
    assert copy_store(cached, tmp_path / "served") == seal.triples
    assert read_seal(cached) == seal and open_sealed(cached)        # the entry is untouched, still sound
    with OxigraphServer(tmp_path / "served", read_only=True, union_default_graph=True) as server:
        query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        request = urllib.request.Request(server.query_url + "?query=" + urllib.parse.quote(query),
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=20) as answer:
            rows = json.loads(answer.read())["results"]["bindings"]
    assert [(r["g"]["value"], int(r["n"]["value"])) for r in rows] == [
        ("https://w3id.org/passerelles/graph/circulaire-7282", seal.triples)]      # no stamp graph


# --------------------------------------------------------------------------- filters in SPARQL
D1991 = "https://w3id.org/passerelles/eli/decret/1991/07/03"


@pytest.mark.parametrize("act, article", [(D1991, "6"), (D1991, None), (D1991, "2quater"),
                                          ("https://w3id.org/passerelles/eli/decret/1997/07/24", None)])
def test_citations_of_an_act_are_the_rows_the_python_filter_keeps(app, act, article):
    from types import SimpleNamespace

    import pyoxigraph
    from passerelles.queries import load_query
    from passerelles.views.citations import citation_records, filter_citations
    store = app.store
    rows = store.select(load_query("citations").text)
    records = citation_records(store)                      # one record a row, in the same order
    assert len(records) == len(rows)
    kept = [row for row, record in zip(rows, records)
            if filter_citations([record], [SimpleNamespace(iri=act)], article)]
    params = {"ofAct": pyoxigraph.NamedNode(act)}
    if article is not None:
        params["ofArticle"] = pyoxigraph.Literal(article)
    found = [pyoxigraph.NamedNode(row["citation"]) for row in store.select(load_query("citations-of-act").text, params)]
    # the rows of those citations, and their other readings, asked for those citations only
    got = store.select(load_query("citations").text, {"citation": found})
    assert got == kept and kept                            # the same rows, in the same order
    every = store.select(load_query("citation-alternatives").text)
    assert store.select(load_query("citation-alternatives").text, {"citation": found}) == \
        [a for a in every if a["citation"] in {row["citation"] for row in got}]


@pytest.mark.parametrize("act, article, status", [(D1991, "6", None), (D1991, "2QUATER", None), (D1991, None, "ambiguous"),
                                                  ("décret Missions", None, None), ("décret du 14 mars 2019", None, None)])
def test_the_front_door_asks_the_graph_for_the_citations_of_an_act_and_keeps_the_same_answer(app, act, article, status):
    # the citations command asks citations-of-act.rq for the citations of the act, then reads
    # their rows only; the answer is the one the Python filter gives over every citation
    from passerelles.errors import UnknownNameError
    from passerelles.views.citations import citation_records, filter_citations, resolve_act
    try:
        found = resolve_act(app.store, act)
    except UnknownNameError:                      # several acts of 14 March 2019: the same error
        with pytest.raises(UnknownNameError):
            app.citations(act=act)
        return
    expected = filter_citations(citation_records(app.store), [found], article, status)
    got = app.citations(act=act, article=article, status=status)
    assert [c.to_dict() for c in got] == [c.to_dict() for c in expected] and got
    if (act, article) == (D1991, "6"):
        assert len(got) == 30                      # the 30 citations of art. 6 (README, test_cli_citations)


def test_articles_are_written_as_the_lookup_folds_them():
    # citations-of-act compares an article as the graph writes it: the citations command
    # passes fold(--article), which is the same only while every article is already folded
    from passerelles.text import fold
    from passerelles.api import Passerelles
    rows = Passerelles().store.select(
        "SELECT DISTINCT ?a WHERE { ?x <https://w3id.org/passerelles/ontology#article> ?a }")
    assert rows and all(fold(r["a"]) == r["a"] for r in rows)


def test_the_build_fills_the_cache_with_a_copy_of_its_store_that_stands_alone(cli, app, tmp_path, monkeypatch):
    from passerelles.rdf import cache
    from passerelles.rdf.disk import open_sealed
    monkeypatch.setenv("PASSERELLES_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "out"
    assert cli("build", "--out", str(out)).code == 0
    built, entry = out / "passerelles.oxigraph", cache.store_path(app.corpus)
    _, seal = open_sealed(built)
    _, cached_seal = open_sealed(entry, cache.key(app.corpus))
    assert (seal.sha256, seal.triples, seal.key) == (cached_seal.sha256, cached_seal.triples, None)
    shared = {p.name for p in built.glob("*.sst") if (entry / p.name).exists() and (entry / p.name).samefile(p)}
    assert shared                                      # the table files are shared, not loaded twice
    _write_to(built)                                   # someone writes to the build's store…
    open_sealed(entry, cache.key(app.corpus))          # …the cache's stays sound
    assert _answers(_fresh(app).store)[0] == seal.triples
