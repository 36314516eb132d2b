"""The circular's structure: chapters I-VIII, sections, subsections, annexes, with spans."""

from __future__ import annotations


def _by_path(model):
    return {d.path: d for d in model.divisions}


def test_eight_chapters_from_the_body_not_the_table_of_contents(model):
    chapters = [(d.number, d.first_line, d.heading) for d in model.divisions if d.kind == "chapter"]
    assert [c[0] for c in chapters] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    # the table of contents (lines 95-198) repeats the headings: the body ones are kept
    assert [c[1] for c in chapters] == [227, 506, 1144, 1405, 1541, 1584, 2325, 2461]
    assert chapters[1][2] == "CONDITIONS D'ADMISSION"
    assert chapters[7][2] == "ENCADREMENT"  # absent from the table of contents


def test_spans_and_nesting(model):
    d = _by_path(model)
    assert (d["chap-II"].first_line, d["chap-II"].last_line) == (506, 1142)
    assert d["chap-II__sec-II__sub-2__sub-2.1"].heading == "ENSEIGNEMENT PROFESSIONNEL"
    assert (d["chap-II__sec-II__sub-2__sub-2.1"].first_line, d["chap-II__sec-II__sub-2__sub-2.1"].last_line) == (642, 842)
    # a numbered list restarting at 1 inside "1. Fréquentation" nests in it
    assert d["chap-II__sec-V__sub-1__sub-1"].heading == "Dépassement des 20 demi-jours"
    assert d["chap-II__sec-V__sub-2"].heading == "Exclusion"
    assert d["chap-VI__sec-V"].heading == "TABLEAU DES SECTEURS ET DES GROUPES"
    assert d["chap-III__sec-VII__sub-1"].heading == "Formations organisées uniquement en CPU depuis le 1/09/2017"
    assert len(d) == len(model.divisions)  # ids are unique


def test_annexes_once_each_despite_repeated_page_headers(model):
    annexes = [(d.number, d.first_line) for d in model.divisions if d.kind == "annex"]
    assert annexes == [("I", 2833), ("II", 2890), ("III", 2898)]


def test_introduction_is_the_letter(model):
    intro = model.divisions[0]
    assert intro.kind == "introduction" and (intro.first_line, intro.last_line) == (201, 226)
