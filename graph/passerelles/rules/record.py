"""A pupil's record: what the rules read, and what every step of a route extends.

The record holds the years attended (each with its regime, its result and how many school
years it took), the titles held (each with the regime of the rule that awarded it, when the
route awarded it), the parts of a qualification held so far (the CCP of a titre
professionnel, the blocs of a CQP: how many are still missing, when known), the year the
pupil is enrolled in, the age, majority and contracts, the jurisdiction and the systems the
pupil's titles come from, what the question says of the person beyond school — years of
related experience, status (salarié, demandeur d'emploi …), the registers the certification
sought is in (RNCP, RS), the months since a session's result — and the scope of the question
(regime, sector, school year, jurisdiction).

What the record knows is certain; what it *may* hold is said by ``maybe_*`` (what the titles
and years given as FROM imply without saying which: a CQ6 holder attended a 6th year, passed
or not); anything else is known not to be there — except for a pupil of unknown history
(``open``, the question ``START``), for whom any year may have been done. Titles are the
exception: a title the question does not name may still be held (a ``holds`` condition on it
cannot be told).

Records are frozen and hashable, in a canonical form (regimes sorted, titles by id, sets for
what has no order; the years in the order they were attended, which is the pupil's history):
the route search explores them, and two routes reaching the same record are at the same
point, so the search over records stays finite (a year is entered once, a title awarded once).

>>> r = Record().enrol("5P", ("article-49",)).study(Result.PASSED)
>>> r.passed("5P"), r.passed("6P"), r.last
(<Truth.MET: 'met'>, <Truth.NOT_MET: 'not met'>, '5P')
>>> r.award("CE6P", ("article-49",), closes="5P").holds("CE6P"), r.holds("CQ6")
(<Truth.MET: 'met'>, <Truth.UNKNOWN: 'cannot tell'>)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple
from enum import StrEnum

from .truth import MET, NOT_MET, UNKNOWN, Truth


class Result(StrEnum):
    """How a year ended: with success, without, or attended (the route does not need to say)."""

    PASSED = "passed"
    FAILED = "failed"
    ATTENDED = "attended"


class YearDone(NamedTuple):
    """A year or formation attended: its regime(s), result and school years.

    ``years`` is the number of school years it took, a lower bound when ``exact`` is false
    (a formation whose length the text does not give); ``sanctioned`` is false when the year
    could not be sanctioned (élève libre); ``in_route`` tells a year of the route from one
    the question gave; ``form`` is the form of education (P, TQ …) when the year has one.
    """

    year: str
    regimes: tuple[str, ...]
    result: Result
    years: int
    exact: bool = True
    sanctioned: bool = True
    in_route: bool = False
    form: str | None = None


class Held(NamedTuple):
    """A title held: ``regimes`` of the rule that awarded it and the year it ``closes``
    (``None`` when not known — a title the question gave)."""

    title: str
    regimes: tuple[str, ...] | None = None
    closes: str | None = None


class Scope(NamedTuple):
    """What the question restricts: the regime of the steps, the sector of 7th-year
    options, the school year of the rules, the jurisdiction of the rules (BE includes BE-FWB)."""

    regime: str | None = None
    sector: int | None = None
    school_year: str | None = None
    jurisdiction: str | None = None


class Parts(NamedTuple):
    """Parts of the qualification ``whole`` held (``part``: the kind of part, CCP or bloc);
    ``missing`` is how many are still missing, ``None`` when no one says (the corpus never
    gives the number of CCP of a titre, nor of blocs of a CQP)."""

    whole: str
    part: str
    missing: int | None = None


@dataclass(frozen=True, eq=True)
class Record:
    """A pupil's whole record (see the module docstring)."""

    years: tuple[YearDone, ...] = ()
    titles: tuple[Held, ...] = ()
    enrolled: str | None = None
    enrolled_regimes: tuple[str, ...] = ()
    last: str | None = None                  # the year the next steps may start from
    fresh: frozenset[str] = frozenset()      # titles the next step may start from
    pending: tuple[str, ...] = ()            # effect rules waiting for the next admission
    chain: str | None = None                 # a title just awarded: the next step starts from it
    option: str | None = None                # the 7th-year option entered
    maybe_passed: frozenset[str] = frozenset()
    maybe_attended: frozenset[str] = frozenset()
    maybe_failed: frozenset[str] = frozenset()
    open: bool = False
    age: float | None = None
    adult: bool | None = None
    contracts: frozenset[str] = frozenset()
    jurisdiction: str = "BE-FWB"
    systems: frozenset[str] = frozenset()     # the systems FROM's title or year belongs to
    parts: tuple[Parts, ...] = ()             # parts of qualifications held, by whole
    experience: float | None = None           # months of experience related to the certification sought
    status: frozenset[str] = frozenset()      # salarié, demandeur d'emploi, jeune en formation initiale
    registered: frozenset[str] | None = None  # registers of the certification sought (None: not said)
    since_result: float | None = None         # months since the result of the last exam session
    scope: Scope = Scope()

    def __hash__(self) -> int:
        # records are the search's states: hashed often, so the hash is kept
        h = self.__dict__.get("_hash")
        if h is None:
            h = hash(tuple(getattr(self, f) for f in _FIELDS))
            object.__setattr__(self, "_hash", h)
        return h

    def _with(self, **changes: Any) -> Record:
        """A copy with ``changes`` (``dataclasses.replace`` without its per-call introspection:
        the search makes many records)."""
        new = object.__new__(Record)
        d = dict(self.__dict__)
        d.pop("_hash", None)
        d.update(changes)
        new.__dict__.update(d)
        return new

    # -- what the rules read ------------------------------------------------------------
    @property
    def is_adult(self) -> bool | None:
        if self.adult is not None:
            return self.adult
        if self.age is not None:
            return self.age >= 18
        return None

    def entries(self, year: str) -> list[YearDone]:
        return [y for y in self.years if y.year == year]

    def passed(self, year: str) -> Truth:
        """Whether ``year`` was completed with success."""
        entries = self.entries(year)
        if any(e.result is Result.PASSED and e.sanctioned for e in entries):
            return MET
        if any(e.result is Result.ATTENDED and e.sanctioned for e in entries):
            return UNKNOWN
        return UNKNOWN if self.open or year in self.maybe_passed else NOT_MET

    def attended(self, year: str) -> Truth:
        """Whether ``year`` was attended (whatever its result)."""
        if self.entries(year):
            return MET
        return UNKNOWN if self.open or year in self.maybe_attended else NOT_MET

    def failed(self, year: str) -> Truth:
        entries = self.entries(year)
        if any(e.result is Result.FAILED for e in entries):
            return MET
        if any(e.result is Result.ATTENDED for e in entries):
            return UNKNOWN
        return UNKNOWN if self.open or year in self.maybe_failed else NOT_MET

    def title(self, title: str) -> Held | None:
        return next((h for h in self.titles if h.title == title), None)

    def holds(self, title: str) -> Truth:
        """Met when held; otherwise it cannot be told (a title the question does not give
        may still be held)."""
        return MET if self.title(title) else UNKNOWN

    def parts_of(self, whole: str) -> Parts | None:
        """The parts of ``whole`` held, if any."""
        return next((p for p in self.parts if p.whole == whole), None)

    @property
    def studied_in_route(self) -> bool:
        return any(y.in_route for y in self.years) or self.enrolled is not None

    # -- what a step does ---------------------------------------------------------------
    def enrol(self, year: str, regimes: tuple[str, ...]) -> Record:
        """Admitted to ``year``: the pending effects are spent, fresh titles are no longer fresh."""
        return self._with(enrolled=year, enrolled_regimes=tuple(sorted(regimes)), fresh=frozenset(), pending=(),
                       chain=None)

    def study(self, result: Result, years: int | None = 1, sanctioned: bool = True, form: str | None = None) -> Record:
        """The enrolled year ends with ``result``; ``years`` ``None``: a formation of unknown length."""
        done = YearDone(self.enrolled, self.enrolled_regimes, result, years or 0, years is not None, sanctioned, True, form)
        # the time since a session's result the question gave is about its past: once the
        # route has studied or sat something, the latest result is the route's own
        return self._with(years=self.years + (done,), enrolled=None, enrolled_regimes=(), last=self.enrolled,
                       fresh=frozenset(), chain=None, since_result=None)

    def award(self, title: str, regimes: tuple[str, ...] | None, closes: str | None = None,
              pending: str | None = None) -> Record:
        held = Held(title, tuple(sorted(regimes)) if regimes is not None else None, closes)
        # titles in a canonical order: two routes obtaining the same titles reach the same record
        return self._with(titles=tuple(sorted(self.titles + (held,), key=lambda h: h.title)), fresh=self.fresh | {title},
                       pending=self.pending + ((pending,) if pending else ()), chain=title)

    def award_part(self, whole: str, part: str, count: int = 1, regimes: tuple[str, ...] | None = None) -> Record:
        """``count`` more parts of ``whole`` (at least one, when ``count`` is ``None``: a jury
        that awards « un ou plusieurs CCP »). The part title is held, fresh, and the chain
        goes on from it; the number still missing drops when it is known.

        >>> r = Record(parts=(Parts("TP", "CCP", 2),)).award_part("TP", "CCP")
        >>> r.parts_of("TP"), r.holds("CCP")
        (Parts(whole='TP', part='CCP', missing=1), <Truth.MET: 'met'>)
        """
        held = self.parts_of(whole)
        if held is None:
            new = Parts(whole, part, None)
        elif held.missing is None or count is None:
            new = held._replace(missing=None)
        else:
            new = held._replace(missing=max(held.missing - count, 0))
        parts = tuple(sorted([p for p in self.parts if p.whole != whole] + [new]))
        titles = self.titles if self.title(part) else tuple(sorted(self.titles + (Held(part, tuple(sorted(regimes)) if regimes is not None else None),),
                                                                  key=lambda h: h.title))
        return self._with(parts=parts, titles=titles, fresh=self.fresh | {part}, chain=part)

    def complete(self, whole: str) -> Record:
        """All the parts of ``whole`` are held (the whole was awarded)."""
        held = self.parts_of(whole)
        if held is None:
            return self
        return self._with(parts=tuple(sorted([p for p in self.parts if p.whole != whole] + [held._replace(missing=0)])))

    def attest(self, year: str, years: int | None, form: str | None = None) -> Record:
        """A title held shows ``year`` completed with success (the CE6P shows the 6P)."""
        done = YearDone(year, (), Result.PASSED, years or 0, years is not None, form=form)
        return self._with(years=self.years + (done,), last=year, fresh=frozenset(), chain=None)

    def extend(self, year: str, years: int) -> tuple[Record, int]:
        """Count at least ``years`` school years for the route's formation ``year`` of
        unknown length; returns the record and the years added."""
        out, added = [], 0
        for e in self.years:
            if e.year == year and e.in_route and not e.exact and e.years < years:
                added += years - e.years
                e = e._replace(years=years)
            out.append(e)
        return (self._with(years=tuple(out)), added) if added else (self, 0)

    def enter_option(self, code: str) -> Record:
        return self._with(option=code)

    @property
    def route_years(self) -> int:
        """School years the route has taken so far (lower bounds for formations of unknown length)."""
        return sum(e.years for e in self.years if e.in_route)

    @property
    def route_exact(self) -> bool:
        return all(e.exact for e in self.years if e.in_route)


_FIELDS = tuple(f for f in Record.__dataclass_fields__)
