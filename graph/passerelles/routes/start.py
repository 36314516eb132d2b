"""The record a question starts from: what FROM, ``--holds`` and the filters say of the pupil.

FROM a year: that year completed with success (the pupil's latest year); FROM a title: that
title held. What they imply without saying which — the years that lead to them in the graph,
the years a title is awarded from — is what the record *may* hold. ``--holds`` adds titles;
an attestation that closes a year (AO-B, AO-C, élève libre) closes FROM's year. FROM ``START``
is a pupil of unknown history.

>>> from passerelles.api import Passerelles
>>> from passerelles.routes.service import view_of
>>> view = view_of(Passerelles())
>>> r = start_record(view, State.year("6TQ", Mode.PASSED))
>>> r.passed("6TQ"), r.passed("5TQ"), r.passed("3GTA") is r.passed("7P")
(<Truth.MET: 'met'>, <Truth.UNKNOWN: 'cannot tell'>, True)
"""

from __future__ import annotations

from dataclasses import replace

import networkx as nx

from ..rules.record import Held, Parts, Record, Result, Scope, YearDone
from ..rules.vocab import Effect
from .states import START, Mode, State, StateKind
from .view import RouteView


def _history(view: RouteView, nodes: list[State]) -> dict[str, set[str]]:
    """The years that may lie behind ``nodes``, by how they may have been left."""
    out = {"passed": set(), "attended": set(), "failed": set()}
    for node in nodes:
        if node not in view:
            continue
        for a in nx.ancestors(view, node):
            if a.kind is not StateKind.YEAR:
                continue
            if a.mode is Mode.PASSED:
                out["passed"].add(a.id)
            if a.mode is Mode.FAILED:
                out["failed"].add(a.id)
            out["attended"].add(a.id)
    return out


def start_record(view: RouteView, start: State, holds: tuple[str, ...] = (), age: float | None = None,
                 adult: bool | None = None, contracts: frozenset[str] = frozenset(), scope: Scope = Scope(),
                 experience: float | None = None, status: frozenset[str] = frozenset(),
                 registered: frozenset[str] | None = None, since_result: float | None = None,
                 missing: int | None = None) -> Record:
    """The record of a question (see the module docstring). ``experience`` and
    ``since_result`` are in months; ``missing``: how many parts of the whole a part title
    given (FROM or ``holds``) belongs to are still missing."""
    idx = view.index
    base = Record(age=age, adult=adult, contracts=frozenset(contracts), scope=scope, experience=experience,
                  status=frozenset(status), registered=registered, since_result=since_result)
    if start == START:
        rec = replace(base, open=True)
        behind = []
    elif start.kind is StateKind.YEAR:
        info = idx.states[start.id]
        regimes = info.get("regimes") or ()
        duration = info.get("duration")
        done = YearDone(start.id, regimes if len(regimes) == 1 else (), Result.PASSED, duration or 0, duration is not None,
                        form=info.get("form"))
        rec = replace(base, years=(done,), last=start.id)
        behind = [State.year(start.id, Mode.ENROLLED)]
    else:
        jurisdiction = idx.states.get(start.id, {}).get("jurisdiction") or base.jurisdiction
        rec = replace(base, titles=(Held(start.id),), fresh=frozenset({start.id}), jurisdiction=jurisdiction)
        behind = [start]
    for title in holds:
        if rec.title(title) is not None:
            continue
        closes = None
        effect = idx.effects.get(title)
        awarded_from = {y for m, y in idx.implied(title)}
        if rec.last and (rec.last in awarded_from or effect is not None and rec.last in _effect_years(idx, title)):
            closes = rec.last
            failed = any(m is Mode.FAILED for m, _ in idx.implied(title))
            if failed or (effect is not None and effect.effect is Effect.NO_SANCTION):
                years = tuple(e._replace(result=Result.FAILED,
                                         sanctioned=not (effect is not None and effect.effect is Effect.NO_SANCTION))
                              if e.year == rec.last else e for e in rec.years)
                rec = replace(rec, years=years)
        rec = replace(rec, titles=rec.titles + (Held(title, None, closes),), fresh=rec.fresh | {title})
        behind.append(State.title(title))
    for held in rec.titles:
        effect = idx.effects.get(held.title)
        if effect is not None and effect.effect is not Effect.NO_SANCTION:
            rec = replace(rec, pending=rec.pending + (effect.id,))
    # the systems FROM belongs to: the rules open to any pupil it may use (START: all)
    systems = set() if start == START else set(idx.systems(start.id))
    parts = []
    for held in rec.titles:
        systems |= set(idx.systems(held.title))
        whole = idx.part_of(held.title)
        if whole is not None and rec.title(whole) is None:
            parts.append(Parts(whole, held.title, missing))
    rec = replace(rec, systems=frozenset(systems), parts=tuple(sorted(parts)))
    may = _history(view, behind)
    return replace(rec, maybe_passed=frozenset(may["passed"]), maybe_attended=frozenset(may["attended"] | may["passed"]),
                   maybe_failed=frozenset(may["failed"]))


def _effect_years(idx, title: str) -> set[str]:
    return {y for r in idx.awards_of.get(title, ()) for y in r.from_}
