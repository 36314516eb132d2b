"""Why there is no route: the first step that fails on the most promising route, in words.

The most promising route is the one with the fewest failing steps (then the fewest school
years), found by the same search with failing steps allowed and counted. The answer names
the step, the rules that would allow it with their lines, and what fails — the conditions in
the circular's words with their lines, or the question's scope (regime, school year, sector).
"""

from __future__ import annotations

from ..rules.record import Record
from .names import Resolved
from .search import search
from .view import RouteView


def why_no_route(view: RouteView, source: Resolved, target: Resolved, record: Record, entries: bool,
                 max_steps: int = 16) -> str:
    """One line: which condition, or which missing rule, blocks every route."""
    head = f"no route from {source.id} to {target.id}"
    if not target.nodes:
        return f"{head}: no option or year matches {target.id}"
    found = search(view, record, target.nodes, k=1, entries=entries, max_steps=max_steps, relaxed=True)
    if not found:
        into = sorted({t.id for n in target.nodes if n in view for _, _, d in view.in_edges(n, data=True)
                       for t in d["transitions"] if t.rule is not None})
        shown = ", ".join(into[:6]) + (" …" if len(into) > 6 else "")
        return f"{head}: no rule of the corpus leads there from {source.id}" + (
            f" (the rules leading to {target.id}: {shown})" if into else "")
    steps, _, faults = found[0]
    if not faults:
        return head
    at, reasons = faults[0]
    move = steps[at][0]
    others = [r.split(",", 1)[0].split(":", 1)[0] for r in reasons[1:]]
    return (f"{head}: the step {move.source.key} → {move.target.key} is ruled out by the situation given: {reasons[0]}"
            + (f" (and likewise {', '.join(others)})" if others else ""))
