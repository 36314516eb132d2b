"""The body's paragraphs: a paragraph's lines joined across page breaks and the notes between.

The converted PDF cuts a paragraph where the page ends and puts that page's notes in
between: line 1287 ends "… de la loi-programme du 10 février 1998 pour la" and the sentence
goes on at line 1303 "promotion de l'entreprise indépendante tel qu'il a été modifié par
l'arrêté royal du 7 juin 2007." A body line continues the previous paragraph when that
one ends on no closing punctuation and either ends on a word no sentence ends on ("la",
"de", "par" …) or the line starts in lower case. Table rows (tab-separated) and list items
stand alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from .superscripts import strip_superscripts

_TERMINAL = tuple(".;:!?»)")
_DANGLING = {"de", "du", "des", "la", "le", "les", "l'", "et", "en", "à", "aux", "au", "par", "pour", "sur",
             "dans", "un", "une", "d'", "qui", "que"}
_ITEM = ("-", "–", "•", "☞")
#: How far a paragraph may go on after a page break (the notes of a page stand between).
_WINDOW = 40


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the body: its lines (1-based) and their texts as in the file."""

    lines: tuple[int, ...]
    texts: tuple[str, ...]

    @property
    def line(self) -> int:
        """The paragraph's first line."""
        return self.lines[0]


def _open_end(text: str) -> bool:
    """Whether a line stops mid-sentence (no closing punctuation; headings in capitals never do)."""
    plain = strip_superscripts(text).strip()
    letters = [c for c in plain if c.isalpha()]
    heading = bool(letters) and sum(c.isupper() for c in letters) >= 0.6 * len(letters)
    return bool(plain) and not plain.endswith(_TERMINAL) and "\t" not in plain and not heading


def _continues(previous: str, line: str) -> bool:
    plain = line.strip()
    if not plain or plain.startswith(_ITEM) or "\t" in plain:
        return False
    last = strip_superscripts(previous).strip().split()[-1].lower()
    return plain[:1].islower() or last in _DANGLING


def body_paragraphs(lines: list[str], body_start: int, skip: set[int] = frozenset()) -> list[Paragraph]:
    """The body's non-empty lines grouped into paragraphs, in reading order.

    Parameters
    ----------
    lines : list of str
        The document's lines (``lines[0]`` is line 1).
    body_start : int
        The first line of the body.
    skip : set of int
        Lines that are not body text (the footnotes' own lines).

    Returns
    -------
    list of Paragraph
        Each body line belongs to exactly one paragraph.

    Examples
    --------
    >>> doc = ["Texte prévu par l'arrêté pour la", "", "¹ Ibidem.", "", "promotion de l'entreprise.", "Fin."]
    >>> [(p.lines) for p in body_paragraphs(doc, 1, {3})]
    [(1, 5), (6,)]
    >>> [p.lines for p in body_paragraphs(["Titre", "Un texte."], 1)]
    [(1,), (2,)]
    """
    out: list[Paragraph] = []
    used: set[int] = set()
    for n in range(body_start, len(lines) + 1):
        if n in skip or n in used or not lines[n - 1].strip():
            continue
        own = [n]
        current = n
        while _open_end(lines[current - 1]):
            nxt = next((k for k in range(current + 1, min(current + _WINDOW, len(lines)) + 1)
                        if k not in skip and lines[k - 1].strip()), None)
            if nxt is None or not _continues(lines[current - 1], lines[nxt - 1]):
                break
            own.append(nxt)
            current = nxt
        used.update(own)
        out.append(Paragraph(tuple(own), tuple(lines[k - 1] for k in own)))
    return out
