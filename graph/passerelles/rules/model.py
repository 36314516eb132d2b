"""The curated entries as typed records: years, titles, dated parameters and pathway rules.

Read from the rule files by :mod:`passerelles.rules.loader`, written to the graph by
:mod:`passerelles.pathways.rdf`, and read back from the graph by the route view: the same
classes on both sides.

>>> p = Provision("decret/1991/07/03", "6", "1", "1", "2", via_footnote=42)
>>> p.cite()
'decret/1991/07/03 art. 6, §1er, al. 1er, 2° (note 42)'
>>> Source("circulaire-7282", 811, 812, "…").lines
'l. 811-812'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .time import Duration
from .vocab import AccessClass, Effect, FromMode, Funder, Modality, ParameterKind, Role, RuleKind, Speaker

#: The system of the circular's years, titles and rules (FWB secondary education).
SECONDARY = "enseignement-secondaire"


@dataclass(frozen=True)
class Source:
    """Where an entry comes from: a document, its lines ``first``..``last`` and a quotation."""

    document: str
    first: int
    last: int
    quote: str | None = None

    @property
    def lines(self) -> str:
        """``l. 811`` or ``l. 811-812``, as a reader cites lines."""
        return f"l. {self.first}" if self.first == self.last else f"l. {self.first}-{self.last}"

    def to_json(self) -> dict:
        return {"document": self.document, "lines": [self.first, self.last]}


@dataclass(frozen=True)
class Provision:
    """A provision of an act (``act`` is an act key such as ``decret/1991/07/03``)."""

    act: str
    article: str | None = None
    paragraph: str | None = None
    alinea: str | None = None
    point: str | None = None
    via_footnote: int | None = None
    via_table_note: str | None = None

    def cite(self) -> str:
        """A short citation with the act key.

        >>> Provision("decret/2006/06/30", via_table_note="(1)").cite()
        'decret/2006/06/30 (note du tableau (1))'
        """
        from ..legal.citing import Locator, format_locator
        place = format_locator(Locator(self.article, self.paragraph, self.alinea, self.point))
        text = f"{self.act} {place}" if place else self.act
        if self.via_footnote is not None:
            text += f" (note {self.via_footnote})"
        if self.via_table_note:
            text += f" (note du tableau {self.via_table_note})"
        return text

    def to_json(self) -> dict:
        """The act key and the parts of the place that are given."""
        return {k: v for k, v in (("act", self.act), ("article", self.article), ("paragraph", self.paragraph),
                                  ("alinea", self.alinea), ("point", self.point)) if v}


@dataclass(frozen=True)
class Validity:
    """School years from ``start`` to ``until`` (``None``: open)."""

    start: str | None
    until: str | None

    def covers(self, school_year: str) -> bool:
        """Whether ``school_year`` (``2019-2020``) falls within.

        >>> Validity("2019-2020", None).covers("2020-2021"), Validity("2019-2020", "2019-2020").covers("2018-2019")
        (True, False)
        """
        return not ((self.start and school_year < self.start) or (self.until and school_year > self.until))


@dataclass(frozen=True)
class Year:
    """A study year, formation or special-education situation (``years.yaml``)."""

    id: str
    label: str
    alt_labels: tuple[str, ...]
    form: str | None
    degree: str | None
    grade: int | None
    duration: int | None
    regime: tuple[str, ...]
    source: Source
    note: str | None = None
    length: Duration | None = None     # a length in years or months (ranges, typical): the other systems
    repeatable: bool = False           # may be entered again while parts are still missing (exam sessions)
    systems: tuple[str, ...] = (SECONDARY,)
    jurisdiction: str = "BE-FWB"


@dataclass(frozen=True)
class RoleOf:
    """Who does ``role`` for a qualification (``body`` ``unknown`` when the source is silent,
    with ``reason``), and where the source says so."""

    role: Role
    body: str
    source: Source | None = None
    reason: str | None = None


@dataclass(frozen=True)
class PartsSpec:
    """A qualification made of parts: ``part`` (a title), ``count`` of them (``None``: not
    stated), of which ``required`` are needed (``None``: all of them; a number: n of m);
    ``optional``: the qualification *may* be cut into parts (« peut être découpé », 002 l. 6)."""

    part: str
    count: int | None
    required: int | None
    optional: bool
    source: Source

    def words(self) -> str:
        how_many = f"{self.count}" if self.count is not None else "un nombre non précisé de"
        need = "toutes" if self.required is None else f"{self.required} sur {self.count or '?'}"
        return f"{how_many} {self.part} ({need} requises)" + (", découpage facultatif" if self.optional else "")


@dataclass(frozen=True)
class Title:
    """A title, certificate, attestation or report (``titles.yaml``)."""

    id: str
    label: str
    abbreviation: str | None
    alt_labels: tuple[str, ...]
    kind: str
    issued_by: str
    jurisdiction: str
    basis: tuple[Provision, ...]
    source: Source
    basis_missing: str | None = None
    abbreviation_in_text: bool | None = None
    note: str | None = None
    systems: tuple[str, ...] = (SECONDARY,)
    instance_of: str | None = None      # a named title of a class of titles (a CQSS of the list, l. 10 of 000)
    part_of: str | None = None          # a part of a qualification (a CCP of a titre professionnel)
    parts: PartsSpec | None = None      # what the qualification is made of
    roles: tuple[RoleOf, ...] = ()
    speaker: Speaker = Speaker.AUTHOR   # who in the source names it (a reader: 000 l. 33)


@dataclass(frozen=True)
class ParameterValue:
    """One dated value of a parameter: from the school year ``start`` (until ``until``)."""

    start: str
    until: str | None
    value: Any          # age bounds as sorted (key, value) pairs, a month-day string, or None


@dataclass(frozen=True)
class Parameter:
    """A threshold the rules refer to by id, with its dated values and legal reference
    (as OpenFisca keeps parameters): the age bands, the date an age is reckoned at."""

    id: str
    kind: ParameterKind
    description: str
    values: tuple[ParameterValue, ...]
    reference: tuple[Provision, ...]
    source: Source

    def at(self, school_year: str | None) -> Any:
        """The value valid in ``school_year`` (the latest one when ``None``); ``KeyError`` if none.

        >>> p = Parameter("x", ParameterKind.AGE_BAND, "", (ParameterValue("2019-2020", None, 1),), (), None)
        >>> p.at("2019-2020"), p.at(None)
        (1, 1)
        """
        for v in sorted(self.values, key=lambda v: v.start, reverse=True):
            if school_year is None or Validity(v.start, v.until).covers(school_year):
                return dict(v.value) if isinstance(v.value, tuple) else v.value
        raise KeyError(f"parameter {self.id} has no value for {school_year}")


@dataclass(frozen=True)
class Rule:
    """A pathway rule (``rules/<document>.yaml``). ``from_`` holds the ``from`` states.

    ``option-access`` rules classify 7th-year options: ``from_`` lists what the class asks
    of the pupil (any of), ``applies_to`` the years whose options are so classed. ``effect``
    rules say what a title held does to the next steps (``effect``).
    """

    id: str
    document: str
    kind: RuleKind
    from_: tuple[str, ...]
    to: str | None
    regime: tuple[str, ...]
    conditions: Any                  # a rules.conditions.Condition, or None (the model is below the conditions)
    basis: tuple[Provision, ...]
    source: Source
    validity: Validity | None
    from_mode: FromMode = FromMode.COMPLETED
    access_class: AccessClass | None = None
    applies_to: tuple[str, ...] = ()
    effect: Effect | None = None
    basis_missing: str | None = None
    note: str | None = None
    jurisdiction: str = "BE-FWB"
    line: int | None = field(default=None, compare=False)   # where it starts in its file
    system: str = SECONDARY
    crosses: bool = False               # leaves its from states' system on purpose (an equivalence, a bridge)
    modality: Modality = Modality.STATED
    hedge: str | None = None            # the words that hedge it (« vraisemblablement », « généralement »)
    speaker: Speaker = Speaker.AUTHOR   # who says it in its document (the lines it quotes)
    funder: Funder | None = None        # funding rules: who may pay

    def condition_nodes(self, key: str | None = None) -> list:
        """All condition nodes of the rule (with YAML ``key`` only, when given)."""
        if self.conditions is None:
            return []
        return [n for n in self.conditions.walk() if key is None or n.key == key]

    def valid_in(self, school_year: str | None) -> bool:
        return school_year is None or self.validity is None or self.validity.covers(school_year)
