"""Why there is no route: the first step that fails on the most promising route, in words.

The most promising route is the one with the fewest failing steps (then the fewest school
years), found by the same search with failing steps allowed and counted. The answer names
the step in words (« the admission to 7P after the 6P passed »), each rule that would allow
it with its lines, and what fails — the conditions in the circular's words with their lines,
or the question's scope (regime, school year, sector). It is a :class:`Diagnosis`: one line
for people (``str``), and typed parts for scripts (:meth:`Diagnosis.to_dict`).

A question between two systems that no rule links (a French titre professionnel towards the
Belgian CESS) is answered "no route" with what would be needed: the ways across the corpus
names (an equivalence decision of the service des équivalences, stated for one French title
only), and whether the goal is open to any person of its own system. What a document says a
title does *not* lead to (« qui ne correspond pas au CESS ») is quoted with its line.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..rules.conditions import Condition
from ..rules.record import Record
from ..rules.vocab import BODY_LABELS, SYSTEM_LABELS, System
from .names import Resolved
from .search import exclusions, full_conditions, search
from .states import START, Mode, State, StateKind, StepKind
from .view import RouteView

CIRCULAR = "circulaire-7282"
_STEP_WORDS = {StepKind.ADMISSION: "the admission to {to}", StepKind.REINSERTION: "the reinsertion into {to}",
               StepKind.PASSAGE: "the passage to {to}", StepKind.AWARD: "the award of the {to}",
               StepKind.OPTION_ACCESS: "the access to option {to}", StepKind.STUDY: "the study of {to}",
               StepKind.ATTESTS: "the {src} attesting the {to}", StepKind.EQUIVALENCE: "the equivalence to the {to}"}
_FROM_WORDS = {Mode.PASSED: "after the {id} passed", Mode.ATTENDED: "after the {id} attended",
               Mode.FAILED: "after the {id} failed", Mode.ENROLLED: "in the {id}"}


def state_words(state: State) -> str:
    """Where a step starts, in words: ``after the 6P passed``, ``with the CQ6``, ``for any pupil``.

    >>> state_words(State.year("6P", Mode.PASSED)), state_words(State.title("CQ6")), state_words(START)
    ('after the 6P passed', 'with the CQ6', 'for any pupil')
    """
    if state == START:
        return "for any pupil"
    if state.kind is StateKind.YEAR:
        return _FROM_WORDS[state.mode].format(id=state.id)
    if state.kind is StateKind.OPTION:
        return f"in option {state.id}"
    return f"with the {state.id}"


def step_words(kind: StepKind, source: State, target: State, label: str | None = None) -> str:
    """A step in words, its target named by its id and label.

    >>> step_words(StepKind.ADMISSION, State.year("6P", Mode.PASSED), State.year("7P", Mode.ENROLLED), "7e année P")
    'the admission to 7P (7e année P) after the 6P passed'
    """
    named = f"{target.id} ({label})" if label and label != target.id else target.id
    what = _STEP_WORDS[kind].format(to=named, src=source.id)
    return what if kind is StepKind.ATTESTS else f"{what} {state_words(source)}"


@dataclass(frozen=True)
class Blocked:
    """A rule that would allow the failing step, and what rules it out: ``reason`` (the
    engine's words: the conditions not met with their lines, or the question's scope),
    ``fails`` (the conditions not met, typed) and ``scope`` (regime, school year, sector)."""

    rule: str
    lines: str
    document: str
    first: int
    last: int
    reason: str
    fails: tuple[Condition, ...] = ()
    scope: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"rule": self.rule, "source": {"document": self.document, "lines": [self.first, self.last]},
                "reason": self.reason, "fails": [c.to_json() for c in self.fails], "scope": list(self.scope)}


@dataclass(frozen=True)
class Diagnosis:
    """Why a route question has no answer: ``message`` (one line), and, when a step fails on
    the most promising route, that step (``step``: from, to, kind; ``words``) and the rules
    that would allow it (``blocked``)."""

    message: str
    source: str
    target: str
    step: tuple[State, State, StepKind] | None = None
    words: str | None = None
    blocked: tuple[Blocked, ...] = ()

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict:
        step = None
        if self.step is not None:
            src, dst, kind = self.step
            step = {"from": src.id, "to": dst.id, "kind": kind.value, "words": self.words}
        return {"message": self.message, "step": step, "blocked": [b.to_dict() for b in self.blocked]}


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
                 max_steps: int = 16) -> Diagnosis:
    """Which condition, or which missing rule, blocks every route (see the module docstring)."""
    head = f"no route from {source.id} to {target.id}"
    if not target.nodes:
        return Diagnosis(f"{head}: no option or year matches {target.id}", source.id, target.id)
    said = denials(view, source.id, target.id)
    tail = f" — the source says so: {'; '.join(said)}" if said else ""
    across = across_systems(view, source, target, record)
    if across:
        return Diagnosis(f"{head}: {across}{tail}", source.id, target.id)
    found = search(view, record, target.nodes, k=1, entries=entries, max_steps=max_steps, relaxed=True)
    if not found:
        into = _into(view, target)
        return Diagnosis(f"{head}: no rule of the corpus leads there from {source.id}"
                         + (f" (the rules leading to {target.id}: {into})" if into else "") + tail, source.id, target.id)
    steps, _, faults = found[0]
    if not faults:
        return Diagnosis(head + tail, source.id, target.id)
    at, reasons = faults[0]
    move, before, _ = steps[at]
    blocked = []
    for t, fault in zip(move.transitions, reasons):
        rule = t.rule
        prefix = f"{t.id}, {rule.source.lines}: " if rule is not None else f"{t.id}: "
        full = full_conditions(t, move.extra)
        fails = tuple(full.failing(before)) if full is not None else ()
        blocked.append(Blocked(t.id, rule.source.lines if rule else "", rule.source.document if rule else "",
                               rule.source.first if rule else 0, rule.source.last if rule else 0,
                               fault.removeprefix(prefix), fails, tuple(exclusions(t, before, view))))
    kind = move.transitions[0].kind
    words = step_words(kind, move.source, move.target, view.index.label(move.target.id)
                       if move.target.kind is not StateKind.OPTION else view.nodes[move.target].get("label"))
    first = blocked[0]
    message = f"{head}: {words} ({_rule_words(first)}) is ruled out by the situation given: {first.reason}"
    if len(blocked) > 1:
        message += " (and likewise " + ", ".join(_rule_words(b) for b in blocked[1:]) + ")"
    return Diagnosis(message + tail, source.id, target.id, (move.source, move.target, kind), words, tuple(blocked))


def _rule_words(b: Blocked) -> str:
    """A rule in a message: its id and lines, and its document when it is not the circular."""
    if not b.lines:
        return f"rule {b.rule}"
    return f"rule {b.rule}, {b.lines}" if b.document in ("", CIRCULAR) else f"rule {b.rule}, {b.document} {b.lines}"


def _into(view: RouteView, target: Resolved) -> str:
    """The rules leading to the goal, each with its lines (and its document, when it is not
    the circular), and what it starts from when it names it."""
    rules = sorted({t.rule.id: t.rule for n in target.nodes if n in view for _, _, d in view.in_edges(n, data=True)
                    for t in d["transitions"] if t.rule is not None}.items())
    shown = []
    for _, r in rules[:6]:
        where = r.source.lines if r.source.document == CIRCULAR else f"{r.source.document} l. {r.source.first}"
        shown.append(f"{r.id} ({where}: from {_from_words(r.from_)})" if r.from_ else f"{r.id}, {where}")
    return "; ".join(shown) + (" …" if len(rules) > 6 else "")


def _from_words(states: tuple[str, ...]) -> str:
    return ", ".join(states) if len(states) <= 3 else f"{len(states)} named titles ({', '.join(states[:2])} …)"
