"""The route model: a pupil's record that the rules read and every step extends.

Each test is derived by hand from circulaire 7282 (corpus/004_0cd2d006c908e9f4.txt): its
comment gives the lines, and the test checks the words of those lines before it checks the
engine. Conventions as in test_routes.py: a route's ``years`` counts school years of study.
"""

from __future__ import annotations

import pytest

from passerelles.corpus import default_corpus_dir
from passerelles.errors import NoAnswer
from passerelles.routes.explain import explain_step, route_record
from passerelles.routes.service import ask, view_of
from passerelles.routes.states import START, State, StateKind, Transition

CIRCULAR = default_corpus_dir() / "004_0cd2d006c908e9f4.txt"


@pytest.fixture(scope="module")
def line():
    lines = CIRCULAR.read_text(encoding="utf-8").splitlines()
    return lambda n: lines[n - 1]


@pytest.fixture(scope="module")
def routes(app):
    """``routes(FROM, TO, **filters)``: the JSON records of ``ask``."""
    def get(from_: str, to: str, **kw):
        return [route_record(r, view_of(app).index) for r in ask(app, from_, to, **kw).routes]
    return get


def rules_of(route: dict) -> list[str]:
    return [s["rule"] for s in route["steps"] if s["kind"] != "study"]


def walk(conds):
    for c in conds if isinstance(conds, list) else [conds]:
        if isinstance(c, dict):
            yield c
            for key in ("all_of", "any_of"):
                yield from walk(c.get(key, []))
            if isinstance(c.get("not"), dict):
                yield from walk(c["not"])


def keys(step: dict) -> set[str]:
    return {k for c in walk(step["conditions"]) for k in c if k not in ("text", "basis", "source")}


# --------------------------------------------------------------------------- history is checked

# Derivation: l. 736 admits to the 5P the holders of an attestation de réinsertion « délivrée par
# un CEFA après une fréquentation d'une année scolaire au moins ... (formation « article 45 ») »;
# the attestation of an « article 49 » year (l. 1232) lets the pupil go on in 4th or 5th year
# only « dans le respect des conditions d'admission », and the 5P asks for a 4th year passed
# (l. 734). So CE1D → 3P (art. 49, l. 648) → … → CESS cannot skip the 4P through the
# attestation: 3P, 4P, 5P, 6P, 7P = 5 school years (l. 694, 734, 780, 811; CESS l. 1194).
def test_ce1d_to_cess_in_article_49_no_longer_passes_through_l736(routes, line):
    assert "(formation « article 45 »)" in line(736) and "délivrée par un CEFA" in line(736)
    assert "(formation article 49)" in line(1232) and "dans le respect des conditions d'admission" in line(1232)
    found = routes("CE1D", "CESS", regime="article-49")
    assert found[0]["years"] == 5
    for r in found:
        assert "reinsertion-5P" not in rules_of(r) and "reinsertion-4P" not in rules_of(r)
    assert rules_of(found[0])[:1] == ["admission-3P-from-CE1D"]
    assert [s["to"] for s in found[0]["steps"] if s["kind"] == "study"] == ["3P", "4P", "5P", "6P", "7P"]


# Derivation: the same from the 3P itself: 3P → 5P takes the 4P (1 year, l. 694 then 734), never
# the attestation of l. 1232 read as the one of l. 736.
def test_3p_to_5p_takes_the_4th_year(routes):
    found = routes("3P", "5P", regime="article-49", k=5)
    assert found[0]["years"] == 1
    assert all("reinsertion-5P" not in rules_of(r) for r in found)


# Derivation: after a year of article 45 (l. 572-574, from 16 years, l. 581) the attestation of
# l. 1281 (« a suivi les cours pendant une année scolaire au moins ») opens the 5P by l. 736: the
# route exists, the origin of the attestation is settled by the route itself (not left to meet),
# and the formation counts at least one school year.
def test_after_a_year_of_article_45_the_reinsertion_into_5p_is_open(routes, line):
    assert "pendant une année scolaire au moins" in line(1281)
    first = routes("START", "5P", age=16)[0]
    assert rules_of(first) == ["admission-ART45-D2", "award-REINSERTION-art45", "reinsertion-5P"]
    reinsertion = first["steps"][-1]
    assert "origin" not in keys(reinsertion)
    assert (first["years"], first["years_at_least"]) == (None, 1)


# --------------------------------------------------------------------------- FROM is not dropped

# Derivation: l. 576-581: minors enter article 45 at the 2nd degree at 15 « s'ils ont suivi au
# moins les 2 premières années » — 1C+2C, 1D+1C or 1D+2D (l. 578-580) — or at 16. A pupil of 15
# whose record is the 1D alone has neither: no route, and the answer says which condition fails.
def test_a_15_year_old_with_only_the_1d_is_not_told_he_may_enter_article_45(routes, line):
    assert "de 15 ans accomplis s'ils ont suivi au moins les 2 premières années" in line(577)
    assert "la 1^{ère} année D et la 2^{ème} année D" in line(580) and "de 16 ans accomplis" in line(581)
    with pytest.raises(NoAnswer) as why:
        routes("1D", "ART45-D2", age=15)
    message = str(why.value)
    assert "admission-ART45-D2" in message and "2 premières années" in message and "(l. 576-581)" in message
    # at 16 the same pupil may: nothing about the first years is left to meet
    step = routes("1D", "ART45-D2", age=16)[0]["steps"][0]
    assert (step["from"], step["to"]) == ("START", "ART45-D2")
    assert "attended" not in keys(step) and "age" not in keys(step)
    # of unknown age: the 15-year branch is settled by the record (only the 1D), the rest stays
    unknown_age = routes("1D", "ART45-D2")[0]["steps"][0]
    assert "attended" not in keys(unknown_age) and "age" in keys(unknown_age)
    # START is a pupil of unknown history: there the first years are still to show
    assert "attended" in keys(routes("START", "ART45-D2", age=15)[0]["steps"][0])


def test_a_route_opening_with_a_rule_open_to_any_pupil_says_so(app):
    answer = ask(app, "1D", "ART45-D2", age=16)
    assert answer.note and "1D" in answer.note
    assert ask(app, "CE6P", "CESS").note is None


# Derivation: the CQ6 is delivered to a pupil who « a suivi en qualité d'élève régulier la 6ème
# année » (l. 1198): attended, not necessarily passed. The 7th years admit those who « ont terminé
# avec fruit la 6ème année … et titulaires du certificat de qualification » (l. 811-813). So from
# the CQ6: the 7P at once (0 years), with a 6th year passed still to show — not a detour back to
# the 3rd year — and CE6P (which attests the 6P, l. 1196) with the CQ6 reaches an option at once.
def test_cq6_to_a_7th_year_says_a_6th_year_passed_is_also_needed(routes, line):
    assert "a suivi en qualité d'élève régulier la 6^{ème} année" in line(1198)
    first = routes("CQ6", "7e")[0]
    assert first["years"] == 0 and first["steps"][0]["from"] == "CQ6" and first["steps"][0]["to"] == "7P"
    needed = [c for c in walk(first["steps"][0]["conditions"]) if "6P, 6TQ" in c.get("text", "")]
    assert needed and "FROM 6P" in needed[0]["text"] and "--holds CE6P" in needed[0]["text"]
    assert {c["completed"]["years"][0] for c in needed[0]["any_of"]} == {"6P", "6TQ"}
    direct = routes("CE6P", "7e:S-O", holds=["CQ6"])[0]
    assert direct["years"] == 0 and "holds" not in keys(direct["steps"][-1])


# --------------------------------------------------------------------------- attestations with effects

# Derivation: the AO-B « précise que l'élève peut être admis, avec restriction, dans l'année
# supérieure » (l. 1169, 1181); which restriction is written on the attestation itself, outside
# the corpus. So the next admission — and only it — carries an external condition naming it.
def test_ao_b_restricts_the_next_admission(routes, line):
    assert "avec restriction, dans l'année" in line(1169)
    def restriction(step):
        return [c["external"] for c in walk(step["conditions"])
                if "external" in c and "attestation d'orientation B" in c["external"]["about"]]
    with_b = routes("4P", "6P", holds=["AO-B"])[0]
    admit5, admit6 = [s for s in with_b["steps"] if s["kind"] == "admission"]
    assert (admit5["to"], admit6["to"]) == ("5P", "6P")
    [ext] = restriction(admit5)
    assert "l'attestation d'orientation B" in ext["settled_by"]
    assert restriction(admit6) == []
    assert restriction(routes("4P", "5P")[0]["steps"][0]) == []


# Derivation: the AO-C « précise que l'élève ne peut être admis dans l'année d'études
# supérieure » (l. 1183). A pupil whose 3P ended with an AO-C does not enter the 4P next (neither
# by l. 694, which asks the 3P passed, nor by l. 701); without the AO-C the 4P is open at once.
def test_ao_c_blocks_the_year_above(routes, line):
    assert "ne peut être admis dans l'année d'études supérieure" in line(1183)
    assert routes("3P", "4P")[0]["years"] == 0
    for r in routes("3P", "4P", holds=["AO-C"], k=5):
        assert r["steps"][0]["to"] != "4P"
        assert not {"admission-4P-from-3e", "admission-4P-sans-attestation-3P"} & set(rules_of(r))
    # the AO-C itself: for a year not completed with success (l. 1183)
    first = routes("4P", "AO-C")[0]
    assert [(s["from"], s["to"], s["kind"]) for s in first["steps"]][-2:] == [("5P", "5P", "study"), ("5P", "AO-C", "award")]


# Derivation: the pupil with more than 20 half-days of unjustified absence « ne peut donc plus
# prétendre à la sanction de son année d'études » (l. 1061) and, not admitted to the exams,
# « reçoit alors une attestation de fréquentation d'élève libre » (l. 1085): that year is not
# completed with success, so the 6P (l. 780: the 5P « terminé avec fruit ») is closed.
def test_the_attestation_of_eleve_libre_leaves_the_year_unsanctioned(routes, line):
    assert "ne peut donc plus prétendre à la sanction de son année d'études" in line(1061)
    assert "attestation de fréquentation d'élève libre" in line(1085)
    assert routes("5P", "6P")[0]["years"] == 0
    with pytest.raises(NoAnswer) as why:
        routes("5P", "6P", holds=["AF-LIBRE"])
    assert "AF-LIBRE" in str(why.value) and "l. 1061" in str(why.value)


# --------------------------------------------------------------------------- access classes

# Derivation: every 7th year is entered in an option classed L (a particular CQ), S-O (a CQ) or
# O (a 6th year passed) (l. 944-948). The complementary 7th years are all L or S-O (repertory,
# l. 2209-2303), so the attestation de compétences complémentaires (l. 1220) asks for a CQ
# whatever the option; with the CQ6 held, nothing of the class is left.
def test_the_acc_asks_for_a_cq_because_every_complementary_7th_year_does(app, routes, line):
    assert "Options classées Semi-ouvertes (S-O)" in line(947) and "Options classées Ouvertes (O)" in line(948)
    view = view_of(app)
    complementary = {o.access for o in view.index.options.values() if o.list == "7e-complementaire"}
    assert complementary == {"L", "S-O"}
    award = routes("6P", "ACC")[0]["steps"][-1]
    assert award["rule"] == "award-ACC"
    assert {"holds": "CQ6", "source": {"document": "circulaire-7282", "lines": [944, 948]}} in award["conditions"]
    held = routes("6P", "ACC", holds=["CQ6"])[0]["steps"][-1]
    assert "holds" not in keys(held)


# Derivation: the 7P options of sector 5 are all S-O (5221, 5239 at l. 2196-2197, the complements
# 5234-5303 at l. 2280-2284): a pupil wanting a 7P of that sector needs a CQ even to enter the
# year. In sector 7 the 7130 is O (l. 2201): a 6th year passed is enough.
def test_access_classes_apply_to_a_year_target(routes, line):
    assert line(2196).startswith("5221") and "S-O" in line(2196)
    assert line(2201).startswith("7130") and line(2201).rstrip().endswith("O\tR")
    sector5 = routes("6P", "7P", sector=5)[0]["steps"][0]
    assert {"holds": "CQ6", "source": {"document": "circulaire-7282", "lines": [944, 948]}} in sector5["conditions"]
    sector7 = routes("6P", "7P", sector=7)[0]["steps"][0]
    assert {"holds": "CQ6", "source": {"document": "circulaire-7282", "lines": [944, 948]}} not in sector7["conditions"]


# --------------------------------------------------------------------------- article 45 lengths

# Derivation: the ACP of the 2nd degree is awarded to the pupil who followed « pendant au moins
# 2 années scolaires » the article-45 courses (l. 1272-1274): a route by that rule takes at least
# two school years, shown as a lower bound on the formation's study step.
def test_article_45_lengths_are_lower_bounds(routes, line):
    assert "pendant au moins 2 années scolaires" in line(1272)
    found = routes("START", "ACP-D2", age=16, all_routes=True, max_years=2)
    [two] = [r for r in found if "award-ACP-art45-2ans" in rules_of(r)]
    study = [s for s in two["steps"] if s["kind"] == "study"][0]
    assert (study["to"], study["years"], study["years_at_least"]) == ("ART45-D2", None, 2)
    assert (two["years"], two["years_at_least"]) == (None, 2)


def test_a_bound_reads_at_least_in_words(app):
    answer = ask(app, "START", "5P", age=16, k=1)
    study = [s for s in answer.routes[0].steps if s.kind == "study"][0]
    assert "au moins 1 année scolaire" in explain_step(study, answer.view)


# --------------------------------------------------------------------------- diagnosis

# Derivation: the 7P admission lists for adults of 18-21 (l. 817-821) do not include the
# convention emploi-formation: the refusal names that step, its rule with its lines, and the
# failing condition in words with its line.
def test_a_refused_route_names_the_failing_condition_and_its_line(routes):
    with pytest.raises(NoAnswer) as why:
        routes("CE6P", "CESS", adult=True, age=19, contracts=["convention-emploi-formation"])
    message = str(why.value)
    # the step in words (before, the view's ids: "done:6P → in:7P"), the rule with its lines
    assert "the admission to 7P (7e année professionnelle de type B) after the 6P passed" in message
    assert "admission-7P-from-6e, l. 811-812" in message and "done:" not in message and "in:7P" not in message
    assert "avoir conclu : contrat d'alternance" in message and "(l. 817-821)" in message


# --------------------------------------------------------------------------- typed view

def test_the_view_has_typed_nodes_and_edges(app):
    view = view_of(app)
    assert all(isinstance(n, State) for n in view.nodes)
    assert all(isinstance(t, Transition) for _, _, d in view.edges(data=True) for t in d["transitions"])
    assert START in view and view.state("CESS") == State(StateKind.TITLE, "CESS")
    entries = {t.rule.id for t in view.entries}
    # rules that ask for no prior state: age-based admissions, awards on a decision
    assert {"admission-ART45-D2", "admission-3P-derogation", "award-ACP-analogue-art45"} <= entries
    assert all(not view.index.rules[i].from_ for i in entries)


# Derivation: the repertory's row 8326 « Coiffeur / Coiffeuse Manager (CPU) » (l. 2207) gives no
# access class, though the 7th years are classed (l. 944): its access is unknown — said by a
# rule of the file (option-access-unknown), not written in the engine.
def test_an_unclassed_option_is_reached_with_its_access_unknown(routes, line):
    assert line(2207).startswith("8326") and not line(2207).rstrip().endswith(("L\tR", "O\tR"))
    last = routes("CE6P", "7e:unknown")[0]["steps"][-1]
    assert (last["to"], last["rule"], last["source"]["line"]) == ("8326", "option-access-unknown", 944)
    assert "unknown" in keys(last) and last["basis"] == [] and last["basis_missing"]
