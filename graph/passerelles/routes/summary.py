"""Routes for people: a short summary first, then the conditions as a tree.

Each route is one line (``CE6P → 6P → 7P (1 an) → CESS — 1 année scolaire``), then one line
per step with its legal basis as the circular cites it and its line. Then the conditions
still to meet, step by step, as an indented tree — « toutes : » (all of), « l'une de : »
(one of) —, one condition a line with its line of the circular. Conditions that the
question's filters settled are said to be met. A condition repeated on several steps (the
age and contract groups of every admission) is written once, marked ``[A]``, and referred
to afterwards with the lines of each place.

Everything is wrapped at the width asked, between words: no word is ever cut, and the
circular's markup is rendered (``6^{ème}`` → ``6ème``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..rules.conditions import AllOf, AnyOf, Condition
from ..rules.truth import MET
from ..text import clean_markup, wrap
from .explain import basis_of, cite_all, state_name, step_kind_words, years_words
from .search import Route, Step
from .states import START, StepKind

_BULLETS = ("•", "–", "◦", "·")
_LINES = re.compile(r" \(l\. [0-9][0-9, -]*\)")


def route_line(route: Route) -> str:
    """The route as one line: the states it passes through, each year with its length.

    ``CE6P → 6P → 7P (1 an) → CESS``; a route open to any pupil starts at « tout élève ».
    """
    parts: list[str] = []
    for s in route.steps:
        if not parts:
            parts.append("tout élève" if s.source == START else s.source.id)
        if s.kind is StepKind.STUDY:
            parts[-1] += f" ({years_words(s.years, s.years_at_least, short=True)})"
        elif s.target.id != parts[-1].split(" (", 1)[0]:
            parts.append(s.target.id)
    return " → ".join(parts)


def route_years(route: Route) -> str:
    """The route's school years in words (a lower bound says so)."""
    return years_words(route.years, route.years_at_least)


def step_basis(step: Step, view) -> str:
    """The legal basis of a step as the circular cites it, and the line of the circular that
    grounds the step: ``Décret du 3 juillet 1991, art. 8, §1er (l. 811-812)``."""
    rule = step.rule
    cited = cite_all(basis_of(step.transition, view.index))
    lines = f"l. {rule.source.first}" + (f"-{rule.source.last}" if rule.source.last != rule.source.first else "")
    if not cited:
        missing = f" : {rule.basis_missing}" if rule.basis_missing else ""
        return f"aucune disposition citée{missing} ({lines})"
    return f"{cited} ({lines})"


def _also(step: Step) -> str:
    others = [t for t in step.also if t.rule is not None]
    if not others:
        return ""
    return " ; aussi permise par " + ", ".join(f"la {t.rule.source.lines} ({t.id})" for t in others)


# --------------------------------------------------------------------------- conditions
@dataclass
class _Line:
    depth: int
    text: str


def _lines_of(c: Condition) -> str:
    return f" ({c.source.lines})" if c.source is not None else ""


def _flat(c: Condition) -> str:
    """A condition in one line (its own words, or its parts joined by « et » / « ou »),
    markup rendered."""
    if isinstance(c, (AllOf, AnyOf)) and not c.text:
        return (" et " if isinstance(c, AllOf) else " ou ").join(_flat(i) for i in c.items) + _lines_of(c)
    return clean_markup(c.describe())


def condition_lines(c: Condition, depth: int = 0) -> list[_Line]:
    """A condition as a tree: a combinator without words of its own opens « toutes : » or
    « l'une de : » with its parts under it; anything else is one line (the circular's words,
    or the condition's own description) with its lines."""
    if isinstance(c, (AllOf, AnyOf)) and not c.text and len(c.items) > 1:
        head = "toutes" if isinstance(c, AllOf) else "l'une de"
        out = [_Line(depth, f"{head}{_lines_of(c)} :")]
        for item in c.items:
            out += condition_lines(item, depth + 1)
        return out
    if isinstance(c, (AllOf, AnyOf)) and not c.text and len(c.items) == 1:
        return condition_lines(c.items[0], depth)
    return [_Line(depth, _flat(c))]


def met_by_question(step: Step) -> list[Condition]:
    """The parts of a step's conditions that the question's filters settle as met (age,
    majority, contracts …): for a choice, the alternative that is met."""
    root = step.transition.conditions
    if root is None:
        return []
    parts = root.items if isinstance(root, AllOf) else (root,)
    out = []
    for p in parts:
        if p.evaluate(step.before) is not MET or not any(x.reads == "profile" for x in p.walk()):
            continue
        if isinstance(p, AnyOf):
            p = next(i for i in p.items if i.evaluate(step.before) is MET)
        out.append(p)
    return out


def _key(c: Condition) -> str:
    """What makes two conditions the same to a reader: their words, without their lines."""
    return _LINES.sub("", " ".join(line.text for line in condition_lines(c)))


def _met_key(c: Condition) -> str:
    return "met:" + _LINES.sub("", _flat(c))


def _all_lines(c: Condition) -> str:
    found = sorted({(x.source.first, x.source.last) for x in c.walk() if x.source is not None})
    return ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in found)


@dataclass
class Repeats:
    """Conditions met more than once in an answer: each gets a mark (``[A]``) at its first
    place, and is referred to afterwards."""

    counts: dict[str, int] = field(default_factory=dict)
    marks: dict[str, str] = field(default_factory=dict)
    first: dict[str, str] = field(default_factory=dict)

    def count(self, c: Condition) -> None:
        key = _key(c)
        self.counts[key] = self.counts.get(key, 0) + 1

    def met(self, c: Condition, where: str) -> str:
        """A condition the question's filters settle, said to be met (once in full)."""
        key = _met_key(c)
        if self.counts.get(key, 0) < 2:
            return f"remplie d'après la situation donnée : {_flat(c)}"
        if key not in self.marks:
            self.marks[key], self.first[key] = f"[{_letter(len(self.marks))}]", where
            return f"{self.marks[key]} remplie d'après la situation donnée : {_flat(c)}"
        lines = _all_lines(c)
        return f"{self.marks[key]} remplie, comme {self.first[key]}" + (f" (ici l. {lines})" if lines else "")

    def lines(self, c: Condition, where: str, depth: int) -> list[_Line]:
        key = _key(c)
        if self.counts.get(key, 0) < 2:
            return condition_lines(c, depth)
        if key not in self.marks:
            self.marks[key] = f"[{_letter(len(self.marks))}]"
            self.first[key] = where
            body = condition_lines(c, depth)
            body[0] = _Line(body[0].depth, f"{self.marks[key]} {body[0].text}")
            return body
        lines = _all_lines(c)
        return [_Line(depth, f"{self.marks[key]} comme {self.first[key]}" + (f" (ici l. {lines})" if lines else ""))]


def _letter(i: int) -> str:
    """A, B … Z, AA, AB …"""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def repeats_of(answer) -> Repeats:
    """The conditions of every step of an answer, counted (to mark the repeated ones)."""
    repeats = Repeats()
    for route in answer.routes:
        for _, step in numbered_steps(route):
            for c in step.conditions:
                repeats.count(c)
            for c in met_by_question(step):
                repeats.counts[_met_key(c)] = repeats.counts.get(_met_key(c), 0) + 1
    return repeats


def render(lines: list[_Line], width: int, indent: int) -> list[str]:
    """Tree lines, bulleted by depth and wrapped under their bullet."""
    out = []
    for line in lines:
        lead = " " * (indent + 2 * line.depth) + _BULLETS[min(line.depth, len(_BULLETS) - 1)] + " "
        out += wrap(line.text, width, lead)
    return out


# --------------------------------------------------------------------------- the answer
def situation(answer) -> str:
    """What the question says of the pupil, in words (empty when it says nothing)."""
    f = answer.filters or {}
    parts = []
    if f.get("age") is not None:
        parts.append(f"{f['age']:g} ans")
    if f.get("adult") is not None:
        parts.append("majeur" if f["adult"] else "mineur")
    if f.get("contracts"):
        from ..rules.vocab import CONTRACT_LABELS
        parts.append("contrat : " + ", ".join(CONTRACT_LABELS.get(c, c) for c in f["contracts"]))
    if f.get("holds"):
        parts.append("titulaire de : " + ", ".join(f["holds"]))
    if f.get("regime"):
        parts.append(f"régime {f['regime']}")
    if f.get("sector") is not None:
        parts.append(f"secteur {f['sector']}")
    if f.get("year"):
        parts.append(f"année scolaire {f['year']}")
    return ", ".join(parts)


def note_words(answer) -> str:
    """The answer's note (routes opened by a rule open to any pupil), in French."""
    return (f"Aucune règle ne mène de {answer.source.id} à {answer.target.id} à elle seule : ces parcours "
            f"s'ouvrent par une règle ouverte à tout élève, dont les conditions sont vérifiées d'après ce que "
            f"dit {answer.source.id}.")


def numbered_steps(route: Route) -> list[tuple[int, Step]]:
    """The steps a reader counts (the study of a year is in the route's line, not a step)."""
    return list(enumerate((s for s in route.steps if s.kind is not StepKind.STUDY), 1))


def answer_text(answer, width: int = 80) -> str:
    """The answer of ``passerelles route`` for people (see the module docstring)."""
    view = answer.view
    out = wrap(f"De {state_name(answer.source.start, view)} à {_target_name(answer)} : "
               f"{len(answer.routes)} parcours" + (", du plus court au plus long." if len(answer.routes) > 1 else "."),
               width)
    said = situation(answer)
    if said:
        out += wrap(f"Situation donnée : {said}.", width)
    if answer.note:
        out += wrap(note_words(answer), width)
    repeats = repeats_of(answer)
    for i, route in enumerate(answer.routes, 1):
        out.append("")
        out += wrap(f"Parcours {i} : {route_line(route)} — {route_years(route)}", width)
        steps = numbered_steps(route)
        for n, step in steps:
            out += wrap(f"{step.source.id if step.source != START else 'tout élève'} → {step.target.id} : "
                        f"{step_kind_words(step)} — {step_basis(step, view)}{_also(step)}", width, f"  {n}. ")
        conditional = [(n, s) for n, s in steps if s.conditions or met_by_question(s)]
        if not conditional:
            continue
        out += wrap("Conditions à remplir :", width, "  ")
        for n, step in conditional:
            out += wrap(f"{step_kind_words(step)} :", width, f"  {n}. ")
            lines: list[_Line] = []
            for c in step.conditions:
                lines += repeats.lines(c, f"au parcours {i}, étape {n}", 0)
            out += render(lines, width, 5)
            for c in met_by_question(step):
                out += wrap(repeats.met(c, f"au parcours {i}, étape {n}"), width, "     ✓ ")
    return "\n".join(out) + "\n"


def _target_name(answer) -> str:
    t = answer.target
    return f"{t.id} ({clean_markup(t.label)})" if t.label and t.label != t.id else t.id


def route_row(answer, route: Route) -> dict:
    """One route as a row of a DataFrame (:meth:`Answer.frame`)."""
    view = answer.view
    steps = numbered_steps(route)
    return {"from": answer.source.id, "to": answer.target.id, "route": route_line(route), "years": route.years,
            "years_at_least": route.years_at_least, "steps": len(steps),
            "basis": " | ".join(f"{step_kind_words(s)}: {step_basis(s, view)}" for _, s in steps),
            "conditions": sum(len(s.conditions) for _, s in steps)}
