"""Where the curated files are read: years, titles, dated parameters and pathway rules.

Loading *is* validation: every entry is built through the typed classes (the vocabularies of
:mod:`~passerelles.rules.vocab`, the condition kinds of :mod:`~passerelles.rules.conditions`),
and anything they refuse — an unknown key, a value of the wrong type, an id that names
nothing — is one problem naming the file and the line (``rules/circulaire-7282.yaml:2890:
award-CQ6: unknown condition key 'is_nice' …``). :func:`validate` adds the checks against a
corpus: each source's document and lines, and its quotation found in those lines.

The files and their format are described in ``data/FORMAT.md``.

>>> years = {y.id: y for y in load_years()}
>>> years["6P"].label, years["ART45-D3"].duration is None
("6e année de l'enseignement professionnel", True)
>>> rules = {r.id: r for r in load_rules("circulaire-7282")}
>>> rules["award-CESS-7P"].from_, [p.cite() for p in rules["award-CESS-7P"].basis]
(('7P',), ['arrete-royal/1984/06/29 art. 25, §2 (note 103)'])
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import CorpusError
from ..resources import data_dir
from .conditions import condition_from_data
from .model import Parameter, ParameterValue, Rule, Source, Title, Validity, Year
from .parse import (DataError, Ids, LineDict, LineList, basis as parse_basis, ident, integer, line_of, mapping, member,
                    school_year, sequence, source as parse_source, text, validity as parse_validity)
from .vocab import (AccessClass, Degree, Effect, Form, FromMode, Issuer, Jurisdiction, ParameterKind, Regime, RuleKind,
                    TitleKind)


class RuleFileError(CorpusError):
    """A curated file that the format does not allow (the message names file and line)."""


# --------------------------------------------------------------------------- YAML with lines
# libyaml's parser (the C loader) reads the rule file some 6 times faster than the pure-Python
# one and gives the same data, with the same line marks; the pure loader is the fallback where
# PyYAML was built without libyaml.
def _mapping(loader, node: yaml.MappingNode) -> LineDict:
    out = LineDict(loader.construct_mapping(node, deep=True))
    out.line = node.start_mark.line + 1
    return out


def _sequence(loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_sequence(node, deep=True))
    out.line = node.start_mark.line + 1
    return out


def line_loader(base: type) -> type:
    """A safe loader class on ``base`` (``yaml.CSafeLoader`` or ``yaml.SafeLoader``) whose
    mappings and sequences remember their line (1-based)."""
    loader = type("LineLoader", (base,), {"__doc__": line_loader.__doc__})
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
    return loader


_LineLoader = line_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_yaml(path: Path) -> Any:
    """A YAML file whose mappings and lists carry ``.line``.

    >>> data = read_yaml(data_dir() / "years.yaml")
    >>> data["years"][0].line > 1
    True
    """
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)


# --------------------------------------------------------------------------- problems
@dataclass
class Problems:
    """Problems found while loading, each ``file:line: entry: message``."""

    items: list[str]

    def add(self, file: str, line: int | None, entry: str | None, message: str) -> None:
        where = f"{file}:{line}" if line else file
        self.items.append(f"{where}: {entry + ': ' if entry else ''}{message}")

    def run(self, file: str, entry: Any, name: str | None, build: Callable[[], Any]) -> Any:
        """``build()``, or ``None`` with its problem recorded (at the line of the piece at fault)."""
        try:
            return build()
        except DataError as exc:
            self.add(file, exc.line or line_of(entry), name, str(exc))
            return None


_YEAR_KEYS = {"id", "label", "alt_labels", "form", "degree", "grade", "duration", "regime", "source", "note"}
_TITLE_KEYS = {"id", "label", "abbreviation", "abbreviation_in_text", "alt_labels", "kind", "issued_by", "jurisdiction",
               "basis", "basis_missing", "source", "note"}
_PARAMETER_KEYS = {"id", "kind", "description", "values", "reference", "source", "note"}
_RULE_KEYS = {"id", "kind", "jurisdiction", "from", "from_mode", "to", "access_class", "applies_to", "effect", "regime",
              "conditions", "basis", "basis_missing", "source", "validity", "note"}


def _entries(data: Any, file: str, kind: str) -> list:
    if not isinstance(data, Mapping) or data.get("file") != kind or not isinstance(data.get(kind), list):
        raise DataError(f"not a {kind} file (file: {kind}, {kind}: [...])", data)
    return data[kind]


def _labels(d: Mapping) -> tuple[str, ...]:
    return tuple(text(a, "an alternative label", d) for a in sequence(d.get("alt_labels") or [], "alt_labels"))


def _basis_or_reason(d: Mapping) -> tuple:
    items = parse_basis(d.get("basis")) if "basis" in d else None
    reason = d.get("basis_missing")
    if reason is not None:
        text(reason, "basis_missing", d)
    if not items and not reason:
        raise DataError("no basis and no basis_missing (say why the text names no provision)", d)
    return items or (), reason


def _year(d: Any) -> Year:
    d = mapping(d, "a year", _YEAR_KEYS, ("id", "label", "source"))
    grade = d.get("grade")
    if grade is not None and (integer(grade, "grade", d) not in range(1, 8)):
        raise DataError(f"grade {grade!r} not in 1..7", d)
    duration = d.get("duration")
    if duration is not None:
        integer(duration, "duration", d)
    return Year(ident(d["id"], "id", d), text(d["label"], "label", d), _labels(d),
                member(Form, d["form"], "form", d).value if d.get("form") is not None else None,
                member(Degree, d["degree"], "degree", d).value if d.get("degree") is not None else None,
                grade, duration, tuple(member(Regime, r, "regime", d).value for r in sequence(d.get("regime") or [], "regime")),
                parse_source(d["source"]), d.get("note"))


def _title(d: Any) -> Title:
    d = mapping(d, "a title", _TITLE_KEYS, ("id", "label", "kind", "issued_by", "source"))
    basis, reason = _basis_or_reason(d)
    return Title(ident(d["id"], "id", d), text(d["label"], "label", d), d.get("abbreviation"), _labels(d),
                 member(TitleKind, d["kind"], "kind", d).value, member(Issuer, d["issued_by"], "issued_by", d).value,
                 member(Jurisdiction, d.get("jurisdiction", "BE-FWB"), "jurisdiction", d).value, basis,
                 parse_source(d["source"]), reason, d.get("abbreviation_in_text"), d.get("note"))


def _parameter(d: Any) -> Parameter:
    d = mapping(d, "a parameter", _PARAMETER_KEYS, ("id", "kind", "description", "values", "source"))
    kind = member(ParameterKind, d["kind"], "kind", d)
    values = []
    for v in sequence(d["values"], "values", allow_empty=False):
        v = mapping(v, "a parameter value", {"from", "until", "value"}, ("from",))
        value = v.get("value")
        if kind is ParameterKind.AGE_BAND:
            bounds = mapping(value, "an age band", {"ge", "gt", "le", "lt", "reference"})
            if not {"ge", "gt", "le", "lt"} & set(bounds):
                raise DataError("an age band needs ge, gt, le or lt", bounds)
            value = tuple(sorted((k, integer(b, k, bounds) if k != "reference" else b) for k, b in bounds.items()))
        elif value is not None and not (isinstance(value, str) and len(value) == 5 and value[2] == "-"):
            raise DataError(f"a date reference is MM-DD or null, got {value!r}", v)
        values.append(ParameterValue(school_year(v["from"], "from", v),
                                     school_year(v["until"], "until", v) if v.get("until") else None,
                                     value))
    return Parameter(ident(d["id"], "id", d), kind, text(d["description"], "description", d), tuple(values),
                     parse_basis(d.get("reference")), parse_source(d["source"]))


def _rule(d: Any, document: str, default: Validity | None, jurisdiction: str, ids: Ids) -> Rule:
    d = mapping(d, "a rule", _RULE_KEYS, ("id", "kind", "regime", "source"))
    kind = member(RuleKind, d["kind"], "kind", d)
    from_ = tuple(ids.state(s, "from", d) for s in sequence(d.get("from"), "from (empty: no prior state required)"))
    mode = member(FromMode, d.get("from_mode", "completed"), "from_mode", d)
    to = access = effect = None
    applies: tuple[str, ...] = ()
    if kind is RuleKind.OPTION_ACCESS:
        access = member(AccessClass, d.get("access_class"), "access_class", d)
        applies = tuple(ids.year(y, "applies_to", d) for y in sequence(d.get("applies_to"), "applies_to", allow_empty=False))
    elif kind is RuleKind.EFFECT:
        effect = member(Effect, d.get("effect"), "effect", d)
        if not from_:
            raise DataError("an effect rule names the titles it is the effect of (from)", d)
    else:
        to = (ids.title if kind is RuleKind.AWARD else ids.year)(d.get("to"), "to", d)
    for k, allowed in (("to", kind not in (RuleKind.OPTION_ACCESS, RuleKind.EFFECT)),
                       ("access_class", kind is RuleKind.OPTION_ACCESS), ("applies_to", kind is RuleKind.OPTION_ACCESS),
                       ("effect", kind is RuleKind.EFFECT)):
        if k in d and not allowed:
            raise DataError(f"{k} does not go with kind {kind.value}", d)
    regime = tuple(member(Regime, r, "regime", d).value for r in sequence(d["regime"], "regime", allow_empty=False))
    valid = parse_validity(d.get("validity")) or default
    basis, reason = _basis_or_reason(d)
    rule_ids = Ids(ids.years, ids.titles, ids.parameters, valid.start if valid else None)
    conditions = condition_from_data(d["conditions"], rule_ids) if d.get("conditions") is not None else None
    return Rule(ident(d["id"], "id", d), document, kind, from_, to, regime, conditions, basis, parse_source(d["source"]),
                valid, mode, access, applies, effect, reason, d.get("note"),
                member(Jurisdiction, d.get("jurisdiction", jurisdiction), "jurisdiction", d).value, line_of(d))


# --------------------------------------------------------------------------- the whole data
@dataclass(frozen=True)
class Curated:
    """Every curated entry, in file order, and the problems found reading them."""

    years: tuple[Year, ...]
    titles: tuple[Title, ...]
    parameters: tuple[Parameter, ...]
    rules: tuple[Rule, ...]
    problems: tuple[str, ...]

    def items(self):
        """The entries by kind, as a mapping's items (the build reports their counts)."""
        return (("years", self.years), ("titles", self.titles), ("parameters", self.parameters), ("rules", self.rules))


def rule_files(directory: Path) -> list[Path]:
    return sorted((directory / "rules").glob("*.yaml"))


def _read(folder: Path, name: str, problems: Problems) -> Any:
    try:
        return read_yaml(folder / name)
    except (OSError, yaml.YAMLError) as exc:
        problems.add(name, None, None, f"cannot read: {exc}")
        return None


def _load(folder: Path) -> Curated:
    problems = Problems([])

    def each(file: str, kind: str, build: Callable[[Any], Any]) -> list:
        data = _read(folder, file, problems)
        if data is None:
            return []
        entries = problems.run(file, data, None, lambda: _entries(data, file, kind)) or []
        out, seen = [], set()
        for e in entries:
            name = e.get("id") if isinstance(e, Mapping) else None
            built = problems.run(file, e, name, lambda e=e: build(e))
            if built is not None and built.id in seen:
                problems.add(file, line_of(e), built.id, f"duplicate id {built.id!r}")
                continue
            if built is not None:
                seen.add(built.id)
                out.append(built)
        return out

    years = each("years.yaml", "years", _year)
    titles = each("titles.yaml", "titles", _title)
    for t in titles:
        if t.id in {y.id for y in years}:
            problems.add("titles.yaml", None, t.id, f"id {t.id!r} is also a year id")
    parameters = each("parameters.yaml", "parameters", _parameter)
    ids = Ids(frozenset(y.id for y in years), frozenset(t.id for t in titles), {p.id: p for p in parameters})
    rules: list[Rule] = []
    seen: set[str] = set()
    for path in rule_files(folder):
        file = f"rules/{path.name}"
        data = _read(folder / "rules", path.name, problems)
        if data is None:
            continue
        header = problems.run(file, data, None, lambda: _entries(data, file, "rules"))
        if header is None:
            continue
        document = data.get("document")
        if document != path.stem:
            problems.add(file, line_of(data), None, f"document {document!r} does not match the file name")
        default = problems.run(file, data, None, lambda: parse_validity(data.get("validity")))
        jurisdiction = data.get("jurisdiction", "BE-FWB")
        for r in header:
            name = r.get("id") if isinstance(r, Mapping) else None
            built = problems.run(file, r, name, lambda r=r: _rule(r, path.stem, default, jurisdiction, ids))
            if built is None:
                continue
            if built.id in seen:
                problems.add(file, built.line, built.id, f"duplicate id {built.id!r}")
                continue
            seen.add(built.id)
            rules.append(built)
    return Curated(tuple(years), tuple(titles), tuple(parameters), tuple(rules), tuple(problems.items))


def load(directory: str | None = None) -> Curated:
    """Every curated entry of ``directory`` (default: the package's ``data/``), read once —
    again only when one of its files changed (size or modification time)."""
    folder = Path(directory) if directory is not None else data_dir()
    return _load_once(str(folder), _signature(folder))


@lru_cache(maxsize=8)
def _load_once(folder: str, signature: tuple) -> Curated:
    return _load(Path(folder))


def _signature(folder: Path) -> tuple:
    """What says the files of ``folder`` changed: each YAML file's name, size and mtime."""
    out = []
    for path in sorted([*folder.glob("*.yaml"), *rule_files(folder)]):
        try:
            info = path.stat()
        except OSError:
            continue
        out.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(out)


def _checked(directory: str | Path | None) -> Curated:
    data = load(str(directory) if directory is not None else None)
    if data.problems:
        raise RuleFileError(f"{data.problems[0]}" + (f" (and {len(data.problems) - 1} more)" if len(data.problems) > 1 else ""))
    return data


def load_years(directory: str | Path | None = None) -> tuple[Year, ...]:
    """The study years and formations of ``years.yaml``, in file order."""
    return _checked(directory).years


def load_titles(directory: str | Path | None = None) -> tuple[Title, ...]:
    """The titles, certificates and attestations of ``titles.yaml``, in file order.

    >>> titles = {t.id: t for t in load_titles()}
    >>> titles["CESS"].issued_by, [p.cite() for p in titles["CE6P"].basis]
    ('conseil-de-classe', ['arrete-royal/1984/06/29 art. 24, §1er (note 104)'])
    """
    return _checked(directory).titles


def load_parameters(directory: str | Path | None = None) -> tuple[Parameter, ...]:
    """The dated parameters of ``parameters.yaml`` (age bands, reference dates).

    >>> {p.id: p for p in load_parameters()}["majeur-18-21"].at("2019-2020")
    {'gt': 18, 'lt': 21, 'reference': '31-decembre'}
    """
    return _checked(directory).parameters


def load_rules(document_id: str | None = None, directory: str | Path | None = None) -> tuple[Rule, ...]:
    """The pathway rules, all documents or those of ``document_id``, in file order."""
    return tuple(r for r in _checked(directory).rules if document_id is None or r.document == document_id)


# --------------------------------------------------------------------------- against a corpus
def _collapse(words: str) -> str:
    return " ".join(words.split())


def _sources(data: Curated):
    for file, entries in (("years.yaml", data.years), ("titles.yaml", data.titles), ("parameters.yaml", data.parameters)):
        for e in entries:
            yield file, e.id, e.source
    for r in data.rules:
        yield f"rules/{r.document}.yaml", r.id, r.source
        for node in r.condition_nodes():
            if node.source is not None:
                yield f"rules/{r.document}.yaml", f"{r.id} ({node.key})", node.source


def check_sources(data: Curated, corpus) -> list[str]:
    """Each source's document is in ``corpus``, its lines exist, and its quotation is in them
    (white space collapsed)."""
    out = []
    for file, entry, src in _sources(data):
        try:
            doc = corpus[src.document]
        except Exception:  # noqa: BLE001 - CorpusError or KeyError
            out.append(f"{file}: {entry}: source document {src.document!r} not in the corpus")
            continue
        if not src.last <= len(doc.lines):
            out.append(f"{file}: {entry}: source lines {src.first}-{src.last} outside 1..{len(doc.lines)}")
        elif _collapse(src.quote or "") not in _collapse(doc.span(src.first, src.last)):
            out.append(f"{file}: {entry}: quote not found in {src.document} lines {src.first}-{src.last}: "
                       f"{(src.quote or '')[:80]!r}")
    return out


def validate(corpus, directory: str | Path | None = None) -> list[str]:
    """Problems in the curated files, checked against ``corpus``; ``[]`` when all is sound.

    The files are read once per process (:func:`load`), for the checks and for the build.

    >>> from passerelles.corpus import load_corpus
    >>> validate(load_corpus())
    []
    """
    data = load(str(directory) if directory is not None else None)
    return list(data.problems) + check_sources(data, corpus)
