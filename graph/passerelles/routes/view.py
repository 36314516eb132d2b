"""The route view: a NetworkX directed graph built from the RDF graph (not from the data files).

Nodes are states of a pupil:

- ``done:5P`` — the 5P completed with success (``attended:``, ``failed:`` for the other
  ways of leaving a year the rules know); ``in:5P`` — admitted to (enrolled in) the 5P;
- ``title:CESS`` — holds the CESS;
- ``option:7130`` — admitted to that 7th-year option;
- ``START`` — any pupil, whatever he holds (the rules that ask for no prior state).

Edges carry the rules that allow the step (``rules``: a list, several rules may allow the same
step). Study steps (``in:5P`` → ``done:5P``) take the year's duration in school years; all
other steps take none.

Examples
--------
>>> from passerelles.api import Passerelles
>>> view = build_view(Passerelles().store)
>>> [r["id"] for r in view.edges["done:6P", "title:CE6P"]["rules"]]
['award-CE6P']
>>> view.edges["in:5P", "done:5P"]["rules"][0]["years"]
1
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from ..queries import load_query
from ..store import Store

START = "START"
ID_BASE = "https://w3id.org/passerelles/id/"
_MODES = {"completed": "done", "attended": "attended", "enrolled": "in", "failed": "failed"}


def local_id(iri: str) -> str:
    """``…/id/year/5P`` → ``5P``."""
    return iri.rsplit("/", 1)[-1]


def state_node(iri: str, mode: str = "completed") -> str:
    """The view node of a rule's input (a year left in some way, or a title held)."""
    kind = iri[len(ID_BASE):].split("/", 1)[0]
    if kind == "title":
        return f"title:{local_id(iri)}"
    return f"{_MODES[mode]}:{local_id(iri)}"


def target_node(iri: str) -> str:
    kind = iri[len(ID_BASE):].split("/", 1)[0]
    return f"title:{local_id(iri)}" if kind == "title" else f"in:{local_id(iri)}"


def _basis(store: Store) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in store.select(load_query("rule-basis").text):
        out.setdefault(row["rule"], []).append({
            "act": {"type": row["actType"], "date": row["actDate"], "iri": row["act"], "label": row["actLabel"]},
            "article": row.get("article"), "paragraph": row.get("paragraph"),
            "alinea": row.get("alinea"), "point": row.get("point"), "provision": row["provision"],
        })
    return out


def _rule_record(row: dict, basis: list[dict]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "kind": row["kind"],
        "years": 0,
        "conditions": json.loads(row["conditionData"]) if row.get("conditionData") else None,
        "basis": basis,
        "basis_missing": row.get("basisMissing"),
        "source": {"document": row["document"], "line": row["firstLine"], "last_line": row["lastLine"],
                   "quote": row["quote"]},
        "regime": sorted((row.get("regimes") or "").split()),
        "validity": {"from": row.get("validFrom"), "until": row.get("validUntil")},
        "jurisdiction": row.get("jurisdiction"),
        "iri": row["rule"],
    }


def build_view(store: Store) -> nx.DiGraph:
    """The route view of the graph behind ``store`` (embedded or remote)."""
    g = nx.DiGraph()
    states = store.select(load_query("states").text)
    for s in states:
        alts = [a for a in (s.get("altLabels") or "").split("|") if a]
        info = {"id": s["id"], "label": s["label"], "kind": s["kind"], "abbreviation": s.get("abbreviation"),
                "alt_labels": alts, "iri": s["state"], "jurisdiction": s.get("jurisdiction")}
        if s["kind"] == "title":
            g.add_node(f"title:{s['id']}", **info, state="holds")
        else:
            for mode in ("in", "done", "attended", "failed"):
                g.add_node(f"{mode}:{s['id']}", **info, state=mode)
            duration = s.get("duration")
            years = duration if isinstance(duration, int) else None
            study = {"id": f"study:{s['id']}", "kind": "study", "years": years, "conditions": None, "basis": [],
                     "basis_missing": None, "source": None, "regime": [], "validity": {"from": None, "until": None},
                     "jurisdiction": s.get("jurisdiction"), "iri": s["state"]}
            for mode in ("done", "attended", "failed"):
                g.add_edge(f"in:{s['id']}", f"{mode}:{s['id']}", rules=[dict(study, leaves=mode)])
    g.add_node(START, id=START, label="tout élève (aucun titre requis)", kind="start", state="start")
    basis = _basis(store)
    rules = store.select(load_query("rules").text)
    access_rules = {}
    records = {}
    for row in rules:
        record = _rule_record(row, basis.get(row["rule"], []))
        records[row["rule"]] = record
        if row["kind"] == "option-access":
            access_rules[row["accessClass"]] = (row, record)
            continue
        if row["kind"] == "change-of-form" or not row.get("to"):
            continue  # changes within a school year, not a step of a route
        target = target_node(row["to"])
        sources = [state_node(f, row["fromMode"]) for f in (row.get("fromStates") or "").split()] or [START]
        for src in sources:
            if src not in g or target not in g:
                continue
            g.add_edge(src, target, rules=g.edges[src, target]["rules"] + [record] if g.has_edge(src, target) else [record])
    _add_attestations(g, store, records)
    _add_options(g, store, access_rules)
    return g


def _add_attestations(g: nx.DiGraph, store: Store, rules: dict[str, dict]) -> None:
    """``title:CE6P`` → ``done:6P``: the title attests the year (``psl:attests``, see
    :func:`passerelles.pathways.rdf.add_attestations`); the step carries the award rule."""
    for row in store.select(load_query("attestations").text):
        title, year = f"title:{local_id(row['title'])}", f"done:{local_id(row['year'])}"
        if title in g and year in g and row["rule"] in rules:
            g.add_edge(title, year, rules=[dict(rules[row["rule"]], kind="attests", conditions=None)])


def _admission_years(g: nx.DiGraph, year: str) -> list[str]:
    """The completed years from which an admission rule leads to ``year``."""
    return sorted(u.split(":", 1)[1] for u, _, d in g.in_edges(f"in:{year}", data=True)
                  if u.startswith("done:") and any(r["kind"] == "admission" for r in d["rules"]))


def _add_options(g: nx.DiGraph, store: Store, access_rules: dict) -> None:
    """7th-year options, joined to their year by the rule of their access class."""
    for opt in store.select(load_query("options-by-access").text):
        year = "7P" if opt["form"] == "P" else "7TQ"
        node = f"option:{opt['code']}"
        g.add_node(node, id=opt["code"], label=opt["label"], kind="option", state="in", access=opt["access"],
                   sector=int(opt["sector"]), list=opt["list"], form=opt["form"], iri=opt["option"],
                   line=opt["line"], year=year, valid_from=opt.get("validFrom"), valid_until=opt.get("validUntil"))
        if opt["access"] in access_rules:
            row, record = access_rules[opt["access"]]
            if year not in {local_id(y) for y in (row.get("appliesTo") or "").split()}:
                continue
            record = dict(record)
            requires = [local_id(f) for f in (row.get("fromStates") or "").split() if "/title/" in f]
            if requires:
                need = {"any_of": [{"holds": t} for t in requires]} if len(requires) > 1 else {"holds": requires[0]}
                record["conditions"] = {"all_of": [need, record["conditions"]]} if record["conditions"] else need
                # The class is open to the holders of the CQ (l. 946-947): from the title
                # itself, with the admission to the 7th year (a 6th year completed) to show.
                sixth = _admission_years(g, year)
                completed = {"any_of": [{"completed": {"years": [y]}} for y in sixth],
                             "text": f"avoir terminé avec fruit une des années qui donnent accès à la {year} : {', '.join(sixth)}"}
                from_title = dict(record, conditions={"all_of": [completed, record["conditions"]]})
                for t in requires:
                    if f"title:{t}" in g:
                        g.add_edge(f"title:{t}", node, rules=[from_title])
        else:
            record = {"id": f"option-access-{opt['access']}", "kind": "option-access", "years": 0,
                      "conditions": {"unknown": {"about": "classe d'accès de cette 7e année",
                                                 "reason": f"le répertoire (l. {opt['line']}) ne donne pas de classe d'accès"}},
                      "basis": [], "basis_missing": "the repertory gives no access class for this option",
                      "source": {"document": "circulaire-7282", "line": opt["line"], "last_line": opt["line"], "quote": None},
                      "regime": ["article-49"], "validity": {"from": None, "until": None}, "jurisdiction": "BE-FWB",
                      "iri": None}
        g.add_edge(f"in:{year}", node, rules=[record])
