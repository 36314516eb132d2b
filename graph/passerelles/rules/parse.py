"""Reading the rule files' pieces: typed values from YAML (or JSON) data, with the line of
every problem.

The loader (:mod:`passerelles.rules.loader`) gives mappings and lists that remember their line
(:class:`LineDict`, :class:`LineList`); the checks here raise :class:`DataError` pointing at
the offending piece, which the loader turns into ``file:line: message``. The same functions
read the JSON the graph keeps, where there are no lines.

>>> provision({"act": "decret/1991/07/03", "article": "6", "paragraph": "1"})
Provision(act='decret/1991/07/03', article='6', paragraph='1', alinea=None, point=None, via_footnote=None, via_table_note=None)
>>> provision({"act": "decret/1991/07/03", "article": 6})
Traceback (most recent call last):
...
passerelles.rules.parse.DataError: article must be a string, got 6
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches
from enum import StrEnum
from typing import Any, TypeVar

from .model import Provision, Source, Validity

E = TypeVar("E", bound=StrEnum)
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")
PROVISION_FIELDS = ("act", "article", "paragraph", "alinea", "point", "via_footnote", "via_table_note")


class DataError(ValueError):
    """A piece of curated data that does not say what the format allows; ``line`` is where
    (1-based) when the data came from a file."""

    def __init__(self, message: str, at: Any = None):
        super().__init__(message)
        self.line = line_of(at)


class LineDict(dict):
    """A YAML mapping that remembers its first line."""

    line: int | None = None


class LineList(list):
    """A YAML sequence that remembers its first line."""

    line: int | None = None


def line_of(value: Any) -> int | None:
    return getattr(value, "line", None)


def _shape(text: str) -> str:
    return re.sub(r"[A-Za-z]", "a", re.sub(r"\d", "9", text))


def suggest(value: Any, allowed) -> str:
    """`` (did you mean …?)`` for a misspelt value, else ``''``. Among equally close values, one
    of the same shape (a digit for a digit: ``CQ9`` → ``CQ7``, not ``CQP``) comes first.

    >>> suggest("CQ9", ["CQP", "CQ7"]), suggest("hold", ["holds"])
    (" (did you mean 'CQ7'?)", " (did you mean 'holds'?)")
    """
    from difflib import SequenceMatcher
    value = str(value)
    close = get_close_matches(value, [str(a) for a in allowed], n=5, cutoff=0.6)
    if not close:
        return ""
    score = {c: SequenceMatcher(None, value, c).ratio() for c in close}
    best = max(close, key=lambda c: (score[c], _shape(c) == _shape(value), -close.index(c)))
    return f" (did you mean {best!r}?)"


def mapping(value: Any, what: str, fields: set[str] | None = None, required: tuple[str, ...] = ()) -> Mapping:
    """``value`` as a mapping with only ``fields`` and all ``required`` keys."""
    if not isinstance(value, Mapping):
        raise DataError(f"{what} must be a mapping, got {type(value).__name__}", value)
    if fields is not None:
        extra = sorted(set(value) - fields)
        if extra:
            raise DataError(f"{what}: unknown key {extra[0]!r}{suggest(extra[0], fields)}; allowed: "
                            f"{', '.join(sorted(fields))}", value)
    missing = [k for k in required if value.get(k) in (None, "", [])]
    if missing:
        raise DataError(f"{what} needs {missing[0]}", value)
    return value


def sequence(value: Any, what: str, allow_empty: bool = True) -> list:
    if not isinstance(value, list):
        raise DataError(f"{what} must be a list, got {type(value).__name__}", value)
    if not value and not allow_empty:
        raise DataError(f"{what} must not be empty", value)
    return value


def text(value: Any, what: str, at: Any = None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{what} must be a non-empty string, got {value!r}", at if at is not None else value)
    return value


def integer(value: Any, what: str, at: Any = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DataError(f"{what} must be a whole number, got {value!r}", at)
    return value


def member(enum: type[E], value: Any, what: str, at: Any = None) -> E:
    """A vocabulary value (``DataError`` naming the allowed ones otherwise)."""
    try:
        return enum(value)
    except ValueError:
        allowed = [m.value for m in enum]
        raise DataError(f"{what} {value!r} not one of {', '.join(allowed)}{suggest(value, allowed)}", at) from None


def school_year(value: Any, what: str, at: Any = None) -> str:
    m = SCHOOL_YEAR.match(str(value)) if value is not None else None
    if not m or int(m[2]) != int(m[1]) + 1:
        raise DataError(f"{what} must be a school year such as 2019-2020, got {value!r}", at)
    return str(value)


def provision(data: Any) -> Provision:
    """A provision of ``basis`` (act key and place; the note it comes from)."""
    from ..legal.identifiers import parse_act_key
    d = mapping(data, "a provision", set(PROVISION_FIELDS), ("act",))
    try:
        parse_act_key(str(d["act"]))
    except ValueError:
        raise DataError(f"unknown act type or malformed act key {d['act']!r}", d) from None
    for k in ("article", "paragraph", "alinea", "point", "via_table_note"):
        if d.get(k) is not None and not isinstance(d[k], str):
            raise DataError(f"{k} must be a string, got {d[k]!r}", d)
    via = d.get("via_footnote")
    if via is not None:
        integer(via, "via_footnote", d)
    return Provision(str(d["act"]), d.get("article"), d.get("paragraph"), d.get("alinea"), d.get("point"), via,
                     d.get("via_table_note"))


def basis(data: Any) -> tuple[Provision, ...]:
    if data is None:
        return ()
    return tuple(provision(p) for p in sequence(data, "basis"))


def source(data: Any, quote_required: bool = True) -> Source:
    """``{document, lines: [first, last], quote}`` (the JSON form has no quote)."""
    d = mapping(data, "source", {"document", "lines", "quote"}, ("document", "lines") + (("quote",) if quote_required else ()))
    lines = d["lines"]
    if not (isinstance(lines, list) and len(lines) == 2 and all(isinstance(n, int) and not isinstance(n, bool) for n in lines)):
        raise DataError(f"source lines must be [first, last], got {lines!r}", d)
    first, last = lines
    if not 1 <= first <= last:
        raise DataError(f"source lines {lines} reversed or below 1", d)
    quote = d.get("quote")
    if quote is not None:
        text(quote, "quote", d)
    return Source(text(d["document"], "document", d), first, last, quote)


def validity(data: Any) -> Validity | None:
    if data is None:
        return None
    d = mapping(data, "validity", {"from", "until"})
    start, until = d.get("from"), d.get("until")
    return Validity(school_year(start, "validity from", d) if start is not None else None,
                    school_year(until, "validity until", d) if until is not None else None)


def ident(value: Any, what: str, at: Any = None) -> str:
    if not isinstance(value, str) or not ID.match(value):
        raise DataError(f"bad {what} {value!r} (ASCII letters, digits, '.', '_', '-'; no spaces)", at)
    return value


@dataclass
class Ids:
    """The ids a reference may name, by kind (``None``: not checked, as when reading the
    graph back)."""

    years: frozenset[str] | None = None
    titles: frozenset[str] | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict)
    school_year: str | None = None   # the rule's first school year (to pick parameter values)

    def year(self, value: Any, what: str, at: Any = None) -> str:
        return self._check(value, self.years, what, at)

    def title(self, value: Any, what: str, at: Any = None) -> str:
        return self._check(value, self.titles, what, at)

    def state(self, value: Any, what: str, at: Any = None) -> str:
        both = None if self.years is None or self.titles is None else self.years | self.titles
        return self._check(value, both, what, at)

    @staticmethod
    def _check(value: Any, known: frozenset[str] | None, what: str, at: Any) -> str:
        if not isinstance(value, str):
            raise DataError(f"{what} must be an id, got {value!r}", at)
        if known is not None and value not in known:
            raise DataError(f"{what} refers to unknown id {value!r}{suggest(value, sorted(known))}", at)
        return value


#: Ids of nothing: reading back data already checked.
UNCHECKED = Ids()
