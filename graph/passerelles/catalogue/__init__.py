"""The catalogue of options of circulaire 7282: repertories, sectors and groups, CPU tables.

>>> from passerelles.corpus import load_corpus
>>> cat = load_catalogue(load_corpus())
>>> o = cat.option("7130")
>>> o.label, o.sector, o.group, o.group_derived, o.listings[0].list, o.listings[0].access
('Gestionnaire de très petites entreprises', 7, 71, True, '7e-qualifiante', 'O')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..circular.structure import parse_structure
from ..corpus import Corpus
from ..errors import CorpusError
from .cpu import CPUTransformation, parse_cpu, resolve_codes
from .options import (ACCESS_CLASSES, DEGREES, FORMS, LISTS, AccessClass, Listing, Option, build_options,
                      find_line, parse_access_classes, parse_article49, parse_seventh, parse_simple, same_words)
from .sectors import Group, Sector, StatedGroup, parse_sectors, stated_groups

__all__ = [
    "ACCESS_CLASSES", "DEGREES", "FORMS", "LISTS", "AccessClass", "Catalogue", "CPUTransformation", "Group", "Listing",
    "Option", "Sector", "StatedGroup", "find_sections", "load_catalogue", "option_rows",
]

# Section name -> (structure path, words its heading must contain).
_SECTIONS = {
    "cpu": ("chap-III__sec-VII", "FORMATIONS CPU"),
    "article45": ("chap-VI__sec-IV__sub-1", "article 45"),
    "urgence": ("chap-VI__sec-IV__sub-2", "urgence"),
    "article49": ("chap-VI__sec-IV__sub-3", "ARTICLE 49"),
    "7e-qualifiante": ("chap-VI__sec-IV__sub-4", "7èmes années qualifiantes"),
    "7e-complementaire": ("chap-VI__sec-IV__sub-5", "7èmes années complémentaires"),
    "sectors": ("chap-VI__sec-V", "SECTEURS ET DES GROUPES"),
}
_SCHOOL_YEAR = re.compile(r"Directives pour l'année scolaire (\d{4}-\d{4})")


def find_sections(lines: list[str]) -> dict[str, tuple[int, int]]:
    """The line spans of the catalogue's sections, by name.

    Parameters
    ----------
    lines : list of str
        The circular's lines.

    Returns
    -------
    dict
        ``cpu``, the five lists and ``sectors`` -> ``(first, last)`` (1-based, inclusive).

    Examples
    --------
    >>> from passerelles.corpus import load_corpus
    >>> find_sections(load_corpus().circular.lines)["article45"]
    (1850, 1938)
    """
    divisions = {d.path: d for d in parse_structure(lines)}
    spans = {}
    for name, (path, words) in _SECTIONS.items():
        d = divisions.get(path)
        if d is None or words not in d.heading:
            raise CorpusError(f"circular: section {path} ({words}) not found")
        spans[name] = (d.first_line, d.last_line)
    return spans


@dataclass(frozen=True)
class Catalogue:
    """Everything the catalogue reads from the circular, in a deterministic order."""

    document: str
    school_year: str
    school_year_line: int
    sections: tuple[tuple[str, int, int], ...]   # (name, first, last)
    sectors: tuple[Sector, ...]
    groups: tuple[Group, ...]
    access_classes: tuple[AccessClass, ...]
    options: tuple[Option, ...]                  # by code
    cpu: tuple[CPUTransformation, ...]           # in reading order
    stated_groups: tuple[StatedGroup, ...]

    def option(self, code: str) -> Option | None:
        """The option with this code, if a repertory lists it."""
        return next((o for o in self.options if o.code == code), None)

    def listings(self) -> list[Listing]:
        """Every listing, by option code then list and degree."""
        return [li for o in self.options for li in o.listings]

    def sector(self, number: int) -> Sector | None:
        """The sector numbered ``number``, if the table has it."""
        return next((s for s in self.sectors if s.number == number), None)

    def group(self, number: int) -> Group | None:
        """The group numbered ``number``, if the table has it."""
        return next((g for g in self.groups if g.number == number), None)

    def span(self, name: str) -> tuple[int, int]:
        """The lines of a section (see :func:`find_sections`)."""
        return next((first, last) for n, first, last in self.sections if n == name)


def load_catalogue(corpus: Corpus) -> Catalogue:
    """Parse the catalogue of options from the corpus's circular.

    Parameters
    ----------
    corpus : Corpus
        The loaded corpus.

    Returns
    -------
    Catalogue
        Options by code, sectors and groups, CPU transformations, stated groups.

    Examples
    --------
    >>> from passerelles.corpus import load_corpus
    >>> cat = load_catalogue(load_corpus())
    >>> cat.option("2115").replaces, cat.option("2112").replaced_by
    (('2112', '2113'), ('2115',))
    """
    doc = corpus.circular
    lines = doc.lines
    spans = find_sections(lines)
    year_line = find_line(lines, _SCHOOL_YEAR, "the school year of the circular")
    year = _SCHOOL_YEAR.search(lines[year_line - 1])[1]
    listings = (parse_simple(lines, *spans["article45"], "article45")
                + parse_simple(lines, *spans["urgence"], "urgence")
                + parse_article49(lines, *spans["article49"])
                + parse_seventh(lines, *spans["7e-qualifiante"], "7e-qualifiante")
                + parse_seventh(lines, *spans["7e-complementaire"], "7e-complementaire"))
    # "uniquement en 6e" in the year's directives: that 6th year is the option's last.
    listings = [replace(li, valid_until=year) if "uniquement en 6e" in li.marks and not li.valid_until else li
                for li in listings]
    sectors, groups = parse_sectors(lines, *spans["sectors"])
    options = build_options(listings, {g.number for g in groups})
    cpu = tuple(resolve_codes(parse_cpu(lines, *spans["cpu"]), listings))
    options = _with_replacements(options, cpu)
    stated = tuple(replace(s, codes=tuple(o.code for o in options if same_words(o.label, s.option_label)))
                   for s in stated_groups(lines, groups))
    access = parse_access_classes(lines, *spans["7e-qualifiante"])
    return Catalogue(doc.id, year, year_line, tuple((n, *span) for n, span in spans.items()),
                     sectors, groups, access, options, cpu, stated)


def _with_replacements(options: tuple[Option, ...], cpu: tuple[CPUTransformation, ...]) -> tuple[Option, ...]:
    """Fill ``replaces``/``replaced_by`` from the CPU tables and the "remplacée par" marks."""
    pairs = {(t.old_code, t.new_code) for t in cpu if t.old_code and t.new_code}
    pairs |= {(li.code, li.replaced_by) for o in options for li in o.listings if li.replaced_by}
    return tuple(replace(o, replaces=tuple(sorted(old for old, new in pairs if new == o.code)),
                         replaced_by=tuple(sorted(new for old, new in pairs if old == o.code)))
                 for o in options)


def option_rows(catalogue: Catalogue, options: list[Option] | None = None) -> list[dict]:
    """The JSON contract of ``passerelles options``: one row per option and list.

    Parameters
    ----------
    catalogue : Catalogue
        The catalogue.
    options : list of Option, optional
        A selection (default: every option).

    Returns
    -------
    list of dict
        Keys ``code label list form degree sector group access marks replaces
        replaced_by source``.

    Examples
    --------
    >>> from passerelles.corpus import load_corpus
    >>> cat = load_catalogue(load_corpus())
    >>> row = option_rows(cat, [cat.option("8308")])[0]
    >>> row["degree"], row["marks"], row["source"]
    (['D2', 'D3'], ['NP'], {'document': 'circulaire-7282', 'line': 2111})
    """
    rows = []
    for o in catalogue.options if options is None else options:
        for name in o.lists:
            mine = [li for li in o.listings if li.list == name]
            first = min(mine, key=lambda li: li.line)
            rows.append({
                "code": o.code,
                "label": first.label,
                "list": name,
                "form": first.form,
                "degree": [d for d in DEGREES if any(li.degree == d for li in mine)],
                "sector": o.sector,
                "group": o.group,
                "access": first.access,
                "marks": list(dict.fromkeys(m for li in mine for m in li.marks)),
                "replaces": list(o.replaces),
                "replaced_by": list(o.replaced_by),
                "source": {"document": catalogue.document, "line": first.line},
            })
    return rows
