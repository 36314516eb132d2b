"""Answers a person can read in a terminal (issue 9, §3): a summary first, conditions as a
tree, nothing cut inside a word at any width, internal ids never shown bare, valid JSON on
exit 1, French labels, the circular's markup rendered for people and kept raw in the JSON,
and data never read as markup.

The expected facts come from the circular: CE6P → 6P (l. 1196) → 7P (l. 811-812) → CESS
(l. 1191-1194) in one school year; the age and contract groups of l. 817-840 repeat on every
admission of the 3rd degree; note 1 (l. 261) cites « art. 2, al. 1^{er} ».
"""

from __future__ import annotations

import json
import re

import pytest

from passerelles.cli.output import table
from passerelles.text import clean_markup

WIDTHS = (40, 80, 160, 240)
_INTERNAL = re.compile(r"\b(?:done|in|attended|failed|title|option):[A-Z0-9]")


@pytest.fixture
def at(cli, monkeypatch):
    """Run a command in a terminal of ``width`` columns."""
    def run(width: int, *args: str):
        monkeypatch.setenv("COLUMNS", str(width))
        return cli(*args)
    return run


def _flat(text: str) -> str:
    return " ".join(text.split())


def _condition_texts(conditions: list) -> list[str]:
    """The circular's words of every condition (nested ones too) of the JSON — but a
    negation's, which quotes the sentence around it: it reads as a sentence of its own
    (« sauf les élèves majeurs qui … », the words of the condition it denies)."""
    out = []
    for c in conditions:
        if isinstance(c, dict):
            if isinstance(c.get("text"), str) and "not" not in c:
                out.append(c["text"])
            for value in c.values():
                if isinstance(value, list):
                    out += _condition_texts(value)
                elif isinstance(value, dict):
                    if isinstance(value.get("text"), str):
                        out.append(value["text"])
                    out += _condition_texts([value])
    return out


def _no_line_cut(text: str, width: int) -> None:
    """Every line fits, unless it is one word too long for any line (kept whole); nothing is
    shortened with an ellipsis."""
    for line in text.splitlines():
        if len(line) > width:
            assert len(line.split()) <= 2, f"{len(line)} > {width}: {line!r}"
    assert "…" not in text.replace("(+", "").replace("… (", "")


@pytest.mark.parametrize("width", WIDTHS)
def test_route_reads_at_every_width_and_cuts_no_word(at, cli, width):
    result = at(width, "route", "CE6P", "CESS")
    assert result.code == 0
    out = result.out
    _no_line_cut(out, width)
    flat = _flat(out)
    # the summary first: each route as one line with its school years
    assert "Parcours 1 : CE6P → 6P → 7P (1 an) → CESS — 1 année scolaire" in flat
    assert "Parcours 2 : CE6P → 6P → 5TQ (1 an) → 6TQ (1 an) → CESS — 2 années scolaires" in flat
    # the legal basis of each step as the circular cites it, with its line
    assert "7P → CESS : délivrance du CESS — Arrêté royal du 29 juin 1984, art. 25, §2 (l. 1191-1194)" in flat
    assert "6P → 7P : admission en 7P — Décret du 3 juillet 1991, art. 8, §1er (l. 811-812)" in flat
    # every word of every condition is there, whole (the table cut them: "l'ense…", "ho…")
    steps = cli("route", "CE6P", "CESS", "--json").json()["routes"]
    for route in steps:
        for step in route["steps"]:
            for text in _condition_texts(step["conditions"]):
                assert _flat(clean_markup(text)).lower() in flat.lower(), text
    # the tree: all of / one of, one condition a line, with its lines
    assert "l'une de" in flat and "toutes (l. 817-821) :" in flat
    # a condition repeated on every step is written once, then referred to
    assert flat.count("Les élèves ne peuvent être inscrits dans des formations") == 1
    assert "[A] comme au parcours 1, étape 2 (ici l. 562-564)" in flat


def test_route_is_short_at_80_columns(at):
    # reported: almost 200 lines at 80 columns for CE6P → CESS
    lines = at(80, "route", "CE6P", "CESS").out.splitlines()
    assert len(lines) < 120


def test_conditions_the_filters_settle_are_said_to_be_met(at):
    # l. 817-821: majeurs de plus de 18 et de moins de 21 ans, with a contract of the list
    out = _flat(at(80, "route", "CE6P", "CESS", "--adult", "--age", "19", "--contract", "contrat-alternance",
                   "--k", "1").out)
    assert "Situation donnée : 19 ans, majeur, contrat : contrat d'alternance." in out
    assert ("remplie d'après la situation donnée : être majeur et de plus de 18 ans et de moins de 21 ans au 31 "
            "décembre de l'année civile en cours et avoir conclu : contrat d'alternance") in out
    assert "(l. 817-821)" in out and "être mineur" not in out


@pytest.mark.parametrize("width", WIDTHS)
def test_explain_is_a_legal_memo_at_every_width(at, width):
    result = at(width, "explain", "4P", "CE6P")
    assert result.code == 0
    _no_line_cut(result.out, width)
    flat = _flat(result.out)
    assert flat.startswith("Note : de 4P à CE6P Question : un élève ayant réussi la 4P")
    assert "Réponse : oui, en 2 années scolaires" in flat
    # each step a sentence with its note call; the sources in the circular's style
    assert "L'élève peut être admis en 5P (5e année de l'enseignement professionnel)¹" in flat
    assert "Sources ¹ Décret du 3 juillet 1991, art. 8, §1er ; circulaire 7282, l. 734-735." in flat
    # l. 780: the 6P admission has the same basis as the 5P one, cited just before
    assert "² Ibidem, art. 8, §1er ; circulaire 7282, l. 780." in flat
    assert "³ Arrêté royal du 29 juin 1984, art. 24, §1er ; circulaire 7282, l. 1196." in flat
    # reported: one line of more than 2,000 characters, ending with a rule id
    assert max(len(line) for line in result.out.splitlines()) <= max(width, 40)


@pytest.mark.parametrize("args, words", [
    (("route", "CE6P", "CESS", "--adult", "--age", "26"),
     "la situation donnée exclut l'admission en 7P (7e année professionnelle de type B) après avoir réussi la 6P "
     "(règle admission-7P-from-6e, l. 811-812) : être mineur"),
    (("route", "START", "ART45-D2", "--age", "14"), "l'admission en ART45-D2"),
    (("route", "5P", "6P", "--holds", "AF-LIBRE"), "l'admission en 6P"),
    (("route", "CE6P", "CESS", "--regime", "article-45"), "régime article-49, et non article-45"),
    (("route", "CE6P", "7e:O", "--sector", "5"), "secteur"),
])
def test_a_refused_route_says_which_condition_fails_for_which_step_in_words(cli, args, words):
    result = cli(*args)
    assert result.code == 1 and result.err.count("\n") == 1
    assert words in result.err
    assert not _INTERNAL.search(result.err), result.err          # never "done:6P → in:7P" (before)


@pytest.mark.parametrize("args, empty", [
    (("citations", "--act", "loi du 29 juin 1983", "--article", "99"), []),
    (("options", "--sector", "10"), []),
    (("cited-by", "décret du 3 juillet 1991", "--article", "99"), None),
    (("sparql", "citations-of-provision", "--param", "provision=nothing"), []),
    (("route", "CE6P", "CESS", "--adult", "--age", "26"), None),
    (("explain", "CE6P", "CESS", "--adult", "--age", "26"), None),
    (("route", "CE6P", "CESS", "--all", "--max-years", "0"), None),
    (("diagram", "map", "--to", "START", "-o", "{tmp}/m.dot"), None),
    (("diagram", "route", "CE6P", "CESS", "--age", "26", "--adult", "-o", "{tmp}/r.dot"), None),
])
def test_no_answer_with_json_still_prints_valid_json(cli, tmp_path, args, empty):
    result = cli(*(a.replace("{tmp}", str(tmp_path)) for a in args), "--json")
    assert result.code == 1 and result.err.count("\n") == 1
    data = json.loads(result.out)
    if empty is not None:
        assert data == empty
    elif args[0] in ("route", "explain"):
        assert data["routes"] == [] and data["diagnosis"]["message"] in result.err
    elif args[0] == "diagram":
        assert data["out"] is None and data["diagnosis"]["message"] in result.err
    else:
        assert data["provisions"] == [] and data["act"]["key"] == "decret/1991/07/03"


def test_an_ask_that_says_no_prints_false(cli, tmp_path):
    path = tmp_path / "ask.rq"
    path.write_text("PREFIX psl: <https://w3id.org/passerelles/ontology#>\nASK { ?note psl:noteNumber 245 }\n")
    result = cli("sparql", str(path), "--json")
    assert result.code == 1 and json.loads(result.out) is False


@pytest.mark.parametrize("args, headers", [
    (("citations", "--status", "ambiguous"), ("ligne", "note", "acte", "statut", "mots cités / raison")),
    (("acts",), ("acte", "intitulé", "citations", "lignes")),
    (("titles",), ("intitulé", "délivré par", "base légale")),
    (("queries",), ("nom", "paramètres", "objet")),
    (("check",), ("constats", "type", "lignes")),
])
def test_french_output_has_french_labels(at, args, headers):
    out = at(240, *args).out
    assert all(h in out for h in headers), out[:400]
    assert not any(re.search(rf"\b{english}\b", out.splitlines()[1]) for english in ("line", "label", "status"))


def test_a_narrow_terminal_gets_each_row_as_a_block_not_cut_words(at):
    # the 10 columns of 'options' do not fit 40 columns with their longest words whole
    out = at(40, "options", "--group", "29").out
    assert "code : 2901" in out and "marques : R, RDQ, CPU, à titre expérimental" in _flat(out)
    _no_line_cut(out, 40)


def test_footnotes_render_their_markup_for_people_and_keep_it_in_json(at, cli):
    # note 1 (l. 261): « Décret du 3 juillet 1991 …, art. 2, al. 1^{er}. »
    out = at(240, "footnotes", "1").out
    assert "al. 1er." in out and "^{" not in out
    [note] = cli("footnotes", "1", "--json").json()
    assert note["text"].endswith("art. 2, al. 1er.") and note["text_raw"].endswith("art. 2, al. 1^{er}.")
    assert note["citations"][0]["text"].endswith("art. 2, al. 1er")     # the resolver reads the markup joined


def test_data_is_never_read_as_markup(at, capsys):
    # reported: 'passerelles resolve X' printed "ID — label" and lost "[title]"
    out = at(80, "resolve", "CESS").out
    assert out == "CESS — Certificat d'enseignement secondaire supérieur [titre]\n"
    # note 156 (l. 1619) quotes a title with « [...] »
    assert "[...]" in at(240, "footnotes", "156").out
    table("t", ("a", "b"), [("[bold]x[/bold]", "[title]")])
    printed = capsys.readouterr().out
    assert "[bold]x[/bold]" in printed and "[title]" in printed


@pytest.mark.parametrize("width", (60, 80, 120))
def test_a_table_keeps_every_word_whole(at, width):
    # before: at 80 columns the table cut the act key, "decret/1991/07/" then "03"
    out = at(width, "citations", "--act", "D. 03-07-1991", "--article", "2ter").out
    assert out.count("decret/1991/07/03") == 21          # the 21 passages citing art. 2ter (hand count)
    assert all(len(line) <= width for line in out.splitlines())


@pytest.mark.parametrize("args, paragraph", [
    (("citations", "--help"), "which citations could not be settled, and why"),
    (("diagram", "map", "--help"), "the legal bases are numbered notes under the figure"),
])
def test_help_wraps_at_the_terminal_not_where_the_source_broke(at, args, paragraph):
    # review of issue 9: the docstrings' line breaks were kept, so « which citations » ended a
    # line and « could not be settled » began the next, at any width
    out = at(200, *args).out
    assert paragraph in " ".join(out.split()) and any(paragraph in line for line in out.splitlines())


@pytest.mark.parametrize("width", (40, 60, 80))
def test_resolve_wraps_a_long_label(at, width):
    # review of issue 9: at 60 columns « resolve CQSS » printed one line of 102 characters
    out = at(width, "resolve", "CQSS").out
    assert all(len(line) <= width for line in out.splitlines())
    assert _flat(out) == ("CQSS — Certificat de qualification secondaire supérieur "
                          "(enseignement de promotion sociale) [titre]")
