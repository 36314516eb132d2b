"""Time as the sources give it: durations in school years, years or months, fixed or typical,
with ranges; and spans of time a question states (``2y``, ``18m``).

The circular counts school years; the other documents speak of months (« un parcours qui
dure entre 8 et 12 mois », 002 l. 26), of usual lengths (« généralement en deux ans », 000
l. 8) and of lengths that vary (« Son contenu et sa durée varient », 002 l. 16). A
:class:`Duration` keeps which: a range (``low``..``high``), its unit, and whether it is
typical rather than fixed; ``None`` bounds when the text gives none.

>>> Duration(8, 12, "month").words()
'entre 8 et 12 mois'
>>> Duration(2, 2, "year", typical=True).words()
'généralement 2 ans'
>>> Duration(None, None, "month", varies=True).words()
'durée variable, non précisée'
>>> months("2y"), months("18m"), months("1.5")
(24.0, 18.0, 18.0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

UNITS = ("school-year", "year", "month")
_WORDS = {"school-year": ("année scolaire", "années scolaires"), "year": ("an", "ans"), "month": ("mois", "mois")}
_MONTHS_IN = {"year": 12, "month": 1}


@dataclass(frozen=True)
class Duration:
    """How long a formation or procedure takes: ``low`` to ``high`` ``unit`` (either may be
    ``None``: not given), ``typical`` when the text gives a usual length, ``varies`` when it
    says the length depends on the person."""

    low: int | None
    high: int | None
    unit: str
    typical: bool = False
    varies: bool = False

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"duration unit {self.unit!r} not one of {', '.join(UNITS)}")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"duration {self.low}-{self.high}: reversed range")

    @property
    def known(self) -> bool:
        return self.low is not None or self.high is not None

    def words(self) -> str:
        """In French, as a reader says it."""
        if not self.known:
            return "durée variable, non précisée" if self.varies else "durée non précisée"
        one, many = _WORDS[self.unit]
        if self.low == self.high:
            text = f"{self.low} {one if self.low == 1 else many}"
        elif self.low is None:
            text = f"au plus {self.high} {one if self.high == 1 else many}"
        elif self.high is None:
            text = f"au moins {self.low} {one if self.low == 1 else many}"
        else:
            text = f"entre {self.low} et {self.high} {many}"
        return f"généralement {text}" if self.typical else text

    def short(self) -> str:
        """For an arrow: ``8-12 mois``, ``≈2 ans`` (typical), ``?``.

        >>> Duration(8, 12, "month").short(), Duration(2, 2, "year", typical=True).short(), Duration(None, None, "month").short()
        ('8-12 mois', '≈2 ans', '?')
        """
        if not self.known:
            return "?"
        one, many = _WORDS[self.unit]
        if self.low == self.high or self.low is None or self.high is None:
            n = self.low if self.low is not None else self.high
            text = f"{'≥' if self.high is None else '≤' if self.low is None else ''}{n} {one if n == 1 else many}"
        else:
            text = f"{self.low}-{self.high} {many}"
        return f"≈{text}" if self.typical else text

    def in_months(self) -> tuple[int | None, int | None] | None:
        """The range in months (``None`` for school years: not a number of calendar months)."""
        factor = _MONTHS_IN.get(self.unit)
        if factor is None:
            return None
        return (None if self.low is None else self.low * factor, None if self.high is None else self.high * factor)

    def to_json(self) -> dict:
        out: dict[str, Any] = {"min": self.low, "max": self.high, "unit": self.unit}
        if self.typical:
            out["typical"] = True
        if self.varies:
            out["varies"] = True
        return out

    @staticmethod
    def from_json(data: dict) -> Duration:
        return Duration(data.get("min"), data.get("max"), data["unit"], bool(data.get("typical")),
                        bool(data.get("varies")))


def total_words(durations: list[Duration | None]) -> str | None:
    """The length of a route whose steps take ``durations`` (``None``: a step the text gives no
    length for), in words; ``None`` when no step has a known one.

    >>> total_words([Duration(8, 12, "month"), None])
    'entre 8 et 12 mois, et des étapes de durée non précisée'
    >>> total_words([Duration(2, 2, "year", typical=True), Duration(1, 1, "month")])
    'généralement 2 ans + 1 mois'
    """
    known = [d for d in durations if d is not None and d.known]
    if not known:
        return None
    text = " + ".join(d.words() for d in known)
    if any(d is None or not d.known for d in durations):
        text += ", et des étapes de durée non précisée"
    return text


_SPAN = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(y|yr|yrs|years?|a|ans?|m|mo|mois|months?)?\s*$", re.IGNORECASE)


def months(text: str) -> float:
    """A span of time typed by a user, in months: ``2y``, ``2 ans``, ``18m``, ``18 mois``; a
    bare number is years. ``ValueError`` otherwise.

    >>> months("3 ans"), months("6 mois"), months("0")
    (36.0, 6.0, 0.0)
    >>> months("two years")
    Traceback (most recent call last):
    ...
    ValueError: 'two years' is not a span of time such as 2y, 18m, 1.5 (years)
    """
    m = _SPAN.match(str(text))
    if not m:
        raise ValueError(f"{text!r} is not a span of time such as 2y, 18m, 1.5 (years)")
    value = float(m[1].replace(",", "."))
    unit = (m[2] or "y").lower()
    return value if unit.startswith("m") else value * 12
