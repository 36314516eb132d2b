"""The CPU tables of chapter III, VII: which options moved to the CPU regime, and when.

Five tables, each a ``kind`` of :class:`CPUTransformation`:

- ``article45``: article 45 formations organised only in CPU since 1/09/2017 (labels only);
- ``7e``: 7th years organised only in CPU since 1/09/2017 (labels only);
- ``4-5-6``: the new "CPU 4-5-6" option (code) replacing the current one (code), with the
  study years each is organised in during 2019-2020;
- ``entry``: options (2nd/3rd degree, then 7th years) entering CPU from 2019-2020.

The first two tables give no codes: :func:`resolve_codes` looks the new label up in the
repertories (same list family, same sector, same words) and records the line it matched.
An old label is never matched: an old formation's code is not in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..errors import CorpusError
from ..text import clean_markup, fold
from .options import Listing, school_year

KINDS = ("article45", "7e", "4-5-6", "entry")


@dataclass(frozen=True)
class CPUTransformation:
    """One row of a CPU table."""

    kind: str
    line: int
    new_label: str
    since: str                        # first school year of the CPU option
    since_line: int                   # the line that gives it
    new_code: str | None = None
    old_label: str | None = None      # None: a new option, or an option entering CPU as it is
    old_code: str | None = None
    sector: int | None = None
    form: str | None = None           # TQ | P
    degree: str | None = None         # "7" for 7th years
    school_year: str | None = None    # the year the study years below refer to
    new_study_years: tuple[str, ...] = ()
    old_study_years: tuple[str, ...] = ()
    old_marks: tuple[str, ...] = ()   # "(CPU)" on the old option: already in CPU (5-6)
    access: str | None = None         # 7th years entering CPU: the class, normalised
    access_as_written: str | None = None
    note: str | None = None
    matched_line: int | None = None   # repertory line of the code, when the table gives none


_SINCE_DATE = re.compile(r"[Dd]epuis le (\d{1,2})(?:er)?[ /](\d{2}|septembre)[ /](\d{4})")
_ENTRY_YEAR = re.compile(r"à partir de l'année scolaire (\d{4}-\d{4})")
_STUDY_YEARS = re.compile(r"(\d)\^\{ème\}")
_OLD = re.compile(r"^Transformation de (?:l'\s*)?«\s*(.*?)\s*»?$")
_FORM_PAREN = re.compile(r"\s*\((P|TQ|CPU|voir note importante ci-après)\)\s*$")
_SEVENTH_YEAR = re.compile(r"^7\s*(TQ|P|PB)$")


def _since(line: str) -> str | None:
    """The school year a "depuis le …" date opens.

    >>> _since("Depuis le 1er septembre 2018 ¹²⁶, la certification")
    '2018-2019'
    >>> _since("Formations organisées **uniquement** en CPU depuis le 1/09/2017¹²⁵")
    '2017-2018'
    """
    m = _SINCE_DATE.search(clean_markup(line).replace("**", ""))
    if not m:
        return None
    month = 9 if m[2] == "septembre" else int(m[2])
    year = int(m[3])
    # A school year begins on 1 September; "depuis le 1/09/2017" opens 2017-2018.
    return school_year(year if month >= 9 else year - 1)


def _strip_parens(label: str) -> tuple[str, str | None, tuple[str, ...]]:
    """A CPU-table label without its trailing ``(P)``/``(TQ)``/``(CPU)``/note parentheses.

    >>> _strip_parens("Maçon / Maçonne (P) (voir note importante ci-après)")
    ('Maçon / Maçonne', 'P', ())
    >>> _strip_parens("Coiffeur / Coiffeuse (P) (CPU)")
    ('Coiffeur / Coiffeuse', 'P', ('CPU',))
    """
    form, marks = None, []
    while m := _FORM_PAREN.search(label):
        if m[1] in ("P", "TQ"):
            form = m[1]
        elif m[1] == "CPU":
            marks.insert(0, "CPU")
        label = label[:m.start()]
    return label.strip(), form, tuple(marks)


def parse_cpu(lines: list[str], first: int, last: int) -> list[CPUTransformation]:
    """Read every CPU table between lines ``first`` and ``last`` (chapter III, VII).

    Parameters
    ----------
    lines : list of str
        The circular's lines.
    first, last : int
        The span of chapter III, VII.

    Returns
    -------
    list of CPUTransformation
        In reading order; codes the tables do not give are None.

    Examples
    --------
    >>> from passerelles.corpus import load_corpus
    >>> from passerelles.catalogue import find_sections
    >>> doc = load_corpus().circular
    >>> rows = parse_cpu(doc.lines, *find_sections(doc.lines)["cpu"])
    >>> [(t.old_code, t.new_code, t.since, t.new_study_years) for t in rows if t.new_code == "2115"]
    [('2112', '2115', '2018-2019', ('4e', '5e')), ('2113', '2115', '2018-2019', ('4e', '5e'))]
    >>> [(t.kind, t.new_code, t.access, t.access_as_written) for t in rows if t.degree == "7" and t.new_code]
    [('entry', '3137', 'S-O', 'SO'), ('entry', '4130', 'L', 'L')]
    """
    out: list[CPUTransformation] = []
    since = since_line = None
    table: dict | None = None
    caption, caption_line = "", first
    for n in range(first, last + 1):
        line = lines[n - 1]
        if (year := _since(line)) is not None:
            since, since_line = year, n
        if not line.strip():
            table = None
            continue
        cells = [c.strip() for c in line.split("\t")]
        if table is not None:
            out.append(_row(table, cells, n, out))
        elif (table := _table_of(cells, caption, caption_line, since, since_line)) is None:
            caption, caption_line = line, n
    return out


def _table_of(cells: list[str], caption: str, caption_line: int, since: str | None,
              since_line: int | None) -> dict | None:
    """Recognise a CPU table by its header row; None when ``cells`` is no header."""
    header = "|".join(cells)
    if header.startswith("Secteur|Intitulé de l'OBG (CPU)|Ancien intitulé"):
        kind = "article45"
    elif header.startswith("Secteur|Année|Intitulé de l'OBG (CPU)|Ancien intitulé"):
        kind = "7e"
    elif header.startswith("Nouvelle OBG CPU"):
        kind = "4-5-6"
    elif header.startswith("|Code|Intitulé|"):
        kind = "entry"
    else:
        return None
    table = {"kind": kind, "since": since, "since_line": since_line}
    if kind == "entry":
        m = _ENTRY_YEAR.search(caption)
        if not m:
            raise CorpusError(f"circular line {caption_line}: CPU table without its school year")
        table.update(since=m[1], since_line=caption_line, seventh="7^e année" in caption)
    elif kind == "4-5-6":
        # Caption: "OBG qui doivent être organisées en 4e et 5e années en 2019-2020 ⇥ ⇥
        # OBG qui resteront organisées en - 6e années et 7e année en 2019-2020".
        new, _, old = caption.partition("\t")
        year = re.search(r"(\d{4}-\d{4})", new)
        table.update(school_year=year[1] if year else None,
                     new_years=tuple(f"{d}e" for d in _STUDY_YEARS.findall(new)),
                     old_years=tuple(f"{d}e" for d in _STUDY_YEARS.findall(old)))
    if table["since"] is None:
        raise CorpusError(f"circular line {caption_line}: CPU table without a starting date")
    return table


def _row(table: dict, cells: list[str], n: int, done: list[CPUTransformation]) -> CPUTransformation:
    """One row of a CPU table, read the way its kind of table writes it."""
    common = dict(kind=table["kind"], line=n, since=table["since"], since_line=table["since_line"])
    reader = {"article45": _labels_row, "7e": _labels_row, "4-5-6": _codes_row, "entry": _entry_row}[table["kind"]]
    return reader(table, (cells + [""] * 4)[:max(4, len(cells))], n, done, common)


def _seventh_form(cell: str, n: int) -> str:
    """The form of a 7th-year cell (``7 TQ``, ``7 P``, ``7PB``)."""
    m = _SEVENTH_YEAR.match(cell)
    if not m:
        raise CorpusError(f"circular line {n}: unexpected year cell {cell!r}")
    return "TQ" if m[1] == "TQ" else "P"


def _labels_row(table: dict, cells: list[str], n: int, done, common: dict) -> CPUTransformation:
    # Secteur ⇥ [Année ⇥] Intitulé de l'OBG (CPU) ⇥ Ancien intitulé (or "Nouvelle option")
    sector, *rest = cells
    degree = form = None
    if table["kind"] == "7e":
        degree, form = "7", _seventh_form(rest.pop(0), n)
    new, old = rest[0], rest[1]
    old_match = _OLD.match(old)
    return CPUTransformation(**common, new_label=new, old_label=old_match[1] if old_match else None,
                             sector=int(sector), form=form, degree=degree, note=None if old_match else old or None)


def _codes_row(table: dict, cells: list[str], n: int, done, common: dict) -> CPUTransformation:
    # Nouvelle OBG CPU ⇥ code ⇥ OBG actuelle ⇥ code; an empty new cell repeats the row above.
    new, new_code, old, old_code = cells[:4]
    if not new and done:
        new, new_code, form = done[-1].new_label, done[-1].new_code, done[-1].form
    else:
        new, form, _ = _strip_parens(new)
    old, old_form, old_marks = _strip_parens(old)
    return CPUTransformation(**common, new_label=new, new_code=new_code, old_label=old, old_code=old_code,
                             form=form or old_form, school_year=table["school_year"],
                             new_study_years=table["new_years"], old_study_years=table["old_years"],
                             old_marks=old_marks)


def _entry_row(table: dict, cells: list[str], n: int, done, common: dict) -> CPUTransformation:
    # TQ ⇥ code ⇥ intitulé ⇥ remark, or 7PB ⇥ code ⇥ intitulé ⇥ access class (written "SO").
    first, code, label, last = cells[:4]
    if table["seventh"]:
        return CPUTransformation(**common, new_label=label, new_code=code, form=_seventh_form(first, n), degree="7",
                                 access={"SO": "S-O"}.get(last, last), access_as_written=last)
    return CPUTransformation(**common, new_label=label, new_code=code, form=first, note=last or None)


def resolve_codes(rows: list[CPUTransformation], listings: list[Listing]) -> list[CPUTransformation]:
    """Give the code-less rows (article 45, 7th years) the code of the listing they name.

    A row is matched when exactly one listing of its list family and sector has the same
    label, case, accents, spaces and punctuation aside (the (CPU) mark is already stripped
    from listing labels).

    Parameters
    ----------
    rows : list of CPUTransformation
        As :func:`parse_cpu` returns them.
    listings : list of Listing
        Every listing of the repertories.

    Returns
    -------
    list of CPUTransformation
        The same rows, ``new_code`` and ``matched_line`` filled where a single match exists.

    Examples
    --------
    >>> li = Listing("3226", "Charpentier/Charpentière", "7e-qualifiante", "P", "7", 3, (), 2179, 2166)
    >>> row = CPUTransformation("7e", 1350, "Charpentier / Charpentière", "2017-2018", 1333, sector=3)
    >>> [(r.new_code, r.matched_line) for r in resolve_codes([row], [li])]
    [('3226', 2179)]
    """
    family = {"article45": ("article45",), "7e": ("7e-qualifiante", "7e-complementaire")}
    out = []
    for row in rows:
        if row.new_code or row.kind not in family:
            out.append(row)
            continue
        hits = {li.code: li.line for li in listings
                if li.list in family[row.kind] and li.sector == row.sector and fold(li.label) == fold(row.new_label)}
        if len(hits) == 1:
            (code, line), = hits.items()
            row = replace(row, new_code=code, matched_line=line)
        out.append(row)
    return out
