"""The nodes and edges of the route view, as typed objects.

A :class:`State` is a year in some mode (admitted to ``in``, completed ``done``, attended
``attended``, failed ``failed``), a title held, a 7th-year option entered, or ``START`` (any
pupil). Its :attr:`~State.key` (``done:5P``, ``title:CESS``) is how messages and figures
name it; code never parses it back. A :class:`Transition` is one way a rule (or the study of
a year, or a title attesting a year) goes from one state to another.

>>> State.year("5P", Mode.PASSED).key, State.title("CESS").key, str(START)
('done:5P', 'title:CESS', 'START')
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from ..rules.conditions import Condition
from ..rules.model import Rule
from ..rules.vocab import FromMode


class StateKind(StrEnum):
    YEAR = "year"
    TITLE = "title"
    OPTION = "option"
    START = "start"


class Mode(StrEnum):
    """How a year stands in a pupil's record (``in`` admitted, ``done`` completed with success …)."""

    ENROLLED = "in"
    PASSED = "done"
    ATTENDED = "attended"
    FAILED = "failed"


#: The mode of a rule's ``from`` years.
MODE_OF = {FromMode.COMPLETED: Mode.PASSED, FromMode.ATTENDED: Mode.ATTENDED, FromMode.ENROLLED: Mode.ENROLLED,
           FromMode.FAILED: Mode.FAILED}


class State(NamedTuple):
    """A node of the route view (a named tuple: states are hashed at every step of a search)."""

    kind: StateKind
    id: str
    mode: Mode | None = None

    @classmethod
    def year(cls, year_id: str, mode: Mode) -> State:
        return cls(StateKind.YEAR, year_id, mode)

    @classmethod
    def title(cls, title_id: str) -> State:
        return cls(StateKind.TITLE, title_id)

    @classmethod
    def option(cls, code: str) -> State:
        return cls(StateKind.OPTION, code)

    @property
    def key(self) -> str:
        if self.kind is StateKind.START:
            return "START"
        if self.kind is StateKind.YEAR:
            return f"{self.mode.value}:{self.id}"
        return f"{self.kind.value}:{self.id}"

    def __str__(self) -> str:
        return self.key


START = State(StateKind.START, "START")


class StepKind(StrEnum):
    """The kinds of steps of a route (a rule's kind, or the study of a year, or a title
    attesting a year)."""

    ADMISSION = "admission"
    AWARD = "award"
    REINSERTION = "reinsertion"
    PASSAGE = "passage-specialise"
    OPTION_ACCESS = "option-access"
    EQUIVALENCE = "equivalence"
    STUDY = "study"
    ATTESTS = "attests"


#: Steps that admit to a year (the next-admission effects of titles apply to them).
ADMITTING = frozenset({StepKind.ADMISSION, StepKind.REINSERTION, StepKind.PASSAGE})


@dataclass(frozen=True)
class Transition:
    """One way from ``source`` to ``target``: a rule (its conditions bound to the route index),
    the study of a year (``rule`` is ``None``, ``years`` its duration or ``None`` when the text
    gives none), or a title attesting a year (``rule`` is the award rule)."""

    kind: StepKind
    source: State
    target: State
    rule: Rule | None = None
    conditions: Condition | None = None
    years: int | None = 0

    @property
    def id(self) -> str:
        return self.rule.id if self.rule is not None else f"study:{self.target.id}"

    @property
    def regimes(self) -> tuple[str, ...]:
        return self.rule.regime if self.rule is not None and self.kind not in (StepKind.STUDY, StepKind.ATTESTS) else ()
