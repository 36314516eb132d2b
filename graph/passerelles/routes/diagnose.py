"""Why there is no route: the first step that fails on the most promising route, in words.

The most promising route is the one with the fewest failing steps (then the fewest school
years), found by the same search with failing steps allowed and counted. The answer names
the step, the rules that would allow it with their lines, and what fails — the conditions in
the circular's words with their lines, or the question's scope (regime, school year, sector).

A question between two systems that no rule links (a French titre professionnel towards the
Belgian CESS) is answered "no route" with what would be needed: the ways across the corpus
names (an equivalence decision of the service des équivalences, stated for one French title
only), and whether the goal is open to any person of its own system. What a document says a
title does *not* lead to (« qui ne correspond pas au CESS ») is quoted with its line.
"""

from __future__ import annotations

import networkx as nx

from ..rules.record import Record
from ..rules.vocab import BODY_LABELS, SYSTEM_LABELS, System
from .names import Resolved
from .search import search
from .states import START, StateKind
from .view import RouteView


def _systems_words(systems) -> str:
    return " / ".join(SYSTEM_LABELS[System(s)] for s in sorted(systems)) or "?"


def denials(view: RouteView, source_id: str, target_id: str) -> list[str]:
    """What the corpus says the source title (or the class it is a named title of) does not
    lead to, when that is the target: « … » (document, line)."""
    idx = view.index
    names = [source_id, idx.states.get(source_id, {}).get("instance_of")]
    out = []
    for name in filter(None, names):
        for rule in idx.denials.get(name, ()):
            if rule.to == target_id:
                out.append(f"{rule.source.document} l. {rule.source.first}: « {rule.source.quote} »")
    return out


def across_systems(view: RouteView, source: Resolved, target: Resolved, record: Record) -> str | None:
    """The answer when FROM and TO belong to systems no rule of the corpus links, or ``None``."""
    idx = view.index
    if source.start is None or source.start == START or not record.systems:
        return None
    goal_systems = {s for n in target.nodes for s in idx.systems(n.id)} or \
        {s for n in target.nodes if n.kind is StateKind.OPTION for s in idx.systems(idx.options[n.id].year)}
    if not goal_systems or record.systems & goal_systems:
        return None
    if source.start in view and any(n in view and nx.has_path(view, source.start, n) for n in target.nodes):
        return None
    words = (f"no rule of the corpus leads from {source.id} ({_systems_words(record.systems)}, {record.jurisdiction}) to "
             f"{target.id} ({_systems_words(goal_systems)}): a route never crosses systems but through a rule that says so")
    goal_jurisdictions = {idx.states.get(n.id, {}).get("jurisdiction") for n in target.nodes} - {None}
    foreign = record.jurisdiction not in goal_jurisdictions

    def leads_across(r) -> bool:
        starts = [f for f in r.from_ if f in idx.states]
        if foreign:
            return r.jurisdiction in goal_jurisdictions and any(idx.states[f].get("jurisdiction") == record.jurisdiction
                                                                for f in starts)
        return r.system in goal_systems and any(set(idx.systems(f)) & record.systems for f in starts)
    crossings = sorted((r for r in idx.rules.values() if r.crosses and leads_across(r)), key=lambda r: r.id)
    if crossings:
        ways = []
        for r in crossings:
            bodies = sorted({BODY_LABELS.get(c.body.value, c.body.value) for c in r.condition_nodes() if hasattr(c, "body")})
            what = f"a decision of the {', '.join(bodies)} ({r.kind.value}, outside the corpus)" if bodies else r.kind.value
            where = f"{r.source.document} l. {r.source.first}: « {r.source.quote} »"
            if source.id in r.from_:
                ways.append(f"the corpus's way across from {source.id}, {what} towards {r.to} ({where}), does not lead "
                            f"to {target.id}")
            else:
                ways.append(f"{what} — the corpus states it for {', '.join(r.from_)} only ({where}), not for {source.id}")
        words += "; what would be needed: " + "; ".join(ways)
    elif foreign:
        words += f"; the corpus states no bridge from {record.jurisdiction} to {', '.join(sorted(goal_jurisdictions))}"
    else:
        words += "; the corpus states no bridge between these systems"
    into = _into(view, target)
    if into and not foreign:
        words += f" (the rules leading to {target.id}: {into})"
    if search(view, Record(open=True), target.nodes, k=1, entries=True):
        words += f" (routes open to any person of {target.id}'s system: passerelles route START {target.id})"
    return words


def why_no_route(view: RouteView, source: Resolved, target: Resolved, record: Record, entries: bool,
                 max_steps: int = 16) -> str:
    """One line: which condition, or which missing rule, blocks every route."""
    head = f"no route from {source.id} to {target.id}"
    if not target.nodes:
        return f"{head}: no option or year matches {target.id}"
    said = denials(view, source.id, target.id)
    tail = f" — the source says so: {'; '.join(said)}" if said else ""
    across = across_systems(view, source, target, record)
    if across:
        return f"{head}: {across}{tail}"
    found = search(view, record, target.nodes, k=1, entries=entries, max_steps=max_steps, relaxed=True)
    if not found:
        into = _into(view, target)
        return f"{head}: no rule of the corpus leads there from {source.id}" + (
            f" (the rules leading to {target.id}: {into})" if into else "") + tail
    steps, _, faults = found[0]
    if not faults:
        return head + tail
    at, reasons = faults[0]
    move = steps[at][0]
    others = [r.split(",", 1)[0].split(":", 1)[0] for r in reasons[1:]]
    return (f"{head}: the step {move.source.key} → {move.target.key} is ruled out by the situation given: {reasons[0]}"
            + (f" (and likewise {', '.join(others)})" if others else "") + tail)


def _into(view: RouteView, target: Resolved) -> str:
    """The rules leading to the goal, with what they start from when they name it."""
    into = sorted({t.id for n in target.nodes if n in view for _, _, d in view.in_edges(n, data=True)
                   for t in d["transitions"] if t.rule is not None})
    listed = [view.index.rules[r] for r in into if view.index.rules[r].from_]
    if not listed:
        return ", ".join(into[:6]) + (" …" if len(into) > 6 else "")
    return ", ".join(f"{r.id} ({r.source.document} l. {r.source.first}: from {_from_words(r.from_)})"
                     for r in listed[:4]) + (" …" if len(into) > 4 else "")


def _from_words(states: tuple[str, ...]) -> str:
    return ", ".join(states) if len(states) <= 3 else f"{len(states)} named titles ({', '.join(states[:2])} …)"
