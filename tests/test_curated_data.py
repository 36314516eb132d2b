"""Curated years, titles and pathway rules of circulaire 7282: sound, quoted, and right.

The sample facts below were checked by hand against the circular (line numbers of
corpus/004_…txt); each test says where.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import replace_in_file
import yaml

from passerelles.corpus import load_corpus
from passerelles.rules import Provision, load_parameters, load_rules, load_titles, load_years, validate
from passerelles.rules.conditions import Completed, Holds
from passerelles.text import clean_markup, fold

D91 = "decret/1991/07/03"
AR84 = "arrete-royal/1984/06/29"
ALTERNANCE = {"article-49", "article-45", "urgence", "mfi"}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def rules():
    return {r.id: r for r in load_rules("circulaire-7282")}


@pytest.fixture(scope="module")
def years():
    """The circular's years (the other documents' formations are tested in test_systems_data)."""
    return {y.id: y for y in load_years() if y.source.document == "circulaire-7282"}


@pytest.fixture(scope="module")
def titles():
    """The circular's titles (the other documents' titles are tested in test_systems_data)."""
    return {t.id: t for t in load_titles() if t.source.document == "circulaire-7282"}


def prov(p: Provision) -> tuple:
    return (p.act, p.article, p.paragraph, p.alinea, p.point, p.via_footnote)


def collapse(text: str) -> str:
    return " ".join(text.split())


def all_sources(rules, years, titles):
    for y in years.values():
        yield y.id, y.source
    for t in titles.values():
        yield t.id, t.source
    for r in rules.values():
        yield r.id, r.source
        for node in r.condition_nodes():
            if node.source is not None:
                yield f"{r.id}/{node.key}", node.source


# --------------------------------------------------------------------------- soundness
def test_validator_finds_no_problem(corpus):
    assert validate(corpus) == []


def test_every_quote_occurs_in_its_lines(corpus, rules, years, titles):
    checked = 0
    for where, src in all_sources(rules, years, titles):
        doc = corpus[src.document]
        assert 1 <= src.first <= src.last <= len(doc.lines), where
        assert collapse(src.quote) in collapse(doc.span(src.first, src.last)), where
        checked += 1
    assert checked > 500   # rules, years, titles and the condition groups that cite their own lines


def test_counts_and_kinds(rules, years, titles):
    assert len(years) == 25 and len(titles) == 26
    kinds = Counter(r.kind.value for r in rules.values())
    # option-access: L, S-O, O (l. 946-948) and the repertory's unclassed rows; effect: what
    # AO-B, AO-C and the attestation d'élève libre do to the next steps (l. 1169, 1183, 1061)
    assert kinds == {"passage-specialise": 61, "award": 30, "admission": 27, "change-of-form": 6,
                     "option-access": 4, "reinsertion": 2, "effect": 3}


def test_loaders_are_deterministic_and_frozen(rules):
    assert [r.id for r in load_rules()] == [r.id for r in load_rules()]
    rule = rules["award-CE6P"]
    with pytest.raises(AttributeError):
        rule.to = "CESS"   # type: ignore[misc]
    hash(rule.conditions)   # conditions are hashable all the way down


def test_every_rule_has_a_basis_or_says_why_not(rules):
    for r in rules.values():
        assert r.basis or r.basis_missing, r.id
    missing = {r.id for r in rules.values() if not r.basis}
    # the text really names nothing for these (checked: no note at l. 1226, 1270; the passage tables)
    assert {"award-AFP", "award-CEB-from-CQ-ART45"} <= missing
    # option-access-unknown: the repertory gives some options no class (l. 2207), so nothing founds their access
    assert all(i.startswith("passage-") for i in missing - {"award-AFP", "award-CEB-from-CQ-ART45", "option-access-unknown"})


def test_act_keys_exist_in_the_registry_built_from_the_circular(model, rules, titles):
    keys = set()
    for r in rules.values():
        keys |= {p.act for p in r.basis}
        for node in r.condition_nodes():
            keys |= {p.act for p in node.basis}
    keys |= {p.act for t in titles.values() for p in t.basis}
    assert keys - set(model.registry.acts) == set()


def test_footnote_provisions_name_the_article_of_their_note(model, rules, titles):
    """Each via_footnote points to a note that cites that article (Ibidem resolved by hand)."""
    notes = {n.number: clean_markup(n.text) for n in model.footnotes}
    provisions = {p for t in titles.values() for p in t.basis}
    for r in rules.values():
        provisions |= set(r.basis)
        for node in r.condition_nodes():
            provisions |= set(node.basis)
    for p in provisions:
        if p.via_footnote is None or p.article is None:
            continue
        text = notes[p.via_footnote]
        if text == "Ibidem.":   # note 41: same act and place as note 40
            text = notes[p.via_footnote - 1]
        assert re.search(rf"art\.\s*{re.escape(p.article)}\b", text), (p, text)


def test_labels_are_unambiguous(years, titles):
    owners: dict[str, set[str]] = {}
    for entry in list(years.values()) + list(titles.values()):
        for label in (entry.label, *entry.alt_labels):
            owners.setdefault(fold(label), set()).add(entry.id)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert clashes == {}
    assert all("^{" not in a for e in list(years.values()) + list(titles.values()) for a in e.alt_labels)


# --------------------------------------------------------------------------- years and titles
def test_years(years):
    assert years["7P"].label == "7e année professionnelle de type B"
    assert {"6e professionnelle", "6P", "sixième année professionnelle", "6ème P"} <= set(years["6P"].alt_labels)
    assert "7e P" in years["7P"].alt_labels
    assert (years["5TQ"].form, years["5TQ"].degree, years["5TQ"].grade) == ("TQ", "D3", 5)
    # the circular does not say how long these last (l. 533: MFI length set case by case)
    for i in ("ART45-D2", "ART45-D3", "URGENCE", "MFI", "F3-PHASE1", "F3-PHASE2", "F3-PHASE3"):
        assert years[i].duration is None, i
    assert {"4GTA", "6GTA", "3S-DO", "2DS"} <= set(years)


def test_titles(titles):
    cess = titles["CESS"]
    assert cess.abbreviation == "CESS" and "C.E.S.S." in cess.alt_labels
    assert [prov(p) for p in cess.basis] == [(AR84, "25", "2", None, None, 103)]
    assert [prov(p) for p in titles["CE6P"].basis] == [(AR84, "24", "1", None, None, 104)]
    assert titles["CEB"].issued_by == "conseil-de-classe"                   # l. 1270
    assert titles["CQ6"].issued_by == "jury-de-qualification"               # l. 1157
    assert titles["ACC"].issued_by == "conseil-de-classe"                   # l. 1220
    assert titles["CQ-F3"].issued_by == "unknown" and titles["CQ-F3"].basis_missing
    assert [prov(p) for p in titles["CQ-ART45"].basis] == [(D91, "9bis", None, "1", None, 116)]
    assert {"CE1D", "CE2D", "CESI", "CQ4", "CQ7", "ACP-D2", "ATT-REINSERTION", "AO-A", "AO-B", "AO-C",
            "ACI", "AF", "AFP", "AF-LIBRE", "CGB", "RAPPORT-CPU", "RAPPORT-COMPETENCES", "CE2D-ALT"} <= set(titles)


# --------------------------------------------------------------------------- awards (chapter III)
def test_cess_routes_and_their_basis(rules):
    cess = {i: r for i, r in rules.items() if r.to == "CESS"}
    assert set(cess) == {"award-CESS-TQ", "award-CESS-7P"}
    for r in cess.values():
        assert [prov(p) for p in r.basis] == [(AR84, "25", "2", None, None, 103)]
        assert r.source.first == 1191
    tq = cess["award-CESS-TQ"]   # l. 1193: the 2 last TQ years, same section and orientation
    assert tq.from_ == ("6TQ",)
    assert [n.years for n in tq.condition_nodes("completed")] == [("5TQ",)]
    assert [n.orientation.value for n in tq.condition_nodes("orientation")] == ["same"]
    p7 = cess["award-CESS-7P"]   # l. 1194: 7P type B after a 6P
    assert p7.from_ == ("7P",)
    assert [n.years for n in p7.condition_nodes("completed")] == [("6P",)]


def test_ce6p_after_6p(rules):
    r = rules["award-CE6P"]
    assert (r.from_, r.to) == (("6P",), "CE6P")
    assert [prov(p) for p in r.basis] == [(AR84, "24", "1", None, None, 104)]


def test_qualification_certificates(rules):
    cq6, cq7 = rules["award-CQ6"], rules["award-CQ7"]
    assert cq6.from_ == ("6P", "6TQ") and cq6.from_mode == "attended"   # « a suivi en qualité d'élève régulier »
    assert cq6.conditions.body == "jury-de-qualification"
    assert [prov(p) for p in cq6.basis] == [(AR84, "26", "2", None, "1", 105)]
    assert [prov(p) for p in cq7.basis] == [(AR84, "26", "1", None, None, 106), (AR84, "26", "2", None, "2", 107)]
    assert [n.id for n in cq7.condition_nodes("situation")] == ["septieme-qualifiante"]
    acc = rules["award-ACC"]
    assert acc.to == "ACC" and [n.id for n in acc.condition_nodes("situation")] == ["septieme-complementaire"]
    # the access class of the 7th year attended (l. 944-948): a complementary one for the ACC
    assert [(n.years, n.list.value) for n in acc.condition_nodes("access")] == [(("7P", "7TQ"), "7e-complementaire")]
    assert [n.list.value for n in cq7.condition_nodes("access")] == ["7e-qualifiante"]


def test_second_degree_certificate_and_ceb(rules):
    r = rules["award-CE2D-ALT"]
    assert (r.from_, r.to) == (("4P",), "CE2D-ALT")
    assert [prov(p) for p in r.basis] == [(AR84, "25", "1", None, None, 102)]
    ceb = rules["award-CEB-art49"]   # l. 1165: a successful D2/D3 year, not yet holder
    assert set(ceb.from_) == {"3P", "4P", "5P", "6P", "5TQ", "6TQ"}
    assert [prov(p) for p in ceb.basis] == [(AR84, "23", "6", None, None, 99)]
    assert [n.item.title for n in ceb.condition_nodes("not") if n.item.key == "holds"] == ["CEB"]
    cq45 = rules["award-CEB-from-CQ-ART45"]   # l. 1270
    assert cq45.from_ == ("CQ-ART45",) and cq45.to == "CEB" and cq45.basis == () and cq45.basis_missing


def test_professional_competence_attestation(rules):
    acp = {i: r for i, r in rules.items() if r.to == "ACP-D2"}
    assert set(acp) == {"award-ACP-art45-2ans", "award-ACP-art45-3e-plus-1an", "award-ACP-analogue-art45",
                        "award-ACP-reorientation-art45", "award-ACP-analogue-art49",
                        "award-ACP-reorientation-art49", "award-ACP-urgence"}
    two = acp["award-ACP-art45-2ans"]   # l. 1272-1274: 2 school years of art. 45, same orientation
    assert two.from_ == ("ART45-D2",)
    assert [(n.years, n.regime) for n in two.condition_nodes("attended")] == [(2, ("article-45",))]
    assert [prov(p) for p in two.basis] == [(D91, "10", None, "1", None, 117)]
    analogue = acp["award-ACP-analogue-art45"]   # l. 1277: coordonnateur proposes, conseil de direction authorises
    bodies = {n.body.value for n in analogue.condition_nodes("decision")}
    assert bodies == {"coordonnateur", "conseil-de-direction"} and analogue.from_ == ()
    assert acp["award-ACP-urgence"].from_ == ("URGENCE",)
    assert [prov(p) for p in acp["award-ACP-urgence"].basis] == [(D91, "2bis", "2", "2", None, 31)]


def test_reinsertion_attestation_and_its_use(rules):
    awarded = {r.id for r in rules.values() if r.to == "ATT-REINSERTION"}
    assert awarded == {"award-REINSERTION-art49", "award-REINSERTION-art45"}
    uses = {r.to: r for r in rules.values() if r.kind == "reinsertion"}
    assert set(uses) == {"4P", "5P"}   # l. 695, 736, 1232, 1281: back into 4th or 5th year P
    for r in uses.values():
        assert r.from_ == ("ATT-REINSERTION",)
        # l. 695, 736: the attestation delivered after a year of article 45 (not the one of l. 1232)
        assert [(n.title, n.regime) for n in r.condition_nodes("origin")] == [("ATT-REINSERTION", ("article-45",))]


def test_orientation_attestations(rules):
    assert "6P" not in rules["award-AO-A"].from_ and "6TQ" not in rules["award-AO-B"].from_   # l. 1167, 1181
    assert rules["award-AO-C"].from_mode == "failed" and "6P" in rules["award-AO-C"].from_     # l. 1183


# --------------------------------------------------------------------------- admissions (chapter II)
def test_every_admission_into_alternance_excludes_holders_of_the_same_title(rules):
    for r in rules.values():
        if r.kind in ("admission", "reinsertion") or (r.kind == "passage-specialise" and set(r.regime) & ALTERNANCE):
            nodes = r.condition_nodes("not_holder")
            assert nodes, r.id
            assert any(prov(p)[:2] == (D91, "7") for n in nodes for p in n.basis), r.id


def test_article_49_admissions_rest_on_article_8(rules):
    for r in rules.values():
        if r.kind in ("admission", "reinsertion") and r.regime == ("article-49",) and r.id != "admission-3P-derogation":
            assert (D91, "8", "1", None, None, 49) in [prov(p) for p in r.basis], r.id


def test_3p_requires_end_of_full_time_compulsory_schooling(rules):
    for i in ("admission-3P-from-CE1D", "admission-3P-from-orientation", "admission-3P-conseil-admission",
              "admission-3P-derogation"):
        nodes = rules[i].condition_nodes("schooling")
        assert [n.compulsory_full_time for n in nodes] == [False], i
        assert [prov(p) for p in nodes[0].basis] == [(D91, "8", "1", None, None, 49)]
    nb = rules["admission-3P-conseil-admission"]   # l. 651-654
    assert [n.ge for n in nb.condition_nodes("age")] == [16]
    assert nb.condition_nodes("age")[0].reference == "31-decembre-suivant-rentree"
    derog = rules["admission-3P-derogation"]       # l. 656: AR 1984, art. 56, 4°
    assert [prov(p) for p in derog.basis] == [(AR84, "56", None, None, "4", None)]


def test_article_45_second_degree_ages(rules):
    r = rules["admission-ART45-D2"]   # l. 576-596
    ages = {(n.ge, n.gt, n.lt, n.reference) for n in r.condition_nodes("age")}
    assert ages == {(15, None, None, "inscription"), (16, None, None, "inscription"),
                    (None, 18, 21, "31-decembre"), (None, 21, 25, "31-decembre")}
    (first_two,) = r.condition_nodes("attended")
    assert first_two.years == 2
    assert first_two.combinations == (("1C", "2C"), ("1D", "1C"), ("1D", "2D"))
    minors = r.conditions.children[1].children[0]
    assert minors.find("adult")[0].adult is False
    assert {prov(p) for n in minors.walk() for p in n.basis} == {("loi/1983/06/29", "1", "1", "2", None, 40),
                                                                  ("loi/1983/06/29", "1", "1", "2", None, 41)}
    # the three adult groups are alternatives, each with its own basis (notes 42-44)
    adults = r.conditions.children[1].children[1:]
    assert [prov(g.basis[0]) for g in adults] == [(D91, "6", "1", "1", p, n) for p, n in (("2", 42), ("3", 43), ("4", 44))]
    assert [g.source.first for g in adults] == [582, 588, 593]
    # 18-21 may have concluded « une convention emploi formation » or an ISP convention before 1/9/2015
    assert set(adults[0].find("contract")[0].kinds) == {"contrat-alternance", "contrat-apprentissage",
                                                        "convention-emploi-formation", "autre-contrat-approuve",
                                                        "convention-isp-avant-2015"}
    assert "convention-premier-emploi" in adults[1].find("contract")[0].kinds
    # urgence and MFI share the same admission conditions (l. 574)
    assert rules["admission-URGENCE"].conditions == r.conditions
    assert rules["admission-MFI"].condition_nodes("situation")[0].id == "majeur-exclu"


def test_article_45_third_degree(rules):
    r = rules["admission-ART45-D3"]   # l. 608-612, note 45
    assert set(r.from_) == {"ACP-D2", "CE2D", "CESI", "CQ4", "CQ-F3"}
    assert [prov(p) for p in r.basis] == [(D91, "8", "2", None, None, 45)]
    assert [prov(g.basis[0])[-1] for g in r.conditions.children[1].children[1:]] == [46, 47, 48]


def test_fifth_tq_from_sixth_professional(rules):
    r = rules["admission-5TQ-from-6P"]   # l. 853
    assert (r.from_, r.to, r.regime) == (("6P",), "5TQ", ("article-49",))
    assert r.condition_nodes("external")[0].settled_by.endswith("art. 19")   # « sans préjudice … conseil d'admission »


def test_seventh_year_admissions_carry_the_external_correspondence_condition(rules):
    sevenths = [r for r in rules.values() if r.kind == "admission" and r.to in ("7P", "7TQ")]
    assert {r.id for r in sevenths} == {"admission-7P-from-6e", "admission-7P-from-CQ6-art58", "admission-7TQ-from-6e",
                                        "admission-7TQ-from-7P", "admission-7TQ-from-CQ6-art58"}
    for r in sevenths:
        ext = [n for n in r.condition_nodes("external") if "correspondance" in n.about]
        assert ext and "7233" in ext[0].settled_by and "tome 2" in ext[0].settled_by, r.id
        # every 7th year is entered in an option, whose class the admission respects (l. 944-948)
        assert [n.years for n in r.condition_nodes("access")] == [(r.to,)], r.id
    p7 = rules["admission-7P-from-6e"]   # l. 811: CQ « lorsque celui-ci est exigé » (note 67)
    cq = [n for n in p7.condition_nodes("any_of") if n.text == "titulaires du certificat de qualification lorsque celui-ci est exigé"]
    assert cq and cq[0].children[0] == Holds(title="CQ6") and cq[0].children[1].key == "external"
    art58 = rules["admission-7P-from-CQ6-art58"]
    assert (AR84, "58", "1", None, None, None) in [prov(p) for p in art58.basis]


def test_access_classes_of_seventh_years(rules):
    classes = {r.access_class.value: r for r in rules.values() if r.kind == "option-access"}
    assert set(classes) == {"L", "S-O", "O", "unknown"}
    for r in classes.values():
        assert r.to is None and r.applies_to == ("7P", "7TQ")
        assert any("correspondance" in n.about for n in r.condition_nodes("external"))
    for cls in ("L", "S-O", "O"):
        assert (AR84, "18", None, None, None, 83) in [prov(p) for p in classes[cls].basis]
    assert classes["L"].from_ == ("CQ6",) and classes["S-O"].from_ == ("CQ6",)
    assert [n for n in classes["L"].condition_nodes("external") if "particulier" in n.about]
    assert not [n for n in classes["S-O"].condition_nodes("external") if "particulier" in n.about]
    assert set(classes["O"].from_) == {"6P", "6TQ", "6GTA"}   # l. 948: any successful 6th year
    # a row without a class (8326, l. 2207): its access is unknown, said in data, not in the engine
    assert classes["unknown"].from_ == () and classes["unknown"].condition_nodes("unknown")


def test_change_of_form(rules):
    cf = {r.to: r for r in rules.values() if r.kind == "change-of-form"}
    assert set(cf) == {"3P", "4P", "5P", "5TQ", "7P", "7TQ"}   # nothing said of the 6th year
    assert cf["3P"].condition_nodes("deadline")[0].until == "01-15"
    assert cf["7TQ"].condition_nodes("deadline")[0].until == "11-15"
    assert [prov(p) for p in cf["4P"].basis] == [(AR84, "20", "3", None, None, 84)]
    derog = [n for n in cf["5P"].condition_nodes("decision") if n.kind == "derogation"]
    assert [prov(p) for p in derog[0].basis] == [(AR84, "56", None, None, "1", 85)]


# --------------------------------------------------------------------------- passage tables
def test_passage_tables(rules):
    passage = [r for r in rules.values() if r.kind == "passage-specialise"]
    with_ceb = [r for r in passage if r.id.startswith("passage-ceb-")]
    without = [r for r in passage if r.id.startswith("passage-sans-ceb-")]
    assert len(with_ceb) == 32 and len(without) == 29
    for r in passage:   # the « Remarque générale »: three cumulative conditions
        bodies = {(n.body.value, n.kind.value) for n in r.condition_nodes("decision")}
        assert bodies == {("parents", "demande-ecrite"), ("organisme-guidance", "avis-motive"),
                          ("conseil-admission", "avis-favorable")}, r.id
    assert all(r.condition_nodes("holds")[0].title == "CEB" for r in with_ceb)
    assert all(r.condition_nodes("not")[0].item == Holds(title="CEB") for r in without)
    # « Accès refusé » cells grant nothing: enrolled in phase 1 gives only 1C / 1D
    p1 = {r.to for r in passage if r.from_ == ("F3-PHASE1",) and r.from_mode == "enrolled"
          and not r.condition_nodes("attended") and not r.condition_nodes("age")}
    assert p1 == {"1C", "1D"}
    # row « ayant réussi la 2ème phase », table 1 (l. 987): 4P – 3S-DO, 4P, 2ème degré
    row = {r.to for r in with_ceb if r.source.first == 987}
    assert row == {"4P", "3S-DO", "ART45-D2", "URGENCE", "MFI"}
    # only table 2 has a « 1ère phase + 16 ans accomplis » row (l. 1015)
    row_ages = {r.source.first for r in without
                if any(c.key == "age" and c.ge == 16 for c in r.conditions.children)}
    assert row_ages == {1015}
    # phase 3 with CQ: 5P, and the 3rd degree under art. 7 (table note (2))
    cq = rules["passage-sans-ceb-p3-reussie-cq-ART45-D3"]
    assert "CQ-F3" in [n.title for n in cq.condition_nodes("holds")]
    assert [prov(p) for p in cq.basis] == [(D91, "7", None, None, None, None)] and cq.basis[0].via_table_note == "(2)"
    first = rules["passage-ceb-p1-inscrit-pe-1C"]
    assert first.basis[0].act == "decret/2006/06/30" and first.basis[0].via_table_note == "(1)"


# --------------------------------------------------------------------------- loading is validation


def _line_of(path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[:text.index(needle)].count("\n") + 1


def test_each_kind_of_problem_names_its_file_and_line(corpus, data_copy):
    rules = data_copy / "rules" / "circulaire-7282.yaml"
    f = "rules/circulaire-7282.yaml"
    # a dangling id (unknown year), on the rule's line
    replace_in_file(rules, "- id: award-CE6P\n  kind: award\n  from: [6P]", "- id: award-CE6P\n  kind: award\n  from: [6X]")
    ce6p = _line_of(rules, "- id: award-CE6P")
    # an unknown condition key (misspelt), on the condition's line
    typo = replace_in_file(rules, "    decision:\n      body: jury-de-qualification\n      kind: reussite-epreuves\n      text: a subi",
                    "    decisions:\n      body: jury-de-qualification\n      kind: reussite-epreuves\n      text: a subi")
    # a value of the wrong type
    two = replace_in_file(rules, "    - attended:\n        years: 2\n        regime: [article-45]",
                   "    - attended:\n        years: two\n        regime: [article-45]") + 1
    # a title that does not exist in a condition, an age band that is no parameter
    cq9 = replace_in_file(rules, "    - holds: CQ6\n      text: qui ont ultérieurement obtenu, en application de l'article 58, §1er ou §2 "
                          "de l'arrêté royal du 29 juin 1984, un certificat de qualification de la 6ème année\n      basis",
                   "    - holds: CQ9\n      text: qui ont ultérieurement obtenu, en application de l'article 58, §1er ou §2 "
                   "de l'arrêté royal du 29 juin 1984, un certificat de qualification de la 6ème année\n      basis")
    band = replace_in_file(rules, "band: majeur-18-21", "band: majeur-18-22")
    # a quotation that is not in its lines (found against the corpus)
    replace_in_file(rules, "    quote: les 2 dernières années d'études de l'enseignement secondaire (plein exercice et/ou alternance)",
             "    quote: le CESS est donné à tous les élèves")
    problems = validate(corpus, data_copy)
    assert f"{f}:{ce6p}: award-CE6P: from refers to unknown id '6X'" in problems
    assert any(p.startswith(f"{f}:{typo}: award-CQ6: unknown condition key 'decisions' (did you mean 'decision'?)")
               for p in problems), problems
    assert any(p.startswith(f"{f}:{two}: award-ACP-art45-2ans: attended years must be a whole number, got 'two'")
               for p in problems), problems
    assert f"{f}:{cq9}: admission-7P-from-CQ6-art58: holds refers to unknown id 'CQ9' (did you mean 'CQ7'?)" in problems
    # the band is in a group shared (a YAML anchor) by three rules: each of them says so
    shared = [p for p in problems if "age band 'majeur-18-22' is not an age-band parameter" in p]
    assert [p.split(": ")[:2] for p in shared] == [[f"{f}:{band}", r] for r in
                                                  ("admission-ART45-D2", "admission-URGENCE", "admission-MFI")]
    assert any(p.startswith(f"{f}: award-CESS-TQ: quote not found") for p in problems)
    assert len(problems) == 8, problems


def test_loading_refuses_bad_data_in_one_line(data_copy):
    from passerelles.rules import RuleFileError, load_rules
    rules = data_copy / "rules" / "circulaire-7282.yaml"
    line = replace_in_file(rules, "  regime: [article-49]\n  conditions:\n    all_of:\n    - not:\n        holds: CEB",
                    "  regime: [article-50]\n  conditions:\n    all_of:\n    - not:\n        holds: CEB")
    with pytest.raises(RuleFileError) as err:
        load_rules(directory=data_copy)
    message = str(err.value)
    assert "\n" not in message and message.startswith(f"rules/circulaire-7282.yaml:{line - 4}: award-CEB-art49: ")
    assert "regime 'article-50' not one of plein-exercice, article-49" in message and "(did you mean" in message


def test_other_files_are_checked_too(corpus, data_copy):
    replace_in_file(data_copy / "years.yaml", "  form: null\n", "  form: X\n")
    replace_in_file(data_copy / "titles.yaml", "- id: CE1D\n", "- id: CEB\n")
    problems = validate(corpus, data_copy)
    assert any(p.startswith("years.yaml:") and "form 'X' not one of P, TQ, G, GTA, SPEC" in p for p in problems), problems
    assert any(p.startswith("titles.yaml:") and "CEB: duplicate id 'CEB'" in p for p in problems), problems


# --------------------------------------------------------------------------- dated parameters
def test_age_bands_are_dated_parameters_with_their_reference():
    params = {p.id: p for p in load_parameters()}
    # l. 582 (note 42: décret 1991, art. 6, §1er, al. 1er, 2°); l. 588 and 593 (3° and 4°)
    assert params["majeur-18-21"].at("2019-2020") == {"gt": 18, "lt": 21, "reference": "31-decembre"}
    assert params["majeur-21-25"].at("2019-2020") == {"gt": 21, "lt": 25, "reference": "31-decembre"}
    assert [p.point for p in params["majeur-21-25"].reference] == ["3", "4"]
    assert params["31-decembre"].at("2019-2020") == "12-31" and params["inscription"].at("2019-2020") is None
    with pytest.raises(KeyError):
        params["majeur-18-21"].at("2020-2021")    # the corpus says nothing of later years


def test_rules_refer_to_the_bands_instead_of_repeating_them(rules):
    bands = Counter(n.band for r in rules.values() for n in r.condition_nodes("age") if n.band)
    assert set(bands) == {"majeur-18-21", "majeur-21-25", "15-ans-inscription", "16-ans-inscription"}
    for r in rules.values():
        for n in r.condition_nodes("age"):
            if n.band == "majeur-18-21":
                assert (n.gt, n.lt, n.reference) == (18, 21, "31-decembre"), r.id
