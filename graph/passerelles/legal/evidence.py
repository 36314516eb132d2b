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


def _passages(obs: list[Observation]) -> str:
    """``notes 15, 31; lines 812, 853``: the passages of some observations, in order."""
    notes = sorted({int(o.passage.split()[1]) for o in obs if o.passage.startswith("note")})
    lines = sorted({int(o.passage.split()[1]) for o in obs if o.passage.startswith("line")})
    parts = []
    if notes:
        parts.append(("note " if len(notes) == 1 else "notes ") + ", ".join(map(str, notes)))
    if lines:
        parts.append(("line " if len(lines) == 1 else "lines ") + ", ".join(map(str, lines)))
    return "; ".join(parts)


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


def place_clues(locator: Locator, observations: list[Observation], chapter: str | None,
                label) -> list[Clue]:
    """Clues from the other citations of the same place.

    The closest level of match wins (same place, then same paragraph, then same article);
    at that level, citations in the same chapter are preferred to citations elsewhere. One
    act alone at that level is strong evidence (3, or 2 from a single passage; 1 at article
    level: every act has an article 4); several acts give a clue of 1 only to one that holds
    two thirds of the passages.

    >>> obs = [Observation("decret/1991/07/03", Locator("15", "1", "2"), f"note {n}", n, None, None)
    ...        for n in (139, 140)]
    >>> [(c.act, c.weight) for c in place_clues(Locator("15", "1", "6"), obs, None, str)]
    [('decret/1991/07/03', 3)]
    """
    if not locator.article:
        return []
    best = max((_level(locator, o.locator) for o in observations), default=0)
    if not best:
        return []
    everywhere = [o for o in observations if _level(locator, o.locator) == best]
    here = [o for o in everywhere if chapter and o.chapter == chapter]
    scoped = here or everywhere
    hits = scoped
    by_act: dict[str, list[Observation]] = {}
    for o in hits:
        by_act.setdefault(o.act, []).append(o)
    counts = Counter({act: len({o.passage for o in obs}) for act, obs in by_act.items()})
    (top, n), total = counts.most_common(1)[0], sum(counts.values())
    where = "in this chapter" if here else "elsewhere in the circular"
    shown = Locator(locator.article, locator.paragraph if best >= 2 else None)
    place = format_locator(shown)
    if len(counts) == 1:
        # the same article number in another act is a weak sign: article level weighs 1 at most
        weight = (3 if n >= 2 else 2) if best >= 2 else 1
        return [Clue("place", top, weight, f"{place} is cited {where} only as a place of {label(top)} "
                                            f"({_passages(by_act[top])})")]
    if n >= 2 and 3 * n >= 2 * total and counts.most_common(2)[1][1] < n:
        others = ", ".join(f"{label(a)} ({_passages(by_act[a])})" for a in sorted(counts) if a != top)
        return [Clue("place", top, 1, f"{place} is cited {where} mostly as a place of {label(top)} "
                                       f"({_passages(by_act[top])}; also of {others})")]
    return []


def section_clues(division: str | None, heading: str, observations: list[Observation], label) -> list[Clue]:
    """A clue for the act that the other citations of the same section (mostly) cite.

    >>> obs = [Observation("decret/1991/07/03", Locator("15"), f"note {n}", n, "c", "c__s") for n in (153, 154)]
    >>> [(c.act, c.weight) for c in section_clues("c__s", "ACCOMPAGNEMENT", obs, str)]
    [('decret/1991/07/03', 1)]
    """
    if division is None:
        return []
    here = [o for o in observations if o.division == division]
    passages: dict[str, set[str]] = {}          # by act, in the order the acts first come
    for o in here:
        passages.setdefault(o.act, set()).add(o.passage)
    counts = Counter({act: len(found) for act, found in passages.items()})
    if not counts:
        return []
    (top, n), total = counts.most_common(1)[0], sum(counts.values())
    if n < 2 or 3 * n < 2 * total:
        return []
    mine = [o for o in here if o.act == top]
    return [Clue("section", top, 1, f"the other citations of the section « {heading} » are "
                                     f"{'all' if n == total else 'mostly'} of {label(top)} ({_passages(mine)})")]


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
