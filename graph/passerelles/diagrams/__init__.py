"""Pathway diagrams for publications: routes, maps and citations as figures.

Each function returns a :class:`Diagram`, which a notebook shows inline (SVG through
Graphviz; without Graphviz, the Mermaid chart as Markdown) and which saves itself as
``.svg``, ``.pdf``, ``.png`` (Graphviz), ``.dot`` or ``.mmd`` (Mermaid; no program needed).

>>> from passerelles.api import Passerelles
>>> d = route_diagram(Passerelles(), "CE6P", "CESS", k=1)
>>> d.dot.startswith('digraph "De CE6P à CESS'), d.mermaid.startswith("flowchart LR")
(True, True)
>>> [n.id for n in d.figure.nodes if n.kind == "title"]
['title:CE6P', 'title:CESS']
>>> d.footnotes[0].number
1

Modules: :mod:`.model` (the figure, format-neutral), :mod:`.build` (figures from
answers), :mod:`.palette` (styles), :mod:`.graphviz` (DOT and rendering),
:mod:`.mermaid` (Mermaid).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from ..errors import InputError, NoAnswer
from .graphviz import GraphvizMissing, PNG_DPI, dot_available, render, to_dot
from .mermaid import markdown, to_mermaid
from .model import Figure, Footnote

__all__ = ["Diagram", "FORMATS", "GraphvizMissing", "citations_diagram", "format_of", "map_diagram",
           "route_diagram"]

#: Output formats by file extension.
FORMATS = {".svg": "svg", ".pdf": "pdf", ".png": "png", ".dot": "dot", ".mmd": "mermaid"}


def format_of(path: str | Path) -> str:
    """The output format a file name asks for.

    >>> format_of("figure.SVG"), format_of("routes.mmd")
    ('svg', 'mermaid')
    >>> format_of("figure.jpg")
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: unknown diagram format '.jpg' (figure.jpg); use one of .svg, .pdf, .png, .dot, .mmd
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"unknown diagram format {suffix or '(none)'!r} ({Path(path).name}); "
                         f"use one of {', '.join(FORMATS)}")
    return FORMATS[suffix]


class Diagram:
    """A figure with its DOT and Mermaid texts; ``save`` writes it in any format."""

    def __init__(self, figure: Figure):
        self.figure = figure

    @property
    def footnotes(self) -> list[Footnote]:
        """The numbered conditions under the figure (full texts)."""
        return self.figure.footnotes

    @cached_property
    def dot(self) -> str:
        """The Graphviz DOT source."""
        return to_dot(self.figure)

    @cached_property
    def mermaid(self) -> str:
        """The Mermaid flowchart."""
        return to_mermaid(self.figure)

    def render(self, fmt: str) -> bytes:
        """The figure as ``svg``, ``pdf`` or ``png`` bytes (needs Graphviz)."""
        return render(to_dot(self.figure, dpi=PNG_DPI) if fmt == "png" else self.dot, fmt)

    def save(self, path: str | Path) -> dict:
        """Write the figure (format by extension), atomically; return what was written."""
        path = Path(path)
        fmt = format_of(path)
        from ..rdf.serialize import write_atomic
        if fmt in ("dot", "mermaid"):
            write_atomic(path, (self.dot if fmt == "dot" else self.mermaid).rstrip("\n") + "\n")
        else:
            write_atomic(path, self.render(fmt))
        return {"out": str(path), "format": fmt, "nodes": len(self.figure.nodes), "edges": len(self.figure.edges),
                "footnotes": [{"number": f.number, "text": f.text} for f in self.footnotes]}

    def _repr_svg_(self) -> str | None:
        if not dot_available():
            return None
        return self.render("svg").decode("utf-8")

    def _repr_markdown_(self) -> str | None:
        return None if dot_available() else markdown(self.figure)

    def __repr__(self) -> str:
        f = self.figure
        return f"<Diagram {f.title!r}: {len(f.nodes)} nodes, {len(f.edges)} edges, {len(f.footnotes)} footnotes>"


def route_diagram(app, from_: str, to: str, k: int = 3, **filters) -> Diagram:
    """The ``k`` shortest routes from ``from_`` to ``to`` as one figure.

    ``filters`` are those of :func:`passerelles.routes.service.ask` (age, adult,
    contracts, holds, regime, sector, year, all_routes, max_years).
    """
    from ..routes.service import ask
    from .build import route_figure, year_degrees
    answer = ask(app, from_, to, k=k, **filters)
    return Diagram(route_figure(answer, year_degrees(app.store)))


def map_diagram(app, to: str = "CESS", sector: int | None = None, **filters) -> Diagram:
    """Every title and year from which ``to`` can be reached, with the steps between them;
    ``sector`` restricts (and, for ``7e``, draws) the 7th-year options."""
    from ..routes.names import resolve
    from ..routes.service import question_record, view_of
    from .build import map_figure, year_degrees
    view = view_of(app)
    goal = resolve(view, to)
    if sector is not None and not 1 <= sector <= 10:
        raise InputError(f"sector must be between 1 and 10 (got {sector})")
    figure = map_figure(view, goal, question_record(view, None, sector=sector, **filters), year_degrees(app.store))
    if not figure.edges:
        raise NoAnswer(f"no route leads to {goal.id}" + (f" with sector {sector}" if sector is not None else ""))
    return Diagram(figure)


def citations_diagram(app, act: str | None = None) -> Diagram:
    """Which chapters and sections of the circular cite which articles; ``act`` keeps one
    act (matched like ``passerelles citations --act``: key, IRI or words of its name)."""
    from ..views.citations import act_records, citation_records, find_acts, resolve_act
    from .build import citations_figure
    store = app.store
    only = None
    if act is not None:
        found = find_acts(store, act) or [resolve_act(store, act)]  # no match: raises with candidates
        only = {a["iri"] for a in found}
    anchors = {f.number: list(f.anchors) for f in app.model.footnotes}
    acts = {a["iri"]: a for a in act_records(store)}
    figure = citations_figure(citation_records(store), app.model.divisions, anchors, acts, only)
    if not figure.edges:
        raise NoAnswer("no citation of " + (f"{act!r} " if act else "") + "is placed in a division of the circular")
    return Diagram(figure)
