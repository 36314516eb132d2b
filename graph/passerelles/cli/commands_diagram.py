"""The ``diagram`` commands: routes, maps and citations as figures for publications, laid
out for a printed page (``--width``, ``--font-size``) and measured once drawn."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import List, Optional

import typer

from .front import Settings, front, settings
from .options import ENDPOINT, GRAPH, TIMEOUT
from .route_options import (ADULT, AGE, CONTRACT, EXPERIENCE, HOLDS, JURISDICTION, K, MISSING, REGIME, REGISTERED,
                            SECTOR, SINCE_RESULT, STATUS, YEAR, filters)
from .output import answering, err, print_json, say

JSON = typer.Option(False, "--json", help='Print what was written as JSON: {"out", "format", "nodes", "edges", '
                                          '"footnotes", "page", "printed", "fits", "layout", "captions", "advice"} '
                                          '(with --split: {"split", "parts": [...]}).')
OUT = typer.Option(..., "--out", "-o", metavar="FILE",
                   help="The file to write; its extension sets the format: .svg, .pdf, .png (need Graphviz), "
                        ".dot or .mmd (Mermaid). With --split, one file per part: FILE-PART.ext.")
WIDTH = typer.Option(17.0, "--width", metavar="CM",
                     help="Printed width in cm: the figure is laid out to be at most this wide "
                          "(17: a journal's full text width; 8.5: one column).")
HEIGHT = typer.Option(23.0, "--height", metavar="CM",
                      help="The height the figure may take at most (23: a journal page, with room for a caption).")
FONT_SIZE = typer.Option(8.0, "--font-size", metavar="PT", help="Smallest text size in points at that width.")
CAPTION = typer.Option("inline", "--caption", metavar="inline|separate",
                       help="inline: title, legend, notes and source under the drawing; separate: the drawing "
                            "alone, the rest in FILE.caption.md and FILE.caption.tex.")
DPI = typer.Option(300, "--dpi", metavar="N", help="Resolution of .png output.")

#: The help of the group of commands.
HELP = ("Figures for publications: routes, maps and citations as SVG, PDF, PNG (Graphviz), DOT or Mermaid, "
        "laid out for a printed page (--width cm, --font-size pt).")


def _split_option(by: str) -> typer.Option:
    return typer.Option(None, "--split", metavar=by.upper(),
                        help=f"Draw one figure per {by} (FILE-PART.ext), for a figure too large for the page.")


def group(ctx: typer.Context, as_json: bool = JSON) -> None:
    # --json is accepted before the sub-command too: "passerelles diagram --json route …".
    ctx.obj = replace(settings(ctx), json=as_json)


def _page(width: float, height: float, font_size: float, caption: str, dpi: int) -> dict:
    return {"width_cm": width, "height_cm": height, "font_pt": font_size, "caption": caption, "dpi": dpi}


def _nothing(exc) -> dict:
    return {"out": None, "diagnosis": exc.args[0].to_dict() if hasattr(exc.args[0], "to_dict")
            else {"message": str(exc)}}


def _summary(record) -> str:
    notes = f", {len(record.footnotes)} note(s)" if record.footnotes else ""
    line = f"wrote {record.out} ({record.format}: {record.nodes} nodes, {record.edges} edges{notes})"
    printed, page = record.printed, record.page
    if printed:
        line += (f"; printed {printed['width_cm']:.1f} × {printed['height_cm']:.1f} cm, smallest text "
                 f"{printed['smallest_font_pt']:g} pt (page: {page['width_cm']:g} × {page['height_cm']:g} cm, "
                 f"{page['font_size_pt']:g} pt{', fits' if record.fits else ', does NOT fit'})")
    for path in record.captions or []:
        line += f"\nwrote {path} (caption)"
    return line


def _draw(ctx: typer.Context, as_json: bool, endpoint, timeout, graph, kind: str, *names, **options) -> None:
    as_json = as_json or settings(ctx).json
    with answering(as_json, _nothing):
        written = front(ctx, endpoint, timeout, graph).draw(kind, *names, **options)
    if as_json:
        print_json(written)
        return
    for record in getattr(written, "parts", None) or (written,):
        say(_summary(record))
        if record.advice:
            err(f"warning: {Path(record.out).name} does not fit the page: {record.advice}")


def route(
    ctx: typer.Context,
    from_: str = typer.Argument(..., metavar="FROM", help="What the pupil holds or completed: a title (CE6P …) or a year (4P …)."),
    to: str = typer.Argument(..., metavar="TO", help="The goal: a title (CESS), a year (7P), an option code (7130), 7e, 7e:L …"),
    out: Path = OUT, age: Optional[float] = AGE, adult: Optional[bool] = ADULT,
    contract: Optional[List[str]] = CONTRACT, holds: Optional[List[str]] = HOLDS, regime: Optional[str] = REGIME,
    sector: Optional[int] = SECTOR, year: Optional[str] = YEAR, jurisdiction: Optional[str] = JURISDICTION,
    experience: Optional[str] = EXPERIENCE, status: Optional[List[str]] = STATUS,
    registered: Optional[List[str]] = REGISTERED, since_result: Optional[str] = SINCE_RESULT,
    missing: Optional[int] = MISSING, k: int = K,
    width: float = WIDTH, height: float = HEIGHT, font_size: float = FONT_SIZE, caption: str = CAPTION,
    dpi: int = DPI,
    as_json: bool = JSON, endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT, graph: Optional[str] = GRAPH,
) -> None:
    """The k shortest routes from FROM to TO as one figure.

    Arrows give the kind of step, the school years it adds and its legal basis; the conditions still to meet
    are numbered notes under the figure (or in the caption file).

    Example: passerelles diagram route CE6P CESS -o routes.pdf
    """
    _draw(ctx, as_json, endpoint, timeout, graph, "route", from_, to, out=out, k=k,
          **_page(width, height, font_size, caption, dpi),
          **filters(age, adult, contract, holds, regime, sector, year, jurisdiction, experience, status, registered,
                    since_result, missing))


def map_(
    ctx: typer.Context,
    to: str = typer.Option("CESS", "--to", metavar="GOAL", help="The goal: CESS, 7e, or any title, year or option."),
    sector: Optional[int] = typer.Option(None, "--sector", metavar="N",
                                         help="Only 7th-year options of this sector (1-10); with --to 7e, draws them."),
    out: Path = OUT, split: Optional[str] = _split_option("degree"),
    width: float = WIDTH, height: float = HEIGHT, font_size: float = FONT_SIZE, caption: str = CAPTION,
    dpi: int = DPI,
    as_json: bool = JSON, endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT, graph: Optional[str] = GRAPH,
) -> None:
    """Every route towards a goal at once, grouped by degree.

    All titles and years from which the goal can be reached, with the steps between them; the legal bases
    are numbered notes under the figure. A whole map is too large for a page: --split degree draws one
    figure per degree.

    Example: passerelles diagram map --to 7e --sector 7 --split degree --caption separate -o map.svg
    """
    _draw(ctx, as_json, endpoint, timeout, graph, "map", to, out=out, split=split, sector=sector,
          **_page(width, height, font_size, caption, dpi))


def citations(
    ctx: typer.Context,
    act: Optional[str] = typer.Option(None, "--act", metavar="TEXT",
                                      help="One act: key, IRI, or words of its name (as 'passerelles citations --act')."),
    min_count: int = typer.Option(1, "--min-count", metavar="N",
                                  help="Leave out the (division, article) pairs cited fewer than N times "
                                       "(2: no single citation)."),
    out: Path = OUT, split: Optional[str] = _split_option("chapter"),
    width: float = WIDTH, height: float = HEIGHT, font_size: float = FONT_SIZE, caption: str = CAPTION,
    dpi: int = DPI,
    as_json: bool = JSON, endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT, graph: Optional[str] = GRAPH,
) -> None:
    """Which chapters and sections of the circular cite which articles.

    Chapters and sections in document order on the left, articles in legal order (2, 2bis, 2ter … 10) on
    the right; the number of citations is written where each arrow leaves its division, and sets its
    thickness. Read from the graph (embedded or --endpoint), not from the corpus.

    Example: passerelles diagram citations --act "décret du 3 juillet 1991" --min-count 2 -o cites.svg
    """
    names = (act,) if act is not None else ()
    _draw(ctx, as_json, endpoint, timeout, graph, "citations", *names, out=out, split=split, min_count=min_count,
          **_page(width, height, font_size, caption, dpi))


def gallery(
    ctx: typer.Context,
    out: Path = typer.Option(Path("notebooks/gallery"), "--out", "-o", metavar="DIR",
                             help="Where to draw the gallery (the README shows notebooks/gallery/)."),
    check: bool = typer.Option(False, "--check", help="Draw nothing; exit 1 if an image is missing or out of date."),
    as_json: bool = JSON,
) -> None:
    """The README's gallery: one small PNG of each kind of figure (route, map part, citations).

    Run from the repository's root after changing the figures; --check says whether it is up to date.

    Example: passerelles diagram gallery
    """
    from ..errors import NoAnswer
    as_json = as_json or settings(ctx).json
    if check:
        old = front(ctx).gallery(out, check=True)
        if as_json:
            print_json({"out": str(out), "stale": old})
        if old:
            raise NoAnswer(f"gallery out of date in {out}: {', '.join(old)}; run 'passerelles diagram gallery'")
        if not as_json:
            say(f"gallery up to date in {out}")
        return
    records = front(ctx).gallery(out)
    if as_json:
        print_json(records)
        return
    for r in records:
        size = f" ({r['printed']['width_cm']:.1f} × {r['printed']['height_cm']:.1f} cm printed)" if r["printed"] else ""
        say(f"wrote {r['out']}{size}")


__all__ = ["HELP", "Settings", "group", "route", "map_", "citations", "gallery"]
