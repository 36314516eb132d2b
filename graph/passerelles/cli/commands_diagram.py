"""The ``diagram`` commands: routes, maps and citations as figures for publications, laid
out for a printed page (``--width``, ``--font-size``) and measured once drawn."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .commands_routes import ADULT, AGE, CONTRACT, HOLDS, K, REGIME, SECTOR, YEAR
from .main import app
from .options import ENDPOINT, GRAPH, TIMEOUT
from .output import console, err, print_json
from .state import STATE

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


def _split_option(by: str) -> typer.Option:
    return typer.Option(None, "--split", metavar=by.upper(),
                        help=f"Draw one figure per {by} (FILE-PART.ext), for a figure too large for the page.")


diagram_app = typer.Typer(
    help="Figures for publications: routes, maps and citations as SVG, PDF, PNG (Graphviz), DOT or Mermaid, "
         "laid out for a printed page (--width cm, --font-size pt).",
    no_args_is_help=True,
)
app.add_typer(diagram_app, name="diagram")


@diagram_app.callback()
def _diagram(ctx: typer.Context, as_json: bool = JSON) -> None:
    # --json is accepted before the sub-command too: "passerelles diagram --json route …".
    ctx.obj = {"json": as_json}


def _json(ctx: typer.Context, as_json: bool) -> bool:
    return as_json or bool((ctx.obj or {}).get("json"))


def _page(width: float, height: float, font_size: float, caption: str, dpi: int):
    from ..diagrams import Page
    return Page(width_cm=width, height_cm=height, font_pt=font_size, caption=caption, dpi=dpi)


def _check(out: Path, split: str | None, allowed: str) -> None:
    """Input errors before any work: a bad extension, an unknown split."""
    from ..diagrams import format_of
    from ..errors import InputError
    format_of(out)
    if split is not None and split != allowed:
        raise InputError(f"--split must be {allowed!r} for this figure (got {split!r})")


def _summary(record: dict) -> str:
    notes = f", {len(record['footnotes'])} note(s)" if record["footnotes"] else ""
    line = f"wrote {record['out']} ({record['format']}: {record['nodes']} nodes, {record['edges']} edges{notes})"
    printed, page = record.get("printed"), record["page"]
    if printed:
        line += (f"; printed {printed['width_cm']:.1f} × {printed['height_cm']:.1f} cm, smallest text "
                 f"{printed['smallest_font_pt']:g} pt (page: {page['width_cm']:g} × {page['height_cm']:g} cm, "
                 f"{page['font_size_pt']:g} pt{', fits' if record['fits'] else ', does NOT fit'})")
    for path in record.get("captions") or []:
        line += f"\nwrote {path} (caption)"
    return line


def _write(diagram, out: Path, as_json: bool, split: str | None) -> None:
    if split is None:
        record = diagram.save(out)
        if as_json:
            print_json(record)
            return
        console.print(_summary(record))
        if record.get("advice"):
            err(f"warning: {out.name} does not fit the page: {record['advice']}")
        return
    records = [part.save(out.with_name(f"{out.stem}-{name}{out.suffix}")) for name, part in diagram.parts()]
    if as_json:
        print_json({"split": split, "parts": records})
        return
    for record in records:
        console.print(_summary(record))
        if record.get("advice"):
            err(f"warning: {Path(record['out']).name} does not fit the page: {record['advice']}")


@diagram_app.command("route")
def route_cmd(
    ctx: typer.Context,
    from_: str = typer.Argument(..., metavar="FROM", help="What the pupil holds or completed: a title (CE6P …) or a year (4P …)."),
    to: str = typer.Argument(..., metavar="TO", help="The goal: a title (CESS), a year (7P), an option code (7130), 7e, 7e:L …"),
    out: Path = OUT, age: Optional[float] = AGE, adult: Optional[bool] = ADULT,
    contract: Optional[List[str]] = CONTRACT, holds: Optional[List[str]] = HOLDS, regime: Optional[str] = REGIME,
    sector: Optional[int] = SECTOR, year: Optional[str] = YEAR, k: int = K,
    width: float = WIDTH, height: float = HEIGHT, font_size: float = FONT_SIZE, caption: str = CAPTION,
    dpi: int = DPI,
    as_json: bool = JSON, endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT, graph: Optional[str] = GRAPH,
) -> None:
    """The k shortest routes from FROM to TO as one figure.

    Arrows give the kind of step, the school years it adds and its legal basis; the conditions still to meet
    are numbered notes under the figure (or in the caption file).

    Example: passerelles diagram route CE6P CESS -o routes.pdf
    """
    from ..diagrams import route_diagram
    _check(out, None, "")
    page = _page(width, height, font_size, caption, dpi)
    diagram = route_diagram(STATE.app(endpoint, timeout, graph), from_, to, k=k, page=page, age=age, adult=adult,
                            contracts=contract or [], holds=holds or [], regime=regime, sector=sector, year=year)
    _write(diagram, out, _json(ctx, as_json), None)


@diagram_app.command("map")
def map_cmd(
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

    Example: passerelles diagram map --to 7e --sector 7 -o map.svg
    """
    from ..diagrams import map_diagram
    _check(out, split, "degree")
    page = _page(width, height, font_size, caption, dpi)
    _write(map_diagram(STATE.app(endpoint, timeout, graph), to, sector=sector, page=page), out,
           _json(ctx, as_json), split)


@diagram_app.command("citations")
def citations_cmd(
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
    from ..diagrams import citations_diagram
    _check(out, split, "chapter")
    page = _page(width, height, font_size, caption, dpi)
    _write(citations_diagram(STATE.app(endpoint, timeout, graph), act, min_count=min_count, page=page), out,
           _json(ctx, as_json), split)


@diagram_app.command("gallery")
def gallery_cmd(
    out: Path = typer.Option(Path("notebooks/gallery"), "--out", "-o", metavar="DIR",
                             help="Where to draw the gallery (the README shows notebooks/gallery/)."),
    check: bool = typer.Option(False, "--check", help="Draw nothing; exit 1 if an image is missing or out of date."),
    as_json: bool = JSON,
) -> None:
    """The README's gallery: one small PNG of each kind of figure (route, map part, citations).

    Run from the repository's root after changing the figures; --check says whether it is up to date.

    Example: passerelles diagram gallery
    """
    from ..diagrams.gallery import stale, write_gallery
    from ..errors import NoAnswer
    if check:
        old = stale(STATE.app(), out)
        if old:
            raise NoAnswer(f"gallery out of date in {out}: {', '.join(old)}; run 'passerelles diagram gallery'")
        console.print(f"gallery up to date in {out}")
        return
    records = write_gallery(STATE.app(), out)
    if as_json:
        print_json(records)
        return
    for r in records:
        size = f" ({r['printed']['width_cm']:.1f} × {r['printed']['height_cm']:.1f} cm printed)" if r["printed"] else ""
        console.print(f"wrote {r['out']}{size}")
