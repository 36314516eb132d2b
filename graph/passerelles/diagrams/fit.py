"""Fitting a figure to its page: try layouts from the most natural to the most compact,
measure each drawing, keep the first whose printed width and smallest text meet the page.

Routes and maps try left to right, then top to bottom, each with wider then narrower label
lines; the citations (two columns) try narrower text and a narrower gap for the arrows. The
measure is taken on the SVG that Graphviz draws (:func:`passerelles.diagrams.page.measure_svg`),
not on an estimate. A figure that fits no layout keeps the narrowest drawing, at the asked
text size, and says so (:attr:`Fitted.advice`).

>>> from passerelles.diagrams.model import Figure, Node
>>> [l.name for l in candidates(Figure("x", nodes=[Node("a", "year", "5P")]), Page())]
['LR', 'LR-narrow', 'TB', 'TB-narrow']
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from .caption import description
from .graphviz import dot_available, render, to_dot
from .model import Figure
from .page import Layout, Page, Printed, measure_svg


def candidates(figure: Figure, page: Page) -> list[Layout]:
    """The layouts to try for ``figure`` on ``page``, in order of preference."""
    base = Layout(font_pt=page.font_pt, width_pt=page.width_pt, caption=page.caption)
    if figure.columns:
        gap = figure.spacing[1]
        return [replace(base, gap=gap, name="columns"),
                replace(base, gap=gap * 0.7, width_pt=page.width_pt * 0.95, name="columns-narrow"),
                replace(base, gap=gap * 0.5, width_pt=page.width_pt * 0.88, name="columns-narrower")]
    return [replace(base, rankdir="LR", node_wrap=22, edge_wrap=26, name="LR"),
            replace(base, rankdir="LR", node_wrap=14, edge_wrap=16, name="LR-narrow"),
            replace(base, rankdir="TB", node_wrap=22, edge_wrap=22, name="TB"),
            replace(base, rankdir="TB", node_wrap=14, edge_wrap=14, width_pt=page.width_pt * 0.95,
                    name="TB-narrow")]


@dataclass
class Fitted:
    """The layout chosen for a page, its DOT text and, with Graphviz, its SVG and measure."""

    figure: Figure
    page: Page
    layout: Layout
    dot: str
    svg: bytes | None = None
    printed: Printed | None = None

    @property
    def fits(self) -> bool | None:
        """Whether the drawing meets the page (None: not measured, Graphviz is missing)."""
        return None if self.printed is None else self.printed.fits(self.page)

    @cached_property
    def advice(self) -> str | None:
        """What to do when the figure does not fit: the size it would print at, and the
        ways out (a separate caption, a split)."""
        if self.fits is not False:
            return None
        p, page = self.printed, self.page
        why = (f"{p.width_cm:.1f} cm wide at {page.font_pt:g} pt: wider than {page.width_cm:g} cm "
               f"(scaled to {page.width_cm:g} cm its smallest text would be {p.at(page):g} pt)")
        ways = []
        if page.caption == "inline" and self.layout.caption == "inline":
            alone = fit(self.figure, replace(page, caption="separate"))
            if alone.fits:
                ways.append(f"--caption separate (the drawing alone is {alone.printed.width_cm:.1f} cm wide)")
        parts = len(self.figure.clusters) if self.figure.split_by else 0
        if parts > 1:
            ways.append(f"--split {self.figure.split_by} ({parts} figures, one per {self.figure.split_by})")
        if page.width_cm < 17:
            ways.append("--width 17 (a full page)")
        return why + ("; try " + ", or ".join(ways) if ways else "")


def fit(figure: Figure, page: Page) -> Fitted:
    """The first layout of :func:`candidates` that fits ``page``; otherwise the narrowest.
    Without Graphviz, the first layout, unmeasured."""
    layouts = candidates(figure, page)
    if not dot_available():
        return Fitted(figure, page, layouts[0], to_dot(figure, layouts[0]))
    best: Fitted | None = None
    for layout in layouts:
        dot = to_dot(figure, layout)
        svg = render(dot, "svg", figure.title, description(figure))
        tried = Fitted(figure, page, layout, dot, svg, measure_svg(svg))
        if tried.fits:
            return tried
        if best is None or tried.printed.width_cm < best.printed.width_cm:
            best = tried
    return best
