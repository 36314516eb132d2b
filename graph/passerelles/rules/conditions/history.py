"""What the pupil has done: titles held (or not), years completed or attended, and the
regime a title was obtained in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..parse import DataError, Ids, integer, mapping, member, sequence
from ..record import Record, YearDone
from ..truth import MET, NOT_MET, UNKNOWN, Truth
from ..vocab import NotHolderKind, Regime
from .base import Condition, inner_text, register
from . import terms as T

if TYPE_CHECKING:
    from rdflib import Graph, URIRef


@register
@dataclass(frozen=True, kw_only=True)
class Holds(Condition):
    """Holds ``title``. A title the question does not give may still be held: cannot tell."""

    key = "holds"
    reads = "history"
    title: str

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Holds:
        return cls(title=ids.title(value, "holds", value), **extras)

    def evaluate(self, record: Record) -> Truth:
        return record.holds(self.title)

    def default_words(self) -> str:
        return f"être titulaire du {self.title}"

    def titles_named(self) -> frozenset[str]:
        return frozenset({self.title})

    def value(self) -> Any:
        return self.title

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        g.add((node, T.PSL.requiresTitle, T.title_iri(self.title)))


@register
@dataclass(frozen=True, kw_only=True)
class NotHolder(Condition):
    """Art. 7 of the decree of 3 July 1991: not already holder of an identical or equivalent
    title in the same orientation — a judgement on titles, never settled by the question."""

    key = "not_holder"
    kind: NotHolderKind = NotHolderKind.IDENTICAL_OR_EQUIVALENT

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> NotHolder:
        return cls(kind=member(NotHolderKind, value, "not_holder", value), **extras)

    def default_words(self) -> str:
        return "ne pas être déjà porteur d'un titre identique ou équivalent dans la même orientation"

    def value(self) -> Any:
        return self.kind.value


@register
@dataclass(frozen=True, kw_only=True)
class Completed(Condition):
    """Has completed each of ``years`` with success."""

    key = "completed"
    reads = "history"
    text_inside = True
    years: tuple[str, ...]

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Completed:
        d = mapping(value, "completed", {"years", "text"}, ("years",))
        extras = inner_text(d, extras)
        years = tuple(ids.year(y, "completed", d) for y in sequence(d["years"], "completed years", allow_empty=False))
        return cls(years=years, **extras)

    def evaluate(self, record: Record) -> Truth:
        return Truth.all(record.passed(y) for y in self.years)

    def default_words(self) -> str:
        return "avoir terminé avec fruit : " + ", ".join(self.years)

    def value(self) -> Any:
        return {"years": list(self.years)}

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        for y in self.years:
            g.add((node, T.PSL.requiresYear, T.year_iri(y)))


@register
@dataclass(frozen=True, kw_only=True)
class Attended(Condition):
    """Has attended at least ``years`` school years: of one of the ``combinations`` of years,
    or of the years ``of``, or in ``regime`` (any year when neither is given).

    A formation of the route whose length the text does not give counts as long as asked:
    the condition is met, and the route takes that many school years at least
    (:meth:`school_years_needed`).
    """

    key = "attended"
    reads = "history"
    stretches = True
    text_inside = True
    years: int
    combinations: tuple[tuple[str, ...], ...] = ()
    of: tuple[str, ...] = ()
    regime: tuple[str, ...] = ()

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Attended:
        d = mapping(value, "attended", {"years", "combinations", "of", "regime", "text"}, ("years",))
        extras = inner_text(d, extras)
        combos = tuple(tuple(ids.year(y, "combinations", d) for y in sequence(c, "a combination", allow_empty=False))
                       for c in sequence(d.get("combinations") or [], "combinations"))
        of = tuple(ids.year(y, "attended of", d) for y in sequence(d.get("of") or [], "attended of"))
        regime = d.get("regime") or []
        regime = tuple(member(Regime, r, "attended regime", d).value
                       for r in (regime if isinstance(regime, list) else [regime]))
        return cls(years=integer(d["years"], "attended years", d), combinations=combos, of=of, regime=regime,
                   **extras)

    def _matches(self, e: YearDone) -> Truth:
        if self.of and e.year not in self.of:
            return NOT_MET
        if not self.regime:
            return MET
        if e.regimes and set(e.regimes) <= set(self.regime):
            return MET
        return UNKNOWN if not e.regimes or set(e.regimes) & set(self.regime) else NOT_MET

    def evaluate(self, record: Record) -> Truth:
        if self.combinations:
            return Truth.any(Truth.all(record.attended(y) for y in combo) for combo in self.combinations)
        sure = [e for e in record.years if self._matches(e) is MET]
        if sum(e.years for e in sure if e.exact) >= self.years:
            return MET
        if any(not e.exact and e.in_route for e in sure):
            return MET                     # the route's formation lasts as long as asked
        maybe = [e for e in record.years if self._matches(e) is UNKNOWN]
        if maybe or any(not e.exact for e in sure) or record.open:
            return UNKNOWN
        if record.maybe_attended and (not self.of or record.maybe_attended & set(self.of)):
            return UNKNOWN
        return NOT_MET

    def school_years_needed(self, record: Record) -> dict[str, int]:
        if self.combinations:
            for combo in self.combinations:
                if all(record.attended(y) is MET for y in combo):
                    return {e.year: 1 for e in record.years if e.year in combo and e.in_route and not e.exact}
            return {}
        sure = [e for e in record.years if self._matches(e) is MET]
        known = sum(e.years for e in sure if e.exact)
        stretch = [e for e in sure if not e.exact and e.in_route]
        if known >= self.years or not stretch:
            return {}
        return {stretch[-1].year: self.years - known}

    def default_words(self) -> str:
        if self.combinations:
            return "avoir suivi : " + " ou ".join("+".join(c) for c in self.combinations)
        where = f" de {', '.join(self.of)}" if self.of else ""
        regime = f" en {', '.join(self.regime)}" if self.regime else ""
        return f"avoir suivi au moins {self.years} année(s) scolaire(s){where}{regime}"

    def value(self) -> Any:
        out: dict[str, Any] = {"years": self.years}
        if self.combinations:
            out["combinations"] = [list(c) for c in self.combinations]
        if self.of:
            out["of"] = list(self.of)
        if self.regime:
            out["regime"] = list(self.regime)
        return out

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        g.add((node, T.PSL.schoolYears, T.Literal(self.years, datatype=T.XSD.integer)))
        for r in self.regime:
            g.add((node, T.PSL.regime, T.Literal(r)))
        for y in self.of:
            g.add((node, T.PSL.requiresYear, T.year_iri(y)))


@register
@dataclass(frozen=True, kw_only=True)
class Origin(Condition):
    """The title ``title`` held was obtained in one of ``regime`` (the regime of the rule that
    awarded it): the attestation of réinsertion of l. 695/736 is the one delivered after a
    year of article 45, not the one of l. 1232. A title the question gave: cannot tell."""

    key = "origin"
    reads = "history"
    text_inside = True
    title: str
    regime: tuple[str, ...]

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Origin:
        d = mapping(value, "origin", {"title", "regime", "text"}, ("title", "regime"))
        extras = inner_text(d, extras)
        regime = d["regime"] if isinstance(d["regime"], list) else [d["regime"]]
        return cls(title=ids.title(d["title"], "origin title", d),
                   regime=tuple(member(Regime, r, "origin regime", d).value for r in regime), **extras)

    def evaluate(self, record: Record) -> Truth:
        held = record.title(self.title)
        if held is None or held.regimes is None:
            return UNKNOWN
        return Truth.of(bool(set(held.regimes) & set(self.regime)))

    def default_words(self) -> str:
        return f"le {self.title} a été obtenu en {' ou '.join(self.regime)}"

    def titles_named(self) -> frozenset[str]:
        return frozenset({self.title})

    def value(self) -> Any:
        return {"title": self.title, "regime": list(self.regime)}

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        g.add((node, T.PSL.requiresTitle, T.title_iri(self.title)))
        for r in self.regime:
            g.add((node, T.PSL.regime, T.Literal(r)))


__all__ = ["Holds", "NotHolder", "Completed", "Attended", "Origin", "DataError"]


@register
@dataclass(frozen=True, kw_only=True)
class PartsHeld(Condition):
    """The parts of ``of`` (a qualification made of parts: the CCP of a titre professionnel,
    the blocs of a CQP) still missing: exactly ``missing``, or at least ``missing_ge``.
    Nobody gives the number of parts of a class of titles: a record holding some parts,
    of a number the question does not give, cannot tell (``--missing N`` tells).

    >>> from passerelles.rules.record import Parts
    >>> last = PartsHeld(of="TP", missing=1)
    >>> last.evaluate(Record(parts=(Parts("TP", "CCP", 1),))), last.evaluate(Record(parts=(Parts("TP", "CCP", 2),)))
    (<Truth.MET: 'met'>, <Truth.NOT_MET: 'not met'>)
    >>> last.evaluate(Record(parts=(Parts("TP", "CCP", None),))), PartsHeld(of="TP", missing=0).evaluate(Record())
    (<Truth.UNKNOWN: 'cannot tell'>, <Truth.NOT_MET: 'not met'>)
    """

    key = "parts"
    filters = ("missing",)
    reads = "history"
    text_inside = True
    of: str
    missing: int | None = None
    missing_ge: int | None = None

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> PartsHeld:
        d = mapping(value, "parts", {"of", "missing", "missing_ge", "text"}, ("of",))
        extras = inner_text(d, extras)
        if (d.get("missing") is None) == (d.get("missing_ge") is None):
            raise DataError("parts needs missing or missing_ge (one of them)", d)
        return cls(of=ids.title(d["of"], "parts of", d),
                   missing=integer(d["missing"], "parts missing", d) if d.get("missing") is not None else None,
                   missing_ge=integer(d["missing_ge"], "parts missing_ge", d) if d.get("missing_ge") is not None else None,
                   **extras)

    def evaluate(self, record: Record) -> Truth:
        if record.title(self.of) is not None:
            missing: int | None = 0
        else:
            held = record.parts_of(self.of)
            missing = held.missing if held is not None else None
        if missing is None:          # some (or none) held, how many missing not said: at least one
            low = 1
            if self.missing is not None:
                return NOT_MET if self.missing < low else UNKNOWN
            return MET if self.missing_ge <= low else UNKNOWN
        if self.missing is not None:
            return Truth.of(missing == self.missing)
        return Truth.of(missing >= self.missing_ge)

    def default_words(self) -> str:
        if self.missing == 0:
            return f"détenir toutes les parties du {self.of}"
        if self.missing is not None:
            return f"qu'il manque exactement {self.missing} partie(s) du {self.of}"
        return f"qu'il manque au moins {self.missing_ge} partie(s) du {self.of}"

    def titles_named(self) -> frozenset[str]:
        return frozenset({self.of})

    def value(self) -> Any:
        return {"of": self.of, **({"missing": self.missing} if self.missing is not None else {"missing_ge": self.missing_ge})}

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        g.add((node, T.PSL.partsOf, T.title_iri(self.of)))
        if self.missing is not None:
            g.add((node, T.PSL.partsMissing, T.Literal(self.missing, datatype=T.XSD.integer)))
        else:
            g.add((node, T.PSL.partsMissingAtLeast, T.Literal(self.missing_ge, datatype=T.XSD.integer)))


__all__ += ["PartsHeld"]
