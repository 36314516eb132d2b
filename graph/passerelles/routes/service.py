"""Routes for a question, in one call: the view, the names, the situation, the search.

The command line and the Python API both ask through :func:`ask`.

>>> from passerelles.api import Passerelles
>>> answer = ask(Passerelles(), "CE6P", "CESS", k=1)
>>> answer.source.id, answer.target.id, answer.routes[0].years
('CE6P', 'CESS', 1)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable

import networkx as nx

from ..errors import InputError
from ..pathways.conditions import Situation
from .names import Resolved, resolve
from .search import Route, find_routes
from .view import build_view

REGIMES = ("plein-exercice", "article-49", "article-45", "urgence", "mfi", "specialise-f3", "specialise-f4")
CONTRACTS = ("contrat-alternance", "contrat-apprentissage", "convention-emploi-formation", "convention-premier-emploi",
             "convention-isp-avant-2015", "autre-contrat-approuve")


@dataclass
class Answer:
    view: nx.DiGraph
    source: Resolved
    target: Resolved
    situation: Situation
    routes: list[Route]


def view_of(app) -> nx.DiGraph:
    """The route view of an app's store, built once per app."""
    view = getattr(app, "_route_view", None)
    if view is None:
        view = build_view(app.store)
        app._route_view = view
    return view


def situation(view: nx.DiGraph, age: float | None = None, adult: bool | None = None,
              contracts: Iterable[str] = (), holds: Iterable[str] = (), regime: str | None = None,
              sector: int | None = None, year: str | None = None) -> Situation:
    """A checked :class:`Situation` (bad values raise :class:`InputError`)."""
    if regime is not None and regime not in REGIMES:
        raise InputError(f"regime must be one of {', '.join(REGIMES)} (got {regime!r})")
    for c in contracts:
        if c not in CONTRACTS:
            from difflib import get_close_matches
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
    held = set()
    for h in holds:
        found = resolve(view, h)
        if found.kind != "title":
            raise InputError(f"--holds takes a title (CQ6, CEB …); {found.id} is a {found.kind}")
        held.add(found.id)
    return Situation(age=age, adult=adult, contracts=frozenset(contracts), holds=frozenset(held),
                     regime=regime, sector=sector, year=year)


def ask(app, from_: str, to: str, k: int = 3, all_routes: bool = False, max_years: int | None = None,
        **filters) -> Answer:
    """Routes from ``from_`` to ``to`` for the pupil described by ``filters``
    (age, adult, contracts, holds, regime, sector, year)."""
    view = view_of(app)
    source, target = resolve(view, from_), resolve(view, to)
    if source.id == target.id:
        raise InputError(f"FROM and TO are the same ({source.id})")
    if max_years is not None and (not all_routes or max_years < 0):
        raise InputError("--max-years goes with --all and is 0 or more")
    s = situation(view, **filters)
    if source.kind == "title":
        s = replace(s, holds=s.holds | {source.id})
    return Answer(view, source, target, s, find_routes(view, source, target, s, k=k, all_routes=all_routes,
                                                       max_years=max_years))
