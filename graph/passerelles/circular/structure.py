"""The circular's structure: chapters (I–VIII), sections, numbered subsections and annexes.

Headings are read from the body, which begins at the letter's salutation ("Madame,
Monsieur,"): the table of contents before it is not the body. Each division gets the line
span from its heading to the line before the next heading of the same or a higher level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import clean_markup
from .superscripts import strip_superscripts

_BODY_START = re.compile(r"^Madame, Monsieur,")
_CHAPTER = re.compile(r"^CHAPITRE ([IVX]+) : (.+)$")
_SECTION = re.compile(r"^([IVX]+)\. (.+)$")
_SUBSECTION = re.compile(r"^(\d{1,2})\. (\S.*)$")
_SUBSUBSECTION = re.compile(r"^(\d{1,2})\.(\d{1,2})\. (\S.*)$")
_ANNEX = re.compile(r"^ANNEXE ([IVX]+)\b\s*(?:-\s*(.+))?$")
# A numbered line is a heading, not a list item, when it is short and ends no sentence.
_MAX_HEADING = 220


@dataclass(frozen=True)
class Division:
    """A heading of the circular and the lines it spans."""

    kind: str            # introduction | chapter | section | subsection | annex
    number: str          # "II", "2", "2.1", "III" …
    heading: str         # as written, footnote anchors removed
    first_line: int
    last_line: int
    path: str            # e.g. "II/II/2.1" (chapter/section/subsection), "annexe/III"
    level: int           # 0 introduction and annexes' parent, 1 chapter, 2 section, 3+ subsections

    @property
    def id(self) -> str:
        """A stable id, e.g. ``chap-II__sec-II__sub-2.1`` or ``annexe-III``."""
        return self.path


def body_start(lines: list[str]) -> int:
    """The first line of the body (the salutation after the table of contents).

    >>> body_start(["Table", "CHAPITRE I : X . 9", "Madame, Monsieur,", "Texte"])
    3
    """
    for n, line in enumerate(lines, 1):
        if _BODY_START.match(line):
            return n
    return 1


def _is_heading_text(text: str) -> bool:
    text = strip_superscripts(text).strip()
    return len(text) <= _MAX_HEADING and not text.endswith((".", ";", ":", ",")) and "\t" not in text


def parse_structure(lines: list[str]) -> list[Division]:
    """The divisions of the circular, in reading order.

    Parameters
    ----------
    lines : list of str
        The document's lines.

    Returns
    -------
    list of Division
        The introduction (the letter before chapter I), chapters, sections, subsections
        and annexes, each with its line span.

    Examples
    --------
    >>> doc = ["Sommaire", "Madame, Monsieur,", "Lettre.", "CHAPITRE I : STRUCTURE",
    ...        "I. CENTRE", "1. Le CEFA¹", "Texte.", "II. AUTRE", "ANNEXE I", "Modèle"]
    >>> [(d.path, d.first_line, d.last_line) for d in parse_structure(doc)]
    [('introduction', 2, 3), ('chap-I', 4, 8), ('chap-I__sec-I', 5, 7), ('chap-I__sec-I__sub-1', 6, 7), ('chap-I__sec-II', 8, 8), ('annexe-I', 9, 10)]
    """
    start = body_start(lines)
    heads: list[tuple[int, str, str, str, int]] = []  # (line, kind, number, heading, level)
    seen_annexes: set[str] = set()
    numbering: list[int] = []  # last number at each nesting depth of "1." headings
    in_annexes = False
    for n in range(start, len(lines) + 1):
        line = lines[n - 1].rstrip()
        if _SECTION.match(line) or _CHAPTER.match(line):
            numbering.clear()
        if m := _CHAPTER.match(line):
            heads.append((n, "chapter", m[1], m[2].strip(), 1))
        elif m := _ANNEX.match(line):
            in_annexes = True
            if m[1] not in seen_annexes:  # "ANNEXE I" is repeated as a page header
                seen_annexes.add(m[1])
                heads.append((n, "annex", m[1], (m[2] or f"Annexe {m[1]}").strip(), 1))
        elif in_annexes or not heads:
            continue
        elif (m := _SECTION.match(line)) and _is_heading_text(m[2]):
            heads.append((n, "section", m[1], m[2], 2))
        elif (m := _SUBSUBSECTION.match(line)) and _is_heading_text(m[3]):
            heads.append((n, "subsection", f"{m[1]}.{m[2]}", m[3], 3 + len(numbering)))
        elif (m := _SUBSECTION.match(line)) and _is_heading_text(m[2]):
            heads.append((n, "subsection", m[1], m[2], _numbered_level(numbering, heads, int(m[1]))))
    divisions = []
    if heads and heads[0][0] > start:
        divisions.append(Division("introduction", "", "Introduction (lettre du Directeur général)",
                                  start, heads[0][0] - 1, "introduction", 0))
    stack: list[tuple[int, str]] = []  # (level, path segment)
    for i, (n, kind, number, heading, level) in enumerate(heads):
        last = len(lines)
        for later in heads[i + 1:]:
            if later[4] <= level:
                last = later[0] - 1
                break
        while stack and stack[-1][0] >= level:
            stack.pop()
        segment = {"chapter": "chap", "section": "sec", "subsection": "sub", "annex": "annexe"}[kind]
        stack.append((level, f"{segment}-{number}"))
        path = "__".join(s for _, s in stack)
        divisions.append(Division(kind, number, clean_markup(strip_superscripts(heading)), n,
                                  _trim(lines, n, last), path, level))
    return divisions


def _numbered_level(numbering: list[int], heads: list, number: int) -> int:
    """Level of a "N." heading: a list that restarts at 1 inside a subsection nests in it.

    The innermost sequence is continued first (``1, 2, 3``); a ``1`` opens a nested one;
    otherwise the number resumes an outer sequence (chapter II, V: "1. Fréquentation" holds
    "1. Dépassement …" to "3. Transmission …", then "2. Exclusion" resumes).
    """
    if numbering and number == numbering[-1] + 1:
        numbering[-1] = number
    elif number == 1 and numbering:
        numbering.append(1)
    else:
        while len(numbering) > 1 and number != numbering[-1] + 1:
            numbering.pop()
        if numbering:
            numbering[-1] = number
        else:
            numbering.append(number)
    return 2 + len(numbering)


def _trim(lines: list[str], first: int, last: int) -> int:
    """Drop trailing blank lines from a span."""
    while last > first and not lines[last - 1].strip():
        last -= 1
    return last


def division_at(divisions: list[Division], line: int) -> Division | None:
    """The deepest division that contains ``line``."""
    best = None
    for d in divisions:
        if d.first_line <= line <= d.last_line and (best is None or d.level >= best.level):
            best = d
    return best
