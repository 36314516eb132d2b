"""What the question says of a person beyond school: years of related experience, status
(salarié, demandeur d'emploi …), the registers of the certification sought (RNCP, RS), and
windows of time reckoned from or before an event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..parse import DataError, Ids, integer, mapping, member, sequence
from ..record import Record
from ..truth import MET, NOT_MET, UNKNOWN, Truth
from ..vocab import (STATUS_LABELS, Event, ExperienceKind, Purpose, Register, Status as StatusKind)
from .base import Condition, inner_text, register
from . import terms as T

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

_KIND_WORDS = {ExperienceKind.PROFESSIONNELLE: "professionnelle", ExperienceKind.EXTRA_PROFESSIONNELLE: "extra-professionnelle"}


@register
@dataclass(frozen=True, kw_only=True)
class Experience(Condition):
    """At least ``years`` of experience (``related``: in direct relation with the certification;
    ``None`` when the text does not say; ``kinds``: professional, extra-professional;
    ``continuous``: ``False`` when the text says it need not be).

    The question gives the years of experience related to the certification sought
    (``--experience 2y``); experience the text does not qualify is compared with them too.

    >>> c = Experience(years=1, related=True)
    >>> c.evaluate(Record(experience=24)), c.evaluate(Record(experience=6)), c.evaluate(Record())
    (<Truth.MET: 'met'>, <Truth.NOT_MET: 'not met'>, <Truth.UNKNOWN: 'cannot tell'>)
    """

    key = "experience"
    filters = ("experience",)
    reads = "profile"
    text_inside = True
    years: float
    related: bool | None = None
    kinds: tuple[ExperienceKind, ...] = ()
    continuous: bool | None = None

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Experience:
        d = mapping(value, "experience", {"years", "related", "kinds", "continuous", "text"}, ("years",))
        extras = inner_text(d, extras)
        years = d["years"]
        if isinstance(years, bool) or not isinstance(years, (int, float)) or years < 0:
            raise DataError(f"experience years must be a number of years, got {years!r}", d)
        for k in ("related", "continuous"):
            if d.get(k) is not None and not isinstance(d[k], bool):
                raise DataError(f"experience {k} must be true or false", d)
        kinds = tuple(member(ExperienceKind, k, "experience kind", d) for k in sequence(d.get("kinds") or [], "kinds"))
        return cls(years=years, related=d.get("related"), kinds=kinds, continuous=d.get("continuous"), **extras)

    def evaluate(self, record: Record) -> Truth:
        if record.experience is None:
            return UNKNOWN
        return Truth.of(record.experience >= self.years * 12)

    def default_words(self) -> str:
        kinds = " ou ".join(_KIND_WORDS[k] for k in self.kinds)
        related = " en rapport direct avec la certification" if self.related else ""
        years = f"{self.years:g} an{'s' if self.years > 1 else ''}"
        return f"justifier d'au moins {years} d'expérience{' ' + kinds if kinds else ''}{related}"

    def value(self) -> Any:
        out: dict[str, Any] = {"years": self.years}
        if self.related is not None:
            out["related"] = self.related
        if self.kinds:
            out["kinds"] = [k.value for k in self.kinds]
        if self.continuous is not None:
            out["continuous"] = self.continuous
        return out

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        g.add((node, T.PSL.experienceYears, T.Literal(self.years, datatype=T.XSD.decimal)))
        if self.related is not None:
            g.add((node, T.PSL.experienceRelated, T.Literal(self.related)))
        for k in self.kinds:
            g.add((node, T.PSL.experienceKind, T.Literal(k.value)))


@register
@dataclass(frozen=True, kw_only=True)
class Status(Condition):
    """The person is one of ``statuses`` (001, l. 35: jeunes en formation initiale, demandeurs
    d'emploi, salariés)."""

    key = "status"
    filters = ("status",)
    reads = "profile"
    statuses: tuple[StatusKind, ...]

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Status:
        items = value if isinstance(value, list) else [value]
        return cls(statuses=tuple(member(StatusKind, s, "status", value) for s in sequence(items, "status", allow_empty=False)),
                   **extras)

    def evaluate(self, record: Record) -> Truth:
        if not record.status:
            return UNKNOWN
        return Truth.of(bool(record.status & {s.value for s in self.statuses}))

    def default_words(self) -> str:
        return "être " + " ou ".join(STATUS_LABELS[s] for s in self.statuses)

    def value(self) -> Any:
        return [s.value for s in self.statuses]

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        for s in self.statuses:
            g.add((node, T.PSL.status, T.Literal(s.value)))


@register
@dataclass(frozen=True, kw_only=True)
class Registered(Condition):
    """The certification sought is registered in one of ``registers``, for ``purpose``: the
    VAE needs the RNCP (002, l. 14, 24), the CPF the RNCP or the RS (l. 18, 21).

    >>> vae = Registered(registers=(Register.RNCP,), purpose=Purpose.VAE)
    >>> vae.evaluate(Record(registered=frozenset({"RS"}))), vae.evaluate(Record())
    (<Truth.NOT_MET: 'not met'>, <Truth.UNKNOWN: 'cannot tell'>)
    """

    key = "registered"
    filters = ("registered",)
    reads = "profile"
    text_inside = True
    registers: tuple[Register, ...]
    purpose: Purpose

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Registered:
        d = mapping(value, "registered", {"in", "purpose", "text"}, ("in", "purpose"))
        extras = inner_text(d, extras)
        registers = tuple(member(Register, r, "register", d) for r in sequence(d["in"], "registered in", allow_empty=False))
        return cls(registers=registers, purpose=member(Purpose, d["purpose"], "registration purpose", d), **extras)

    def evaluate(self, record: Record) -> Truth:
        if record.registered is None:
            return UNKNOWN
        return Truth.of(bool(record.registered & {r.value for r in self.registers}))

    def default_words(self) -> str:
        return f"certification enregistrée au {' ou au '.join(r.value for r in self.registers)} (pour {self.purpose.value.upper()})"

    def value(self) -> Any:
        return {"in": [r.value for r in self.registers], "purpose": self.purpose.value}

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        for r in self.registers:
            g.add((node, T.PSL.register, T.Literal(r.value)))
        g.add((node, T.PSL.purpose, T.Literal(self.purpose.value)))


_EVENT_WORDS = {Event.SESSION_RESULT: "le résultat de la session", Event.START_OF_TRAINING: "le début de la formation",
                Event.START_OF_SECOND_TERM: "le début du second trimestre de cours"}


@register
@dataclass(frozen=True, kw_only=True)
class Window(Condition):
    """A window of time: within ``within_months`` after the event ``after`` (``None``: the
    text does not name it — 003 l. 9 gives « un délai d'un an » and then « Au-delà de cette
    date » with no date), or before one of the events ``before``.

    The question may say how many months have passed since a session's result
    (``--since-result``). With the event unnamed, more months than the window allows
    closes it whatever the event (every event it could run from is at or before the
    result); fewer cannot tell.

    >>> w = Window(within_months=12)
    >>> w.evaluate(Record(since_result=14)), w.evaluate(Record(since_result=3))
    (<Truth.NOT_MET: 'not met'>, <Truth.UNKNOWN: 'cannot tell'>)
    >>> Window(within_months=12, after=Event.SESSION_RESULT).evaluate(Record(since_result=3))
    <Truth.MET: 'met'>
    """

    key = "window"
    filters = ("since_result",)
    reads = "history"          # the time since a result is the question's until the route sits something
    text_inside = True
    within_months: int | None = None
    after: Event | None = None
    before: tuple[Event, ...] = ()

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Window:
        d = mapping(value, "window", {"within_months", "after", "before", "text"})
        extras = inner_text(d, extras)
        within = integer(d["within_months"], "window within_months", d) if d.get("within_months") is not None else None
        before = tuple(member(Event, e, "window before", d) for e in sequence(d.get("before") or [], "window before"))
        if (within is None) == (not before):
            raise DataError("a window is within_months (after an event, named or null) or before events, one of them", d)
        after = member(Event, d["after"], "window after", d) if d.get("after") is not None else None
        return cls(within_months=within, after=after, before=before, **extras)

    def evaluate(self, record: Record) -> Truth:
        if self.within_months is None or record.since_result is None:
            return UNKNOWN
        if record.since_result > self.within_months:
            return NOT_MET
        return MET if self.after is Event.SESSION_RESULT else UNKNOWN

    def default_words(self) -> str:
        if self.before:
            return "avant " + " ou avant ".join(_EVENT_WORDS[e] for e in self.before)
        after = _EVENT_WORDS[self.after] if self.after else "une date que le texte ne précise pas"
        return f"dans les {self.within_months} mois qui suivent {after}"

    def value(self) -> Any:
        out: dict[str, Any] = {}
        if self.within_months is not None:
            out["within_months"] = self.within_months
            out["after"] = self.after.value if self.after else None
        if self.before:
            out["before"] = [e.value for e in self.before]
        return out

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        if self.within_months is not None:
            g.add((node, T.PSL.withinMonths, T.Literal(self.within_months, datatype=T.XSD.integer)))
        if self.after:
            g.add((node, T.PSL.afterEvent, T.Literal(self.after.value)))
        for e in self.before:
            g.add((node, T.PSL.beforeEvent, T.Literal(e.value)))


__all__ = ["Experience", "Status", "Registered", "Window", "MET", "NOT_MET"]
