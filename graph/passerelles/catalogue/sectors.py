"""The table of sectors and groups (chapter VI, V) and the groups the text states for an option.

The table lists each sector with its groups on one row (``2. Industrie⇥21. Electricité
22. Electronique …``). A group label may carry a footnote anchor (``29. Logistique et
transport ¹⁸⁴``): note 184 is the one place where the circular names an option inside a
group, so it is kept as a :class:`StatedGroup`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..circular.footnotes import parse_footnotes
from ..circular.structure import body_start
from ..circular.superscripts import SUPERSCRIPT_RUN, superscript_to_int
from ..errors import CorpusError
from ..text import clean_markup


@dataclass(frozen=True)
class Sector:
    """A sector of the table: number and French label as written."""

    number: int
    label: str
    line: int


@dataclass(frozen=True)
class Group:
    """A group of the table, inside its sector."""

    number: int
    label: str
    sector: int
    line: int
    note: int | None = None   # footnote anchored on the group label


@dataclass(frozen=True)
class StatedGroup:
    """An option the text places in a group, by label (the text gives no code).

    ``codes`` are the catalogue options whose label has the same words (filled by
    :func:`passerelles.catalogue.load_catalogue`).
    """

    group: int
    option_label: str
    line: int
    codes: tuple[str, ...] = ()


_HEADER = re.compile(r"^<u>Secteurs</u>\t<u>Groupes</u>$")
_SECTOR = re.compile(r"^(\d{1,2})\. (.+)$")
_GROUP = re.compile(r"(\d{2,3})\. (.+?)\s*(?=\d{2,3}\. |$)")
_QUOTED = re.compile(r"«\s*(.+?)\s*»")


def parse_sectors(lines: list[str], first: int, last: int) -> tuple[tuple[Sector, ...], tuple[Group, ...]]:
    """Read the table of sectors and groups found between lines ``first`` and ``last``.

    Parameters
    ----------
    lines : list of str
        The circular's lines.
    first, last : int
        The span of chapter VI, V (1-based, inclusive).

    Returns
    -------
    tuple
        The sectors and the groups, in the table's order.

    Examples
    --------
    >>> from passerelles.corpus import load_corpus
    >>> from passerelles.catalogue import find_sections
    >>> doc = load_corpus().circular
    >>> sectors, groups = parse_sectors(doc.lines, *find_sections(doc.lines)["sectors"])
    >>> len(sectors), len(groups)
    (10, 43)
    >>> [(g.number, g.label, g.sector, g.note) for g in groups if g.sector == 2][-2:]
    [(28, 'Froid – chaud', 2, None), (29, 'Logistique et transport', 2, 184)]
    """
    sectors: list[Sector] = []
    groups: list[Group] = []
    in_table = False
    for n in range(first, last + 1):
        line = lines[n - 1]
        if _HEADER.match(line):
            in_table = True
            continue
        if not in_table:
            continue
        if not line.strip():
            break
        left, _, right = line.partition("\t")
        m = _SECTOR.match(left.strip())
        if not m:
            raise CorpusError(f"line {n}: not a row of the table of sectors and groups")
        sector = int(m[1])
        sectors.append(Sector(sector, m[2].strip(), n))
        for g in _GROUP.finditer(right.strip()):
            label, note = g[2], None
            if anchor := SUPERSCRIPT_RUN.search(label):
                note = superscript_to_int(anchor.group())
                label = label[:anchor.start()].strip()
            groups.append(Group(int(g[1]), label, sector, n, note))
    if not sectors:
        raise CorpusError(f"lines {first}-{last}: the table of sectors and groups was not found")
    return tuple(sectors), tuple(groups)


def stated_groups(lines: list[str], groups: tuple[Group, ...]) -> tuple[StatedGroup, ...]:
    """The options a footnote of the table places in a group (« … » quoted in the note).

    Parameters
    ----------
    lines : list of str
        The circular's lines.
    groups : tuple of Group
        The groups of the table.

    Returns
    -------
    tuple of StatedGroup
        One per quoted option label, ``codes`` still empty.

    Examples
    --------
    >>> from passerelles.corpus import load_corpus
    >>> from passerelles.catalogue import find_sections
    >>> doc = load_corpus().circular
    >>> _, groups = parse_sectors(doc.lines, *find_sections(doc.lines)["sectors"])
    >>> stated_groups(doc.lines, groups)
    (StatedGroup(group=29, option_label='Gestionnaire en transport et logistique', line=2323, codes=()),)
    """
    wanted = {g.note: g for g in groups if g.note is not None}
    if not wanted:
        return ()
    out = []
    for note in parse_footnotes(lines, body_start(lines)):
        if note.number in wanted:
            for label in _QUOTED.findall(note.text):
                out.append(StatedGroup(wanted[note.number].number, clean_markup(label), note.line))
    return tuple(out)


def group_of(groups: tuple[Group, ...], number: int) -> Group | None:
    """The group numbered ``number``, if the table has it.

    >>> group_of((Group(21, "Electricité", 2, 1),), 21).label
    'Electricité'
    >>> group_of((), 21) is None
    True
    """
    return next((g for g in groups if g.number == number), None)
