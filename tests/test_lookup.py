"""Names as people write them (issue 9, §4): ``passerelles.lookup`` on the real titles, years
and acts, and the act lookup of ``citations --act`` / ``cited-by``.

The titles and years are read from the curated data files (``graph/passerelles/data/titles.yaml``
and ``years.yaml``) with plain YAML, as the route names will be built from them; START is
added as the route model adds it.
"""

from __future__ import annotations

import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import passerelles
from passerelles.errors import InputError, UnknownNameError
from passerelles.lookup import Entry, NameIndex, code_key, entries_from_records, lookup, name_key
from passerelles.views.citations import act_records, find_acts, resolve_act

DATA = Path(passerelles.__file__).parent / "data"
START = ("START", "tout élève (aucun titre requis)", None, None, "start")


def _records() -> list[tuple]:
    titles = yaml.safe_load((DATA / "titles.yaml").read_text(encoding="utf-8"))["titles"]
    years = yaml.safe_load((DATA / "years.yaml").read_text(encoding="utf-8"))["years"]
    return ([(t["id"], t["label"], t.get("alt_labels"), t.get("abbreviation"), "title") for t in titles]
            + [(y["id"], y["label"], y.get("alt_labels"), None, "year") for y in years] + [START])


@pytest.fixture(scope="module")
def names() -> NameIndex:
    return NameIndex(entries_from_records(_records()))


def _error(index: NameIndex, name: str) -> UnknownNameError:
    with pytest.raises(UnknownNameError) as info:
        index.lookup(name)
    return info.value


def _ids(error: UnknownNameError) -> list[str]:
    return [c.split(" (", 1)[0] for c in error.candidates]


# -- ordinals, abbreviations, labels -----------------------------------------------------

@pytest.mark.parametrize("name", [
    "attestation de compétences professionnelles du deuxième degré",     # failed before issue 9
    "attestation de compétences professionnelles du 2e degre",
    "Attestation de compétences professionnelles du 2ème degré",
    "attestation de competences professionnelles du second degre",
    "ATTESTATION DE COMPÉTENCES PROFESSIONNELLES DU 2ND DEGRÉ",
])
def test_the_acp_whatever_the_ordinal(names, name):
    assert names.lookup(name).id == "ACP-D2"


@pytest.mark.parametrize("name, expected", [
    ("6e professionnelle", "6P"), ("6ème professionnelle", "6P"), ("6eme professionnelle", "6P"),
    ("6è professionnelle", "6P"), ("sixième professionnelle", "6P"), ("sixieme professionnelle", "6P"),
    ("sixème professionnelle", "6P"),                  # one letter off "sixième", off no other ordinal
    ("septième année professionnelle", "7P"), ("7ème professionnelle", "7P"),
    ("2nde année commune", "2C"), ("seconde année commune", "2C"), ("deuxième année commune", "2C"),
    ("1re année commune", "1C"), ("1ère année commune", "1C"), ("première année commune", "1C"),
    ("premiere annee differenciee", "1D"), ("troisième phase", "F3-PHASE3"),
    ("certificat de qualification de quatrième année", "CQ4"), ("CQ de 7e année", "CQ7"),
])
def test_ordinals_in_any_form(names, name, expected):
    assert names.lookup(name).id == expected


@pytest.mark.parametrize("name, expected", [
    ("C.E.S.S.", "CESS"), ("CESS", "CESS"), ("cess", "CESS"), ("C.E.S.S", "CESS"), ("c e s s", "CESS"),
    ("ce6p", "CE6P"), ("CE 6P", "CE6P"), ("C.E.6.P.", "CE6P"), ("CE6P", "CE6P"),
    ("CQ 6", "CQ6"), ("CQ6", "CQ6"), ("cq6", "CQ6"), ("ce1d", "CE1D"), ("C.E.B.", "CEB"),
    ("3 S-DO", "3S-DO"), ("3sdo", "3S-DO"), ("art45-d2", "ART45-D2"), ("AO A", "AO-A"),
])
def test_abbreviations_with_or_without_dots_or_spaces(names, name, expected):
    assert names.lookup(name).id == expected


def test_years_titles_and_start_by_label(names):
    assert names.lookup("6e professionnelle").kind == "year"
    assert names.lookup("Certificat d'enseignement secondaire supérieur").id == "CESS"
    assert names.lookup("certificat d'etudes de 6e professionnelle").id == "CE6P"
    assert names.lookup("tout élève").id == "START"          # a prefix of START's label
    assert names.lookup("Tout eleve").id == "START"
    assert names.lookup("attestation d orientation b").id == "AO-B"   # "d'" typed without its apostrophe


def test_every_name_in_the_data_designates_its_own_entry_but_the_family_names(names):
    """Each id, label, alternative label and abbreviation of titles.yaml and years.yaml resolves
    to its own entry, except four alternative labels of ART45-D2 that name the family of
    article 45 formations: the D3 formation is extended from them as the D2 one is."""
    shared = {}
    for entry in names.entries:
        for name in (entry.id, entry.label, *entry.alt_labels, *entry.abbreviations):
            found = [e.id for e in names.match(name).entries]
            if found != [entry.id]:
                shared[name] = found
    assert shared == {n: ["ART45-D2", "ART45-D3"] for n in ("article 45", "art. 45", "art 45", "formation article 45")}


# -- prefix, words, fuzzy, and the input errors ----------------------------------------

def test_article_45_names_both_formations(names):
    error = _error(names, "article 45")
    assert _ids(error) == ["ART45-D2", "ART45-D3"] and "matches 2" in str(error)
    assert names.lookup("article 45 3e degré").id == "ART45-D3"
    assert names.lookup("article 45 D2").id == "ART45-D2"
    assert names.lookup("formation article 45 au troisième degré").id == "ART45-D3"
    # an official label is decisive even when others extend it
    assert names.lookup("attestation de fréquentation").id == "AF"
    # an alternative label that only another entry extends names its own entry
    assert names.lookup("2e différenciée").id == "2D"
    assert names.lookup("2e différenciée supplémentaire").id == "2DS"


def test_prefixes_and_words(names):
    assert names.lookup("certificat de qualification de 6").id == "CQ6"          # unique prefix
    assert names.lookup("CE6").id == "CE6P"                                     # prefix of a code
    assert names.lookup("enseignement secondaire supérieur").id == "CESS"       # its words
    assert names.lookup("connaissances de gestion").id == "CGB"
    assert _ids(_error(names, "certificat d'enseignement secondaire")) == ["CE2D", "CESI", "CE2D-PS", "CESS", "CE2D-ALT"]
    assert _ids(_error(names, "CES")) == ["CESI", "CESS"]
    assert _ids(_error(names, "7e")) == ["7P", "7TQ"]
    assert _ids(_error(names, "attestation de compétences")) == ["ACP-D2", "ACC", "ACI"]


def test_a_long_ambiguity_says_how_many_are_not_listed(names):
    error = _error(names, "2e degré")
    assert "matches 7 names" in str(error) and "(1 more not listed)" in str(error) and len(error.candidates) == 6


def test_misspelt_names_are_read_when_one_entry_is_clearly_meant(names):
    assert names.lookup("6e professionnele").id == "6P"
    assert names.lookup("attestation de competence professionelle").id == "ACP-D2"
    assert names.lookup("certificat d'enseignement secondaire superieure").id == "CESS"
    assert names.lookup("ttestation B").id == "AO-B"       # a single letter is not corrected


def test_numbers_and_codes_are_never_corrected(names):
    # 8e: no such year; 7P and 6P are one digit away but a digit is never a slip
    error = _error(names, "8e professionnelle")
    assert "8e professionnelle" in str(error)
    assert _error(names, "CE7P").candidates[0].startswith("CE6P (")


def test_cqss_never_falls_through_to_cess(names):
    error = _error(names, "CQSS")
    assert str(error).startswith("unknown name 'CQSS'; did you mean: CESS (") and _ids(error) == ["CESS"]
    # with words around it: not the CE2D of promotion sociale either
    for name in ("CQSS de promotion sociale", "cqss promotion sociale", "le CQSS"):
        assert "unknown name" in str(_error(names, name)), name
    # once the CQSS exists (corpus 000_…, l. 6: « CQSS (Certificat de Qualification Secondaire
    # Supérieur) »), each abbreviation names its own title
    with_cqss = NameIndex([*names.entries, Entry("CQSS", "Certificat de qualification secondaire supérieur",
                                                 ("C.Q.S.S.",), ("CQSS",), "title")])
    assert with_cqss.lookup("CQSS").id == "CQSS" and with_cqss.lookup("C.E.S.S.").id == "CESS"
    assert with_cqss.lookup("c.q.s.s").id == "CQSS" and with_cqss.lookup("cess").id == "CESS"


def test_a_code_one_letter_off_another_is_never_read_as_it(names):
    """Every code of the data (ids, abbreviations) with one letter or digit changed, when the
    result is not itself a code, is never read fuzzily: it names the original entry only when
    it is a word or a prefix of one of its labels (``URGENTE``), and may list it with others
    (``CER`` begins every « certificat »)."""
    known = {code_key(c) for e in names.entries for c in (e.id, *e.abbreviations)}
    tried = 0
    for entry in names.entries:
        for code in {code_key(c) for c in (entry.id, *entry.abbreviations)}:
            for i in range(len(code)):
                for c in "abcdefghijklmnopqrstuvwxyz0123456789":
                    variant = code[:i] + c + code[i + 1:]
                    if variant in known:
                        continue
                    tried += 1
                    found = names.match(variant.upper())
                    assert found.how != "fuzzy", (code, variant)
                    if found.entries == (entry,):       # URGENTE: a word of URGENCE's « mesure urgente »
                        assert found.how in ("label", "prefix", "words"), (code, variant)
    assert tried > 5000


def test_typing_slips_never_resolve_to_another_entry(names):
    """The measure behind the thresholds (lookup.ACCEPT_SCORE, MARGIN): one or two letters
    deleted, added, changed or swapped in every label and alternative label. A slip read by
    the fuzzy stage gives the intended entry, or lists it among equally good ones — never
    another entry alone."""
    rnd = random.Random(9)
    outcome = Counter()
    for entry in names.entries:
        for name in (entry.label, *entry.alt_labels):
            for _ in range(4):
                slip = name
                for _ in range(rnd.choice((1, 2))):
                    p, c = rnd.randrange(len(slip)), rnd.choice("abcdefghijklmnopqrstuvwxyz")
                    slip = rnd.choice((slip[:p] + slip[p + 1:], slip[:p] + c + slip[p + 1:], slip[:p] + c + slip[p:],
                                       slip[:p] + slip[p + 1:p + 2] + slip[p:p + 1] + slip[p + 2:]))
                found = names.match(slip)
                if found.how == "fuzzy":
                    ids = [e.id for e in found.entries]
                    outcome["right" if ids == [entry.id] else "listed" if entry.id in ids else "wrong"] += 1
    assert outcome["wrong"] == 0, outcome
    assert outcome["right"] > 9 * outcome["listed"] and outcome["right"] > 500, outcome


def test_unknown_names_always_get_the_closest(names):
    error = _error(names, "9999")
    assert "nothing is close" in str(error) and error.candidates        # said, with the nearest
    error = _error(names, "CEFA")      # a centre, not a title: nothing close, the nearest code first
    assert "nothing is close" in str(error) and _ids(error)[0] == "CEB"
    assert _ids(_error(names, "urgense"))[0] == "URGENCE"
    assert _ids(_error(names, "enseignement secondaire superieure"))[0] == "CESS"
    for name in ("9999", "CEFA", "urgense", "article 45"):
        assert "\n" not in str(_error(names, name))


def test_empty_names_and_duplicate_ids():
    entries = entries_from_records(_records())
    with pytest.raises(InputError, match="empty"):
        lookup(entries, "  ")
    with pytest.raises(InputError, match="empty"):
        lookup(entries, "...")
    with pytest.raises(UnknownNameError, match="unknown name 'de': nothing is close"):
        lookup(entries, "de")               # only small words: not every name at once
    with pytest.raises(ValueError, match="CESS"):
        NameIndex([*entries, Entry("CESS", "again")])


def test_same_candidates_in_the_same_order_whatever_the_hash_seed():
    script = ("import yaml, sys; sys.path.insert(0, %r); from test_lookup import _records; "
              "from passerelles.lookup import NameIndex, entries_from_records\n"
              "index = NameIndex(entries_from_records(_records()))\n"
              "for n in ('article 45', 'CEFA', '2e degré', 'professionnelle 6e', 'x'):\n"
              "    try: index.lookup(n)\n"
              "    except Exception as e: print(e)\n") % str(Path(__file__).parent)
    runs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1 and runs.pop().count("\n") == 5


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["du ", "de ", "l'", "d ", "a ", "r ", "2e ", "sixième ", "juillet ", "1991 ",
                                 "3/7/", "1er ", "C.E.", "S.S. ", "décret ", "« Missions » ", "x"]), max_size=12))
def test_a_key_is_its_own_key(parts):
    """Labels and names are folded the same way, and folding a key changes nothing."""
    key = name_key("".join(parts))
    assert name_key(key) == key


# -- acts: citations --act, cited-by --------------------------------------------------

@pytest.mark.parametrize("name, key", [
    ("décret du 3 juillet 1991", "decret/1991/07/03"),
    ("D. 03-07-1991", "decret/1991/07/03"),                       # the diagrams' abbreviation
    ("decret 3/7/1991", "decret/1991/07/03"),
    ("décret du 1991-07-03", "decret/1991/07/03"),
    ("le décret de 1991", "decret/1991/07/03"),                   # the only decree of 1991
    ("décret organisant l'enseignement secondaire en alternance", "decret/1991/07/03"),
    ("le décret Missions", "decret/1997/07/24"),                  # the circular's nickname (l. 110)
    ("Missions", "decret/1997/07/24"),
    ("décret définissant les missions prioritaires", "decret/1997/07/24"),
    ("AR du 29 juin 1984", "arrete-royal/1984/06/29"),
    ("arrêté royal 29-06-1984", "arrete-royal/1984/06/29"),
    ("A.R. 29-06-1984", "arrete-royal/1984/06/29"),
    ("arrêté royal n°49", "arrete-royal/1982/07/02/49"),
    ("AGCF du 9 juin 1999", "agcf/1999/06/09"),
    ("circulaire 7233", "circulaire/2019/07/11/7233"),
    ("décret du 14 mars 2019 accrochage", "decret/2019/03/14/accrochage"),
    ("decret/2019/03/14/accrochage", "decret/2019/03/14/accrochage"),
    ("https://w3id.org/passerelles/eli/loi/1983/06/29", "loi/1983/06/29"),
])
def test_acts_as_people_write_them(app, name, key):
    assert resolve_act(app.store, name)["key"] == key


def test_the_diagrams_abbreviation_of_every_act_names_it(app):
    """``D. 03-07-1991``, ``A.R. 29-06-1984`` …, as the diagrams print them, name their act —
    but for the two decrees of 14 March 2019, which the abbreviation cannot tell apart."""
    from passerelles.routes.explain import cite_short   # the route figures' citation of an act
    acts = act_records(app.store)
    for act in acts:
        short = cite_short({"act": act})
        found = sorted(a["key"] for a in find_acts(app.store, short))
        same_day = sorted(a["key"] for a in acts if (a["type"], a["date"]) == (act["type"], act["date"]))
        assert found == same_day, short
    assert len(acts) > 45


def test_two_decrees_of_14_march_2019(app):
    with pytest.raises(UnknownNameError) as info:
        resolve_act(app.store, "décret du 14 mars 2019")
    assert _ids(info.value) == ["decret/2019/03/14/organisation-travail", "decret/2019/03/14/accrochage"]
    assert "matches 2 acts" in str(info.value)
    assert [a["key"] for a in find_acts(app.store, "décret du 14 mars 2019")] == _ids(info.value)
    # the 2013 decree's title speaks of « l'accrochage scolaire » too
    with pytest.raises(UnknownNameError, match="decret/2013/11/21.*decret/2019/03/14/accrochage"):
        resolve_act(app.store, "décret accrochage")


def test_unknown_acts_get_the_closest(app):
    with pytest.raises(UnknownNameError) as info:
        resolve_act(app.store, "décret du 3 juillet 1992")      # a wrong year is not corrected
    assert _ids(info.value)[:2] == ["decret/1991/07/03", "decret/1992/07/29"]
    for name in ("9999", "CEFA"):
        with pytest.raises(UnknownNameError, match="unknown act .* nothing is close") as info:
            resolve_act(app.store, name)
        assert info.value.candidates


def test_citations_act_on_the_command_line(cli):
    by_label = cli("citations", "--act", "décret du 3 juillet 1991", "--article", "6", "--json")
    by_short = cli("citations", "--act", "D. 03-07-1991", "--article", "6", "--json")
    assert by_label.code == by_short.code == 0 and by_short.json() == by_label.json()
    for name, words in (("décret du 14 mars 2019", ("matches 2 acts", "accrochage", "organisation-travail")),
                        ("CEFA", ("unknown act 'CEFA'", "nothing is close")),
                        ("9999", ("unknown act '9999'",)),
                        ("décret du 3 juillet 1992", ("did you mean: decret/1991/07/03",))):
        result = cli("citations", "--act", name, "--json")
        assert result.code == 2 and result.out == "", name
        assert result.err.count("\n") == 1 and all(w in result.err for w in words), result.err
    missions = cli("cited-by", "le décret Missions", "--json")
    assert missions.code == 0 and missions.json()["act"]["key"] == "decret/1997/07/24"
    assert cli("cited-by", "article 45").code == 2


def test_no_french_label_is_an_accentless_copy_of_another(app):
    # review of issue 16: « certificat d'etudes de 6eme annee … » was published as a
    # skos:altLabel@fr beside its accented spelling; lookup folds accents, so such copies only
    # added misspelt French to the graph (ordinals such as « 3e » / « 3è » are both written)
    import unicodedata
    from passerelles.namespaces import SKOS

    def fold(s):
        return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(c))

    graph = app.graph
    copies = []
    for concept in set(graph.subjects(SKOS.altLabel, None)):
        names = {str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(concept, p)}
        for name in names:
            if fold(name) == name.lower() and any(
                    fold(other) == name.lower() and other.lower() != name.lower()
                    and any(len(w) >= 4 and w != fold(w) for w in other.lower().split())
                    for other in names):
                copies.append(name)
    assert copies == []
    # and an accentless question still finds the title
    assert app.resolve("certificat d'etudes de 6eme annee de l'enseignement secondaire professionnel").id == "CE6P"
