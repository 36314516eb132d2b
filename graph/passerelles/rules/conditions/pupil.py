"""What the question says of the pupil: age, majority, contracts, compulsory schooling."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..parse import DataError, Ids, integer, mapping, member, sequence
from ..record import Record
from ..truth import UNKNOWN, Truth
from ..vocab import CONTRACT_LABELS, Contract as ContractKind, ParameterKind
from .base import Condition, inner_text, register
from . import terms as T

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

_BOUNDS = ("ge", "gt", "le", "lt")
_BOUND_WORDS = {"ge": "au moins", "gt": "plus de", "le": "au plus", "lt": "moins de"}
#: How the date an age is reckoned at reads, by parameter id (the parameter's own
#: description is in the graph; these are the short forms for generated descriptions).
_REFERENCE_WORDS = {"inscription": "au moment de l'inscription", "31-decembre": "au 31 décembre",
                    "31-decembre-suivant-rentree": "au 31 décembre qui suit la rentrée"}


def age_in(bounds: dict, age: float | None) -> bool | None:
    """Whether an age given in completed years is within the bounds.

    An age of N completed years covers N ≤ exact age < N+1, so it is "de plus de N ans"
    (the circular's adult groups, "plus de 18 et moins de 21 ans" then "plus de 21 et moins
    de 25 ans", meet without a gap); "moins de N ans" needs fewer than N completed years.

    >>> age_in({"gt": 18, "lt": 21}, 18), age_in({"gt": 18, "lt": 21}, 21), age_in({"gt": 21, "lt": 25}, 21)
    (True, False, True)
    """
    if age is None:
        return None
    return all((age >= bounds.get("ge", age), age >= bounds.get("gt", age),
                age <= bounds.get("le", age), age < bounds.get("lt", age + 1)))


@register
@dataclass(frozen=True, kw_only=True)
class Age(Condition):
    """Age bounds in years, reckoned at a reference date; ``band`` names the dated parameter
    the bounds come from (``majeur-18-21`` …), ``reference`` the parameter of the date."""

    key = "age"
    filters = ("age", "adult")
    reads = "profile"
    text_inside = True
    ge: int | None = None
    gt: int | None = None
    le: int | None = None
    lt: int | None = None
    reference: str | None = None
    band: str | None = None

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Age:
        d = mapping(value, "age", {*_BOUNDS, "reference", "band", "text"})
        extras = inner_text(d, extras)
        bounds = {b: integer(d[b], f"age {b}", d) for b in _BOUNDS if d.get(b) is not None}
        reference = d.get("reference")
        band = d.get("band")
        if band is not None and not bounds:
            param = ids.parameters.get(band)
            if param is None or param.kind is not ParameterKind.AGE_BAND:
                known = sorted(p for p, v in ids.parameters.items() if v.kind is ParameterKind.AGE_BAND)
                raise DataError(f"age band {band!r} is not an age-band parameter; known: {', '.join(known)}", d)
            try:
                resolved = dict(param.at(ids.school_year))
            except KeyError as exc:
                raise DataError(str(exc), d) from None
            reference = resolved.pop("reference", reference) if reference is None else reference
            bounds = {b: resolved[b] for b in _BOUNDS if b in resolved}
        if not bounds:
            raise DataError("an age condition needs ge, gt, le or lt (or a band)", d)
        if reference is not None and ids.parameters:
            param = ids.parameters.get(reference)
            if param is None or param.kind is not ParameterKind.DATE_REFERENCE:
                known = sorted(p for p, v in ids.parameters.items() if v.kind is ParameterKind.DATE_REFERENCE)
                raise DataError(f"age reference {reference!r} is not a date-reference parameter; known: "
                                f"{', '.join(known)}", d)
        return cls(**bounds, reference=reference, band=band, **extras)

    @property
    def bounds(self) -> dict[str, int]:
        return {b: getattr(self, b) for b in _BOUNDS if getattr(self, b) is not None}

    def evaluate(self, record: Record) -> Truth:
        age = record.age
        if age is None:
            return UNKNOWN
        return Truth.of((self.ge is None or age >= self.ge) and (self.gt is None or age >= self.gt)
                        and (self.le is None or age <= self.le) and (self.lt is None or age < self.lt))

    def default_words(self) -> str:
        parts = [f"{_BOUND_WORDS[b]} {v:g} ans" for b, v in self.bounds.items()]
        ref = _REFERENCE_WORDS.get(self.reference or "", "")
        return "avoir " + " et ".join(parts) + (f" {ref}" if ref else "")

    def value(self) -> Any:
        out: dict[str, Any] = dict(self.bounds)
        out["reference"] = self.reference
        if self.band:
            out["band"] = self.band
        return out

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        for b, v in self.bounds.items():
            g.add((node, T.PSL[f"age_{b}"], T.Literal(v, datatype=T.XSD.decimal)))
        if self.reference:
            g.add((node, T.PSL.ageReference, T.Literal(self.reference)))
            g.add((node, T.PSL.referenceDate, T.parameter_iri(self.reference)))
        if self.band:
            g.add((node, T.PSL.ageBand, T.parameter_iri(self.band)))


@register
@dataclass(frozen=True, kw_only=True)
class Adult(Condition):
    """Of age (``true``: « élève majeur ») or a minor."""

    key = "adult"
    filters = ("age", "adult")
    reads = "profile"
    adult: bool

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Adult:
        if not isinstance(value, bool):
            raise DataError(f"adult must be true or false, got {value!r}", value)
        return cls(adult=value, **extras)

    def evaluate(self, record: Record) -> Truth:
        adult = record.is_adult
        return UNKNOWN if adult is None else Truth.of(adult == self.adult)

    def default_words(self) -> str:
        return "être majeur" if self.adult else "être mineur"

    def words(self) -> str:
        # the circular's words here name the whole group (« Les conditions d'accès … »): say
        # first what this part asks
        return self.default_words() + (f" (« {self.text} »)" if self.text else "")

    def value(self) -> Any:
        return self.adult


@register
@dataclass(frozen=True, kw_only=True)
class Contract(Condition):
    """Has concluded any of the listed contracts or conventions."""

    key = "contract"
    filters = ("contracts",)
    reads = "profile"
    kinds: tuple[ContractKind, ...]

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Contract:
        kinds = tuple(member(ContractKind, c, "contract", value) for c in sequence(value, "contract", allow_empty=False))
        return cls(kinds=kinds, **extras)

    def evaluate(self, record: Record) -> Truth:
        if not record.contracts:
            return UNKNOWN
        return Truth.of(bool(record.contracts & set(self.kinds)))

    def default_words(self) -> str:
        return "avoir conclu : " + ", ".join(CONTRACT_LABELS.get(k, k) for k in self.kinds)

    def value(self) -> Any:
        return [k.value for k in self.kinds]

    def to_rdf(self, g: Graph, node: URIRef, ctx) -> None:
        for k in self.kinds:
            g.add((node, T.PSL.contract, T.contract_iri(k.value)))


@register
@dataclass(frozen=True, kw_only=True)
class Schooling(Condition):
    """Subject (or no longer) to compulsory schooling, full time or not. The corpus gives no
    age for it: it cannot be told from the question."""

    key = "schooling"
    text_inside = True
    compulsory_full_time: bool | None = None
    compulsory: bool | None = None

    @classmethod
    def parse(cls, value: Any, ids: Ids, **extras) -> Schooling:
        d = mapping(value, "schooling", {"compulsory_full_time", "compulsory", "text"})
        extras = inner_text(d, extras)
        if d.get("compulsory_full_time") is None and d.get("compulsory") is None:
            raise DataError("schooling needs compulsory_full_time or compulsory", d)
        for k in ("compulsory_full_time", "compulsory"):
            if d.get(k) is not None and not isinstance(d[k], bool):
                raise DataError(f"schooling {k} must be true or false", d)
        return cls(compulsory_full_time=d.get("compulsory_full_time"), compulsory=d.get("compulsory"), **extras)

    def default_words(self) -> str:
        if self.compulsory_full_time is not None:
            return ("être soumis" if self.compulsory_full_time else "ne plus être soumis") + \
                " à l'obligation scolaire à temps plein"
        return ("être soumis" if self.compulsory else "ne plus être soumis") + " à l'obligation scolaire"

    def value(self) -> Any:
        return {k: getattr(self, k) for k in ("compulsory_full_time", "compulsory") if getattr(self, k) is not None}
