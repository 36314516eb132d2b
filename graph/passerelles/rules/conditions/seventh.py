"""Conditions on the 7th years: access to an option of the year by its access class."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..parse import Ids, mapping, member, sequence
from ..record import Record
from ..truth import MET, NOT_MET, UNKNOWN, Truth
from ..vocab import SeventhList
from .base import Condition, Const, inner_text, register
from .logic import AnyOf
from . import terms as T

if TYPE_CHECKING:
    from rdflib import Graph, URIRef


@dataclass(frozen=True)
class Listing:
    """Which access classes the options of a 7th year have, by sector and school years."""

    access: str
    sector: int | None
    valid_from: str | None
    valid_until: str | None

    def open_to(self, record: Record) -> bool:
        scope = record.scope
        if scope.sector is not None and self.sector != scope.sector:
            return False
        y = scope.school_year
        return not (y and ((self.valid_until and y > self.valid_until) or (self.valid_from and y < self.valid_from)))


@register
@dataclass(frozen=True, kw_only=True)
class Access(Condition):
    """Access to an option of one of ``years`` (of the repertory ``list``, when given): every
    7th year is entered in an option, whose class (l. 946-948) asks something of the pupil —
    a 6th year passed (O), a certificate of qualification (S-O), a particular one (L).

    Bound to the repertory and the access-class rules by :meth:`bind` (the route index);
    unbound, it cannot be told.
    """

    key = "access"
    reads = "history"
    text_inside = True
    years: tuple[str, ...]
    list: SeventhList | None = None
    listings: tuple[Listing, ...] = ()
    requirements: tuple[tuple[str, Condition], ...] = ()   # access class → what it asks

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Access:
        d = mapping(value, "access", {"years", "list", "text"}, ("years",))
        extras = inner_text(d, extras)
        years = tuple(ids.year(y, "access years", d) for y in sequence(d["years"], "access years", allow_empty=False))
        lst = member(SeventhList, d["list"], "access list", d) if d.get("list") is not None else None
        return cls(years=years, list=lst, **extras)

    def bind(self, index) -> Access:
        listings = tuple(sorted(set(index.listings(self.years, self.list.value if self.list else None)),
                                key=lambda x: (x.access, x.sector or 0, x.valid_from or "", x.valid_until or "")))
        classes = sorted({x.access for x in listings})
        # what each class asks of the pupil's record (the 6th year, the CQ); the rest of the
        # class rules (correspondence tables …) is on the steps into the options themselves
        return replace(self, listings=listings,
                       requirements=tuple((c, index.class_requirement(c, with_conditions=False)) for c in classes))

    def _open(self, record: Record) -> list[tuple[str, Condition]]:
        classes = {x.access for x in self.listings if x.open_to(record)}
        return [(c, req) for c, req in self.requirements if c in classes]

    def evaluate(self, record: Record) -> Truth:
        if not self.requirements:
            return UNKNOWN
        return Truth.any(req.evaluate(record) for _, req in self._open(record))

    def specialize(self, record: Record) -> Condition:
        """For one question: the classes its scope leaves open (sector, school year), each with
        what it asks."""
        if not self.requirements:
            return Const(truth=UNKNOWN)
        open_ = self._open(record)
        if not open_:
            return Const(truth=NOT_MET)
        return AnyOf(items=tuple(req for _, req in open_)).specialize(record)

    def unsettled(self, record: Record) -> list[Condition]:
        if self.evaluate(record) is MET:
            return []
        still = [req.unsettled(record) for _, req in self._open(record) if req.evaluate(record) is not NOT_MET]
        distinct = {tuple(json.dumps(c.to_json(), sort_keys=True) for c in parts): parts for parts in still}
        if len(distinct) == 1:      # every class still open asks the same (L and S-O: a CQ)
            parts = next(iter(distinct.values()))
            return [p if p.source is not None else replace(p, source=self.source) for p in parts]
        return [self]

    def classes(self, record: Record | None = None) -> list[str]:
        return [c for c, _ in (self._open(record) if record is not None else self.requirements)]

    def default_words(self) -> str:
        which = " ou ".join(self.years) + (f" {self.list.value.removeprefix('7e-')}" if self.list else "")
        if not self.requirements:
            return f"avoir accès à une option de {which} selon sa classe (L, S-O ou O)"
        asks = "; ".join(f"{c} : {req.describe()}" for c, req in self.requirements)
        return f"avoir accès à une option de {which} selon sa classe ({asks})"

    def value(self) -> Any:
        out: dict[str, Any] = {"years": list(self.years)}
        if self.list:
            out["list"] = self.list.value
        return out

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        for y in self.years:
            g.add((node, T.PSL.accessYear, T.year_iri(y)))
        if self.list:
            g.add((node, T.PSL.accessList, T.Literal(self.list.value)))


@register
@dataclass(frozen=True, kw_only=True)
class NotNextYear(Condition):
    """Not into the year above the year closed by ``title`` (an attestation d'orientation C,
    l. 1183): the engine adds it to the admission that follows such a title. ``closes`` is
    that year when known; otherwise ``grades`` are the grades it may close."""

    key = "not_next_year"
    text_inside = True
    title: str
    target: str
    target_grade: int | None
    closes: str | None = None
    grades: tuple[int, ...] = ()

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> NotNextYear:
        d = mapping(value, "not_next_year", {"title", "target", "target_grade", "closes", "grades", "text"},
                    ("title", "target"))
        extras = inner_text(d, extras)
        return cls(title=ids.title(d["title"], "not_next_year title", d), target=ids.year(d["target"], "target", d),
                   target_grade=d.get("target_grade"), closes=d.get("closes"), grades=tuple(d.get("grades") or ()),
                   **extras)

    def evaluate(self, record: Record) -> Truth:
        if self.target_grade is None:
            return MET
        if self.closes is not None:
            return Truth.of(self.target_grade - 1 not in self.grades)
        return UNKNOWN if self.target_grade - 1 in self.grades else MET

    def default_words(self) -> str:
        closed = self.closes or "l'année qu'elle sanctionne"
        return f"pas d'admission dans l'année supérieure à {closed} ({self.title})"

    def value(self) -> Any:
        out: dict[str, Any] = {"title": self.title, "target": self.target, "target_grade": self.target_grade}
        if self.closes:
            out["closes"] = self.closes
        if self.grades:
            out["grades"] = list(self.grades)
        return out
