"""The answers of Passerelles as typed records.

Every answer the front door (:class:`passerelles.Passerelles`) gives is a frozen dataclass
whose fields are documented here, and whose :meth:`Record.to_dict` is exactly the JSON the
command line prints with ``--json`` (the contract of the README): the same keys in the same
order. A list answer is a :class:`Records` list, which becomes a pandas ``DataFrame`` with
one call (:meth:`Records.frame`, or :func:`to_frame` for any list of records) — pandas is
imported only then.

Text for people and text as written: the circular writes superscripts as ``^{…}``
(``§1^{er}``). A footnote's ``text`` is what a reader sees (``§1er``); its ``text_raw`` keeps
the converted PDF's markup, for those who quote it. A citation's ``text`` is the cited words
as the resolver read them, the markup already joined.

>>> c = CitedProvision("https://w3id.org/passerelles/eli/decret/1991/07/03/art_6", "art. 6", "6", None, None, None, 30)
>>> Records([c]).to_dict()[0]["passages"]
30
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Iterable, Mapping

from .jsonable import plain


class Record:
    """What every answer record shares: ``to_dict()`` (its fields in order, as JSON data),
    and reading a field by its JSON key as well as by attribute (``c["source"]["line"]`` is
    ``c.source.line``), so code written against the JSON reads the records too."""

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON data: the documented contract, keys in the fields' order."""
        return {f.name: plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]

    def __getitem__(self, key: str) -> Any:
        if key not in self._keys():
            raise KeyError(key)
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key) if key in self._keys() else default

    def keys(self) -> tuple[str, ...]:
        return self._keys()

    @classmethod
    def _keys(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))  # type: ignore[arg-type]


class Records(list):
    """A list answer: records in the order the question gives them.

    ``to_dict()`` is the JSON list the command line prints; ``frame()`` a pandas
    ``DataFrame`` with one row per record (nested objects flattened into dotted columns:
    ``source.line``, ``act.iri``; lists kept as lists).
    """

    def __getitem__(self, item):
        found = super().__getitem__(item)
        return Records(found) if isinstance(item, slice) else found

    def to_dict(self) -> list:
        return [plain(r) for r in self]

    def frame(self):
        """The records as a pandas ``DataFrame`` (``pip install 'passerelles[notebooks]'``)."""
        return to_frame(self)


def to_frame(records: Iterable[Any]):
    """Records (or anything with ``to_dict()``, or plain mappings) as a pandas ``DataFrame``,
    one row per record, nested objects flattened into dotted columns in their place
    (``source.line``; :func:`flat_row`).

    pandas is imported here, only when asked.
    """
    try:
        import pandas as pd
    except ModuleNotFoundError:  # pragma: no cover - the extra is not installed
        raise ModuleNotFoundError("a DataFrame needs pandas: pip install 'passerelles[notebooks]'") from None
    rows = [flat_row(plain(r)) for r in records]
    return pd.DataFrame(rows)


def flat_row(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """A record's JSON as one row: nested objects become dotted columns where they stand
    (``source.line``), lists stay lists.

    >>> flat_row({"source": {"line": 602, "footnote": 42}, "status": "resolved", "act": None})
    {'source.line': 602, 'source.footnote': 42, 'status': 'resolved', 'act': None}
    """
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, Mapping) and value:
            out.update(flat_row(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _place(r) -> str:
    from .legal.citing import Locator, format_locator
    return format_locator(Locator(r.article, r.paragraph, r.alinea, r.point))


# --------------------------------------------------------------------------- citations
@dataclass(frozen=True)
class CitationSource(Record):
    """Where a citation stands: ``document`` (its manifest id), ``line`` (1-based, the cited
    words; for a note whose number stands alone, the line of its words) and ``footnote`` (the
    note number, or None in the body)."""

    document: str
    line: int
    footnote: int | None


@dataclass(frozen=True)
class ActRef(Record):
    """An act as a citation names it: ``type`` (``decret``, ``loi``, ``arrete-royal``,
    ``agcf``, ``aecf``, ``circulaire``), ``date`` (ISO), ``number`` (or None), ``title`` (or
    None) and ``iri`` (ELI-style)."""

    type: str
    date: str
    number: str | None
    title: str | None
    iri: str


@dataclass(frozen=True)
class Reading(Record):
    """Another reading of an ambiguous citation: its ``act`` and place, and ``via``, the
    evidence that supports it."""

    act: ActRef | None
    article: str | None
    paragraph: str | None
    alinea: str | None
    point: str | None
    via: str | None

    @property
    def place(self) -> str:
        """The place as a reader writes it: ``art. 8, §1er``."""
        return _place(self)


@dataclass(frozen=True)
class Citation(Record):
    """One citation occurrence (a footnote or a sentence of the body).

    Fields: ``source``; ``act`` (the most likely reading; None when unresolved); the place
    ``article``, ``paragraph``, ``alinea``, ``point`` (strings such as ``"2quater"``,
    ``"1"``, or None); ``status`` (``resolved``, ``ambiguous``, ``unresolved``);
    ``alternatives`` (the other readings, most likely first); ``reason`` (why it is ambiguous
    or unresolved, or the evidence that resolved it, with lines); ``text`` (the cited words,
    as the resolver read them: the circular's markup already joined, ``§1er``); ``via`` (how the act was
    found); ``amended_by`` (IRI of the amending act, « tel que modifié par ») and
    ``amended_by_line``.
    """

    source: CitationSource
    act: ActRef | None
    article: str | None
    paragraph: str | None
    alinea: str | None
    point: str | None
    status: str
    alternatives: tuple[Reading, ...]
    reason: str | None
    text: str
    via: str | None
    amended_by: str | None
    amended_by_line: int | None

    @property
    def place(self) -> str:
        """The place as a reader writes it: ``art. 8, §1er``."""
        return _place(self)


@dataclass(frozen=True)
class Footnote(Record):
    """A footnote of the circular: ``number``, ``line``, ``text`` (markup rendered),
    ``text_raw`` (as written), ``anchors`` (the body lines that call it) and ``citations``."""

    number: int
    line: int
    text: str
    text_raw: str
    anchors: tuple[int, ...]
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class TitleName(Record):
    """What an act's own title names (``names``: an IRI) and how (``relation``:
    ``executes``, ``amends`` or ``names``)."""

    names: str
    relation: str


@dataclass(frozen=True)
class Act(Record):
    """An act of the registry: ``iri``, ``key`` (``decret/1991/07/03``), ``type``, ``date``,
    ``number``, ``count`` (how many acts the key stands for: 2 for « 2 arrêtés … »),
    ``label`` (``Décret du 3 juillet 1991``), ``title``, ``citations`` (how many), ``lines``
    (where), ``title_names`` (what its own title names) and ``named_in_titles`` (the lines
    where another act's title names it)."""

    iri: str
    key: str
    type: str
    date: str
    number: str | None
    count: int
    label: str
    title: str | None
    citations: int
    lines: tuple[int, ...]
    title_names: tuple[TitleName, ...]
    named_in_titles: tuple[int, ...]


@dataclass(frozen=True)
class CitedProvision(Record):
    """A provision and the number of distinct ``passages`` citing it."""

    provision: str
    label: str | None
    article: str | None
    paragraph: str | None
    alinea: str | None
    point: str | None
    passages: int


@dataclass(frozen=True)
class CitedBy(Record):
    """The provisions of ``act`` ranked by citing passages (``provisions``, most cited
    first); empty when nothing cites it (the command then exits 1)."""

    act: Act
    provisions: Records

    def frame(self):
        return to_frame(self.provisions)


# --------------------------------------------------------------------------- catalogue
@dataclass(frozen=True)
class SourceLine(Record):
    """A line of a corpus document."""

    document: str
    line: int


@dataclass(frozen=True)
class OptionListing(Record):
    """An option in one list of the repertories: ``code``, ``label``, ``list``
    (``article45``, ``urgence``, ``article49``, ``7e-qualifiante``, ``7e-complementaire``),
    ``form`` (``P``, ``TQ``), ``degree`` (``D2``, ``D3``, ``7``), ``sector``, ``group``,
    ``access`` (a 7th year's class: ``L``, ``S-O``, ``O``, ``unknown``), ``marks``,
    ``replaces``, ``replaced_by`` and ``source`` (its first line)."""

    code: str
    label: str
    list: str
    form: str
    degree: tuple[str, ...]
    sector: int
    group: int | None
    access: str | None
    marks: tuple[str, ...]
    replaces: tuple[str, ...]
    replaced_by: tuple[str, ...]
    source: SourceLine


@dataclass(frozen=True)
class Listing(Record):
    """One appearance of an option in a repertory: its list, form, degree, access class (and
    why it is unknown), marks, validity, anomalies, its label as written and its line."""

    list: str
    form: str
    degree: str | None
    access: str | None
    access_reason: str | None
    marks: tuple[str, ...]
    valid_until: str | None
    new_pupils_until: str | None
    anomalies: tuple[str, ...]
    label: str
    source: SourceLine


@dataclass(frozen=True)
class CpuChange(Record):
    """A CPU transformation naming the option (old code and label → new ones, since when)."""

    kind: str
    line: int
    since: str | None
    new_code: str | None
    new_label: str | None
    old_code: str | None
    old_label: str | None
    school_year: str | None
    new_study_years: tuple[str, ...]
    old_study_years: tuple[str, ...]


@dataclass(frozen=True)
class Finding(Record):
    """An inconsistency of the source: ``kind``, ``message``, the ``codes`` (or act keys)
    and ``lines`` involved."""

    kind: str
    message: str
    codes: tuple[str, ...]
    lines: tuple[int, ...]


@dataclass(frozen=True)
class Side(Record):
    """One side of a disagreement between documents: the ``document``, its ``lines`` (first,
    last) and what it ``says``."""

    document: str
    lines: tuple[int, ...]
    says: str


@dataclass(frozen=True)
class DocumentFinding(Finding):
    """A slip of one of the secondary documents (``document``, its ``lines`` and the words,
    ``quote``), or a disagreement between documents (``document`` None; ``sides`` gives
    every side, never one picked). ``codes`` holds the document(s)."""

    document: str | None
    quote: str | None
    sides: tuple[Side, ...]


@dataclass(frozen=True)
class OptionDetail(Record):
    """One option: its code, label, sector and group (``group_derived``: read from the
    code; ``group_reason``: why it has none), every ``listings``, ``replaces`` /
    ``replaced_by``, the ``cpu`` transformations naming it, and the source's ``findings``
    about it."""

    code: str
    label: str
    sector: int
    group: int | None
    group_derived: bool
    group_reason: str | None
    listings: tuple[Listing, ...]
    replaces: tuple[str, ...]
    replaced_by: tuple[str, ...]
    cpu: tuple[CpuChange, ...]
    findings: tuple[Finding, ...]


# --------------------------------------------------------------------------- titles
@dataclass(frozen=True)
class BasisAct(Record):
    """The act of a provision: ``type``, ``date``, ``iri``, ``label``."""

    type: str
    date: str
    iri: str
    label: str


@dataclass(frozen=True)
class Basis(Record):
    """A provision of a legal basis: its act, its place, ``citation`` (as a reader cites it:
    ``Arrêté royal du 29 juin 1984, art. 25, §2``) and ``provision`` (its IRI)."""

    act: BasisAct
    article: str | None
    paragraph: str | None
    alinea: str | None
    point: str | None
    citation: str
    provision: str


@dataclass(frozen=True)
class TitleSource(Record):
    """Where a title is described: document, line and the quotation."""

    document: str
    line: int
    quote: str


@dataclass(frozen=True)
class TitleRole(Record):
    """What a body does for a title (``role``: ``awards``, ``proposes``, ``creates`` …) as a
    document says it: ``body`` (``unknown`` where the document is silent, with ``reason``),
    ``source`` (document and line; none for the circular's issuer), and ``of_class`` when it
    is said of every title of a class (a named CQP, as every CQP)."""

    role: str
    body: str
    reason: str | None
    source: SourceLine | None
    of_class: str | None = None


@dataclass(frozen=True)
class TitleParts(Record):
    """What a qualification is made of: ``part`` (the kind of part: ``CCP``, ``BLOC-CQP``),
    ``count`` (``None``: no document gives it), ``required`` (``all``, or how many),
    ``optional`` (whether a cut is optional) and ``source``."""

    part: str
    count: int | None = None
    required: str | None = None
    optional: bool | None = None
    source: SourceLine | None = None


@dataclass(frozen=True)
class Title(Record):
    """A title, certificate or attestation: ``id``, ``label``, ``abbreviation``, ``kind``,
    ``issued_by``, ``jurisdiction`` (``BE-FWB``, ``FR``), ``basis`` (provisions),
    ``basis_missing`` (why none is cited), ``iri``, ``source`` (document, line, quotation);
    ``part_of`` (the whole a part belongs to: ``TP`` for a CCP), ``instance_of`` (the class
    a named title belongs to: a CQSS of the list), ``speaker`` (``author``, or ``reader`` when
    only a reader names it), ``parts`` (what a whole is made of, :class:`TitleParts`),
    ``systems`` (``enseignement-secondaire``, ``promotion-sociale``, ``cqp``,
    ``titre-professionnel`` …), ``roles`` (every role the documents give), ``awarded_by``
    (who awards it: the documents' bodies, ``unknown`` with the reason where they are
    silent, or the circular's issuer) and ``proposed_by``."""

    id: str
    label: str
    abbreviation: str | None
    kind: str
    issued_by: str
    jurisdiction: str | None
    basis: tuple[Basis, ...]
    basis_missing: str | None
    iri: str
    source: TitleSource
    part_of: str | None
    instance_of: str | None
    speaker: str
    parts: TitleParts | None
    systems: tuple[str, ...]
    roles: tuple[TitleRole, ...]
    awarded_by: tuple[TitleRole, ...]
    proposed_by: tuple[TitleRole, ...]


# --------------------------------------------------------------------------- SPARQL
@dataclass(frozen=True)
class QueryInfo(Record):
    """A query file of ``queries/``: its ``name``, ``purpose``, ``parameters``, an
    ``example`` command and its ``file``."""

    name: str
    purpose: str
    parameters: tuple[str, ...]
    example: str
    file: str


@dataclass(frozen=True)
class QueryResult(Record):
    """The rows of a SELECT query (``rows``: one mapping per row, values as plain Python
    values — IRIs and strings as ``str``, integers as ``int``, unbound as None), in the
    order the engine gives them. It reads as a list of rows; ``to_dict()`` is that list,
    ``frame()`` a DataFrame, ``to_csv()`` CSV with a header row."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[Mapping[str, Any], ...]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __getitem__(self, item):
        return list(self.rows[item]) if isinstance(item, slice) else self.rows[item]

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __eq__(self, other) -> bool:
        if isinstance(other, (list, tuple)):       # it reads as its list of rows
            return self.to_dict() == list(other)
        if isinstance(other, QueryResult):
            return (self.name, self.columns, self.rows) == (other.name, other.columns, other.rows)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  (rows are mappings)

    def to_dict(self) -> list[dict[str, Any]]:  # type: ignore[override]
        return [dict(r) for r in self.rows]

    def frame(self):
        import pandas as pd
        return pd.DataFrame(self.to_dict(), columns=list(self.columns))

    def to_csv(self) -> str:
        import csv
        import io
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows([["" if r.get(c) is None else r[c] for c in self.columns] for r in self.rows])
        return out.getvalue()


# --------------------------------------------------------------------------- work done
@dataclass(frozen=True)
class Built(Record):
    """What ``build`` wrote (``out``: ``ttl`` and ``nt`` paths) and what the graph holds
    (``counts``: triples, documents, divisions, footnotes, citations and by status, acts,
    options, rules …)."""

    out: Mapping[str, str]
    counts: Mapping[str, Any]


@dataclass(frozen=True)
class Written(Record):
    """A figure written: ``out``, ``format``, ``nodes``, ``edges``, ``footnotes`` (number
    and text), ``page``, ``printed`` (measured size), ``fits``, ``layout``, ``captions``
    (separate caption files) and ``advice`` (what to do when it does not fit)."""

    out: str
    format: str
    nodes: int
    edges: int
    footnotes: tuple[Mapping[str, Any], ...]
    page: Mapping[str, Any]
    printed: Mapping[str, Any] | None
    fits: bool | None
    layout: str | None
    captions: tuple[str, ...]
    advice: str | None

    @classmethod
    def of(cls, saved: Mapping[str, Any]) -> Written:
        return cls(**{f.name: saved[f.name] for f in fields(cls)})


@dataclass(frozen=True)
class WrittenParts(Record):
    """A figure split into parts (``split``: ``degree`` or ``chapter``), each written."""

    split: str
    parts: tuple[Written, ...]


@dataclass(frozen=True)
class Endpoint(Record):
    """A local read-only SPARQL endpoint: its ``query`` URL, the named ``graph`` it serves,
    the ``triples`` loaded, its data ``location`` and the server's ``pid``."""

    query: str
    graph: str
    triples: int
    location: str
    pid: int


__all__ = ["Record", "Records", "to_frame", "plain", "CitationSource", "ActRef", "Reading", "Citation", "Footnote",
           "TitleName", "Act", "CitedProvision", "CitedBy", "SourceLine", "OptionListing", "Listing", "CpuChange",
           "Finding", "OptionDetail", "BasisAct", "Basis", "TitleSource", "Title", "QueryInfo", "QueryResult",
           "Built", "Written", "WrittenParts", "Endpoint"]
