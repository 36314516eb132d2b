"""Route questions, in one call: the filters checked, the view, the names, the pupil's
record, the search — and the answer as a record.

The front door (:meth:`passerelles.Passerelles.route`), the command line and the diagrams
all ask through :func:`ask`. The filters a question takes (the pupil's age, majority,
contracts, titles held; the regime, sector, school year and jurisdiction; and, for the other
systems, the person's experience, status, the registers of the certification sought, the
time since a session's result and the parts still missing) are declared once, in
:data:`FILTERS`: each name with the function that checks its value. A keyword that is not
there is refused with the list of those that are; a new filter is one entry there (and what
the pupil's record makes of it in :func:`question_record`).

>>> from passerelles.api import Passerelles
>>> answer = ask(Passerelles(), "CE6P", "CESS", k=1)
>>> answer.source.id, answer.target.id, answer.routes[0].years
('CE6P', 'CESS', 1)
>>> ask(Passerelles(), "CE6P", "CESS", contract=["contrat-alternance"])
Traceback (most recent call last):
...
passerelles.errors.UnknownKeywordError: unknown filter 'contract': expected one of age, adult, contracts, holds, regime, sector, year, jurisdiction, experience, status, registered, since_result, missing (did you mean 'contracts'?)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import InputError, NoAnswer, NoRoute, UnknownKeywordError, UnknownValueError
from ..rules.record import Record, Scope
from ..rules.time import months
from ..rules.vocab import Contract, Jurisdiction, Regime, Register, Status, values
from ..text import fold
from .diagnose import Diagnosis
from .find import Opening, find_routes
from .names import Resolved, prepare, resolve
from .search import Route
from .start import start_record
from .saved_view import load_view
from .view import RouteView, build_view

REGIMES = tuple(values(Regime))
CONTRACTS = tuple(values(Contract))
JURISDICTIONS = tuple(values(Jurisdiction))
STATUSES = tuple(values(Status))
#: ``none``: the certification sought is in no register.
REGISTERS = tuple(values(Register)) + ("none",)
#: At most this many of the shortest routes (``k``); ``explain`` justifies at most :data:`MAX_EXPLAINED`.
MAX_K = 50
MAX_EXPLAINED = 20


def view_of(app) -> RouteView:
    """The route view of an app's store, made once per app: read from beside the cache's
    store when an earlier command saved it there (:mod:`passerelles.routes.saved_view`)."""
    view = getattr(app, "_route_view", None)
    if view is None:
        view = load_view(app, lambda: prepare(build_view(app.store)))
        app._route_view = view
    return view


# --------------------------------------------------------------------------- the filters
def _names(value: Any, what: str) -> tuple[str, ...]:
    """One name or several: a string is one name, never a sequence of letters."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple, set, frozenset)) and all(isinstance(v, str) for v in value):
        return tuple(sorted(value) if isinstance(value, (set, frozenset)) else value)
    raise InputError(f"{what}: one name or a list of names, not {value!r}")


def _age(value: Any, view: RouteView) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 120:
        raise InputError(f"age must be a number of years between 0 and 120 (got {value!r})")
    return value


def _adult(value: Any, view: RouteView) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise InputError(f"adult is true (of age), false (a minor) or unknown (None), not {value!r}")
    return value


def _contracts(value: Any, view: RouteView) -> tuple[str, ...]:
    out = []
    for c in _names(value, "contracts"):
        if c not in CONTRACTS:
            raise UnknownValueError("contract", c, CONTRACTS)
        if c not in out:
            out.append(c)
    return tuple(out)


def _holds(value: Any, view: RouteView) -> tuple[str, ...]:
    held: list[str] = []
    for h in _names(value, "holds"):
        found = resolve(view, h)
        if found.kind != "title":
            raise InputError(f"holds takes a title (CQ6, CEB …); {found.id} is a {found.kind}")
        if found.id not in held:
            held.append(found.id)
    return tuple(held)


def _one_of(value: Any, allowed: tuple[str, ...], what: str) -> str:
    """``value`` as one of ``allowed``, read as people type it (case and accents aside:
    « salarié », ``rncp``), else an :class:`~passerelles.errors.UnknownValueError`."""
    if isinstance(value, str):
        for a in allowed:
            if fold(a) == fold(value.strip()):
                return a
    raise UnknownValueError(what, value, allowed)


def _span(value: Any, what: str) -> float | None:
    """A span of time given as ``2y``, ``18m`` or a number of years, in months."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0:
            raise InputError(f"{what} must not be negative (got {value})")
        return float(value) * 12
    try:
        return months(str(value))
    except ValueError as exc:
        raise InputError(f"{what}: {exc}") from None


def _regime(value: Any, view: RouteView) -> str | None:
    if value is not None and value not in REGIMES:
        raise UnknownValueError("regime", value, REGIMES)
    return value


def _sector(value: Any, view: RouteView) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10):
        raise InputError(f"sector must be between 1 and 10 (the table of sectors; got {value!r})")
    return value


def _year(value: Any, view: RouteView) -> str | None:
    if value is None:
        return None
    if not (isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{4}", value)
            and int(value[5:]) == int(value[:4]) + 1):
        raise InputError(f"year must be a school year such as 2019-2020 (got {value!r})")
    return value


def _jurisdiction(value: Any, view: RouteView) -> str | None:
    """Only rules of this jurisdiction (BE includes BE-FWB)."""
    return None if value is None else _one_of(value, JURISDICTIONS, "jurisdiction")


def _experience(value: Any, view: RouteView) -> float | None:
    """Experience related to the certification sought (``2y``, ``18m``, years), in months."""
    return _span(value, "experience")


def _status(value: Any, view: RouteView) -> frozenset[str]:
    """The person's status (salarie, demandeur-emploi, formation-initiale)."""
    return frozenset(_one_of(s, STATUSES, "status") for s in _names(value, "status"))


def _registered(value: Any, view: RouteView) -> frozenset[str] | None:
    """The registers the certification sought is in (RNCP, RS); ``none``: in none; not
    given: not said (``None``)."""
    given = _names(value, "registered")
    if not given:
        return None
    regs = {_one_of(r, REGISTERS, "register") for r in given}
    if "none" in regs and len(regs) > 1:
        raise InputError("registered none (in no register) excludes RNCP and RS")
    return frozenset(regs - {"none"})


def _since_result(value: Any, view: RouteView) -> float | None:
    """The time since the result of the last exam session (``14m``, ``2y``), in months."""
    return _span(value, "since-result")


def _missing(value: Any, view: RouteView) -> int | None:
    """How many parts (CCP of a titre, blocs of a CQP) are still missing when FROM is a part."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise InputError(f"missing must be a whole number of parts, 0 or more (got {value!r})")
    return value


#: The filters of a route question, each with the function that checks its value (and
#: reads names with the view). The one place a new filter is declared.
FILTERS: dict[str, Callable[[Any, RouteView], Any]] = {
    "age": _age, "adult": _adult, "contracts": _contracts, "holds": _holds, "regime": _regime,
    "sector": _sector, "year": _year, "jurisdiction": _jurisdiction, "experience": _experience,
    "status": _status, "registered": _registered, "since_result": _since_result, "missing": _missing,
}


#: What each filter of the pupil's profile says, in French, with its option (for the note that
#: a filter concerns no step of the routes).
FILTER_WORDS = {"age": "l'âge (--age)", "adult": "la majorité (--adult/--minor)", "contracts": "les contrats (--contract)",
                "experience": "l'expérience (--experience)", "status": "le statut (--status)",
                "registered": "le répertoire de la certification (--registered)",
                "since_result": "le temps écoulé depuis le résultat (--since-result)",
                "missing": "le nombre de parties manquantes (--missing)"}


def unused_filters(routes, checked: dict[str, Any], record: Record) -> tuple[str, ...]:
    """The filters given (of :data:`FILTER_WORDS`) that no condition of any step of ``routes``
    reads (:attr:`~passerelles.rules.conditions.Condition.filters`): they concern none of these
    routes, and the answer says so rather than ignore them silently. ``missing`` also concerns
    a route whenever FROM (or ``holds``) is a part, as it counts the parts of its whole."""
    given = [f for f in FILTER_WORDS if checked.get(f) not in (None, (), frozenset())]
    if not given or not routes:
        return ()
    read = set()
    for route in routes:
        for step in route.steps:
            for t in (step.transition, *step.also):
                if t.conditions is not None:
                    read.update(f for c in t.conditions.walk() for f in type(c).filters)
    if record.parts:
        read.add("missing")
    return tuple(f for f in given if f not in read)


def check_filters(view: RouteView, **filters) -> dict[str, Any]:
    """Every filter of :data:`FILTERS`, checked (unknown keywords and bad values raise
    :class:`~passerelles.errors.InputError` listing the valid ones); absent ones are None or
    empty."""
    for name in filters:
        if name not in FILTERS:
            raise UnknownKeywordError("filter", name, FILTERS)
    out = {name: check(filters.get(name), view) for name, check in FILTERS.items()}
    age, adult = out["age"], out["adult"]
    if age is not None and adult is not None and (age >= 18) != adult:
        raise InputError(f"age {age:g} contradicts {'adult' if adult else 'minor'} (of age at 18)")
    return out


def question_record(view: RouteView, source: Resolved | None = None, **filters) -> Record:
    """The checked record of a question: FROM (``source``; none: any pupil), ``holds`` and the
    filters (:data:`FILTERS`)."""
    return record_of(view, source, check_filters(view, **filters))


def record_of(view: RouteView, source: Resolved | None, f: dict[str, Any]) -> Record:
    """The record of a question from its checked filters (:func:`check_filters`)."""
    from .states import START
    start = source.start if source is not None and source.start is not None else START
    return start_record(view, start, f["holds"], f["age"], f["adult"], frozenset(f["contracts"]),
                        Scope(f["regime"], f["sector"], f["year"], f["jurisdiction"]), experience=f["experience"],
                        status=f["status"], registered=f["registered"], since_result=f["since_result"],
                        missing=f["missing"])


def resolve_name(view: RouteView, name: Any, jurisdiction: str | None = None) -> Resolved:
    """What ``name`` designates, among the titles and years of ``jurisdiction`` when given
    (checked: an unknown jurisdiction lists the valid ones)."""
    if not isinstance(name, str):
        raise InputError(f"a name is text (an id, an abbreviation, a label), not {name!r}")
    return resolve(view, name, _jurisdiction(jurisdiction, view))


# --------------------------------------------------------------------------- the answer
@dataclass(frozen=True)
class Answer:
    """The routes of a question.

    Fields: ``source`` and ``target`` (what FROM and TO name: :class:`~.names.Resolved`),
    ``record`` (the pupil's record the routes start from), ``routes`` (typed
    :class:`~.search.Route` objects, shortest first: their ``steps`` carry the rule, the
    conditions still to meet — typed :class:`~passerelles.rules.conditions.Condition`
    objects —, the record before the step and the school years), ``note`` (when the routes
    open with a rule open to any pupil; ``opening`` says why, typed:
    :class:`~.find.Opening`), ``unused`` (the filters given that no step of the routes reads,
    each said in a note: :meth:`unused_notes`), ``diagnosis`` (when there is no route: which step fails, and
    why), ``filters`` (the question's filters, checked) and ``view`` (the route view the
    answer was found in).

    ``to_dict()`` is the JSON of ``passerelles route --json``; ``frame()`` a DataFrame with
    one row per route; ``text(width)`` the answer for people (a summary line per route, the
    legal basis of each step, the conditions as a tree).
    """

    source: Resolved
    target: Resolved
    record: Record
    routes: tuple[Route, ...]
    note: str | None = None
    diagnosis: Diagnosis | None = None
    filters: dict = field(default_factory=dict, compare=False)
    view: RouteView = field(default=None, compare=False, repr=False)
    opening: Opening | None = None
    unused: tuple[str, ...] = ()

    def unused_notes(self) -> list[str]:
        """For each filter given that no step of the routes reads, a note in French."""
        return [f"Filtre sans effet : {FILTER_WORDS[f]} ne concerne aucune étape de ces parcours (aucune de leurs "
                f"conditions n'en dépend)." for f in self.unused]

    def to_dict(self) -> dict:
        from .explain import answer_record
        return answer_record(self)

    def frame(self):
        """One row per route: ``route`` (the summary line), ``years``, ``years_at_least``,
        ``steps``, ``basis`` (the citations of its steps) and ``conditions`` (how many are
        still to meet)."""
        from ..records import to_frame
        from .summary import route_row
        return to_frame([route_row(self, r) for r in self.routes])

    def text(self, width: int = 80) -> str:
        """The answer for people, wrapped at ``width`` columns (:mod:`.summary`)."""
        from .summary import answer_text
        return answer_text(self, width)


def _search_options(k: Any, all_routes: Any, max_years: Any, most: int = MAX_K) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= most:
        raise InputError(f"k (how many of the shortest routes) must be between 1 and {most} (got {k!r})")
    if not isinstance(all_routes, bool):
        raise InputError(f"all_routes is true or false, not {all_routes!r}")
    if max_years is not None and (isinstance(max_years, bool) or not isinstance(max_years, int) or max_years < 0):
        raise InputError(f"max_years must be a number of school years, 0 or more (got {max_years!r})")
    if max_years is not None and not all_routes:
        raise InputError("a maximum of school years (max_years) bounds every route (all routes), "
                         "not the k shortest: ask for all routes")


def ask(app, from_: str, to: str, k: int = 3, all_routes: bool = False, max_years: int | None = None,
        **filters) -> Answer:
    """Routes from ``from_`` to ``to`` for the pupil described by ``filters`` (:data:`FILTERS`).

    Raises
    ------
    InputError
        A bad name (:class:`~passerelles.errors.UnknownNameError`, with candidates), filter
        or option.
    NoRoute
        No route: its ``answer`` holds the question, no route and the diagnosis.
    """
    _search_options(k, all_routes, max_years)
    view = view_of(app)
    for what, name in (("FROM", from_), ("TO", to)):
        if not isinstance(name, str):
            raise InputError(f"{what} is a name (a title, a year, an option …), not {name!r}")
    source, target = resolve(view, from_), resolve(view, to)
    if source.id == target.id:
        raise InputError(f"FROM and TO are the same ({source.id})")
    if source.start is None:
        raise InputError(f"{source.id} is a goal, not a starting point (name a title or a completed year)")
    checked = check_filters(view, **filters)
    record = record_of(view, source, checked)
    try:
        found = find_routes(view, source, target, record, k=k, all_routes=all_routes, max_years=max_years)
    except NoAnswer as exc:
        cause = exc.args[0] if exc.args else str(exc)
        diagnosis = cause if isinstance(cause, Diagnosis) else Diagnosis(str(cause), source.id, target.id)
        answer = Answer(source, target, record, (), None, diagnosis, checked, view)
        raise NoRoute(diagnosis, answer) from None
    return Answer(source, target, record, tuple(found.routes), found.note, None, checked, view, found.opening,
                  unused_filters(found.routes, checked, record))
