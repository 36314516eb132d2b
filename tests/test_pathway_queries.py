"""The SPARQL queries of the pathways part, and their agreement with the route engine."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import URIRef

from passerelles.errors import NoAnswer
from passerelles.queries import list_queries, load_query
from passerelles.routes.find import find_routes
from passerelles.routes.names import resolve
from passerelles.routes.service import view_of
from passerelles.routes.start import start_record
from passerelles.routes.states import START, StateKind

ID = "https://w3id.org/passerelles/id/"


def test_every_query_file_documents_purpose_parameters_and_example():
    for q in list_queries():
        header = q.header
        assert q.purpose, q.name
        assert "Purpose:" in header and "Parameters:" in header and "Example:" in header, q.name


def test_no_rule_or_title_without_basis_or_stated_reason(app):
    assert app.sparql("rules-without-basis") == []


def test_external_conditions_name_circular_7233(app):
    rows = app.sparql("external-conditions")
    by_rule = {r["id"] for r in rows if "7233" in r["settledBy"]}
    assert {"admission-7P-from-6e", "admission-7TQ-from-6e", "option-access-L"} <= by_rule


def test_cess_is_reachable_from_the_ce6p_and_the_5tq_but_not_from_the_cess_itself(app):
    ids = {r["id"] for r in app.store.select(load_query("reachable-to").text, {"target": URIRef(ID + "title/CESS")})}
    assert {"CE6P", "6P", "7P", "5TQ", "6TQ", "4P", "CE2D"} <= ids
    assert "CESS" not in ids


def test_seventh_years_open_to_a_ce6p_holder(app):
    rows = app.store.select(load_query("seventh-years-for-title").text, {"title": URIRef(ID + "title/CE6P")})
    assert "O" in {r["access"] for r in rows}
    assert {"7130"} <= {r["code"] for r in rows if r["access"] == "O"}
    # the CQ6 alone does not attest a 6th year completed with success (it is delivered
    # to pupils who attended it and passed the jury): no 7th year from it alone
    assert app.store.select(load_query("seventh-years-for-title").text, {"title": URIRef(ID + "title/CQ6")}) == []


def _projected(view: nx.DiGraph) -> nx.DiGraph:
    """The view with a year's states (in/done/attended/failed) merged, as the SPARQL paths
    see it ("a year stands for its admission and its completion"), without START and options."""
    g = nx.DiGraph()
    for u, v in view.edges():
        if START in (u, v) or StateKind.OPTION in (u.kind, v.kind):
            continue
        if u.id != v.id:
            g.add_edge(u.id, v.id)
    return g


def test_networkx_and_sparql_reachability_agree_for_every_title_and_target(app):
    view = view_of(app)
    g = _projected(view)
    rows = app.store.select(load_query("states").text)
    states = {r["id"]: r["state"] for r in rows}
    titles = [r["id"] for r in rows if r["kind"] == "title"]
    query = load_query("reachable-to").text
    checked = 0
    for target, iri in sorted(states.items()):
        sparql = {r["id"] for r in app.store.select(query, {"target": URIRef(iri)})}
        for title in titles:
            # a non-empty path (a title may reach itself through a cycle)
            nx_says = title in g and target in g and any(nx.has_path(g, s, target) for s in g.successors(title))
            assert nx_says == (title in sparql), (title, target)
            checked += 1
    assert checked == len(titles) * len(states)


# What SPARQL decides and what it leaves to the engine (the header of reachable-to.rq): the
# property path follows the rules' input and output states and the attestations, so it
# over-approximates the engine: every route the engine finds from a title by the title's own
# rules (each step starting from a state of the route) is a path SPARQL finds too.
@pytest.mark.parametrize("target", ["CESS", "CE6P", "5P", "ART45-D3", "7P", "ACP-D2"])
def test_engine_routes_are_sparql_paths(app, target):
    view = view_of(app)
    goal = resolve(view, target)
    sparql = {r["id"] for r in app.store.select(load_query("reachable-to").text,
                                                {"target": URIRef(view.nodes[goal.nodes[0]]["iri"])})}
    found = 0
    for node in sorted(n for n in view.nodes if n.kind is StateKind.TITLE):
        if node.id == target:
            continue
        source = resolve(view, node.id)
        try:
            answer = find_routes(view, source, goal, start_record(view, source.start), k=1)
        except NoAnswer:
            continue
        own = [r for r in answer.routes if answer.note is None and all(s.transition.source == s.source for s in r.steps)]
        if own:
            found += 1
            assert node.id in sparql, (node.id, target)
    assert found


@pytest.mark.parametrize("name", ["attestations", "states", "rules", "rule-basis", "titles", "options-by-access"])
def test_embedded_queries_answer(app, name):
    assert app.sparql(name)
