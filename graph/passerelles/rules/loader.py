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
from dataclasses import replace

from .model import SECONDARY, Parameter, ParameterValue, PartsSpec, RoleOf, Rule, Source, Title, Validity, Year
from .parse import (DataError, Ids, LineDict, LineList, basis as parse_basis, ident, integer, line_of, mapping, member,
                    school_year, sequence, source as parse_source, text, validity as parse_validity)
from .standing import Conflict, SourceInfo, Statement, conflict as parse_conflict, source_info, statement as parse_statement
from .time import UNITS, Duration
from .vocab import (SYSTEM_JURISDICTION, AccessClass, Body, Degree, Effect, Form, FromMode, Funder, Issuer, Jurisdiction,
                    Modality, ParameterKind, Regime, Role, RuleKind, Speaker, System, TitleKind)


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


_YEAR_KEYS = {"id", "label", "alt_labels", "form", "degree", "grade", "duration", "regime", "source", "note", "length",
              "repeatable"}
_TITLE_KEYS = {"id", "label", "abbreviation", "abbreviation_in_text", "alt_labels", "kind", "issued_by", "jurisdiction",
               "basis", "basis_missing", "source", "note", "instance_of", "part_of", "parts", "roles"}
_PARAMETER_KEYS = {"id", "kind", "description", "values", "reference", "source", "note"}
_RULE_KEYS = {"id", "kind", "jurisdiction", "from", "from_mode", "to", "access_class", "applies_to", "effect", "regime",
              "conditions", "basis", "basis_missing", "source", "validity", "note", "system", "crosses", "modality",
              "hedge", "funder"}
#: Rule kinds whose ``to`` is a title; ``denial`` names any state, ``funding`` a formation.
_TO_TITLE = {RuleKind.AWARD, RuleKind.EQUIVALENCE, RuleKind.BRIDGE}


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


def _duration(d: Any) -> Duration:
    """``length: {min: 8, max: 12, unit: month}``; ``typical: true`` for a usual length,
    ``varies: true`` when the text says it depends on the person."""
    d = mapping(d, "length", {"min", "max", "unit", "typical", "varies"}, ("unit",))
    if d["unit"] not in UNITS:
        raise DataError(f"length unit {d['unit']!r} not one of {', '.join(UNITS)}", d)
    bounds = [integer(d[k], f"length {k}", d) if d.get(k) is not None else None for k in ("min", "max")]
    for k in ("typical", "varies"):
        if d.get(k) is not None and not isinstance(d[k], bool):
            raise DataError(f"length {k} must be true or false", d)
    try:
        return Duration(bounds[0], bounds[1], d["unit"], bool(d.get("typical")), bool(d.get("varies")))
    except ValueError as exc:
        raise DataError(str(exc), d) from None


def _year(d: Any, system: str = SECONDARY, jurisdiction: str = "BE-FWB") -> Year:
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
                parse_source(d["source"]), d.get("note"), _duration(d["length"]) if d.get("length") is not None else None,
                bool(d.get("repeatable", False)), (system,), jurisdiction)


def _role(d: Any) -> RoleOf:
    """``{role: awards, body: jury-paritaire-national, source: {...}}``; ``body: unknown`` with
    a ``reason`` when the source is silent (and the passage that shows it, when there is one)."""
    d = mapping(d, "a role", {"role", "body", "source", "reason"}, ("role", "body"))
    role = member(Role, d["role"], "role", d)
    body = d["body"]
    if body != "unknown":
        body = member(Body, body, "role body", d).value
    elif not d.get("reason"):
        raise DataError("an unknown role says why (reason)", d)
    if body != "unknown" and not d.get("source"):
        raise DataError("a role names its source", d)
    return RoleOf(role, body, parse_source(d["source"]) if d.get("source") else None, d.get("reason"))


def _parts(d: Any, ids: Ids | None) -> PartsSpec:
    d = mapping(d, "parts", {"part", "count", "required", "optional", "source"}, ("part", "source"))
    count = integer(d["count"], "parts count", d) if d.get("count") is not None else None
    required = integer(d["required"], "parts required", d) if d.get("required") not in (None, "all") else None
    if required is not None and count is not None and required > count:
        raise DataError(f"parts: {required} required of {count}", d)
    return PartsSpec(ident(d["part"], "parts part", d), count, required, bool(d.get("optional", False)),
                     parse_source(d["source"]))


def _title(d: Any, system: str = SECONDARY, jurisdiction: str = "BE-FWB") -> Title:
    d = mapping(d, "a title", _TITLE_KEYS, ("id", "label", "kind", "issued_by", "source"))
    basis, reason = _basis_or_reason(d)
    return Title(ident(d["id"], "id", d), text(d["label"], "label", d), d.get("abbreviation"), _labels(d),
                 member(TitleKind, d["kind"], "kind", d).value, member(Issuer, d["issued_by"], "issued_by", d).value,
                 member(Jurisdiction, d.get("jurisdiction", jurisdiction), "jurisdiction", d).value, basis,
                 parse_source(d["source"]), reason, d.get("abbreviation_in_text"), d.get("note"), (system,),
                 ident(d["instance_of"], "instance_of", d) if d.get("instance_of") else None,
                 ident(d["part_of"], "part_of", d) if d.get("part_of") else None,
                 _parts(d["parts"], None) if d.get("parts") else None,
                 tuple(_role(r) for r in sequence(d.get("roles") or [], "roles")))


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


def _rule(d: Any, document: str, default: Validity | None, jurisdiction: str, ids: Ids, system: str = SECONDARY) -> Rule:
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
        to = (ids.title if kind in _TO_TITLE else ids.state if kind is RuleKind.DENIAL else ids.year)(d.get("to"), "to", d)
    funder = member(Funder, d.get("funder"), "funder", d) if kind is RuleKind.FUNDING else None
    if "funder" in d and kind is not RuleKind.FUNDING:
        raise DataError("funder goes with kind funding", d)
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
    modality = member(Modality, d.get("modality", "stated"), "modality", d)
    if modality in (Modality.HEDGED, Modality.TYPICAL) and not d.get("hedge"):
        raise DataError(f"a {modality.value} rule names its hedge (the words of the source that hedge it)", d)
    crosses = d.get("crosses", kind is RuleKind.EQUIVALENCE)
    if not isinstance(crosses, bool):
        raise DataError("crosses must be true or false", d)
    system = member(System, d.get("system", system), "system", d).value
    return Rule(ident(d["id"], "id", d), document, kind, from_, to, regime, conditions, basis, parse_source(d["source"]),
                valid, mode, access, applies, effect, reason, d.get("note"),
                member(Jurisdiction, d.get("jurisdiction", jurisdiction), "jurisdiction", d).value, line_of(d),
                system, crosses, modality, d.get("hedge"), Speaker.AUTHOR, funder)


# --------------------------------------------------------------------------- the whole data
@dataclass(frozen=True)
class Membership:
    """A title of one system that another system's document says is also its own (the CESS,
    « identique quel que soit le type d'enseignement qui le délivre », 000 l. 46)."""

    title: str
    system: str
    source: Source
    note: str | None = None
    alt_labels: tuple[str, ...] = ()    # how that system's documents name it (« CESS en promotion sociale »)


@dataclass(frozen=True)
class Curated:
    """Every curated entry, in file order, and the problems found reading them."""

    years: tuple[Year, ...]
    titles: tuple[Title, ...]
    parameters: tuple[Parameter, ...]
    rules: tuple[Rule, ...]
    problems: tuple[str, ...]
    sources: tuple[SourceInfo, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    statements: tuple[Statement, ...] = ()
    memberships: tuple[Membership, ...] = ()

    def items(self):
        """The entries by kind, as a mapping's items (the build reports their counts)."""
        return (("years", self.years), ("titles", self.titles), ("parameters", self.parameters), ("rules", self.rules))

    def source(self, document: str) -> SourceInfo | None:
        return next((s for s in self.sources if s.document == document), None)


def rule_files(directory: Path) -> list[Path]:
    return sorted((directory / "rules").glob("*.yaml"))


def system_files(directory: Path) -> list[Path]:
    """The formations and titles of the other systems, one file per system (``systems/*.yaml``)."""
    return sorted((directory / "systems").glob("*.yaml"))


def _read(folder: Path, name: str, problems: Problems) -> Any:
    try:
        return read_yaml(folder / name)
    except (OSError, yaml.YAMLError) as exc:
        problems.add(name, None, None, f"cannot read: {exc}")
        return None


def _load(folder: Path) -> Curated:
    problems = Problems([])

    def each(file: str, kind: str, build: Callable[[Any], Any], data: Any = None, key: str | None = None) -> list:
        data = _read(folder, file, problems) if data is None else data
        if data is None:
            return []
        entries = problems.run(file, data, None, lambda: _entries(data, file, kind) if key is None else
                               sequence(data.get(key) or [], key)) or []
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
    memberships: list[Membership] = []
    for path in system_files(folder):
        file = f"systems/{path.name}"
        data = _read(folder / "systems", path.name, problems)
        if data is None:
            continue
        header = problems.run(file, data, None, lambda: _system_header(data, path.stem))
        if header is None:
            continue
        system, jurisdiction = header
        years += each(file, "system", lambda e: _year(e, system, jurisdiction), data, "formations")
        titles += each(file, "system", lambda e: _title(e, system, jurisdiction), data, "titles")
        for m in sequence(data.get("also_titles") or [], "also_titles"):
            built = problems.run(file, m, None, lambda m=m: _membership(m, system))
            if built is not None:
                memberships.append(built)
    for kind, entries in (("year", years), ("title", titles)):
        seen: set[str] = set()
        for e in entries:
            if e.id in seen:
                problems.add(f"{kind}s", None, e.id, f"duplicate id {e.id!r}")
            seen.add(e.id)
    for t in titles:
        if t.id in {y.id for y in years}:
            problems.add("titles.yaml", None, t.id, f"id {t.id!r} is also a year id")
    title_ids = {t.id for t in titles}
    by_title = {t.id: t for t in titles}
    for m in memberships:
        if m.title not in title_ids:
            problems.add("systems", None, m.title, f"also_titles names unknown title {m.title!r}")
        else:
            t = by_title[m.title]
            by_title[m.title] = replace(t, systems=tuple(sorted(set(t.systems) | {m.system})),
                                        alt_labels=t.alt_labels + tuple(a for a in m.alt_labels if a not in t.alt_labels))
    titles = [by_title[t.id] for t in titles]
    for t in titles:
        for ref, what in ((t.instance_of, "instance_of"), (t.part_of, "part_of"), (t.parts.part if t.parts else None, "parts")):
            if ref is not None and ref not in title_ids:
                problems.add("titles", None, t.id, f"{what} refers to unknown title {ref!r}")
    parameters = each("parameters.yaml", "parameters", _parameter)
    ids = Ids(frozenset(y.id for y in years), frozenset(title_ids), {p.id: p for p in parameters})
    sources = each("sources.yaml", "sources", source_info) if (folder / "sources.yaml").exists() else []
    info = {s.document: s for s in sources}
    rules: list[Rule] = []
    statements: list[Statement] = []
    seen_rules: set[str] = set()
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
        system = data.get("system", SECONDARY)
        source = info.get(path.stem)
        for r in header:
            name = r.get("id") if isinstance(r, Mapping) else None
            built = problems.run(file, r, name, lambda r=r: _rule(r, path.stem, default, jurisdiction, ids, system))
            if built is None:
                continue
            if built.id in seen_rules:
                problems.add(file, built.line, built.id, f"duplicate id {built.id!r}")
                continue
            seen_rules.add(built.id)
            if source is not None:
                built = replace(built, speaker=source.speaker_at(built.source.first, built.source.last))
            rules.append(built)
        for st in each(file, "rules", lambda e: parse_statement(e, path.stem), data, "statements"):
            if st.id in seen_rules:
                problems.add(file, st.line, st.id, f"duplicate id {st.id!r} (a rule has it)")
            statements.append(replace(st, speaker=source.speaker_at(st.source.first, st.source.last)) if source else st)
    titles = [replace(t, speaker=info[t.source.document].speaker_at(t.source.first, t.source.last))
              if t.source.document in info else t for t in titles]
    conflicts = each("conflicts.yaml", "conflicts", parse_conflict) if (folder / "conflicts.yaml").exists() else []
    _cross_checks(problems, years, titles, rules, statements, conflicts, sources)
    return Curated(tuple(years), tuple(titles), tuple(parameters), tuple(rules), tuple(problems.items), tuple(sources),
                   tuple(conflicts), tuple(statements), tuple(memberships))


def _system_header(data: Any, stem: str) -> tuple[str, str]:
    if not isinstance(data, Mapping) or data.get("file") != "system":
        raise DataError("not a system file (file: system, system: ..., formations: [...], titles: [...])", data)
    system = member(System, data.get("system"), "system", data).value
    if system != stem:
        raise DataError(f"system {system!r} does not match the file name", data)
    jurisdiction = member(Jurisdiction, data.get("jurisdiction"), "jurisdiction", data).value
    if SYSTEM_JURISDICTION[System(system)].value != jurisdiction:
        raise DataError(f"system {system} belongs to {SYSTEM_JURISDICTION[System(system)].value}, not {jurisdiction}", data)
    return system, jurisdiction


def _membership(d: Any, system: str) -> Membership:
    d = mapping(d, "an also_titles entry", {"id", "source", "note", "alt_labels"}, ("id", "source"))
    return Membership(ident(d["id"], "id", d), system, parse_source(d["source"]), d.get("note"), _labels(d))


def _cross_checks(problems: Problems, years, titles, rules, statements, conflicts, sources) -> None:
    """What no single entry can check: a rule never leaves its from states' system but when it
    says so (``crosses``, an equivalence); the ids that conflicts, threads and statements name
    exist; a title's parts and its part's whole agree."""
    systems = {y.id: set(y.systems) for y in years} | {t.id: set(t.systems) for t in titles}
    rule_ids = {r.id for r in rules}
    known = rule_ids | {s.id for s in statements}
    for r in rules:
        file = f"rules/{r.document}.yaml"
        for f in r.from_:
            if not r.crosses and r.system not in systems.get(f, {r.system}):
                problems.add(file, r.line, r.id, f"from {f} ({', '.join(sorted(systems[f]))}) is not of the rule's system "
                             f"{r.system}: a rule that crosses systems says so (crosses: true)")
        if r.kind in (RuleKind.EQUIVALENCE, RuleKind.BRIDGE, RuleKind.DENIAL) and not r.from_:
            problems.add(file, r.line, r.id, f"a {r.kind.value} rule names the titles it starts from (from)")
    for s in statements:
        for a in s.about:
            if a not in systems:
                problems.add(f"rules/{s.document}.yaml", s.line, s.id, f"about names unknown state {a!r}")
    for c in conflicts:
        for side in c.sides:
            for r in side.rules:
                if r not in known:
                    problems.add("conflicts.yaml", None, c.id, f"side names unknown rule or statement {r!r}")
    for src in sources:
        for t in src.threads:
            for x in t.settles:
                if x not in known:
                    problems.add("sources.yaml", None, f"{src.document} {t.id}", f"settles names unknown rule or statement {x!r}")
    by_id = {t.id: t for t in titles}
    for t in titles:
        if t.part_of is not None and t.part_of in by_id and (by_id[t.part_of].parts is None or by_id[t.part_of].parts.part != t.id):
            problems.add("titles", None, t.id, f"part_of {t.part_of}, whose parts are not {t.id}")


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
    for path in sorted([*folder.glob("*.yaml"), *rule_files(folder), *system_files(folder)]):
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
    for t in data.titles:
        for role in t.roles:
            if role.source is not None:
                yield "titles", f"{t.id} ({role.role.value})", role.source
        if t.parts is not None:
            yield "titles", f"{t.id} (parts)", t.parts.source
    for m in data.memberships:
        yield "systems", f"{m.title} ({m.system})", m.source
    for s in data.statements:
        yield f"rules/{s.document}.yaml", s.id, s.source
    for c in data.conflicts:
        for side in c.sides:
            yield "conflicts.yaml", c.id, side.source
    for src in data.sources:
        for t in src.threads:
            yield "sources.yaml", f"{src.document} {t.id} (question)", t.question
            if t.reply is not None:
                yield "sources.yaml", f"{src.document} {t.id} (reply)", t.reply
        for slip in src.slips:
            for i, where in enumerate((slip.source, *slip.also)):
                yield "sources.yaml", f"{src.document} slip {slip.kind.value} l. {slip.source.first}" + (f" ({i})" if i else ""), where


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
    for entry in (*data.rules, *data.statements):
        # the words that hedge a rule are the source's own
        if entry.hedge and _collapse(entry.hedge) not in _collapse(entry.source.quote or ""):
            out.append(f"rules/{entry.document}.yaml: {entry.id}: hedge {entry.hedge!r} is not in its quotation")
    for src in data.sources:
        try:
            doc = corpus[src.document]
        except Exception:  # noqa: BLE001
            out.append(f"sources.yaml: source document {src.document!r} not in the corpus")
            continue
        if doc.kind and src.date != doc.date:
            out.append(f"sources.yaml: {src.document}: date {src.date} is not the manifest's {doc.date}")
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
