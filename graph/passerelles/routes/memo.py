"""``explain``: the routes of a question as a short legal memo in French.

The memo states the question and the answer, then each route step by step in sentences —
« L'élève peut être admis en 7e année professionnelle de type B (7P)², à condition : … » —
and cites its sources as the circular does, in numbered notes at the end: the provision
(« Décret du 3 juillet 1991, art. 8, §1er »), « Ibidem » when a note cites the act of the
note before it, and the lines of circular 7282 that ground the step. A step of the other
documents is cited with its standing (« selon Infor Jeunes Laeken (service d'information,
non daté ; une réponse à un lecteur), l. 41 »): who says it and how firmly; where two
documents disagree, the memo says so with every side.

>>> from passerelles.api import Passerelles
>>> from passerelles.routes.service import ask
>>> memo = Explanation.of(ask(Passerelles(), "CE6P", "CESS", k=1)).memo(80)
>>> print(memo.splitlines()[0])
Note : de CE6P à CESS
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text import clean_markup
from .explain import CIRCULAR, SECONDARY, basis_of, cite_all, explain_step, standing_of, state_name, study_words
from .search import Step
from .service import Answer
from .states import START, StepKind
from .summary import (disagreements, met_by_question, note_words, numbered_steps, render, repeats_of, route_line,
                      route_years, situation, step_details, wrap)

_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(n: int) -> str:
    """A note call as the circular writes it: ``¹²``.

    >>> superscript(12)
    '¹²'
    """
    return str(n).translate(_SUPERSCRIPTS)


def _document(doc_id: str) -> str:
    return doc_id.replace("-", " ") if doc_id.startswith("circulaire-") else doc_id


class _Notes:
    """The memo's numbered notes, in the circular's style (« Ibidem » for the act just cited)."""

    def __init__(self) -> None:
        self.notes: list[str] = []
        self._last_act: str | None = None

    def add(self, step: Step, view) -> str:
        rule = step.rule
        provisions = basis_of(step.transition, view.index)
        cited = cite_all(provisions, self._last_act)
        acts = list(dict.fromkeys(b["act"]["iri"] for b in provisions))
        self._last_act = acts[-1] if acts else None
        where = f"{_document(rule.source.document)}, {rule.source.lines}"
        if rule.source.document != CIRCULAR:
            # who says it, and how firmly: the other documents are no legal text
            said = standing_of(step.transition, view.index)["according_to"]
            note = f"{cited} ; {said}, {rule.source.lines}" if cited else \
                f"Aucune disposition citée ; {said}, {rule.source.lines}"
        else:
            note = f"{cited} ; {where}" if cited else \
                f"Aucune disposition citée ({clean_markup(rule.basis_missing or 'raison non donnée')}) ; {where}"
        others = [t for t in step.also if t.rule is not None]
        if others:
            note += ". La même étape est aussi permise par la " + ", la ".join(
                f"{t.rule.source.lines} ({t.id})" for t in others)
        self.notes.append(note + ".")
        return superscript(len(self.notes))


def _pupil(rule) -> bool:
    """Whether a step's rule speaks of pupils (the circular's system) rather than persons."""
    return rule is None or rule.system == SECONDARY


def _sentence(step: Step, view, call: str) -> str:
    """What a step does, as the memo says it, with its note call."""
    to = state_name(step.target, view)
    kind = step.kind
    pupil = _pupil(step.rule)
    one = "L'élève" if pupil else "La personne"
    if kind is StepKind.ATTESTS:
        return f"Le {step.source.id} atteste la réussite de la {to}{call}."
    if kind is StepKind.AWARD:
        return f"{one} obtient le {to}{call}"
    if kind is StepKind.OPTION_ACCESS:
        return f"{one} peut accéder à l'option {to}{call}"
    if kind is StepKind.EQUIVALENCE:
        return f"{one} peut être tenue pour titulaire du {to}{call}" if not pupil else \
            f"{one} peut être tenu pour titulaire du {to}{call}"
    verb = {StepKind.ADMISSION: "être admis" if pupil else "être admise", StepKind.REINSERTION: "être réinséré",
            StepKind.PASSAGE: "passer"}[kind]
    who = ("Tout élève" if pupil else "Toute personne") if step.source == START else one
    return f"{who} peut {verb} en {to}{call}"


@dataclass(frozen=True)
class Explanation:
    """The answer of ``passerelles explain``: the routes (``answer``) and, for each, one
    French sentence per step (``sentences``, the ``explanation`` of the JSON).

    ``to_dict()`` is the JSON of ``explain --json`` (that of ``route --json``, each route with
    its ``explanation``); ``memo(width)`` the memo for people.
    """

    answer: Answer
    sentences: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, answer: Answer) -> Explanation:
        return cls(answer, tuple(tuple(explain_step(s, answer.view) for s in r.steps) for r in answer.routes))

    def to_dict(self) -> dict:
        record = self.answer.to_dict()
        record["routes"] = [{**r, "explanation": list(t)} for r, t in zip(record["routes"], self.sentences)]
        return record

    def frame(self):
        return self.answer.frame()

    def memo(self, width: int = 80) -> str:
        """The memo, wrapped at ``width`` columns (never inside a word)."""
        a, view = self.answer, self.answer.view
        out = wrap(f"Note : de {a.source.id} à {a.target.id}", width)
        out.append("")
        pupil = all(_pupil(s.rule) for r in a.routes for s in r.steps)
        who = "un élève" if pupil else "une personne"
        holder = (f"{who} quelconque" if a.source.start == START else
                  f"{who} titulaire du {state_name(a.source.start, view)}" if a.source.kind == "title" else
                  f"{who} ayant réussi la {state_name(a.source.start, view)}")
        goal = f"le {state_name(a.target.nodes[0], view)}" if a.target.kind == "title" and a.target.nodes else \
            f"la {a.target.label} ({a.target.id})" if a.target.kind != "title" else a.target.id
        shortest = a.routes[0]
        out += wrap(f"Question : {holder} peut-{'il' if pupil else 'elle'} atteindre {clean_markup(goal)}, et sur quelle "
                    "base ?", width)
        said = situation(a)
        if said:
            out += wrap(f"Situation donnée : {said}.", width)
        others = len(a.routes) - 1
        more = f" ; {others} autre{'s' if others > 1 else ''} parcours ci-dessous" if others else ""
        length = route_years(shortest, view.index)
        known = length[0].isdigit() or length.startswith(("au moins", "entre", "généralement"))
        by = f"en {length} par le parcours le plus court" if known else f"par le parcours le plus court ({length})"
        out += wrap(f"Réponse : oui, {by}{more}, aux conditions dites pour chaque étape : celles que la situation donnée ne "
                    "règle pas restent à remplir.", width)
        if a.note:
            out += wrap(note_words(a), width)
        notes, repeats, seen = _Notes(), repeats_of(a), {}
        for i, route in enumerate(a.routes, 1):
            out.append("")
            out += wrap(f"Parcours {i} — {route_line(route, view.index)} ({route_years(route, view.index)})", width)
            study = {s.target.id: s for s in route.steps if s.kind is StepKind.STUDY}
            for n, step in numbered_steps(route):
                text = _sentence(step, view, notes.add(step, view))
                if step.conditions:
                    text += ", aux conditions suivantes :" if not text.endswith(".") else " Conditions :"
                elif not text.endswith("."):
                    text += "."
                out += wrap(text, width, f"{n}. ")
                lines = []
                for c in step.conditions:
                    lines += repeats.lines(c, f"au parcours {i}, étape {n}", 0)
                out += render(lines, width, 3)
                for c in met_by_question(step):
                    out += wrap(repeats.met(c, f"au parcours {i}, étape {n}"), width, "   ✓ ")
                for detail in step_details(step, view.index):
                    out += wrap(detail, width, "   ")
                year = study.get(step.target.id) if step.kind is not StepKind.AWARD else None
                if year is not None:
                    out += wrap(f"{'Il' if _pupil(step.rule) else 'Elle'} suit la {year.target.id} "
                                f"({study_words(year, view)}).", width, "   ")
            out += disagreements(route, view, width, seen, f"au parcours {i}", "")
        out.append("")
        out += wrap("Sources", width)
        for n, note in enumerate(notes.notes, 1):
            out += wrap(clean_markup(note), width, f"{superscript(n)} ", "   ")
        return "\n".join(out) + "\n"
