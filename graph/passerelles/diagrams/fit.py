"""Fitting a figure to its page: try layouts from the most natural to the most compact,
measure each drawing, keep the first whose printed width and smallest text meet the page.

Routes and maps try left to right, then top to bottom, each with wider then narrower label
lines, and last with boxes that show only their names (the caption lists what they stand
for); the citations (two columns) try narrower text and a narrower gap for the arrows. The
measure is taken on the SVG that Graphviz draws (:func:`passerelles.diagrams.page.measure_svg`),
not on an estimate. A figure that fits no layout keeps the narrowest drawing, at the asked
text size, and says so (:attr:`Fitted.advice`).

>>> from passerelles.diagrams.model import Figure, Node
>>> [l.name for l in candidates(Figure("x", nodes=[Node("a", "year", "5P")]), Page())]
['LR', 'LR-narrow', 'TB-wide', 'TB', 'TB-narrow', 'LR-key', 'TB-key']
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
        # a narrower gap for the arrows first: narrower text wraps into more lines (taller)
        return [replace(base, gap=gap, name="columns"),
                replace(base, gap=gap * 0.5, width_pt=page.width_pt * 0.97, name="columns-gap"),
                replace(base, gap=gap * 0.7, width_pt=page.width_pt * 0.95, name="columns-narrow"),
                replace(base, gap=gap * 0.5, width_pt=page.width_pt * 0.88, name="columns-narrower")]
    return [replace(base, rankdir="LR", node_wrap=20, edge_wrap=24, nodesep=0.15, gap=0.35, name="LR"),
            replace(base, rankdir="LR", node_wrap=14, edge_wrap=16, nodesep=0.1, gap=0.25, name="LR-narrow"),
            replace(base, rankdir="TB", node_wrap=32, edge_wrap=28, nodesep=0.2, gap=0.2, name="TB-wide"),
            replace(base, rankdir="TB", node_wrap=22, edge_wrap=20, nodesep=0.15, gap=0.2, name="TB"),
            replace(base, rankdir="TB", node_wrap=16, edge_wrap=14, nodesep=0.1, gap=0.2, width_pt=page.width_pt * 0.95,
                    name="TB-narrow"),
            # last: the boxes show only their names, listed with their French labels in the caption
            replace(base, rankdir="LR", node_wrap=9, edge_wrap=14, nodesep=0.08, gap=0.15, names="key",
                    name="LR-key"),
            replace(base, rankdir="TB", node_wrap=9, edge_wrap=14, nodesep=0.08, gap=0.15, names="key",
                    name="TB-key")]


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
        """What to do when the figure does not fit: its size and the text size it would
        print at, and the ways out (a separate caption, a split, a full page)."""
        if self.fits is not False:
            return None
        p, page = self.printed, self.page
        if not p.legible(page):
            why = (f"{p.width_cm:.1f} cm wide at {page.font_pt:g} pt: wider than {page.width_cm:g} cm "
                   f"(scaled to {page.width_cm:g} cm its smallest text would be {p.at(page):g} pt)")
        else:
            why = f"{p.height_cm:.1f} cm tall: taller than {page.height_cm:g} cm (--height)"
        ways = []
        if page.caption == "inline":
            alone = fit(self.figure, replace(page, caption="separate"))
            if alone.fits:
                ways.append(f"--caption separate (the drawing alone is {alone.printed.width_cm:.1f} × "
                            f"{alone.printed.height_cm:.1f} cm)")
        parts = len(self.figure.clusters) if self.figure.split_by else 0
        if parts > 1:
            ways.append(f"--split {self.figure.split_by} ({parts} figures, one per {self.figure.split_by})")
        if page.width_cm < 17 and not p.legible(page):
            ways.append("--width 17 (a full page)")
        return why + ("; try " + ", or ".join(ways) if ways else "")


def fit(figure: Figure, page: Page) -> Fitted:
    """The first layout of :func:`candidates` that fits ``page``; else, of those legible at
    its width, the shortest; else the narrowest. Without Graphviz, the first layout,
    unmeasured.

    The first layout is drawn alone (it fits most figures); when it does not, the others are
    drawn side by side (each is its own ``dot`` process), then judged in order.
    """
    layouts = candidates(figure, page)
    if not dot_available():
        return Fitted(figure, page, layouts[0], to_dot(figure, layouts[0]))
    first = _draw(figure, page, layouts[0])
    if first.fits:
        return first
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=4) as pool:
        tried = [first, *pool.map(lambda layout: _draw(figure, page, layout), layouts[1:])]
    for t in tried:
        if t.fits:
            return t
    legible = [t for t in tried if t.printed.legible(page)]
    if legible:
        return min(legible, key=lambda t: t.printed.height_cm)
    return min(tried, key=lambda t: t.printed.width_cm)


def _draw(figure: Figure, page: Page, layout: Layout) -> Fitted:
    dot = to_dot(figure, layout)
    svg = render(dot, "svg", figure.title, description(figure, layout.names == "key"))
    return Fitted(figure, page, layout, dot, svg, measure_svg(svg))
