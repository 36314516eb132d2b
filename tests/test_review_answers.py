"""Regressions for an independent review of the route answers (diagnosis, sources of
orientation conditions, French of the answers, filters that cannot apply, conditional memos).

Each test is derived by hand from the corpus (corpus/*.txt); its comment gives the lines.
"""

from __future__ import annotations

import pytest
from test_route_model import walk

from passerelles.corpus import default_corpus_dir
from passerelles.errors import NoRoute
from passerelles.rules.loader import load_rules
from passerelles.routes.explain import route_record
from passerelles.routes.service import ask, view_of

CORPUS = default_corpus_dir()
CIRCULAR = CORPUS / "004_0cd2d006c908e9f4.txt"


@pytest.fixture(scope="module")
def line():
    lines = CIRCULAR.read_text(encoding="utf-8").splitlines()
    return lambda n: lines[n - 1]


# --------------------------------------------------------------------------- 2. orientation lines

# Derivation: the 6TQ admits « les élèves réguliers qui ont terminé avec fruit, dans la même
# section et la même orientation d'études, la 5ème année » (l. 883); the CESS of the technical
# route needs « les 2 dernières années … dans la même section et dans la même orientation
# d'études » (l. 1193). Each orientation condition of CE6P → CESS carries that line.
def test_orientation_conditions_carry_their_source_line(app, line):
    assert "dans la même section et la même orientation d'études" in line(883)
    assert "dans la même section et dans la même orientation d'études" in line(1193)
    index = view_of(app).index
    found = {}
    for r in ask(app, "CE6P", "CESS").routes:
        for step in route_record(r, index)["steps"]:
            for c in walk(step["conditions"]):
                if "orientation" in c:
                    assert "source" in c, (step["rule"], c)
                    found[c["text"]] = c["source"]["lines"]
    assert found["dans la même section et la même orientation d'études"] == [883, 883]
    assert found["dans la même section et dans la même orientation d'études"] == [1193, 1193]


# Every orientation condition of every rule: a source whose quote is in its lines (l. 701, 703,
# 780, 781, 813, 883, 917, 1193, 1274, 1275 of the circular).
def test_every_orientation_condition_has_a_quoted_source():
    text = CIRCULAR.read_text(encoding="utf-8").splitlines()
    seen = set()
    for rule in load_rules():
        for c in rule.condition_nodes("orientation"):
            assert c.source is not None, rule.id
            assert c.source.document == "circulaire-7282", rule.id
            passage = " ".join(text[c.source.first - 1:c.source.last])
            assert c.source.quote in passage, (rule.id, c.source.quote)
            seen.add(c.source.first)
    assert seen == {701, 703, 780, 781, 813, 883, 917, 1193, 1274, 1275}


# --------------------------------------------------------------------------- 1. the goal is held

# Derivation: rules lead to the CESS from the CE6P (through 7P, l. 811-812 and 1191-1194), so
# « no rule leads there » is false for `route CE6P CESS --holds CESS`. The real reason: the
# record already holds the goal, and « Les élèves ne peuvent être inscrits dans des formations
# qui conduisent à la délivrance de titres identiques ou équivalents à ceux dont ils sont déjà
# porteurs » (l. 562-564).
def test_holding_the_goal_is_the_reason_given(app, line):
    assert "titres identiques ou équivalents à ceux dont ils sont déjà porteurs" in line(564)
    assert "Interdiction d'inscription" in line(562)
    assert ask(app, "CE6P", "CESS").routes                     # rules do lead there
    with pytest.raises(NoRoute) as no:
        ask(app, "CE6P", "CESS", holds=["CESS"])
    message = str(no.value)
    assert "no rule of the corpus leads there" not in message and "aucune règle" not in message
    assert "déjà titulaire du CESS" in message or "est titulaire du CESS" in message
    assert "(l. 562-564)" in message and "titres identiques ou équivalents" in message
    assert no.value.answer.diagnosis.to_dict()["message"] == message


# --------------------------------------------------------------------------- 4. filters without effect

# Derivation: the routes CE6P → CESS are the circular's (6P → 7P, l. 811-812, CESS l. 1191-1194;
# 6P → 5TQ → 6TQ, l. 853, 883, CESS l. 1191-1193): none of their conditions speaks of parts of a
# qualification (blocs, CCP: la-mache-cqp, titre-pro-sessions) or of a register (RNCP, RS:
# cqp-4-etapes). --missing 2 and --registered RNCP concern no step: the answer says so (text
# and JSON), and its routes are those without the filter.
@pytest.mark.parametrize("given, name", [({"missing": 2}, "missing"), ({"registered": "RNCP"}, "registered")])
def test_a_filter_that_concerns_no_step_is_said(app, given, name):
    plain = ask(app, "CE6P", "CESS")
    answer = ask(app, "CE6P", "CESS", **given)
    assert [r.sort_key() for r in answer.routes] == [r.sort_key() for r in plain.routes]
    assert answer.unused == (name,) and plain.unused == ()
    [note] = answer.to_dict()["unused_filters"]
    assert note["filter"] == name and "ne concerne aucune étape de ces parcours" in note["note"]
    assert f"--{name}" in note["note"]
    assert "Filtre sans effet" in answer.text(80) and "unused_filters" not in plain.to_dict()


# Derivation: the age is read by the circular's admissions (« âgés … de 15 ans accomplis » and
# the age bands, e.g. l. 817-825 for the 7P): --age concerns these routes, and is not noted.
def test_a_filter_read_by_a_step_is_not_noted(app):
    assert ask(app, "CE6P", "CESS", age=17).unused == ()


# --------------------------------------------------------------------------- 5. a conditional answer

# Derivation: to Maud, holder of a French CAP petite enfance, Infor Jeunes answers only « Pour
# le savoir, il faut introduire une demande auprès du service des équivalences » (000 l. 23):
# whether the CAP counts as the CQSS auxiliaire de l'enfance (and so opens the complément CESS,
# l. 41) is a decision outside the corpus whose outcome is not stated. The memo's answer is
# « seulement si » that decision is obtained, never « oui ».
def test_a_route_through_an_undecided_equivalence_answers_only_if(app):
    from passerelles.routes.memo import Explanation
    lines = next(CORPUS.glob("000_*.txt")).read_text(encoding="utf-8").splitlines()
    assert "il faut introduire une demande auprès du service des équivalences" in lines[22]
    explanation = Explanation.of(ask(app, "CAP petite enfance", "CESS"))
    memo = " ".join(explanation.memo(80).split())
    assert "Réponse : oui" not in memo
    assert "Réponse : seulement si une décision du service des équivalences" in memo
    assert "dont l'issue n'est pas dite" in memo
    assert explanation.to_dict()["routes"][0]["supposes"]
    # a route of the circular with nothing undecided still answers « oui » (l. 811-812, 1191-1194)
    plain = Explanation.of(ask(app, "CE6P", "CESS", k=1))
    assert "Réponse : oui" in " ".join(plain.memo(80).split()) and "supposes" not in plain.to_dict()["routes"][0]


# --------------------------------------------------------------------------- 3. French of the answers

# Derivation: the ACC is « l'attestation de compétences complémentaires » (l. 349; its award,
# l. 1220): « délivrance de l'ACC », never « du ACC »; the attestation de réinsertion (l. 1232,
# 1281) is an attestation: « de l'attestation … »; the titre professionnel (003 l. 5, its award
# l. 33) is « du titre professionnel », never « du TP ».
def test_step_words_take_the_right_article(app):
    def words(from_, to, **kw):
        return " ".join(ask(app, from_, to, **kw).text(200).split())
    assert "7P → ACC : délivrance de l'ACC" in words("START", "ACC")
    assert "→ ATT-REINSERTION : délivrance de l'attestation de réinsertion" in words("START", "ACC")
    tp = words("CCP", "TP")
    assert "→ TP : délivrance du titre professionnel" in tp and "du TP" not in tp
    for wrong in ("du ACC", "du ACP-D2", "du ATT-REINSERTION"):
        assert wrong not in words("START", "ACC")
    # the circular's codes readers write keep their article (l. 1191-1194, 1196)
    cess = words("CE6P", "CESS")
    assert "7P → CESS : délivrance du CESS" in cess and "CE6P → 6P : le CE6P atteste la réussite de la 6P" in cess


# Derivation: Maud holds a « CAP petite enfance français » (000 l. 19-20) and asks about the
# complément CESS (l. 20): the memo names them by their labels, not by the graph's codes.
def test_the_memo_names_states_by_their_labels(app):
    from passerelles.routes.memo import Explanation
    memo = " ".join(Explanation.of(ask(app, "CAP petite enfance", "CESS")).memo(200).split())
    assert memo.startswith("Note : de CAP Petite enfance (titre français) à CESS Question :")
    assert "titulaire du CAP Petite enfance (titre français)" in memo
    assert "Elle suit le module de cours généraux complémentaires (complément CESS)" in memo
    assert "FR-CAP-PETITE-ENFANCE (" not in memo.split("Parcours 1")[0].split("Question")[1]
    assert "suit la PS-COMPLEMENT-CESS" not in memo and "titulaire du FR-CAP" not in memo


# Derivation: the rules of circulaire 7282 are valid for 2019-2020 only (« Directives pour
# l'année scolaire 2019-2020 », l. 12; the rule file's validity): for --year 2030-2031 the first step
# (the CE6P attesting the 6P, l. 1196) is out of scope. The diagnosis says so in French,
# « valable en 2019-2020 », never « valid 2019-2020–2019-2020 ».
def test_the_diagnosis_is_french_and_says_the_validity_in_words(app, cli):
    with pytest.raises(NoRoute) as no:
        ask(app, "CE6P", "CESS", year="2030-2031")
    message = str(no.value)
    assert message.startswith("pas de parcours de CE6P à CESS : la situation donnée exclut le CE6P attestant la "
                              "réussite de la 6P")
    assert "(règle award-CE6P, l. 1196) : valable en 2019-2020, et non en 2030-2031" in message
    assert "valid " not in message and "no route" not in message
    assert no.value.answer.to_dict()["diagnosis"]["blocked"][0]["scope"] == ["valable en 2019-2020, et non en 2030-2031"]
    result = cli("route", "CE6P", "CESS", "--year", "2030-2031")
    assert result.code == 1 and "valable en 2019-2020" in result.err and "2019-2020–2019-2020" not in result.err


# Derivation: the 4P admission « au sein d'un établissement … autorisé par le Ministre à ne pas
# délivrer d'attestation au terme de la 3ème année » (l. 701) and the attestation de réinsertion
# « à l'élève qui a suivi les cours pendant une année scolaire au moins et qui est jugé apte à
# poursuivre ses études » (l. 1281) carry their lines too: every condition of 4P → CE6P has one.
def test_every_condition_of_4p_to_ce6p_has_its_line(app):
    index = view_of(app).index

    def unsourced(conds, has=False):
        for c in conds:
            inside = has or "source" in c
            kids = c.get("all_of") or c.get("any_of") or []
            if not kids and not inside:
                yield c
            yield from unsourced(kids, inside)
    for r in ask(app, "4P", "CE6P").routes:
        for step in route_record(r, index)["steps"]:
            assert not list(unsourced(step["conditions"])), step["rule"]


# Derivation: a route from START to the ACC opens with the « article 45 » admission open to any
# pupil (l. 572-596) and ends with the award of the ACC (l. 1220). explain crashed on the START
# step (a NameError in the step's justification); the memo now says « L'élève obtient l'ACC ».
def test_explain_a_route_opening_with_start(app):
    from passerelles.routes.memo import Explanation
    explanation = Explanation.of(ask(app, "START", "ACC", k=1))
    memo = " ".join(explanation.memo(200).split())
    assert "L'élève obtient l'ACC (Attestation de compétences complémentaires" in memo
    assert explanation.to_dict()["routes"][0]["explanation"][0].startswith("Admis(e) en")


# Derivation: a condition without lines of its own or of its group, whose words are at one line
# of its rule's passage, carries that line: e.g. the CESS of the 7P « après avoir terminé avec
# fruit une 6ème année d'études de l'enseignement secondaire professionnel » (l. 1194), the ACC's
# « la 7ème année complémentaire » (l. 1220), the 3P's « être âgé de 16 ans avant le 31 décembre
# qui suit le début de l'année scolaire » (l. 654). Every condition source quotes its line(s).
def test_conditions_with_their_words_in_the_passage_carry_their_line(line):
    by_rule = {r.id: r for r in load_rules("circulaire-7282")}
    expected = {("award-CESS-7P", "completed"): 1194, ("award-ACC", "situation"): 1220,
                ("admission-3P-conseil-admission", "age"): 654}
    for (rule, key), n in expected.items():
        [c] = by_rule[rule].condition_nodes(key)
        assert c.source is not None and (c.source.first, c.source.last) == (n, n), rule
        assert c.source.quote in line(n)
    # every leaf of the circular carries its line(s) (or sits under a condition that does); a shared
    # anchor carries the line of the rules that share it, the second table's rules have their own
    # (l. 1018 and 1020, where table 1's are l. 986 and 988)
    assert _unsourced_leaves(by_rule.values()) == []
    [c] = [c for c in by_rule["passage-sans-ceb-p2-inscrit-1an-15-MFI"].condition_nodes("attended")
           if c.text == "ayant fréquenté 1 année scolaire complète en 2ème phase"]
    assert (c.source.first, c.source.quote) == (1018, "ayant fréquenté 1 année scolaire complète en 2 ^{ème} phase")
    assert c.source.quote in line(1018)


def _unsourced_leaves(rules) -> list[tuple[str, str]]:
    """(rule, key) of each leaf condition with no source of its own nor on a condition above it."""
    out = []

    def walk_nodes(rule, c, has):
        has = has or c.source is not None
        if not c.children and not has:
            out.append((rule.id, c.key))
        for k in c.children:
            walk_nodes(rule, k, has)
    for r in rules:
        if r.conditions is not None:
            walk_nodes(r, r.conditions, False)
    return out


# Derivation (secondary documents, each file read with cat -n): titre-pro-sessions « Deux résultats
# sont possibles : réussite ou échec au CCP. » (l. 31), the CCP session is open « aux candidats
# ayant suivi une formation en cohérence avec le CCP visé » (l. 35); cqp-4-etapes « A la fin, le
# jury peut : » (l. 32) « – délivrer le CQP. » (l. 33); infor-jeunes-cess-cqss « il faut introduire
# une demande auprès du service des équivalences » (l. 23).
@pytest.mark.parametrize("document, file, rule, key, lines", [
    ("titre-pro-sessions", "003_2a96e9abcdd7dc4e.txt", "award-CCP-session", "decision", (31, 31)),
    ("titre-pro-sessions", "003_2a96e9abcdd7dc4e.txt", "admission-TP-SESSION-CCP-formation", "situation", (35, 35)),
    ("cqp-4-etapes", "002_35a3d0baa31e48c4.txt", "award-CQP-blocs-manquants", "decision", (32, 33)),
    ("infor-jeunes-cess-cqss", "000_596d3887167686c3.txt", "equivalence-CAP-petite-enfance", "equivalence", (23, 23)),
])
def test_secondary_documents_conditions_carry_their_line(document, file, rule, key, lines):
    rules = load_rules(document)
    [c] = next(r for r in rules if r.id == rule).condition_nodes(key)
    assert (c.source.document, c.source.first, c.source.last) == (document, *lines)
    text = CORPUS.joinpath(file).read_text(encoding="utf-8").splitlines()
    assert " ".join(c.source.quote.split()) in " ".join(" ".join(text[lines[0] - 1:lines[1]]).split())
    # every leaf of the document's rules carries its line(s): none left (there were 12 titre-pro,
    # 6 CQP and 2 Infor Jeunes)
    assert _unsourced_leaves(rules) == []
