"""Routes for a question, in one call: the view, the names, the pupil's record, the search.

The command line and the Python API both ask through :func:`ask`.

>>> from passerelles.api import Passerelles
>>> answer = ask(Passerelles(), "CE6P", "CESS", k=1)
>>> answer.source.id, answer.target.id, answer.routes[0].years
('CE6P', 'CESS', 1)
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from typing import Iterable

from ..errors import InputError
from ..rules.record import Record, Scope
from ..rules.time import months
from ..text import fold
from ..rules.vocab import Contract, Jurisdiction, Regime, Register, Status, values
from .find import find_routes
from .names import Resolved, resolve
from .search import Route
from .start import start_record
from .view import RouteView, build_view

REGIMES = tuple(values(Regime))
CONTRACTS = tuple(values(Contract))
JURISDICTIONS = tuple(values(Jurisdiction))
STATUSES = tuple(values(Status))
REGISTERS = tuple(values(Register)) + ("none",)
#: The filters a question may give (what the record holds beyond FROM).
FILTERS = ("age", "adult", "contracts", "holds", "regime", "sector", "year", "jurisdiction", "experience", "status",
           "registered", "since_result", "missing")


def _one_of(value: str, allowed: tuple[str, ...], what: str) -> str:
    """``value`` as one of ``allowed`` (case aside), or an InputError with the closest."""
    for a in allowed:
        if fold(a) == fold(str(value).strip()):      # case and accents aside: « salarié »
            return a
    close = get_close_matches(str(value), allowed, n=1, cutoff=0.4)
    raise InputError(f"unknown {what} {value!r}; one of {', '.join(allowed)}" + (f" (did you mean {close[0]}?)" if close else ""))


def _span(value, what: str) -> float:
    """A span of time given as ``2y``, ``18m`` or a number of years, in months."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0:
            raise InputError(f"{what} must not be negative (got {value})")
        return float(value) * 12
    try:
        return months(str(value))
    except ValueError as exc:
        raise InputError(f"{what}: {exc}") from None


def person(experience=None, status: Iterable[str] = (), registered: Iterable[str] | None = None,
           since_result=None, missing: int | None = None) -> dict:
    """What a question says of the person beyond school, checked: ``experience`` and
    ``since_result`` as spans (``2y``, ``18m``; in months in the record), ``status``
    (salarie, demandeur-emploi, formation-initiale), ``registered`` (RNCP, RS, or none: the
    certification sought is in no register), ``missing`` parts of the whole a part given is of.

    >>> person(experience="2y", registered=["rncp"])["experience"], person(registered=["none"])["registered"]
    (24.0, frozenset())
    """
    if isinstance(status, str) or isinstance(registered, str):
        raise InputError("status and registered are lists of values, not a single string")
    regs = None
    if registered is not None and list(registered):
        regs = {_one_of(r, REGISTERS, "register") for r in registered}
        if "none" in regs and len(regs) > 1:
            raise InputError("--registered none excludes RNCP and RS")
        regs = frozenset(regs - {"none"})
    if missing is not None and (isinstance(missing, bool) or not isinstance(missing, int) or missing < 0):
        raise InputError(f"missing must be a whole number of parts, 0 or more (got {missing!r})")
    return {"experience": _span(experience, "experience") if experience is not None else None,
            "status": frozenset(_one_of(s, STATUSES, "status") for s in status),
            "registered": regs, "since_result": _span(since_result, "since-result") if since_result is not None else None,
            "missing": missing}


@dataclass
class Answer:
    view: RouteView
    source: Resolved
    target: Resolved
    record: Record
    routes: list[Route]
    note: str | None = None


def resolve_name(view: RouteView, name: str, jurisdiction: str | None = None) -> Resolved:
    """What ``name`` designates, among the titles and years of ``jurisdiction`` when given (checked)."""
    if jurisdiction is not None:
        jurisdiction = _one_of(jurisdiction, JURISDICTIONS, "jurisdiction")
    return resolve(view, name, jurisdiction)


def view_of(app) -> RouteView:
    """The route view of an app's store, built once per app."""
    view = getattr(app, "_route_view", None)
    if view is None:
        view = build_view(app.store)
        app._route_view = view
    return view


def check_filters(view: RouteView, age: float | None = None, adult: bool | None = None,
                  contracts: Iterable[str] = (), holds: Iterable[str] = (), regime: str | None = None,
                  sector: int | None = None, year: str | None = None,
                  jurisdiction: str | None = None) -> tuple[tuple[str, ...], Scope]:
    """The titles of ``holds`` (resolved) and the scope, checked (bad values raise
    :class:`InputError`)."""
    if isinstance(contracts, str) or isinstance(holds, str):
        raise InputError("contracts and holds are lists of names, not a single string")
    if regime is not None and regime not in REGIMES:
        raise InputError(f"regime must be one of {', '.join(REGIMES)} (got {regime!r})")
    for c in contracts:
        if c not in CONTRACTS:
            close = get_close_matches(c, CONTRACTS, n=1, cutoff=0.4)
            raise InputError(f"unknown contract {c!r}; one of {', '.join(CONTRACTS)}" + (f" (did you mean {close[0]}?)" if close else ""))
    if year is not None and not (len(year) == 9 and year[4] == "-" and year[:4].isdigit() and year[5:].isdigit()
                                 and int(year[5:]) == int(year[:4]) + 1):
        raise InputError(f"year must be a school year such as 2019-2020 (got {year!r})")
    if age is not None and not 0 <= age <= 120:
        raise InputError(f"age must be between 0 and 120 (got {age})")
    if age is not None and adult is not None and (age >= 18) != adult:
        raise InputError(f"--{'adult' if adult else 'minor'} contradicts --age {age:g}")
    if sector is not None and not 1 <= sector <= 10:
        raise InputError(f"sector must be between 1 and 10 (the table of sectors; got {sector})")
    if jurisdiction is not None:
        jurisdiction = _one_of(jurisdiction, JURISDICTIONS, "jurisdiction")
    held = []
    for h in holds:
        found = resolve(view, h)
        if found.kind != "title":
            raise InputError(f"--holds takes a title (CQ6, CEB …); {found.id} is a {found.kind}")
        if found.id not in held:
            held.append(found.id)
    return tuple(held), Scope(regime, sector, year, jurisdiction)


def question_record(view: RouteView, source: Resolved | None = None, age: float | None = None,
                    adult: bool | None = None, contracts: Iterable[str] = (), holds: Iterable[str] = (),
                    regime: str | None = None, sector: int | None = None, year: str | None = None,
                    jurisdiction: str | None = None, experience=None, status: Iterable[str] = (),
                    registered: Iterable[str] | None = None, since_result=None, missing: int | None = None) -> Record:
    """The checked record of a question: FROM (``source``; none: any pupil), ``holds`` and the filters."""
    from .states import START
    held, scope = check_filters(view, age, adult, contracts, holds, regime, sector, year, jurisdiction)
    beyond = person(experience, status, registered, since_result, missing)
    start = source.start if source is not None and source.start is not None else START
    return start_record(view, start, held, age, adult, frozenset(contracts), scope, **beyond)


def ask(app, from_: str, to: str, k: int = 3, all_routes: bool = False, max_years: int | None = None,
        **filters) -> Answer:
    """Routes from ``from_`` to ``to`` for the pupil described by ``filters`` (age, adult,
    contracts, holds, regime, sector, year, jurisdiction; and for the other systems
    experience ``2y``, status, registered ``[RNCP]``, since_result ``14m``, missing parts)."""
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise InputError(f"unknown filter {sorted(unknown)[0]!r}; the filters are {', '.join(FILTERS)}")
    view = view_of(app)
    source, target = resolve(view, from_), resolve(view, to)
    if source.id == target.id:
        raise InputError(f"FROM and TO are the same ({source.id})")
    if max_years is not None and (not all_routes or max_years < 0):
        raise InputError("--max-years goes with --all and is 0 or more")
    if source.start is None:
        raise InputError(f"{source.id} is a goal, not a starting point (name a title or a completed year)")
    record = question_record(view, source, **filters)
    found = find_routes(view, source, target, record, k=k, all_routes=all_routes, max_years=max_years)
    return Answer(view, source, target, record, found.routes, found.note)
