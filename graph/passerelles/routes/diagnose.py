"""Why there is no route: the first step that fails on the most promising route, in words.

The most promising route is the one with the fewest failing steps (then the fewest school
years), found by the same search with failing steps allowed and counted. The answer, in French
as every answer for people, names the step in words (« l'admission en 7P après avoir réussi
la 6P »), each rule that would allow
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

import re
from dataclasses import dataclass

import networkx as nx

from ..rules.conditions import Condition, NotHolder
from ..text import clean_markup
from ..rules.record import Record
from ..rules.vocab import BODY_LABELS, SYSTEM_LABELS, System
from .french import Noun, noun, of as _of
from .names import Resolved
from .search import exclusions, full_conditions, search
from .states import START, Mode, State, StateKind, StepKind
from .view import RouteView

CIRCULAR = "circulaire-7282"
_STEP_WORDS = {StepKind.ADMISSION: "l'admission en {to}", StepKind.REINSERTION: "la réinsertion en {to}",
               StepKind.PASSAGE: "le passage en {to}", StepKind.AWARD: "la délivrance {of_to}",
               StepKind.OPTION_ACCESS: "l'accès à l'option {to}", StepKind.STUDY: "les études en {to}",
               StepKind.ATTESTS: "{the_src} attestant la réussite {of_to}", StepKind.EQUIVALENCE: "l'équivalence {at_to}"}
_FROM_WORDS = {Mode.PASSED: "après avoir réussi {the}", Mode.ATTENDED: "après avoir suivi {the}",
               Mode.FAILED: "après avoir échoué en {id}", Mode.ENROLLED: "en {id}"}


def _noun(state: State, index=None) -> Noun:
    """A state's name with its gender (a year, without an index: « la 6P »)."""
    if index is not None:
        return noun(index, state.id)
    return Noun(state.id, feminine=state.kind is StateKind.YEAR)


def state_words(state: State, index=None) -> str:
    """Where a step starts, in words: ``après avoir réussi la 6P``, ``avec le CQ6``, ``pour tout élève``.

    >>> state_words(State.year("6P", Mode.PASSED)), state_words(State.title("CQ6")), state_words(START)
    ('après avoir réussi la 6P', 'avec le CQ6', 'pour tout élève')
    """
    if state == START:
        return "pour tout élève"
    if state.kind is StateKind.YEAR:
        return _FROM_WORDS[state.mode].format(id=state.id, the=_noun(state, index).the())
    if state.kind is StateKind.OPTION:
        return f"dans l'option {state.id}"
    return f"avec {_noun(state, index).the()}"


def step_words(kind: StepKind, source: State, target: State, label: str | None = None, index=None) -> str:
    """A step in words, its target named by its id and label.

    >>> step_words(StepKind.ADMISSION, State.year("6P", Mode.PASSED), State.year("7P", Mode.ENROLLED), "7e année P")
    "l'admission en 7P (7e année P) après avoir réussi la 6P"
    """
    gloss = label if label and label != target.id else None
    to = Noun(target.id, _noun(target, index).feminine, gloss)    # the id, its label beside it
    what = _STEP_WORDS[kind].format(to=to.shown, of_to=to.of(), at_to=to.to(), the_src=_noun(source, index).the())
    return what if kind is StepKind.ATTESTS else f"{what} {state_words(source, index)}"


#: The engine's reasons (the question's scope, a crossing between systems, a year left
#: unsanctioned), said in French: (pattern, replacement).
_REASONS = (
    (re.compile(r"\bregime ([\w/-]+), not ([\w-]+)"), r"régime \1, et non \2"),
    (re.compile(r"\bjurisdiction ([\w-]+), not within ([\w-]+)"), r"juridiction \1, hors de \2"),
    (re.compile(r"\bvalid (\d{4}-\d{4})–(\d{4}-\d{4}), not (\d{4}-\d{4})"),
     lambda m: (f"valable en {m[1]}" if m[1] == m[2] else f"valable de {m[1]} à {m[2]}") + f", et non en {m[3]}"),
    (re.compile(r"\boption (\S+) is in sector (\d+), not (\d+)"), r"l'option \1 relève du secteur \2, et non \3"),
    (re.compile(r"\boption (\S+) may be organised (\S+)–(\S+) only \(l\. (\d+)\), not in (\S+)"),
     r"l'option \1 ne peut être organisée que de \2 à \3 (l. \4), et non en \5"),
    (re.compile(r"\bsystem ([\w-]+), not ([\w/-]+): a rule open to any pupil serves its own system only"),
     r"système \1, et non \2 : une règle ouverte à tout élève ne sert que son propre système"),
    (re.compile(r"\bsystem ([\w-]+), not ([\w/-]+)"), r"système \1, et non \2"),
    (re.compile(r"(\S+) is not sanctioned \(élève libre\)"), r"la \1 n'est pas sanctionnée (élève libre)"),
    (re.compile(r"^its conditions$"), "ses conditions"),
)


def french_reason(reason: str) -> str:
    """The engine's reason for ruling a step out, in French.

    >>> french_reason("valid 2019-2020–2019-2020, not 2030-2031")
    'valable en 2019-2020, et non en 2030-2031'
    >>> french_reason("regime article-49, not article-45")
    'régime article-49, et non article-45'
    """
    for pattern, replacement in _REASONS:
        reason = pattern.sub(replacement, reason)
    return reason


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
    words = (f"aucune règle du corpus ne mène de {source.id} ({_systems_words(record.systems)}, {record.jurisdiction}) à "
             f"{target.id} ({_systems_words(goal_systems)}) : un parcours ne passe d'un système à un autre que par une "
             f"règle qui le dit")
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
            what = f"une décision du {', '.join(bodies)} ({r.kind.value}, hors du corpus)" if bodies else r.kind.value
            where = f"{r.source.document} l. {r.source.first} : « {r.source.quote} »"
            if source.id in r.from_:
                ways.append(f"la voie du corpus depuis {source.id}, {what} vers {r.to} ({where}), ne mène pas "
                            f"à {target.id}")
            else:
                ways.append(f"{what} — le corpus ne l'énonce que pour {', '.join(r.from_)} ({where}), pas pour {source.id}")
        words += " ; il faudrait : " + " ; ".join(ways)
    elif foreign:
        words += (f" ; le corpus n'énonce aucune passerelle de {record.jurisdiction} vers "
                  f"{', '.join(sorted(goal_jurisdictions))}")
    else:
        words += " ; le corpus n'énonce aucune passerelle entre ces systèmes"
    into = _into(view, target)
    if into and not foreign:
        words += f" (règles menant à {target.id} : {into})"
    if search(view, Record(open=True), target.nodes, k=1, entries=True):
        words += f" (parcours ouverts à toute personne du système de {target.id} : passerelles route START {target.id})"
    return words


def why_no_route(view: RouteView, source: Resolved, target: Resolved, record: Record, entries: bool,
                 max_steps: int = 16) -> Diagnosis:
    """Which condition, or which missing rule, blocks every route (see the module docstring)."""
    head = f"pas de parcours de {source.id} à {target.id}"
    if not target.nodes:
        return Diagnosis(f"{head} : aucune option ni année ne correspond à {target.id}", source.id, target.id)
    held = already_held(view, target, record)
    if held:
        return Diagnosis(f"{head} : {held}", source.id, target.id)
    said = denials(view, source.id, target.id)
    tail = f" — le document le dit : {' ; '.join(said)}" if said else ""
    across = across_systems(view, source, target, record)
    if across:
        return Diagnosis(f"{head} : {across}{tail}", source.id, target.id)
    found = search(view, record, target.nodes, k=1, entries=entries, max_steps=max_steps, relaxed=True)
    if not found:
        into = _into(view, target)
        return Diagnosis(f"{head} : aucune règle du corpus n'y mène depuis {source.id}"
                         + (f" (règles menant à {target.id} : {into})" if into else "") + tail, source.id, target.id)
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
                               french_reason(fault.removeprefix(prefix)), fails,
                               tuple(french_reason(e) for e in exclusions(t, before, view))))
    kind = move.transitions[0].kind
    words = step_words(kind, move.source, move.target, view.index.label(move.target.id)
                       if move.target.kind is not StateKind.OPTION else view.nodes[move.target].get("label"), view.index)
    first = blocked[0]
    message = f"{head} : la situation donnée exclut {words} ({_rule_words(first)}) : {first.reason}"
    if len(blocked) > 1:
        message += " (de même : " + ", ".join(_rule_words(b) for b in blocked[1:]) + ")"
    return Diagnosis(message + tail, source.id, target.id, (move.source, move.target, kind), words, tuple(blocked))


def already_held(view: RouteView, target: Resolved, record: Record) -> str | None:
    """The answer when the record already holds the goal: no step leads to a title held (a
    route would end where it starts), and the circular forbids enrolling in formations that
    lead to titles identical or equivalent to those held (l. 562-564), or ``None``."""
    held = [n.id for n in target.nodes if n.kind is StateKind.TITLE and record.title(n.id) is not None]
    if not held:
        return None
    idx = view.index
    words = (f"la situation donnée dit déjà que la personne est titulaire {_of(idx, held[0])} (--holds {held[0]}) : "
             f"aucun parcours ne mène à un titre déjà détenu")
    systems = set(idx.systems(held[0]))
    rule = next((c for _, r in sorted(idx.rules.items()) if r.system in systems
                 for c in r.condition_nodes() if isinstance(c, NotHolder) and c.source is not None), None)
    if rule is not None:
        words += f" ; la circulaire le dit : « {clean_markup(rule.words())} » ({rule.source.lines})"
    return words


def _rule_words(b: Blocked) -> str:
    """A rule in a message: its id and lines, and its document when it is not the circular."""
    if not b.lines:
        return f"règle {b.rule}"
    return f"règle {b.rule}, {b.lines}" if b.document in ("", CIRCULAR) else f"règle {b.rule}, {b.document} {b.lines}"


def _into(view: RouteView, target: Resolved) -> str:
    """The rules leading to the goal, each with its lines (and its document, when it is not
    the circular), and what it starts from when it names it."""
    rules = sorted({t.rule.id: t.rule for n in target.nodes if n in view for _, _, d in view.in_edges(n, data=True)
                    for t in d["transitions"] if t.rule is not None}.items())
    shown = []
    for _, r in rules[:6]:
        where = r.source.lines if r.source.document == CIRCULAR else f"{r.source.document} l. {r.source.first}"
        shown.append(f"{r.id} ({where} : depuis {_from_words(r.from_)})" if r.from_ else f"{r.id}, {where}")
    return "; ".join(shown) + (" …" if len(rules) > 6 else "")


def _from_words(states: tuple[str, ...]) -> str:
    return ", ".join(states) if len(states) <= 3 else f"{len(states)} titres nommés ({', '.join(states[:2])} …)"
