"""All 244 footnotes: number, text, own lines, anchors — checked against the hand-made key."""

from __future__ import annotations


def test_244_notes_numbered_in_order(model):
    assert [n.number for n in model.footnotes] == list(range(1, 245))


def test_lines_and_anchors_match_the_answer_key(model, answer_key):
    for expected in answer_key["footnotes"]:
        note = model.footnotes[expected["number"] - 1]
        assert note.line == expected["lines"][0], expected["number"]
        assert list(note.anchors) == expected["anchors"], expected["number"]


def test_plain_digit_and_superscript_forms(model):
    assert model.footnotes[0].line == 261 and model.footnotes[0].text.startswith("Décret du 3 juillet 1991")
    assert model.footnotes[4].line == 291 and model.footnotes[4].text == "Ibidem, art. 4, al. 2."
    # "125 2 arrêtés …": the number is 125, the text starts with "2"
    assert model.footnotes[124].text.startswith("2 arrêtés du Gouvernement")


def test_split_notes(model):
    # the number alone on a line, the text two lines below
    assert model.footnotes[31].lines == (502, 504) and model.footnotes[31].text == "Ibidem, art. 2bis, §4."
    assert model.footnotes[181].lines == (2162, 2164)
    assert model.footnotes[191].lines == (2421, 2423)
    # note 126 is cut at a page break and continues after the next body paragraph
    note = model.footnotes[125]
    assert note.lines == (1359, 1388)
    assert note.text.endswith("les organisations syndicales.")


def test_prose_notes_cite_nothing(model, answer_key):
    cited = {c.footnote for c in model.citations.citations if c.footnote}
    prose = {e["number"] for e in answer_key["footnotes"] if e["prose"]}
    assert prose == {56, 61, 65, 66, 67, 71, 75, 79, 95, 100, 162, 165, 170, 192, 193}
    assert not prose & cited


def test_footnotes_command(cli):
    result = cli("footnotes", "42", "--json")
    assert result.code == 0
    [note] = result.json()
    assert note["number"] == 42 and note["line"] == 602 and note["anchors"] == [582]
    [c] = note["citations"]
    assert (c["act"]["iri"], c["article"], c["paragraph"], c["alinea"], c["point"]) == (
        "https://w3id.org/passerelles/eli/decret/1991/07/03", "6", "1", "1", "2")
    assert cli("footnotes", "245").code == 2
