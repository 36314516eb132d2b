"""Combinators: all of, any of, not (Kleene's three-valued logic)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from ..parse import DataError, Ids, sequence
from ..record import Record
from ..truth import MET, NOT_MET, UNKNOWN, Truth
from .base import Condition, Const, condition_from_data, register


def _with_source(leaves: list[Condition], group: Condition) -> list[Condition]:
    """Failing parts cite the lines of the group they stand in when they have none of their own."""
    if group.source is None:
        return leaves
    return [leaf if leaf.source is not None else replace(leaf, source=group.source) for leaf in leaves]


@dataclass(frozen=True, kw_only=True)
class _Items(Condition):
    """A list of conditions joined by ``joiner`` (the shared half of all of / any of)."""

    joiner: ClassVar[str] = ""
    items: tuple[Condition, ...]

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> _Items:
        return cls(items=tuple(condition_from_data(c, ids) for c in sequence(value, cls.key, allow_empty=False)),
                   **extras)

    @property
    def children(self) -> tuple[Condition, ...]:
        return self.items

    def bind(self, index) -> _Items:
        return replace(self, items=tuple(c.bind(index) for c in self.items))

    def specialize(self, record: Record) -> Condition:
        """Settled children are dropped (or settle the whole); the rest stays."""
        decisive = NOT_MET if self.key == "all_of" else MET
        kept, unknown = [], False
        for c in self.items:
            c = c.specialize(record)
            if isinstance(c, Const):
                if c.truth is decisive:
                    return c
                unknown = unknown or c.truth is UNKNOWN
            else:
                kept.append(c)
        if not kept:
            return Const(truth=UNKNOWN if unknown else (MET if decisive is NOT_MET else NOT_MET))
        if unknown:
            kept.append(Const(truth=UNKNOWN))
        return kept[0] if len(kept) == 1 else replace(self, items=tuple(kept), text=None, source=None)

    def default_words(self) -> str:
        inner = self.joiner.join(c.describe() for c in self.items)
        return f"({inner})" if len(self.items) > 1 else inner

    def value(self) -> Any:
        return [c.to_json() for c in self.items]


def _reduced(c: Condition, record: Record) -> Condition:
    """An alternative still open, to what is left of it (keeping its words, basis and lines)."""
    parts = c.unsettled(record)
    if parts == [c]:
        return c
    if len(parts) == 1 and (parts[0].source is not None or not (c.text or c.source or c.basis)):
        return parts[0]
    return AllOf(items=tuple(parts), **c.extras())


@register
@dataclass(frozen=True, kw_only=True)
class AllOf(_Items):
    """Every one of ``items``."""

    key = "all_of"
    joiner = " et "

    def evaluate(self, record: Record) -> Truth:
        unknown = False                     # Truth.all, unrolled: the search's innermost loop
        for c in self.items:
            v = c.evaluate(record)
            if v is NOT_MET:
                return NOT_MET
            unknown = unknown or v is UNKNOWN
        return UNKNOWN if unknown else MET

    def unsettled(self, record: Record) -> list[Condition]:
        if self.evaluate(record) is MET:
            return []
        return [u for c in self.items for u in c.unsettled(record)]

    def failing(self, record: Record) -> list[Condition]:
        return _with_source([f for c in self.items for f in c.failing(record)], self)

    def hypotheses(self) -> list[str]:
        return [h for c in self.items for h in c.hypotheses()]

    def school_years_needed(self, record: Record) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.items:
            for year, n in c.school_years_needed(record).items():
                out[year] = max(out.get(year, 0), n)
        return out


@register
@dataclass(frozen=True, kw_only=True)
class AnyOf(_Items):
    """At least one of ``items``."""

    key = "any_of"
    joiner = " ou "

    def evaluate(self, record: Record) -> Truth:
        unknown = False
        for c in self.items:
            v = c.evaluate(record)
            if v is MET:
                return MET
            unknown = unknown or v is UNKNOWN
        return UNKNOWN if unknown else NOT_MET

    def hypotheses(self) -> list[str]:
        """Only when every alternative supposes something."""
        each = [c.hypotheses() for c in self.items]
        return [" ou ".join(" et ".join(h) for h in each)] if all(each) else []

    def unsettled(self, record: Record) -> list[Condition]:
        """Alternatives already failed are dropped; one open alternative is itself what is left."""
        if self.evaluate(record) is MET:
            return []
        open_ = tuple(c for c in self.items if c.evaluate(record) is not NOT_MET)
        if len(open_) == 1:
            return open_[0].unsettled(record)
        if not open_:
            return [self]
        return [replace(self, items=tuple(_reduced(c, record) for c in open_))]

    def failing(self, record: Record) -> list[Condition]:
        if self.evaluate(record) is not NOT_MET:
            return []
        return _with_source([f for c in self.items for f in c.failing(record)], self)

    def school_years_needed(self, record: Record) -> dict[str, int]:
        """What the first alternative that may serve asks (none when one is met without asking)."""
        candidates = [c for c in self.items if c.evaluate(record) is not NOT_MET]
        for c in candidates:
            if c.evaluate(record) is MET and not c.school_years_needed(record):
                return {}
        return candidates[0].school_years_needed(record) if candidates else {}


_INFINITIVES = ("être", "avoir", "suivre", "obtenir", "fréquenter", "réussir", "posséder", "disposer")


def negation(text: str) -> str:
    """``text`` denied in a sentence: an infinitive takes "ne pas", anything else "sauf".

    >>> negation("avoir 18 ans"), negation("Les élèves majeurs"), negation("CEB obtenu")
    ('ne pas avoir 18 ans', 'sauf les élèves majeurs', 'sauf CEB obtenu')
    """
    first = text.split(" ", 1)[0]
    if first in _INFINITIVES:
        return f"ne pas {text}"
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return f"sauf {text}"


@register
@dataclass(frozen=True, kw_only=True)
class Not(Condition):
    """The negation of ``item``."""

    key = "not"
    item: Condition

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Not:
        if not isinstance(value, dict):
            raise DataError("not takes one condition (a mapping)", value)
        return cls(item=condition_from_data(value, ids), **extras)

    @property
    def children(self) -> tuple[Condition, ...]:
        return (self.item,)

    def evaluate(self, record: Record) -> Truth:
        return ~self.item.evaluate(record)

    def bind(self, index) -> Not:
        return replace(self, item=self.item.bind(index))

    def specialize(self, record: Record) -> Condition:
        inner = self.item.specialize(record)
        return Const(truth=~inner.truth) if isinstance(inner, Const) else replace(self, item=inner)

    def words(self) -> str:
        """The negation as a sentence ("sauf les élèves majeurs qui …", "ne pas être titulaire
        du CEB"), not "non : …" -- even where the data quotes the circular's sentence around
        it (its ``text``, kept in the JSON form), which states the exclusion without saying
        who is excluded."""
        return negation(self.item.describe())

    def value(self) -> Any:
        return self.item.to_json()
