"""Splitting a figure too large for its page into one figure per cluster (a degree of a
map, a chapter of the citations).

Each part keeps its cluster's nodes and every arrow that leaves or reaches them; the node
at the other end of an arrow that crosses parts is drawn as *context* (grey, dashed: "drawn
in another part"), so a reader can follow a route from one part to the next. Nodes outside
every cluster go to the part they share most arrows with. Notes are renumbered in each part.
A column figure (citations) needs no context: each part keeps its sources and the targets
they cite.

>>> from passerelles.diagrams.model import Cluster, Edge, Figure, Node
>>> fig = Figure("Carte", nodes=[Node("a", "year", "4P", group="D2"), Node("b", "year", "5P", group="D3"),
...                              Node("c", "title", "CESS")],
...              edges=[Edge("a", "b", "admission"), Edge("b", "c", "award")],
...              clusters=[Cluster("D2", "2e degré", 2), Cluster("D3", "3e degré", 3)], split_by="degree")
>>> [(slug, [(n.id, n.kind) for n in part.nodes]) for slug, part in split_figure(fig)]
[('D2', [('a', 'year'), ('b', 'context')]), ('D3', [('b', 'year'), ('c', 'title'), ('a', 'context')])]
>>> [(n.id, n.group) for n in split_figure(fig)[1][1].nodes]   # the title outside every box stays outside
[('b', 'D3'), ('c', None), ('a', None)]
"""

from __future__ import annotations

import re
from dataclasses import replace

from .citations import ACTS_KEY, acts_key
from .model import Edge, Figure, Footnotes, Node


def slug(cluster_id: str) -> str:
    """The file-name part of a cluster: ``degree:D2`` → ``D2``, ``chapter:chap-II`` → ``chap-II``."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", cluster_id.rpartition(":")[2]).strip("-") or "autres"


def _home(figure: Figure) -> dict[str, str | None]:
    """Each node's part: its cluster, or for a node outside clusters the cluster it shares
    most arrows with (the first in order on a tie)."""
    group = {n.id: n.group for n in figure.nodes}
    home = dict(group)
    rank = {c.id: i for i, c in enumerate(figure.clusters)}
    for node in figure.nodes:
        if node.group is not None:
            continue
        shared: dict[str, int] = {}
        for e in figure.edges:
            other = e.target if e.source == node.id else e.source if e.target == node.id else None
            if other is not None and group.get(other) is not None:
                shared[group[other]] = shared.get(group[other], 0) + 1
        if shared:
            home[node.id] = min(shared, key=lambda c: (-shared[c], rank.get(c, len(rank))))
    return home


def split_figure(figure: Figure) -> list[tuple[str, Figure]]:
    """One figure per cluster, in cluster order, each named by :func:`slug`."""
    if figure.columns:
        return _split_columns(figure)
    home = _home(figure)
    by_id = {n.id: n for n in figure.nodes}
    notes = {f.number: f.text for f in figure.footnotes}
    parts = []
    for cluster in figure.clusters:
        members = [n for n in figure.nodes if home[n.id] == cluster.id]
        inside = {n.id for n in members}
        edges = [e for e in figure.edges if e.source in inside or e.target in inside]
        if not edges and not members:
            continue
        context = sorted({x for e in edges for x in (e.source, e.target)} - inside)
        same = _merged(context, edges, home)
        renumber = Footnotes()
        new_edges = {}
        for e in edges:
            e = replace(e, source=same.get(e.source, e.source), target=same.get(e.target, e.target),
                        notes=tuple(sorted({renumber.number(notes[n]) for n in e.notes})))
            new_edges.setdefault((e.source, e.target, e.kind), e)
        # a node outside every box (START, a title awarded from several degrees) stays outside the
        # part's box too: an arrow into the box is then one that belongs to it
        nodes = list(members)
        for first in dict.fromkeys(same.values()):
            alike = [by_id[x] for x in context if same[x] == first]
            nodes.append(Node(first, "context", ", ".join(n.label for n in alike), _where(alike[0], figure, home),
                              order=(9,) + tuple(alike[0].order),
                              terms=tuple((n.label, n.detail) for n in alike)))
        caption = [f"Partie « {cluster.label} » : {len(members)} état(s) et {len(edges)} passage(s) ; "
                   "en gris, les états dessinés dans une autre partie."] + figure.caption
        parts.append((slug(cluster.id), replace(
            figure, title=f"{figure.title} — {cluster.label}", nodes=nodes, edges=list(new_edges.values()),
            clusters=[cluster], footnotes=renumber.items(), caption=caption, part=cluster.label)))
    return parts


def _where(node: Node, figure: Figure, home: dict[str, str | None]) -> str:
    """Where a context node is drawn in full: « 1er degré »."""
    labels = {c.id: c.short or c.label for c in figure.clusters}
    part = home.get(node.id)
    return f"({labels[part]})" if part in labels else "(dans aucune partie)"


def _merged(context: list[str], edges: list[Edge], home: dict[str, str | None]) -> dict[str, str]:
    """Context nodes of one other part whose arrows are the same (same node of this part,
    same kind, same notes, same direction) are drawn as one box naming them all: each
    context node → the first of its kind.

    >>> _merged(["a", "b", "c"], [Edge("a", "x", "admission", notes=(1,)), Edge("b", "x", "admission", notes=(1,)),
    ...                           Edge("c", "x", "award")], {"a": "D1", "b": "D1", "c": "D1"})
    {'a': 'a', 'b': 'a', 'c': 'c'}
    """
    first: dict[tuple, str] = {}
    out = {}
    for x in context:
        arrows = frozenset((e.source == x, e.target if e.source == x else e.source, e.kind, e.notes)
                           for e in edges if x in (e.source, e.target))
        out[x] = first.setdefault((home.get(x), arrows), x)
    return out


def _split_columns(figure: Figure) -> list[tuple[str, Figure]]:
    parts = []
    for cluster in figure.clusters:
        sources = {n.id for n in figure.nodes if n.group == cluster.id and any(e.source == n.id for e in figure.edges)}
        if not sources:
            continue
        edges: list[Edge] = [e for e in figure.edges if e.source in sources]
        targets = {e.target for e in edges}
        nodes = [n for n in figure.nodes if n.id in sources | targets]
        groups = {n.group for n in nodes}
        clusters = [c for c in figure.clusters if c.id in groups]
        cites = sum(e.weight for e in edges)
        caption = ([f"Partie « {cluster.label} » : {cites} citation(s) de {len(targets)} article(s) "
                    f"par {len(sources)} division(s)."] + [x for x in figure.caption if not x.startswith(ACTS_KEY)]
                   + acts_key(clusters))
        parts.append((slug(cluster.id), replace(
            figure, title=f"{figure.title} — {cluster.label}", nodes=nodes, edges=edges,
            clusters=clusters, caption=caption, part=cluster.label)))
    return parts
