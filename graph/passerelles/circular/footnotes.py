"""The footnotes of the circular: number, text, own lines and anchors in the body.

The converted PDF puts each note on a line of its own near the page break where it was
anchored, numbered with superscript digits (``⁴² Décret …``) or plain digits (``1 Décret …``).
Some notes are split: the number alone on a line and the text a few lines later
(``³²`` … ``Ibidem, art. 2bis, §4.``), or the text cut at a page break and continued after
the next body paragraph (note 126). Notes are numbered 1, 2, 3, … in reading order, so the
scan looks for the next expected number only: that is what keeps table rows and body lines
that start with a number from being taken for notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .superscripts import SUPERSCRIPT_DIGITS, SUPERSCRIPT_RUN, superscript_to_int

_TO_SUPER = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
# Words a note cut at a page break ends on (it cannot end a sentence).
_DANGLING = {"de", "du", "des", "la", "le", "les", "l'", "et", "en", "à", "aux", "au", "par", "pour", "sur", "dans"}
_TERMINAL = tuple(".;:!?»)")
#: How far after a note its continuation or its delayed text may stand.
_WINDOW = 40


@dataclass(frozen=True)
class Footnote:
    """One footnote of the circular."""

    number: int
    text: str                    # the note's text, markup kept, number removed, parts joined by a space
    lines: tuple[int, ...]       # the note's own lines (1-based), number line included
    anchors: tuple[int, ...] = field(default=())   # body lines carrying the anchor

    @property
    def line(self) -> int:
        """The first line of the note."""
        return self.lines[0]


def _note_start(line: str, number: int) -> str | None:
    """If ``line`` starts note ``number``, the rest of the line (possibly empty), else None."""
    stripped = line.strip()
    for form in (str(number).translate(_TO_SUPER), str(number)):
        if stripped == form:
            return ""
        if stripped.startswith(form):
            rest = stripped[len(form):]
            # the number must stand alone: "125 2 arrêtés" yes, "1252" or "2. Le CEFA" or "12\t" no
            if rest[:1] in (" ", "\u00a0") and rest.strip() and not rest.lstrip()[:1] in "°":
                if form.isdigit() and "\t" in rest:
                    return None
                return rest.strip()
    return None


def parse_footnotes(lines: list[str], body_start: int = 1) -> list[Footnote]:
    """Find the footnotes, in order, from line ``body_start`` on.

    Parameters
    ----------
    lines : list of str
        The document's lines (``lines[0]`` is line 1).
    body_start : int
        First line to scan (the table of contents is skipped).

    Returns
    -------
    list of Footnote
        Notes 1, 2, 3, … as far as the numbering goes on.

    Examples
    --------
    >>> notes = parse_footnotes(["Texte¹ et suite².", "", "1 Décret du 3 juillet 1991, art. 2.", "² Ibidem."])
    >>> [(n.number, n.text, n.lines, n.anchors) for n in notes]
    [(1, 'Décret du 3 juillet 1991, art. 2.', (3,), (1,)), (2, 'Ibidem.', (4,), (1,))]
    """
    notes: list[Footnote] = []
    note_lines: set[int] = set()
    expected = 1
    i = body_start - 1
    while i < len(lines):
        rest = _note_start(lines[i], expected)
        if rest is None:
            i += 1
            continue
        own = [i + 1]
        text = rest
        if not text:  # number alone: the text is the next non-empty line
            j = i + 1
            while j < len(lines) and j < i + 4 and not lines[j].strip():
                j += 1
            if j < len(lines) and j < i + 4:
                own.append(j + 1)
                text = lines[j].strip()
                i = j
        notes.append(Footnote(expected, text, tuple(own)))
        note_lines.update(own)
        expected += 1
        i += 1
    notes = [_join_continuation(n, lines, note_lines) for n in notes]
    return _attach_anchors(notes, lines, note_lines, body_start)


def _join_continuation(note: Footnote, lines: list[str], note_lines: set[int]) -> Footnote:
    """Join the continuation of a note cut mid-sentence at a page break."""
    words = note.text.split()
    if not words or note.text.endswith(_TERMINAL) or words[-1].lower() not in _DANGLING:
        return note
    previous = ""
    for n in range(note.lines[-1] + 1, min(note.lines[-1] + _WINDOW, len(lines)) + 1):
        candidate = lines[n - 1].strip()
        if not candidate or n in note_lines:
            continue
        # The continuation starts in lower case right after a finished body paragraph.
        if candidate[:1].islower() and previous.endswith(_TERMINAL):
            note_lines.add(n)
            return Footnote(note.number, f"{note.text} {candidate}", note.lines + (n,))
        previous = candidate
    return note


def _attach_anchors(notes: list[Footnote], lines: list[str], note_lines: set[int],
                    body_start: int) -> list[Footnote]:
    """Find each note's anchor(s): superscript runs with its number in body lines.

    An anchor stands after the previous note's anchor and before the note itself (notes
    sit at the foot of the page that anchors them); an anchor may be written several
    times in that stretch.
    """
    runs: dict[int, list[int]] = {}
    for n in range(body_start, len(lines) + 1):
        if n in note_lines:
            continue
        for m in SUPERSCRIPT_RUN.finditer(lines[n - 1]):
            runs.setdefault(superscript_to_int(m.group()), []).append(n)
    out = []
    floor = body_start
    for note in notes:
        found = tuple(n for n in runs.get(note.number, []) if floor <= n < note.line)
        if found:
            floor = found[0]
        out.append(Footnote(note.number, note.text, note.lines, found))
    return out


_MARKUP = re.compile(r"\s+")


def note_plain_text(note: Footnote) -> str:
    """The note's text with white space folded (for display)."""
    return _MARKUP.sub(" ", note.text).strip()
