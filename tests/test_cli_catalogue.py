"""The catalogue commands: options, option, check — JSON contract and exit codes."""

from __future__ import annotations

import json

import pytest

from passerelles.cli.main import run

KEYS = {"code", "label", "list", "form", "degree", "sector", "group", "access", "marks", "replaces", "replaced_by", "source"}


def _run(capsys, *args):
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_options_json_contract(capsys):
    code, out, _ = _run(capsys, "options", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 341
    for row in rows:
        assert set(row) == KEYS
        assert row["list"] in {"article45", "urgence", "article49", "7e-qualifiante", "7e-complementaire"}
        assert row["form"] in {"TQ", "P"} and isinstance(row["degree"], list) and isinstance(row["sector"], int)
        assert row["access"] in ({"L", "S-O", "O", "unknown"} if row["degree"] == ["7"] else {None})
        assert row["source"]["document"] == "circulaire-7282" and isinstance(row["source"]["line"], int)
    gtpe = next(r for r in rows if r["code"] == "7130")
    assert gtpe == {"code": "7130", "label": "Gestionnaire de très petites entreprises", "list": "7e-qualifiante",
                    "form": "P", "degree": ["7"], "sector": 7, "group": 71, "access": "O", "marks": ["R"],
                    "replaces": [], "replaced_by": [], "source": {"document": "circulaire-7282", "line": 2201}}


def test_options_sector_and_degree(capsys):
    code, out, _ = _run(capsys, "options", "--sector", "2", "--degree", "D3", "--json")
    codes = sorted(r["code"] for r in json.loads(out))
    # Sector 2, D3 column of lines 2014-2043 (2804, shifted, continues the D3 column above it).
    assert code == 0 and codes == sorted(
        "2213 2214 2327 2328 2333 2409 2410 2527 2528 2628 2709 2804 "
        "2112 2113 2115 2218 2323 2331 2326 2332 2334 2325 2619 2623 2624 2625 2621 2634 2643 2707".split())


def test_options_filters(capsys):
    code, out, _ = _run(capsys, "options", "--access", "unknown", "--json")
    assert code == 0 and [r["code"] for r in json.loads(out)] == ["8326"]
    code, out, _ = _run(capsys, "options", "--group", "29", "--json")
    assert code == 0 and [(r["code"], r["marks"]) for r in json.loads(out)] == [("2901", ["R", "RDQ", "CPU", "à titre expérimental"])]
    code, out, _ = _run(capsys, "options", "--list", "urgence", "--json")
    assert code == 0 and len(json.loads(out)) == 11
    code, out, _ = _run(capsys, "options", "--sector", "2", "--degree", "D3")
    assert code == 0 and "2804" in out and "30 inscriptions" in out


@pytest.mark.parametrize("args", [("--sector", "10"), ("--list", "urgence", "--degree", "D2"), ("--group", "102")])
def test_options_no_match_exits_1(capsys, args):
    code, out, err = _run(capsys, "options", *args)
    assert code == 1 and out == "" and "no option matches" in err


@pytest.mark.parametrize("args, valid", [
    (("--access", "X"), "L, S-O, O, unknown"), (("--degree", "D9"), "D2, D3, 7"),
    (("--sector", "11"), "1, 2, 3"), (("--list", "article46"), "article45, urgence"), (("--group", "15"), "11, 12, 13, 14, 21")])
def test_options_invalid_filter_exits_2(capsys, args, valid):
    code, _, err = _run(capsys, "options", *args)
    assert code == 2 and valid in err and err.count("\n") == 1


def test_option_json(capsys):
    code, out, _ = _run(capsys, "option", "2112", "--json")
    data = json.loads(out)
    assert code == 0 and (data["group"], data["group_derived"], data["replaced_by"]) == (21, True, ["2115"])
    assert [(li["degree"], li["valid_until"], li["source"]["line"]) for li in data["listings"]] == [("D3", "2019-2020", 2026)]
    assert [(t["kind"], t["old_code"], t["new_code"]) for t in data["cpu"]] == [("4-5-6", "2112", "2115")]
    assert {f["kind"] for f in data["findings"]} == {"label-variant"}


def test_option_human(capsys):
    code, out, _ = _run(capsys, "option", "3137")
    assert code == 0 and "Constructeur- Monteur" in out and "access-spelling" in out


def test_unknown_option_exits_2_with_candidates(capsys):
    code, out, err = _run(capsys, "option", "2114")
    assert code == 2 and out == "" and "did you mean: 2113 " in err and "2214 Technicien/ Technicienne en électronique" in err
    code, _, err = _run(capsys, "option", "3311")  # Maçon: only in the CPU table
    assert code == 2 and "only in the CPU tables, line 1371" in err
    code, _, err = _run(capsys, "option", "plafonneur")
    assert code == 2 and "3501 Plafonneur/Plafonneuse" in err


def test_check(capsys):
    code, out, _ = _run(capsys, "check", "--json")
    findings = json.loads(out)
    assert code == 0 and findings[0] == {
        "kind": "code-mismatch", "codes": ["4208", "4308"], "lines": [1396, 2071],
        "message": "«Artisan Boucher-Charcutier» is 4308 (line 1396) and 4208 (line 2071)"}
    assert {"kind": "access-spelling", "codes": ["3137"], "lines": [1402, 2177],
            "message": "3137: access class written «SO» (line 1402) and «S-O» (line 2177)"} in findings
    code, out, _ = _run(capsys, "check")
    assert code == 0 and "code-mismatch" in out and f"{len(findings)} constats" in out


@pytest.mark.parametrize("command", ["options", "option", "check"])
def test_help(capsys, command):
    code, out, _ = _run(capsys, command, "--help")
    assert code == 0 and "--json" in out
