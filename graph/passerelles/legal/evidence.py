"""Evidence for the readings of a citation, weighed and ranked.

When the text does not name the act of a citation, or names it through a chain that may be
broken ("Ibidem" after a note that interrupted the run), the circular still says a great
deal: the sentence the citation stands in, the notes anchored in that sentence, the other
places that cite the same article, the notes with the very same words, the acts the section
cites. Each of these is a :class:`Clue` for one act, with a weight:

========== ====== ===================================================================
kind       weight what it says
========== ====== ===================================================================
ibidem     2 (1)  "Ibidem"/"Idem": the act of the previous note that cites one (1 when
                  that note names the act without citing any of its articles)
sentence   3 / 2  the sentence names the act (3 for a body citation, 2 for the sentence
                  that carries a note; 1 when the act comes with an article of its own)
note       2      a note anchored in the same sentence cites the act
same-text  3      another note with the very same words cites the act
place      1–3    the same article (and paragraph) is cited elsewhere as a place of the act
section    1      the other citations of the same section are of the act
run        1      the "Ibidem" chain was restarted by a note naming another act, in the
                  middle of a run of citations of this act
========== ====== ===================================================================

:func:`rank` adds the weights up. The resolver (:mod:`passerelles.legal.resolve`) decides
from the ranking: the reading is ``resolved`` when one act has the evidence and no other
act has any of weight, ``ambiguous`` (readings ranked, the most likely first) when the
evidence disagrees.

All functions here are pure: they take observations, return clues.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .grammar import Locator, format_locator

#: Kinds of evidence, strongest first (the order breaks ties when naming what decided).
KINDS = ("same-text", "sentence", "place", "note", "ibidem", "idem", "run", "section")


@dataclass(frozen=True)
class Clue:
    """One piece of evidence that the citation designates ``act``."""

    kind: str
    act: str
    weight: int
    detail: str            # what the text says, with its lines, for the reason


@dataclass(frozen=True)
class Observation:
    """A citation whose reading is settled, seen as evidence for others."""

    act: str
    locator: Locator
    passage: str           # "note 15", "line 812": one citing passage
    run: int | None        # the chain run of a note (None for body text)
    chapter: str | None    # path of the chapter (top-level division) it stands in
    division: str | None   # path of the deepest division it stands in

    @property
    def group(self) -> object:
        return group_of(self.run, self.passage)


def group_of(run: int | None, passage: str) -> object:
    """What a citation leaves out when it weighs the others: its note's run (a note is no
    evidence for the notes of its own Ibidem chain), or its body line (``passage``).

    >>> group_of(4, "note 31"), group_of(None, "line 812")
    (4, 'line 812')
    """
    return run if run is not None else passage


#: At most this many passages are listed in a reason; the rest are counted. The count of a
#: place's citations grows with the text, a reason a person reads must not.
LISTED = 20


def _listing(shown: list[str], total: int | None = None) -> str:
    """Passages (``note N``/``line N``, notes first, each kind in order) written as a person
    reads them; of ``total`` passages, those not shown are counted.

    >>> _listing(["note 2", "note 4", "line 9"])
    'notes 2, 4; line 9'
    >>> _listing([f"note {n}" for n in range(1, 4)], total=25)
    'notes 1, 2, 3 and 22 more'
    """
    numbers: dict[str, list[str]] = {"note": [], "line": []}
    for p in shown:
        kind, number = p.split()
        numbers[kind].append(number)
    parts = [(f"{kind} " if len(found) == 1 and total in (None, len(shown)) else f"{kind}s ") + ", ".join(found)
             for kind, found in numbers.items() if found]
    more = (total or len(shown)) - len(shown)
    return "; ".join(parts) + (f" and {more} more" if more else "")


def _level(ref: Locator, other: Locator) -> int:
    """How closely ``other`` matches the place ``ref``: 3 same place, 2 same paragraph of the
    same article, 1 same article, 0 no match.

    An article divided into paragraphs is not the article of another act divided into
    alinéas only: ``art. 25, §1er`` does not match ``art. 25, al. 3``.

    >>> _level(Locator("15", "1", "6"), Locator("15", "1", "2"))
    2
    >>> _level(Locator("26"), Locator("26", "2", None, "1"))
    1
    >>> _level(Locator("25", "1"), Locator("25", None, "3"))
    0
    """
    if not ref.article or other.article != ref.article:
        return 0
    if other == ref:
        return 3
    if ref.paragraph is not None:
        if other.paragraph == ref.paragraph:
            return 2
        return 1 if other.paragraph is not None or other.alinea is None else 0
    return 1


class Tally:
    """The passages of some observations, by act, counted and listed without one group of
    passages (the citation's own: its note's run, or its body line).

    Leaving a group out costs the size of the group, not of the tally: weighing a citation
    costs the same however often its article is cited elsewhere (a build stays linear in
    the text).

    >>> t = Tally([Observation("a", Locator("6"), f"note {n}", n // 10, None, None) for n in (3, 4, 15)])
    >>> t.counts(without=0), t.counts(without=1), t.listing("a", without=1)
    ({'a': 1}, {'a': 2}, 'notes 3, 4')
    """

    def __init__(self, observations=()):
        self.passages: dict[str, dict[str, object]] = {}     # act -> passage -> its group
        self._frozen = None
        for o in observations:
            self.add(o)

    def add(self, o: Observation) -> None:
        self.passages.setdefault(o.act, {})[o.passage] = o.group
        self._frozen = None

    def _freeze(self):
        if self._frozen is None:
            groups: dict[object, Counter] = {}
            for act, found in self.passages.items():
                for group in found.values():
                    groups.setdefault(group, Counter())[act] += 1
            self._frozen = groups, {act: sorted(found, key=_order) for act, found in self.passages.items()}
        return self._frozen

    def counts(self, without=None) -> dict[str, int]:
        """Passages per act, in the order the acts first came, the group ``without`` left out."""
        minus = self._freeze()[0].get(without, {})
        counts = {act: len(found) - minus.get(act, 0) for act, found in self.passages.items()}
        return {act: n for act, n in counts.items() if n}

    def listing(self, act: str, without=None) -> str:
        """The passages of ``act`` (at most :data:`LISTED`), ``without`` left out."""
        found, shown = self.passages.get(act, {}), []
        for p in self._freeze()[1].get(act, []):
            if len(shown) == LISTED:
                break
            if found[p] != without:
                shown.append(p)
        return _listing(shown, self.counts(without).get(act, 0))


def _order(passage: str) -> tuple[bool, int]:
    """Notes first, then body lines, each in order."""
    kind, number = passage.split()
    return kind != "note", int(number)


class Evidence:
    """The settled citations of a round, indexed for the clues that read them: by article
    and place (:meth:`place_clues`), by section (:meth:`section_clues`).

    >>> ev = Evidence([Observation("decret/1991/07/03", Locator("15", "1", "2"), f"note {n}", n, None, None)
    ...                for n in (139, 140)])
    >>> [(c.act, c.weight) for c in ev.place_clues(Locator("15", "1", "6"), None, str, without=141)]
    [('decret/1991/07/03', 3)]
    """

    def __init__(self, observations=()):
        self._article: dict[str, dict[Locator, list[Observation]]] = {}
        self._division: dict[str, Tally] = {}
        self._levels: dict[Locator, dict[int, tuple[Tally, dict[str, Tally]]]] = {}
        for o in observations:
            self.add(o)

    def add(self, o: Observation) -> None:
        if o.locator.article:
            self._article.setdefault(o.locator.article, {}).setdefault(o.locator, []).append(o)
        if o.division is not None:
            self._division.setdefault(o.division, Tally()).add(o)
        self._levels.clear()

    def _at(self, locator: Locator) -> dict[int, tuple[Tally, dict[str, Tally]]]:
        """The observations of ``locator``'s article by level of match, in all and by chapter
        (worked out once per place: the places are few, the citations of each many)."""
        if locator not in self._levels:
            levels: dict[int, tuple[Tally, dict[str, Tally]]] = {}
            for other, observed in self._article.get(locator.article, {}).items():
                level = _level(locator, other)
                if level:
                    everywhere, by_chapter = levels.setdefault(level, (Tally(), {}))
                    for o in observed:
                        everywhere.add(o)
                        if o.chapter:
                            by_chapter.setdefault(o.chapter, Tally()).add(o)
            self._levels[locator] = levels
        return self._levels[locator]

    def place_clues(self, locator: Locator, chapter: str | None, label, without=None) -> list[Clue]:
        """Clues from the other citations of the same place (``without`` the citation's own
        group of passages).

        The closest level of match wins (same place, then same paragraph, then same
        article); at that level, citations in the same chapter are preferred to citations
        elsewhere. One act alone at that level is strong evidence (3, or 2 from a single
        passage; 1 at article level: every act has an article 4); several acts give a clue
        of 1 only to one that holds two thirds of the passages.
        """
        if not locator.article:
            return []
        levels = self._at(locator)
        for best in (3, 2, 1):
            if best in levels and levels[best][0].counts(without):
                break
        else:
            return []
        everywhere, by_chapter = levels[best]
        here = by_chapter.get(chapter) if chapter else None
        tally = here if here is not None and here.counts(without) else everywhere
        counts = Counter(tally.counts(without))
        (top, n), total = counts.most_common(1)[0], sum(counts.values())
        where = "in this chapter" if tally is here else "elsewhere in the circular"
        shown = Locator(locator.article, locator.paragraph if best >= 2 else None)
        place = format_locator(shown)
        if len(counts) == 1:
            # the same article number in another act is a weak sign: article level weighs 1 at most
            weight = (3 if n >= 2 else 2) if best >= 2 else 1
            return [Clue("place", top, weight, f"{place} is cited {where} only as a place of {label(top)} "
                                                f"({tally.listing(top, without)})")]
        if n >= 2 and 3 * n >= 2 * total and counts.most_common(2)[1][1] < n:
            others = ", ".join(f"{label(a)} ({tally.listing(a, without)})" for a in sorted(counts) if a != top)
            return [Clue("place", top, 1, f"{place} is cited {where} mostly as a place of {label(top)} "
                                           f"({tally.listing(top, without)}; also of {others})")]
        return []

    def section_clues(self, division: str | None, heading: str, label, without=None) -> list[Clue]:
        """A clue for the act that the other citations of the same section (mostly) cite."""
        tally = self._division.get(division) if division is not None else None
        counts = Counter(tally.counts(without)) if tally is not None else Counter()
        if not counts:
            return []
        (top, n), total = counts.most_common(1)[0], sum(counts.values())
        if n < 2 or 3 * n < 2 * total:
            return []
        return [Clue("section", top, 1, f"the other citations of the section « {heading} » are "
                                         f"{'all' if n == total else 'mostly'} of {label(top)} "
                                         f"({tally.listing(top, without)})")]


def place_clues(locator: Locator, observations: list[Observation], chapter: str | None,
                label) -> list[Clue]:
    """Clues from the other citations of the same place (see :meth:`Evidence.place_clues`).

    >>> obs = [Observation("decret/1991/07/03", Locator("15", "1", "2"), f"note {n}", n, None, None)
    ...        for n in (139, 140)]
    >>> [(c.act, c.weight) for c in place_clues(Locator("15", "1", "6"), obs, None, str)]
    [('decret/1991/07/03', 3)]
    """
    return Evidence(observations).place_clues(locator, chapter, label)


def section_clues(division: str | None, heading: str, observations: list[Observation], label) -> list[Clue]:
    """A clue for the act that the other citations of the same section (mostly) cite.

    >>> obs = [Observation("decret/1991/07/03", Locator("15"), f"note {n}", n, "c", "c__s") for n in (153, 154)]
    >>> [(c.act, c.weight) for c in section_clues("c__s", "ACCOMPAGNEMENT", obs, str)]
    [('decret/1991/07/03', 1)]
    """
    return Evidence(observations).section_clues(division, heading, label)


def rank(clues: list[Clue], order: list[str] = ()) -> list[tuple[str, int, list[Clue]]]:
    """Acts ranked by the summed weight of their clues; ties go to ``order`` (the text's own
    pointer first), then to the key.

    >>> r = rank([Clue("ibidem", "a", 2, ""), Clue("place", "b", 3, ""), Clue("section", "a", 1, "")], ["a"])
    >>> [(act, score) for act, score, _ in r]
    [('a', 3), ('b', 3)]
    """
    by_act: dict[str, list[Clue]] = {}
    for c in clues:
        by_act.setdefault(c.act, []).append(c)
    pos = {a: i for i, a in enumerate(order)}
    ranked = [(act, sum(c.weight for c in cs), cs) for act, cs in by_act.items()]
    ranked.sort(key=lambda r: (-r[1], pos.get(r[0], len(pos)), r[0]))
    return ranked


def deciding(clues: list[Clue]) -> Clue:
    """The strongest clue of a reading: what decided it (for ``via``).

    >>> deciding([Clue("section", "a", 1, ""), Clue("place", "a", 3, "")]).kind
    'place'
    """
    return sorted(clues, key=lambda c: (-c.weight, KINDS.index(c.kind)))[0]
