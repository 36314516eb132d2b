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

import math
from dataclasses import dataclass, replace
from functools import cached_property

from .caption import description
from .graphviz import dot_available, render, to_dot
from .model import Figure
from .page import FULL_WIDTH_CM, Layout, Page, Printed, measure_svg


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
        print at, then the ways out that were drawn and measured to fit (a separate caption,
        a split, fewer citations, a full-width page); when none does, it says so and gives
        the page the drawing needs."""
        if self.fits is not False:
            return None
        p, page = self.printed, self.page
        if not p.legible(page):
            why = (f"{p.width_cm:.1f} cm wide at {page.font_pt:g} pt: wider than {page.width_cm:g} cm "
                   f"(scaled to {page.width_cm:g} cm its smallest text would be {p.at(page):g} pt)")
        else:
            why = f"{p.height_cm:.1f} cm tall: taller than {page.height_cm:g} cm (--height)"
        ways = ways_out(self)
        return why + ("; try " + ", or ".join(ways) if ways else "")


def _size(fitted: Fitted) -> str:
    return f"{fitted.printed.width_cm:.1f} × {fitted.printed.height_cm:.1f} cm"


def ways_out(fitted: Fitted) -> list[str]:
    """The options that make a figure that does not fit its page fit (each drawn and
    measured, with what it gives): the caption apart, the split (how many of its parts
    fit), fewer citations (``--min-count``), a full-width page. Never the split already
    applied: a part proposes the next thing. When none of these fits, it says so, with the
    page the figure needs (drawn on that page and measured too)."""
    figure, page = fitted.figure, fitted.page
    pages = [("", page)] + ([("--caption separate", replace(page, caption="separate"))]
                            if page.caption == "inline" else [])
    if len(pages) > 1:
        alone = fit(figure, pages[1][1])
        if alone.fits:
            return [f"--caption separate (the drawing alone is {_size(alone)})"]
    ways: list[str] = []
    solved = False   # whether one of the ways makes the whole figure fit
    if figure.split_by and not figure.part:
        from .split import split_figure
        parts = [part for _, part in split_figure(figure)]
        # each part on the page as asked, and (when it does not fit) with its caption apart
        inline = [fit(part, page).fits for part in parts]
        apart = [ok or (len(pages) > 1 and fit(part, pages[1][1]).fits) for part, ok in zip(parts, inline)]
        fitting, flag = ((sum(inline), "") if sum(inline) >= sum(apart) else (sum(apart), " --caption separate"))
        each = ("each fits" if fitting == len(parts) else f"{fitting} of them fit" if fitting
                else "none fits, each says what to try")
        ways.append(f"--split {figure.split_by}{flag} ({len(parts)} figures, one per {figure.split_by}: {each})")
        if fitting == len(parts):
            return ways
    if figure.columns:
        fewer = _fewer_citations(figure, pages)
        ways += fewer
        solved = bool(fewer)
    if page.width_cm < FULL_WIDTH_CM:
        for flag, other in pages:
            full = fit(figure, replace(other, width_cm=FULL_WIDTH_CM))
            if full.fits:
                ways.append(f"--width {FULL_WIDTH_CM:g} {flag}".rstrip() + f" (a full page: {_size(full)})")
                solved = True
                break
    if not solved:
        ways += _own_page(fitted, pages)
    return ways


def _own_page(fitted: Fitted, pages: list[tuple[str, Page]]) -> list[str]:
    """When nothing narrower fits: the page the figure needs (the legible drawing tried with
    the least height, as wide and tall as it is), drawn on that page and measured."""
    page = fitted.page
    best = min((fitted, *(fit(fitted.figure, other) for _, other in pages[1:])),
               key=lambda f: (not f.printed.legible(page), f.printed.height_cm, f.printed.width_cm))
    need = replace(best.page, width_cm=max(page.width_cm, math.ceil(best.printed.width_cm)),
                   height_cm=max(page.height_cm, math.ceil(best.printed.height_cm)))
    if not (4 <= need.width_cm <= 60 and need.height_cm <= 100):
        return [f"nothing tried fits {page.width_cm:g} × {page.height_cm:g} cm at {page.font_pt:g} pt"]
    there = fit(fitted.figure, need)
    flags = ([f"--width {need.width_cm:g}"] if need.width_cm != page.width_cm else []) + (
        [f"--height {need.height_cm:g}"] if need.height_cm != page.height_cm else []) + (
        ["--caption separate"] if need.caption != page.caption else [])
    if not there.fits or not flags:
        return [f"nothing tried fits {page.width_cm:g} × {page.height_cm:g} cm at {page.font_pt:g} pt"]
    return [" ".join(flags) + f" (nothing else tried fits {page.width_cm:g} × {page.height_cm:g} cm at "
                              f"{page.font_pt:g} pt: a page of its own, {_size(there)})"]


def _fewer_citations(figure: Figure, pages: list[tuple[str, Page]]) -> list[str]:
    """The smallest ``--min-count`` (of the next four counts) whose figure fits."""
    from .citations import at_least
    least = min((e.weight for e in figure.edges), default=1)
    for k in sorted({e.weight for e in figure.edges if e.weight > least})[:4]:
        fewer = at_least(figure, k)
        for flag, other in pages:
            kept = fit(fewer, other)
            if kept.fits:
                return [f"--min-count {k} {flag}".rstrip()
                        + f" ({len(fewer.edges)} of {len(figure.edges)} arrows, {_size(kept)})"]
    return []


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
