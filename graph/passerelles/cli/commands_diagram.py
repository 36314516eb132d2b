"""The ``diagram`` commands: routes, maps and citations as figures for publications."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .commands_routes import ADULT, AGE, CONTRACT, HOLDS, K, REGIME, SECTOR, YEAR
from .main import app
from .options import ENDPOINT, TIMEOUT
from .output import console, print_json
from .state import STATE

JSON = typer.Option(False, "--json", help='Print what was written as JSON: {"out", "format", "nodes", "edges", '
                                          '"footnotes"}.')

OUT = typer.Option(..., "--out", "-o", metavar="FILE",
                   help="The file to write; its extension sets the format: .svg, .pdf, .png (need Graphviz), "
                        ".dot or .mmd (Mermaid).")

diagram_app = typer.Typer(
    help="Figures for publications: routes, maps and citations as SVG, PDF, PNG (Graphviz), DOT or Mermaid.",
    no_args_is_help=True,
)
app.add_typer(diagram_app, name="diagram")


@diagram_app.callback()
def _diagram(ctx: typer.Context, as_json: bool = JSON) -> None:
    # --json is accepted before the sub-command too: "passerelles diagram --json route …".
    ctx.obj = {"json": as_json}


def _json(ctx: typer.Context, as_json: bool) -> bool:
    return as_json or bool((ctx.obj or {}).get("json"))


def _write(diagram, out: Path, as_json: bool) -> None:
    record = diagram.save(out)
    if as_json:
        print_json(record)
        return
    notes = f", {len(record['footnotes'])} note(s)" if record["footnotes"] else ""
    console.print(f"wrote {record['out']} ({record['format']}: {record['nodes']} nodes, {record['edges']} edges{notes})")


@diagram_app.command("route")
def route_cmd(
    ctx: typer.Context,
    from_: str = typer.Argument(..., metavar="FROM", help="What the pupil holds or completed: a title (CE6P …) or a year (4P …)."),
    to: str = typer.Argument(..., metavar="TO", help="The goal: a title (CESS), a year (7P), an option code (7130), 7e, 7e:L …"),
    out: Path = OUT, age: Optional[float] = AGE, adult: Optional[bool] = ADULT,
    contract: Optional[List[str]] = CONTRACT, holds: Optional[List[str]] = HOLDS, regime: Optional[str] = REGIME,
    sector: Optional[int] = SECTOR, year: Optional[str] = YEAR, k: int = K,
    as_json: bool = JSON, endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT,
) -> None:
    """The k shortest routes from FROM to TO as one figure.

    Arrows give the kind of step, the school years it adds and its legal basis; the conditions still to meet
    are numbered notes under the figure.

    Example: passerelles diagram route CE6P CESS -o routes.pdf
    """
    from ..diagrams import format_of, route_diagram
    format_of(out)  # a bad extension fails before any work
    diagram = route_diagram(STATE.app(endpoint, timeout), from_, to, k=k, age=age, adult=adult,
                            contracts=contract or [], holds=holds or [], regime=regime, sector=sector, year=year)
    _write(diagram, out, _json(ctx, as_json))


@diagram_app.command("map")
def map_cmd(
    ctx: typer.Context,
    to: str = typer.Option("CESS", "--to", metavar="GOAL", help="The goal: CESS, 7e, or any title, year or option."),
    sector: Optional[int] = typer.Option(None, "--sector", metavar="N",
                                         help="Only 7th-year options of this sector (1-10); with --to 7e, draws them."),
    out: Path = OUT, as_json: bool = JSON, endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT,
) -> None:
    """Every route towards a goal at once, grouped by degree.

    All titles and years from which the goal can be reached, with the steps between them; the legal bases
    are numbered notes under the figure.

    Example: passerelles diagram map --to 7e --sector 7 -o map.svg
    """
    from ..diagrams import format_of, map_diagram
    format_of(out)
    _write(map_diagram(STATE.app(endpoint, timeout), to, sector=sector), out, _json(ctx, as_json))


@diagram_app.command("citations")
def citations_cmd(
    ctx: typer.Context,
    act: Optional[str] = typer.Option(None, "--act", metavar="TEXT",
                                      help="One act: key, IRI, or words of its name (as 'passerelles citations --act')."),
    out: Path = OUT, as_json: bool = JSON, endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT,
) -> None:
    """Which chapters and sections of the circular cite which articles.

    Arrows are weighted by the number of citations.

    Example: passerelles diagram citations --act "décret du 3 juillet 1991" -o cites.svg
    """
    from ..diagrams import citations_diagram, format_of
    format_of(out)
    _write(citations_diagram(STATE.app(endpoint, timeout), act), out, _json(ctx, as_json))
