"""Curated data: study years, titles and pathway rules, read from ``data/`` and checked.

The files and their format are described in ``data/FORMAT.md``: ``years.yaml``,
``titles.yaml`` and one ``rules/<document-id>.yaml`` per source document. This module reads
them into frozen dataclasses (in file order, rule files by name) and checks them against
the corpus: :func:`validate` returns the problems it finds as readable strings, an empty
list when the data is sound.

Conditions are trees: a :class:`Condition` has a ``key`` (``all_of``, ``age``, ``holds``…),
a frozen ``value`` (a :class:`FrozenMap` for mapping conditions such as ``age``, a tuple for
``contract``, a scalar for ``holds``), ``children`` for ``all_of``/``any_of``/``not``, and
its own optional ``basis``, ``text`` and ``source``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .legal.identifiers import parse_act_key
from .resources import data_dir

# --------------------------------------------------------------------------- vocabularies
FORMS = {"P", "TQ", "G", "GTA", "SPEC", None}
DEGREES = {"D1", "D2", "D3", "7", None}
REGIMES = {"plein-exercice", "article-49", "article-45", "urgence", "mfi", "specialise-f3", "specialise-f4"}
TITLE_KINDS = {"certificat", "attestation", "rapport", "diplome"}
ISSUERS = {"conseil-de-classe", "jury-de-qualification", "conseil-de-direction", "jury", "unknown"}
RULE_KINDS = {"admission", "award", "reinsertion", "passage-specialise", "change-of-form", "option-access"}
FROM_MODES = {"completed", "attended", "enrolled", "failed"}
ACCESS_CLASSES = {"L", "S-O", "O"}
BODIES = {"conseil-de-classe", "conseil-admission", "jury-de-qualification", "conseil-de-direction",
          "ministre", "organisme-guidance", "parents", "coordonnateur"}
DECISION_KINDS = {"avis-favorable", "avis-motive", "demande-ecrite", "demande", "derogation", "orientation",
                  "autorisation", "proposition-motivee", "reussite-epreuves", "delivrance",
                  "non-admission-examens", "jugement-aptitude"}
AGE_REFERENCES = {"inscription", "31-decembre", "31-decembre-suivant-rentree", None}
CONTRACTS = {"contrat-alternance", "contrat-apprentissage", "convention-emploi-formation",
             "convention-premier-emploi", "convention-isp-avant-2015", "autre-contrat-approuve"}
ORIENTATIONS = {"same", "corresponding", "different"}
NOT_HOLDER = {"identical-or-equivalent"}

#: Combinators, then leaf conditions, and the fields each mapping-valued leaf may carry.
COMBINATORS = {"all_of", "any_of", "not"}
CONDITION_FIELDS: dict[str, set[str] | None] = {
    "age": {"ge", "gt", "le", "lt", "reference", "text"},
    "adult": None,
    "contract": None,
    "holds": None,
    "decision": {"body", "kind", "text"},
    "orientation": None,
    "not_holder": None,
    "attended": {"years", "combinations", "text"},
    "schooling": {"compulsory_full_time", "compulsory", "text"},
    "external": {"about", "settled_by", "reason"},
    "unknown": {"about", "reason"},
    # extensions (FORMAT.md, "Extensions")
    "situation": {"id", "text"},
    "completed": {"years", "text"},
    "deadline": {"until", "text"},
}
CONDITION_EXTRAS = {"basis", "text", "source"}
PROVISION_FIELDS = {"act", "article", "paragraph", "alinea", "point", "via_footnote", "via_table_note"}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


# --------------------------------------------------------------------------- data classes
class FrozenMap(Mapping):
    """An immutable, hashable mapping (the value of mapping conditions such as ``age``).

    >>> m = FrozenMap({"ge": 15, "reference": "inscription"})
    >>> m["ge"], dict(m) == {"ge": 15, "reference": "inscription"}, hash(m) == hash(FrozenMap(m))
    (15, True, True)
    """

    __slots__ = ("_items",)

    def __init__(self, data: Mapping):
        object.__setattr__(self, "_items", tuple((k, _freeze(v)) for k, v in data.items()))

    def __getitem__(self, key):
        for k, v in self._items:
            if k == key:
                return v
        raise KeyError(key)

    def __iter__(self):
        return (k for k, _ in self._items)

    def __len__(self):
        return len(self._items)

    def __hash__(self):
        return hash(frozenset(self._items))

    def __eq__(self, other):
        return isinstance(other, Mapping) and dict(self) == dict(other)

    def __repr__(self):
        return f"FrozenMap({dict(self)!r})"


def _freeze(value):
    if isinstance(value, Mapping):
        return FrozenMap(value)
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


@dataclass(frozen=True)
class Source:
    """Where an entry comes from: a document, its lines ``first``..``last`` and a quotation."""

    document: str
    first: int
    last: int
    quote: str


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
        """A short citation.

        >>> Provision("decret/1991/07/03", "6", "1", "1", "2", via_footnote=42).cite()
        'decret/1991/07/03 art. 6, §1er, al. 1er, 2° (note 42)'
        >>> Provision("decret/2006/06/30", via_table_note="(1)").cite()
        'decret/2006/06/30 (note du tableau (1))'
        """
        from .legal.grammar import Locator, format_locator
        place = format_locator(Locator(self.article, self.paragraph, self.alinea, self.point))
        text = f"{self.act} {place}" if place else self.act
        if self.via_footnote is not None:
            text += f" (note {self.via_footnote})"
        if self.via_table_note:
            text += f" (note du tableau {self.via_table_note})"
        return text


@dataclass(frozen=True)
class Validity:
    """School years from ``start`` to ``until`` (``None``: open)."""

    start: str | None
    until: str | None


@dataclass(frozen=True)
class Condition:
    """One node of a condition tree (see the module docstring)."""

    key: str
    value: Any = None
    children: tuple[Condition, ...] = ()
    basis: tuple[Provision, ...] = ()
    text: str | None = None
    source: Source | None = None

    def walk(self) -> Iterator[Condition]:
        """This node and all the nodes below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, key: str) -> list[Condition]:
        """The nodes of this tree with ``key``.

        >>> c = Condition("all_of", children=(Condition("holds", "CQ6"), Condition("adult", True)))
        >>> [n.value for n in c.find("holds")]
        ['CQ6']
        """
        return [n for n in self.walk() if n.key == key]


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


@dataclass(frozen=True)
class Rule:
    """A pathway rule (``rules/<document>.yaml``). ``from_`` holds the ``from`` states."""

    id: str
    document: str
    kind: str
    from_: tuple[str, ...]
    to: str | None
    regime: tuple[str, ...]
    conditions: Condition | None
    basis: tuple[Provision, ...]
    source: Source
    validity: Validity | None
    from_mode: str = "completed"
    access_class: str | None = None
    applies_to: tuple[str, ...] = ()
    basis_missing: str | None = None
    note: str | None = None
    jurisdiction: str = "BE-FWB"     # the rule file's, unless the rule says otherwise

    def condition_nodes(self, key: str | None = None) -> list[Condition]:
        """All condition nodes of the rule (with ``key`` only, when given)."""
        if self.conditions is None:
            return []
        nodes = list(self.conditions.walk())
        return [n for n in nodes if key is None or n.key == key]


# --------------------------------------------------------------------------- reading
def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _source(d: Mapping) -> Source:
    first, last = d["lines"]
    return Source(d["document"], int(first), int(last), d["quote"])


def _provision(d: Mapping) -> Provision:
    def s(key):
        v = d.get(key)
        return None if v is None else str(v)
    via = d.get("via_footnote")
    return Provision(d["act"], s("article"), s("paragraph"), s("alinea"), s("point"),
                     None if via is None else int(via), s("via_table_note"))


def _basis(items) -> tuple[Provision, ...]:
    return tuple(_provision(p) for p in items or ())


def _condition(d: Mapping) -> Condition:
    keys = [k for k in d if k not in CONDITION_EXTRAS]
    if len(keys) != 1:
        raise ValueError(f"a condition has exactly one key besides {sorted(CONDITION_EXTRAS)}: {sorted(d)}")
    key = keys[0]
    raw = d[key]
    children: tuple[Condition, ...] = ()
    value = None
    if key in ("all_of", "any_of"):
        children = tuple(_condition(c) for c in raw)
    elif key == "not":
        children = (_condition(raw),)
    else:
        value = _freeze(raw)
    src = d.get("source")
    return Condition(key, value, children, _basis(d.get("basis")), d.get("text"),
                     _source(src) if src else None)


def _validity(d: Mapping | None) -> Validity | None:
    if not d:
        return None
    return Validity(d.get("from"), d.get("until"))


@lru_cache(maxsize=8)
def _years(directory: str) -> tuple[Year, ...]:
    data = _read(Path(directory) / "years.yaml")
    return tuple(Year(y["id"], y["label"], tuple(y.get("alt_labels") or ()), y.get("form"), y.get("degree"),
                      y.get("grade"), y.get("duration"), tuple(y.get("regime") or ()), _source(y["source"]),
                      y.get("note"))
                 for y in data["years"])


@lru_cache(maxsize=8)
def _titles(directory: str) -> tuple[Title, ...]:
    data = _read(Path(directory) / "titles.yaml")
    return tuple(Title(t["id"], t["label"], t.get("abbreviation"), tuple(t.get("alt_labels") or ()), t["kind"],
                       t["issued_by"], t.get("jurisdiction", "BE-FWB"), _basis(t.get("basis")), _source(t["source"]),
                       t.get("basis_missing"), t.get("abbreviation_in_text"), t.get("note"))
                 for t in data["titles"])


def _rule(r: Mapping, document: str, default: Validity | None, jurisdiction: str) -> Rule:
    cond = r.get("conditions")
    return Rule(r["id"], document, r["kind"], tuple(r.get("from") or ()), r.get("to"),
                tuple(r.get("regime") or ()), _condition(cond) if cond else None, _basis(r.get("basis")),
                _source(r["source"]), _validity(r.get("validity")) or default,
                r.get("from_mode") or "completed", r.get("access_class"), tuple(r.get("applies_to") or ()),
                r.get("basis_missing"), r.get("note"), r.get("jurisdiction", jurisdiction))


def _rule_files(directory: Path) -> list[Path]:
    return sorted((directory / "rules").glob("*.yaml"))


@lru_cache(maxsize=8)
def _rules(directory: str) -> tuple[Rule, ...]:
    out: list[Rule] = []
    for path in _rule_files(Path(directory)):
        data = _read(path)
        document = data.get("document", path.stem)
        default = _validity(data.get("validity"))
        jurisdiction = data.get("jurisdiction", "BE-FWB")
        out.extend(_rule(r, document, default, jurisdiction) for r in data.get("rules") or ())
    return tuple(out)


def _dir(directory: str | Path | None) -> str:
    return str(Path(directory) if directory is not None else data_dir())


def load_years(directory: str | Path | None = None) -> tuple[Year, ...]:
    """The study years and formations of ``years.yaml``, in file order.

    >>> years = {y.id: y for y in load_years()}
    >>> years["6P"].label, years["6P"].degree, years["6P"].duration
    ("6e année de l'enseignement professionnel", 'D3', 1)
    >>> years["ART45-D3"].duration is None      # the circular does not say how long it lasts
    True
    """
    return _years(_dir(directory))


def load_titles(directory: str | Path | None = None) -> tuple[Title, ...]:
    """The titles, certificates and attestations of ``titles.yaml``, in file order.

    >>> titles = {t.id: t for t in load_titles()}
    >>> titles["CESS"].label, titles["CESS"].issued_by
    ("Certificat d'enseignement secondaire supérieur", 'conseil-de-classe')
    >>> [p.cite() for p in titles["CE6P"].basis]
    ['arrete-royal/1984/06/29 art. 24, §1er (note 104)']
    """
    return _titles(_dir(directory))


def load_rules(document_id: str | None = None, directory: str | Path | None = None) -> tuple[Rule, ...]:
    """The pathway rules, all documents or those of ``document_id``, in file order.

    >>> rules = {r.id: r for r in load_rules("circulaire-7282")}
    >>> cess = rules["award-CESS-7P"]
    >>> cess.from_, cess.to, [p.cite() for p in cess.basis]
    (('7P',), 'CESS', ['arrete-royal/1984/06/29 art. 25, §2 (note 103)'])
    >>> [n.value["years"] for n in cess.condition_nodes("completed")]
    [('6P',)]
    >>> cess.validity
    Validity(start='2019-2020', until='2019-2020')
    """
    rules = _rules(_dir(directory))
    return tuple(r for r in rules if document_id is None or r.document == document_id)


# --------------------------------------------------------------------------- validation
def _collapse(text: str) -> str:
    return " ".join(text.split())


class _Checker:
    def __init__(self, corpus) -> None:
        self.corpus = corpus
        self.problems: list[str] = []
        self.year_ids: set[str] = set()
        self.title_ids: set[str] = set()

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    # ---- pieces
    def source(self, where: str, d: Any) -> None:
        if not isinstance(d, Mapping):
            self.add(where, "source missing or not a mapping")
            return
        missing = {"document", "lines", "quote"} - set(d)
        if missing:
            self.add(where, f"source lacks {sorted(missing)}")
            return
        extra = set(d) - {"document", "lines", "quote"}
        if extra:
            self.add(where, f"source has unknown keys {sorted(extra)}")
        try:
            doc = self.corpus[d["document"]]
        except Exception:  # noqa: BLE001 - CorpusError or KeyError
            self.add(where, f"source document {d['document']!r} not in the corpus")
            return
        lines = d["lines"]
        if not (isinstance(lines, list) and len(lines) == 2 and all(isinstance(n, int) for n in lines)):
            self.add(where, f"source lines must be [first, last], got {lines!r}")
            return
        first, last = lines
        if not 1 <= first <= last <= len(doc.lines):
            self.add(where, f"source lines {lines} outside 1..{len(doc.lines)} or reversed")
            return
        quote = d["quote"]
        if not isinstance(quote, str) or not quote.strip():
            self.add(where, "empty quote")
        elif _collapse(quote) not in _collapse(doc.span(first, last)):
            self.add(where, f"quote not found in {d['document']} lines {first}-{last}: {quote[:80]!r}")

    def basis(self, where: str, items: Any) -> None:
        if items is None:
            return
        if not isinstance(items, list):
            self.add(where, "basis must be a list")
            return
        for i, p in enumerate(items):
            w = f"{where} basis[{i}]"
            if not isinstance(p, Mapping) or "act" not in p:
                self.add(w, "a provision needs an act")
                continue
            extra = set(p) - PROVISION_FIELDS
            if extra:
                self.add(w, f"unknown provision keys {sorted(extra)}")
            try:
                parse_act_key(str(p["act"]))
            except ValueError:
                self.add(w, f"unknown act type or malformed act key {p['act']!r}")
            for k in ("article", "paragraph", "alinea", "point", "via_table_note"):
                if k in p and p[k] is not None and not isinstance(p[k], str):
                    self.add(w, f"{k} must be a string, got {p[k]!r}")
            if p.get("via_footnote") is not None and not isinstance(p["via_footnote"], int):
                self.add(w, f"via_footnote must be a note number, got {p['via_footnote']!r}")

    def enum(self, where: str, field: str, value: Any, allowed: set) -> None:
        if value not in allowed:
            self.add(where, f"{field} {value!r} not one of {sorted(a for a in allowed if a is not None)}")

    def ids(self, where: str, field: str, values: Any, allowed: set[str]) -> None:
        for v in values if isinstance(values, (list, tuple)) else [values]:
            if v not in allowed:
                self.add(where, f"{field} refers to unknown id {v!r}")

    def check_id(self, where: str, value: Any, seen: set[str]) -> bool:
        if not isinstance(value, str) or not _ID.match(value):
            self.add(where, f"bad id {value!r} (ASCII, no spaces)")
            return False
        if value in seen:
            self.add(where, f"duplicate id {value!r}")
            return False
        seen.add(value)
        return True

    # ---- conditions
    def condition(self, where: str, d: Any) -> None:
        if not isinstance(d, Mapping):
            self.add(where, f"a condition must be a mapping, got {type(d).__name__}")
            return
        keys = [k for k in d if k not in CONDITION_EXTRAS]
        if len(keys) != 1:
            self.add(where, f"a condition has exactly one key (plus {sorted(CONDITION_EXTRAS)}), got {sorted(d)}")
            return
        key = keys[0]
        value = d[key]
        if "basis" in d:
            self.basis(f"{where}.{key}", d["basis"])
        if "source" in d:
            self.source(f"{where}.{key}", d["source"])
        if key in ("all_of", "any_of"):
            if not isinstance(value, list) or not value:
                self.add(where, f"{key} needs a non-empty list")
                return
            for i, c in enumerate(value):
                self.condition(f"{where}.{key}[{i}]", c)
            return
        if key == "not":
            self.condition(f"{where}.not", value)
            return
        if key not in CONDITION_FIELDS:
            self.add(where, f"unknown condition key {key!r}")
            return
        fields = CONDITION_FIELDS[key]
        w = f"{where}.{key}"
        if fields is not None:
            if not isinstance(value, Mapping):
                self.add(w, "must be a mapping")
                return
            extra = set(value) - fields
            if extra:
                self.add(w, f"unknown fields {sorted(extra)}")
        if key == "age":
            bounds = [b for b in ("ge", "gt", "le", "lt") if b in value]
            if not bounds:
                self.add(w, "an age condition needs ge/gt/le/lt")
            for b in bounds:
                if not isinstance(value[b], int):
                    self.add(w, f"{b} must be a number of years")
            self.enum(w, "reference", value.get("reference"), AGE_REFERENCES)
        elif key == "adult":
            if not isinstance(value, bool):
                self.add(w, "must be true or false")
        elif key == "contract":
            if not isinstance(value, list) or not value:
                self.add(w, "must be a non-empty list")
            else:
                for c in value:
                    self.enum(w, "contract", c, CONTRACTS)
        elif key == "holds":
            self.ids(w, "holds", value, self.title_ids)
        elif key == "decision":
            self.enum(w, "body", value.get("body"), BODIES)
            self.enum(w, "kind", value.get("kind"), DECISION_KINDS)
        elif key == "orientation":
            self.enum(w, "orientation", value, ORIENTATIONS)
        elif key == "not_holder":
            self.enum(w, "not_holder", value, NOT_HOLDER)
        elif key == "attended":
            if not isinstance(value.get("years"), int):
                self.add(w, "years must be a number")
            for combo in value.get("combinations") or ():
                self.ids(w, "combinations", combo, self.year_ids)
        elif key == "schooling":
            if not ({"compulsory_full_time", "compulsory"} & set(value)):
                self.add(w, "needs compulsory_full_time or compulsory")
        elif key in ("external", "unknown"):
            for f in ("about", "reason") + (("settled_by",) if key == "external" else ()):
                if not value.get(f):
                    self.add(w, f"needs {f}")
        elif key == "situation":
            if not value.get("id") or not _ID.match(str(value.get("id"))):
                self.add(w, "needs an id")
        elif key == "completed":
            self.ids(w, "completed", value.get("years") or [], self.year_ids)
            if not value.get("years"):
                self.add(w, "needs years")
        elif key == "deadline":
            if not re.fullmatch(r"\d\d-\d\d", str(value.get("until", ""))):
                self.add(w, "until must be MM-DD")

    # ---- files
    def years(self, data: Any) -> None:
        if not isinstance(data, Mapping) or data.get("file") != "years" or not isinstance(data.get("years"), list):
            self.add("years.yaml", "not a years file (file: years, years: [...])")
            return
        for i, y in enumerate(data["years"]):
            where = f"years.yaml[{y.get('id', i) if isinstance(y, Mapping) else i}]"
            if not isinstance(y, Mapping):
                self.add(where, "not a mapping")
                continue
            self.check_id(where, y.get("id"), self.year_ids)
            extra = set(y) - {"id", "label", "alt_labels", "form", "degree", "grade", "duration", "regime", "source", "note"}
            if extra:
                self.add(where, f"unknown keys {sorted(extra)}")
            if not y.get("label"):
                self.add(where, "no label")
            self.enum(where, "form", y.get("form"), FORMS)
            self.enum(where, "degree", y.get("degree"), DEGREES)
            if y.get("grade") is not None and y.get("grade") not in range(1, 8):
                self.add(where, f"grade {y.get('grade')!r} not in 1..7")
            if y.get("duration") is not None and not isinstance(y.get("duration"), int):
                self.add(where, "duration must be a number of school years or null")
            for r in y.get("regime") or ():
                self.enum(where, "regime", r, REGIMES)
            self.source(where, y.get("source"))

    def titles(self, data: Any) -> None:
        if not isinstance(data, Mapping) or data.get("file") != "titles" or not isinstance(data.get("titles"), list):
            self.add("titles.yaml", "not a titles file (file: titles, titles: [...])")
            return
        for i, t in enumerate(data["titles"]):
            where = f"titles.yaml[{t.get('id', i) if isinstance(t, Mapping) else i}]"
            if not isinstance(t, Mapping):
                self.add(where, "not a mapping")
                continue
            if t.get("id") in self.year_ids:
                self.add(where, f"id {t.get('id')!r} is also a year id")
            self.check_id(where, t.get("id"), self.title_ids)
            extra = set(t) - {"id", "label", "abbreviation", "abbreviation_in_text", "alt_labels", "kind", "issued_by",
                              "jurisdiction", "basis", "basis_missing", "source", "note"}
            if extra:
                self.add(where, f"unknown keys {sorted(extra)}")
            if not t.get("label"):
                self.add(where, "no label")
            self.enum(where, "kind", t.get("kind"), TITLE_KINDS)
            self.enum(where, "issued_by", t.get("issued_by"), ISSUERS)
            self.basis(where, t.get("basis"))
            if not t.get("basis") and not t.get("basis_missing"):
                self.add(where, "no basis and no basis_missing")
            self.source(where, t.get("source"))

    def rules(self, name: str, data: Any, seen: set[str]) -> None:
        if not isinstance(data, Mapping) or data.get("file") != "rules" or not isinstance(data.get("rules"), list):
            self.add(name, "not a rules file (file: rules, rules: [...])")
            return
        document = data.get("document")
        if document != Path(name).stem:
            self.add(name, f"document {document!r} does not match the file name")
        states = self.year_ids | self.title_ids
        for i, r in enumerate(data["rules"]):
            where = f"{name}[{r.get('id', i) if isinstance(r, Mapping) else i}]"
            if not isinstance(r, Mapping):
                self.add(where, "not a mapping")
                continue
            self.check_id(where, r.get("id"), seen)
            extra = set(r) - {"id", "kind", "jurisdiction", "from", "from_mode", "to", "access_class", "applies_to", "regime",
                              "conditions", "basis", "basis_missing", "source", "validity", "note"}
            if extra:
                self.add(where, f"unknown keys {sorted(extra)}")
            kind = r.get("kind")
            self.enum(where, "kind", kind, RULE_KINDS)
            if not isinstance(r.get("from"), list):
                self.add(where, "from must be a list (empty: no prior state required)")
            else:
                self.ids(where, "from", r["from"], states)
            if "from_mode" in r:
                self.enum(where, "from_mode", r["from_mode"], FROM_MODES)
            if kind == "option-access":
                self.enum(where, "access_class", r.get("access_class"), ACCESS_CLASSES)
                if not r.get("applies_to"):
                    self.add(where, "an option-access rule needs applies_to")
                self.ids(where, "applies_to", r.get("applies_to") or [], self.year_ids)
                if r.get("to") is not None:
                    self.add(where, "an option-access rule carries access_class, not to")
            else:
                if "access_class" in r or "applies_to" in r:
                    self.add(where, "access_class/applies_to only on option-access rules")
                target_ids = self.title_ids if kind == "award" else self.year_ids
                self.ids(where, "to", r.get("to"), target_ids)
            if not r.get("regime"):
                self.add(where, "no regime")
            for reg in r.get("regime") or ():
                self.enum(where, "regime", reg, REGIMES)
            if r.get("conditions") is not None:
                self.condition(f"{where}.conditions", r["conditions"])
            self.basis(where, r.get("basis"))
            if not isinstance(r.get("basis"), list):
                self.add(where, "basis must be a list ([] with basis_missing when the text names none)")
            elif not r["basis"] and not r.get("basis_missing"):
                self.add(where, "no basis and no basis_missing")
            self.source(where, r.get("source"))
            val = r.get("validity")
            if val is not None and (not isinstance(val, Mapping) or set(val) - {"from", "until"}):
                self.add(where, "validity must be {from, until}")


def validate(corpus, directory: str | Path | None = None) -> list[str]:
    """Problems in the curated files, checked against ``corpus``; ``[]`` when all is sound.

    Checks ids (format, duplicates, references from rules to years and titles), every
    ``source`` (document, lines, quotation found in those lines, white space collapsed),
    condition keys and their fields and values, act keys and types, and that every rule has a
    basis or says why not (``basis_missing``).

    >>> from passerelles.corpus import load_corpus
    >>> validate(load_corpus())
    []
    """
    folder = Path(directory) if directory is not None else data_dir()
    check = _Checker(corpus)

    def read(path: Path, name: str):
        try:
            return _read(path)
        except (OSError, yaml.YAMLError) as exc:
            check.add(name, f"cannot read: {exc}")
            return None

    check.years(read(folder / "years.yaml", "years.yaml"))
    check.titles(read(folder / "titles.yaml", "titles.yaml"))
    seen: set[str] = set()
    for path in _rule_files(folder):
        name = f"rules/{path.name}"
        check.rules(name, read(path, name), seen)
    return check.problems
