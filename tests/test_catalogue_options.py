"""The catalogue of options: facts checked by reading circulaire 7282 (chapter VI, IV-V; III, VII)."""

from __future__ import annotations

from collections import Counter
import pytest
from hypothesis import given
from hypothesis import strategies as st

from passerelles.catalogue import load_catalogue, option_rows
from passerelles.catalogue.options import split_label
from passerelles.corpus import load_corpus


@pytest.fixture(scope="module")
def cat():
    return load_catalogue(load_corpus())


def test_counts_per_list(cat):
    # Counted in the text file with grep (f = corpus/004_0cd2d006c908e9f4.txt):
    #   article45   sed -n 1850,1938p f | grep -cP '^\d{4}\t'            -> 75 rows
    #   urgence     sed -n 1940,1992p f | grep -cP '^\d{4}\t'            -> 11 rows
    #   article49   sed -n 1994,2119p f | grep -oP '(^|\t)\d{4}(?=\t)'   -> 134 code cells in 109 rows
    #               (2323 and 8308 each stand twice, in D2 and D3: 132 codes)
    #   7e-qualif.  lines 2129-2160 (TQ) 22 rows + lines 2166-2207 (P) 31 rows  -> 53
    #   7e-compl.   lines 2211-2239 (TQ) 19 rows + lines 2241-2303 (P) 51 rows  -> 70
    counts = Counter(li.list for li in cat.listings())
    assert counts == {"article45": 75, "urgence": 11, "article49": 134, "7e-qualifiante": 53, "7e-complementaire": 70}
    # No code is in two lists: 75 + 11 + 132 + 53 + 70 options.
    assert len(cat.options) == 341
    assert len(option_rows(cat)) == 341


def test_counts_per_form_and_degree(cat):
    counts = Counter((li.list, li.form, li.degree) for li in cat.listings())
    assert counts == {
        ("article45", "P", None): 75, ("urgence", "P", None): 11,
        # TQ D2: only 2901, 4208, 4313 (lines 2014, 2071, 2072).
        ("article49", "TQ", "D2"): 3, ("article49", "TQ", "D3"): 44,
        ("article49", "P", "D2"): 34, ("article49", "P", "D3"): 53,
        ("7e-qualifiante", "TQ", "7"): 22, ("7e-qualifiante", "P", "7"): 31,
        ("7e-complementaire", "TQ", "7"): 19, ("7e-complementaire", "P", "7"): 51,
    }


def test_sample_option_every_field(cat):
    o = cat.option("7130")  # line 2201: "7130 ⇥ 7 ^{ème} PB Gestionnaire de très petites entreprises O ⇥ R"
    assert (o.code, o.label, o.sector, o.group, o.group_derived, o.group_reason) == \
        ("7130", "Gestionnaire de très petites entreprises", 7, 71, True, None)
    (li,) = o.listings
    assert (li.list, li.form, li.degree, li.access, li.marks, li.line) == ("7e-qualifiante", "P", "7", "O", ("R",), 2201)
    assert li.form_line == 2166  # "7^{èmes} années qualifiantes - Professionnel :"


def test_article49_option_replaced_in_cpu(cat):
    o = cat.option("2112")  # line 2026, D3 column: "... en résidentiel R (uniquement en 6 ^e)"
    (li,) = o.listings
    assert (o.label, o.sector, o.group, o.group_derived) == \
        ("Electricien Installateur/Electricienne Installatrice en résidentiel", 2, 21, True)
    assert (li.list, li.form, li.degree, li.marks, li.valid_until) == \
        ("article49", "P", "D3", ("R", "uniquement en 6e"), "2019-2020")
    assert o.replaced_by == ("2115",) and cat.option("2115").replaces == ("2112", "2113")


def test_article45_and_urgence_have_no_group(cat):
    for code in ("1017", "2005", "9002", "3039"):
        o = cat.option(code)
        assert o.group is None and not o.group_derived
        assert "sector digit and serial" in o.group_reason
    assert cat.option("1017").listings[0].form_line == 387   # art. 45: "... de l'enseignement professionnel"
    assert cat.option("3039").listings[0].form_line == 1311  # urgence: attestation ... enseignement professionnel


def test_validity_marks(cat):
    etancheur = cat.option("3225").listings[0]  # "S-O (organisable pour la dernière fois en 2016-2017)"
    assert (etancheur.access, etancheur.valid_until) == ("S-O", "2016-2017")
    assert etancheur.marks == ("R", "organisable pour la dernière fois en 2016-2017")
    suppressed = cat.option("9002").listings[0]  # "(OBG supprimée au 1/09/19 et remplacée par ... 2024)"
    assert (suppressed.valid_until, suppressed.replaced_by) == ("2018-2019", "2024")
    assert cat.option("9002").replaced_by == ("2024",) and cat.option("2024").replaces == ("9002",)
    macon = cat.option("3003").listings[0]  # "(uniquement pour les élèves qui y étaient déjà inscrits en 18-19)"
    assert (macon.label, macon.new_pupils_until, macon.valid_until) == ("Maçon/Maçonne", "2018-2019", None)
    sixth = sorted(li.code for li in cat.listings() if "uniquement en 6e" in li.marks)
    assert sixth == ["1108", "2112", "2113", "2328", "2332", "2527", "3118", "3423", "3501", "3507", "3509",
                     "4116", "8314", "8315"]
    assert {cat.option(c).listings[0].valid_until for c in sixth} == {"2019-2020"}


def test_codes_in_two_degrees(cat):
    # 2323 stands in the D3 column of line 2030 and the D2 column of line 2031; 8308 twice on line 2111.
    assert [(li.degree, li.line) for li in cat.option("2323").listings] == [("D2", 2031), ("D3", 2030)]
    assert [(li.degree, li.line) for li in cat.option("8308").listings] == [("D2", 2111), ("D3", 2111)]


def test_shifted_rows_are_flagged(cat):
    flagged = {li.code: (li.degree, li.line) for li in cat.listings()
               if any("cell" in a for a in li.anomalies)}
    # Read by position and flagged: 2804 and 3509-3511 lost their leading cells (code in the
    # first cell: degree of the row above); 4310 sits one cell left (D3 marker cell); the
    # construction rows 3416-3522 stand in the D2 column below the end of the D3 column.
    assert flagged == {"2804": ("D3", 2025), "3416": ("D2", 2058), "3423": ("D2", 2059), "3429": ("D2", 2060),
                       "3507": ("D2", 2061), "3521": ("D2", 2062), "3501": ("D2", 2063), "3522": ("D2", 2064),
                       "3509": ("D2", 2065), "3520": ("D2", 2066), "3517": ("D2", 2067), "3511": ("D2", 2068),
                       "4310": ("D3", 2077)}
    assert cat.option("3121").listings[0].anomalies == ("mark written «R2R ²»",)


def test_labels_as_written_without_marks(cat):
    assert cat.option("2214").label == "Technicien/ Technicienne en électronique"
    assert cat.option("2024").label == "Opérateur/Opératrice de production en industrie alimentaire (OPIA)"
    assert cat.option("3137").label == "Constructeur- Monteur/Constructrice-Monteuse en bâtiment structure bois"
    assert cat.option("2901").label == "Gestionnaire en logistique et transports"
    assert cat.option("2901").listings[0].marks == ("R", "RDQ", "CPU", "à titre expérimental")
    for li in cat.listings():
        assert not li.label.endswith((" R", " R ²", " NP", " L", " S-O", " O", ")")) or li.label.endswith(("(OPIA)", "(AFA)", "(mécanique-électricité)")), li
        assert "^" not in li.label and "(CPU)" not in li.label and "7 ^{ème}" not in li.label


# Every 7th year and its access class, read line by line (2132-2160, 2169-2207, 2214-2239, 2244-2303).
ACCESS = {
    "7e-qualifiante": """
        1307 O  2215 S-O  2524 L  2525 L  2216 S-O  2413 S-O  2644 S-O  2711 S-O  3202 S-O  3224 S-O
        3228 S-O  3304 S-O  4130 L  4405 L  5103 S-O  6216 S-O  6217 O  8301 L  8323 L  8407 S-O
        9210 L  9209 L
        1214 S-O  1315 S-O  2324 S-O  2521 S-O  2715 L  2633 S-O  3137 S-O  3225 S-O  3226 S-O  3428 S-O
        3425 L  3131 S-O  3132 S-O  3133 S-O  3309 S-O  3134 S-O  4125 S-O  4126 S-O  4127 S-O  4120 S-O
        4207 L  4311 S-O  4312 L  5221 S-O  5239 S-O  6107 S-O  7130 O  8212 S-O  8216 S-O  8213 S-O
        8326 unknown""",
    "7e-complementaire": """
        1313 S-O  2414 L  2217 S-O  2635 L  2641 S-O  2642 S-O  2416 S-O  2712 S-O  3130 L  4121 L
        4122 S-O  6218 S-O  6313 L  7213 S-O  7407 L  8121 S-O  9313 L  9314 S-O  9315 S-O
        1113 S-O  1114 S-O  1211 S-O  1213 S-O  1405 S-O  1406 L  1316 S-O  1115 S-O  2330 S-O  2415 S-O
        2523 S-O  2636 S-O  2637 L  2638 L  2639 L  2640 S-O  2714 S-O  3125 S-O  3126 S-O  3128 S-O
        3305 S-O  3306 S-O  3307 S-O  3426 S-O  3227 L  3518 L  3514 S-O  3515 S-O  3516 L  3519 S-O
        4123 S-O  4124 S-O  5234 S-O  5238 S-O  5235 S-O  5236 S-O  5303 S-O  6219 S-O  6220 L  6408 L
        6409 S-O  6410 S-O  7131 S-O  7408 S-O  8122 S-O  8215 L  8324 S-O  8325 S-O  8214 S-O  8322 S-O
        9101 S-O""",
}


@pytest.mark.parametrize("list_name", sorted(ACCESS))
def test_every_seventh_year_access_class(cat, list_name):
    words = ACCESS[list_name].split()
    expected = dict(zip(words[::2], words[1::2]))
    got = {li.code: li.access for li in cat.listings() if li.list == list_name}
    assert got == expected


def test_unknown_access_keeps_its_reason(cat):
    li = cat.option("8326").listings[0]  # "8326 ⇥ 7 ^{ème} PB Coiffeur / Coiffeuse Manager (CPU) ⇥ R"
    assert (li.label, li.access, li.access_reason) == ("Coiffeur / Coiffeuse Manager", "unknown", "line 2207 gives no access class")
    assert Counter(li.access for li in cat.listings() if li.degree == "7") == {"S-O": 90, "L": 29, "O": 3, "unknown": 1}
    assert all(li.access is None for li in cat.listings() if li.degree != "7")


def test_sectors_and_groups_table(cat):
    assert [(s.number, s.label) for s in cat.sectors] == [
        (1, "Agronomie"), (2, "Industrie"), (3, "Construction"), (4, "Hôtellerie-Alimentation"),
        (5, "Habillement et textile"), (6, "Arts appliqués"), (7, "Economie"), (8, "Services aux personnes"),
        (9, "Sciences appliquées"), (10, "Beaux-arts")]
    groups = {g.number: (g.label, g.sector) for g in cat.groups}
    assert len(groups) == 43
    assert groups[28] == ("Froid – chaud", 2) and groups[29] == ("Logistique et transport", 2)
    assert groups[92] == ("Optique, acoustique et prothèse dentaire", 9) and groups[103] == ("Danse", 10)
    assert all(str(n).startswith(str(s)) for n, (_, s) in groups.items())
    assert cat.group(29).note == 184


def test_derived_group_matches_every_stated_group(cat):
    # The text states an option's group once: note 184 places « Gestionnaire en transport et
    # logistique » in group 29. The code rule (first two digits) must agree.
    assert [(s.group, s.option_label, s.line) for s in cat.stated_groups] == \
        [(29, "Gestionnaire en transport et logistique", 2323)]
    for stated in cat.stated_groups:
        assert stated.codes, stated
        for code in stated.codes:
            assert cat.option(code).group == stated.group and cat.option(code).group_derived


def test_every_coded_option_has_a_derived_group_of_its_sector(cat):
    for o in cat.options:
        if set(o.lists) & {"article49", "7e-qualifiante", "7e-complementaire"}:
            assert o.group_derived and cat.group(o.group).sector == o.sector, o
        assert int(o.code[0]) == o.sector  # the sector heading agrees with the code's first digit


def test_cpu_transformations(cat):
    rows = [(t.kind, t.old_code, t.new_code, t.since, t.line) for t in cat.cpu]
    assert rows == [
        # Article 45, only in CPU since 1/09/2017 (lines 1337-1343): no codes in the table.
        ("article45", None, "1023", "2017-2018", 1337), ("article45", None, "1024", "2017-2018", 1338),
        ("article45", None, "2024", "2017-2018", 1339), ("article45", None, "3037", "2017-2018", 1340),
        ("article45", None, "3038", "2017-2018", 1341), ("article45", None, "4012", "2017-2018", 1342),
        ("article45", None, "4013", "2017-2018", 1343),
        # 7th years, only in CPU since 1/09/2017 (lines 1349-1351): no codes either.
        ("7e", None, "2524", "2017-2018", 1349), ("7e", None, "3226", "2017-2018", 1350),
        ("7e", None, "8326", "2017-2018", 1351),
        # CPU 4-5-6 since 1 September 2018 (line 1355): new code <- current code.
        ("4-5-6", "1108", "1118", "2018-2019", 1365), ("4-5-6", "2112", "2115", "2018-2019", 1366),
        ("4-5-6", "2113", "2115", "2018-2019", 1367), ("4-5-6", "2328", "2333", "2018-2019", 1368),
        ("4-5-6", "2527", "2528", "2018-2019", 1369), ("4-5-6", "2332", "2334", "2018-2019", 1370),
        ("4-5-6", "3302", "3311", "2018-2019", 1371), ("4-5-6", "3118", "3135", "2018-2019", 1372),
        ("4-5-6", "3423", "3429", "2018-2019", 1373), ("4-5-6", "3229", "3230", "2018-2019", 1374),
        ("4-5-6", "3507", "3521", "2018-2019", 1375), ("4-5-6", "3509", "3520", "2018-2019", 1376),
        ("4-5-6", "3501", "3522", "2018-2019", 1377), ("4-5-6", "4116", "4131", "2018-2019", 1378),
        ("4-5-6", "8315", "8327", "2018-2019", 1379), ("4-5-6", "8314", "8328", "2018-2019", 1380),
        # Entering CPU from 2019-2020 (lines 1395-1397, 1402-1403).
        ("entry", None, "4313", "2019-2020", 1395), ("entry", None, "4308", "2019-2020", 1396),
        ("entry", None, "2901", "2019-2020", 1397), ("entry", None, "3137", "2019-2020", 1402),
        ("entry", None, "4130", "2019-2020", 1403),
    ]
    # "Les 15 nouvelles options de base groupées ... 'CPU 4-5-6' au 1er septembre 2018" (line 2726).
    assert len({t.new_code for t in cat.cpu if t.kind == "4-5-6"}) == 15
    t = next(t for t in cat.cpu if t.new_code == "3429")
    assert (t.school_year, t.new_study_years, t.old_study_years, t.form) == ("2019-2020", ("4e", "5e"), ("6e", "7e"), "P")
    assert [t.old_label for t in cat.cpu if t.kind == "7e"] == [
        "Technicien / Technicienne en maintenance et diagnostic automobile", "Charpentier / Charpentière",
        "Patron Coiffeur / Patronne Coiffeuse"]
    assert [t.note for t in cat.cpu if t.kind == "article45" and t.old_label is None] == ["Nouvelle option"] * 4


def test_replacements_link_only_listed_codes(cat):
    pairs = sorted((o.code, new) for o in cat.options for new in o.replaced_by)
    assert pairs == [("1108", "1118"), ("2112", "2115"), ("2113", "2115"), ("2328", "2333"), ("2332", "2334"),
                     ("2527", "2528"), ("3118", "3135"), ("3229", "3230"), ("3423", "3429"), ("3501", "3522"),
                     ("3507", "3521"), ("3509", "3520"), ("4116", "4131"), ("8314", "8328"), ("8315", "8327"),
                     ("9002", "2024")]
    assert cat.option("3311") is None and cat.option("3302") is None  # only in the CPU table (line 1371)


def test_load_is_deterministic(cat):
    assert load_catalogue(load_corpus()) == cat


def test_option_rows_merge_degrees(cat):
    (row,) = option_rows(cat, [cat.option("2323")])
    assert (row["degree"], row["source"]["line"], row["group"]) == (["D2", "D3"], 2030, 23)


_WORD = st.text(alphabet="abcdéèAZR/'-", min_size=1, max_size=8).filter(lambda w: w not in ("R", "NP") and w[-1].isalpha())


@given(words=st.lists(_WORD, min_size=1, max_size=5),
       registry=st.sampled_from(["", " R", " R ²", " NP"]),
       paren=st.sampled_from(["", " (uniquement en 6 ^e)", " (RDQ - 4 ^e et 5 ^e CPU)", " (CPU)"]))
def test_split_label_gives_back_the_label(words, registry, paren):
    label = " ".join(words)
    got, marks, _ = split_label(label + registry + paren)
    assert got == label
    assert len(marks.marks) == bool(registry) + {"": 0, " (uniquement en 6 ^e)": 1, " (CPU)": 1}.get(paren, 2)
