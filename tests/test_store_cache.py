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
