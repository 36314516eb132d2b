"""Inconsistencies of the source between its tables: reported, never merged silently.

Each :class:`Finding` names the codes and the lines (usually one per table) involved.
Kinds, most telling first (:data:`KINDS`): a different code or label for the same option,
codes the repertories lack, CPU marks, access classes and study years the tables disagree
on, validity already past, repeated codes, groups and sectors the coding contradicts, rows
the PDF conversion shifted, and last the labels that differ only in spacing, case or accents.

The slips the citations show (:data:`CITATION_KINDS`: an act given two dates, a "précité"
never cited before, a garbled note, an "Ibidem" an interrupting note broke) come from the
resolution of the citations and are reported with the act keys in place of codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from ..text import fold
from .options import CODED_LISTS

if TYPE_CHECKING:  # pragma: no cover
    from ..legal.resolve import CitationIndex
    from . import Catalogue
    from .cpu import CPUTransformation
    from .options import Listing

KINDS = (
    "code-mismatch", "label-mismatch", "code-not-in-repertory", "cpu-row-without-code",
    "cpu-mark-missing", "cpu-old-not-marked", "access-mismatch", "access-spelling", "form-mismatch",
    "degree-conflict", "validity-past", "duplicate-code", "group-missing", "sector-mismatch",
    "irregular-layout", "irregular-mark", "label-variant",
)
#: The slips of the text that resolving its citations meets (:mod:`passerelles.legal.resolve`).
CITATION_KINDS = ("act-date-mismatch", "broken-ibidem", "garbled-note", "precite-without-antecedent")


@dataclass(frozen=True)
class Finding:
    """One inconsistency: what, which codes, which lines of the circular."""

    kind: str
    message: str
    codes: tuple[str, ...]
    lines: tuple[int, ...]

    def as_dict(self) -> dict:
        return {"kind": self.kind, "message": self.message, "codes": list(self.codes), "lines": list(self.lines)}


def check_catalogue(cat: "Catalogue", citations: "CitationIndex | None" = None) -> list[Finding]:
    """Every inconsistency found in the catalogue's tables (and the citations' slips).

    Parameters
    ----------
    cat : Catalogue
        The loaded catalogue.
    citations : CitationIndex, optional
        The resolved citations: their slips are reported after the tables' findings.

    Returns
    -------
    list of Finding
        Sorted by kind (see :data:`KINDS`, then :data:`CITATION_KINDS`), then lines.

    Examples
    --------
    >>> from passerelles.corpus import load_corpus
    >>> from passerelles.catalogue import load_catalogue
    >>> findings = check_catalogue(load_catalogue(load_corpus()))
    >>> [(f.codes, f.lines) for f in findings if f.kind == "code-mismatch"]
    [(('4208', '4308'), (1396, 2071))]
    """
    found = [f for rule in _RULES for f in rule(cat)]
    found += citation_findings(citations) if citations is not None else []
    unique = {(f.kind, f.codes, f.lines): f for f in found}
    order = KINDS + CITATION_KINDS
    return sorted(unique.values(), key=lambda f: (order.index(f.kind), f.lines, f.codes))


def citation_findings(citations: "CitationIndex") -> list[Finding]:
    """The slips of the text met while resolving its citations, as findings.

    >>> from passerelles.corpus import load_corpus
    >>> from passerelles.model import build_model
    >>> [(f.codes, f.lines) for f in citation_findings(build_model(load_corpus()).citations)
    ...  if f.kind == "act-date-mismatch"]
    [(('decret/2018/06/13', 'decret/2018/06/14'), (209, 251, 1359))]
    """
    return [_finding(s.kind, s.message, s.acts, s.lines) for s in citations.slips]


def _finding(kind: str, message: str, codes, lines) -> Finding:
    return Finding(kind, message, tuple(dict.fromkeys(c for c in codes if c)), tuple(sorted(set(lines))))


def _linked(cat: "Catalogue") -> set[frozenset[str]]:
    """Pairs of codes the text links (CPU successor, replacement): same label expected."""
    return {frozenset((o.code, new)) for o in cat.options for new in o.replaced_by} | \
           {frozenset((t.old_code, t.new_code)) for t in cat.cpu if t.old_code and t.new_code}


def _cpu_sides(cat: "Catalogue") -> Iterator[tuple["CPUTransformation", str, str | None]]:
    """Each (row, label, code) a CPU table writes: the new option, then the old one."""
    for t in cat.cpu:
        yield t, t.new_label, t.new_code
        if t.old_label and t.old_code:
            yield t, t.old_label, t.old_code


def _label_rules(cat: "Catalogue") -> Iterator[Finding]:
    """The same code labelled differently in two tables (or two lists)."""
    seen = set()
    for t, label, code in _cpu_sides(cat):
        option = cat.option(code) if code else None
        # Matched rows are reported as code-less; a continuation row repeats its new option.
        if option is None or t.matched_line or (code, label) in seen:
            continue
        seen.add((code, label))
        yield from _compare_labels(code, label, t.line, option.listings[0])
    for o in cat.options:
        for li in o.listings[1:]:
            yield from _compare_labels(o.code, li.label, li.line, o.listings[0])
    for s in cat.stated_groups:
        for code in s.codes:
            yield from _compare_labels(code, s.option_label, s.line, cat.option(code).listings[0],
                                       where=f"note placing it in group {s.group}")


def _compare_labels(code: str, label: str, line: int, li: "Listing", where: str = "") -> Iterator[Finding]:
    if label == li.label:
        return
    kind = "label-variant" if fold(label) == fold(li.label) else "label-mismatch"
    where = where or f"line {line}"
    yield _finding(kind, f"{code}: «{li.label}» (line {li.line}, {li.list}) vs «{label}» ({where})",
                   [code], [li.line, line])


def _code_rules(cat: "Catalogue") -> Iterator[Finding]:
    """The same label under two codes; codes of the CPU tables no repertory lists."""
    linked = _linked(cat)
    coded = [li for li in cat.listings() if li.list in CODED_LISTS]
    # Article 45 codes number formations differently: a shared label across families is expected.
    written = [(label, code, t.line) for t, label, code in _cpu_sides(cat) if code and t.kind != "article45"] + \
              [(li.label, li.code, li.line) for li in coded]
    for i, (label, code, line) in enumerate(written):
        for other_label, other, other_line in written[i + 1:]:
            if code != other and fold(label) == fold(other_label) and frozenset((code, other)) not in linked:
                yield _finding("code-mismatch", f"«{label}» is {code} (line {line}) and {other} (line {other_line})",
                               sorted((code, other)), [line, other_line])
    for t, label, code in _cpu_sides(cat):
        if code and cat.option(code) is None:
            yield _finding("code-not-in-repertory",
                           f"{code} «{label}» (CPU table, line {t.line}) is in no repertory of chapter VI",
                           [code], [t.line])


def _cpu_rules(cat: "Catalogue") -> Iterator[Finding]:
    """CPU tables against the repertories: codes, (CPU) marks, access classes, forms, 6th years."""
    for t in cat.cpu:
        option = cat.option(t.new_code) if t.new_code else None
        if t.kind in ("article45", "7e"):
            where = f"matched by label to {t.new_code} at line {t.matched_line}" if t.matched_line else "no listing matches its label"
            yield _finding("cpu-row-without-code", f"CPU table row «{t.new_label}» gives no code; {where}",
                           [t.new_code], [t.line, t.matched_line or t.line])
        if option is None:
            continue
        first = option.listings[0]
        if not any("CPU" in li.marks for li in option.listings):
            yield _finding("cpu-mark-missing",
                           f"{option.code} enters CPU from {t.since} (line {t.line}) but its listing (line {first.line}) has no (CPU) mark",
                           [option.code], [t.line, first.line])
        if t.access:
            yield from _access_rules(t, first)
        if t.form and t.form != first.form:
            yield _finding("form-mismatch", f"{option.code}: form {t.form} (line {t.line}) vs {first.form} (line {first.line})",
                           [option.code], [t.line, first.line])
        old = cat.option(t.old_code) if t.old_code else None
        if old and "6e" in t.old_study_years and not any("uniquement en 6e" in li.marks for li in old.listings):
            yield _finding("cpu-old-not-marked",
                           f"{old.code} stays only in {', '.join(t.old_study_years)} year in {t.school_year} (line {t.line}) "
                           f"but its listing (line {old.listings[0].line}) is not marked «uniquement en 6e»",
                           [old.code], [t.line, old.listings[0].line])


def _access_rules(t: "CPUTransformation", li: "Listing") -> Iterator[Finding]:
    if t.access != li.access:
        yield _finding("access-mismatch", f"{li.code}: access {t.access_as_written} (line {t.line}) vs {li.access} (line {li.line})",
                       [li.code], [t.line, li.line])
    elif t.access_as_written != li.access:
        yield _finding("access-spelling",
                       f"{li.code}: access class written «{t.access_as_written}» (line {t.line}) and «{li.access}» (line {li.line})",
                       [li.code], [t.line, li.line])


def _listing_rules(cat: "Catalogue") -> Iterator[Finding]:
    """Per listing: past validity, degree against marks, sector digit, layout."""
    sixth = {t.old_code: t.line for t in cat.cpu if t.old_code and "6e" in t.old_study_years}
    for li in cat.listings():
        if li.valid_until and li.valid_until < cat.school_year:
            yield _finding("validity-past",
                           f"{li.code} is listed for {cat.school_year} (line {li.line}) but valid until {li.valid_until}",
                           [li.code], [li.line, cat.school_year_line])
        if "uniquement en 6e" in li.marks and li.degree != "D3":
            yield _finding("degree-conflict",
                           f"{li.code} «uniquement en 6e» stands in the {li.degree} column (line {li.line}); the 6th year is in D3",
                           [li.code], [li.line, sixth.get(li.code, li.line)])
        if int(li.code[0]) != li.sector:
            yield _finding("sector-mismatch", f"{li.code} is under sector {li.sector} (line {li.line})", [li.code], [li.line])
        for anomaly in li.anomalies:
            kind = "irregular-mark" if anomaly.startswith("mark") else "irregular-layout"
            yield _finding(kind, f"{li.code} ({li.list}): {anomaly}", [li.code], [li.line])


def _option_rules(cat: "Catalogue") -> Iterator[Finding]:
    """Per option: repeated codes, derived groups the table lacks."""
    for o in cat.options:
        if len(o.listings) > 1:
            where = ", ".join(f"{li.list} {li.degree or '-'} line {li.line}" for li in o.listings)
            yield _finding("duplicate-code", f"{o.code} «{o.label}» appears {len(o.listings)} times: {where}",
                           [o.code], [li.line for li in o.listings])
        if o.group is None and o.group_reason and o.group_reason.startswith("derived group"):
            yield _finding("group-missing", f"{o.code}: {o.group_reason}", [o.code], [o.listings[0].line])


_RULES = (_label_rules, _code_rules, _cpu_rules, _listing_rules, _option_rules)
