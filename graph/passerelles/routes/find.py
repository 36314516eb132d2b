"""Routes for a question: the search over records, the fallback to rules open to any pupil,
and the answer when there is no route.

A question from FROM is first answered by what FROM leads to by itself: every step starts
from what the record holds. Only when FROM leads nowhere towards the goal by itself (whatever
the filters: the fallback does not depend on them, so adding a filter never adds a route) may
a route open with a rule that asks for no prior state (``START``) — checked against the
record FROM gives, never discarding it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import networkx as nx

from ..errors import InputError, NoAnswer
from ..rules.record import Held, Record, Scope
from ..rules.truth import NOT_MET
from .diagnose import denials, why_no_route
from .names import Resolved
from .search import MAX_ROUTES, Route, build_route, exclusions, full_conditions, search
from .states import START, StateKind
from .view import RouteView

SECONDARY = "enseignement-secondaire"


@dataclass(frozen=True)
class Opening:
    """Why the routes of a question open with a rule open to any pupil: FROM leads nowhere
    towards TO by itself. ``leading``: when FROM is a class of titles (the CQSS), those of
    its ``named`` titles that do lead there by themselves; ``said``: what a document says FROM
    does not lead to (« document l. N: « … » »)."""

    source: str
    target: str
    leading: tuple[str, ...] = ()
    named: int = 0
    said: tuple[str, ...] = ()

    def note(self) -> str:
        """The note of the JSON answer (``note``)."""
        out = (f"no rule leads from {self.source} to {self.target} by itself: these routes open with a rule that asks "
               f"for no prior state, its conditions checked against what FROM says")
        if self.leading:
            out += (f"; {len(self.leading)} of the {self.named} {self.source} the corpus names lead there by "
                    f"themselves (e.g. {self.leading[0]}): name yours")
        if self.said:
            out += f"; the source says: {'; '.join(self.said)}"
        return out


@dataclass(frozen=True)
class Found:
    """The routes of a question, and why they open with a rule open to any pupil (``opening``)."""

    routes: list[Route]
    opening: Opening | None = None

    @property
    def note(self) -> str | None:
        return self.opening.note() if self.opening is not None else None


def _unfiltered(record: Record) -> Record:
    """The record without what the filters say: whether FROM leads anywhere by itself must
    not depend on them (so a filter never adds a route)."""
    return replace(record, age=None, adult=None, contracts=frozenset(), scope=Scope(), experience=None,
                   status=frozenset(), registered=None, since_result=None,
                   parts=tuple(p._replace(missing=None) for p in record.parts))


def find_routes(view: RouteView, source: Resolved, target: Resolved, record: Record, k: int = 3,
                max_years: int | None = None, all_routes: bool = False, max_steps: int = 16) -> Found:
    """Routes from ``source`` to ``target`` for the pupil ``record`` describes.

    Parameters
    ----------
    view : RouteView
        The route view (:func:`passerelles.routes.view.build_view`).
    source, target : Resolved
        What the pupil holds (or completed) and the goal (:func:`passerelles.routes.names.resolve`).
    record : Record
        The pupil's record at the start (:func:`passerelles.routes.start.start_record`).
    k : int
        How many of the shortest routes (by school years, then steps).
    max_years : int, optional
        With ``all_routes``: keep the routes of at most this many school years.
    all_routes : bool
        Every route (of at most ``max_steps`` steps) instead of the k shortest.

    Returns
    -------
    Found
        Routes shortest first (ties in a stable order).

    Raises
    ------
    NoAnswer
        When there is no route: the message says which step fails and why, with its line.
    InputError
        When ``source`` cannot start a route (an option, ``7e``).

    Examples
    --------
    >>> from passerelles.api import Passerelles
    >>> from passerelles.routes.names import resolve
    >>> from passerelles.routes.service import view_of
    >>> from passerelles.routes.start import start_record
    >>> view = view_of(Passerelles())
    >>> src, dst = resolve(view, "4P"), resolve(view, "CE6P")
    >>> [r] = find_routes(view, src, dst, start_record(view, src.start), k=1).routes
    >>> r.years, [s.target.key for s in r.steps]
    (2, ['in:5P', 'done:5P', 'in:6P', 'done:6P', 'title:CE6P'])
    """
    if source.start is None:
        raise InputError(f"{source.id} is a goal, not a starting point (name a title or a completed year)")
    if not target.nodes:
        raise NoAnswer(f"no route from {source.id} to {target.id}: no option or year matches {target.id}")
    entries = source.start == START
    if entries and not record.systems:
        record = replace(record, systems=start_systems(view, target))
    options = dict(k=k, max_years=max_years, all_routes=all_routes, max_steps=max_steps)
    raw = search(view, record, target.nodes, entries=entries, **options)
    opening = None
    if not raw and not entries and not search(view, _unfiltered(record), target.nodes, k=1, max_steps=max_steps):
        entries = True
        raw = search(view, record, target.nodes, entries=True, **options)
        leading, named = _class_leading(view, source, target, record, max_steps)
        opening = Opening(source.id, target.id, leading, named, tuple(denials(view, source.id, target.id)))
    if not raw:
        if max_years is not None and search(view, record, target.nodes, k=1, entries=entries, max_steps=max_steps):
            raise NoAnswer(f"no route from {source.id} to {target.id} within {max_years} school year(s)")
        raise NoAnswer(why_no_route(view, source, target, record, entries, max_steps))
    if all_routes and len(raw) > MAX_ROUTES:
        raise NoAnswer(f"more than {MAX_ROUTES} routes from {source.id} to {target.id}: "
                       "narrow the question (--max-years, filters) or ask for the k shortest")
    routes = sorted((build_route(steps, final) for steps, final, _ in raw), key=Route.sort_key)
    if max_years is not None:
        routes = [r for r in routes if r.years_at_least <= max_years]
    return Found(routes if all_routes else routes[:k], opening)


def start_systems(view: RouteView, target: Resolved) -> frozenset[str]:
    """Whom ``START`` stands for: « tout élève », a pupil of the circular's system, when the goal
    is one of its states (the CESS too, though promotion sociale also awards it: its humanities
    are for a holder of one of its titles, or asked for by name); otherwise any person of the
    goal's own system (``START CQP``: the CQP's trainings and VAE)."""
    systems = {s for n in target.nodes for s in view.index.systems(n.id)}
    if not systems or SECONDARY in systems or any(n.kind is StateKind.OPTION for n in target.nodes):
        return frozenset({SECONDARY})
    return frozenset(systems)


def _class_leading(view: RouteView, source: Resolved, target: Resolved, record: Record,
                   max_steps: int) -> tuple[tuple[str, ...], int]:
    """When FROM is a class of titles (the CQSS), its named titles that lead to TO by themselves
    (the CQSS of the list, by the complément CESS), and how many it has: the answer depends on
    which one is held."""
    named = sorted(t for t, info in view.index.states.items() if info.get("instance_of") == source.id)
    leading = tuple(t for t in named if search(view, replace(_unfiltered(record), titles=(Held(t),), fresh=frozenset({t})),
                                               target.nodes, k=1, max_steps=max_steps))
    return leading, len(named)


def filtered(view: RouteView, record: Record) -> nx.DiGraph:
    """The view without the transitions ``record`` rules out (scope, or conditions failing for
    its filters); edges keep the transitions that remain (for maps of every route)."""
    h = nx.DiGraph()
    h.add_nodes_from(view.nodes(data=True))
    for u, v, data in view.edges(data=True):
        kept = tuple(t for t in data["transitions"] if not exclusions(t, record, view)
                     and (full_conditions(t, ()) is None or full_conditions(t, ()).evaluate(record) is not NOT_MET))
        if kept:
            h.add_edge(u, v, transitions=kept)
    return h
