"""Three-valued answers: a condition is met, not met, or cannot be told from the record.

Kleene's strong logic: *not met* wins a conjunction, *met* wins a disjunction, and
*cannot tell* stays otherwise — a step whose conditions cannot be told stays on the route,
with those conditions shown as still to meet.

>>> Truth.MET & Truth.UNKNOWN, Truth.NOT_MET & Truth.UNKNOWN, Truth.MET | Truth.UNKNOWN, ~Truth.UNKNOWN
(<Truth.UNKNOWN: 'cannot tell'>, <Truth.NOT_MET: 'not met'>, <Truth.MET: 'met'>, <Truth.UNKNOWN: 'cannot tell'>)
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum


class Truth(Enum):
    MET = "met"
    NOT_MET = "not met"
    UNKNOWN = "cannot tell"

    def __and__(self, other: Truth) -> Truth:
        if Truth.NOT_MET in (self, other):
            return Truth.NOT_MET
        return Truth.MET if self is other is Truth.MET else Truth.UNKNOWN

    def __or__(self, other: Truth) -> Truth:
        if Truth.MET in (self, other):
            return Truth.MET
        return Truth.NOT_MET if self is other is Truth.NOT_MET else Truth.UNKNOWN

    def __invert__(self) -> Truth:
        return {Truth.MET: Truth.NOT_MET, Truth.NOT_MET: Truth.MET}.get(self, Truth.UNKNOWN)

    @staticmethod
    def of(value: bool | None) -> Truth:
        """``True`` → met, ``False`` → not met, ``None`` → cannot tell."""
        return Truth.UNKNOWN if value is None else (Truth.MET if value else Truth.NOT_MET)

    @staticmethod
    def all(values: Iterable[Truth]) -> Truth:
        out = Truth.MET
        for v in values:
            out = out & v
            if out is Truth.NOT_MET:
                break
        return out

    @staticmethod
    def any(values: Iterable[Truth]) -> Truth:
        out = Truth.NOT_MET
        for v in values:
            out = out | v
            if out is Truth.MET:
                break
        return out


MET, NOT_MET, UNKNOWN = Truth.MET, Truth.NOT_MET, Truth.UNKNOWN
