"""The repertories of options (chapter VI, IV): one :class:`Listing` per row and degree.

Five lists, each read from its own table:

- ``article45`` and ``urgence``: ``code⇥label`` rows under ``SECTEUR n « … »`` headings;
- ``article49``: a seven-column table per sector (form, D2, code, label, D3, code, label);
- ``7e-qualifiante`` and ``7e-complementaire``: ``code⇥7ème TQ|PB|T. label class⇥marks``.

Labels are kept as written, minus the marks the tables append (``R``, ``R ²``, ``NP``,
``(CPU)``, ``(uniquement en 6 ^e)``…), which become normalised :data:`MARKS`. Where a row's
layout is irregular (the converted PDF shifted its cells) the listing says why in
``anomalies`` rather than guessing silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import CorpusError
from ..text import fold

LISTS = ("article45", "urgence", "article49", "7e-qualifiante", "7e-complementaire")
FORMS = ("TQ", "P")
DEGREES = ("D2", "D3", "7")
ACCESS_CLASSES = ("L", "S-O", "O", "unknown")
#: Lists whose codes follow the FWB option coding (group = first two digits).
CODED_LISTS = ("article49", "7e-qualifiante", "7e-complementaire")

#: Normalised marks, in display order; the three last ones carry a value (prefix match).
MARKS = ("R", "R²", "NP", "SN", "RDQ", "CPU", "à titre expérimental", "uniquement en 6e",
         "uniquement pour les élèves qui y étaient déjà inscrits en ",
         "organisable pour la dernière fois en ", "supprimée au ")


@dataclass(frozen=True)
class Listing:
    """One appearance of an option in a repertory, for one degree."""

    code: str
    label: str                 # as written, marks stripped
    list: str                  # one of LISTS
    form: str                  # TQ | P
    degree: str | None         # D2 | D3 | 7; None where the repertory gives none
    sector: int
    marks: tuple[str, ...]
    line: int
    form_line: int             # the line that states the form
    access: str | None = None  # 7th years: L | S-O | O | unknown
    access_reason: str | None = None
    valid_until: str | None = None        # last school year the option may be organised
    new_pupils_until: str | None = None   # last school year new pupils may enrol
    replaced_by: str | None = None        # code named by "remplacée par l'OBG portant le code …"
    anomalies: tuple[str, ...] = ()       # irregular layout or marks, in words


def school_year(start: int) -> str:
    """The school year beginning in September of ``start``.

    >>> school_year(2019)
    '2019-2020'
    """
    return f"{start}-{start + 1}"


def _year(text: str) -> int:
    """A year written with two or four digits (``19`` → 2019)."""
    value = int(text)
    return value + 2000 if value < 100 else value


# ---------------------------------------------------------------------------- marks

_SUP = re.compile(r"\s?\^\{?(\w+)\}?")
_REGISTRY = re.compile(r"\s+(R2R ²|R ²|R|NP)$")
_PAREN = re.compile(r"\s*\(([^()]*)\)$")
_ACCESS = re.compile(r"\s+(L|S-O|O)$")
_SEVENTH_PREFIX = re.compile(r"^7 \^\{ème\} (TQ|PB|T\.)\s+")


@dataclass(frozen=True)
class _Marks:
    marks: tuple[str, ...] = ()
    valid_until: str | None = None
    new_pupils_until: str | None = None
    replaced_by: str | None = None
    anomalies: tuple[str, ...] = ()

    def __add__(self, other: "_Marks") -> "_Marks":
        return _Marks(self.marks + other.marks, self.valid_until or other.valid_until,
                      self.new_pupils_until or other.new_pupils_until,
                      self.replaced_by or other.replaced_by, self.anomalies + other.anomalies)


def _plain(text: str) -> str:
    """Superscripts joined to the preceding word: ``6 ^e`` → ``6e``."""
    return " ".join(_SUP.sub(r"\1", text).split())


def _paren_marks(text: str) -> _Marks | None:
    """The marks of one parenthesis, or None when it is part of the label (``(OPIA)``).

    >>> _paren_marks("RDQ- 4 ^e CPU - expérimental").marks
    ('RDQ', 'CPU', 'à titre expérimental')
    >>> _paren_marks("OBG supprimée au 1/09/19 et remplacée par l'OBG portant le code 2024")
    _Marks(marks=('supprimée au 1/09/19 et remplacée par 2024',), valid_until='2018-2019', new_pupils_until=None, replaced_by='2024', anomalies=())
    >>> _paren_marks("AFA") is None
    True
    """
    plain = _plain(text)
    experimental = ("à titre expérimental",) if "expérimental" in plain else ()
    if plain == "CPU":
        return _Marks(("CPU",))
    if plain.lower() == "uniquement en 6e":
        # The last 6th year of an option no longer organised in 4th and 5th year.
        return _Marks(("uniquement en 6e",))
    if plain.startswith("RDQ"):
        return _Marks(("RDQ", "CPU") + experimental)
    if re.fullmatch(r"D2 - 4e CPU - expérimental", plain):
        return _Marks(("CPU",) + experimental)
    if m := re.fullmatch(r"organisable pour la dernière fois en (\d{4})-(\d{4})", plain):
        return _Marks((plain,), valid_until=f"{m[1]}-{m[2]}")
    if m := re.fullmatch(r"OBG supprimée au (\d{1,2}/\d{2}/(\d{2,4})) et remplacée par l'OBG portant le code (\d{4})", plain):
        # Suppressed on 1 September of year Y: the last school year is (Y-1)-Y.
        return _Marks((f"supprimée au {m[1]} et remplacée par {m[3]}",),
                      valid_until=school_year(_year(m[2]) - 1), replaced_by=m[3])
    if m := re.fullmatch(r"uniquement pour les élèves qui y étaient déjà inscrits en (\d{2})-(\d{2})", plain):
        return _Marks((plain,), new_pupils_until=school_year(_year(m[1])))
    return None


def _registry_marks(text: str) -> _Marks:
    """``R``, ``R ²``, ``NP`` and ``SN`` as the tables write them (``R ² /SN``).

    >>> _registry_marks("R ² /SN").marks
    ('R²', 'SN')
    >>> _registry_marks("R2R ²")
    _Marks(marks=('R²',), valid_until=None, new_pupils_until=None, replaced_by=None, anomalies=('mark written «R2R ²»',))
    """
    marks, anomalies = [], []
    for token in (t.strip() for t in text.split("/")):
        if not token:
            continue
        if token == "R2R ²":  # a doubled R² in the conversion
            anomalies.append(f"mark written «{token}»")
            token = "R ²"
        mark = {"R ²": "R²"}.get(token, token)
        if mark in MARKS[:4]:
            marks.append(mark)
        else:
            anomalies.append(f"mark «{token}» not understood; left out")
    return _Marks(tuple(marks), anomalies=tuple(anomalies))


def split_label(cell: str, registry: bool = True, access: bool = False) -> tuple[str, _Marks, str | None]:
    """Split a label cell into the label as written, its marks and (7th years) access class.

    Parameters
    ----------
    cell : str
        The cell as written.
    registry : bool
        Whether ``R``/``R ²``/``NP`` may end the label (article 49 table).
    access : bool
        Whether an access class (``L``, ``S-O``, ``O``) ends the label (7th years).

    Returns
    -------
    tuple
        ``(label, marks, access_class_or_None)``.

    Examples
    --------
    >>> label, marks, _ = split_label("Restaurateur/Restauratrice R ² (uniquement en 6 ^e)")
    >>> label, marks.marks
    ('Restaurateur/Restauratrice', ('R²', 'uniquement en 6e'))
    >>> split_label("Opérateur/Opératrice de production en industrie alimentaire (OPIA) (CPU)")[0]
    'Opérateur/Opératrice de production en industrie alimentaire (OPIA)'
    >>> label, marks, cls = split_label("7 ^{ème} TQ Barman/Barmaid L", registry=False, access=True)
    >>> label, cls
    ('Barman/Barmaid', 'L')
    """
    text = _SEVENTH_PREFIX.sub("", cell.strip()) if access else cell.strip()
    found = _Marks()
    while m := _PAREN.search(text):
        paren = _paren_marks(m[1])
        if paren is None:
            break
        found = paren + found
        text = text[:m.start()].rstrip()
    if registry and (m := _REGISTRY.search(text)):
        found = _registry_marks(m[1]) + found
        text = text[:m.start()].rstrip()
    cls = None
    if access and (m := _ACCESS.search(text)):
        cls, text = m[1], text[:m.start()].rstrip()
    return text, found, cls


def sort_marks(marks: tuple[str, ...]) -> tuple[str, ...]:
    """Marks without repeats, in the order of :data:`MARKS`.

    >>> sort_marks(("CPU", "R", "CPU"))
    ('R', 'CPU')
    """
    def rank(mark: str) -> int:
        return next((i for i, m in enumerate(MARKS) if mark == m or (m.endswith(" ") and mark.startswith(m))), len(MARKS))
    return tuple(sorted(dict.fromkeys(marks), key=rank))


def _listing(code: str, label: str, marks: _Marks, **fields) -> Listing:
    return Listing(code=code, label=label, marks=sort_marks(marks.marks), valid_until=marks.valid_until,
                   new_pupils_until=marks.new_pupils_until, replaced_by=marks.replaced_by,
                   anomalies=fields.pop("anomalies", ()) + marks.anomalies, **fields)


# ---------------------------------------------------------------------------- tables

_CODE = re.compile(r"^\d{4}$")
_SIMPLE_ROW = re.compile(r"^(\d{4})\t(.+)$")
_SIMPLE_SECTOR = re.compile(r"SECTEUR (\d+) «")
_SECTOR = re.compile(r"^\t?Secteur (\d+)\s*:")
_ARTICLE45_FORM = re.compile(r"^Les formations visées par l'article 45 .*de l'enseignement professionnel")
_URGENCE_FORM = re.compile(r"^Les formations organisées conformément aux dispositions relatives aux mesures urgentes .*de l'enseignement professionnel")


def find_line(lines: list[str], pattern: re.Pattern, what: str) -> int:
    """The first line matching ``pattern``; a CorpusError names ``what`` when none does.

    >>> find_line(["a", "b c"], re.compile("^b"), "b")
    2
    """
    for n, line in enumerate(lines, 1):
        if pattern.search(line):
            return n
    raise CorpusError(f"circular: {what} not found")


def parse_simple(lines: list[str], first: int, last: int, list_name: str) -> list[Listing]:
    """Rows of the article 45 repertory or of the formations "en urgence".

    Neither table gives a form or a degree per row. The form is the one the circular
    states for the whole list: article 45 formations belong to the professional form
    (line 387), formations "en urgence" lead to a professional attestation (line 1311).

    Parameters
    ----------
    lines : list of str
        The circular's lines.
    first, last : int
        The span of the section.
    list_name : str
        ``article45`` or ``urgence``.

    Returns
    -------
    list of Listing
        In reading order.

    Examples
    --------
    >>> from passerelles.corpus import load_corpus
    >>> from passerelles.catalogue import find_sections
    >>> doc = load_corpus().circular
    >>> rows = parse_simple(doc.lines, *find_sections(doc.lines)["article45"], "article45")
    >>> rows[0].code, rows[0].label, rows[0].form, rows[0].degree, rows[0].sector, rows[0].line
    ('1017', 'Eleveur/Eleveuse', 'P', None, 1, 1853)
    """
    pattern = _ARTICLE45_FORM if list_name == "article45" else _URGENCE_FORM
    form_line = find_line(lines, pattern, f"the form of the {list_name} list")
    sector, out = None, []
    for n in range(first, last + 1):
        line = lines[n - 1]
        if m := _SIMPLE_SECTOR.search(line):
            sector = int(m[1])
        elif m := _SIMPLE_ROW.match(line):
            label, marks, _ = split_label(m[2], registry=False)
            out.append(_listing(m[1], label, marks, list=list_name, form="P", degree=None,
                                sector=_require(sector, n), line=n, form_line=form_line))
    return out


def _require(sector: int | None, n: int) -> int:
    if sector is None:
        raise CorpusError(f"circular line {n}: option row before any sector heading")
    return sector


# Cells of the article 49 table: 0 form, 1 "D2", 2 code, 3 label, 4 "D3", 5 code, 6 label.
_DEGREE_OF_CELL = {2: "D2", 5: "D3"}
_FORM_OF_CELL = {"Enseignement Technique": "TQ", "Enseignement Professionnel": "P"}


def parse_article49(lines: list[str], first: int, last: int) -> list[Listing]:
    """Rows of the article 49 repertory (2nd and 3rd degrees), one listing per code cell.

    The degree is the column the code stands in (cell 2: D2, cell 5: D3). Rows whose
    cells the conversion shifted are read as follows, and say so in ``anomalies``:
    a code in cell 4 (the D3 marker column) is D3; a code in cell 0 (the form column,
    the row having lost its leading cells) continues the column of the row above; D2-only
    rows below a D3-only row stay D2. :mod:`.check` reports where marks contradict this.

    Parameters
    ----------
    lines : list of str
        The circular's lines.
    first, last : int
        The span of the section.

    Returns
    -------
    list of Listing
        In reading order, D2 before D3 within a row.

    Examples
    --------
    >>> from passerelles.corpus import load_corpus
    >>> from passerelles.catalogue import find_sections
    >>> doc = load_corpus().circular
    >>> rows = parse_article49(doc.lines, *find_sections(doc.lines)["article49"])
    >>> [(r.code, r.degree, r.form) for r in rows if r.line == 2031]
    [('2323', 'D2', 'P'), ('2331', 'D3', 'P')]
    >>> [(r.degree, r.anomalies[0][:40]) for r in rows if r.code == "2804"]
    [('D3', 'code in the first cell (the row lost its')]
    """
    sector = form = form_line = None
    previous_degree: str | None = None
    previous_shape: tuple[int, ...] = ()
    below_d3 = False
    out: list[Listing] = []
    for n in range(first, last + 1):
        line = lines[n - 1]
        if m := _SECTOR.match(line):
            sector, form, previous_degree, previous_shape = int(m[1]), None, None, ()
            continue
        cells = line.split("\t")
        if cells[0].strip() in _FORM_OF_CELL:
            form, form_line, previous_degree, previous_shape = _FORM_OF_CELL[cells[0].strip()], n, None, ()
        shape = tuple(i for i, cell in enumerate(cells[:-1]) if _CODE.match(cell.strip()))
        # A D2 cell sits beside the D3 option it leads to (1202 beside 1208); D2-only rows
        # below a D3-only row have come loose from that layout.
        below_d3 = shape == (2,) and (previous_shape == (5,) or (previous_shape == (2,) and below_d3))
        for i in shape:
            if form is None:
                raise CorpusError(f"circular line {n}: option row before any form cell")
            degree, anomalies = _cell_degree(i, previous_degree, below_d3, n)
            label, marks, _ = split_label(cells[i + 1])
            out.append(_listing(cells[i].strip(), label, marks, list="article49", form=form, degree=degree,
                                sector=_require(sector, n), line=n, form_line=form_line, anomalies=anomalies))
            previous_degree = degree
        previous_shape = shape or previous_shape
    return out


def _cell_degree(i: int, previous: str | None, below_d3: bool, n: int) -> tuple[str | None, tuple[str, ...]]:
    """The degree of a code in cell ``i`` of an article 49 row, and what is irregular about it."""
    if i == 2 and below_d3:
        return "D2", ("D2 cell below the end of the D3 column (the D2 column otherwise sits beside "
                      "the D3 options); read by position as D2",)
    if i in _DEGREE_OF_CELL:
        return _DEGREE_OF_CELL[i], ()
    if i == 4:
        return "D3", ("code in the D3 marker cell (shifted one cell left); read as D3",)
    if i == 0:
        return previous, (f"code in the first cell (the row lost its leading cells); degree {previous} "
                          "taken from the row above",)
    raise CorpusError(f"circular line {n}: code in unexpected cell {i + 1}")


_SEVENTH_HEADING = re.compile(r"^7\^\{èmes\} années (qualifiantes|complémentaires)\s*[-–]\s*(Technique de Qualification|Professionnel)\s*:$")
_SEVENTH_ROW = re.compile(r"^(\d{4})\t([^\t]+)\t([^\t]*)$")


def parse_seventh(lines: list[str], first: int, last: int, list_name: str) -> list[Listing]:
    """Rows of a 7th-year repertory (qualifying or complementary), TQ and P parts.

    The access class (L, S-O, O) ends the label; a row without one gets ``unknown``
    with the reason, never a guessed class.

    Parameters
    ----------
    lines : list of str
        The circular's lines.
    first, last : int
        The span of the section.
    list_name : str
        ``7e-qualifiante`` or ``7e-complementaire``.

    Returns
    -------
    list of Listing
        In reading order, degree ``7``.

    Examples
    --------
    >>> from passerelles.corpus import load_corpus
    >>> from passerelles.catalogue import find_sections
    >>> doc = load_corpus().circular
    >>> rows = parse_seventh(doc.lines, *find_sections(doc.lines)["7e-qualifiante"], "7e-qualifiante")
    >>> r = next(r for r in rows if r.code == "8326")
    >>> r.label, r.form, r.access, r.marks
    ('Coiffeur / Coiffeuse Manager', 'P', 'unknown', ('R', 'CPU'))
    """
    sector = form = form_line = None
    out = []
    for n in range(first, last + 1):
        line = lines[n - 1]
        if m := _SEVENTH_HEADING.match(line.strip()):
            form, form_line = ("TQ" if m[2].startswith("Technique") else "P"), n
        elif m := _SECTOR.match(line):
            sector = int(m[1])
        elif m := _SEVENTH_ROW.match(line):
            label, marks, cls = split_label(m[2], registry=False, access=True)
            marks = _registry_marks(m[3]) + marks
            reason = None if cls else f"line {n} gives no access class"
            if form is None:
                raise CorpusError(f"circular line {n}: 7th-year row before its heading")
            out.append(_listing(m[1], label, marks, list=list_name, form=form, degree="7",
                                sector=_require(sector, n), line=n, form_line=form_line,
                                access=cls or "unknown", access_reason=reason))
    return out


@dataclass(frozen=True)
class AccessClass:
    """A class of 7th-year options, as chapter VI, IV, 4 defines it."""

    code: str          # L | S-O | O | unknown
    label: str         # as written ("Limitées"), or "inconnue" for unknown
    definition: str
    line: int


_ACCESS_DEFINITION = re.compile(r"(dont .+?) \(Options classées (.+?) \((L|S-O|O)\)\)")


def parse_access_classes(lines: list[str], first: int, last: int) -> tuple[AccessClass, ...]:
    """The three access classes defined before the 7th-year repertory, and ``unknown``.

    ``unknown`` is no class of the text: it stands for a row that gives none, and cites
    the definitions it falls outside of (their first and last lines).

    Examples
    --------
    >>> from passerelles.corpus import load_corpus
    >>> from passerelles.catalogue import find_sections
    >>> doc = load_corpus().circular
    >>> [(a.code, a.label, a.line) for a in parse_access_classes(doc.lines, *find_sections(doc.lines)["7e-qualifiante"])]
    [('L', 'Limitées', 2125), ('S-O', 'Semi-ouvertes', 2126), ('O', 'Ouvertes', 2127), ('unknown', 'inconnue', 2125)]
    """
    found = []
    for n in range(first, last + 1):
        if m := _ACCESS_DEFINITION.search(lines[n - 1]):
            found.append(AccessClass(m[3], m[2], m[1], n))
    if [a.code for a in found] != ["L", "S-O", "O"]:
        raise CorpusError(f"circular lines {first}-{last}: the three access classes were not found")
    return tuple(found) + (AccessClass("unknown", "inconnue", "la ligne du répertoire ne donne pas de classe",
                                       found[0].line),)


# ---------------------------------------------------------------------------- options

@dataclass(frozen=True)
class Option:
    """An option (one code) and every listing of it."""

    code: str
    label: str                      # the label of its first listing
    sector: int
    group: int | None
    group_derived: bool
    group_reason: str | None        # why the group is null
    listings: tuple[Listing, ...]
    replaces: tuple[str, ...] = ()
    replaced_by: tuple[str, ...] = ()

    @property
    def lists(self) -> tuple[str, ...]:
        """The lists the option appears in, in :data:`LISTS` order."""
        return tuple(name for name in LISTS if any(li.list == name for li in self.listings))


def derive_group(code: str, sector: int, lists: tuple[str, ...], group_numbers: set[int]) -> tuple[int | None, bool, str | None]:
    """The group of an option from its code (FWB coding: first two digits, sectors 1-9).

    Parameters
    ----------
    code : str
        The option's code.
    sector : int
        Its sector.
    lists : tuple of str
        The lists it appears in.
    group_numbers : set of int
        The groups of the table of sectors and groups.

    Returns
    -------
    tuple
        ``(group, derived, reason)``: the group and True, or None, False and why not.

    Examples
    --------
    >>> derive_group("2112", 2, ("article49",), {21, 22})
    (21, True, None)
    >>> derive_group("1017", 1, ("article45",), {11})[2]
    'article 45 and urgence codes number formations by sector digit and serial, not by group'
    >>> derive_group("2312", 2, ("article49",), {21, 22})
    (None, False, 'derived group 23 is not in the table of sectors and groups')
    """
    if not any(name in CODED_LISTS for name in lists):
        return None, False, "article 45 and urgence codes number formations by sector digit and serial, not by group"
    if not 1 <= sector <= 9:
        return None, False, f"sector {sector}: the two-digit group rule holds for sectors 1-9 only"
    number = int(code[:2])
    if number not in group_numbers:
        return None, False, f"derived group {number} is not in the table of sectors and groups"
    return number, True, None


def build_options(listings: list[Listing], group_numbers: set[int]) -> tuple[Option, ...]:
    """Gather listings by code into options, ordered by code.

    >>> li = Listing("2112", "Electricien", "article49", "P", "D3", 2, ("R",), 10, 9)
    >>> build_options([li], {21})[0].group
    21
    """
    by_code: dict[str, list[Listing]] = {}
    for li in listings:
        by_code.setdefault(li.code, []).append(li)
    options = []
    for code in sorted(by_code):
        rows = sorted(by_code[code], key=lambda li: (LISTS.index(li.list), DEGREES.index(li.degree) if li.degree else -1, li.line))
        first = min(rows, key=lambda li: li.line)
        lists = tuple(dict.fromkeys(li.list for li in rows))
        group, derived, reason = derive_group(code, first.sector, lists, group_numbers)
        options.append(Option(code, first.label, first.sector, group, derived, reason, tuple(rows)))
    return tuple(options)


def same_words(a: str, b: str) -> bool:
    """Whether two labels have the same words, in any order, plural ``s`` aside.

    >>> same_words("Gestionnaire en logistique et transports", "Gestionnaire en transport et logistique")
    True
    """
    def bag(text: str) -> list[str]:
        return sorted(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in fold(text).split())
    return bag(a) == bag(b)
