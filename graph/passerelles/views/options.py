"""The options of the repertories, as records: the listings (``passerelles options``, answered
from the graph — embedded or remote) and one option in full (``passerelles option``, read from
the catalogue of the corpus, with its CPU transformations and the source's slips)."""

from __future__ import annotations

import difflib

from ..catalogue import ACCESS_CLASSES, DEGREES, LISTS, Catalogue
from ..catalogue.check import check_catalogue
from ..errors import InputError, UnknownNameError, UnknownValueError
from ..queries import load_query
from ..records import CpuChange, Finding, Listing, OptionDetail, OptionListing, Records, SourceLine
from ..store import Store
from ..text import fold

_DEGREE_ORDER = {"D2": 0, "D3": 1, "7": 2}
SECTORS = tuple(range(1, 11))


def option_records(store: Store) -> Records:
    """One record per option and list it appears in (:class:`~passerelles.records.OptionListing`)."""
    grouped: dict[tuple[str, str], list[dict]] = {}
    for row in store.select(load_query("options").text):
        grouped.setdefault((row["code"], row["list"]), []).append(row)
    out = Records()
    for (code, list_name), rows in grouped.items():
        first = min(rows, key=lambda r: r["line"])
        marks: list[str] = []
        for r in sorted(rows, key=lambda r: (r["line"], r["listing"])):
            for m in (r["marks"] or "").split(" | "):
                if m and m not in marks:
                    marks.append(m)
        out.append(OptionListing(
            code, first["label"], list_name, first["form"],
            tuple(sorted({r["degree"] for r in rows if r.get("degree")}, key=lambda d: _DEGREE_ORDER.get(d, 9))),
            int(first["sector"]), int(first["group"]) if first.get("group") else None, first.get("access"),
            tuple(marks), tuple(sorted({r["replaces"] for r in rows if r.get("replaces")})),
            tuple(sorted({r["replacedBy"] for r in rows if r.get("replacedBy")})),
            SourceLine("circulaire-7282", first["line"])))
    return out


def groups(store: Store) -> list[int]:
    """Every group of the table of sectors and groups (the graph's SKOS scheme)."""
    return sorted({int(r["group"]) for r in store.select(load_query("sectors-groups").text)})


def _choice(value: str | None, valid: tuple[str, ...], what: str) -> str | None:
    """``value`` spelled as in ``valid`` (case and spaces aside), or an error listing them."""
    if value is None:
        return None
    if isinstance(value, str):
        for v in valid:
            if v.lower() == value.strip().lower():
                return v
    raise UnknownValueError(what, value, valid)


def _number(value, valid: list[int] | tuple[int, ...], what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in valid:
        raise UnknownValueError(what, value, [str(v) for v in valid])
    return value


def filter_options(store: Store, sector: int | None = None, group: int | None = None, list_name: str | None = None,
                   degree: str | None = None, access: str | None = None) -> Records:
    """The listings matching every filter given (checked first: an unknown value is an error
    that lists the valid ones). A degree, group or access filter leaves out the lists that
    give none (article 45 and urgence have no degree nor group; only 7th years have an
    access class)."""
    sector = _number(sector, SECTORS, "sector")
    if group is not None:
        # valid even with no option: every group of the table
        group = _number(group, groups(store), "group")
    list_name = _choice(list_name, LISTS, "list")
    degree = _choice(degree, DEGREES, "degree")
    access = _choice(access, ACCESS_CLASSES, "access class")
    return Records(r for r in option_records(store)
                   if (sector is None or r.sector == sector) and (group is None or r.group == group)
                   and (list_name is None or r.list == list_name) and (degree is None or degree in r.degree)
                   and (access is None or r.access == access))


def option_detail(cat: Catalogue, code: str) -> OptionDetail:
    """One option in full; an unknown code is an :class:`~passerelles.errors.UnknownNameError`
    with the closest codes and labels."""
    if not isinstance(code, (str, int)) or isinstance(code, bool) or not str(code).strip():
        raise InputError("an option is named by its code, e.g. 7130")
    code = str(code).strip()
    o = cat.option(code)
    if o is None:
        raise _unknown(cat, code)
    doc = cat.document
    return OptionDetail(
        o.code, o.label, o.sector, o.group, o.group_derived, o.group_reason,
        tuple(Listing(li.list, li.form, li.degree, li.access, li.access_reason, tuple(li.marks), li.valid_until,
                      li.new_pupils_until, tuple(li.anomalies), li.label, SourceLine(doc, li.line))
              for li in o.listings),
        tuple(o.replaces), tuple(o.replaced_by),
        tuple(CpuChange(t.kind, t.line, t.since, t.new_code, t.new_label, t.old_code, t.old_label, t.school_year,
                        tuple(t.new_study_years), tuple(t.old_study_years))
              for t in cat.cpu if o.code in (t.new_code, t.old_code)),
        tuple(finding(f) for f in check_catalogue(cat) if o.code in f.codes))


def finding(f) -> Finding:
    """A finding of :mod:`passerelles.catalogue.check` as a record."""
    return Finding(f.kind, f.message, tuple(f.codes), tuple(f.lines))


def _unknown(cat: Catalogue, code: str) -> UnknownNameError:
    """The error for a code no repertory lists, with the closest codes and labels."""
    labels = {o.code: o.label for o in cat.options}
    if code.isdigit():
        close = _close_codes(code, list(labels))
    else:  # a label, or part of one
        wanted, by_fold = fold(code), {fold(label): c for c, label in labels.items()}
        close = [c for c, label in labels.items() if wanted and wanted in fold(label)][:5] or \
            [by_fold[k] for k in difflib.get_close_matches(wanted, list(by_fold), n=5, cutoff=0.5)]
    cpu_lines = [t.line for t in cat.cpu if code in (t.new_code, t.old_code)]
    where = f" (it appears only in the CPU tables, line {', '.join(map(str, cpu_lines))})" if cpu_lines else ""
    return UnknownNameError(f"no option with code {code!r} in the repertories{where}",
                            [f"{c} {labels[c]}" for c in close])


def _close_codes(code: str, codes: list[str]) -> list[str]:
    """Codes that differ from ``code`` in at most two digits, nearest first.

    >>> _close_codes("2114", ["2214", "8214", "2113", "9999"])
    ['2113', '2214', '8214']
    """
    def distance(other: str) -> tuple[int, int]:
        digits = sum(a != b for a, b in zip(code, other)) + abs(len(code) - len(other))
        return digits, abs(int(other) - int(code))
    return sorted((c for c in codes if distance(c)[0] <= 2), key=distance)[:5]
