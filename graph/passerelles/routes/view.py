"""The route view: a NetworkX directed graph built from the RDF graph (not from the data
files), and the index that resolves its ids.

Nodes are :class:`~passerelles.routes.states.State` objects (a year in some mode, a title,
a 7th-year option, ``START``), with their names as node attributes (``label``, ``id``,
``kind``, ``alt_labels``, ``abbreviation``; options also ``access``, ``sector``, ``list``,
``form``, ``year``, ``line``, ``valid_from``, ``valid_until``). Edges carry the
:class:`~passerelles.routes.states.Transition` objects that allow the step
(``transitions``: several rules may allow the same step). Rules are read from the store —
their conditions through the condition classes, from the JSON the graph keeps — and every
condition is bound to the index (the 7th-year access conditions need the repertory).

Examples
--------
>>> from passerelles.api import Passerelles
>>> view = build_view(Passerelles().store)
>>> [t.id for t in view.edges[State.year("6P", Mode.PASSED), State.title("CE6P")]["transitions"]]
['award-CE6P']
>>> view.edges[State.year("5P", Mode.ENROLLED), State.year("5P", Mode.PASSED)]["transitions"][0].years
1
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import networkx as nx

from ..rules.conditions import AllOf, AnyOf, Completed, Condition, Holds, Listing, condition_from_data
from ..rules.model import Provision, Rule, Source, Validity
from ..rules.time import Duration
from ..rules.vocab import AccessClass, Effect, FromMode, Funder, Modality, RuleKind, Speaker
from .states import MODE_OF, START, Mode, State, StateKind, StepKind, Transition

if TYPE_CHECKING:
    from ..store import Store

ID_BASE = "https://w3id.org/passerelles/id/"
_STEP_OF = {RuleKind.ADMISSION: StepKind.ADMISSION, RuleKind.AWARD: StepKind.AWARD,
            RuleKind.REINSERTION: StepKind.REINSERTION, RuleKind.PASSAGE: StepKind.PASSAGE,
            RuleKind.EQUIVALENCE: StepKind.EQUIVALENCE}
#: Rules whose output is a title the route then holds.
_TO_TITLE = (RuleKind.AWARD, RuleKind.EQUIVALENCE)


def local_id(iri: str) -> str:
    """``…/id/year/5P`` → ``5P``."""
    return iri.rsplit("/", 1)[-1]


def _is_title(iri: str) -> bool:
    return iri[len(ID_BASE):].startswith("title/")


@dataclass(frozen=True)
class Act:
    """An act as the route answers cite it."""

    key: str
    type: str
    date: str
    iri: str
    label: str


@dataclass(frozen=True)
class OptionInfo:
    code: str
    label: str
    access: str
    sector: int
    list: str
    form: str
    year: str
    line: int
    valid_from: str | None
    valid_until: str | None
    iri: str


@dataclass(frozen=True)
class Standing:
    """A corpus document as answers name it: « selon Infor Jeunes Laeken (service
    d'information, non daté) »."""

    document: str
    kind: str
    kind_label: str
    according_to: str
    date: str | None

    def according(self, speaker: str | None = None, modality: str | None = None, hedge: str | None = None) -> str:
        from ..rules.standing import according     # the words of the secondary sources' answers only
        return according(self.according_to, self.kind_label, self.date, speaker, modality, hedge)

    def to_json(self) -> dict:
        return {"document": self.document, "kind": self.kind, "according_to": self.according_to, "date": self.date}


@dataclass(frozen=True)
class Disagreement:
    """A conflict between documents, as the view keeps it: every side, its lines, what it says."""

    id: str
    title: str
    overlap: str
    summary: str
    sides: tuple[dict, ...]           # {document, lines, quote, says, concerns}

    @property
    def rules(self) -> frozenset[str]:
        return frozenset(r for s in self.sides for r in s["concerns"])

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "overlap": self.overlap, "summary": self.summary,
                "sides": [{k: s[k] for k in ("document", "lines", "quote", "says")} for s in self.sides]}


@dataclass
class RouteIndex:
    """What the view's ids stand for: states, rules, acts, options, and what titles imply."""

    states: dict[str, dict] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict)
    acts: dict[str, Act] = field(default_factory=dict)
    options: dict[str, OptionInfo] = field(default_factory=dict)
    attests: dict[str, str] = field(default_factory=dict)         # title → the year it shows completed
    effects: dict[str, Rule] = field(default_factory=dict)        # title → its effect rule
    class_rules: dict[str, Rule] = field(default_factory=dict)    # access class → option-access rule
    denials: dict[str, list[Rule]] = field(default_factory=dict)  # from state → what the text says it does not lead to
    funding: dict[str, list[Rule]] = field(default_factory=dict)  # formation → how it may be financed
    conflicts: list[Disagreement] = field(default_factory=list)
    sources: dict[str, Standing] = field(default_factory=dict)    # document → its standing
    roles: dict[str, list[dict]] = field(default_factory=dict)    # title → {role, body, reason, document, line}

    def systems(self, state_id: str) -> tuple[str, ...]:
        return self.states.get(state_id, {}).get("systems", ())

    def part_of(self, title: str) -> str | None:
        return self.states.get(title, {}).get("part_of")

    def conflicts_of(self, rule_ids) -> list[Disagreement]:
        ids = set(rule_ids)
        return [c for c in self.conflicts if c.rules & ids]

    # -- the repertory -------------------------------------------------------------------
    def listings(self, years: tuple[str, ...], list_: str | None) -> list[Listing]:
        return [Listing(o.access, o.sector, o.valid_from, o.valid_until) for o in self.options.values()
                if o.year in years and (list_ is None or o.list == list_)]

    def class_requirement(self, access: str, with_conditions: bool = True) -> Condition:
        """What an access class asks of the pupil: any of its rule's ``from`` states (a title
        held, a year completed), and (``with_conditions``) its rule's other conditions."""
        rule = self.class_rules.get(access)
        if rule is None:
            return condition_from_data({"unknown": {"about": f"classe d'accès {access}",
                                                    "reason": "aucune règle de classe d'accès dans le graphe"}})
        wanted: list[Condition] = [Holds(title=s) if self.is_title(s) else Completed(years=(s,)) for s in rule.from_]
        parts: list[Condition] = []
        if wanted:
            parts.append(wanted[0] if len(wanted) == 1 else AnyOf(items=tuple(wanted)))
        if rule.conditions is not None and (with_conditions or not parts):
            parts.append(rule.conditions)
        return parts[0] if len(parts) == 1 else AllOf(items=tuple(parts))

    # -- states ----------------------------------------------------------------------------
    def is_title(self, state_id: str) -> bool:
        return self.states.get(state_id, {}).get("kind") == "title"

    def label(self, state_id: str) -> str:
        return self.states.get(state_id, {}).get("label", state_id)

    def grade(self, year: str) -> int | None:
        return self.states.get(year, {}).get("grade")

    def duration(self, year: str) -> int | None:
        return self.states.get(year, {}).get("duration")

    @cached_property
    def awards_of(self) -> dict[str, tuple[Rule, ...]]:
        out: dict[str, list[Rule]] = {}
        for r in self.rules.values():
            if r.kind is RuleKind.AWARD and r.to:
                out.setdefault(r.to, []).append(r)
        return {t: tuple(rs) for t, rs in out.items()}

    def implied(self, title: str) -> list[tuple[Mode, str]]:
        """What holding ``title`` may say of the years (its award rules' ``from`` years), when
        the question gives the title without saying how it was obtained; empty when a rule
        awards it from no year, and when it attests one year for certain."""
        rules = self.awards_of.get(title, ())
        if not rules or title in self.attests or any(not r.from_ or any(self.is_title(s) for s in r.from_) for r in rules):
            return []
        return sorted({(MODE_OF[r.from_mode], y) for r in rules for y in r.from_})

    @cached_property
    def named_by(self) -> dict[str, frozenset[str]]:
        """The rules that name each title (as a ``from`` state or in a ``holds`` condition)."""
        out: dict[str, set[str]] = {}
        for r in self.rules.values():
            names = {s for s in r.from_ if self.is_title(s)}
            names |= r.conditions.titles_named() if r.conditions is not None else set()
            for t in names:
                out.setdefault(t, set()).add(r.id)
        return {t: frozenset(ids) for t, ids in out.items()}


class RouteView(nx.DiGraph):
    """The route view (a NetworkX ``DiGraph``) and its :attr:`index`."""

    index: RouteIndex

    def __init__(self, incoming_graph_data=None, **attr):
        super().__init__(incoming_graph_data, **attr)
        self.index = RouteIndex()

    def add_transition(self, t: Transition) -> None:
        if self.has_edge(t.source, t.target):
            self.edges[t.source, t.target]["transitions"] += (t,)
        else:
            self.add_edge(t.source, t.target, transitions=(t,))

    def state(self, name: str) -> State:
        """The node of a year (completed), a title or an option id; ``START``."""
        if name == "START":
            return START
        info = self.index.states.get(name)
        if info is not None:
            return State.title(name) if info["kind"] == "title" else State.year(name, Mode.PASSED)
        if name in self.index.options:
            return State.option(name)
        raise KeyError(name)

    @cached_property
    def entries(self) -> tuple[Transition, ...]:
        """The transitions open to any pupil (rules that ask for no prior state)."""
        return tuple(t for _, _, d in self.out_edges(START, data=True) for t in d["transitions"])


def _query(name: str) -> str:
    """The text of a query of ``queries/`` (imported here: a view read back needs none)."""
    from ..queries import load_query
    return load_query(name).text


def _basis(store: Store, index: RouteIndex) -> dict[str, list[Provision]]:
    out: dict[str, list[Provision]] = {}
    for row in store.select(_query("rule-basis")):
        index.acts.setdefault(row["key"], Act(row["key"], row["actType"], str(row["actDate"]), row["act"], row["actLabel"]))
        p = Provision(row["key"], row.get("article"), row.get("paragraph"), row.get("alinea"), row.get("point"))
        if p not in out.setdefault(row["rule"], []):
            out[row["rule"]].append(p)
    return out


def _true(value) -> bool:
    return value is True or value == "true"


def _rule(row: dict, basis: list[Provision], years: set[str]) -> Rule:
    conditions = condition_from_data(json.loads(row["conditionData"])) if row.get("conditionData") else None
    validity = Validity(row.get("validFrom"), row.get("validUntil")) if row.get("validFrom") or row.get("validUntil") else None
    from_ = tuple(sorted(local_id(f) for f in (row.get("fromStates") or "").split()))
    return Rule(row["id"], row["document"], RuleKind(row["kind"]), from_, local_id(row["to"]) if row.get("to") else None,
                tuple(sorted((row.get("regimes") or "").split())), conditions, tuple(basis),
                Source(row["document"], row["firstLine"], row["lastLine"], row["quote"]), validity,
                FromMode(row["fromMode"]), AccessClass(row["accessClass"]) if row.get("accessClass") else None,
                tuple(sorted(local_id(y) for y in (row.get("appliesTo") or "").split())),
                Effect(row["effect"]) if row.get("effect") else None, row.get("basisMissing"), None,
                row.get("jurisdiction") or "BE-FWB", None, row.get("system") or "enseignement-secondaire",
                _true(row.get("crosses")), Modality(row.get("modality") or "stated"), row.get("hedge"),
                Speaker(row.get("speaker") or "author"), Funder(row["funder"]) if row.get("funder") else None)


def build_view(store: Store) -> RouteView:
    """The route view of the graph behind ``store`` (embedded or remote)."""
    g = RouteView()
    index = g.index
    for s in store.select(_query("states")):
        alts = sorted(a for a in (s.get("altLabels") or "").split("|") if a)
        info = {"id": s["id"], "label": s["label"], "kind": s["kind"], "abbreviation": s.get("abbreviation"),
                "alt_labels": alts, "iri": s["state"], "jurisdiction": s.get("jurisdiction"),
                "systems": tuple(sorted((s.get("systems") or "").split()))}
        if s["kind"] == "title":
            info.update(part_of=s.get("partOf"), has_part=s.get("hasPart"), instance_of=s.get("instanceOf"))
            index.states[s["id"]] = info
            g.add_node(State.title(s["id"]), **info)
            continue
        duration = s.get("duration")
        info.update(duration=duration if isinstance(duration, int) else None,
                    grade=s.get("grade") if isinstance(s.get("grade"), int) else None, form=s.get("form"),
                    regimes=tuple(sorted((s.get("regimes") or "").split())), repeatable=_true(s.get("repeatable")),
                    length=Duration(s.get("lengthMin"), s.get("lengthMax"), s["lengthUnit"], _true(s.get("lengthTypical")),
                                    _true(s.get("lengthVaries"))) if s.get("lengthUnit") else None)
        index.states[s["id"]] = info
        for mode in Mode:
            g.add_node(State.year(s["id"], mode), **info)
        for mode in (Mode.PASSED, Mode.ATTENDED, Mode.FAILED):
            g.add_transition(Transition(StepKind.STUDY, State.year(s["id"], Mode.ENROLLED), State.year(s["id"], mode),
                                        years=info["duration"]))
    g.add_node(START, id="START", label="tout élève (aucun titre requis)", kind="start")
    years = {i for i, v in index.states.items() if v["kind"] == "year"}
    basis = _basis(store, index)
    for row in store.select(_query("rules")):
        index.rules[row["id"]] = _rule(row, basis.get(row["rule"], []), years)
    for rule in index.rules.values():
        if rule.kind is RuleKind.OPTION_ACCESS and rule.access_class:
            index.class_rules[rule.access_class.value] = rule
        elif rule.kind is RuleKind.EFFECT:
            for t in rule.from_:
                index.effects[t] = rule
        elif rule.kind is RuleKind.DENIAL:
            for t in rule.from_:
                index.denials.setdefault(t, []).append(rule)
        elif rule.kind is RuleKind.FUNDING and rule.to:
            index.funding.setdefault(rule.to, []).append(rule)
    _add_standing(index, store)
    for row in store.select(_query("attestations")):
        index.attests[local_id(row["title"])] = local_id(row["year"])
    _add_options(g, store)
    for rule in index.rules.values():
        bound = rule.conditions.bind(index) if rule.conditions is not None else None
        if rule.kind in _STEP_OF and rule.to:
            kind = _STEP_OF[rule.kind]
            target = State.title(rule.to) if rule.kind in _TO_TITLE else State.year(rule.to, Mode.ENROLLED)
            sources = [State.title(f) if index.is_title(f) else State.year(f, MODE_OF[rule.from_mode])
                       for f in rule.from_] or [START]
            for src in sources:
                if src in g and target in g:
                    g.add_transition(Transition(kind, src, target, rule, bound))
        elif rule.kind is RuleKind.OPTION_ACCESS:
            requirement = index.class_requirement(rule.access_class.value).bind(index)
            for o in index.options.values():
                if o.access == rule.access_class.value and o.year in rule.applies_to:
                    g.add_transition(Transition(StepKind.OPTION_ACCESS, State.year(o.year, Mode.ENROLLED),
                                                State.option(o.code), rule, requirement))
    for title, year in index.attests.items():
        rule = next(r for r in index.awards_of[title])
        g.add_transition(Transition(StepKind.ATTESTS, State.title(title), State.year(year, Mode.PASSED), rule, None))
    return g


def _add_standing(index: RouteIndex, store: Store) -> None:
    """Each document's standing, and the conflicts between documents with every side."""
    for row in store.select(_query("source-standing")):
        index.sources[row["document"]] = Standing(row["document"], row["kind"], row["kindLabel"], row["accordingTo"],
                                                  str(row["date"]) if row.get("date") else None)
    sides: dict[str, dict] = {}
    for row in store.select(_query("conflicts")):
        c = sides.setdefault(row["id"], {"title": row["title"], "overlap": row["overlap"], "summary": row["summary"], "sides": {}})
        key = (row["document"], row["firstLine"], row["lastLine"], row["says"])
        side = c["sides"].setdefault(key, {"document": row["document"], "lines": [row["firstLine"], row["lastLine"]],
                                           "quote": row["quote"], "says": row["says"], "concerns": []})
        if row.get("concerns") and row["concerns"] not in side["concerns"]:
            side["concerns"].append(row["concerns"])
    for row in store.select(_query("title-roles")):
        index.roles.setdefault(row["id"], []).append(
            {"role": row["role"], "body": row["body"], "reason": row.get("reason"),
             "source": {"document": row["document"], "line": row["line"]} if row.get("document") else None})
    for cid, c in sorted(sides.items()):
        index.conflicts.append(Disagreement(cid, c["title"], c["overlap"], c["summary"],
                                            tuple(c["sides"][k] for k in sorted(c["sides"]))))


def _add_options(g: RouteView, store: Store) -> None:
    """7th-year options (their year: 7P for form P, 7TQ for TQ)."""
    for opt in store.select(_query("options-by-access")):
        year = "7P" if opt["form"] == "P" else "7TQ"
        info = OptionInfo(opt["code"], opt["label"], opt["access"], int(opt["sector"]), opt["list"], opt["form"], year,
                          opt["line"], opt.get("validFrom"), opt.get("validUntil"), opt["option"])
        g.index.options[info.code] = info
        g.add_node(State.option(info.code), id=info.code, label=info.label, kind="option", access=info.access,
                   sector=info.sector, list=info.list, form=info.form, iri=info.iri, line=info.line, year=year,
                   valid_from=info.valid_from, valid_until=info.valid_until)
