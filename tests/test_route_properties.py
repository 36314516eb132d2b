"""Properties of the route model that hold for any question, and of its data and code.

Hypothesis draws questions (FROM, TO, filters) from the corpus's states; each property is a
promise the README makes: every step is allowed by its rule for the record at that step,
adding a filter never adds a route, routes come sorted by school years then in a stable
order. The data round-trips through JSON and the graph; vocabularies match the ontology's
shapes; the route packages have no import cycle.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import Graph, Literal
from rdflib.collection import Collection

import passerelles
from passerelles.errors import NoAnswer
from passerelles.namespaces import PSL, RDF, SH
from passerelles.resources import bundled_dir
from passerelles.routes.find import find_routes
from passerelles.routes.names import resolve
from passerelles.routes.search import exclusions, full_conditions
from passerelles.routes.service import question_record, view_of
from passerelles.routes.states import START, Mode, State, StateKind
from passerelles.rules import REGISTRY, condition_from_data, load_rules
from passerelles.rules.truth import MET, NOT_MET
from passerelles.rules.vocab import Effect, FromMode, Regime, RuleKind, values

SOURCES = ["START", "CE6P", "CE1D", "CE2D", "CQ6", "3P", "4P", "5P", "6P", "5TQ", "6TQ", "ACP-D2", "F3-PHASE3",
           "AF", "AO-B", "ATT-REINSERTION", "ART45-D2"]
TARGETS = ["CESS", "CE6P", "5P", "6P", "7P", "7e", "7e:O", "7e:S-O", "ART45-D3", "ACP-D2", "CQ6", "ACC", "4P"]
FILTERS = st.fixed_dictionaries({}, optional={
    "age": st.sampled_from([15, 16, 19, 22, 26]),
    "contracts": st.sampled_from([["contrat-alternance"], ["convention-emploi-formation"]]),
    "regime": st.sampled_from(["article-49", "article-45", "plein-exercice"]),
    "sector": st.sampled_from([5, 7]),
    "year": st.sampled_from(["2019-2020", "2018-2019"]),
})
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _answer(view, from_, to, k=3, all_routes=False, max_years=None, **filters):
    source, target = resolve(view, from_), resolve(view, to)
    if source.id == target.id:
        return None
    record = question_record(view, source, **filters)
    try:
        return find_routes(view, source, target, record, k=k, all_routes=all_routes, max_years=max_years)
    except NoAnswer:
        return None


def _holds_in(record, state: State) -> bool:
    """The record has ``state`` (a fresh title, the last year left that way, the year enrolled)."""
    if state == START:
        return True
    if state.kind is StateKind.TITLE:
        return state.id in record.fresh or state.id == record.chain
    if state.mode is Mode.ENROLLED:
        return record.enrolled == state.id
    truth = {Mode.PASSED: record.passed, Mode.ATTENDED: record.attended, Mode.FAILED: record.failed}[state.mode]
    return record.last == state.id and truth(state.id) is not NOT_MET


@SLOW
@given(from_=st.sampled_from(SOURCES), to=st.sampled_from(TARGETS), filters=FILTERS)
def test_every_step_is_allowed_by_its_rule_for_the_record_at_that_step(app, from_, to, filters):
    view = view_of(app)
    found = _answer(view, from_, to, **filters)
    if found is None:
        return
    for route in found.routes:
        for step in route.steps:
            t, before = step.transition, step.before
            also = [a.id for a in step.also]
            assert t.id not in also and len(also) == len(set(also)), (from_, to, t.id, also)
            assert exclusions(t, before, view) == [], (from_, to, t.id)
            if t.conditions is not None:
                assert t.conditions.evaluate(before) is not NOT_MET, (from_, to, t.id)
            # the step starts from what the record holds, or from a title standing for a year
            # it implies (then its condition says so), or opens the route (START)
            assert _holds_in(before, step.source) or step.source == START or \
                (step.source.kind is StateKind.TITLE and step.conditions), (from_, to, step.source)
            # what is still to meet is exactly what the record cannot tell
            for c in step.conditions:
                assert c.evaluate(before) is not MET or c.key == "not_next_year"


@SLOW
@given(from_=st.sampled_from(SOURCES), to=st.sampled_from(TARGETS), filters=FILTERS)
def test_adding_a_filter_never_adds_a_route(app, from_, to, filters):
    view = view_of(app)
    if not filters:
        return
    def routes(found):
        """Each route as its path, with the rules allowing each step (a filter may change
        which rule is shown first, never allow a step no rule allowed)."""
        out: dict[tuple, list] = {}
        for r in (found.routes if found is not None else []):
            path = tuple((s.source, s.target, s.kind) for s in r.steps)
            out.setdefault(path, []).append([{s.transition.id, *(a.id for a in s.also)} for s in r.steps])
        return out
    narrow = routes(_answer(view, from_, to, all_routes=True, max_years=2, **filters))
    wide = routes(_answer(view, from_, to, all_routes=True, max_years=2))
    assert set(narrow) <= set(wide), (from_, to, filters, set(narrow) - set(wide))
    for path, allowed in narrow.items():
        for rules in allowed:
            assert any(all(a <= b for a, b in zip(rules, other)) for other in wide[path]), (from_, to, filters, path)


@SLOW
@given(from_=st.sampled_from(SOURCES), to=st.sampled_from(TARGETS))
def test_routes_are_sorted_by_years_then_in_a_stable_order(app, from_, to):
    view = view_of(app)
    first = _answer(view, from_, to, k=5)
    if first is None:
        return
    keys = [r.sort_key() for r in first.routes]
    assert keys == sorted(keys)
    again = _answer(view, from_, to, k=5)
    assert [r.signature for r in again.routes] == [r.signature for r in first.routes]


def test_shorter_k_is_a_prefix(app):
    view = view_of(app)
    for from_, to in [("CE6P", "CESS"), ("4P", "CESS"), ("CE1D", "CESS"), ("6P", "7e:O")]:
        five = [r.signature for r in _answer(view, from_, to, k=5).routes]
        two = [r.signature for r in _answer(view, from_, to, k=2).routes]
        assert two == five[:2], (from_, to)


# --------------------------------------------------------------------------- data round trips

def test_conditions_round_trip_through_their_json(app):
    for rule in load_rules():
        if rule.conditions is not None:
            data = rule.conditions.to_json()
            assert condition_from_data(json.loads(json.dumps(data))).to_json() == data, rule.id


def test_the_route_view_reads_the_rules_from_the_graph_as_the_files_wrote_them(app):
    view = view_of(app)
    loaded = {r.id: r for r in load_rules()}
    assert set(view.index.rules) == set(loaded)
    for rid, rule in view.index.rules.items():
        mine = loaded[rid]
        assert (rule.kind, rule.from_mode, rule.to, rule.access_class, rule.effect) == \
               (mine.kind, mine.from_mode, mine.to, mine.access_class, mine.effect), rid
        assert set(rule.from_) == set(mine.from_) and set(rule.regime) == set(mine.regime), rid
        assert (rule.conditions.to_json() if rule.conditions else None) == \
               (mine.conditions.to_json() if mine.conditions else None), rid
        assert (rule.source.first, rule.source.last) == (mine.source.first, mine.source.last), rid


def test_the_graph_keeps_effects_parameters_and_typed_conditions(app):
    g = app.memory_graph
    assert set(g.objects(None, PSL.effect)) == {Literal(e.value) for e in Effect}
    params = {str(p).rsplit("/", 1)[-1] for p in g.subjects(RDF.type, PSL.Parameter)}
    assert {"majeur-18-21", "majeur-21-25", "31-decembre"} <= params
    # an age condition points to the band it takes its bounds from
    assert set(g.objects(None, PSL.ageBand)) >= {p for p in g.subjects(RDF.type, PSL.Parameter)
                                                  if str(p).endswith(("majeur-18-21", "majeur-21-25"))}
    kinds = {str(o) for o in g.objects(None, PSL.conditionType)}
    assert {"origin", "access", "attended", "completed"} <= kinds
    assert all(o.language == "fr" for o in g.objects(None, PSL.text))


# --------------------------------------------------------------------------- vocabularies

def _shape_values(path: str) -> dict[str, set[str]]:
    g = Graph().parse(bundled_dir("ontology") / "shapes" / path)
    out: dict[str, set[str]] = {}
    for prop in g.subjects(SH.path, None):
        for values_node in g.objects(prop, SH["in"]):
            name = str(next(g.objects(prop, SH.path))).rsplit("#", 1)[-1]
            out[name] = {str(v) for v in Collection(g, values_node)}
    return out


def test_vocabularies_are_the_ontology_shapes_lists():
    shapes = _shape_values("pathways.ttl")
    assert shapes["ruleKind"] == set(values(RuleKind))
    assert shapes["fromMode"] == set(values(FromMode))
    assert shapes["regime"] == set(values(Regime))
    assert shapes["effect"] == set(values(Effect))
    assert shapes["conditionType"] == set(REGISTRY)


# --------------------------------------------------------------------------- no import cycles

def _imports(package: Path) -> nx.DiGraph:
    g = nx.DiGraph()
    root = package.parent
    for path in package.rglob("*.py"):
        module = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        g.add_node(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = module.split(".")[: len(module.split(".")) - node.level + (path.name == "__init__.py")]
                if node.module:
                    g.add_edge(module, ".".join(base + [node.module]))
                else:       # ``from . import terms``: the submodule, or a name of the package
                    for alias in node.names:
                        sub = root.joinpath(*base, alias.name)
                        found = sub.with_suffix(".py").is_file() or (sub / "__init__.py").is_file()
                        g.add_edge(module, ".".join(base + [alias.name]) if found else ".".join(base))
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("passerelles"):
                g.add_edge(module, node.module)
    return g


def test_no_import_cycle_in_the_route_model():
    g = _imports(Path(passerelles.__file__).parent)
    ours = ("passerelles.rules", "passerelles.routes", "passerelles.pathways")
    cycles = [c for c in nx.simple_cycles(g) if any(m.startswith(ours) for m in c)]
    assert cycles == []
    # the old one is gone: explaining a route does not import the search back
    assert not nx.has_path(g, "passerelles.routes.search", "passerelles.routes.explain")


def test_only_the_registry_reads_condition_keys():
    """No module outside rules/conditions looks at a condition's YAML key to decide what to do."""
    package = Path(passerelles.__file__).parent
    keys = set(REGISTRY)
    offenders = []
    for path in package.rglob("*.py"):
        if "rules/conditions" in path.as_posix() or path.name == "loader.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(isinstance(c, ast.Constant) and c.value in keys
                                                     for c in node.comparators) and \
                    isinstance(node.left, ast.Attribute) and node.left.attr == "key":
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
    # nor picks condition nodes by key, outside the rule model and the tests
    picked = [p.name for p in package.rglob("*.py") if "condition_nodes(\"" in p.read_text(encoding="utf-8")
              and "rules/" not in p.as_posix()]
    assert picked == []
