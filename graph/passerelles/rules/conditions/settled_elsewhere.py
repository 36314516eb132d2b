"""Conditions the question cannot settle: decisions of a body, orientation, situations the
corpus only names, deadlines within a school year, and what is settled outside the corpus
(``external``) or not at all (``unknown``). They stay on the step, shown as still to meet."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..parse import DataError, Ids, ident, mapping, member, text
from ..vocab import Body, DecisionKind, Orientation as OrientationKind
from .base import Condition, inner_text, register
from . import terms as T

if TYPE_CHECKING:
    from rdflib import Graph, URIRef


@register
@dataclass(frozen=True, kw_only=True)
class Decision(Condition):
    """A decision, opinion or request of a body (conseil d'admission, jury, ministre …)."""

    key = "decision"
    text_inside = True
    body: Body
    kind: DecisionKind

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Decision:
        d = mapping(value, "decision", {"body", "kind", "text"}, ("body", "kind"))
        extras = inner_text(d, extras)
        return cls(body=member(Body, d["body"], "decision body", d), kind=member(DecisionKind, d["kind"], "decision kind", d),
                   **extras)

    def default_words(self) -> str:
        return f"{self.kind.value} : {self.body.value}"

    def value(self) -> Any:
        return {"body": self.body.value, "kind": self.kind.value}

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        g.add((node, T.PSL.decidedBy, T.body_iri(self.body.value)))
        g.add((node, T.PSL.decisionKind, T.Literal(self.kind.value)))


@register
@dataclass(frozen=True, kw_only=True)
class Orientation(Condition):
    """In the same (or a corresponding, or another) orientation of studies."""

    key = "orientation"
    orientation: OrientationKind

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Orientation:
        return cls(orientation=member(OrientationKind, value, "orientation", value), **extras)

    def default_words(self) -> str:
        return {"same": "dans la même orientation d'études", "corresponding": "dans une orientation d'études correspondante",
                "different": "en changeant d'orientation d'études"}[self.orientation.value]

    def value(self) -> Any:
        return self.orientation.value


@register
@dataclass(frozen=True, kw_only=True)
class External(Condition):
    """Settled outside the corpus: ``settled_by`` names where. Never dropped, never invented."""

    key = "external"
    about: str
    settled_by: str
    reason: str

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> External:
        d = mapping(value, "external", {"about", "settled_by", "reason"}, ("about", "settled_by", "reason"))
        return cls(about=text(d["about"], "about", d), settled_by=text(d["settled_by"], "settled_by", d),
                   reason=text(d["reason"], "reason", d), **extras)

    def words(self) -> str:
        return f"{self.about} — réglé hors du corpus : {self.settled_by}"

    def value(self) -> Any:
        return {"about": self.about, "settled_by": self.settled_by, "reason": self.reason}

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        for prop, v in ((T.PSL.about, self.about), (T.PSL.settledBy, self.settled_by), (T.PSL.reason, self.reason)):
            g.add((node, prop, T.Literal(v, lang="fr")))


@register
@dataclass(frozen=True, kw_only=True)
class Unknown(Condition):
    """The corpus is silent or contradicts itself: ``reason`` says which."""

    key = "unknown"
    about: str
    reason: str

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Unknown:
        d = mapping(value, "unknown", {"about", "reason"}, ("about", "reason"))
        return cls(about=text(d["about"], "about", d), reason=text(d["reason"], "reason", d), **extras)

    def words(self) -> str:
        return f"inconnu : {self.about} ({self.reason})"

    def hypotheses(self) -> list[str]:
        return [f"ce que le corpus ne dit pas le permet ({self.about} : {self.reason})"]

    def value(self) -> Any:
        return {"about": self.about, "reason": self.reason}

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        for prop, v in ((T.PSL.about, self.about), (T.PSL.reason, self.reason)):
            g.add((node, prop, T.Literal(v, lang="fr")))


@register
@dataclass(frozen=True, kw_only=True)
class Situation(Condition):
    """A fact about the pupil the corpus names without a structure of its own (``id``)."""

    key = "situation"
    text_inside = True
    id: str

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Situation:
        d = mapping(value, "situation", {"id", "text"}, ("id",))
        extras = inner_text(d, extras)
        return cls(id=ident(d["id"], "situation id", d), **extras)

    def default_words(self) -> str:
        return self.id

    def value(self) -> Any:
        return {"id": self.id}

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        g.add((node, T.PSL.situation, T.Literal(self.id)))


@register
@dataclass(frozen=True, kw_only=True)
class Deadline(Condition):
    """Until a day of the school year (``MM-DD``)."""

    key = "deadline"
    text_inside = True
    until: str

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Deadline:
        d = mapping(value, "deadline", {"until", "text"}, ("until",))
        extras = inner_text(d, extras)
        if not re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", str(d["until"])):
            raise DataError(f"deadline until must be MM-DD, got {d['until']!r}", d)
        return cls(until=str(d["until"]), **extras)

    def default_words(self) -> str:
        month, day = self.until.split("-")
        return f"jusqu'au {int(day)}/{int(month)}"

    def value(self) -> Any:
        return {"until": self.until}


@register
@dataclass(frozen=True, kw_only=True)
class Equivalence(Condition):
    """A decision of equivalence by ``body`` (the service des équivalences, 000 l. 23):
    whether the title held counts as ``to``. Outside the corpus, and its outcome is not
    given: never settled by the question, never dropped."""

    key = "equivalence"
    text_inside = True
    body: Body
    to: str
    settled_by: str

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Equivalence:
        d = mapping(value, "equivalence", {"body", "to", "settled_by", "text"}, ("body", "to", "settled_by"))
        extras = inner_text(d, extras)
        return cls(body=member(Body, d["body"], "equivalence body", d), to=ids.title(d["to"], "equivalence to", d),
                   settled_by=text(d["settled_by"], "settled_by", d), **extras)

    def words(self) -> str:
        base = self.text or f"une décision d'équivalence au {self.to}"
        return f"{base} — décision hors du corpus ({self.settled_by}), son issue n'est pas dite"

    def titles_named(self) -> frozenset[str]:
        return frozenset({self.to})

    def hypotheses(self) -> list[str]:
        base = self.text or f"une décision d'équivalence au {self.to}"
        return [f"{base} est obtenue (décision hors du corpus, dont l'issue n'est pas dite)"]

    def value(self) -> Any:
        return {"body": self.body.value, "to": self.to, "settled_by": self.settled_by}

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        g.add((node, T.PSL.decidedBy, T.body_iri(self.body.value)))
        g.add((node, T.PSL.equivalentTo, T.title_iri(self.to)))
        g.add((node, T.PSL.settledBy, T.Literal(self.settled_by, lang="fr")))
