"""The analysts' commands: JSON contract, filters, exit codes, help."""

from __future__ import annotations

import subprocess
import sys

from passerelles.cli.main import app

CONTRACT = {"source", "act", "article", "paragraph", "alinea", "point", "status", "alternatives", "reason", "text"}


def test_citations_json_contract(cli):
    result = cli("citations", "--json")
    assert result.code == 0
    records = result.json()
    assert len(records) > 300
    for r in records:
        assert CONTRACT <= set(r)
        assert set(r["source"]) == {"document", "line", "footnote"}
        assert r["status"] in ("resolved", "ambiguous", "unresolved")
        if r["act"] is not None:
            assert set(r["act"]) == {"type", "date", "number", "title", "iri"}
            assert r["act"]["type"] in ("decret", "loi", "arrete-royal", "agcf", "aecf", "circulaire")
        for alt in r["alternatives"]:
            assert {"act", "article", "paragraph", "alinea", "point"} <= set(alt)
    first = records[0]
    assert first["source"] == {"document": "circulaire-7282", "line": 203, "footnote": None}


def test_who_cites_article_6_of_the_decree_of_3_july_1991(cli):
    result = cli("citations", "--act", "décret du 3 juillet 1991", "--article", "6", "--json")
    assert result.code == 0
    notes = sorted({r["source"]["footnote"] for r in result.json()})
    # the adult-with-contract conditions of chapter II: notes 42-44, 46-48, 50-55, 58-60, …
    assert notes[:6] == [42, 43, 44, 46, 47, 48] and 82 in notes and len(notes) == 30
    # accent- and case-insensitive act lookup
    again = cli("citations", "--act", "DECRET DU 3 JUILLET 1991", "--article", "6", "--json")
    assert again.json() == result.json()


def test_status_filter_and_reasons(cli):
    result = cli("citations", "--status", "ambiguous", "--json")
    assert result.code == 0
    records = result.json()
    assert all(r["reason"] and r["alternatives"] for r in records)
    # readings are ranked: each alternative says which evidence supports it
    assert all(a["via"] for r in records for a in r["alternatives"])
    # every reference of this circular is settled or ranked: none is left without an act
    assert cli("citations", "--status", "unresolved").code == 1
    assert cli("citations", "--status", "maybe").code == 2


def test_unknown_act_exits_2_with_candidates(cli):
    result = cli("citations", "--act", "décret du 3 juillet 1992")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "did you mean" in result.err


def test_no_answer_exits_1(cli):
    result = cli("citations", "--act", "loi du 29 juin 1983", "--article", "99")
    assert result.code == 1 and "no citation" in result.err


def test_acts_and_cited_by(cli):
    acts = cli("acts", "--json").json()
    top = acts[0]
    assert top["key"] == "decret/1991/07/03" and top["citations"] > 150
    ranked = cli("cited-by", "décret du 3 juillet 1991", "--json").json()
    assert ranked["act"]["key"] == "decret/1991/07/03"
    assert ranked["provisions"][0]["label"] == "art. 6" and ranked["provisions"][0]["passages"] == 30
    only = cli("cited-by", "décret du 3 juillet 1991", "--article", "2ter", "--json").json()
    assert {p["article"] for p in only["provisions"]} == {"2ter"}


def test_every_command_has_help_and_json(cli):
    import typer.main
    command = typer.main.get_command(app)
    ctx = typer.Context(command)
    names = command.list_commands(ctx)                     # made when asked for (lazy start-up)
    assert len(names) >= 5
    for name in names:
        sub = command.get_command(ctx, name)
        options = {o for p in sub.params for o in getattr(p, "opts", [])}
        assert "--json" in options, name
        assert sub.help, name
        result = cli(name, "--help")
        assert result.code == 0 and "Usage" in result.out, name


def test_usage_error_is_one_line_without_traceback():
    proc = subprocess.run([sys.executable, "-m", "passerelles", "citations", "--nope"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "passerelles", "--debug", "cited-by", "nope"], capture_output=True, text=True)
    assert proc.returncode != 0 and "Traceback" in proc.stderr


def test_unwritable_output_is_one_line_exit_2(cli):
    result = cli("build", "--out", "/proc/passerelles-cannot-write-here")
    assert result.code == 2 and result.err.count("\n") == 1 and "/proc/passerelles-cannot-write-here" in result.err


def test_act_filter_names_one_act(cli):
    # two decrees of 14 March 2019: the filter does not merge them
    result = cli("citations", "--act", "décret du 14 mars 2019")
    assert result.code == 2 and "accrochage" in result.err and "organisation-travail" in result.err
    assert cli("citations", "--act", "").code == 2
    one = cli("citations", "--act", "decret/2019/03/14/accrochage", "--json").json()
    assert {r["source"]["line"] for r in one} >= {211}


def test_cited_by_counts_match_a_hand_count_for_the_1991_decree(cli):
    """``cited-by`` ranks the articles of the decree of 3 July 1991 as a hand count of the
    circular does (tests/data/cited_by_1991_hand_count.yaml), and the passages are the same."""
    import yaml
    from pathlib import Path
    hand = yaml.safe_load((Path(__file__).parent / "data" / "cited_by_1991_hand_count.yaml").read_text(encoding="utf-8"))
    ranked = cli("cited-by", "décret du 3 juillet 1991", "--json").json()["provisions"]
    counts = {p["article"]: p["passages"] for p in ranked if p["paragraph"] is None and p["alinea"] is None
              and p["point"] is None}
    for article, where in hand["articles"].items():
        assert counts[article] == len(where["notes"]) + len(where["lines"]), article
        cited = cli("citations", "--act", hand["act"], "--article", article, "--json").json()
        main = [r for r in cited if r["act"] and r["act"]["iri"].endswith(hand["act"]) and r["article"] == article]
        assert sorted({r["source"]["footnote"] for r in main if r["source"]["footnote"]}) == where["notes"], article
        assert sorted({r["source"]["line"] for r in main if r["source"]["footnote"] is None}) == where["lines"], article
    # art. 2bis (29 passages) ranks with art. 6 (30), art. 14 counts 16
    assert (counts["6"], counts["2bis"], counts["14"]) == (30, 29, 16)


def test_check_reports_the_citation_slips_with_their_lines(cli):
    findings = cli("check", "--json").json()
    assert {"kind": "act-date-mismatch", "codes": ["decret/2018/06/13", "decret/2018/06/14"], "lines": [209, 251, 1359],
            "message": next(f["message"] for f in findings if f["kind"] == "act-date-mismatch")} in findings
    broken = [f for f in findings if f["kind"] == "broken-ibidem"]
    assert [f["lines"][0] for f in broken] == [1071, 1327, 1647, 2670, 2774]
    assert {f["kind"] for f in findings} >= {"garbled-note", "precite-without-antecedent"}
