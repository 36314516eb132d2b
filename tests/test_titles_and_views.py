"""Titles with their legal basis, and the views answered from the graph."""

from __future__ import annotations

from passerelles.catalogue import load_catalogue, option_rows
from passerelles.views.options import option_records
from passerelles.views.titles import title_records


def _by_id(app):
    """The circular's titles (the other documents' titles: test_systems_routes)."""
    return {t.id: t.to_dict() for t in title_records(app.store) if t.source.document == "circulaire-7282"}


def test_titles_have_issuer_basis_and_source(app):
    titles = _by_id(app)
    assert len(titles) == 26
    cess = titles["CESS"]
    assert cess["label"] == "Certificat d'enseignement secondaire supérieur" and cess["issued_by"] == "conseil-de-classe"
    assert [(b["act"]["iri"].rsplit("/eli/", 1)[1], b["article"], b["paragraph"]) for b in cess["basis"]] == [
        ("arrete-royal/1984/06/29", "25", "2")]             # note 103
    assert titles["CE6P"]["basis"][0]["citation"] == "Arrêté royal du 29 juin 1984, art. 24, §1er"   # note 104
    assert titles["CQ6"]["issued_by"] == "jury-de-qualification"
    assert titles["CQ6"]["basis"][0]["citation"] == "Arrêté royal du 29 juin 1984, art. 26, §2, 1°"   # note 105
    assert titles["ACP-D2"]["basis"][0]["citation"] == "Décret du 3 juillet 1991, art. 10, al. 1er"    # note 117
    # the circular names the CE1D only as a condition of admission: no basis, and it says so
    assert titles["CE1D"]["basis"] == [] and titles["CE1D"]["basis_missing"]
    for t in titles.values():
        assert t["jurisdiction"] == "BE-FWB"
        assert t["basis"] or t["basis_missing"], t["id"]


def test_titles_command(cli):
    result = cli("titles", "--json")
    assert result.code == 0
    assert {"CESS", "CE6P", "CEB", "AO-A", "AO-B", "AO-C", "ATT-REINSERTION", "CGB"} <= {t["id"] for t in result.json()}


def test_options_from_the_graph_equal_the_parsed_catalogue(app):
    from_graph = {(r.code, r.list): r.to_dict() for r in option_records(app.store)}
    parsed = {(r["code"], r["list"]): r for r in option_rows(load_catalogue(app.corpus))}
    assert from_graph == parsed
