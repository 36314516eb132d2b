"""Names users type for states: canonical ids, abbreviations and French labels, read by
:mod:`passerelles.lookup` ("ce6p", "C.E.S.S.", "sixième professionnelle", "certificat
d'enseignement secondaire supérieur"), plus option codes and 7th-year targets.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..lookup import NameIndex, entries_from_records
from ..rules.vocab import within
from .states import START, Mode, State, StateKind

ACCESS_CLASSES = ("L", "S-O", "O", "unknown")


@dataclass(frozen=True)
class Resolved:
    """What a name means."""

    id: str
    label: str
    kind: str                      # year | title | option | seventh-years | start
    nodes: tuple[State, ...]       # view nodes as a target
    start: State | None = None     # view node as a starting point

    def as_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "kind": self.kind}

    to_dict = as_dict   # the JSON of ``passerelles resolve``, as every answer record names it


def _entries(view: nx.DiGraph) -> list[Resolved]:
    out = []
    for node, data in view.nodes(data=True):
        if node.kind is StateKind.TITLE:
            out.append(Resolved(node.id, data["label"], "title", (node,), node))
        elif node.kind is StateKind.YEAR and node.mode is Mode.PASSED:
            out.append(Resolved(node.id, data["label"], "year", (State.year(node.id, Mode.ENROLLED),), node))
        elif node.kind is StateKind.OPTION:
            out.append(Resolved(node.id, data["label"], "option", (node,), None))
    seventh = sorted(n for n in view.nodes if n.kind is StateKind.OPTION)
    out.append(Resolved("7e", "toute 7e année (qualifiante ou complémentaire, P ou TQ)", "seventh-years",
                        tuple(n for n in (State.year("7P", Mode.ENROLLED), State.year("7TQ", Mode.ENROLLED)) if n in view)))
    for cls in ACCESS_CLASSES:
        nodes = tuple(n for n in seventh if view.nodes[n].get("access") == cls)
        out.append(Resolved(f"7e:{cls}", f"toute 7e année d'accès {cls}", "seventh-years", nodes))
    out.append(Resolved("START", "tout élève (aucun titre requis)", "start", (), START))
    return out


def _index(view: nx.DiGraph, jurisdiction: str | None = None) -> tuple[NameIndex, dict[str, Resolved]]:
    """The names of a view, folded once (:mod:`passerelles.lookup`), and what each id means;
    with ``jurisdiction``, only the titles and years of that jurisdiction (BE includes BE-FWB)."""
    if jurisdiction is not None:
        cache = view.__dict__.setdefault("_names_by_jurisdiction", {})
        if jurisdiction not in cache:
            entries = [e for e in _entries(view) if e.kind not in ("title", "year") or
                       within(view.nodes[e.start].get("jurisdiction") or "", jurisdiction)]
            cache[jurisdiction] = _build(view, entries)
        return cache[jurisdiction]
    cached = getattr(view, "_names", None)
    if cached is None:
        cached = view._names = _build(view, _entries(view))
    return cached


def prepare(view: nx.DiGraph) -> nx.DiGraph:
    """``view`` with its names folded (a view saved beside the cache keeps them: folding
    some 600 names is a good part of a ``route`` command's own time)."""
    _index(view)
    return view


def _build(view: nx.DiGraph, entries: list[Resolved]) -> tuple[NameIndex, dict[str, Resolved]]:
    records = []
    for e in entries:
        node = e.start or (e.nodes[0] if e.nodes else None)
        # "7e" and START are not the 7P: they do not borrow its names
        data = view.nodes[node] if node in view and e.kind not in ("seventh-years", "start") else {}
        records.append((e.id, e.label, data.get("alt_labels"), data.get("abbreviation"), e.kind))
    return NameIndex(entries_from_records(records)), {e.id: e for e in entries}


def resolve(view: nx.DiGraph, name: str, jurisdiction: str | None = None) -> Resolved:
    """The state, title, option or target a name designates, written as people write it
    (:mod:`passerelles.lookup`: ids, abbreviations with or without dots, labels, ordinals in
    any form, a unique prefix or best fuzzy match).

    Raises :class:`~passerelles.errors.UnknownNameError` with the closest candidates when
    the name means nothing or several things.

    >>> from passerelles.api import Passerelles
    >>> from passerelles.routes.view import build_view
    >>> view = build_view(Passerelles().store)
    >>> resolve(view, "ce6p").id, resolve(view, "Certificat d'enseignement secondaire supérieur").id
    ('CE6P', 'CESS')
    >>> resolve(view, "sixième professionnelle").id, resolve(view, "7130").kind, resolve(view, "7e:O").kind
    ('6P', 'option', 'seventh-years')
    >>> resolve(view, "tout élève").id
    'START'
    >>> resolve(view, "certificat de qualification professionnelle", jurisdiction="FR").id
    'CQP'
    """
    index, by_id = _index(view, jurisdiction)
    return by_id[index.lookup(name).id]
