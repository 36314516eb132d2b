"""Names users type for states: canonical ids, abbreviations and French labels, matched
without regard to case or accents ("ce6p", "CESS", "6e professionnelle",
"certificat d'enseignement secondaire supérieur"), plus option codes and 7th-year targets.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches

import networkx as nx

from ..errors import UnknownNameError
from ..text import fold
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


def _keys(entry: Resolved, view: nx.DiGraph) -> set[str]:
    keys = {fold(entry.id), fold(entry.label)}
    if entry.kind in ("seventh-years", "start"):
        return keys  # "7e" is not the 7P: it does not borrow the 7P's names
    node = entry.start or (entry.nodes[0] if entry.nodes else None)
    if node is not None and node in view:
        data = view.nodes[node]
        keys |= {fold(a) for a in data.get("alt_labels", []) if a}
        if data.get("abbreviation"):
            keys.add(fold(data["abbreviation"]))
    return {k for k in keys if k}


def resolve(view: nx.DiGraph, name: str) -> Resolved:
    """The state, title, option or target a name designates.

    Raises :class:`~passerelles.errors.UnknownNameError` with the closest candidates when
    the name means nothing or several things.

    >>> from passerelles.api import Passerelles
    >>> from passerelles.routes.view import build_view
    >>> view = build_view(Passerelles().store)
    >>> resolve(view, "ce6p").id, resolve(view, "Certificat d'enseignement secondaire supérieur").id
    ('CE6P', 'CESS')
    >>> resolve(view, "6e professionnelle").id, resolve(view, "7130").kind, resolve(view, "7e:O").kind
    ('6P', 'option', 'seventh-years')
    """
    names = getattr(view, "_names", None)
    if names is None:                   # the names of a view, read once
        names = view._names = [(e, _keys(e, view)) for e in _entries(view)]
    entries = [e for e, _ in names]
    probe = fold(name)
    exact_id = [e for e in entries if e.id.lower() == name.strip().lower()]
    if len(exact_id) == 1:
        return exact_id[0]
    matches = [e for e, keys in names if probe in keys]
    unique = {e.id: e for e in matches}
    if len(unique) == 1:
        return next(iter(unique.values()))
    if len(unique) > 1:
        raise UnknownNameError(f"{name!r} is ambiguous", [f"{e.id} ({e.label})" for e in unique.values()][:6])
    index = {k: e for e, keys in names for k in keys}
    close = get_close_matches(probe, list(index), n=8, cutoff=0.6)
    contains = [k for k in index if probe and (probe in k or k in probe) and len(probe) > 2]
    seen, candidates = set(), []
    for k in close + sorted(contains, key=len):
        e = index[k]
        if e.id not in seen:
            seen.add(e.id)
            candidates.append(f"{e.id} ({e.label})")
    raise UnknownNameError(f"unknown name {name!r}", candidates[:5])
