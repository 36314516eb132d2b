"""Citation resolution, judged by the answer key (tests/data/footnotes_expected.yaml, made by
hand from the circular) and by specific passages, one test per reported problem.

The key is the judge: every footnote citation, every body reference and every act named in
another act's title must come out as the key reads it — main reading, status, and (for an
ambiguous one) the alternatives it lists. No exception list.
"""

from __future__ import annotations

import pytest

from passerelles.legal.grammar import Locator

PLACE = ("article", "paragraph", "alinea", "point")


def _place(d: dict) -> tuple:
    return (d.get("act"), *(d.get(k) for k in PLACE))


def _reading(act, loc: Locator) -> tuple:
    return (act, loc.article, loc.paragraph, loc.alinea, loc.point)


def _alternatives(entry: dict) -> list[tuple]:
    """The key's alternatives as full readings (an act key alone keeps the entry's place)."""
    alt = entry.get("alternative")
    alts = alt if isinstance(alt, list) else ([alt] if alt else [])
    out = []
    for a in alts:
        if isinstance(a, str):
            out.append((a, *(entry.get(k) for k in PLACE)))
        else:
            out.append((a["act"], *(a.get(k) for k in PLACE)))
    return out


def _check(entry: dict, got) -> None:
    """One key entry against the citation(s) the resolver gives for it."""
    want = _place(entry)
    mains = [c for c in got if _reading(c.act, c.locator) == want]
    assert mains, (entry, [_reading(c.act, c.locator) for c in got])
    c = mains[0]
    assert c.status == entry["status"], (want, c.status, c.reason)
    alternatives = {_reading(a.act, a.locator) for a in c.alternatives}
    for alt in _alternatives(entry):
        assert alt in alternatives, (want, alt, alternatives)
    if c.status != "resolved":
        assert c.reason
    if entry.get("amended_by"):
        assert c.amended_by == entry["amended_by"], (want, c.amended_by)
        if entry.get("amended_at"):
            assert c.amendment_line == entry["amended_at"]


@pytest.fixture(scope="module")
def by_note(model):
    out = {}
    for c in model.citations.citations:
        if c.footnote is not None:
            out.setdefault(c.footnote, []).append(c)
    return out


@pytest.fixture(scope="module")
def body(model):
    return [c for c in model.citations.citations if c.footnote is None]


def test_every_footnote_reads_as_the_key_says(by_note, answer_key):
    for entry in answer_key["footnotes"]:
        n = entry["number"]
        got = by_note.get(n, [])
        expected = {_place(c) for c in entry.get("citations") or []}
        assert {_reading(c.act, c.locator) for c in got} == expected, (n, got)
        for want in entry.get("citations") or []:
            _check(want, got)


def test_every_body_reference_of_the_key_and_nothing_else(body, answer_key):
    """Recall and precision in the body: the key lists every reference of the body text."""
    keyed = answer_key["body_citations"]
    assert len(keyed) >= 100
    for entry in keyed:
        _check(entry, [c for c in body if c.line == entry["line"]])
    expected = {(e["line"], *_place(e)) for e in keyed}
    extra = [(c.line, c.act, c.locator) for c in body if (c.line, *_reading(c.act, c.locator)) not in expected]
    assert extra == []


def test_acts_named_in_titles_are_links_not_citations(model, answer_key):
    got = {(t.line, t.footnote, t.act, t.named, t.locator.article, t.locator.paragraph, t.relation)
           for t in model.citations.title_mentions}
    want = {(e["line"], e["footnote"], e["act"], e["names"], e["article"], e["paragraph"], e["relation"])
            for e in answer_key["title_mentions"]}
    assert got == want
    # note 183: "Arrêté de l'Exécutif … du 31 août 1992 exécutant le décret du 29 juillet 1992 …, art. 13, §1er"
    cited = {(c.footnote, c.act) for c in model.citations.citations}
    for note in (149, 183, 186):
        assert (note, "decret/1992/07/29") not in cited
    assert (184, "aecf/1992/08/31") not in cited and (180, "decret/1991/07/03") not in cited


def test_ambiguous_citations_are_those_the_key_finds(by_note, body, answer_key):
    expected = {e["number"] for e in answer_key["footnotes"]
                if any(c["status"] == "ambiguous" for c in e.get("citations") or [])}
    got = {n for n, cs in by_note.items() if any(c.status == "ambiguous" for c in cs)}
    assert got == expected == {88, 123, 124, 157, *range(225, 237), *range(239, 245)}
    assert {(c.line, c.locator.article) for c in body if c.status == "ambiguous"} == {(2728, "10"), (2728, "11")}


# --------------------------------------------------------------------------- body articles without act

def test_body_articles_without_act_are_resolved_from_the_evidence(body):
    at = {(c.line, c.locator.article, c.locator.point): c for c in body}
    # "visé à l'article 2bis, §1er, 1° (formation « article 49 »)": l. 812, 853 give the act
    for line, point in [(694, "1"), (695, "2"), (734, "1"), (736, "2"), (915, "1"), (1183, "1"), (1545, "1")]:
        c = at[(line, "2bis", point)]
        assert (c.act, c.status, c.via) == ("decret/1991/07/03", "resolved", "place"), line
        assert "812" in c.reason and "853" in c.reason
    # "(art. 2bis, §2)" at l. 425: the same place as notes 30 and 31 (l. 441, 480)
    c = at[(425, "2bis", None)]
    assert (c.act, c.status) == ("decret/1991/07/03", "resolved") and "notes 30, 31" in c.reason


def test_a_note_anchored_in_the_sentence_is_evidence(body):
    # l. 1576 "… socio-professionnelle visée à l'article 3, … convention. ¹⁵³": note 153 cites the 1991 decree
    [c] = [c for c in body if c.line == 1576]
    assert (c.act, c.locator.article, c.status, c.via) == ("decret/1991/07/03", "3", "resolved", "note")
    assert "note 153" in c.reason


def test_no_body_reference_is_left_unresolved(body):
    assert [c for c in body if c.status == "unresolved"] == []


# --------------------------------------------------------------------------- ranked readings

def test_ibidem_after_an_interrupting_note_reads_the_interrupted_act_first(by_note):
    # note 224 (l. 2668) names the decree of 14 March 2019 amid citations of the 1991 decree
    [c] = by_note[225]
    assert (c.act, c.status, c.via) == ("decret/1991/07/03", "ambiguous", "place")
    assert [(a.act, a.via) for a in c.alternatives] == [("decret/2019/03/14/organisation-travail", "ibidem")]
    assert "notes 222, 223" in c.reason and "note 224" in c.reason
    # note 235 repeats note 219 word for word (l. 2638, 2712)
    [c] = by_note[235]
    assert c.act == "decret/1991/07/03" and "note 219 has the very same words" in c.reason
    # notes 239-244 after note 238, which names a decree without citing any article
    for n in range(239, 245):
        [c] = by_note[n]
        assert c.act == "decret/1991/07/03" and c.status == "ambiguous", n
        assert "decret/2019/03/14/organisation-travail" in [a.act for a in c.alternatives], n


def test_ibidem_after_a_note_citing_two_acts_takes_the_one_the_place_belongs_to(by_note):
    # note 92 cites the 1991 decree (its own Ibidem) and the décret « Missions »; art. 2ter,
    # §3 is a place of the 1991 decree (note 22, l. 401)
    [c] = by_note[93]
    assert (c.act, c.status, c.via) == ("decret/1991/07/03", "resolved", "ibidem")
    assert "note 22" in c.reason


def test_ibidem_after_an_act_without_articles_and_a_sentence_naming_another(by_note):
    [c] = by_note[88]
    assert (c.act, c.locator.article, c.status) == ("decret/2013/11/21", "26", "ambiguous")
    assert "line 1055" in c.reason and "516" in c.reason
    assert [a.act for a in c.alternatives] == ["agcf/2015/07/17"]


def test_ibidem_reaching_a_circular_which_has_no_articles(by_note):
    for n in (123, 124):
        [c] = by_note[n]
        assert (c.act, c.status) == ("decret/1991/07/03", "ambiguous")
        assert "no articles" in c.reason
        assert [a.act for a in c.alternatives] == ["circulaire/1999/05/27/b11-gvl-dl-25-05-99-24-159"]


def test_note_157_reads_the_place_of_the_1991_decree_first(by_note):
    [c] = by_note[157]
    assert (c.act, c.status) == ("decret/1991/07/03", "ambiguous")
    assert [a.act for a in c.alternatives] == ["agcf/2019/06/12", "agcf/1993/03/15"]


# --------------------------------------------------------------------------- acts and their keys

def test_one_act_one_key_the_adoption_date_is_a_slip(model, body):
    assert "decret/2018/06/13" not in model.registry.acts
    at_209 = [c for c in body if c.line == 209 and c.act == "decret/2018/06/14"]
    assert at_209 and "13 juin 2018" in at_209[0].reason
    [c] = [c for c in body if c.line == 251]
    assert (c.act, c.status, c.via) == ("decret/2018/06/14", "resolved", "precite")
    [slip] = [s for s in model.citations.slips if s.kind == "act-date-mismatch"]
    assert slip.lines == (209, 251, 1359) and slip.acts == ("decret/2018/06/13", "decret/2018/06/14")


def test_a_note_anchored_in_the_sentence_tells_two_decrees_of_one_day_apart(body):
    # l. 2728 "du décret du 14 mars 2019 …²³⁸": note 238 names the decree on the organisation du travail
    at_2728 = {c.locator.article: c for c in body if c.line == 2728}
    assert {c.act for c in at_2728.values()} == {"decret/2019/03/14/organisation-travail"}
    assert (at_2728["9"].status, at_2728["9"].via) == ("resolved", "note") and "note 238" in at_2728["9"].reason
    # "articles 9, §§1er, 10 et 11": 10 and 11 may be articles or paragraphs of art. 9
    c10 = at_2728["10"]
    assert c10.status == "ambiguous" and "may be a paragraph of art. 9" in c10.reason
    assert ("9", "10") in {(a.locator.article, a.locator.paragraph) for a in c10.alternatives}


def test_same_day_acts_named_with_their_titles(body):
    assert any(c.line == 211 and c.act == "decret/2019/03/14/accrochage" and c.status == "resolved" for c in body)
    assert any(c.line == 213 and c.act == "decret/2019/03/14/organisation-travail" for c in body)
    # "Le décret mentionné ci-avant … ledit décret" (l. 217): the decree of l. 213
    assert [c.act for c in body if c.line == 217] == ["decret/2019/03/14/organisation-travail"] * 2


def test_two_acts_never_told_apart_are_one_record_for_both(by_note, model):
    [c] = by_note[125]
    assert (c.act, c.status) == ("agcf/2018/02/21", "resolved") and "2 acts" in c.reason
    assert model.registry.acts["agcf/2018/02/21"].label() == (
        "2 arrêtés du Gouvernement de la Communauté française du 21 février 2018")


def test_registry_titles_whole_and_not_swallowing_the_sentence(model):
    titles = {k: a.title for k, a in model.registry.acts.items()}
    assert titles["arrete-royal/2004/09/21"] == "relatif à la protection des stagiaires"        # l. 1049
    assert titles["arrete-royal/1998/10/21"].endswith("loi-programme du 10 février 1998 pour la promotion "
                                                       "de l'entreprise indépendante")          # l. 1287 + 1303
    assert titles["decret/2018/06/14"].endswith("les pouvoirs organisateurs et les organisations syndicales")
    assert "(CPU) dans l'enseignement secondaire qualifiant" in titles["decret/2012/07/12"]     # l. 2716
    assert titles["circulaire/2016/06/30/5797"] is None   # "relatif à …" is its chapter 22's subject (l. 313)
    assert titles["decret/1992/07/29"] == "portant organisation de l'enseignement secondaire de plein exercice"
    assert titles["circulaire/2005/10/13/1256"].startswith("Arrêté royal du 21 septembre 2004")


def test_lists_of_articles_attached_to_a_named_act(body):
    # « articles 45 et 49 » du décret « Missions » (l. 484); « article 45 » et « article 49 » du … (l. 1558)
    for line in (484, 1558):
        assert sorted((c.act, c.locator.article) for c in body if c.line == line) == [
            ("decret/1997/07/24", "45"), ("decret/1997/07/24", "49")]


def test_formation_names_are_not_citations(model):
    # « article 49 », 'Article 45', (alternance art.49), "formation article 49", "en article 45"
    cited = {(c.line, c.locator.article) for c in model.citations.citations}
    for line, article in [(219, "45"), (533, "45"), (981, "49"), (1012, "45"), (1232, "49"),
                          (1384, "49"), (1386, "45"), (2767, "45")]:
        assert (line, article) not in cited


def test_garbled_note_gives_one_record_with_a_remark(by_note):
    # note 163: "…, § 3, Moniteur belge, 25 novembre 2014, article 24, §3."
    [c] = by_note[163]
    assert (c.act, c.locator.article, c.locator.paragraph) == ("agcf/1993/03/15", "24", "3")
    assert "garbled" in c.reason


def test_amendment_hung_on_the_act_it_amends_with_its_line(body):
    # l. 1256 "l'article 6 de l'arrêté royal du 21 octobre 1998 tel que modifié portant exécution … de la
    # loi-programme du 10 février 1998 … tel qu'il a été modifié par l'arrêté royal du 7 juin 2007"
    [c] = [c for c in body if c.line == 1256]
    assert (c.act, c.locator.article, c.amended_by, c.amendment_line) == (
        "arrete-royal/1998/10/21", "6", "arrete-royal/2007/06/07", 1256)
    # the same sentence cut by a page of notes: l. 1287 continues at l. 1303
    [c] = [c for c in body if c.line == 1287]
    assert (c.amended_by, c.amendment_line) == ("arrete-royal/2007/06/07", 1303)


def test_missed_references_are_found(body):
    assert any(c.line == 1307 and c.locator == Locator("2bis", "2") and c.act == "decret/1991/07/03" for c in body)
    [c] = [c for c in body if c.line == 2388]
    assert (c.act, c.via) == ("circulaire/2018/05/14/6652", "number")


def test_split_notes_report_the_line_of_the_cited_words(by_note):
    assert [c.line for c in by_note[32]] == [504]
    assert [c.line for c in by_note[182]] == [2164]
    assert [c.line for c in by_note[126]] == [1359]


# --------------------------------------------------------------------------- unchanged behaviours

def test_precite_checks(body):
    at = {(c.line, c.act): c for c in body}
    c = at[(1459, "arrete-royal/1960/08/31")]
    assert c.status == "resolved" and "not cited earlier" in c.reason
    c = at[(1625, "decret/1992/07/29")]
    assert (c.locator.article, c.locator.alinea, c.locator.point, c.via) == ("24", "1", "3", "precite")


def test_precite_after_a_long_gap(by_note):
    places = [(c.act, c.locator.article) for c in by_note[92] if c.act == "decret/1997/07/24"]
    assert places == [("decret/1997/07/24", a) for a in ("81", "82", "89", "90")]


def test_ranges_lists_and_markup_variants(by_note):
    assert [c.locator.article for c in by_note[142]] == ["24", "25", "26", "27", "28", "29"]
    assert [c.locator.paragraph for c in by_note[190]] == [str(i) for i in range(1, 8)]
    assert [(c.locator.article, c.locator.alinea) for c in by_note[96]] == [("9", "3"), ("9", "4")]
    assert by_note[169][0].locator.article == "2quinquies"      # 2^{qu}inquies. - § 1^{er}
    assert by_note[175][0].locator.article == "2quinquies"      # 2^{quinq}ies (the file's typo)
    assert by_note[194][0].locator.article == "2quinquies"      # 2 *quinquies*
    assert by_note[35][0].locator.article == "2bis"             # 2*bis*
    assert by_note[3][0].locator.article == "2quater"           # 2^{quater}
    assert (by_note[236][0].locator.article, by_note[236][0].locator.paragraph) == ("14", "2/1")
    assert (by_note[188][0].locator.article, by_note[188][0].locator.point, by_note[188][0].locator.alinea) == ("18", "2", "2")


def test_a_point_written_without_its_degree_sign(by_note):
    # note 224 "art. 3, §1er, 8": a paragraph would be written §8; read as point 8°, with a remark
    c = by_note[224][0]
    assert (c.locator.paragraph, c.locator.point, c.status) == ("1", "8", "resolved")
    assert "without °" in c.reason


def test_several_acts_in_one_note(by_note):
    acts = [(c.act, c.locator.article, c.locator.alinea, c.locator.point) for c in by_note[174]]
    assert acts == [("decret/1991/07/03", "2quinquies", None, None),
                    ("arrete-royal/1982/07/02/49", "4", "1", "2"),
                    ("arrete-royal/1982/07/02/49", "5", "2", None)]


def test_amendments_are_links_to_the_amending_act(by_note):
    [c] = by_note[14]
    assert (c.act, c.locator.article, c.amended_by, c.amendment) == ("decret/1991/07/03", "4", "decret/2017/05/24", "inserted")
    [c] = by_note[106]
    assert (c.act, c.amended_by, c.amendment) == ("arrete-royal/1984/06/29", "decret/2009/03/26", "modified")
    [c] = by_note[198]
    assert (c.amended_by, c.amending_article) == ("decret/2007/03/08", "6")
    [c] = by_note[200]
    assert (c.act, c.locator.article, c.amended_by) == ("decret/1998/06/30", "41", "decret/2008/12/12")
    [c] = by_note[168]
    assert (c.act, c.locator.article, c.locator.paragraph, c.via, c.amended_by) == (
        "decret/1991/07/03", "2quinquies", "1", "idem", "decret/2017/05/24")


def test_title_identifies_an_act_named_partly_twice(by_note, body):
    [c] = by_note[178]
    assert c.act == "agcf/2018/11/06" and c.via == "title"
    assert any(b.line == 1996 and b.act == "agcf/2018/11/06" for b in body)


def test_every_citation_text_stands_in_its_line(model):
    """The cited words are on the line the citation reports (first words, markup aside)."""
    from passerelles.legal.grammar import normalize
    doc = model.corpus.circular
    for c in model.citations.citations:
        words = c.text.split()[0]
        assert words.lower() in normalize(doc.line(c.line)).lower(), (c.line, c.footnote, c.text)


def test_two_resolutions_are_identical(model):
    from passerelles.legal.resolve import resolve_citations
    from passerelles.circular.structure import body_start
    doc = model.corpus.circular
    again = resolve_citations(doc, model.footnotes, body_start(doc.lines))
    assert again.citations == model.citations.citations
    assert again.title_mentions == model.citations.title_mentions
