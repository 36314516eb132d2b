"""Property tests of the citation grammar (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from passerelles.legal.grammar import Locator, format_locator, normalize, parse_locators, parse_text

SUFFIX = st.sampled_from(["", "bis", "ter", "quater", "quinquies"])
NUMBER = st.integers(min_value=1, max_value=120).map(str)


@st.composite
def locators(draw):
    article = draw(NUMBER) + draw(SUFFIX)
    paragraph = draw(st.none() | NUMBER)
    alinea = draw(st.none() | NUMBER)
    point = draw(st.none() | NUMBER)
    return Locator(article, paragraph, alinea, point)


@given(locators())
def test_format_then_parse_gives_the_locator_back(loc):
    parsed, _ = parse_locators(format_locator(loc) + ".")
    assert parsed == [loc]


@given(locators())
def test_markup_variants_parse_alike(loc):
    # the file's markup: 1^{er}, 2^{o}, 2^{quater}; the parser must read them as plain text
    text = format_locator(loc).replace("1er", "1^{er}").replace("°", "^{o}")
    for suffix in ("bis", "ter", "quater", "quinquies"):
        text = text.replace(suffix, "^{" + suffix + "}", 1)
    assert parse_locators(normalize(text) + ".")[0] == [loc]


@given(st.text(max_size=300))
@settings(max_examples=300)
def test_normalisation_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
@settings(max_examples=300)
def test_no_crash_on_arbitrary_text(text):
    parsed = parse_text(text)
    for group in parsed.groups:
        assert group.locators


@given(st.lists(st.sampled_from(["Ibidem, art.", "§", "al.", "1^{er}", "2°", "et", "à", "-", ",", "décret du 3 juillet 1991",
                                 "précité", "Idem", "tel que modifié par", "12", "bis", "«", "»", "art. 24-29"]), max_size=25))
def test_no_crash_on_citation_like_fragments(parts):
    parse_text(" ".join(parts))


@given(st.text(alphabet=st.sampled_from(list("abc AB.;?!«»\n")), max_size=200))
@settings(max_examples=200)
def test_sentences_cover_the_text_in_order(text):
    from passerelles.legal.grammar import sentence_spans
    spans = sentence_spans(text)
    assert spans and spans[0][0] == 0 and spans[-1][1] == len(text)
    for (a, b), (c, _) in zip(spans, spans[1:]):
        assert a <= b <= c and not text[b:c].strip()


@given(st.lists(st.sampled_from(["45", "47", "49"]), min_size=1, max_size=3, unique=True))
def test_quoted_articles_cite_only_with_their_act(articles):
    # « article 45 » et « article 49 » du décret « Missions » cites both (l. 1558); « article 45 »
    # alone is the name of a kind of formation (l. 533)
    quoted = " et ".join(f"« article {a} »" for a in articles)
    cited = parse_text(f"Pour les formations {quoted} du décret « Missions », les élèves")
    assert [loc.article for g in cited.groups if not g.in_quotes for loc in g.locators] == articles
    assert all(g.forward is not None and g.forward.nickname == "Missions" for g in cited.groups)
    named = parse_text(f"Pour les formations {quoted}, les élèves")
    assert all(g.in_quotes for g in named.groups)


@given(st.sampled_from(["exécutant", "portant exécution du", "modifiant", "relatif à l'application du"]))
def test_an_act_named_in_a_title_is_a_link_not_a_target(words):
    p = parse_text(f"Arrêté de l'Exécutif de la Communauté française du 31 août 1992 {words} décret du "
                   f"29 juillet 1992 portant organisation de l'enseignement, art. 21.")
    [link] = p.title_links
    assert (link.outer.type, link.inner.date) == ("aecf", "1992-07-29")
    assert link.relation == {"exécutant": "executes", "portant exécution du": "executes",
                             "modifiant": "amends"}.get(words, "names")
    assert p.in_title(link.inner) and not p.in_title(link.outer)
