"""Route searches on the view: the k shortest routes by school years, all simple routes
under a bound, and — when there is none — what blocks them.

The pupil's situation prunes the steps whose conditions fail (age, contract, regime,
sector, school year); conditions that cannot be settled (external, decisions of a body,
unknown) keep the step and stay visible on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

import networkx as nx

from ..errors import InputError, NoAnswer
from ..pathways.conditions import Situation, evaluate, key_of, unsettled
from .names import Resolved
from .view import START

_SRC, _SNK = "__source__", "__target__"
#: ``--all`` lists at most this many routes (and says so rather than cutting silently).
MAX_ROUTES = 2000
#: A step with no years still costs a little: among routes of equal length, fewer steps first.
_STEP_COST = 0.001


@dataclass
class Step:
    source: str
    target: str
    rule: dict
    also: list[dict] = field(default_factory=list)
    conditions: list[dict] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.rule["kind"]

    @property
    def years(self) -> int | None:
        return self.rule["years"] if self.kind == "study" else 0


@dataclass
class Route:
    steps: list[Step]

    @property
    def years(self) -> int | None:
        """School years of study; ``None`` when a year's duration is not given by the text."""
        values = [s.years for s in self.steps]
        return None if any(v is None for v in values) else sum(values)

    @property
    def years_at_least(self) -> int:
        return sum(s.years or 0 for s in self.steps)

    @property
    def nodes(self) -> list[str]:
        return [self.steps[0].source] + [s.target for s in self.steps] if self.steps else []


def exclusions(rule: dict, s: Situation) -> list[str]:
    """Why the situation rules a rule out (empty: the rule may serve). One function for the
    pruning and for the message that says what blocks a route."""
    out = []
    if s.regime and rule["kind"] not in ("study", "attests") and rule["regime"] and s.regime not in rule["regime"]:
        out.append(f"regime {'/'.join(rule['regime'])}, not {s.regime}")
    v = rule.get("validity") or {}
    if s.year and ((v.get("from") and s.year < v["from"]) or (v.get("until") and s.year > v["until"])):
        out.append(f"valid {v.get('from')}–{v.get('until')}, not {s.year}")
    if evaluate(rule["conditions"], s) is False:
        out += _failing_leaves(rule["conditions"], s) or ["its conditions"]
    return out


def keep_rule(rule: dict, s: Situation) -> bool:
    """Whether a rule may serve for this situation (its conditions do not fail)."""
    return not exclusions(rule, s)


def option_excluded(data: dict, s: Situation) -> str | None:
    """Why the situation rules out a 7th-year option node (sector, school year), if it does."""
    if data.get("kind") != "option":
        return None
    if s.sector is not None and data.get("sector") != s.sector:
        return f"option {data['id']} is in sector {data.get('sector')}, not {s.sector}"
    if s.year and ((data.get("valid_until") and s.year > data["valid_until"])
                   or (data.get("valid_from") and s.year < data["valid_from"])):
        return (f"option {data['id']} may be organised {data.get('valid_from') or '…'}–{data.get('valid_until') or '…'}"
                f" only (l. {data.get('line')}), not in {s.year}")
    return None


def filtered(view: nx.DiGraph, s: Situation) -> nx.DiGraph:
    """The view without the rules (and steps) the situation rules out."""
    h = nx.DiGraph()
    h.add_nodes_from(view.nodes(data=True))
    for u, v, data in view.edges(data=True):
        if option_excluded(view.nodes[v], s):
            continue
        rules = [r for r in data["rules"] if keep_rule(r, s)]
        if rules:
            years = min((r["years"] if r["kind"] == "study" else 0) if r["years"] is not None else 1 for r in rules)
            h.add_edge(u, v, rules=rules, w=years + _STEP_COST)
    return h


def _search_graph(h: nx.DiGraph, source: Resolved, target: Resolved, from_start: bool = False) -> nx.DiGraph:
    g = h.copy()
    g.add_edge(_SRC, source.start, w=0.0)
    if from_start and source.start != START and START in g:
        g.add_edge(_SRC, START, w=0.0)  # rules that ask for nothing apply to anyone
    for node in target.nodes:
        g.add_edge(node, _SNK, w=0.0)
    return g


def _route(h: nx.DiGraph, path: list[str], s: Situation) -> Route:
    nodes = [n for n in path if n not in (_SRC, _SNK)]
    held = set(s.holds)
    steps = []
    for u, v in zip(nodes, nodes[1:]):
        if u.startswith("title:"):
            held.add(u[6:])
        elif u.startswith("done:"):
            held.add("year:" + u[5:])
        rules = sorted(h.edges[u, v]["rules"], key=lambda r: (len(unsettled(r["conditions"], s, frozenset(held))), r["id"]))
        primary = rules[0]
        steps.append(Step(u, v, primary, rules[1:], unsettled(primary["conditions"], s, frozenset(held))))
    return Route(steps)


def find_routes(view: nx.DiGraph, source: Resolved, target: Resolved, situation: Situation | None = None,
                k: int = 3, max_years: int | None = None, all_routes: bool = False,
                max_steps: int = 16) -> list[Route]:
    """Routes from ``source`` to ``target``.

    Parameters
    ----------
    view : networkx.DiGraph
        The route view (:func:`passerelles.routes.view.build_view`).
    source, target : Resolved
        What the pupil holds (or completed) and the goal (:func:`passerelles.routes.names.resolve`).
    situation : Situation, optional
        Filters: age, adult, contracts, titles held, regime, sector, school year.
    k : int
        How many of the shortest routes (by school years, then steps).
    max_years : int, optional
        With ``all_routes``: keep the routes of at most this many school years.
    all_routes : bool
        Every simple route (of at most ``max_steps`` steps) instead of the k shortest.

    Returns
    -------
    list of Route
        Shortest first. Raises :class:`~passerelles.errors.NoAnswer` with what blocks the
        route when there is none, :class:`~passerelles.errors.InputError` when ``source``
        cannot start a route (an option, ``7e``).

    Examples
    --------
    >>> from passerelles.api import Passerelles
    >>> from passerelles.routes.view import build_view
    >>> from passerelles.routes.names import resolve
    >>> view = build_view(Passerelles().store)
    >>> [r] = find_routes(view, resolve(view, "4P"), resolve(view, "CE6P"), k=1)
    >>> r.years, [s.target for s in r.steps]
    (2, ['in:5P', 'done:5P', 'in:6P', 'done:6P', 'title:CE6P'])
    """
    s = situation or Situation()
    if source.start is None:
        raise InputError(f"{source.id} is a goal, not a starting point (name a title or a completed year)")
    h = filtered(view, s)
    # Rules that ask for no prior state (START) serve only when nothing the pupil holds leads
    # to the goal: they would otherwise add a detour back to the 3rd year to every answer.
    g = _search_graph(h, source, target)
    if target.nodes and not nx.has_path(g, _SRC, _SNK):
        g = _search_graph(h, source, target, from_start=True)
    if not target.nodes or not nx.has_path(g, _SRC, _SNK):
        raise NoAnswer(why_no_route(view, h, source, target, s))
    if all_routes:
        paths = list(islice(nx.all_simple_paths(g, _SRC, _SNK, cutoff=max_steps + 2), MAX_ROUTES + 1))
        if len(paths) > MAX_ROUTES:
            raise NoAnswer(f"more than {MAX_ROUTES} routes from {source.id} to {target.id}: "
                           "narrow the question (--max-years, filters) or ask for the k shortest")
        routes = [_route(h, p, s) for p in paths]
        if max_years is not None:
            routes = [r for r in routes if r.years_at_least <= max_years]
        if not routes:
            raise NoAnswer(f"no route from {source.id} to {target.id} within {max_years} school year(s)")
        routes.sort(key=lambda r: (r.years_at_least, r.years is None, len(r.steps), [st.target for st in r.steps]))
        return routes
    routes = []
    for path in nx.shortest_simple_paths(g, _SRC, _SNK, weight="w"):
        routes.append(_route(h, path, s))
        if len(routes) >= k:
            break
    return routes


def why_no_route(view: nx.DiGraph, h: nx.DiGraph, source: Resolved, target: Resolved, s: Situation) -> str:
    """One sentence: which condition, or which missing rule, blocks every route."""
    full = _search_graph(filtered(view, Situation()), source, target, from_start=True)
    head = f"no route from {source.id} to {target.id}"
    if not target.nodes:
        return f"{head}: no option or year matches {target.id}"
    if not nx.has_path(full, _SRC, _SNK):
        into = sorted({r["id"] for n in target.nodes for _, _, d in view.in_edges(n, data=True) for r in d["rules"]})
        shown = ", ".join(into[:6]) + (" …" if len(into) > 6 else "")
        return f"{head}: no rule of the corpus leads there from {source.id}" + (
            f" (the rules leading to {target.id}: {shown})" if into else "")
    path = nx.shortest_path(full, _SRC, _SNK, weight="w")
    for u, v in zip(path, path[1:]):
        if u in (_SRC,) or v in (_SNK,) or h.has_edge(u, v):
            continue
        excluded = option_excluded(view.nodes[v], s)
        if excluded:
            return f"{head}: {excluded}"
        reasons = []
        for rule in view.edges[u, v]["rules"]:
            reasons.append(f"{rule['id']} ({'; '.join(exclusions(rule, s))})")
        return f"{head}: the step {u} → {v} is ruled out by the situation given: " + ", ".join(reasons)
    return head


def _failing_leaves(cond: dict | None, s: Situation) -> list[str]:
    """The conditions that fail for the situation, in French (at most four)."""
    from .explain import describe_condition
    out: list[str] = []

    def walk(c):
        if c is None or evaluate(c, s) is not False:
            return
        key = key_of(c)
        if key in ("all_of", "any_of"):
            for sub in c[key]:
                walk(sub)
            return
        out.append(describe_condition(c))
    walk(cond)
    return out[:4]
