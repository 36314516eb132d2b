"""The base of every condition kind, and the registry that maps a YAML key to its class.

A condition kind is one frozen dataclass (as pySHACL has one class per constraint
component) that owns everything about it: how it reads its YAML (or JSON) value
(:meth:`Condition.parse`), how it is evaluated against a pupil's record
(:meth:`Condition.evaluate`: met, not met, or cannot tell), its French description with the
line it comes from (:meth:`Condition.describe`), its JSON (:meth:`Condition.to_json`) and
its RDF (:meth:`Condition.to_rdf`). :data:`REGISTRY` maps the key to the class;
:func:`condition_from_data` is the only place that looks at keys.

Adding a kind of condition is registering one class::

    @register
    @dataclass(frozen=True, kw_only=True)
    class Holds(Condition):
        key = "holds"
        ...
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, ClassVar

from ..model import Provision, Source
from ..parse import UNCHECKED, DataError, Ids, line_of, basis as parse_basis, source as parse_source, suggest, text as parse_text
from ..record import Record
from ..truth import UNKNOWN, Truth
from . import terms as T

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

#: Keys that may accompany any condition: the circular's words, a legal basis, a source.
EXTRAS = ("text", "basis", "source")

#: YAML key → condition class.
REGISTRY: dict[str, type[Condition]] = {}


def register(cls: type[Condition]) -> type[Condition]:
    """Class decorator: make ``cls`` the condition of its ``key``."""
    if cls.key in REGISTRY:
        raise ValueError(f"two condition classes for {cls.key!r}")
    REGISTRY[cls.key] = cls
    return cls


@dataclass(frozen=True, kw_only=True)
class Condition:
    """A condition of a rule (abstract). Subclasses set ``key`` and implement
    :meth:`parse`, :meth:`value`, :meth:`evaluate` and :meth:`words`."""

    #: the YAML key
    key: ClassVar[str] = ""
    #: whether the circular's words go inside the value mapping (``age: {…, text}``) or beside
    #: the key (``holds: CQ6`` + ``text``), as the rule files write them
    text_inside: ClassVar[bool] = False
    #: what of the record the evaluation reads: ``history`` (years, titles — they change along
    #: a route), ``profile`` (age, majority, contracts, scope — fixed for a question) or
    #: ``nothing`` (the question can never settle it)
    reads: ClassVar[str] = "nothing"
    #: the filters of a route question this condition reads (``age``, ``missing`` …: the names
    #: of :data:`passerelles.routes.service.FILTERS`); a filter no step of the routes reads
    #: concerns none of them, and the answer says so
    filters: ClassVar[tuple[str, ...]] = ()
    #: whether the condition may lengthen a formation of unknown length (``school_years_needed``)
    stretches: ClassVar[bool] = False

    text: str | None = None
    basis: tuple[Provision, ...] = ()
    source: Source | None = None

    # -- reading -----------------------------------------------------------------------
    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Condition:
        """The condition from its YAML/JSON ``value`` (``extras``: text, basis, source)."""
        raise NotImplementedError

    # -- the record ----------------------------------------------------------------------
    def evaluate(self, record: Record) -> Truth:
        """Met, not met, or cannot tell, for this record. Default: cannot tell (decisions of a
        body, facts the corpus does not settle)."""
        return UNKNOWN

    def unsettled(self, record: Record) -> list[Condition]:
        """The parts of this condition still to meet: nothing when it is met."""
        return [] if self.evaluate(record) is Truth.MET else [self]

    def failing(self, record: Record) -> list[Condition]:
        """The innermost parts that make this condition fail for the record."""
        return [self] if self.evaluate(record) is Truth.NOT_MET else []

    def specialize(self, record: Record) -> Condition:
        """This condition for one question: what does not depend on the route's history is
        settled once (a :class:`Const`); what does stays to evaluate at each step."""
        return self if self.reads == "history" else Const(truth=self.evaluate(record))

    def school_years_needed(self, record: Record) -> dict[str, int]:
        """School years this condition asks of the route's formations of unknown length
        (``{year: n}``): attending « au moins 2 années » makes the route at least 2 years."""
        return {}

    def titles_named(self) -> frozenset[str]:
        """The titles this condition names (a title held, a title's origin …)."""
        return frozenset().union(*(c.titles_named() for c in self.children))

    def bind(self, index) -> Condition:
        """This condition with what it needs from the route index (default: itself)."""
        return self

    # -- words ---------------------------------------------------------------------------
    def words(self) -> str:
        """What the condition asks, in French: the circular's words when the data has them."""
        return self.text or self.default_words()

    def default_words(self) -> str:
        return f"{self.key} : {self.value()}"

    def hypotheses(self) -> list[str]:
        """What a route must suppose when this condition's outcome is stated nowhere (a
        decision outside the corpus whose issue is not given, a fact the corpus leaves
        unknown), in French: an answer through it is « seulement si … », never « oui »."""
        return []

    def describe(self) -> str:
        """The condition in French, with the line of the circular it comes from."""
        words = self.words()
        return f"{words} ({self.source.lines})" if self.source else words

    # -- forms ---------------------------------------------------------------------------
    def value(self) -> Any:
        """The value of the key in the JSON form (without the circular's words)."""
        raise NotImplementedError

    def to_json(self) -> dict:
        """The condition as the rule files write it (canonical JSON)."""
        value = self.value()
        out: dict[str, Any] = {}
        if self.text_inside and isinstance(value, dict):
            out[self.key] = {**value, **({"text": self.text} if self.text else {})}
        else:
            out[self.key] = value
            if self.text:
                out["text"] = self.text
        if self.basis:
            out["basis"] = [p.to_json() for p in self.basis]
        if self.source:
            out["source"] = self.source.to_json()
        return out

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        """The kind's own triples on ``node`` (type, key, text, basis, source are written by
        :func:`add_condition`)."""

    # -- trees ---------------------------------------------------------------------------
    @property
    def children(self) -> tuple[Condition, ...]:
        return ()

    def walk(self) -> Iterator[Condition]:
        """This condition and all the conditions inside it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, key: str) -> list[Condition]:
        return [n for n in self.walk() if n.key == key]

    def extras(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in EXTRAS}


@dataclass(frozen=True, kw_only=True)
class Const(Condition):
    """A condition already settled for the question (see :meth:`Condition.specialize`)."""

    truth: Truth

    def evaluate(self, record: Record) -> Truth:
        return self.truth

    def value(self) -> Any:
        return self.truth.value


def condition_from_data(data: Any, ids: Ids = UNCHECKED) -> Condition:
    """A condition from its YAML or JSON form: a mapping with one key (and ``text``,
    ``basis``, ``source``). The only dispatch on condition keys.

    >>> condition_from_data({"holds": "CQ6", "text": "titulaires du CQ"}).describe()
    'titulaires du CQ'
    >>> condition_from_data({"hold": "CQ6"})
    Traceback (most recent call last):
    ...
    passerelles.rules.parse.DataError: unknown condition key 'hold' (did you mean 'holds'?)
    """
    if not isinstance(data, Mapping):
        raise DataError(f"a condition must be a mapping, got {type(data).__name__}", data)
    keys = [k for k in data if k not in EXTRAS]
    if len(keys) != 1:
        raise DataError(f"a condition has exactly one key besides {', '.join(EXTRAS)}; got {', '.join(map(str, data))}",
                        data)
    key = keys[0]
    cls = REGISTRY.get(key)
    if cls is None:
        raise DataError(f"unknown condition key {key!r}{suggest(key, sorted(REGISTRY))}", data)
    extras = {}
    if data.get("text") is not None:
        extras["text"] = parse_text(data["text"], "text", data)
    if data.get("basis") is not None:
        extras["basis"] = parse_basis(data["basis"])
    if data.get("source") is not None:
        extras["source"] = parse_source(data["source"], quote_required=ids is not UNCHECKED)
    try:
        return cls.parse(data[key], ids, **extras)
    except DataError as exc:
        if exc.line is None:            # a scalar value has no line: the condition's own
            exc.line = line_of(data)
        raise


def inner_text(value: Any, extras: dict) -> dict:
    """Move the circular's words written inside a value mapping to the extras (one place
    only: inside or beside the key)."""
    if isinstance(value, Mapping) and value.get("text") is not None:
        if extras.get("text"):
            raise DataError("text given twice (inside the value and beside the key)", value)
        extras = {**extras, "text": parse_text(value["text"], "text", value)}
    return extras


def add_condition(g: Graph, iri: str, c: Condition, ctx) -> URIRef:
    """Typed condition nodes, for SPARQL (the exact tree is the rule's ``psl:conditionData``)."""
    from ..rdf import add_basis, add_source_of
    node = T.URIRef(iri)
    g.add((node, T.RDF.type, T.PSL.Condition))
    g.add((node, T.PSL.conditionType, T.Literal(c.key)))
    if c.text:
        g.add((node, T.PSL.text, T.Literal(c.text, lang="fr")))
    for i, child in enumerate(c.children):
        sub = add_condition(g, f"{iri}-{i}", child, ctx)
        g.add((node, T.PSL.operand, sub))
        g.add((sub, T.PSL.position, T.Literal(i, datatype=T.XSD.integer)))
    c.to_rdf(g, node, ctx)
    if c.basis:
        add_basis(g, node, c.basis)
    if c.source:
        add_source_of(g, node, c.source)
    return node
