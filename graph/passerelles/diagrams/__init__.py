"""Pathway diagrams for publications: routes, maps and citations as figures.

Each function returns a :class:`Diagram`, which a notebook shows inline (SVG through
Graphviz; without Graphviz, the Mermaid chart as Markdown) and which saves itself as
``.svg``, ``.pdf``, ``.png`` (Graphviz), ``.dot`` or ``.mmd`` (Mermaid; no program needed).

A diagram is laid out for a printed page (:class:`Page`: 17 cm wide with 8 pt text by
default): it tries layouts until one fits, and says what it measures (:attr:`Diagram.printed`)
or, when none fits, what to do (:attr:`Diagram.advice`).

>>> from passerelles.api import Passerelles
>>> d = route_diagram(Passerelles(), "CE6P", "CESS", k=1)
>>> d.dot.startswith('digraph "De CE6P à CESS'), d.mermaid.startswith("flowchart LR")
(True, True)
>>> [n.id for n in d.figure.nodes if n.kind == "title"]
['title:CE6P', 'title:CESS']
>>> d.footnotes[0].number
1
>>> d.on_page(width_cm=8.5).page.width_cm
8.5

Modules: :mod:`.model` (the figure, format-neutral), :mod:`.build` (routes and maps from
answers), :mod:`.citations` (the citations, from the graph), :mod:`.page` (the page and
measures), :mod:`.fit` (layouts tried for a page), :mod:`.split` (one figure per cluster),
:mod:`.caption` (caption files), :mod:`.palette` (styles), :mod:`.graphviz` (DOT and
rendering), :mod:`.mermaid` (Mermaid).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
from pathlib import Path

from ..errors import InputError, NoAnswer
from .caption import description, latex_caption, markdown_caption
from .graphviz import GraphvizMissing, dot_available, render, to_dot
from .mermaid import markdown, to_mermaid
from .model import Figure, Footnote
from .page import Page, Printed

__all__ = ["Diagram", "FORMATS", "GraphvizMissing", "Page", "Printed", "citations_diagram", "format_of",
           "map_diagram", "route_diagram"]

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


def caption_paths(path: str | Path) -> tuple[Path, Path]:
    """Where a figure's separate caption goes: ``FIG.caption.md`` and ``FIG.caption.tex``.

    >>> [p.name for p in caption_paths("out/map.pdf")]
    ['map.caption.md', 'map.caption.tex']
    """
    path = Path(path)
    return path.with_suffix(".caption.md"), path.with_suffix(".caption.tex")


class Diagram:
    """A figure laid out for a page; ``save`` writes it in any format.

    Parameters
    ----------
    figure : Figure
        What to draw.
    page : Page, optional
        The page it must fit (default: 17 cm, 8 pt, caption under the drawing).
    """

    def __init__(self, figure: Figure, page: Page | None = None):
        self.figure = figure
        self.page = page or Page()

    def on_page(self, **changes) -> Diagram:
        """The same figure for another page: ``width_cm``, ``font_pt``, ``caption``, ``dpi``."""
        return Diagram(self.figure, replace(self.page, **changes))

    @property
    def footnotes(self) -> list[Footnote]:
        """The numbered notes under the figure (full texts)."""
        return self.figure.footnotes

    @cached_property
    def fitted(self):
        """The layout chosen for the page (:class:`passerelles.diagrams.fit.Fitted`)."""
        from .fit import fit
        return fit(self.figure, self.page)

    @property
    def printed(self) -> Printed | None:
        """Printed size (cm) and smallest text (pt) at 100 %; None without Graphviz."""
        return self.fitted.printed

    @property
    def fits(self) -> bool | None:
        return self.fitted.fits

    @property
    def advice(self) -> str | None:
        """Why the figure does not fit its page and what to do; None when it fits."""
        return self.fitted.advice

    @property
    def dot(self) -> str:
        """The Graphviz DOT source, laid out for the page."""
        return self.fitted.dot

    @cached_property
    def mermaid(self) -> str:
        """The Mermaid flowchart."""
        return to_mermaid(self.figure)

    def render(self, fmt: str) -> bytes:
        """The figure as ``svg``, ``pdf`` or ``png`` bytes (needs Graphviz)."""
        if not dot_available():
            raise GraphvizMissing()
        if fmt == "svg" and self.fitted.svg is not None:
            return self.fitted.svg
        dot = to_dot(self.figure, self.fitted.layout, dpi=self.page.dpi) if fmt == "png" else self.dot
        return render(dot, fmt, self.figure.title, description(self.figure, self.fitted.layout.names == "key"))

    def parts(self) -> list[tuple[str, Diagram]]:
        """One diagram per cluster (a degree, a chapter), on the same page, with its name."""
        from .split import split_figure
        if not self.figure.split_by:
            raise InputError("this figure cannot be split (it has no degrees or chapters)")
        return [(name, Diagram(part, self.page)) for name, part in split_figure(self.figure)]

    def save(self, path: str | Path) -> dict:
        """Write the figure (format by extension) and, with a separate caption, its caption
        files, atomically; return what was written (the ``--json`` record)."""
        from ..rdf.serialize import write_atomic
        path = Path(path)
        fmt = format_of(path)
        if fmt in ("dot", "mermaid"):
            write_atomic(path, (self.dot if fmt == "dot" else self.mermaid).rstrip("\n") + "\n")
        else:
            write_atomic(path, self.render(fmt))
        captions = []
        if self.page.caption == "separate" and fmt != "mermaid":
            md, tex = caption_paths(path)
            key = self.fitted.layout.names == "key"
            write_atomic(md, markdown_caption(self.figure, key))
            write_atomic(tex, latex_caption(self.figure, key))
            captions = [str(md), str(tex)]
        measured = fmt != "mermaid" and self.printed is not None
        return {"out": str(path), "format": fmt, "nodes": len(self.figure.nodes), "edges": len(self.figure.edges),
                "footnotes": [{"number": f.number, "text": f.text} for f in self.footnotes],
                "page": self.page.to_dict() | ({"dpi": self.page.dpi} if fmt == "png" else {}),
                "printed": self.printed.to_dict() if measured else None,
                "fits": self.fits if measured else None,
                "layout": self.fitted.layout.name if fmt != "mermaid" else None,
                "captions": captions, "advice": self.advice if measured else None}

    def _repr_svg_(self) -> str | None:
        if not dot_available():
            return None
        return self.render("svg").decode("utf-8")

    def _repr_markdown_(self) -> str | None:
        return None if dot_available() else markdown(self.figure)

    def __repr__(self) -> str:
        f = self.figure
        return f"<Diagram {f.title!r}: {len(f.nodes)} nodes, {len(f.edges)} edges, {len(f.footnotes)} footnotes>"


def route_diagram(app, from_: str, to: str, k: int = 3, page: Page | None = None, **filters) -> Diagram:
    """The ``k`` shortest routes from ``from_`` to ``to`` as one figure.

    ``filters`` are those of :func:`passerelles.routes.service.ask` (age, adult,
    contracts, holds, regime, sector, year, all_routes, max_years; and jurisdiction,
    experience, status, registered, since_result, missing for the other systems).
    """
    from ..routes.service import ask
    from .build import route_figure, year_degrees
    answer = ask(app, from_, to, k=k, **filters)
    return Diagram(route_figure(answer, year_degrees(app.store)), page)


def map_diagram(app, to: str = "CESS", sector: int | None = None, page: Page | None = None, **filters) -> Diagram:
    """Every title and year from which ``to`` can be reached, with the steps between them;
    ``sector`` restricts (and, for ``7e``, draws) the 7th-year options."""
    from ..routes.names import resolve
    from ..routes.service import question_record, view_of
    from .build import map_figure, year_degrees
    view = view_of(app)
    goal = resolve(view, to)
    if sector is not None and not 1 <= sector <= 10:
        raise InputError(f"sector must be between 1 and 10 (got {sector})")
    figure = replace(map_figure(view, goal, question_record(view, None, sector=sector, **filters),
                                year_degrees(app.store)), split_by="degree")
    if not figure.edges:
        raise NoAnswer(f"no route leads to {goal.id}" + (f" with sector {sector}" if sector is not None else ""))
    return Diagram(figure, page)


def citations_diagram(app, act: str | None = None, min_count: int = 1, page: Page | None = None) -> Diagram:
    """Which chapters and sections of the circular cite which articles, read from the graph
    (the embedded store or the endpoint: the corpus is not parsed).

    ``act`` keeps one act (matched like ``passerelles citations --act``: key, IRI or words
    of its name); ``min_count`` leaves out the pairs cited fewer times (2: no single
    citation).
    """
    from ..views.citations import act_records, citation_records, find_acts, resolve_act
    from .citations import citations_figure, division_records, footnote_anchors
    if min_count < 1:
        raise InputError(f"--min-count must be at least 1 (got {min_count})")
    store = app.store
    only = None
    if act is not None:
        if not act.strip():
            raise InputError("--act needs a value, e.g. 'décret du 3 juillet 1991'")
        found = find_acts(store, act) or [resolve_act(store, act)]  # no match: raises with candidates
        only = {a["iri"] for a in found}
    acts = {a["iri"]: a for a in act_records(store)}
    figure = citations_figure(citation_records(store), division_records(store), footnote_anchors(store), acts,
                              only, min_count)
    if not figure.edges:
        raise NoAnswer("no citation of " + (f"{act!r} " if act else "") + "is placed in a division of the circular"
                       + (f" {min_count} times or more" if min_count > 1 else ""))
    return Diagram(figure, page)
