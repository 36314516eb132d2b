"""Commands for pathways: route, explain, resolve, titles.

The filters of a route question are parsed here and passed on as they are: the front door
checks them (:data:`passerelles.routes.service.FILTERS`).
"""

from __future__ import annotations

from typing import List, Optional

import typer

from .front import front
from .options import ENDPOINT, GRAPH, JSON, TIMEOUT
from .route_options import (ADULT, AGE, ALL, CONTRACT, EXPERIENCE, HOLDS, JURISDICTION, K, MAX_YEARS, MISSING, REGIME,
                            REGISTERED, SECTOR, SINCE_RESULT, STATUS, YEAR, filters)
from ..text import wrap
from .output import answering, emit, say, table, width

_KINDS = {"year": "année", "title": "titre", "option": "option", "seventh-years": "7es années", "start": "départ"}


def route(
    ctx: typer.Context,
    from_: str = typer.Argument(..., metavar="FROM", help="What the pupil holds or completed: a title (CE6P, CQ6 …) or a year (4P …)."),
    to: str = typer.Argument(..., metavar="TO", help="The goal: a title (CESS), a year (7P, 5TQ), an option code (7130), 7e or 7e:L / 7e:S-O / 7e:O."),
    age: Optional[float] = AGE, adult: Optional[bool] = ADULT, contract: Optional[List[str]] = CONTRACT,
    holds: Optional[List[str]] = HOLDS, regime: Optional[str] = REGIME, sector: Optional[int] = SECTOR,
    year: Optional[str] = YEAR, jurisdiction: Optional[str] = JURISDICTION, experience: Optional[str] = EXPERIENCE,
    status: Optional[List[str]] = STATUS, registered: Optional[List[str]] = REGISTERED,
    since_result: Optional[str] = SINCE_RESULT, missing: Optional[int] = MISSING,
    k: int = K, all_: bool = ALL, max_years: Optional[int] = MAX_YEARS,
    as_json: bool = JSON, endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT, graph: Optional[str] = GRAPH,
) -> None:
    """The routes from FROM to TO, each step with its legal basis and line, the conditions as a tree.

    Each route is one line with its school years, then the legal basis of each step, then
    the conditions still to meet as a tree, with their lines.

    Years count school years of study (after a successful 4P, the CE6P takes 2: 5P and 6P);
    admissions and awards take none. Conditions that the filters cannot settle (decisions of
    a body, conditions set by other circulars …) stay on the steps; those they settle are
    said to be met. The steps of the other documents say who says them and how firmly
    (« selon Infor Jeunes Laeken … »), and where two documents disagree the answer shows
    every side. No route: exit 1, with the step that fails and why (with --json:
    {"routes": [], "diagnosis": …}).
    """
    with answering(as_json):
        answer = front(ctx, endpoint, timeout, graph).route(
            from_, to, k=k, all_routes=all_, max_years=max_years,
            **filters(age, adult, contract, holds, regime, sector, year, jurisdiction, experience, status, registered,
                      since_result, missing))
    emit(answer, as_json, lambda a: say(a.text(width())))


def explain(
    ctx: typer.Context,
    from_: str = typer.Argument(..., metavar="FROM", help="What the pupil holds or completed."),
    to: str = typer.Argument(..., metavar="TO", help="The goal (title, year, option code, 7e, 7e:O …)."),
    age: Optional[float] = AGE, adult: Optional[bool] = ADULT, contract: Optional[List[str]] = CONTRACT,
    holds: Optional[List[str]] = HOLDS, regime: Optional[str] = REGIME, sector: Optional[int] = SECTOR,
    year: Optional[str] = YEAR, jurisdiction: Optional[str] = JURISDICTION, experience: Optional[str] = EXPERIENCE,
    status: Optional[List[str]] = STATUS, registered: Optional[List[str]] = REGISTERED,
    since_result: Optional[str] = SINCE_RESULT, missing: Optional[int] = MISSING,
    k: int = typer.Option(1, "--k", metavar="N", help="How many routes to justify (1-20)."),
    as_json: bool = JSON, endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT, graph: Optional[str] = GRAPH,
) -> None:
    """The route(s) as a short legal memo in French, its sources cited as the circular cites them.

    The question, the answer, each step with its conditions, and the sources in numbered
    notes (« Ibidem » for the act of the note before).
    """
    with answering(as_json):
        explanation = front(ctx, endpoint, timeout, graph).explain(
            from_, to, k=k, **filters(age, adult, contract, holds, regime, sector, year, jurisdiction, experience, status,
                                      registered, since_result, missing))
    emit(explanation, as_json, lambda e: say(e.memo(width())))


def resolve(
    ctx: typer.Context,
    name: str = typer.Argument(..., metavar="NAME", help="An id, abbreviation or French label (case and accents ignored)."),
    jurisdiction: Optional[str] = typer.Option(None, "--jurisdiction", metavar="J",
                                               help="Only the titles and years of this jurisdiction (BE, BE-FWB, FR)."),
    as_json: bool = JSON, endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT, graph: Optional[str] = GRAPH,
) -> None:
    """What a name means: its canonical id, label and kind (year, title, option …)."""
    found = front(ctx, endpoint, timeout, graph).resolve(name, jurisdiction=jurisdiction)
    emit(found, as_json, lambda f: say("\n".join(wrap(f"{f.id} — {f.label} [{_KINDS.get(f.kind, f.kind)}]",
                                                      width(), hanging="  "))))


def titles(
    ctx: typer.Context,
    system: Optional[str] = typer.Option(None, "--system", metavar="S",
                                         help="Only titles of this system (enseignement-secondaire, promotion-sociale, "
                                              "cqp, titre-professionnel …)."),
    jurisdiction: Optional[str] = typer.Option(None, "--jurisdiction", metavar="J",
                                               help="Only titles of this jurisdiction (BE, BE-FWB, FR; BE includes BE-FWB)."),
    as_json: bool = JSON, endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT, graph: Optional[str] = GRAPH,
) -> None:
    """Every title, certificate and attestation the corpus names: system, jurisdiction, who awards it (or unknown), parts, legal basis."""
    from ..views.titles import awarded_words, parts_words     # only here: route need not import them
    records = front(ctx, endpoint, timeout, graph).titles(system=system, jurisdiction=jurisdiction)

    def show(rows) -> None:
        table(f"{len(rows)} titres et attestations",
              ("id", "intitulé", "système", "juridiction", "délivré par", "parties", "base légale", "source"),
              [(r.id, r.label, ", ".join(r.systems), r.jurisdiction or "—", awarded_words(r), parts_words(r) or "—",
                "; ".join(b.citation for b in r.basis) or (r.basis_missing or "—"),
                f"{r.source.document}, l. {r.source.line}") for r in rows])

    emit(records, as_json, show)
