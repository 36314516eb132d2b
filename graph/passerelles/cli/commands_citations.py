"""Commands for legal analysts: build, citations, footnotes, acts, cited-by."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from ..errors import InputError, NoAnswer
from ..legal.grammar import Locator, format_locator
from .main import app
from .options import ENDPOINT, GRAPH, JSON, TIMEOUT
from .output import console, print_json, progress
from .state import STATE

STATUSES = ("resolved", "ambiguous", "unresolved")


@app.command()
def build(
    out: Path = typer.Option(Path("out"), "--out", "-o", metavar="DIR", help="Folder for passerelles.ttl and passerelles.nt."),
    as_json: bool = JSON,
) -> None:
    """Build the graph from the corpus and write it (sorted Turtle and N-Triples).

    Two builds of the same corpus give byte-identical files. Each file is written to a
    temporary file and renamed: a failed build leaves the previous output whole.
    """
    from ..rdf import cache
    from ..rdf.serialize import ntriples, write_graph

    app_ = STATE.app()
    with progress("Reading the corpus and parsing the circular"):
        model = app_.model
    with progress("Building the RDF graph"):
        graph = app_.memory_graph
    with progress(f"Writing {out}/"):
        nt = ntriples(graph)
        written = write_graph(graph, out, nt)
        # the build is the cache's natural filler: the next question reads it at once
        cache.save(model.corpus, nt)
    statuses = Counter(c.status for c in model.citations.citations)
    counts = {
        "triples": len(graph),
        "documents": len(model.corpus.documents),
        "divisions": len(model.divisions),
        "footnotes": len(model.footnotes),
        "citations": len(model.citations.citations),
        "citations_by_status": {s: statuses.get(s, 0) for s in STATUSES},
        "acts": len(model.registry.acts),
    }
    for name, extra in model.extras.items():
        counts.update(_extra_counts(name, extra))
    if as_json:
        print_json({"out": {k: str(v) for k, v in written.items()}, "counts": counts})
        return
    table = Table(title="Passerelles graph built", show_header=False)
    for key, value in counts.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        table.add_row(key.replace("_", " "), str(value))
    console.print(table)
    for path in written.values():
        console.print(f"wrote {path}")


def _extra_counts(name: str, extra) -> dict:
    if name == "catalogue":
        return {"options": len({o.code for o in getattr(extra, "options", [])})}
    if name == "curated":
        return {k: len(v) for k, v in extra.items()}
    return {}


def _place(record: dict) -> str:
    return format_locator(Locator(record.get("article"), record.get("paragraph"), record.get("alinea"), record.get("point")))


def _act_label(act: dict | None) -> str:
    if not act:
        return "—"
    return act["iri"].split("/eli/", 1)[-1]


@app.command()
def citations(
    act: Optional[str] = typer.Option(None, "--act", metavar="TEXT", help="One act: key, IRI, or words of its name or title (accents and case ignored), e.g. 'décret du 3 juillet 1991'; several matches: exit 2 with the candidates."),
    article: Optional[str] = typer.Option(None, "--article", metavar="N", help="Article, e.g. 6 or 2quater."),
    status: Optional[str] = typer.Option(None, "--status", metavar="S", help="resolved, ambiguous or unresolved."),
    as_json: bool = JSON,
    endpoint: Optional[str] = ENDPOINT,
    timeout: float = TIMEOUT,
    graph: Optional[str] = GRAPH,
) -> None:
    """Every citation occurrence (footnotes and body text), filterable.

    Examples: who cites art. 6 of the decree of 3 July 1991 —
    ``passerelles citations --act "décret du 3 juillet 1991" --article 6``; which citations
    could not be settled, and why — ``passerelles citations --status ambiguous``.
    """
    if article is not None and not article.strip():
        raise InputError("--article needs a value, e.g. 6 or 2quater")
    if status is not None and status not in STATUSES:
        raise InputError(f"--status must be one of {', '.join(STATUSES)} (got {status!r})")
    records = STATE.app(endpoint, timeout, graph).citations(act=act, article=article, status=status)
    if not records:
        raise NoAnswer("no citation matches these filters")
    if as_json:
        print_json(records)
        return
    table = Table(title=f"{len(records)} citation(s)")
    for col in ("line", "note", "act", "place", "status", "cited words / reason"):
        table.add_column(col, overflow="fold")
    for r in records:
        detail = r["text"] if not r["reason"] else f"{r['text']}\n[dim]{r['reason']}[/dim]"
        if r["alternatives"]:
            detail += "\n[dim]or: " + "; ".join(f"{_act_label(a['act'])} {_place(a)}".strip() for a in r["alternatives"]) + "[/dim]"
        table.add_row(str(r["source"]["line"]), str(r["source"]["footnote"] or ""), _act_label(r["act"]),
                      _place(r), r["status"], detail)
    console.print(table)


@app.command()
def footnotes(
    number: Optional[int] = typer.Argument(None, metavar="[N]", help="One note only."),
    as_json: bool = JSON,
    endpoint: Optional[str] = ENDPOINT,
    timeout: float = TIMEOUT,
    graph: Optional[str] = GRAPH,
) -> None:
    """The circular's footnotes, with their anchors in the body and their citations."""
    from ..views.citations import footnote_records
    records = footnote_records(STATE.app(endpoint, timeout, graph).store, number)
    if as_json:
        print_json(records)
        return
    table = Table(title=f"{len(records)} footnote(s)")
    for col in ("note", "line", "anchors", "text", "cites"):
        table.add_column(col, overflow="fold")
    for r in records:
        cites = "; ".join(f"{_act_label(c['act'])} {_place(c)} [{c['status']}]".strip() for c in r["citations"]) or "— (prose)"
        table.add_row(str(r["number"]), str(r["line"]), ", ".join(map(str, r["anchors"])), r["text"], cites)
    console.print(table)


@app.command()
def acts(
    as_json: bool = JSON,
    endpoint: Optional[str] = ENDPOINT,
    timeout: float = TIMEOUT,
    graph: Optional[str] = GRAPH,
) -> None:
    """The act registry: each act once, with how often and where it is cited."""
    from ..views.citations import act_records
    records = act_records(STATE.app(endpoint, timeout, graph).store)
    if as_json:
        print_json(records)
        return
    table = Table(title=f"{len(records)} acts")
    for col in ("act", "label", "citations", "lines"):
        table.add_column(col, overflow="fold")
    for r in records:
        lines = r["lines"]
        shown = ", ".join(map(str, lines[:12])) + (f" … (+{len(lines) - 12})" if len(lines) > 12 else "")
        table.add_row(r["key"], r["label"] + (f"\n[dim]{r['title']}[/dim]" if r["title"] else ""), str(r["citations"]), shown)
    console.print(table)


@app.command("cited-by")
def cited_by_cmd(
    act: str = typer.Argument(..., metavar="ACT", help="Act: key, IRI, or words of its name (e.g. 'décret du 3 juillet 1991')."),
    article: Optional[str] = typer.Option(None, "--article", metavar="N", help="Only this article and its parts."),
    as_json: bool = JSON,
    endpoint: Optional[str] = ENDPOINT,
    timeout: float = TIMEOUT,
    graph: Optional[str] = GRAPH,
) -> None:
    """The provisions of ACT ranked by the number of distinct passages citing them."""
    from ..views.citations import cited_by, resolve_act
    store = STATE.app(endpoint, timeout, graph).store
    found = resolve_act(store, act)
    rows = cited_by(store, found["iri"], article)
    if not rows:
        raise NoAnswer(f"nothing in the corpus cites {found['label']}" + (f", art. {article}" if article else ""))
    if as_json:
        print_json({"act": found, "provisions": rows})
        return
    table = Table(title=f"{found['label']} — provisions by citing passages")
    for col in ("provision", "passages"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["label"] or r["provision"], str(r["passages"]))
    console.print(table)
