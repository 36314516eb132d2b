"""The data of the four secondary documents (corpus 000-003): sound, quoted, and right.

Each test is derived by hand from the documents themselves, read line by line
(``cat -n corpus/000_596d3887167686c3.txt`` …); its comment gives the lines, and where it
matters the test reads those lines before it checks the data.
"""

from __future__ import annotations


import pytest
from conftest import replace_in_file
from rdflib import Literal, URIRef

from passerelles.corpus import load_corpus
from passerelles.namespaces import ELM, PSL, RDF, SKOS
from passerelles.rules import load, load_rules, load_titles, load_years, validate
from passerelles.rules.loader import check_sources

DOCS = {"infor-jeunes-cess-cqss": "000", "la-mache-cqp": "001", "cqp-4-etapes": "002", "titre-pro-sessions": "003"}
ID = "https://w3id.org/passerelles/id/"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def line(corpus):
    return lambda doc, n: corpus[doc].line(n)


@pytest.fixture(scope="module")
def data():
    return load()


@pytest.fixture(scope="module")
def rules():
    return {r.id: r for r in load_rules() if r.document in DOCS}


@pytest.fixture(scope="module")
def titles():
    return {t.id: t for t in load_titles()}


def collapse(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- soundness
def test_every_quotation_of_the_four_documents_is_in_its_lines(corpus, data):
    """Rules, their condition groups, titles, roles, parts, shared titles, statements, the
    conflicts' sides, the readers' threads and the slips: each quotation in its lines."""
    assert check_sources(data, corpus) == []
    quoted = [s for r in data.rules if r.document in DOCS for s in [r.source] + [n.source for n in r.condition_nodes() if n.source]]
    quoted += [s.source for s in data.statements] + [side.source for c in data.conflicts for side in c.sides]
    quoted += [t.question for src in data.sources for t in src.threads] + [slip.source for src in data.sources for slip in src.slips]
    for src in quoted:
        doc = corpus[src.document]
        assert collapse(src.quote) in collapse(doc.span(src.first, src.last)), (src.document, src.first, src.quote)
    assert len(quoted) > 120


def test_no_rule_of_a_secondary_document_cites_a_provision(rules):
    """None of the four is a legal text and none cites a provision: every rule says so."""
    assert len(rules) == 40
    for r in rules.values():
        assert r.basis == () and r.basis_missing and "aucune disposition" in r.basis_missing, r.id
        assert r.validity is None, r.id          # undated: no school years of validity


def test_each_document_has_its_standing(data, corpus):
    kinds = {s.document: (s.kind.value, s.date) for s in data.sources}
    assert kinds == {"circulaire-7282": ("administrative-circular", "2019-09-02"),
                     "infor-jeunes-cess-cqss": ("information-service", None), "la-mache-cqp": ("school-page", None),
                     "cqp-4-etapes": ("branch-guide", None), "titre-pro-sessions": ("centres-guide", None)}
    # the manifest agrees: undated, and the jurisdictions
    for doc in DOCS:
        assert corpus[doc].date is None
    assert corpus["infor-jeunes-cess-cqss"].jurisdiction == "BE-FWB" and corpus["titre-pro-sessions"].jurisdiction == "FR"


def test_who_speaks_is_read_from_the_lines_quoted(rules, data, line):
    """000: the article is the author's (l. 1-12, signed « Eric Bruggeman / Infor Jeunes
    Laeken »), then readers' questions and unsigned replies. 001-003: the author only."""
    assert (line("infor-jeunes-cess-cqss", 11), line("infor-jeunes-cess-cqss", 12)) == ("Eric Bruggeman", "Infor Jeunes Laeken")
    speakers = {r.id: r.speaker.value for r in rules.values()}
    assert speakers["award-CESS-complement"] == "answer"              # l. 41 « SI tu réussis … »
    assert speakers["admission-PS-BACHELIER-sans-CESS"] == "answer"   # l. 35
    assert speakers["equivalence-CAP-petite-enfance"] == "answer"     # l. 23
    assert speakers["admission-PS-COMPLEMENT-CESS"] == "author"       # l. 10
    assert all(s == "author" for r, s in speakers.items() if rules[r].document != "infor-jeunes-cess-cqss")
    statements = {s.id: s.speaker.value for s in data.statements}
    assert statements["st-reader-complement-deux-ans"] == "reader"     # l. 33
    assert statements["st-reader-examen-entree"] == "reader"           # l. 14
    assert statements["st-dispenses-UF"] == "answer"                   # l. 32


def test_hedges_are_the_sources_own_words(rules, data, line):
    """« vraisemblablement » (000 l. 32), « normalement » (002 l. 28), « souvent » (002 l. 29),
    « pourraient » (000 l. 17), « dans la mesure du possible » (001 l. 27); « généralement en
    deux ans » (000 l. 8) is a typical length, not a fixed one."""
    hedged = {s.id: s.hedge for s in data.statements if s.modality.value == "hedged"}
    assert hedged["st-dispenses-UF"] == "vraisemblablement" and "vraisemblablement" in line("infor-jeunes-cess-cqss", 32)
    assert hedged["st-competences-normalement"] == "normalement" and "normalement" in line("cqp-4-etapes", 28)
    assert hedged["st-evaluation-entretien"] == "souvent" and hedged["st-administrations-CESS"] == "pourraient"
    assert hedged["st-double-validation"] == "dans la mesure du possible"
    humanities = {y.id: y for y in load_years()}["PS-HUMANITES"]
    assert "(généralement en deux ans)" in line("infor-jeunes-cess-cqss", 8)
    assert (humanities.length.low, humanities.length.high, humanities.length.unit, humanities.length.typical) == (2, 2, "year", True)
    vae = {y.id: y for y in load_years()}["CQP-VAE"]   # 002 l. 26 « entre 8 et 12 mois »
    assert (vae.length.low, vae.length.high, vae.length.unit, vae.length.typical) == (8, 12, "month", False)
    assert "entre 8 et 12 mois" in line("cqp-4-etapes", 26)
    # a length the text says varies (002 l. 16), and one it never gives (the complément CESS)
    years = {y.id: y for y in load_years()}
    assert years["CQP-FORMATION"].length.varies and years["PS-COMPLEMENT-CESS"].length is None


# --------------------------------------------------------------------------- titles
def test_the_seventeen_cqss_of_the_list_in_its_order(titles, rules, line):
    """000 l. 10: « La liste des CQSS avec lesquels on peut suivre le module … est la
    suivante : agent de maintenance en électromécanique, animateur, … technicien en
    infographie. » — a closed list (« La liste n’est pas exhaustive », l. 7, is about the
    examples of l. 3-6)."""
    ten = line("infor-jeunes-cess-cqss", 10)
    named = [t for t in titles.values() if t.instance_of == "CQSS"]
    assert len(named) == 17
    order = sorted(named, key=lambda t: ten.index(t.source.quote.rstrip(".")))
    assert [t.id for t in order] == list(rules["admission-PS-COMPLEMENT-CESS"].from_)
    assert "La liste n’est pas exhaustive" in line("infor-jeunes-cess-cqss", 7)
    assert rules["admission-PS-COMPLEMENT-CESS"].source.quote.endswith("est la suivante")
    # « travaux de bureau » (a reader's 2nd-degree certificate, l. 33) is not « technicien de bureau »
    assert "travaux de bureau" in line("infor-jeunes-cess-cqss", 33)
    assert "SEC-2D-TRAVAUX-BUREAU" not in rules["admission-PS-COMPLEMENT-CESS"].from_


def test_only_the_instances_the_documents_name(titles):
    """One CQP is named (001 l. 41, « CPQ Technico-Commercial Industriel »); no titre
    professionnel, CCP or CCS is (003 speaks of classes)."""
    assert [t.id for t in titles.values() if t.instance_of == "CQP"] == ["CQP-TECHNICO-COMMERCIAL-INDUSTRIEL"]
    assert not [t for t in titles.values() if t.instance_of in ("TP", "CCP", "CCS")]
    assert titles["TP"].parts.part == "CCP" and titles["TP"].parts.count is None and titles["TP"].parts.required is None
    assert titles["CCP"].part_of == "TP" and titles["CCS"].part_of is None          # a CCS is no part of the titre
    assert titles["CQP"].parts.optional                                              # « peut être découpé » (002 l. 6)


def test_roles_unknown_where_the_documents_are_silent(titles):
    """003: the jury proposes (l. 19, 33), nobody is said to award; the CQP: awarded by the
    jury paritaire national (002 l. 31) and « délivrés par les branches » (001 l. 19); the
    CQSS: the awarding body is not named (000, passive voice)."""
    def roles(t, role):
        return [(r.body, r.source.document if r.source else None, r.source.first if r.source else None)
                for r in titles[t].roles if r.role.value == role]
    assert [b for b, _, _ in roles("TP", "awards")] == ["unknown"] and titles["TP"].issued_by == "unknown"
    assert roles("TP", "proposes") == [("jury-titre-professionnel", "titre-pro-sessions", 19)]
    assert [b for b, _, _ in roles("TP", "accredits")] == ["unknown"]
    assert set(roles("CQP", "awards")) == {("jury-paritaire-national", "cqp-4-etapes", 31),
                                           ("branche-professionnelle", "la-mache-cqp", 19)}
    assert roles("CQSS", "awards") == [("unknown", None, None)]
    creator = {r.body: r.reason for r in titles["CQP-TECHNICO-COMMERCIAL-INDUSTRIEL"].roles if r.role.value == "creates"}
    assert list(creator) == ["unknown"] and "BTP" in creator["unknown"]


def test_systems_and_jurisdictions_of_the_titles(titles):
    assert titles["CESS"].systems == ("enseignement-secondaire", "promotion-sociale")    # 000 l. 46
    assert titles["CQSS"].systems == ("promotion-sociale",) and titles["CQSS"].jurisdiction == "BE-FWB"
    assert titles["FR-CAP-PETITE-ENFANCE"].jurisdiction == "FR" and titles["FR-CAP-PETITE-ENFANCE"].speaker.value == "reader"
    assert {titles[t].jurisdiction for t in ("CQP", "TP", "CCP", "CCS", "BLOC-CQP")} == {"FR"}


# --------------------------------------------------------------------------- conflicts
def test_the_experience_conflict_holds_both_sides(data, line):
    """C1: 001 l. 35 (three years, salariés, access to the CQP) and 002 l. 25 (one year of
    related experience, the VAE) — only partly about the same thing."""
    assert "salariés ayant une expérience minimale de trois ans" in line("la-mache-cqp", 35)
    assert "au moins 1 an d’expérience professionnelle ou extra-professionnelle" in line("cqp-4-etapes", 25)
    c1 = {c.id: c for c in data.conflicts}["C1"]
    assert c1.overlap == "partial"
    sides = {(s.source.document, s.source.first) for s in c1.sides}
    assert {("la-mache-cqp", 35), ("cqp-4-etapes", 25)} <= sides
    assert {"admission-CQP-FORMATION-la-mache", "admission-CQP-VAE"} <= c1.rules
    assert {c.id for c in data.conflicts} == {"C1", "C2", "C3"}


# --------------------------------------------------------------------------- the graph
def test_parts_are_never_elm_haspart_and_go_one_way(app):
    """LIBRARY-NOTES: ELM 3.2 declares elm:hasPart symmetric. The graph says the titre has
    the CCP as a part with a project sub-property of dcterms:hasPart, and never the reverse."""
    g = app.memory_graph
    tp, ccp = URIRef(ID + "title/TP"), URIRef(ID + "title/CCP")
    assert (tp, PSL.hasComponent, ccp) in g and (ccp, PSL.hasComponent, tp) not in g
    assert (ccp, PSL.componentOf, tp) in g and (ccp, ELM.isPartialQualification, Literal(True)) in g
    assert not list(g.triples((None, ELM.hasPart, None))) and not list(g.triples((None, ELM.isPartOf, None)))


def test_jurisdictions_are_a_skos_scheme(app):
    g = app.memory_graph
    assert (URIRef(ID + "jurisdiction/BE-FWB"), SKOS.broader, URIRef(ID + "jurisdiction/BE")) in g
    assert (URIRef(ID + "title/CQP"), PSL.system, URIRef(ID + "system/cqp")) in g
    assert (URIRef(ID + "system/cqp"), RDF.type, PSL.System) in g


def test_french_literals_are_tagged_fr(app):
    g = app.memory_graph
    for prop in (PSL.says, PSL.summary, PSL.hedge, PSL.leavesOpen, PSL.accordingTo):
        values = list(g.objects(None, prop))
        assert values and all(v.language == "fr" for v in values), prop
    reasons = [o for s in g.subjects(RDF.type, PSL.RoleAssignment) for o in g.objects(s, PSL.reason)]
    assert reasons and all(r.language == "fr" for r in reasons)


# --------------------------------------------------------------------------- loading is validation


def test_a_rule_that_crosses_systems_without_saying_so_is_refused(corpus, data_copy):
    f = data_copy / "rules" / "infor-jeunes-cess-cqss.yaml"
    at = replace_in_file(f, "  system: enseignement-superieur\n  crosses: true\n", "  system: enseignement-superieur\n")
    problems = validate(corpus, data_copy)
    assert any(p.startswith("rules/infor-jeunes-cess-cqss.yaml:") and "admission-ENS-SUPERIEUR-CESS: from CESS" in p
               and "crosses: true" in p for p in problems), problems
    assert at > 1


def test_a_hedged_statement_without_its_hedge_and_a_misquoted_slip_are_refused(corpus, data_copy):
    replace_in_file(data_copy / "rules" / "cqp-4-etapes.yaml", "  hedge: normalement\n", "")
    replace_in_file(data_copy / "sources.yaml", "    quote: (voir le témoignage de Yacine)", "    quote: (voir le témoignage de Maud)")
    problems = validate(corpus, data_copy)
    assert any("st-competences-normalement" in p and "names its hedge" in p for p in problems), problems
    assert any("slip lost-cross-reference" in p and "quote not found" in p for p in problems), problems
