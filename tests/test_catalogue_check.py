"""The inconsistencies of the circular's option tables that ``check`` reports (read in the text)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from passerelles.catalogue import load_catalogue
from passerelles.catalogue.check import KINDS, check_catalogue
from passerelles.corpus import load_corpus


@pytest.fixture(scope="module")
def cat():
    return load_catalogue(load_corpus())


@pytest.fixture(scope="module")
def findings(cat):
    return check_catalogue(cat)


def _found(findings, kind):
    return [(f.codes, f.lines) for f in findings if f.kind == kind]


def test_same_option_two_codes(findings):
    # "TQ ⇥ 4308 ⇥ Artisan Boucher-Charcutier" (CPU table, 1396) vs "4208 ⇥ Artisan Boucher-Charcutier R" (2071).
    assert _found(findings, "code-mismatch") == [(("4208", "4308"), (1396, 2071))]


def test_same_code_two_labels(findings):
    assert _found(findings, "label-mismatch") == [
        # "Menuisier d'intérieur et d'extérieur / Menuisière d'intérieur et d'extérieur(P)" vs
        # "Menuisier/Menuisière d'intérieur et d'extérieur".
        (("3135",), (1372, 2051)),
        # 2901 "Gestionnaire en logistique et transports" vs note 184 "Gestionnaire en transport et logistique".
        (("2901",), (2014, 2323)),
    ]


def test_codes_only_in_the_cpu_tables(findings):
    # Maçon (3311) and the current OBG it replaces (3302) are in no repertory; nor is 4308.
    assert _found(findings, "code-not-in-repertory") == [(("3302",), (1371,)), (("3311",), (1371,)), (("4308",), (1396,))]


def test_cpu_rows_without_code(findings):
    rows = _found(findings, "cpu-row-without-code")
    # The three 7th years of the CPU table (lines 1349-1351) give no code: matched by label.
    assert [r for r in rows if r[1][0] in (1349, 1350, 1351)] == [
        (("2524",), (1349, 2135)), (("3226",), (1350, 2179)), (("8326",), (1351, 2207))]
    assert len(rows) == 10  # plus the seven article 45 rows (lines 1337-1343)


def test_cpu_marks_and_access(findings):
    # 4130 Barman/Barmaid enters CPU in 2019-2020 (line 1403); its 7TQ row (2147) has no (CPU).
    assert _found(findings, "cpu-mark-missing") == [(("4130",), (1403, 2147))]
    # 3137: "SO" in the CPU table (1402), "S-O" in the 7PB repertory (2177): same class, other spelling.
    assert _found(findings, "access-spelling") == [(("3137",), (1402, 2177))]
    assert _found(findings, "access-mismatch") == [] and _found(findings, "form-mismatch") == []
    # 3229 stays in 6th/7th year only (CPU table, 1374) but its row (2054) is not "uniquement en 6e".
    assert _found(findings, "cpu-old-not-marked") == [(("3229",), (1374, 2054))]


def test_degree_conflicts(findings):
    # "uniquement en 6e" rows standing in the D2 column of the construction table.
    assert _found(findings, "degree-conflict") == [
        (("3423",), (1373, 2059)), (("3507",), (1375, 2061)), (("3509",), (1376, 2065)), (("3501",), (1377, 2063))]


def test_validity_already_past(findings):
    # Listed in the 2019-2020 directives (title, line 12): 9002 suppressed on 1/09/19, 3225 last in 2016-2017.
    assert _found(findings, "validity-past") == [(("9002",), (12, 1938)), (("3225",), (12, 2178))]


def test_codes_appearing_twice(findings):
    assert _found(findings, "duplicate-code") == [(("2323",), (2030, 2031)), (("8308",), (2111,))]


def test_layout_and_marks(findings):
    assert [c for (c,), _ in _found(findings, "irregular-layout")] == \
        ["2804", "3416", "3423", "3429", "3507", "3521", "3501", "3522", "3509", "3520", "3517", "3511", "4310"]
    assert _found(findings, "irregular-mark") == [(("3121",), (2052,))]


def test_coding_rules_hold(findings):
    # Every derived group is in the table and every code starts with its sector's digit.
    assert _found(findings, "group-missing") == [] and _found(findings, "sector-mismatch") == []


def test_missing_group_would_be_reported(cat):
    o = cat.option("7130")
    broken = replace(o, group=None, group_derived=False, group_reason="derived group 71 is not in the table of sectors and groups")
    fake = replace(cat, options=tuple(broken if x.code == "7130" else x for x in cat.options))
    assert ("group-missing", ("7130",), (2201,)) in {(f.kind, f.codes, f.lines) for f in check_catalogue(fake)}


def test_label_variants_are_reported_last(findings):
    variants = [f for f in findings if f.kind == "label-variant"]
    assert len(variants) == 26 and findings[-26:] == variants
    # CPU table "Installateur électricien" vs repertory "Installateur Electricien": case and accent only.
    assert (("2115",), (1366, 2028)) in _found(findings, "label-variant")


def test_every_finding_names_codes_and_lines(findings):
    assert Counter(f.kind for f in findings) == {
        "code-mismatch": 1, "label-mismatch": 2, "code-not-in-repertory": 3, "cpu-row-without-code": 10,
        "cpu-mark-missing": 1, "cpu-old-not-marked": 1, "access-spelling": 1, "degree-conflict": 4,
        "validity-past": 2, "duplicate-code": 2, "irregular-layout": 13, "irregular-mark": 1, "label-variant": 26}
    for f in findings:
        assert f.kind in KINDS and f.codes and f.lines and f.message
        assert set(f.as_dict()) == {"kind", "message", "codes", "lines"}
