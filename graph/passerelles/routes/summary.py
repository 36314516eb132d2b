"""Routes for people: a short summary first, then the conditions as a tree.

Each route is one line (``CE6P → 6P → 7P (1 an) → CESS — 1 année scolaire``), then one line
per step with its legal basis as the circular cites it and its line. Then the conditions
still to meet, step by step, as an indented tree — « toutes : » (all of), « l'une de : »
(one of) —, one condition a line with its line of the circular. Conditions that the
question's filters settled are said to be met. A condition repeated on several steps (the
age and contract groups of every admission) is written once, marked ``[A]``, and referred
to afterwards with the lines of each place.

The other documents' steps say who says them and how firmly (« selon Infor Jeunes Laeken
(service d'information, non daté ; une réponse à un lecteur) »), their lengths in years or
months (« 8-12 mois »), who proposes and who awards their titles, and how a formation may be
financed; where two documents disagree on a route, « Les documents divergent » gives every
side with its lines, never one picked.

Everything is wrapped at the width asked, between words: no word is ever cut, and the
circular's markup is rendered (``6^{ème}`` → ``6ème``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..rules.conditions import AllOf, AnyOf, Condition
from ..rules.truth import MET, NOT_MET
from ..rules.vocab import BODY_LABELS, CONTRACT_LABELS, STATUS_LABELS
from ..text import clean_markup, wrap
from .explain import (CIRCULAR, awarded_by, basis_of, cite_all, conflict_words, funding_of, length_of, route_conflicts,
                      route_duration, standing_of, start_name, state_name, step_kind_words, years_words)
from .search import Route, Step
from .states import START, StepKind

_BULLETS = ("•", "–", "◦", "·")
_LINES = re.compile(r" \(l\. [0-9][0-9, -]*\)")


def route_line(route: Route, index=None) -> str:
    """The route as one line: the states it passes through, each year with its length.

    ``CE6P → 6P → 7P (1 an) → CESS``; a route open to any pupil starts at « tout élève »
    (« toute personne » in the other systems); a formation the other documents give in years
    or months says so (``CQP-FORMATION (8-12 mois)``) when ``index`` is given.
    """
    parts: list[str] = []
    for s in route.steps:
        if not parts:
            parts.append(start_name(s.rule) if s.source == START else s.source.id)
        if s.kind is StepKind.STUDY:
            length = length_of(s, index) if index is not None and s.years is None else None
            shown = years_words(s.years, s.years_at_least, short=True) if length is None else \
                length.short() if length.known else "durée variable" if length.varies else "durée non précisée"
            parts[-1] += f" ({shown})"
        elif s.target.id != parts[-1].split(" (", 1)[0]:
            parts.append(s.target.id)
    return " → ".join(parts)


def route_years(route: Route, index=None) -> str:
    """The route's length in words: school years (a lower bound says so), else the years or
    months the other documents give, else that no document gives it."""
    if route.years is not None or route.years_at_least or index is None:
        return years_words(route.years, route.years_at_least)
    if all(s.rule is None or s.rule.source.document == CIRCULAR for s in route.steps):
        return years_words(None)
    return route_duration(route, index) or "durée non précisée par les documents"


def step_basis(step: Step, view) -> str:
    """The legal basis of a step as the circular cites it, and the line of the circular that
    grounds the step: ``Décret du 3 juillet 1991, art. 8, §1er (l. 811-812)``; for the other
    documents, who says it and how firmly: ``aucune disposition citée — selon Infor Jeunes
    Laeken (service d'information, non daté ; une réponse à un lecteur) (l. 41)``."""
    rule = step.rule
    cited = cite_all(basis_of(step.transition, view.index))
    lines = f"l. {rule.source.first}" + (f"-{rule.source.last}" if rule.source.last != rule.source.first else "")
    if not cited and rule.source.document != CIRCULAR:
        return f"aucune disposition citée — {standing_of(step.transition, view.index)['according_to']} ({lines})"
    if not cited:
        missing = f" : {rule.basis_missing}" if rule.basis_missing else ""
        return f"aucune disposition citée{missing} ({lines})"
    return f"{cited} ({lines})"


_ROLE_WORDS = {"awards": "délivré par", "proposes": "proposé par"}


def roles_words(step: Step, index) -> str:
    """Who proposes and who awards the title a step of the other documents gives, as they say
    (« délivré par : non précisé (…) »), each body with its document and line; empty for the
    circular's steps."""
    by: dict[str, list[str]] = {}
    for r in awarded_by(step, index):
        where = f" ({r['source']['document']}, l. {r['source']['line']})" if r["source"] else ""
        who = ("non précisé" + (f" ({r['reason']})" if r.get("reason") else "") if r["body"] == "unknown" else
               BODY_LABELS.get(r["body"], r["body"]) + where)
        by.setdefault(_ROLE_WORDS.get(r["role"], r["role"]), []).append(who)
    return " ; ".join(f"{role} : {', '.join(who)}" for role, who in by.items())


def funding_words(step: Step, index) -> str:
    """How the formation a step admits to may be financed, each way with whether the question
    settles it (« CPF (exclu pour ce cas) »); empty when no document says."""
    return ", ".join(f["label"] + {MET.value: "", NOT_MET.value: " (exclu pour ce cas)"}.get(f["status"], " (selon conditions)")
                     + f" (l. {f['source']['line']})" for f in funding_of(step, index))


def step_details(step: Step, index) -> list[str]:
    """What a reader must know of a step besides its basis: who awards, how it is financed."""
    out = []
    if roles := roles_words(step, index):
        out.append(roles[:1].upper() + roles[1:] + ".")
    if funding := funding_words(step, index):
        out.append(f"Financement : {funding}.")
    return out


def disagreements(route: Route, view, width: int, seen: dict[str, str], where: str, indent: str = "  ") -> list[str]:
    """« Les documents divergent » for each disagreement between documents touching the route,
    every side with its lines, wrapped; one already given in the answer (``seen``: id → where)
    is referred to."""
    out, again = [], {}
    for c in sorted(route_conflicts(route, view), key=lambda c: c.id):
        if c.id in seen:
            again.setdefault(seen[c.id], []).append(c.id)
            continue
        seen[c.id] = where
        out += wrap(f"Les documents divergent — {conflict_words(c)}", width, indent, indent + "  ")
    if again:
        out += wrap("Les documents divergent aussi ici : " + " ; ".join(
            f"{', '.join(ids)}, comme {first}" for first, ids in again.items()), width, indent, indent + "  ")
    return out


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
        parts.append("contrat : " + ", ".join(CONTRACT_LABELS.get(c, c) for c in f["contracts"]))
    if f.get("holds"):
        parts.append("titulaire de : " + ", ".join(f["holds"]))
    if f.get("regime"):
        parts.append(f"régime {f['regime']}")
    if f.get("sector") is not None:
        parts.append(f"secteur {f['sector']}")
    if f.get("year"):
        parts.append(f"année scolaire {f['year']}")
    if f.get("jurisdiction"):
        parts.append(f"juridiction {f['jurisdiction']}")
    if f.get("experience") is not None:
        parts.append(f"expérience en rapport : {_months(f['experience'])}")
    if f.get("status"):
        parts.append("statut : " + ", ".join(STATUS_LABELS.get(s, s) for s in sorted(f["status"])))
    if f.get("registered") is not None:
        parts.append("certification enregistrée au " + " et au ".join(sorted(f["registered"]))
                     if f["registered"] else "certification enregistrée à aucun répertoire")
    if f.get("since_result") is not None:
        parts.append(f"{_months(f['since_result'])} depuis le résultat de la dernière session")
    if f.get("missing") is not None:
        parts.append(f"{f['missing']} partie{'s' if f['missing'] > 1 else ''} encore manquante{'s' if f['missing'] > 1 else ''}")
    return ", ".join(parts)


def _months(value: float) -> str:
    """Months as a reader says them: ``2 ans``, ``14 mois``, ``6 mois``.

    >>> _months(24.0), _months(14.0), _months(6.0), _months(0.0)
    ('2 ans', '14 mois', '6 mois', '0 mois')
    """
    n = round(value)
    if n and n % 12 == 0:
        return f"{n // 12} an{'s' if n > 12 else ''}"
    return f"{n} mois"


def note_words(answer) -> str:
    """The answer's note (routes opened by a rule open to any pupil), in French: and, when FROM
    is a class of titles, which of its named titles lead there by themselves; what a
    document says FROM does not lead to."""
    first = next((s.rule for r in answer.routes for s in r.steps if s.rule is not None), None)
    out = (f"Aucune règle ne mène de {answer.source.id} à {answer.target.id} à elle seule : ces parcours "
           f"s'ouvrent par une règle ouverte à {start_name(first)}, dont les conditions sont vérifiées d'après ce que "
           f"dit {answer.source.id}")
    opening = getattr(answer, "opening", None)
    if opening is not None and opening.leading:
        out += (f" ; {len(opening.leading)} des {opening.named} {opening.source} que nomme le corpus y mènent par "
                f"eux-mêmes (par exemple {opening.leading[0]}) : nommez le vôtre")
    if opening is not None and opening.said:
        out += " ; le document dit : " + " ; ".join(opening.said)
    return out + "."


def numbered_steps(route: Route) -> list[tuple[int, Step]]:
    """The steps a reader counts (the study of a year is in the route's line, not a step)."""
    return list(enumerate((s for s in route.steps if s.kind is not StepKind.STUDY), 1))


def answer_text(answer, width: int = 80) -> str:
    """The answer of ``passerelles route`` for people (see the module docstring)."""
    view = answer.view
    first = next((s.rule for r in answer.routes for s in r.steps if s.rule is not None), None)
    out = wrap(f"De {state_name(answer.source.start, view, first)} à {_target_name(answer)} : "
               f"{len(answer.routes)} parcours" + (", du plus court au plus long." if len(answer.routes) > 1 else "."),
               width)
    said = situation(answer)
    if said:
        out += wrap(f"Situation donnée : {said}.", width)
    if answer.note:
        out += wrap(note_words(answer), width)
    repeats, seen = repeats_of(answer), {}
    for i, route in enumerate(answer.routes, 1):
        out.append("")
        out += wrap(f"Parcours {i} : {route_line(route, view.index)} — {route_years(route, view.index)}", width)
        steps = numbered_steps(route)
        for n, step in steps:
            out += wrap(f"{step.source.id if step.source != START else start_name(step.rule)} → {step.target.id} : "
                        f"{step_kind_words(step)} — {step_basis(step, view)}{_also(step)}", width, f"  {n}. ")
            for detail in step_details(step, view.index):
                out += wrap(detail, width, "     ")
        out += disagreements(route, view, width, seen, f"au parcours {i}")
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
    return {"from": answer.source.id, "to": answer.target.id, "route": route_line(route, view.index),
            "years": route.years, "years_at_least": route.years_at_least, "duration": route_duration(route, view.index),
            "steps": len(steps),
            "basis": " | ".join(f"{step_kind_words(s)}: {step_basis(s, view)}" for _, s in steps),
            "conditions": sum(len(s.conditions) for _, s in steps)}
