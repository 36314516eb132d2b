"""Routes as people and scripts read them: the JSON contract, citations of the legal basis,
and steps in French.

Conditions describe themselves (:meth:`~passerelles.rules.conditions.Condition.describe`)
and give their own JSON; this module only puts steps into sentences and records. The
answer as a text for a terminal is :mod:`.summary`; the legal memo of ``explain`` is
:mod:`.memo`.
"""

from __future__ import annotations

from ..legal.citing import ACT_TYPES, Locator, format_locator, french_date
from ..rules.time import total_words
from ..rules.truth import MET, NOT_MET
from ..rules.vocab import FUNDER_LABELS, ROLE_LABELS, Role
from ..text import clean_markup
from .french import Noun, noun
from .search import Route, Step
from .states import START, Mode, State, StateKind, StepKind, Transition
from .view import RouteIndex, RouteView

CIRCULAR = "circulaire-7282"
#: The circular's system (« tout élève »).
SECONDARY = "enseignement-secondaire"


def cite(basis: dict) -> str:
    """A provision as a reader cites it.

    >>> cite({"act": {"type": "decret", "date": "1991-07-03"}, "article": "8", "paragraph": "1",
    ...       "alinea": None, "point": None})
    'Décret du 3 juillet 1991, art. 8, §1er'
    """
    act = basis["act"]
    place = format_locator(Locator(basis.get("article"), basis.get("paragraph"), basis.get("alinea"), basis.get("point")))
    name = act.get("label") or f"{ACT_TYPES[act['type']]} du {french_date(act['date'])}"
    return f"{name}, {place}" if place else name


def place_of(basis: dict) -> str:
    """The place of a provision: ``art. 8, §1er``."""
    return format_locator(Locator(basis.get("article"), basis.get("paragraph"), basis.get("alinea"), basis.get("point")))


def cite_all(bases: list[dict], same_act: str | None = None) -> str:
    """Provisions as the circular cites them: each act once with its places (« A, B et C »),
    acts apart (« ; »); an act that is ``same_act`` (the one just cited) is « Ibidem ».

    >>> d = {"type": "decret", "date": "1991-07-03", "iri": "d91"}
    >>> cite_all([{"act": d, "article": "6", "point": "2"}, {"act": d, "article": "6", "point": "3"}])
    'Décret du 3 juillet 1991, art. 6, 2° et art. 6, 3°'
    >>> cite_all([{"act": d, "article": "8", "paragraph": "1"}], same_act="d91")
    'Ibidem, art. 8, §1er'
    """
    by_act: dict[str, list[dict]] = {}
    for b in bases:
        by_act.setdefault(b["act"]["iri"], []).append(b)
    out = []
    for iri, group in by_act.items():
        name = "Ibidem" if iri == same_act and len(by_act) == 1 else cite({"act": group[0]["act"]})
        places = [p for p in (place_of(b) for b in group) if p]
        joined = ", ".join(places[:-1]) + " et " + places[-1] if len(places) > 1 else "".join(places)
        out.append(f"{name}, {joined}" if joined else name)
    return " ; ".join(out)


_SHORT = {"decret": "D.", "loi": "L.", "arrete-royal": "A.R.", "agcf": "AGCF", "aecf": "AECF", "circulaire": "Circ."}


def cite_short(basis: dict) -> str:
    """A short citation for diagrams: ``D. 03-07-1991, art. 6 §1``.

    >>> cite_short({"act": {"type": "decret", "date": "1991-07-03"}, "article": "6", "paragraph": "1"})
    'D. 03-07-1991, art. 6 §1'
    """
    act = basis["act"]
    y, m, d = act["date"].split("-")
    parts = [f"art. {basis['article']}" if basis.get("article") else "",
             f"§{basis['paragraph']}" if basis.get("paragraph") else "",
             f"al. {basis['alinea']}" if basis.get("alinea") else "",
             f"{basis['point']}°" if basis.get("point") else ""]
    place = " ".join(p for p in parts if p)
    return f"{_SHORT[act['type']]} {d}-{m}-{y}" + (f", {place}" if place else "")


def basis_of(t: Transition, index: RouteIndex) -> list[dict]:
    """The legal basis of a transition's rule: provisions with their act (type, date, IRI,
    label); none for the study of a year."""
    if t.rule is None or t.kind is StepKind.STUDY:
        return []
    out = []
    for p in t.rule.basis:
        act = index.acts.get(p.act)
        if act is None:
            continue
        out.append({"act": {"type": act.type, "date": act.date, "iri": act.iri, "label": act.label},
                    "article": p.article, "paragraph": p.paragraph, "alinea": p.alinea, "point": p.point})
    return out


def _document(doc_id: str) -> str:
    """How a reader names a corpus document: ``circulaire-7282`` → ``circulaire 7282``."""
    return doc_id.replace("-", " ") if doc_id.startswith("circulaire-") else doc_id


def standing_of(t: Transition, index: RouteIndex) -> dict | None:
    """The standing of a step's rule: its document's kind, how answers name it, its date, who
    in the document says it and how firmly (none for the study of a year)."""
    rule = t.rule if t.kind is not StepKind.STUDY else None
    if rule is None:
        return None
    src = index.sources.get(rule.source.document)
    out = {"document": rule.source.document, "kind": src.kind if src else None, "date": src.date if src else None,
           "speaker": rule.speaker.value, "modality": rule.modality.value, "hedge": rule.hedge}
    out["according_to"] = (src.according(rule.speaker.value, rule.modality.value, rule.hedge) if src
                           else f"selon {rule.source.document}")
    return out


def conflicts_of(step: Step, view: RouteView) -> list:
    """The disagreements between documents that touch a step: its rule, or another rule of the
    same step (C1: the school page's three years where the guide's VAE asks one)."""
    data = view.get_edge_data(step.transition.source, step.transition.target) or {}
    ids = {t.id for t in data.get("transitions", ())} | {step.transition.id}
    return view.index.conflicts_of(ids)


def funding_of(step: Step, index: RouteIndex) -> list[dict]:
    """How the formation a step admits to may be financed, each way with what it asks of the
    record (met, not met, cannot tell)."""
    if step.kind is not StepKind.ADMISSION or step.target.kind is not StateKind.YEAR:
        return []
    out = []
    for rule in index.funding.get(step.target.id, ()):
        truth = rule.conditions.evaluate(step.before) if rule.conditions is not None else MET
        out.append({"funder": rule.funder.value, "label": FUNDER_LABELS[rule.funder], "rule": rule.id,
                    "status": truth.value, "source": {"document": rule.source.document, "line": rule.source.first},
                    "conditions": [c.to_json() for c in rule.conditions.unsettled(step.before)] if rule.conditions is not None
                    and truth is not MET else []})
    return out


def awarded_by(step: Step, index: RouteIndex) -> list[dict]:
    """Who proposes and who awards the title a step gives, as its documents say (``unknown``
    where they are silent: the titre professionnel)."""
    if step.kind not in (StepKind.AWARD,) or step.rule is None or step.rule.source.document == CIRCULAR:
        return []
    return [r for r in index.roles.get(step.target.id, ()) if r["role"] in (Role.PROPOSES.value, Role.AWARDS.value)]


def length_of(step: Step, index: RouteIndex):
    """The length of a study step in years or months, when the document gives one."""
    if step.kind is not StepKind.STUDY:
        return None
    return index.states.get(step.target.id, {}).get("length")


def step_record(step: Step, index: RouteIndex, view: RouteView | None = None) -> dict:
    """A step in the JSON contract of ``route --json``."""
    t = step.transition
    rule = t.rule if t.kind is not StepKind.STUDY else None
    basis = basis_of(t, index)
    out = {
        "from": step.source.id,
        "to": step.target.id,
        "kind": t.kind.value,
        "years": step.years,
        "conditions": [c.to_json() for c in step.conditions],
        "basis": [{"act": {k: b["act"][k] for k in ("type", "date", "iri")},
                   **{k: b[k] for k in ("article", "paragraph", "alinea", "point")}} for b in basis],
        "source": {"document": rule.source.document, "line": rule.source.first} if rule else None,
        "rule": rule.id if rule else None,
        "also_allowed_by": [a.id for a in step.also],
        "basis_missing": rule.basis_missing if rule else None,
        "citation": "; ".join(cite(b) for b in basis),
    }
    if t.kind is StepKind.STUDY and step.years is None:
        out["years_at_least"] = step.years_at_least
    # the other systems: what a reader needs to weigh the step (none of it for the circular's)
    if rule is not None and rule.source.document != CIRCULAR:
        out["standing"] = standing_of(t, index)
    length = length_of(step, index)
    if length is not None:
        out["duration"] = {**length.to_json(), "text": length.words()}
    if view is not None and (found := conflicts_of(step, view)):
        out["conflicts"] = [c.to_json() for c in found]
    if funding := funding_of(step, index):
        out["funding"] = funding
    if roles := awarded_by(step, index):
        out["awarded_by"] = roles
    return out


def route_duration(route: Route, index: RouteIndex) -> str | None:
    """The length of a route in years or months, where its documents give one."""
    studies = [s for s in route.steps if s.kind is StepKind.STUDY and s.years is None]
    if not studies:
        return None
    return total_words([length_of(s, index) for s in studies])


def route_record(route: Route, index: RouteIndex, view: RouteView | None = None) -> dict:
    out = {"years": route.years, "years_at_least": route.years_at_least,
           "steps": [step_record(s, index, view) for s in route.steps]}
    if duration := route_duration(route, index):
        out["duration"] = duration
    return out


def answer_record(answer) -> dict:
    """The whole answer of ``route --json``: ``{from, to, routes}`` (and ``note`` when the routes
    open with a rule open to any pupil; ``unused_filters`` when a filter given concerns no step
    of the routes, ``[{filter, note}]``; ``diagnosis`` when there is no route)."""
    out = {"from": answer.source.id, "to": answer.target.id,
           "routes": [route_record(r, answer.view.index, answer.view) for r in answer.routes]}
    if answer.note:
        out["note"] = answer.note
    if getattr(answer, "unused", ()):
        out["unused_filters"] = [{"filter": f, "note": n} for f, n in zip(answer.unused, answer.unused_notes())]
    if getattr(answer, "diagnosis", None) is not None:
        out["diagnosis"] = answer.diagnosis.to_dict()
    return out


def start_name(rule=None) -> str:
    """Whom a rule open to any pupil is for: the circular's « tout élève »; in the other
    systems, « toute personne »."""
    return "tout élève" if rule is None or rule.system == SECONDARY else "toute personne"


def state_name(state, view: RouteView, rule=None) -> str:
    """A state as a reader names it: its id and label (``6P (6e année …)``), ``tout élève``
    (``toute personne`` for a ``rule`` of another system than the circular's)."""
    if state == START:
        return start_name(rule)
    label = view.nodes[state].get("label", state.id) if state in view else state.id
    return f"{state.id} ({clean_markup(label)})" if label != state.id else state.id


#: What each kind of step does, in French: ``{to}`` the target's id; ``{of_to}``, ``{at_to}``,
#: ``{the_to}`` and ``{the_src}`` the target (or source) named with its article
#: (:mod:`.french`: « de l'ACC », « au CQSS … », « le CE6P »).
STEP_WORDS = {StepKind.ADMISSION: "admission en {to}", StepKind.REINSERTION: "réinsertion en {to}",
              StepKind.PASSAGE: "passage en {to}", StepKind.AWARD: "délivrance {of_to}",
              StepKind.OPTION_ACCESS: "accès à l'option {to}", StepKind.ATTESTS: "{the_src} atteste la réussite {of_to}",
              StepKind.STUDY: "études en {to}", StepKind.EQUIVALENCE: "équivalence {at_to}"}


def step_kind_words(step: Step, index: RouteIndex | None = None) -> str:
    """What a step does, in a few French words: ``admission en 7P``, ``délivrance du CESS``,
    ``délivrance de l'ACC`` (with ``index``, a title is named as readers name it, with its
    article: « délivrance du titre professionnel », never « du TP »)."""
    def named(state):
        return noun(index, state.id) if index is not None else Noun(state.id)
    to = named(step.target)
    src = Noun(start_name(step.rule)) if step.source == START else named(step.source)
    words = STEP_WORDS[step.kind].format(to=step.target.id, of_to=to.of(), at_to=to.to(), the_to=to.the(),
                                         the_src=src.the() if step.source != START else src.name)
    return words


def years_words(years: int | None, at_least: int = 0, short: bool = False) -> str:
    """School years in French: ``1 année scolaire``, ``au moins 2 années scolaires``; short:
    ``1 an``, ``au moins 2 ans``, ``durée non précisée``.

    >>> years_words(1), years_words(None, 2), years_words(2, short=True), years_words(None, short=True)
    ('1 année scolaire', 'au moins 2 années scolaires', '2 ans', 'durée non précisée')
    """
    n = years if years is not None else at_least
    if short:
        if years is None and not at_least:
            return "durée non précisée"
        return ("au moins " if years is None else "") + f"{n} an{'s' if n > 1 else ''}"
    if years is None and not at_least:
        return "durée non précisée par la circulaire"
    return ("au moins " if years is None else "") + f"{n} année{'s' if n > 1 else ''} scolaire{'s' if n > 1 else ''}"


def _years_words(step: Step, by: str = "la circulaire") -> str:
    y = step.years
    if y is None:
        return (f"au moins {step.years_at_least} année{'s' if step.years_at_least > 1 else ''} scolaire"
                f"{'s' if step.years_at_least > 1 else ''}, durée non précisée par {by}"
                if step.years_at_least else f"durée non précisée par {by}")
    return f"{y} année{'s' if y > 1 else ''} scolaire{'s' if y > 1 else ''}"


def study_words(step: Step, view: RouteView) -> str:
    """How long the study of a year takes, in French: school years, or the years or months its
    document gives (« entre 8 et 12 mois »), or that its document (the circular, or another)
    does not say."""
    length = length_of(step, view.index)
    if length is not None and step.years is None:
        return length.words()
    return _years_words(step, "la circulaire" if CIRCULAR in _documents(view, step.target.id) else "le document")


def explain_step(step: Step, view: RouteView) -> str:
    """One sentence of justification, in French, with the basis and the line of the circular
    (the circular's markup rendered: ``6e``, ``§1er``)."""
    return clean_markup(_explain_step(step, view))


def _explain_step(step: Step, view: RouteView) -> str:
    index = view.index
    t = step.transition                 # before name(): START is named after the step's rule
    def name(state):
        if state == START:
            return start_name(t.rule)
        label = view.nodes[state].get("label", state.id) if state in view else state.id
        return f"{label} ({state.id})"
    to, src = name(step.target), name(step.source)
    if t.kind is StepKind.STUDY:
        verb = {"done": "réussit", "attended": "suit", "failed": "ne réussit pas"}.get(step.target.mode.value, "suit")
        return f"{verb.capitalize()} : {to} ({study_words(step, view)})."
    rule = t.rule
    where = f"{_document(rule.source.document)}, {rule.source.lines}"
    basis = "; ".join(cite(b) for b in basis_of(t, index))
    if rule.source.document == CIRCULAR:
        according = f"selon {basis} ({where})" if basis else f"d'après la {where} (aucune disposition citée : {rule.basis_missing})"
    else:
        according = f"{standing_of(t, index)['according_to']}, {rule.source.lines} (aucune disposition citée)"
    if t.kind is StepKind.ATTESTS:
        text = f"Le titre {src} atteste la réussite de : {to}, {according}"
    else:
        verbs = {"admission": "Admis(e) en", "reinsertion": "Réinséré(e) en", "passage-specialise": "Passe en",
                 "award": "Obtient :", "option-access": "Accède à l'option", "equivalence": "Tenu(e) pour titulaire de"}
        text = f"{verbs.get(t.kind.value, t.kind.value)} {to} depuis {src}, {according}"
    if step.conditions:
        text += ", à condition que : " + " ; ".join(c.describe() for c in step.conditions)
    if step.also:
        text += " (aussi permis par : " + ", ".join(
            f"{a.id}, {a.rule.source.lines}" if a.rule is not None else a.id for a in step.also) + ")"
    for role in awarded_by(step, index):
        where = f" ({_document(role['source']['document'])}, l. {role['source']['line']})" if role["source"] else ""
        who = role["body"] + where if role["body"] != "unknown" else f"non précisé ({role['reason']})"
        text += f" ; {ROLE_LABELS[Role(role['role'])]} : {who}"
    funding = funding_of(step, index)
    if funding:
        text += " ; financement : " + ", ".join(
            f["label"] + {MET.value: "", NOT_MET.value: " (exclu pour ce cas)"}.get(f["status"], " (selon conditions)")
            for f in funding)
    for c in conflicts_of(step, view):
        text += f" — les documents divergent ({c.id}, {_OVERLAP[c.overlap]}) : {sides_words(c)}"
    return text + "."


_OVERLAP = {"full": "sur le même point", "partial": "en partie seulement sur le même point",
            "tension": "sans se contredire ouvertement"}


def _span(lines: list[int]) -> str:
    return str(lines[0]) if lines[0] == lines[1] else f"{lines[0]}-{lines[1]}"


def _documents(view: RouteView, state_id: str) -> set[str]:
    """The documents a state's data comes from (its rules' documents)."""
    return {t.rule.source.document for _, _, d in view.in_edges(State.year(state_id, Mode.ENROLLED), data=True)
            for t in d["transitions"] if t.rule is not None} if State.year(state_id, Mode.ENROLLED) in view else set()


def sides_words(c) -> str:
    """Every side of a disagreement between documents: « document, l. 35 : what it says »."""
    return " ; ".join(f"{_document(s['document'])}, l. {_span(s['lines'])} : {s['says']}" for s in c.sides)


def conflict_words(c) -> str:
    """A disagreement between documents for people, every side given (never one picked):
    « C1 (en partie seulement sur le même point) — title : side ; side »."""
    return f"{c.id} ({_OVERLAP[c.overlap]}) — {c.title} : {sides_words(c)}"


def route_conflicts(route: Route, view: RouteView) -> list:
    """The disagreements between documents that touch a route's steps, each once."""
    seen: dict[str, object] = {}
    for step in route.steps:
        for c in conflicts_of(step, view):
            seen.setdefault(c.id, c)
    return list(seen.values())


__all__ = ["cite", "cite_short", "basis_of", "step_record", "route_record", "answer_record", "explain_step",
           "state_name", "start_name", "study_words", "step_kind_words", "years_words", "STEP_WORDS", "standing_of", "conflicts_of",
           "funding_of", "awarded_by", "length_of", "route_duration", "sides_words", "conflict_words", "route_conflicts"]
