"""The figure model: what a diagram shows, independent of any output format.

A :class:`Figure` holds nodes, edges, clusters (groups drawn as boxes), numbered
footnotes, a title and a source line. The Graphviz and Mermaid writers read it; the
builders (:mod:`passerelles.diagrams.build`) make it. Its lists are kept in a canonical
order, so that the same figure always gives the same text.

>>> notes = Footnotes()
>>> notes.number("être majeur"), notes.number("avoir 16 ans"), notes.number("être majeur")
(1, 2, 1)
>>> fig = Figure("Exemple", nodes=[Node("title:CESS", "title", "CESS"), Node("year:7P", "year", "7P")],
...              edges=[Edge("year:7P", "title:CESS", "award", notes=(1,))], footnotes=notes.items())
>>> [n.id for n in fig.nodes], fig.legend()
(['title:CESS', 'year:7P'], [('node', 'year'), ('node', 'title'), ('edge', 'award')])
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from ..text import clean_markup, fold

#: Where the data come from: printed under every figure.
SOURCE = ("Source : circulaire 7282 du 2 septembre 2019 (Fédération Wallonie-Bruxelles), "
          "enseignement secondaire en alternance ; figure : Passerelles")

#: Node kinds, in legend order, with their French legend text.
NODE_KINDS = {
    "start": "tout élève (aucun titre requis)",
    "year": "année d'études ou formation",
    "title": "titre, certificat ou attestation",
    "option": "option de 7e année",
    "section": "division de la circulaire",
    "article": "article cité",
    "context": "dessiné dans une autre partie de la figure",
}

#: Edge kinds (the kinds of the rules, plus the citation link), in legend order.
EDGE_KINDS = {
    "admission": "admission (et année d'études)",
    "reinsertion": "réinsertion",
    "passage-specialise": "passage depuis l'enseignement spécialisé",
    "option-access": "accès à l'option",
    "award": "délivrance du titre",
    "attests": "le titre atteste la réussite de l'année",
    "equivalence": "équivalence (décision hors du corpus)",
    "study": "année d'études",
    "cites": "citations (leur nombre au départ de la flèche, qui s'épaissit avec lui)",
}


@dataclass(frozen=True)
class Node:
    """A box of the figure.

    ``label`` is the short name (``5P``, ``CESS``), ``detail`` the French label and
    ``note`` a last line (a duration, a sector); ``group`` the id of its cluster.
    """

    id: str
    kind: str
    label: str
    detail: str = ""
    note: str = ""
    group: str | None = None
    emphasis: bool = False
    order: tuple = ()


@dataclass(frozen=True)
class Edge:
    """An arrow: ``label`` lines, footnote numbers ``notes`` and a ``weight`` (citations)."""

    source: str
    target: str
    kind: str
    label: tuple[str, ...] = ()
    notes: tuple[int, ...] = ()
    weight: int = 1

    def marks(self) -> str:
        """The footnote calls: ``[1][3]``; three or more in a row as a range, ``[10–14]``.

        >>> Edge("a", "b", "admission", notes=(1, 3, 10, 11, 12, 13, 14)).marks()
        '[1][3][10–14]'
        """
        runs: list[list[int]] = []
        for n in self.notes:
            if runs and n == runs[-1][-1] + 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        return "".join(f"[{r[0]}–{r[-1]}]" if len(r) > 2 else "".join(f"[{n}]" for n in r) for r in runs)


@dataclass(frozen=True)
class Cluster:
    """A group of nodes drawn in one box (a degree, a chapter, an act); ``short`` names it
    where room is scarce (the label when empty)."""

    id: str
    label: str
    order: int = 0
    short: str = ""


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str


class Footnotes:
    """Numbers texts in order of first use; the same text keeps its number.

    Texts that say the same thing share one note: the comparison ignores case, accents,
    punctuation, the circular's markup, the lines cited in parentheses (the same words at
    other lines are one note, which lists those lines too) and a preposition repeated after
    "et"/"ou" ("dans la même section et dans la même orientation" says no more than "dans la
    même section et la même orientation"). The first wording is the one printed.

    >>> notes = Footnotes()
    >>> notes.number("dans la même section et la même orientation d'études")
    1
    >>> notes.number("dans la même section et dans la même orientation d'études")
    1
    >>> notes.number("dans la même section ou dans une autre orientation"), notes.number("en 6^{ème} année")
    (2, 3)
    >>> [f.text for f in notes.items()][2]
    'en 6ème année'
    >>> notes.number("être majeur (l. 817-821)"), notes.number("être majeur (l. 857-861)")
    (4, 4)
    >>> notes.items()[3].text
    'être majeur (l. 817-821) — mêmes termes : l. 857-861'
    """

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._texts: dict[int, str] = {}
        self._also: dict[int, list[str]] = {}

    def number(self, text: str) -> int:
        text = clean_markup(text)
        key = note_key(_LINES.sub("", text))
        if key not in self._numbers:
            self._numbers[key] = len(self._numbers) + 1
            self._texts[self._numbers[key]] = text
        n = self._numbers[key]
        also = self._also.setdefault(n, [])
        also += [ref for ref in _LINES.findall(text) if ref not in self._texts[n] and ref not in also]
        return n

    def items(self) -> list[Footnote]:
        return [Footnote(n, t + (f" — mêmes termes : l. {', '.join(self._also[n])}" if self._also.get(n) else ""))
                for n, t in self._texts.items()]


#: A reference to the circular's lines, as conditions cite them: "(l. 811)", "(l. 817-821)".
_LINES = re.compile(r" ?\(l\. (\d+(?:-\d+)?)\)")


_PREPOSITIONS = ("dans", "de", "du", "des", "en", "a", "au", "aux", "pour", "par", "sur", "avec")


def note_key(text: str) -> str:
    """What two notes must share to be one note (see :class:`Footnotes`).

    >>> note_key("Dans la même section et dans la même orientation.")
    'dans la meme section et la meme orientation'
    >>> note_key("avoir 16 ans et dans une école")   # "dans" is not repeated: kept
    'avoir 16 ans et dans une ecole'
    """
    key = fold(text)

    def drop(m: re.Match) -> str:
        before = key[:m.start()].split()
        return m[1] + " " if m[2] in before else m[0]

    return re.sub(rf"\b(et|ou) ({'|'.join(_PREPOSITIONS)}) ", drop, key)


@dataclass
class Figure:
    """A whole figure. Lists are put in canonical order on creation."""

    title: str
    subtitle: str = ""
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    caption: list[str] = field(default_factory=list)
    source: str = SOURCE
    notes_title: str = "Notes"
    spacing: tuple[float, float] = (0.45, 0.5)   # inches between boxes of a column, between columns
    #: Two ordered columns (sources left, targets right, clusters as headings, each edge's
    #: label at its start) instead of Graphviz's own placement: for the citations.
    columns: bool = False
    #: What the clusters are, for ``--split`` (``degree``, ``chapter``); empty: not split.
    split_by: str = ""

    def __post_init__(self) -> None:
        self.clusters = sorted(self.clusters, key=lambda c: (c.order, c.id))
        rank = {c.id: i for i, c in enumerate(self.clusters)}
        self.nodes = sorted(self.nodes, key=lambda n: (rank.get(n.group, len(rank)), n.order, n.id))
        self.edges = sorted(self.edges, key=lambda e: (e.source, e.target, e.kind))
        self.footnotes = sorted(self.footnotes, key=lambda f: f.number)

    def members(self, cluster: str | None) -> list[Node]:
        """The nodes of a cluster (``None``: the nodes outside every cluster)."""
        return [n for n in self.nodes if n.group == cluster]

    def key(self) -> list[str]:
        """``NAME : French label`` for each node that has one (context nodes aside), once:
        what a caption lists when the boxes show only their names.

        >>> Figure("t", nodes=[Node("year:5P", "year", "5P", "5e année"), Node("title:X", "title", "X")]).key()
        ['5P : 5e année']
        """
        out: dict[str, str] = {}
        for n in self.nodes:
            if n.detail and n.kind != "context":
                out.setdefault(n.label, f"{n.label} : {n.detail}")
        return list(out.values())

    def notes(self, key: bool = False) -> list[Footnote]:
        """The notes to print. With ``key`` (boxes that show only their names, arrows whose
        only label is their calls drawn bare), each note names the passages that call it.

        >>> fig = Figure("t", nodes=[Node("a", "year", "3P"), Node("b", "year", "4P")],
        ...              edges=[Edge("a", "b", "admission", notes=(1,))], footnotes=[Footnote(1, "D. 1991, art. 8")])
        >>> [f.text for f in fig.notes(key=True)]
        ['D. 1991, art. 8 — 3P → 4P']
        """
        if not key:
            return self.footnotes
        names = {n.id: n.label for n in self.nodes}
        passages: dict[int, list[str]] = {}
        for e in self.edges:
            if not e.label:
                for n in e.notes:
                    passages.setdefault(n, []).append(f"{names[e.source]} → {names[e.target]}")
        return [Footnote(f.number, f.text + (" — " + ", ".join(passages[f.number]) if f.number in passages else ""))
                for f in self.footnotes]

    def legend(self) -> list[tuple[str, str]]:
        """The (element, kind) pairs the figure uses, in legend order."""
        nodes = {n.kind for n in self.nodes}
        edges = {e.kind for e in self.edges}
        return ([("node", k) for k in NODE_KINDS if k in nodes]
                + [("edge", k) for k in EDGE_KINDS if k in edges])


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters (words are not cut).

    >>> wrap("5e année de l'enseignement professionnel", 20)
    ['5e année de', "l'enseignement", 'professionnel']
    """
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or ([text] if text else [])


_LATIN = ("", "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")


def natural_key(text: str | None) -> tuple:
    """Sort key in legal order: ``2`` before ``10``, ``2bis`` before ``2ter`` before ``3``.

    >>> sorted(["10", "2ter", "2", "2bis", "2quinquies", "2quater"], key=natural_key)
    ['2', '2bis', '2ter', '2quater', '2quinquies', '10']
    >>> sorted(["9ter", "9", "10", "11", "9bis", "5", "4", "2quater"], key=natural_key)
    ['2quater', '4', '5', '9', '9bis', '9ter', '10', '11']
    """
    m = re.match(r"^(\d+)([a-z]*)(.*)$", text or "")
    if not m:
        return (1, 0, 0, text or "")
    suffix = _LATIN.index(m[2]) if m[2] in _LATIN else len(_LATIN)
    return (0, int(m[1]), suffix, m[2] + m[3])


def safe_ids(figure: Figure) -> dict[str, str]:
    """An identifier made of letters, digits and ``_`` for each node (for DOT and Mermaid).

    >>> safe_ids(Figure("t", nodes=[Node("year:5P", "year", "5P"), Node("year_5P", "year", "x")]))
    {'year:5P': 'year_5P', 'year_5P': 'year_5P_2'}
    """
    out: dict[str, str] = {}
    used: set[str] = set()
    for node in figure.nodes:
        base = re.sub(r"\W", "_", node.id, flags=re.ASCII)
        base = base if base[:1].isalpha() else f"n_{base}"
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}_{n}"
        used.add(candidate)
        out[node.id] = candidate
    return out
