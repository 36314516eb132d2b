"""Commands for legal analysts: build, citations, footnotes, acts, cited-by.

Each command parses its options, asks the front door (:class:`~passerelles.Passerelles`) and
prints the answer: its JSON, or text for people with French headers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import NoAnswer
from .front import front
from .options import ENDPOINT, GRAPH, JSON, TIMEOUT
from .output import emit, print_json, progress, say, table

_STATUS = {"resolved": "résolue", "ambiguous": "ambiguë", "unresolved": "non résolue"}
_COUNTS = {"triples": "triplets", "documents": "documents", "divisions": "divisions", "footnotes": "notes",
           "citations": "citations", "citations_by_status": "citations par statut", "acts": "actes",
           "options": "options", "rules": "règles", "titles": "titres", "years": "années", "parameters": "paramètres"}


def _act_label(act) -> str:
    return "—" if act is None else act.iri.split("/eli/", 1)[-1]


def build(
    ctx: typer.Context,
    out: Path = typer.Option(Path("out"), "--out", "-o", metavar="DIR", help="Folder for passerelles.ttl and passerelles.nt."),
    as_json: bool = JSON,
) -> None:
    """Build the graph from the corpus and write it (sorted Turtle and N-Triples).

    Two builds of the same corpus give byte-identical files. Each file is written to a
    temporary file and renamed: a failed build leaves the previous output whole.
    """
    p = front(ctx)
    with progress("Reading the corpus and parsing the circular"):
        p.model
    with progress(f"Building the RDF graph and writing {out}/"):
        built = p.build(out)
    if as_json:
        print_json(built)
        return
    rows = [(_COUNTS.get(k, k.replace("_", " ")),
             ", ".join(f"{_STATUS.get(s, s)} {n}" for s, n in v.items()) if isinstance(v, dict) else v)
            for k, v in built.counts.items()]
    table("Graphe Passerelles construit", ("contenu", "nombre"), rows)
    for path in built.out.values():
        say(f"wrote {path}")


def citations(
    ctx: typer.Context,
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
    could not be settled, and why — ``passerelles citations --status ambiguous``. Exit 1
    when no citation matches.
    """
    records = front(ctx, endpoint, timeout, graph).citations(act=act, article=article, status=status)

    def show(rows) -> None:
        out = []
        for r in rows:
            detail = r.text + (f" — {r.reason}" if r.reason else "")
            if r.alternatives:
                detail += " — ou : " + "; ".join(f"{_act_label(a.act)} {a.place}".strip() for a in r.alternatives)
            out.append((r.source.line, r.source.footnote or "", _act_label(r.act), r.place, _STATUS.get(r.status, r.status),
                        detail))
        table(f"{len(rows)} citation(s)", ("ligne", "note", "acte", "endroit", "statut", "mots cités / raison"), out)

    emit(records, as_json, show, "no citation matches these filters")


def footnotes(
    ctx: typer.Context,
    number: Optional[int] = typer.Argument(None, metavar="[N]", help="One note only."),
    as_json: bool = JSON,
    endpoint: Optional[str] = ENDPOINT,
    timeout: float = TIMEOUT,
    graph: Optional[str] = GRAPH,
) -> None:
    """The circular's footnotes, with their anchors in the body and their citations."""
    records = front(ctx, endpoint, timeout, graph).footnotes(number)

    def show(rows) -> None:
        out = []
        for r in rows:
            cites = "; ".join(f"{_act_label(c.act)} {c.place} ({_STATUS.get(c.status, c.status)})".replace("  ", " ")
                              for c in r.citations) or "— (prose)"
            out.append((r.number, r.line, ", ".join(map(str, r.anchors)), r.text, cites))
        table(f"{len(rows)} note(s)", ("note", "ligne", "appels", "texte", "cite"), out)

    emit(records, as_json, show)


def acts(
    ctx: typer.Context,
    as_json: bool = JSON,
    endpoint: Optional[str] = ENDPOINT,
    timeout: float = TIMEOUT,
    graph: Optional[str] = GRAPH,
) -> None:
    """The act registry: each act once, with how often and where it is cited."""
    records = front(ctx, endpoint, timeout, graph).acts()

    def show(rows) -> None:
        out = []
        for r in rows:
            shown = ", ".join(map(str, r.lines[:12])) + (f" … (+{len(r.lines) - 12})" if len(r.lines) > 12 else "")
            out.append((r.key, r.label + (f" — {r.title}" if r.title else ""), r.citations, shown))
        table(f"{len(rows)} actes", ("acte", "intitulé", "citations", "lignes"), out)

    emit(records, as_json, show)


def cited_by(
    ctx: typer.Context,
    act: str = typer.Argument(..., metavar="ACT", help="Act: key, IRI, or words of its name (e.g. 'décret du 3 juillet 1991')."),
    article: Optional[str] = typer.Option(None, "--article", metavar="N", help="Only this article and its parts."),
    as_json: bool = JSON,
    endpoint: Optional[str] = ENDPOINT,
    timeout: float = TIMEOUT,
    graph: Optional[str] = GRAPH,
) -> None:
    """The provisions of ACT ranked by the number of distinct passages citing them.

    Exit 1 when nothing in the corpus cites it (with --json: the act and no provision).
    """
    found = front(ctx, endpoint, timeout, graph).cited_by(act, article)
    if not found.provisions:
        if as_json:
            print_json(found)
        raise NoAnswer(f"nothing in the corpus cites {found.act.label}" + (f", art. {article}" if article else ""))

    def show(record) -> None:
        table(f"{record.act.label} — dispositions par passages qui les citent", ("disposition", "passages"),
              [(r.label or r.provision, r.passages) for r in record.provisions])

    emit(found, as_json, show)
