"""The printed page: what a figure is asked to fit, how it is laid out for it, and what it
measures once drawn.

A journal prints a figure at its text width (17 cm for a full page, 8.5 cm for one column)
and its text must stay legible (8 pt). A figure drawn at its natural size in points *is* its
printed size when it is no wider than the page; so the layout is made for the page (rank
direction, wrapping, caption moved out) instead of scaling a large drawing down, and the
result is checked on the drawn SVG.

>>> page = Page(width_cm=8.5)
>>> round(page.width_pt, 1), page.font_pt
(240.9, 8.0)
>>> measure_svg(b'<svg width="241pt" height="100pt" viewBox="0.00 0.00 241.00 100.00" '
...             b'xmlns="http://www.w3.org/2000/svg"><g transform="scale(1 1)">'
...             b'<text font-size="8.00">a</text><text font-size="10.00">b</text></g></svg>')
Printed(width_cm=8.5, height_cm=3.53, smallest_font_pt=8.0, label_gap_pt=0.0)
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace

from ..errors import InputError

CM_PER_PT = 2.54 / 72
#: A full page of text in most journals, one column of a two-column page.
FULL_WIDTH_CM, COLUMN_WIDTH_CM = 17.0, 8.5
DEFAULT_FONT_PT = 8.0
DEFAULT_DPI = 300
PAGE_HEIGHT_CM = 23.0
CAPTIONS = ("inline", "separate")
#: Tolerance of the checks: Graphviz rounds the page size to whole points.
_SLACK_PT = 1.0
#: An edge label farther than this from its arrow could be read as another's.
MAX_LABEL_GAP_PT = 12.0


@dataclass(frozen=True)
class Page:
    """What a figure is asked to fit.

    Parameters
    ----------
    width_cm : float
        The width the figure is printed at, at most (17 cm: a journal's text width).
    font_pt : float
        The smallest text size wanted at that width, in points.
    caption : {"inline", "separate"}
        ``inline``: title, legend, notes and source under the drawing; ``separate``: the
        drawing alone, the rest in caption files (``*.caption.md``, ``*.caption.tex``).
    dpi : int
        Resolution of PNG output.
    height_cm : float
        The height it may take at most (23 cm: a journal page's text, less room for a line
        of caption).

    Raises
    ------
    InputError
        A width or size that cannot be printed, an unknown caption mode.

    >>> Page(width_cm=2)
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: --width must be between 4 and 60 cm (got 2)
    """

    width_cm: float = FULL_WIDTH_CM
    font_pt: float = DEFAULT_FONT_PT
    caption: str = "inline"
    dpi: int = DEFAULT_DPI
    height_cm: float = PAGE_HEIGHT_CM

    def __post_init__(self) -> None:
        if not 4 <= self.width_cm <= 60:
            raise InputError(f"--width must be between 4 and 60 cm (got {self.width_cm:g})")
        if not 4 <= self.height_cm <= 100:
            raise InputError(f"--height must be between 4 and 100 cm (got {self.height_cm:g})")
        if not 5 <= self.font_pt <= 24:
            raise InputError(f"--font-size must be between 5 and 24 pt (got {self.font_pt:g})")
        if self.caption not in CAPTIONS:
            raise InputError(f"--caption must be one of {', '.join(CAPTIONS)} (got {self.caption!r})")
        if not 30 <= self.dpi <= 1200:
            raise InputError(f"--dpi must be between 30 and 1200 (got {self.dpi})")

    @property
    def width_pt(self) -> float:
        return self.width_cm / CM_PER_PT

    def to_dict(self) -> dict:
        return {"width_cm": self.width_cm, "height_cm": self.height_cm, "font_size_pt": self.font_pt,
                "caption": self.caption}


@dataclass(frozen=True)
class Layout:
    """How a figure is drawn for a page: the choices the fitting tries in turn.

    ``rankdir`` is Graphviz's direction (``LR`` or ``TB``); ``node_wrap`` and ``edge_wrap``
    the width of label lines in characters; ``width_pt`` the width the caption block and
    the labels of a column layout are wrapped to; ``font_pt`` the text size; ``gap`` and
    ``nodesep`` the space between ranks and between the boxes of a rank, in inches (None: the
    figure's own); ``names`` ``full`` (boxes show their French labels) or ``key`` (boxes show
    only their names, the caption lists what they stand for); ``name`` says which it is.
    """

    font_pt: float = DEFAULT_FONT_PT
    width_pt: float = FULL_WIDTH_CM / CM_PER_PT
    rankdir: str = "LR"
    node_wrap: int = 22
    edge_wrap: int = 26
    caption: str = "inline"
    gap: float | None = None
    nodesep: float | None = None
    names: str = "full"
    name: str = "LR"

    def sizes(self) -> dict[str, float]:
        """Text sizes: the asked size everywhere, a little larger for names and the title."""
        f = self.font_pt
        return {"title": f + 2, "subtitle": f, "name": f + 1, "text": f, "cluster": f}

    def narrower(self, **changes) -> Layout:
        return replace(self, **changes)


@dataclass(frozen=True)
class Printed:
    """A drawn figure's size at 100 % and the smallest text in it, in points."""

    width_cm: float
    height_cm: float
    smallest_font_pt: float
    #: How far the farthest edge label is from its arrow (0: no label).
    label_gap_pt: float = 0.0

    def legible(self, page: Page) -> bool:
        """Whether it can be printed at ``page``'s width without scaling below the asked size,
        with every edge label next to its arrow."""
        return (self.width_cm <= page.width_cm + _SLACK_PT * CM_PER_PT
                and self.smallest_font_pt >= page.font_pt - 0.01 and self.label_gap_pt <= MAX_LABEL_GAP_PT)

    def fits(self, page: Page) -> bool:
        """Whether it is legible on ``page`` and no taller than it."""
        return self.legible(page) and self.height_cm <= page.height_cm + _SLACK_PT * CM_PER_PT

    def at(self, page: Page) -> float:
        """The smallest text size once scaled down to the page width (no scaling up)."""
        scale = min(1.0, page.width_cm / self.width_cm) if self.width_cm else 1.0
        return round(self.smallest_font_pt * scale, 1)

    def to_dict(self) -> dict:
        return {"width_cm": self.width_cm, "height_cm": self.height_cm, "smallest_font_pt": self.smallest_font_pt,
                "label_gap_pt": self.label_gap_pt}


_SVG = "{http://www.w3.org/2000/svg}"
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(pt|px|in|cm|mm)?\s*$")
_UNIT_PT = {"pt": 1.0, None: 0.75, "px": 0.75, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4}


def _length_pt(value: str | None) -> float:
    m = _LENGTH.match(value or "")
    if not m:
        raise ValueError(f"not an SVG length: {value!r}")
    return float(m[1]) * _UNIT_PT[m[2]]


def _scale_of(transform: str | None) -> float:
    m = re.search(r"scale\(\s*([0-9.]+)", transform or "")
    return float(m[1]) if m else 1.0


def measure_svg(svg: bytes) -> Printed:
    """The printed size (cm, at 100 %) and the smallest text (pt) of an SVG drawing.

    Text sizes are those of the ``<text>`` elements, times every scale on the way to the
    page: the ``viewBox`` against the width, and the ``scale()`` of enclosing groups.
    """
    root = ET.fromstring(svg)
    width, height = _length_pt(root.get("width")), _length_pt(root.get("height"))
    box = [float(x) for x in (root.get("viewBox") or f"0 0 {width} {height}").replace(",", " ").split()]
    view_scale = width / box[2] if box[2] else 1.0
    sizes: list[float] = []

    def walk(element: ET.Element, scale: float) -> None:
        scale *= _scale_of(element.get("transform"))
        if element.tag == f"{_SVG}text" and element.get("font-size") and (element.text or "").strip():
            sizes.append(float(element.get("font-size")) * scale)
        for child in element:
            walk(child, scale)

    walk(root, view_scale)
    return Printed(round(width * CM_PER_PT, 2), round(height * CM_PER_PT, 2), round(min(sizes, default=0.0), 2),
                   round(label_gap(root), 1))


def path_points(d: str) -> list[tuple[float, float]]:
    """Points along a path of cubic Béziers (``M x,y C x,y x,y x,y …``, as Graphviz draws edges).

    >>> path_points("M0,0 C0,10 10,10 10,0")[5]
    (5.0, 7.5)
    """
    pts = [tuple(map(float, xy.split(","))) for xy in re.findall(r"-?[0-9.]+,-?[0-9.]+", d)]
    out = pts[:1]
    for i in range(1, len(pts) - 2, 3):
        for k in range(1, 11):
            t = k / 10
            out.append(tuple((1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t * t * c + t ** 3 * e
                             for a, b, c, e in zip(pts[i - 1], pts[i], pts[i + 1], pts[i + 2])))
    return out


def label_gap(root: ET.Element) -> float:
    """The largest distance, in the SVG's units, between an edge's label and its arrow: for
    each edge with text, the gap between its nearest text line's box and its path.

    >>> svg = ('<svg xmlns="http://www.w3.org/2000/svg"><g class="edge"><path d="M0,0 C10,0 20,0 30,0"/>'
    ...        '<text text-anchor="start" x="0" y="-2" font-size="8">[1]</text></g></svg>')
    >>> label_gap(ET.fromstring(svg))   # the text's baseline 2 units above the arrow
    2.0
    """
    worst = 0.0
    for g in root.iter(f"{_SVG}g"):
        path = g.find(f"{_SVG}path") if g.get("class") == "edge" else None
        lines = [t for t in g.iter(f"{_SVG}text") if (t.text or "").strip()] if path is not None else []
        if not lines:
            continue
        curve = path_points(path.get("d") or "")
        gaps = []
        for t in lines:
            x, y, size = float(t.get("x")), float(t.get("y")), float(t.get("font-size") or 8)
            w = text_width(t.text, size)
            left = {"middle": x - w / 2, "end": x - w}.get(t.get("text-anchor"), x)
            gaps.append(min((max(0.0, left - px, px - left - w) ** 2 + max(0.0, y - size - py, py - y) ** 2) ** 0.5
                            for px, py in curve))
        worst = max(worst, min(gaps))
    return worst


# -- text widths (for wrapping before Graphviz measures) ----------------------------------

#: Advance widths of DejaVu Sans in em, as Graphviz's pango layout measures them (grouped by
#: width); other characters count 0.65 em. Bold is 8 to 28 % wider (counted 15 %).
_WIDTHS = {
    0.169: "\\", 0.277: "'ijlîï", 0.292: "IJÎÏ", 0.315: " ,.·’", 0.338: "/:;|", 0.345: "f", 0.36: "-",
    0.389: "r", 0.39: "()[]t", 0.397: "!", 0.457: '"', 0.502: "*_`–°§", 0.518: "s", 0.525: "z", 0.532: "?",
    0.547: "cç", 0.555: "L", 0.577: "Fk", 0.592: "vxyÿ", 0.594: "T", 0.6: "P━─╌┈", 0.608: "Y", 0.612: "oôö",
    0.613: "eéèêë", 0.615: "aàâä«»", 0.63: "EÉÈÊË", 0.637: "0123456789$Sbdghnpquùûü{}", 0.653: "K",
    0.682: "BVXZ", 0.698: "CRÇ", 0.711: "AÀÂ", 0.735: "UÙÛÜ", 0.75: "HN", 0.772: "DG▶▷", 0.78: "&",
    0.788: "OQÔÖ", 0.817: "w", 0.84: "#+<=>^~→❯", 0.862: "M", 0.952: "%", 0.975: "m", 0.982: "æ",
    0.99: "W", 0.997: "@—…", 1.02: "œ", 1.072: "Œ",
}
_EM = {ch: width for width, chars in _WIDTHS.items() for ch in chars}
_BOLD = 1.15
#: At small sizes the laid-out glyphs come out up to 3 % wider than their advance widths.
_HINTING = 1.04


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` in points at ``size``, as Graphviz lays it out (a little more).

    >>> round(text_width("Les élèves", 10), 1), round(text_width("CESS", 10, bold=True), 1)
    (54.4, 31.1)
    """
    return sum(_EM.get(ch, 0.65) for ch in text) * size * (_BOLD if bold else 1.0) * _HINTING


def wrap_to(text: str, width_pt: float, size: float, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width_pt`` at ``size`` (words are never cut: a word
    wider than the line has a line of its own).

    >>> wrap_to("Les élèves majeurs qui ne suivent que la formation qualifiante", 120, 8)
    ['Les élèves majeurs qui ne', 'suivent que la formation', 'qualifiante']
    """
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width_pt:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def chars_for(width_pt: float, size: float, upper: bool = False) -> int:
    """How many characters of ordinary text fit in ``width_pt`` (at least 12).

    >>> chars_for(Page().width_pt, 8)
    109
    """
    em = 0.62 if upper else 0.55
    return max(12, int(width_pt / (size * em)))
