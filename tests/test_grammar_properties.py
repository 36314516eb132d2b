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
