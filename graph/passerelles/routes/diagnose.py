"""Why there is no route: the first step that fails on the most promising route, in words.

The most promising route is the one with the fewest failing steps (then the fewest school
years), found by the same search with failing steps allowed and counted. The answer names
the step in words (« the admission to 7P after the 6P passed »), each rule that would allow
it with its lines, and what fails — the conditions in the circular's words with their lines,
or the question's scope (regime, school year, sector). It is a :class:`Diagnosis`: one line
for people (``str``), and typed parts for scripts (:meth:`Diagnosis.to_dict`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..rules.conditions import Condition
from ..rules.record import Record
from .names import Resolved
from .search import exclusions, full_conditions, search
from .states import START, Mode, State, StateKind, StepKind
from .view import RouteView

_STEP_WORDS = {StepKind.ADMISSION: "the admission to {to}", StepKind.REINSERTION: "the reinsertion into {to}",
               StepKind.PASSAGE: "the passage to {to}", StepKind.AWARD: "the award of the {to}",
               StepKind.OPTION_ACCESS: "the access to option {to}", StepKind.STUDY: "the study of {to}",
               StepKind.ATTESTS: "the {src} attesting the {to}"}
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


def why_no_route(view: RouteView, source: Resolved, target: Resolved, record: Record, entries: bool,
                 max_steps: int = 16) -> Diagnosis:
    """Which condition, or which missing rule, blocks every route (see the module docstring)."""
    head = f"no route from {source.id} to {target.id}"
    if not target.nodes:
        return Diagnosis(f"{head}: no option or year matches {target.id}", source.id, target.id)
    found = search(view, record, target.nodes, k=1, entries=entries, max_steps=max_steps, relaxed=True)
    if not found:
        into = sorted({f"{t.id}, {t.rule.source.lines}" for n in target.nodes if n in view
                       for _, _, d in view.in_edges(n, data=True) for t in d["transitions"] if t.rule is not None})
        shown = "; ".join(into[:6]) + (" …" if len(into) > 6 else "")
        return Diagnosis(f"{head}: no rule of the corpus leads there from {source.id}"
                         + (f" (the rules leading to {target.id}: {shown})" if into else ""), source.id, target.id)
    steps, _, faults = found[0]
    if not faults:
        return Diagnosis(head, source.id, target.id)
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
    where = f"rule {first.rule}, {first.lines}" if first.lines else f"rule {first.rule}"
    message = f"{head}: {words} ({where}) is ruled out by the situation given: {first.reason}"
    if len(blocked) > 1:
        message += " (and likewise " + ", ".join(f"rule {b.rule}, {b.lines}" if b.lines else f"rule {b.rule}"
                                                 for b in blocked[1:]) + ")"
    return Diagnosis(message, source.id, target.id, (move.source, move.target, kind), words, tuple(blocked))
