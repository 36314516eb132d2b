"""Routes worked out by hand from circulaire 7282, then checked against the route engine.

Every test starts with its derivation (the lines and notes of
corpus/004_0cd2d006c908e9f4.txt it rests on), then checks the engine step by step: kinds,
canonical from/to, school years, the rule, the legal basis (act + article + §/al./°) of each
admission/award step and the line of the circular it cites. Where the engine disagrees with
the text, the test was ``xfail(strict=True)`` until the engine was fixed.

Conventions (from the route contract): a route's ``years`` counts school years of study;
admissions, awards, attestations and option accesses take none.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import passerelles
from passerelles.corpus import default_corpus_dir
from passerelles.errors import NoAnswer, UnknownNameError
from passerelles.routes.explain import explain_step, route_record
from passerelles.routes.names import resolve
from passerelles.routes.service import ask, view_of
from passerelles.routes.states import State

CIRCULAR = default_corpus_dir() / "004_0cd2d006c908e9f4.txt"
RULES_FILE = Path(passerelles.__file__).parent / "data" / "rules" / "circulaire-7282.yaml"

# Provisions as (act type, act date, article, paragraph, alinea, point).
D91 = ("decret", "1991-07-03")        # décret du 3 juillet 1991 (alternance)
AR84 = ("arrete-royal", "1984-06-29")  # AR du 29 juin 1984 (organisation de l'enseignement secondaire)
L83 = ("loi", "1983-06-29")            # loi du 29 juin 1983 (obligation scolaire)


def prov(act, article, paragraph=None, alinea=None, point=None):
    return (*act, article, paragraph, alinea, point)


D91_ART7 = prov(D91, "7")            # note 39 and table note (2)
D91_ART8_1 = prov(D91, "8", "1")     # note 49: admissions « article 49 »
D91_ART8_2 = prov(D91, "8", "2")     # note 45: article 45, 3rd degree
AR84_ART18 = prov(AR84, "18")        # note 83: access classes of the 7th years
AR84_ART19_3 = prov(AR84, "19", "3")  # note 182: the same classes, in the repertory
AR84_ART24_1 = prov(AR84, "24", "1")  # note 104: CE6P
AR84_ART25_2 = prov(AR84, "25", "2")  # note 103: CESS


# --------------------------------------------------------------------------- helpers

@pytest.fixture(scope="module")
def line():
    """The text of one line of the circular (1-based), to check the derivations' quotes."""
    lines = CIRCULAR.read_text(encoding="utf-8").splitlines()
    return lambda n: lines[n - 1]


@pytest.fixture(scope="module")
def rules() -> dict:
    """The curated rules, by id (read only: to check the notes of each basis)."""
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    return {r["id"]: r for r in data["rules"]}


@pytest.fixture(scope="module")
def routes(app):
    """``routes(FROM, TO, **filters)``: the JSON records of ``ask``, cached for the module."""
    cache: dict = {}

    def get(from_: str, to: str, **kw):
        key = (from_, to, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in kw.items())))
        if key not in cache:
            cache[key] = [route_record(r, view_of(app).index) for r in ask(app, from_, to, **kw).routes]
        return cache[key]
    return get


def shape(route: dict) -> list[tuple]:
    return [(s["from"], s["to"], s["kind"], s["years"]) for s in route["steps"]]


def basis(step: dict) -> set[tuple]:
    return {(b["act"]["type"], b["act"]["date"], b["article"], b["paragraph"], b["alinea"], b["point"])
            for b in step["basis"]}


def footnotes(rule: dict) -> set[int]:
    return {b["via_footnote"] for b in rule.get("basis") or [] if b.get("via_footnote")}


def walk(conds):
    """Every condition mapping, nested ones included."""
    for c in conds if isinstance(conds, list) else [conds]:
        if not isinstance(c, dict):
            continue
        yield c
        for key in ("all_of", "any_of"):
            if key in c:
                yield from walk(c[key])
        if isinstance(c.get("not"), dict):
            yield from walk(c["not"])


def keys(step: dict) -> list[str]:
    return [k for c in walk(step["conditions"]) for k in c if k not in ("text", "basis", "source")]


def texts(step: dict) -> str:
    """All the words of a step's conditions (texts, externals' about/settled_by)."""
    out = []
    for c in walk(step["conditions"]):
        for v in c.values():
            if isinstance(v, str):
                out.append(v)
            elif isinstance(v, dict):
                out.extend(str(x) for x in v.values() if isinstance(x, str))
    return " | ".join(out)


def decisions(step: dict) -> set[tuple[str, str]]:
    return {(c["decision"]["body"], c["decision"]["kind"]) for c in walk(step["conditions"]) if "decision" in c}


def externals(step: dict) -> list[dict]:
    return [c["external"] for c in walk(step["conditions"]) if "external" in c]


THREE_CUMULATIVE = {("parents", "demande-ecrite"), ("organisme-guidance", "avis-motive"),
                    ("conseil-admission", "avis-favorable")}


# --------------------------------------------------------------------------- CE6P

# Derivation CE6P → CESS (1 school year):
# - l. 1196: the CE6P "est délivré aux élèves qui ont terminé avec fruit la 6ème année d'études
#   de l'enseignement secondaire professionnel", note 104 (l. 1210) = AR 29/06/1984 art. 24, §1
#   → holding it shows the 6P was completed with success;
# - l. 811-812: 7P type B admission for pupils who completed the 6th year with success (and hold
#   the CQ "lorsque celui-ci est exigé"); basis: note 49 (l. 640, 671) = décret 3/07/1991 art. 8, §1;
# - one school year of 7P;
# - l. 1191 + 1194: CESS for "la 7ème année d'études de perfectionnement ou de spécialisation de
#   type B ... après avoir terminé avec fruit une 6ème année ... professionnel"; note 103
#   (l. 1208, "Ibidem" → note 101 AR 29/06/1984) = AR 29/06/1984 art. 25, §2.
# Alternative of 2 years: 6P → 5TQ (l. 853) → 6TQ (l. 883) → CESS (l. 1193, note 103).
def test_ce6p_to_cess_through_the_7p_type_b(routes, rules, line):
    assert "terminé avec fruit la 6^{ème} année d'études de l'enseignement secondaire professionnel" in line(1196)
    assert "perfectionnement ou de spécialisation de type B" in line(1194)
    assert line(1208) == "¹⁰³ Ibidem, art. 25, §2."
    first, second = routes("CE6P", "CESS")[:2]
    assert first["years"] == 1
    assert shape(first) == [("CE6P", "6P", "attests", 0), ("6P", "7P", "admission", 0),
                            ("7P", "7P", "study", 1), ("7P", "CESS", "award", 0)]
    attest, admit, study, award = first["steps"]
    assert (attest["rule"], attest["source"]["line"], basis(attest)) == ("award-CE6P", 1196, {AR84_ART24_1})
    assert (admit["rule"], admit["source"]["line"], basis(admit)) == ("admission-7P-from-6e", 811, {D91_ART8_1})
    assert "admission-7P-from-CQ6-art58" in admit["also_allowed_by"]   # l. 813
    assert study["rule"] is None and study["basis"] == []
    assert (award["rule"], award["source"]["line"], basis(award)) == ("award-CESS-7P", 1191, {AR84_ART25_2})
    assert footnotes(rules["award-CESS-7P"]) == {103}
    assert footnotes(rules["award-CE6P"]) == {104}
    assert footnotes(rules["admission-7P-from-6e"]) == {49}
    # the TQ alternative
    assert second["years"] == 2
    assert [s["rule"] for s in second["steps"] if s["kind"] != "study"] == [
        "award-CE6P", "admission-5TQ-from-6P", "admission-6TQ-from-5TQ", "award-CESS-TQ"]
    assert [s["source"]["line"] for s in second["steps"] if s["kind"] != "study"] == [1196, 853, 883, 1191]
    assert basis(second["steps"][-1]) == {AR84_ART25_2}


# Derivation: on CE6P → 7P → CESS the condition of l. 1194 "après avoir terminé avec fruit une
# 6ème année ... professionnel" is met by the route itself (the CE6P attests the 6P, l. 1196), so
# it is not a condition "still to meet" on the award step.
def test_ce6p_to_cess_the_6p_completed_on_the_route_is_not_left_to_meet(routes):
    award = routes("CE6P", "CESS")[0]["steps"][-1]
    assert award["rule"] == "award-CESS-7P"
    assert "completed" not in keys(award)


# Derivation CE6P → 7130 (a 7th year of class O), 0 school years:
# - CE6P attests the 6P (l. 1196, AR 1984 art. 24 §1); 7P admission (l. 811, décret 1991 art. 8 §1);
# - l. 948: class O options are "ouvert[es] à tous les élèves qui ont réussi une 6ème année",
#   note 83 (l. 952) = AR 1984 art. 18; the repertory repeats the classes with note 182
#   (l. 2162-2164) = AR 1984 art. 19, §3 (the two notes disagree on the article: both kept);
# - l. 2201: "7130 7ème PB Gestionnaire de très petites entreprises O".
# No CQ is needed for an O option; the correspondence 6th/7th (l. 942) is settled by circular 7233.
def test_ce6p_to_open_option_7130(routes, rules, line):
    assert line(2201).startswith("7130") and "Gestionnaire de très petites entreprises O" in line(2201)
    assert "Options classées Ouvertes (O)" in line(948)
    assert line(952).endswith("art. 18.") and line(2164).endswith("art. 19, §3.")
    first = routes("CE6P", "7130")[0]
    assert first["years"] == 0
    assert shape(first) == [("CE6P", "6P", "attests", 0), ("6P", "7P", "admission", 0),
                            ("7P", "7130", "option-access", 0)]
    access = first["steps"][-1]
    assert (access["rule"], access["source"]["line"]) == ("option-access-O", 948)
    assert basis(access) == {AR84_ART18, AR84_ART19_3}
    assert footnotes(rules["option-access-O"]) == {83, 182}
    assert "holds" not in keys(access)                       # open class: no CQ
    assert any("7233" in e["settled_by"] for e in externals(access))


# Derivation CE6P → 7e:S-O / 7e:L, 0 school years, a CQ required:
# - l. 947: S-O options "dont l'accès est limité aux élèves porteurs d'un certificat de qualification";
# - l. 946: L options "limité aux élèves porteurs d'un certificat de qualification particulier";
#   which CQ each requires is not in 7282: note 67 (l. 831) sends to the annual circular (7233);
# - same admission to 7P as above; basis of the access class: AR 1984 art. 18 (n. 83) / art. 19 §3 (n. 182).
# The CE6P alone does not give the CQ6 (l. 1198: jury de qualification), so it stays to meet.
@pytest.mark.parametrize("target, rule, at", [("7e:S-O", "option-access-S-O", 947), ("7e:L", "option-access-L", 946)])
def test_ce6p_to_semi_open_and_limited_options_needs_a_cq(routes, line, target, rule, at):
    assert "certificat de qualification" in line(at)
    first = routes("CE6P", target)[0]
    assert first["years"] == 0
    kinds = [s["kind"] for s in first["steps"]]
    assert kinds == ["attests", "admission", "option-access"]
    admit, access = first["steps"][1:]
    assert admit["rule"] == "admission-7P-from-6e" and basis(admit) == {D91_ART8_1}
    assert "titulaires du certificat de qualification lorsque celui-ci est exigé" in texts(admit)
    assert (access["rule"], access["source"]["line"]) == (rule, at)
    assert basis(access) == {AR84_ART18, AR84_ART19_3}
    assert {"holds": "CQ6"} in access["conditions"]          # the CQ condition is visible
    about = [e["about"] for e in externals(access)]
    if target == "7e:L":
        particular = [e for e in externals(access) if "particulier" in e["about"]]
        assert len(particular) == 1 and "circulaire 7233" in particular[0]["settled_by"]
    else:
        assert not any("particulier" in a for a in about)


# Derivation 6P + CQ6 → 7e:S-O / 7e:L (0 years): l. 811 (6th completed + CQ "lorsque celui-ci
# est exigé") or l. 813 (CQ6 obtained later under AR 1984 art. 58 §1/§2); l. 947/946. With the
# CQ6 held, only the correspondence (l. 942) and, for L, the particular CQ remain (circular 7233).
@pytest.mark.parametrize("target", ["7e:S-O", "7e:L"])
def test_6p_and_cq6_to_semi_open_and_limited_options(routes, target):
    first = routes("6P", target, holds=["CQ6"])[0]
    assert first["years"] == 0
    assert [(s["from"], s["kind"]) for s in first["steps"]] == [("6P", "admission"), ("7P", "option-access")]
    admit, access = first["steps"]
    assert "admission-7P-from-CQ6-art58" in [admit["rule"], *admit["also_allowed_by"]]
    assert "holds" not in keys(access)
    assert all("7233" in e["settled_by"] for e in externals(access))
    assert len(externals(access)) == (2 if target == "7e:L" else 1)


# Derivation CQ6 → 7e:S-O / 7e:L: the CQ6 is delivered to a pupil who "a suivi en qualité
# d'élève régulier la 6ème année" (l. 1198), so its holder has at least attended the 6th year;
# the 7P/7TQ admission asks for the 6th year completed with success (l. 811-813, 915-917) and
# the S-O/L class for the CQ (l. 946-947). Expected: 0 years (6th year completed + CQ6 → 7P),
# with the success of the 6th year as a condition; at most 1 year (the 6th year itself).
# Never a return to the 3rd year.
@pytest.mark.parametrize("target", ["7e:S-O", "7e:L"])
def test_cq6_holder_to_semi_open_and_limited_options(routes, target):
    first = routes("CQ6", target)[0]
    assert first["steps"][0]["from"] != "START"
    assert first["years"] is not None and first["years"] <= 1


# --------------------------------------------------------------------------- article 45, CE2D

# Derivation ACP-D2 → article 45, 3rd degree (0 years):
# - l. 608-609: "en formation article « 45 », au troisième degré de l'enseignement professionnel,
#   l'élève titulaire de ... l'attestation de compétences professionnelles du 2ème degré";
#   note 45 (l. 630, "Ibidem" → note 42, décret du 3 juillet 1991) = décret 3/07/1991 art. 8, §2.
#   (The text is at l. 608-612, not l. 616-622 as the issue guessed.)
# - Adults 18-21 (l. 613-618, note 46) must have concluded one of: contrat d'alternance,
#   d'apprentissage, convention de premier emploi, autre contrat approuvé, ISP before 2015: the
#   convention emploi-formation is NOT in this list (it is in the 2nd-degree list, l. 582-587).
def test_acp_d2_to_article_45_third_degree(routes, rules, line):
    assert "au troisième degré de l'enseignement professionnel" in line(608)
    assert "attestation de compétences professionnelles du 2^{ème} degré" in line(609)
    assert line(630) == "⁴⁵ Ibidem, art. 8, §2."
    first = routes("ACP-D2", "ART45-D3", adult=False)[0]
    assert first["years"] == 0
    assert shape(first) == [("ACP-D2", "ART45-D3", "admission", 0)]
    step = first["steps"][0]
    assert (step["rule"], step["source"]["line"], basis(step)) == ("admission-ART45-D3", 608, {D91_ART8_2})
    assert footnotes(rules["admission-ART45-D3"]) == {45}
    assert keys(step) == ["not_holder"]      # a minor holding the ACP: only art. 7 (l. 562) is left
    # the abbreviation resolves to the same title
    assert routes("ACP", "ART45-D3", adult=False)[0]["steps"] == first["steps"]


# Derivation: the same adult of 19 with a convention emploi-formation may enter article 45 at the
# 2nd degree (l. 582-587 lists "une convention emploi formation", note 42 = décret 1991 art. 6
# §1er al. 1er 2°) but not at the 3rd degree (l. 613-618, whose list lacks it).
def test_convention_emploi_formation_opens_article_45_d2_but_not_d3(routes, line):
    assert "une convention emploi formation" in line(585)
    assert not any("emploi formation" in line(n) for n in range(613, 619))
    adult = dict(adult=True, age=19, contracts=["convention-emploi-formation"])
    d2 = routes("START", "ART45-D2", **adult)[0]
    assert shape(d2) == [("START", "ART45-D2", "admission", 0)]
    assert d2["steps"][0]["rule"] == "admission-ART45-D2"
    assert {prov(D91, "6", "1", "1", "2"), prov(L83, "1", "1", "2")} <= basis(d2["steps"][0])   # notes 42, 40
    assert keys(d2["steps"][0]) == ["not_holder"]
    with pytest.raises(NoAnswer, match="admission-ART45-D3"):
        routes("ACP-D2", "ART45-D3", **adult)


# Derivation CE2D → 5P and → 5TQ (0 years), named by its French label:
# - l. 742: 5P for "les titulaires du certificat d'enseignement secondaire du 2ème degré,
#   enseignement général, technique, artistique ou professionnel délivré par le jury de la FWB";
# - l. 851: 5TQ for the same certificate "enseignement général, technique ou artistique" only;
# - both "sans préjudice des dispositions nécessitant l'avis favorable du conseil d'admission"
#   (l. 732, note 57 = AR 1984 art. 19; l. 848); basis of the admissions: note 49 = décret 1991 art. 8 §1.
# CE2D → CESS: 5TQ (l. 851) + 6TQ (l. 883) → CESS (l. 1193, note 103): 2 years.
@pytest.mark.parametrize("target, rule, at, words", [
    ("5P", "admission-5P-from-CE2D", 742, "général, technique, artistique ou professionnel délivré par le jury"),
    ("5TQ", "admission-5TQ-from-CE2D", 851, "général, technique ou artistique délivré par le jury"),
])
def test_ce2d_to_fifth_year(routes, line, target, rule, at, words):
    assert "certificat d'enseignement secondaire du 2^{ème} degré" in line(at)
    first = routes("certificat d'enseignement secondaire du 2e degré", target)[0]
    assert first["years"] == 0
    assert shape(first) == [("CE2D", target, "admission", 0)]
    step = first["steps"][0]
    assert (step["rule"], step["source"]["line"], basis(step)) == (rule, at, {D91_ART8_1})
    assert words in texts(step)
    assert any("conseil d'admission" in e["about"] for e in externals(step))


def test_ce2d_to_cess_in_two_years(routes):
    first = routes("CE2D", "CESS")[0]
    assert first["years"] == 2
    assert [(s["to"], s["rule"]) for s in first["steps"] if s["kind"] != "study"] == [
        ("5TQ", "admission-5TQ-from-CE2D"), ("6TQ", "admission-6TQ-from-5TQ"), ("CESS", "award-CESS-TQ")]


# --------------------------------------------------------------------------- special education

# Derivation: forme 3, 3rd phase passed (CQ) → 5P (0 years), passage tables l. 971-1034:
# - l. 988 (pupils holding the CEB) and l. 1020 (not holding it): "Elève ayant réussi la 3ème
#   phase (CQ)" → 5P in plein exercice/forme 4 AND 5P in alternance art. 49 → no note on the cell:
#   no provision is cited (basis_missing);
# - l. 975-979 (and 1006-1010): 3 cumulative conditions: written request of the parents (or
#   the adult pupil), reasoned opinion of the guidance body, favourable opinion of the conseil
#   d'admission of the receiving school.
def test_special_education_phase_3_to_5p(routes, line):
    assert "3 conditions cumulatives" in line(975) and "3 conditions cumulatives" in line(1006)
    assert line(988).startswith("Elève ayant réussi la 3 ^{ème} phase (CQ)\t5P\t5P")
    first = routes("forme 3 phase 3", "5P")[0]
    assert first["years"] == 0
    assert shape(first) == [("F3-PHASE3", "5P", "passage-specialise", 0)]
    step = first["steps"][0]
    assert step["source"]["line"] == 988
    assert step["basis"] == [] and step["basis_missing"]
    allowed = {step["rule"], *step["also_allowed_by"]}
    assert allowed == {"passage-ceb-p3-reussie-cq-pe-5P", "passage-ceb-p3-reussie-cq-art49-5P",
                       "passage-sans-ceb-p3-reussie-cq-pe-5P", "passage-sans-ceb-p3-reussie-cq-art49-5P"}
    assert decisions(step) == THREE_CUMULATIVE
    # « Elève ayant réussi la 3 ^{ème} phase (CQ) » (l. 988): the condition carries its line
    assert {"holds": "CQ-F3", "text": "(CQ)",
            "source": {"document": "circulaire-7282", "lines": [988, 988]}} in step["conditions"]
    # in alternance "article 49" (the third column), the art. 49 cell is used
    art49 = routes("F3-PHASE3", "5P", regime="article-49")[0]["steps"][0]
    assert art49["rule"] == "passage-ceb-p3-reussie-cq-art49-5P"
    assert decisions(art49) == THREE_CUMULATIVE


# Derivation: forme 3, 3rd phase passed (CQ) → article 45 at the 3rd degree (0 years):
# - l. 988 / 1020, 4th column "3ème degré (2)"; table note (2) (l. 992, 1024) = article 7 of the
#   décret of 3 July 1991 (no enrolment towards identical or equivalent titles);
# - the same 3 cumulative conditions (l. 975-979);
# - a holder of the CQ of the 3rd phase may also enter by l. 612 (note 45: décret 1991 art. 8 §2).
def test_special_education_phase_3_to_article_45_third_degree(routes, line):
    assert line(992).startswith("(2) Article 7 du décret du 3 juillet 1991")
    assert "certificat de qualification de 3^{ème} phase de l'enseignement spécialisé de forme 3" in line(612)
    first = routes("F3-PHASE3", "ART45-D3")[0]
    assert shape(first) == [("F3-PHASE3", "ART45-D3", "passage-specialise", 0)]
    step = first["steps"][0]
    assert step["rule"] == "passage-ceb-p3-reussie-cq-ART45-D3"
    assert step["also_allowed_by"] == ["passage-sans-ceb-p3-reussie-cq-ART45-D3"]
    assert (step["source"]["line"], basis(step)) == (988, {D91_ART7})
    assert decisions(step) == THREE_CUMULATIVE
    by_title = routes("CQ-F3", "ART45-D3")[0]
    assert shape(by_title) == [("CQ-F3", "ART45-D3", "admission", 0)]
    assert basis(by_title["steps"][0]) == {D91_ART8_2} and by_title["steps"][0]["source"]["line"] == 608


# --------------------------------------------------------------------------- P and TQ years

# Derivation 4P → CE6P (2 school years):
# - l. 734: 5P for pupils who completed the 4th year with success (note 49, décret 1991 art. 8 §1);
# - l. 780: 6P after the 5P completed "dans la même orientation ... ou correspondante";
# - l. 1196: CE6P (note 104, AR 1984 art. 24 §1). Years: 5P + 6P = 2.
def test_4p_to_ce6p_in_two_years(routes):
    first = routes("4P", "CE6P")[0]
    assert first["years"] == 2
    assert shape(first) == [("4P", "5P", "admission", 0), ("5P", "5P", "study", 1), ("5P", "6P", "admission", 0),
                            ("6P", "6P", "study", 1), ("6P", "CE6P", "award", 0)]
    admit5, _, admit6, _, award = first["steps"]
    assert (admit5["rule"], admit5["source"]["line"], basis(admit5)) == ("admission-5P-from-4e", 734, {D91_ART8_1})
    assert (admit6["rule"], admit6["source"]["line"], basis(admit6)) == ("admission-6P-from-5P", 780, {D91_ART8_1})
    assert (award["rule"], award["source"]["line"], basis(award)) == ("award-CE6P", 1196, {AR84_ART24_1})
    # the route's years are the sum of its study steps
    assert first["years"] == sum(s["years"] for s in first["steps"])


# Derivation 5TQ → CESS (1 year) and 6TQ → CESS (0 years):
# - l. 883: 6TQ after the 5TQ completed "dans la même section et la même orientation";
# - l. 1191 + 1193: CESS for "les 2 dernières années d'études de l'enseignement secondaire (plein
#   exercice et/ou alternance) technique de qualification dans la même section et dans la même
#   orientation"; note 103 (anchored at the end of l. 1194, covers both indents) = AR 1984 art. 25 §2.
def test_tq_years_to_cess(routes, rules, line):
    assert "les 2 dernières années d'études" in line(1193)
    five = routes("5TQ", "CESS")[0]
    assert five["years"] == 1
    assert shape(five) == [("5TQ", "6TQ", "admission", 0), ("6TQ", "6TQ", "study", 1), ("6TQ", "CESS", "award", 0)]
    assert (five["steps"][0]["rule"], five["steps"][0]["source"]["line"]) == ("admission-6TQ-from-5TQ", 883)
    six = routes("6TQ", "CESS")[0]
    assert six["years"] == 0
    assert shape(six) == [("6TQ", "CESS", "award", 0)]
    award = six["steps"][0]
    assert (award["rule"], award["source"]["line"], basis(award)) == ("award-CESS-TQ", 1191, {AR84_ART25_2})
    assert footnotes(rules["award-CESS-TQ"]) == {103}
    # from the 6TQ alone, the 5TQ in the same orientation is still to show
    assert "completed" in keys(award) and "orientation" in keys(award)


# Derivation 6P → 5TQ (0 years): l. 853, 5TQ for "les élèves réguliers qui ont terminé avec fruit
# la 6ème année de l'enseignement secondaire professionnel de plein exercice ou ... en alternance"
# (note 49, décret 1991 art. 8 §1; conseil d'admission reserved at l. 848).
def test_6p_to_5tq(routes, line):
    assert "terminé avec fruit la 6^{ème} année de l'enseignement secondaire professionnel" in line(853)
    first = routes("6e professionnelle", "5TQ")[0]
    assert shape(first) == [("6P", "5TQ", "admission", 0)]
    step = first["steps"][0]
    assert (step["rule"], step["source"]["line"], basis(step)) == ("admission-5TQ-from-6P", 853, {D91_ART8_1})


# Derivation from the 6P to a 7th year of each access class (0 years each, l. 811 + l. 946-948)
# and to the CESS (1 year, l. 811 + l. 1194).
@pytest.mark.parametrize("target, cls", [("7e:O", "O"), ("7e:S-O", "S-O"), ("7e:L", "L")])
def test_6p_to_each_access_class(app, routes, target, cls):
    view = view_of(app)
    for route in routes("6P", target):
        last = route["steps"][-1]
        assert last["kind"] == "option-access" and last["rule"] == f"option-access-{cls}"
        assert view.nodes[State.option(last["to"])]["access"] == cls
    assert routes("6P", target)[0]["years"] == 0


def test_6p_to_cess_in_one_year(routes):
    first = routes("6P", "CESS")[0]
    assert first["years"] == 1
    assert [s["rule"] for s in first["steps"]] == ["admission-7P-from-6e", None, "award-CESS-7P"]


# --------------------------------------------------------------------------- filters

# Derivation: every adult group of every admission list ends "de moins de 25 ans au 31 décembre"
# (l. 588, 593, 619, 624, 675, 681, 822, 837, ...): an adult of 26 enters no alternance year.
def test_adult_of_26_has_no_route(routes, cli, line):
    assert "moins de 25 ans" in line(822) and "moins de 25 ans" in line(837)
    with pytest.raises(NoAnswer, match="admission-7P"):
        routes("CE6P", "CESS", adult=True, age=26)
    with pytest.raises(NoAnswer):
        routes("START", "ART45-D2", adult=True, age=26)
    res = cli("route", "CE6P", "CESS", "--adult", "--age", "26")
    assert res.code == 1 and res.out == ""
    assert res.err.strip().count("\n") == 0 and "7P" in res.err


# Derivation: article 45 at the 2nd degree from no prior title (l. 576-581): minors of 15 with the
# 2 first years attended (l. 577-580) or of 16 (l. 581); a pupil of 14 qualifies for neither.
def test_article_45_d2_from_start_by_age(routes, cli):
    with pytest.raises(NoAnswer, match="admission-ART45-D2"):
        routes("START", "ART45-D2", age=14)
    fifteen = routes("START", "ART45-D2", age=15)[0]["steps"][0]
    assert "attended" in keys(fifteen)          # the 2 first years must still be shown
    sixteen = routes("START", "ART45-D2", age=16)[0]["steps"][0]
    assert "attended" not in keys(sixteen) and "age" not in keys(sixteen)
    res = cli("route", "START", "ART45-D2", "--age", "14")
    assert res.code == 1 and res.err.strip().count("\n") == 0


# Derivation: the 7P admission lists for adults (l. 817-821, 822-825, 837-840) do not include the
# convention emploi-formation; nor do the 5TQ/6TQ lists (l. 857-861, 887-891): an adult of 19 with
# only that convention cannot reach the CESS from the CE6P. With a contrat d'alternance he can.
# In the curated rules, only the 2nd-degree article 45 block (l. 582-587, shared by urgence and
# MFI) and the 3P block (l. 664-669) list it, as the text does.
def test_contract_filter_cuts_the_7p_admission(routes, rules, cli, line):
    assert "convention emploi formation" in line(667)
    listing = {rid for rid, r in rules.items()
               for c in walk(r.get("conditions") or [])
               if "convention-emploi-formation" in (c.get("contract") or [])}
    assert listing == {"admission-ART45-D2", "admission-URGENCE", "admission-MFI",
                       "admission-3P-from-CE1D", "admission-3P-from-orientation"}
    # the step in words, not the view's internal ids (issue 9: "done:6P → in:7P" before)
    with pytest.raises(NoAnswer, match=r"l'admission en 7P \(7e année professionnelle de type B\) après avoir réussi la 6P"):
        routes("CE6P", "CESS", adult=True, age=19, contracts=["convention-emploi-formation"])
    ok = routes("CE6P", "CESS", adult=True, age=19, contracts=["contrat-alternance"])[0]
    assert ok["years"] == 1
    assert "contract" not in keys(ok["steps"][1]) and "age" not in keys(ok["steps"][1])
    res = cli("route", "CE6P", "CESS", "--adult", "--age", "19", "--contract", "convention-emploi-formation")
    assert res.code == 1 and res.err.strip().count("\n") == 0


# Derivation: an adult whose age at 31 December is 18 (completed years: 18 ≤ age < 19) is "de plus
# de 18 ans et de moins de 21 ans" (l. 817, décret 1991 art. 6 §1 al. 1 2°, note 68); one of 21 is
# "de plus de 21 ans et de moins de 25 ans" (l. 822/837, 3°/4°). Both may enter the 7P with a
# contrat d'alternance (the 21-year-old with the situation of 3° or 4° still to show).
@pytest.mark.parametrize("age", [18, 21])
def test_adult_of_18_or_21_with_a_contract_enters_the_7p(routes, age):
    assert routes("6P", "7P", adult=True, age=age, contracts=["contrat-alternance"])[0]["years"] == 0


# Derivation: the 7P, 5TQ, 6TQ admissions are "article 49" formations (l. 638-642): with
# --regime article-45 no route from the CE6P reaches the CESS; the 3rd-degree article 45 admission
# (l. 608) and the table's article 45 cell (l. 988) remain.
def test_regime_filter(routes, rules, cli):
    with pytest.raises(NoAnswer, match="régime article-49, et non article-45"):
        routes("CE6P", "CESS", regime="article-45")
    with pytest.raises(NoAnswer):
        routes("F3-PHASE3", "5P", regime="article-45")
    acp = routes("ACP-D2", "ART45-D3", regime="article-45")[0]
    assert acp["steps"][0]["rule"] == "admission-ART45-D3"
    f3 = routes("F3-PHASE3", "ART45-D3", regime="article-45")
    assert f3[0]["steps"][0]["rule"] == "passage-ceb-p3-reussie-cq-ART45-D3"
    used = {s["rule"] for r in f3 for s in r["steps"] if s["kind"] != "study"}
    assert used and all("article-45" in rules[rid]["regime"] for rid in used)
    res = cli("route", "CE6P", "CESS", "--regime", "article-45")
    assert res.code == 1 and "article-45" in res.err and res.err.strip().count("\n") == 0


# Derivation: circulaire 7282 is the circular of the school year 2019-2020 (its rules are valid
# 2019-2020 only): for 2018-2019 no rule applies; for 2019-2020 the answer is unchanged.
def test_year_filter(routes, cli):
    with pytest.raises(NoAnswer, match="2018-2019"):
        routes("CE6P", "CESS", year="2018-2019")
    assert routes("CE6P", "CESS", year="2019-2020") == routes("CE6P", "CESS")
    res = cli("route", "CE6P", "CESS", "--year", "2018-2019")
    assert res.code == 1 and res.err.strip().count("\n") == 0
    assert cli("route", "CE6P", "CESS", "--year", "2019").code == 2


# Derivation: 7130 is the only class-O 7P option, in sector 7 (l. 2200-2201); the two class-O 7TQ
# options are in sectors 1 and 6 (1307 l. 2132, 6217 l. 2153): no class-O 7th year in sector 5.
def test_sector_filter(routes):
    assert {r["steps"][-1]["to"] for r in routes("CE6P", "7e:O", sector=7)} == {"7130"}
    with pytest.raises(NoAnswer):
        routes("CE6P", "7e:O", sector=5)


def test_sector_filter_says_what_blocks(cli):
    res = cli("route", "CE6P", "7e:O", "--sector", "5")
    assert res.code == 1
    assert "secteur 7, et non 5" in res.err


# Derivation: l. 2178 "3225 7ème PB Etancheur/Etancheuse S-O (organisable pour la dernière fois en
# 2016-2017)": in 2019-2020 this 7th year can no longer be organised, so no route reaches it.
# The catalogue reads the mark (psl:validUntil "2016-2017" on the 7th-year listing of 3225).
def test_option_no_longer_organised_is_not_offered(routes, line):
    assert "organisable pour la dernière fois en 2016-2017" in line(2178)
    try:
        found = routes("CE6P", "3225", year="2019-2020")
    except NoAnswer:
        return
    assert found == [], f"a 2019-2020 route reaches 3225 in {found[0]['years']} year(s)"


# --------------------------------------------------------------------------- names

@pytest.mark.parametrize("name, expected, kind", [
    ("ce6p", "CE6P", "title"),
    ("CESS", "CESS", "title"),
    ("C.E.S.S.", "CESS", "title"),
    ("certificat d'enseignement secondaire supérieur", "CESS", "title"),
    ("Certificat d'enseignement secondaire superieur", "CESS", "title"),
    ("6e professionnelle", "6P", "year"),
    ("certificat d'enseignement secondaire du 2e degré", "CE2D", "title"),
    ("7130", "7130", "option"),
    ("7e:O", "7e:O", "seventh-years"),
    ("7e:S-O", "7e:S-O", "seventh-years"),
    ("7e:L", "7e:L", "seventh-years"),
    ("ACP", "ACP-D2", "title"),
    ("forme 3 phase 3", "F3-PHASE3", "year"),
])
def test_names_resolve(app, cli, name, expected, kind):
    found = resolve(view_of(app), name)
    assert (found.id, found.kind) == (expected, kind)
    res = cli("resolve", name, "--json")
    assert res.code == 0
    assert set(res.json()) == {"id", "label", "kind"}
    assert (res.json()["id"], res.json()["kind"]) == (expected, kind)


# Derivation: "7e professionnelle", "7e P", "septième année professionnelle" are the 7P (l. 807
# "en 7ème année P", l. 809 "7èmes années professionnelles de type B"), as "6e professionnelle" is the 6P.
@pytest.mark.parametrize("name", ["7e professionnelle", "7e P", "septième année professionnelle"])
def test_seventh_professional_year_labels_resolve(app, name):
    assert resolve(view_of(app), name).id == "7P"


def test_unknown_names_exit_2_with_candidates(cli):
    res = cli("resolve", "CEES")
    assert res.code == 2 and res.out == ""
    assert res.err.strip().count("\n") == 0
    assert "CESS" in res.err and "did you mean" in res.err
    res = cli("route", "CE6PP", "CESS")
    assert res.code == 2 and "CE6P" in res.err and res.err.strip().count("\n") == 0
    res = cli("route", "CE6P", "CESS", "--contract", "emploi-formation")
    assert res.code == 2 and "convention-emploi-formation" in res.err


# --------------------------------------------------------------------------- contract, explain

def test_route_json_contract(cli):
    res = cli("route", "CE6P", "CESS", "--json")
    assert res.code == 0
    data = res.json()
    assert (data["from"], data["to"]) == ("CE6P", "CESS")
    assert {"from", "to", "routes"} <= set(data)
    for route in data["routes"]:
        assert {"years", "steps"} <= set(route)
        for step in route["steps"]:
            assert {"from", "to", "kind", "years", "conditions", "basis", "source", "rule", "also_allowed_by"} <= set(step)
            assert ":" not in step["from"] and ":" not in step["to"]     # canonical ids, not view nodes
            assert isinstance(step["conditions"], list) and isinstance(step["also_allowed_by"], list)
            for b in step["basis"]:
                assert set(b) == {"act", "article", "paragraph", "alinea", "point"}
                assert set(b["act"]) == {"type", "date", "iri"}
            if step["kind"] == "study":
                assert step["rule"] is None and step["source"] is None and step["years"] == 1
            else:
                assert step["years"] == 0
                assert set(step["source"]) == {"document", "line"} and step["source"]["document"] == "circulaire-7282"
        assert route["years"] == sum(s["years"] for s in route["steps"])
    award = data["routes"][0]["steps"][-1]
    assert award["basis"] == [{"act": {"type": "arrete-royal", "date": "1984-06-29",
                                       "iri": award["basis"][0]["act"]["iri"]},
                               "article": "25", "paragraph": "2", "alinea": None, "point": None}]


def test_explain_gives_conditions_and_basis(cli):
    res = cli("explain", "CE6P", "CESS")
    assert res.code == 0
    assert "aux conditions suivantes" in res.out and res.out.startswith("Note : de CE6P à CESS")
    assert "Arrêté royal du 29 juin 1984, art. 25, §2" in res.out and "l. 1191" in res.out
    assert "Décret du 3 juillet 1991, art. 8, §1er" in res.out and "l. 811" in res.out
    lim = cli("explain", "CE6P", "7e:L")
    assert lim.code == 0 and "circulaire 7233" in lim.out and "CQ6" in lim.out


# Derivation: the 3 cumulative conditions of the passage (l. 977-979) should read as the circular
# writes them, since the data carries those words.
def test_explain_quotes_the_three_cumulative_conditions(app):
    answer = ask(app, "F3-PHASE3", "5P", k=1)
    text = explain_step(answer.routes[0].steps[0], answer.view)
    assert "à condition que" in text
    assert "la demande écrite des parents" in text
    assert "l'avis motivé de l'organisme chargé de la guidance" in text
    assert "l'avis favorable du conseil d'admission de l'école d'accueil" in text


# --------------------------------------------------------------------------- k and --all

def test_k_shortest_routes_are_sorted_by_years(routes):
    for from_, to in [("CE6P", "CESS"), ("4P", "CESS"), ("CE2D", "5TQ"), ("6P", "7e:O")]:
        found = routes(from_, to, k=4)
        known = [r["years"] for r in found if r["years"] is not None]
        assert known == sorted(known), (from_, to, known)
        assert found[0]["years"] == min(known)
    assert [r["years"] for r in routes("CE6P", "CESS")] == [1, 2, 3]


def test_all_routes_under_a_bound(routes, cli):
    found = routes("CE6P", "CESS", all_routes=True, max_years=3)
    assert len(found) >= 3
    assert all(r["years_at_least"] <= 3 for r in found)
    assert all(r["years"] is None or r["years"] <= 3 for r in found)
    paths = [tuple((s["from"], s["to"]) for s in r["steps"]) for r in found]
    assert len(set(paths)) == len(paths)
    assert {1, 2, 3} <= {r["years"] for r in found}
    res = cli("route", "CE6P", "CESS", "--all", "--max-years", "3", "--json")
    assert res.code == 0
    assert len(res.json()["routes"]) == len(found)
    assert max(r["years_at_least"] for r in res.json()["routes"]) <= 3


@pytest.mark.parametrize("args, message", [
    (("route", "4P", "CE6P", "--age", "19", "--minor"), "contradicts"),
    (("route", "4P", "7e", "--sector", "99"), "between 1 and 10"),
    (("route", "6P", "7e", "--holds", "6P"), "takes a title"),
    (("route", "CESS", "CESS"), "the same"),
    (("route", "4P", "CESS", "--max-years", "1"), "bounds every route (all routes), not the k shortest"),
    (("route", "7130", "CESS"), "not a starting point"),
])
def test_contradictory_or_invalid_questions_exit_2(cli, args, message):
    result = cli(*args)
    assert result.code == 2 and message in result.err and result.err.count("\n") == 1


def test_no_route_within_the_years_asked_exits_1(cli):
    result = cli("route", "CE6P", "CESS", "--all", "--max-years", "0")
    assert result.code == 1 and "en 0 année(s) scolaire(s) au plus" in result.err
