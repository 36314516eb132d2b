"""Conditions of pathway rules as plain data, and their evaluation for a pupil's situation.

A condition is a mapping with one key (``all_of``, ``any_of``, ``age``, ``contract``,
``holds``, ``external`` …; see ``data/FORMAT.md``). Evaluating it for a situation gives
``True`` (met), ``False`` (fails: the step is pruned) or ``None`` (cannot be settled from
what the user said, or settled outside the corpus: the step is kept and the condition
shown).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Situation:
    """What the user said about the pupil (the route filters)."""

    age: float | None = None
    adult: bool | None = None
    contracts: frozenset[str] = frozenset()
    holds: frozenset[str] = frozenset()
    regime: str | None = None
    sector: int | None = None
    year: str | None = None

    @property
    def is_adult(self) -> bool | None:
        if self.adult is not None:
            return self.adult
        if self.age is not None:
            return self.age >= 18
        return None


def to_data(condition) -> dict | None:
    """A curated :class:`~passerelles.curated.Condition` as plain JSON-able data."""
    if condition is None:
        return None
    if condition.key == "not":
        out: dict[str, Any] = {"not": to_data(condition.children[0]) if condition.children else _plain(condition.value)}
    elif condition.children:
        out = {condition.key: [to_data(c) for c in condition.children]}
    else:
        out = {condition.key: _plain(condition.value)}
    if condition.text:
        out["text"] = condition.text
    if condition.basis:
        out["basis"] = [{k: v for k, v in (("act", p.act), ("article", p.article), ("paragraph", p.paragraph),
                                           ("alinea", p.alinea), ("point", p.point)) if v} for p in condition.basis]
    if condition.source:
        out["source"] = {"document": condition.source.document, "lines": [condition.source.first, condition.source.last]}
    return out


def _plain(value):
    if hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


CONDITION_KEYS = ("all_of", "any_of", "not", "age", "adult", "contract", "holds", "decision", "orientation",
                  "not_holder", "attended", "schooling", "external", "unknown", "situation", "completed", "deadline")


def key_of(cond: dict) -> str:
    """The condition's own key (the one that is not ``text``/``basis``/``source``).

    >>> key_of({"age": {"ge": 15}, "text": "15 ans accomplis"})
    'age'
    """
    for k in cond:
        if k in CONDITION_KEYS:
            return k
    raise ValueError(f"not a condition: {cond!r}")


def evaluate(cond: dict | None, s: Situation, held: frozenset[str] = frozenset()) -> bool | None:
    """Whether a condition is met for situation ``s`` (``held``: what the route has given so
    far — title ids, and ``year:X`` for the years completed).

    >>> s = Situation(age=16)
    >>> evaluate({"age": {"ge": 15}}, s), evaluate({"age": {"ge": 18}}, s)
    (True, False)
    >>> evaluate({"any_of": [{"age": {"ge": 18}}, {"external": {"about": "x"}}]}, s) is None
    True
    >>> evaluate({"contract": ["contrat-alternance"]}, Situation(contracts=frozenset({"contrat-apprentissage"})))
    False
    """
    if cond is None:
        return True
    key = key_of(cond)
    value = cond[key]
    if key == "all_of":
        results = [evaluate(c, s, held) for c in value]
        return False if False in results else (True if all(r is True for r in results) else None)
    if key == "any_of":
        results = [evaluate(c, s, held) for c in value]
        return True if True in results else (False if all(r is False for r in results) else None)
    if key == "not":
        r = evaluate(value, s, held)
        return None if r is None else not r
    if key == "age":
        return _age(value, s.age)
    if key == "adult":
        adult = s.is_adult
        return None if adult is None else adult == bool(value)
    if key == "contract":
        if not s.contracts:
            return None
        return bool(s.contracts & set(value))
    if key == "holds":
        have = s.holds | held
        if value in have:
            return True
        return None
    if key == "completed":
        years = value.get("years", []) if hasattr(value, "get") else value
        return True if years and all(f"year:{y}" in held for y in years) else None
    return None  # decisions, orientation, external, unknown …: not settled by the filters


def _age(bounds: dict, age: float | None) -> bool | None:
    """Age bounds for an age given in completed years.

    An age of N completed years covers N ≤ exact age < N+1, so it is "de plus de N ans"
    (the circular's adult groups, "plus de 18 et moins de 21 ans" then "plus de 21 et moins
    de 25 ans", meet without a gap); "moins de N ans" needs fewer than N completed years.

    >>> _age({"gt": 18, "lt": 21}, 18), _age({"gt": 18, "lt": 21}, 21), _age({"gt": 21, "lt": 25}, 21)
    (True, False, True)
    """
    if age is None:
        return None
    return all((age >= bounds.get("ge", age), age >= bounds.get("gt", age),
                age <= bounds.get("le", age), age < bounds.get("lt", age + 1)))


def unsettled(cond: dict | None, s: Situation, held: frozenset[str] = frozenset()) -> list[dict]:
    """The conditions still to meet: the parts that are not already true for ``s``.

    Alternatives that already failed are dropped, those already met are dropped too.
    """
    if cond is None or evaluate(cond, s, held) is True:
        return []
    key = key_of(cond)
    if key == "all_of":
        return [c for sub in cond[key] for c in unsettled(sub, s, held)]
    if key == "any_of":
        open_ = [sub for sub in cond[key] if evaluate(sub, s, held) is not False]
        if len(open_) == 1:
            return unsettled(open_[0], s, held)
        return [{**{k: v for k, v in cond.items() if k != "any_of"}, "any_of": open_}]
    return [cond]


@dataclass
class Flags:
    """Kinds of conditions found in a tree (for summaries)."""

    external: list[dict] = field(default_factory=list)
    unknown: list[dict] = field(default_factory=list)


def flags(cond: dict | None) -> Flags:
    out = Flags()

    def walk(c):
        if c is None:
            return
        key = key_of(c)
        if key in ("all_of", "any_of"):
            for sub in c[key]:
                walk(sub)
        elif key == "not":
            walk(c[key])
        elif key == "external":
            out.external.append(c[key])
        elif key == "unknown":
            out.unknown.append(c[key])
    walk(cond)
    return out
