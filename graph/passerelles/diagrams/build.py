"""Figures from answers: the routes of a question, the map of every route towards a goal,
and the citations of the circular's divisions.

Study years are drawn once: the states of a year in the route view (``in:5P`` admitted,
``done:5P`` completed, ``attended:5P`` …) become one node ``year:5P``, whose note gives
its duration; the study step disappears into the admission arrow, which says how many
school years it adds. Titles, options and ``START`` keep their view keys.

>>> from passerelles.routes.states import Mode, State
>>> figure_id(State.year("5P", Mode.PASSED)), figure_id(State.year("5P", Mode.ENROLLED)), figure_id(State.title("CESS"))
('year:5P', 'year:5P', 'title:CESS')
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import networkx as nx

from ..routes.explain import basis_of, cite_short, route_duration
from ..routes.find import filtered
from ..routes.names import Resolved
from ..routes.service import Answer
from ..routes.states import START, Mode, State, StateKind, Transition
from ..rules.record import Record, Scope
from ..rules.vocab import CONTRACT_LABELS, SYSTEM_LABELS, System
from .model import SOURCE, Cluster, Edge, Figure, Footnotes, Node, natural_key

#: The circular's system: its years go in the boxes of their degree; the other systems' in a box each.
SECONDARY = "enseignement-secondaire"

#: A source state other than "completed" qualifies the step.
_LEAVING = {"attended": "après fréquentation", "failed": "après échec", "in": "en cours d'année"}
_KIND_WORD = {"admission": "admission", "reinsertion": "réinsertion", "passage-specialise": "passage",
              "option-access": "accès à l'option", "award": "délivrance", "attests": "atteste",
              "equivalence": "équivalence"}
#: Degree clusters: label and left-to-right order. ``None``: years without a degree.
DEGREES = {None: ("Enseignement spécialisé et formations particulières", 0), "D1": ("1er degré", 1),
           "D2": ("2e degré", 2), "D3": ("3e degré", 3), "7": ("7e année", 4)}
_MAX_BASIS = 2

_DEGREE_QUERY = """
PREFIX psl: <https://w3id.org/passerelles/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?id ?degree WHERE {
  ?year a psl:StudyYear ; skos:notation ?id .
  OPTIONAL { ?year psl:degree ?degree }
}
"""


def figure_id(state: State) -> str:
    """The figure node of a route-view node (the states of a year become the year)."""
    return f"year:{state.id}" if state.kind is StateKind.YEAR else state.key


def year_degrees(store) -> dict[str, str | None]:
    """Each study year's degree (``D1``, ``D2``, ``D3``, ``7``; ``None`` when it has none)."""
    return {row["id"]: (str(row["degree"]) if row.get("degree") is not None else None)
            for row in store.select(_DEGREE_QUERY)}


# -- nodes -------------------------------------------------------------------------------


class _Groups:
    """Where each node goes: years in the cluster of their degree, titles in that of the
    years that award them (when there is one), options in the 7th year; and which steps
    go back to an earlier degree."""

    def __init__(self, view: nx.DiGraph, degrees: dict[str, str | None]):
        self.degrees = degrees
        self.index = getattr(view, "index", None)
        self.title_degree: dict = {}
        awarded: dict[str, set] = {}
        leads: dict[str, set] = {}
        for u, v, data in view.edges(data=True):
            if v.kind is StateKind.TITLE and u.kind is StateKind.YEAR and any(
                    t.kind == "award" for t in data["transitions"]):
                self.title_degree.setdefault(v.key, set()).add(degrees.get(u.id))
                if self._level(figure_id(u)) is not None:
                    awarded.setdefault(v.key, set()).add(self._level(figure_id(u)))
            if u.kind is StateKind.TITLE and self._level(figure_id(v)) is not None:
                leads.setdefault(u.key, set()).add(self._level(figure_id(v)))
        # A title goes in the box of the year it closes; awarded in several degrees, in the
        # last one's (the CESS after the 6TQ and after the 7P: the 7th year's).
        self.title_degree = {t: max(d, key=_degree_rank) for t, d in self.title_degree.items()}
        self._after = {t: min(d) for t, d in awarded.items()}
        self._before = {t: max(d) for t, d in leads.items()}

    def of(self, fid: str) -> str | None:
        kind, _, rest = fid.partition(":")
        if kind == "year":
            other = self.system_of(rest)
            return f"system:{other}" if other else _degree_cluster(self.degrees.get(rest))
        if kind == "title":
            return _degree_cluster(self.title_degree[fid]) if fid in self.title_degree else None
        if kind == "option":
            return _degree_cluster("7")
        return None

    def system_of(self, year: str) -> str | None:
        """The system of a year of another system than the circular's (``None`` for the circular's)."""
        systems = self.index.systems(year) if self.index is not None else ()
        return systems[0] if systems and SECONDARY not in systems else None

    def _level(self, fid: str) -> int | None:
        """The place of a year's (or option's) degree from left to right; None without one."""
        kind, _, rest = fid.partition(":")
        if kind == "year":
            degree = self.degrees.get(rest)
            return DEGREES[degree][1] if degree in DEGREES and degree is not None else None
        return DEGREES["7"][1] if kind == "option" else None

    def goes_back(self, source: str, target: str) -> bool:
        """Whether a step returns to an earlier degree. A title counts as the first degree
        that awards it when it is left, and as the last degree it leads to when it is
        reached: 3P → attestation of reinsertion → 5P goes forward, 7TQ → attestation goes back.
        """
        before = self._after.get(source) if source.startswith("title:") else self._level(source)
        after = self._before.get(target) if target.startswith("title:") else self._level(target)
        return None not in (before, after) and after < before

    def clusters(self, nodes: list[Node]) -> list[Cluster]:
        used = {n.group for n in nodes if n.group}
        out = [Cluster(_degree_cluster(d), label, order, "autres formations" if d is None else label)
               for d, (label, order) in DEGREES.items() if _degree_cluster(d) in used]
        for i, s in enumerate(System):
            if f"system:{s.value}" in used:
                label = SYSTEM_LABELS[s]
                out.append(Cluster(f"system:{s.value}", label[:1].upper() + label[1:], 10 + i, s.value))
        return out


def place_titles(nodes: list[Node], edges: list[Edge]) -> list[Node]:
    """Each title in a box: that of the years whose awards are drawn to it (most arrows; on a
    tie, the later degree), the year it closes in this figure. A title the figure only starts
    from (no award of it drawn: the circular's rules do not say who awards the CE1D, the CE2D,
    the CESI …) goes in the box of the first degree it opens, rather than float outside every
    box; a title with neither keeps its place.

    >>> nodes = [Node("year:4P", "year", "4P", group="degree:D2"), Node("year:5P", "year", "5P", group="degree:D3"),
    ...          Node("year:6P", "year", "6P", group="degree:D3"), Node("title:X", "title", "X", group="degree:D3"),
    ...          Node("title:Y", "title", "Y")]
    >>> edges = [Edge("year:4P", "title:X", "award"), Edge("year:5P", "title:X", "admission"),
    ...          Edge("title:Y", "year:6P", "admission"), Edge("title:Y", "year:4P", "admission")]
    >>> [(n.id, n.group) for n in place_titles(nodes, edges)][-2:]
    [('title:X', 'degree:D2'), ('title:Y', 'degree:D2')]
    """
    group = {n.id: n.group for n in nodes}
    rank = {_degree_cluster(d): order for d, (_, order) in DEGREES.items()}
    out = []
    for node in nodes:
        if node.kind == "title":
            awards: dict[str, int] = {}
            opens: set[str] = set()
            for e in edges:
                if e.target == node.id and e.kind == "award" and group.get(e.source):
                    awards[group[e.source]] = awards.get(group[e.source], 0) + 1
                if e.source == node.id and group.get(e.target):
                    opens.add(group[e.target])
            if awards:
                node = replace(node, group=max(awards, key=lambda g: (awards[g], rank.get(g, -1))))
            elif opens:
                node = replace(node, group=min(opens, key=lambda g: (rank.get(g, 99), g)))
        out.append(node)
    return out


def _degree_rank(degree: str | None) -> int:
    return DEGREES[degree][1] if degree in DEGREES else -1


def _degree_cluster(degree: str | None) -> str:
    return f"degree:{degree or 'autres'}"


def _duration(view: nx.DiGraph, year: str) -> int | None:
    edge = view.get_edge_data(State.year(year, Mode.ENROLLED), State.year(year, Mode.PASSED))
    return edge["transitions"][0].years if edge else None


def _length(view: nx.DiGraph, year: str):
    """A length in years or months (the other systems' formations), or ``None``."""
    index = getattr(view, "index", None)
    return index.states.get(year, {}).get("length") if index is not None else None


def years_text(years: int | None, short: bool = False) -> str:
    """``1 année scolaire`` / ``+1 an``; the text gives no duration: ``durée non précisée``.

    >>> years_text(1), years_text(2, short=True), years_text(None, short=True)
    ('1 année scolaire', '+2 ans', '+? an')
    """
    if short:
        return "+? an" if years is None else f"+{years} an{'s' if years > 1 else ''}"
    if years is None:
        return "durée non précisée"
    return f"{years} année{'s' if years > 1 else ''} scolaire{'s' if years > 1 else ''}"


def _node(view: nx.DiGraph, fid: str, groups: _Groups, emphasis: bool = False) -> Node:
    kind, _, rest = fid.partition(":")
    group = groups.of(fid)
    if fid == START.key:
        return Node(fid, "start", "Tout élève", "aucun titre requis", emphasis=emphasis, order=(0,))
    if kind == "year":
        data = view.nodes[State.year(rest, Mode.PASSED)]
        length = _length(view, rest)
        note = length.words() if length is not None and _duration(view, rest) is None else years_text(_duration(view, rest))
        return Node(fid, "year", rest, data["label"], note, group, emphasis, (1,) + natural_key(rest))
    data = view.nodes[State.title(rest) if kind == "title" else State.option(rest)]
    if kind == "title":
        return Node(fid, "title", data.get("abbreviation") or rest, data["label"], "", group, emphasis,
                    (2,) + natural_key(rest))
    note = f"secteur {data['sector']} · accès {data['access']} · {data['year']}"
    return Node(fid, "option", rest, data["label"], note, group, emphasis, (3,) + natural_key(rest))


# -- edges -------------------------------------------------------------------------------


@dataclass
class _Arrow:
    """What the steps drawn as one arrow have in common: their rules' bases, routes, notes."""

    words: list[tuple[str, str | None, str]] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)
    routes: list[int] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)

    def add(self, t: Transition, index, word: tuple[str, str | None, str] | None = None,
            route: int | None = None, notes: list[int] = ()) -> None:
        _append(self.words, [word] if word else [])
        _append(self.basis, basis_texts(t, index))
        _append(self.routes, [route] if route is not None else [])
        _append(self.notes, notes)

    def edge(self, key: tuple[str, str, str], with_routes: bool, notes: Footnotes) -> Edge:
        """An arrow labelled with its words, routes and first bases; conditions, and the bases
        beyond the first two, as footnote calls (nothing cut: "+ 2 autre(s)" said which?)."""
        first = arrow_words(self.words)
        routes = [f"parcours {', '.join(map(str, self.routes))}"] if with_routes and self.routes else []
        rest = self.basis[_MAX_BASIS:]
        calls = self.notes + ([notes.number("autres bases légales : " + " ; ".join(rest))] if rest else [])
        return Edge(*key, label=tuple(x for x in [first, *self.basis[:_MAX_BASIS], *routes] if x),
                    notes=tuple(sorted(calls)))

    def basis_edge(self, key: tuple[str, str, str], notes: Footnotes) -> Edge:
        """An arrow whose only label is the calls of its bases, numbered as footnotes."""
        return Edge(*key, notes=tuple(sorted({notes.number(b) for b in self.basis})))


def arrow_words(words: list[tuple[str, str | None, str]]) -> str:
    """The words of an arrow that stands for several steps: each kind once, the states it
    is left from joined ("admission (après fréquentation ou réussite) · +1 an", never
    "admission / admission").

    >>> arrow_words([("admission", "après fréquentation", "+1 an"), ("admission", None, "+1 an")])
    'admission (après fréquentation ou réussite) · +1 an'
    >>> arrow_words([("délivrance", None, "")])
    'délivrance'
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for word, leaving, years in words:
        _append(groups.setdefault((word, years), []), [leaving or "après réussite"])
    out = []
    for (word, years), leavings in groups.items():
        if leavings != ["après réussite"]:
            rest = [x.removeprefix("après ") if all(y.startswith("après ") for y in leavings) else x
                    for x in leavings[1:]]
            word += f" ({' ou '.join([leavings[0], *rest])})"
        out.append(word + (f" · {years}" if years else ""))
    return " / ".join(out)


def _append(seen: list, items) -> None:
    for item in items:
        if item not in seen:
            seen.append(item)


def basis_texts(t: Transition, index) -> list[str]:
    """The short citations of a transition's rule; without any, its line in the circular."""
    out = []
    for b in basis_of(t, index):
        try:
            out.append(cite_short(b))
        except (KeyError, ValueError, AttributeError):
            out.append(b["act"].get("label") or b["act"].get("iri", "?"))
    if not out and t.rule is not None:
        doc = t.rule.source.document
        standing = index.sources.get(doc) if doc != "circulaire-7282" else None
        name = standing.according_to if standing is not None else "circ. 7282"
        out.append(f"{name}, l. {t.rule.source.first} (aucune disposition citée)")
    return out


def _word(kind: str, source_state: State, years: str = "") -> tuple[str, str | None, str]:
    """A step's words: its kind, the state it leaves when not a success, the years it adds."""
    leaving = _LEAVING.get(source_state.mode.value) if source_state.kind is StateKind.YEAR else None
    return _KIND_WORD.get(kind, kind), leaving, years


# -- figures -----------------------------------------------------------------------------


def route_figure(answer: Answer, degrees: dict[str, str | None]) -> Figure:
    """The routes of an answer as one figure; the conditions left open become footnotes."""
    view, notes, arrows = answer.view, Footnotes(), {}
    groups = _Groups(view, degrees)
    for number, route in enumerate(answer.routes, 1):
        steps = route.steps
        for i, step in enumerate(steps):
            if step.kind == "study":
                continue
            key = (figure_id(step.source), figure_id(step.target), step.kind)
            following = steps[i + 1] if i + 1 < len(steps) else None
            years = (_step_years(view, following) if following is not None and following.kind == "study"
                     and following.source == step.target else "")
            word = _word(step.kind, step.source, years)
            numbers = [notes.number(c.describe()) for c in step.conditions]
            arrows.setdefault(key, _Arrow()).add(step.transition, view.index, word, number, numbers)
    ends = {figure_id(r.nodes[-1]) for r in answer.routes}   # emphasis on the goal only
    ids = sorted({k[0] for k in arrows} | {k[1] for k in arrows})
    many = len(answer.routes) > 1
    edges = [arrow.edge(key, many, notes) for key, arrow in arrows.items()]
    nodes = place_titles([_node(view, fid, groups, fid in ends) for fid in ids], edges)
    caption = [f"Parcours {i} ({_route_years(r, view.index)}) : " + " → ".join(_public(figure_id(n)) for n in _drawn(r))
               for i, r in enumerate(answer.routes, 1)]
    if answer.source.start != START and all(r.nodes[0] == START for r in answer.routes):
        caption.append(f"Aucune règle ne part de {answer.source.id} : ces parcours sont ouverts à tout élève.")
    situation = describe_situation(answer.record, answer.source.id)
    count = len(answer.routes)
    subtitle = (f"{count} parcours, du plus court au plus long" if count > 1 else "1 parcours") + (
        f" — {situation}" if situation else "")
    return Figure(f"De {answer.source.id} à {answer.target.id} : {answer.target.label}", subtitle, nodes, edges,
                  groups.clusters(nodes), notes.items(), caption, source=figure_source(answer),
                  notes_title="Conditions encore à remplir")


def _step_years(view, study) -> str:
    """The length an admission arrow adds: school years, or the other systems' years or months."""
    length = _length(view, study.target.id)
    if study.years is None and length is not None:
        return f"+{length.short()}"
    if study.years is None and SECONDARY not in view.index.systems(study.target.id):
        return "+?"          # no length given, and not a school year
    return years_text(study.years, short=True)


def figure_source(answer: Answer) -> str:
    """The source line: the circular's alone when only its rules are drawn; otherwise every
    document used, with its standing (« Infor Jeunes Laeken (service d'information, non daté) »)."""
    docs = sorted({s.rule.source.document for r in answer.routes for s in r.steps if s.rule is not None})
    if docs in ([], ["circulaire-7282"]):
        return SOURCE
    index = answer.view.index
    parts = [SOURCE.removeprefix("Source : ").split(" ; figure")[0] if d == "circulaire-7282" else
             index.sources[d].according(None).removeprefix("selon ") if d in index.sources else d for d in docs]
    return "Sources : " + " ; ".join(parts) + " ; figure : Passerelles"


def _drawn(route) -> list[str]:
    out = []
    for n in route.nodes:
        if not out or figure_id(out[-1]) != figure_id(n):
            out.append(n)
    return out


def _public(fid: str) -> str:
    return "tout élève" if fid == START.key else fid.partition(":")[2]


def _route_years(route, index=None) -> str:
    if route.years is None and not route.years_at_least and index is not None:
        return route_duration(route, index) or "durée non précisée"
    if route.years is None:
        return f"au moins {years_text(route.years_at_least)}"
    return years_text(route.years) if route.years else "sans année d'études"


def describe_situation(s: Record, source_id: str | None = None) -> str:
    """The filters of a question in French (empty when none was given).

    >>> describe_situation(Record(age=17, contracts=frozenset({"contrat-alternance"}), scope=Scope(sector=7)))
    "17 ans, avoir conclu : contrat d'alternance, secteur 7"
    """
    parts = []
    if s.age is not None:
        parts.append(f"{s.age:g} ans")
    if s.adult is not None:
        parts.append("majeur" if s.adult else "mineur")
    parts += [f"avoir conclu : {CONTRACT_LABELS.get(c, c)}" for c in sorted(s.contracts)]
    held = sorted(h.title for h in s.titles if h.title != source_id)
    if held:
        parts.append("titulaire de " + ", ".join(held))
    if s.scope.regime:
        parts.append(f"régime {s.scope.regime}")
    if s.scope.sector is not None:
        parts.append(f"secteur {s.scope.sector}")
    if s.scope.school_year:
        parts.append(f"année scolaire {s.scope.school_year}")
    return ", ".join(parts)


def map_figure(view: nx.DiGraph, goal: Resolved, situation: Record, degrees: dict[str, str | None]) -> Figure:
    """Every title and year from which ``goal`` can be reached, with the steps between them, in
    one system: the circular's when the goal is one of its states, else the goal's.

    For readability, steps back to an earlier degree (e.g. an attestation of reinsertion
    after the 7TQ) are left out, with the states that reach the goal only through them;
    so are the steps that lead further from the goal than where they start (each state
    keeps its shortest ways and the alternatives of equal length). For ``7e``, the options
    of the 7th years are drawn when a sector is given (all of them would be too many to
    read).
    """
    h = filtered(view, situation)
    # the map of one system: the circular's when the goal is one of its states (the CESS is
    # also promotion sociale's, whose routes `diagram route` draws), else the goal's own
    index = view.index
    drawn = {SECONDARY} if any(SECONDARY in index.systems(n.id) for n in goal.nodes) else \
        {s for n in goal.nodes for s in index.systems(n.id)}
    h = h.subgraph([n for n in h if n.kind in (StateKind.START, StateKind.OPTION) or set(index.systems(n.id)) & drawn])
    targets = [n for n in goal.nodes if n in h]
    if goal.id == "7e" and situation.scope.sector is not None:
        targets += sorted(v for t in targets for v in h.successors(t) if v.kind is StateKind.OPTION)
    keep = set(targets).union(*(nx.ancestors(h, t) for t in targets)) if targets else set()
    groups = _Groups(view, degrees)
    arrows: dict[tuple[str, str, str], _Arrow] = {}
    back = set()
    for u, v, data in h.subgraph(keep).edges(data=True):
        fu, fv = figure_id(u), figure_id(v)
        if groups.goes_back(fu, fv):
            back.add((fu, fv))
            continue
        for t in data["transitions"]:
            if t.kind != "study" and fu != fv:
                arrows.setdefault((fu, fv, t.kind.value), _Arrow()).add(t, view.index)
    goal_ids = {figure_id(t) for t in targets}
    away = _steps_to(arrows, goal_ids)
    forward = [key for key in sorted(arrows) if key[0] in away and away.get(key[1], len(away)) <= away[key[0]]]
    notes = Footnotes()
    edges = [arrows[key].basis_edge(key, notes) for key in forward]
    nodes = place_titles([_node(view, fid, groups, fid in goal_ids) for fid in sorted(away)], edges)
    left_out = len({(u, v) for u, v, _ in arrows} - {(u, v) for u, v, _ in forward}) + len(back)
    caption = [f"{len(nodes)} états, {len(edges)} passages ; {left_out} passages qui ramènent à un degré antérieur "
               "ou éloignent du but ne sont pas dessinés. Les conditions de chaque passage : "
               "« passerelles explain DE VERS »."]
    if goal.id == "7e" and situation.scope.sector is None:
        caption.append("Options de 7e année : préciser un secteur (--sector N) pour les dessiner.")
    situation_text = describe_situation(situation)
    subtitle = "Toutes les années et tous les titres d'où l'on peut y parvenir" + (
        f" — {situation_text}" if situation_text else "")
    return Figure(f"Tous les parcours vers {goal.id} : {goal.label}", subtitle, nodes, edges,
                  groups.clusters(nodes), notes.items(), caption, notes_title="Bases légales des passages")


def _steps_to(arrows, goals: set[str]) -> dict[str, int]:
    """How many arrows separate each node from the nearest goal (the nodes that reach one)."""
    if not goals:
        return {}
    g = nx.DiGraph((v, u) for u, v, _ in arrows)
    g.add_nodes_from(goals)
    return dict(nx.multi_source_dijkstra_path_length(g, goals, weight=lambda *_: 1))
