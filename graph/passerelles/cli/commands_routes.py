"""Commands for pathways: route, explain, resolve, titles."""

from __future__ import annotations

from typing import List, Optional

import typer
from rich.table import Table

from .main import app
from .options import ENDPOINT, GRAPH, JSON, TIMEOUT
from .output import console, print_json
from .state import STATE

from ..routes.service import CONTRACTS, JURISDICTIONS, REGIMES, REGISTERS, STATUSES, ask

AGE = typer.Option(None, "--age", metavar="YEARS", help="The pupil's age (at the reference date of each condition).")
ADULT = typer.Option(None, "--adult/--minor", help="The pupil is of age (majeur) / a minor.")
CONTRACT = typer.Option(None, "--contract", metavar="KIND", help=f"A contract concluded (repeatable): {', '.join(CONTRACTS)}.")
HOLDS = typer.Option(None, "--holds", metavar="TITLE",
                     help="Another title held (repeatable), e.g. CQ6. An attestation that closes a year (AO-B, AO-C, "
                          "AF-LIBRE) closes FROM's year: FROM 3P --holds AO-C is a 3P not completed with success.")
REGIME = typer.Option(None, "--regime", metavar="R", help=f"Only steps in this regime: {', '.join(REGIMES)}.")
SECTOR = typer.Option(None, "--sector", metavar="N", help="Only 7th-year options of this sector (1-10).")
YEAR = typer.Option(None, "--year", metavar="YYYY-YYYY", help="Only rules valid in this school year, e.g. 2019-2020.")
JURISDICTION = typer.Option(None, "--jurisdiction", metavar="J",
                            help=f"Only rules of this jurisdiction ({', '.join(JURISDICTIONS)}; BE includes BE-FWB).")
EXPERIENCE = typer.Option(None, "--experience", metavar="SPAN",
                          help="Experience related to the certification sought: 2y, 18m, 1.5 (years).")
STATUS = typer.Option(None, "--status", metavar="S", help=f"The person's status (repeatable): {', '.join(STATUSES)}.")
REGISTERED = typer.Option(None, "--registered", metavar="R",
                          help=f"Registers of the certification sought (repeatable): {', '.join(REGISTERS)}.")
SINCE_RESULT = typer.Option(None, "--since-result", metavar="SPAN", help="Time since the last exam session's result: 14m, 2y.")
MISSING = typer.Option(None, "--missing", metavar="N", help="Parts still missing (CCP of a titre, blocs of a CQP) when FROM is a part.")
K = typer.Option(3, "--k", min=1, max=50, help="How many of the shortest routes.")
ALL = typer.Option(False, "--all", help="Every simple route instead of the k shortest.")
MAX_YEARS = typer.Option(None, "--max-years", metavar="N", help="With --all: at most this many school years.")


def _answer(from_: str, to: str, age, adult, contract, holds, regime, sector, year, k, all_, max_years, endpoint, timeout,
            graph=None, **beyond):
    beyond = {k: v for k, v in beyond.items() if v not in (None, [])}
    return ask(STATE.app(endpoint, timeout, graph), from_, to, k=k, all_routes=all_, max_years=max_years, age=age,
               adult=adult, contracts=contract or [], holds=holds or [], regime=regime, sector=sector, year=year, **beyond)


@app.command()
def route(
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
    """The routes from FROM to TO, step by step, each with its legal basis and circular line.

    Years count school years of study (after a successful 4P, the CE6P takes 2: 5P and 6P);
    admissions and awards take none. Conditions that the filters cannot settle (decisions of
    a body, conditions set by other circulars …) stay on the steps.
    """
    from ..routes.explain import answer_record, citation_words, route_length_words, route_notes, step_years_words, summarize
    answer = _answer(from_, to, age, adult, contract, holds, regime, sector, year, k, all_, max_years, endpoint, timeout, graph,
                     jurisdiction=jurisdiction, experience=experience, status=status, registered=registered,
                     since_result=since_result, missing=missing)
    if as_json:
        print_json(answer_record(answer))
        return
    source, target, index = answer.source, answer.target, answer.view.index
    if answer.note:
        console.print(f"[dim]{answer.note}.[/dim]")
    for i, r in enumerate(answer.routes, 1):
        years = route_length_words(r, index)
        table = Table(title=f"Route {i}: {source.id} → {target.id} — {years}", title_justify="left")
        for col in ("from", "to", "kind", "years", "basis", "line", "conditions still to meet"):
            table.add_column(col, overflow="fold")
        for s in r.steps:
            rule = s.rule if s.kind != "study" else None
            table.add_row(s.source.id, s.target.id, s.kind.value, step_years_words(s, index),
                          citation_words(s, index),
                          str(rule.source.first) if rule else "", "\n".join("• " + summarize(c.describe()) for c in s.conditions))
        console.print(table)
        for note in route_notes(r, answer.view):
            console.print(f"[yellow]Documents disagree[/yellow] {note}")
    if any(s.conditions for r in answer.routes for s in r.steps):
        console.print("[dim]Conditions are shortened; 'passerelles explain FROM TO' gives them in full.[/dim]")


@app.command()
def explain(
    from_: str = typer.Argument(..., metavar="FROM", help="What the pupil holds or completed."),
    to: str = typer.Argument(..., metavar="TO", help="The goal (title, year, option code, 7e, 7e:O …)."),
    age: Optional[float] = AGE, adult: Optional[bool] = ADULT, contract: Optional[List[str]] = CONTRACT,
    holds: Optional[List[str]] = HOLDS, regime: Optional[str] = REGIME, sector: Optional[int] = SECTOR,
    year: Optional[str] = YEAR, jurisdiction: Optional[str] = JURISDICTION, experience: Optional[str] = EXPERIENCE,
    status: Optional[List[str]] = STATUS, registered: Optional[List[str]] = REGISTERED,
    since_result: Optional[str] = SINCE_RESULT, missing: Optional[int] = MISSING,
    k: int = typer.Option(1, "--k", min=1, max=20, help="How many routes to justify."),
    as_json: bool = JSON, endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT, graph: Optional[str] = GRAPH,
) -> None:
    """The route(s) as a justification: "admitted to 7P according to …, on condition that …"."""
    from ..routes.explain import answer_record, explain_step, route_length_words
    answer = _answer(from_, to, age, adult, contract, holds, regime, sector, year, k, False, None, endpoint, timeout, graph,
                     jurisdiction=jurisdiction, experience=experience, status=status, registered=registered,
                     since_result=since_result, missing=missing)
    texts = [[explain_step(s, answer.view) for s in r.steps] for r in answer.routes]
    if as_json:
        record = answer_record(answer)
        record["routes"] = [{**r, "explanation": t} for r, t in zip(record["routes"], texts)]
        print_json(record)
        return
    if answer.note:
        console.print(f"[dim]{answer.note}.[/dim]")
    for i, (r, lines) in enumerate(zip(answer.routes, texts), 1):
        console.print(f"[bold]Parcours {i} — {route_length_words(r, answer.view.index)}[/bold]")
        for n, line in enumerate(lines, 1):
            console.print(f"  {n}. {line}")
        console.print()


@app.command("resolve")
def resolve_cmd(
    name: str = typer.Argument(..., metavar="NAME", help="An id, abbreviation or French label (case and accents ignored)."),
    jurisdiction: Optional[str] = JURISDICTION,
    as_json: bool = JSON, endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT, graph: Optional[str] = GRAPH,
) -> None:
    """What a name means: its canonical id, label and kind (year, title, option …)."""
    from ..routes.service import resolve_name, view_of
    found = resolve_name(view_of(STATE.app(endpoint, timeout, graph)), name, jurisdiction)
    if as_json:
        print_json(found.as_dict())
        return
    console.print(f"{found.id} — {found.label} [{found.kind}]")


@app.command()
def titles(
    jurisdiction: Optional[str] = JURISDICTION,
    system: Optional[str] = typer.Option(None, "--system", metavar="S", help="Only titles of this system (enseignement-secondaire, promotion-sociale, cqp, titre-professionnel …)."),
    as_json: bool = JSON, endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT, graph: Optional[str] = GRAPH,
) -> None:
    """Every title, certificate and attestation the corpus names: system, jurisdiction, who awards it (or unknown), parts, legal basis."""
    from ..views.titles import awarded_words, parts_words, title_records
    records = title_records(STATE.app(endpoint, timeout, graph).store, jurisdiction, system)
    if as_json:
        print_json(records)
        return
    table = Table(title=f"{len(records)} titles and attestations")
    for col in ("id", "label", "system", "jurisdiction", "awarded by", "parts", "legal basis", "source"):
        table.add_column(col, overflow="fold")
    for r in records:
        basis = "; ".join(b["citation"] for b in r["basis"]) or f"[dim]{r['basis_missing'] or '—'}[/dim]"
        table.add_row(r["id"], r["label"], ", ".join(r["systems"]), r["jurisdiction"] or "", awarded_words(r), parts_words(r),
                      basis, f"{r['source']['document']} l. {r['source']['line']}")
    console.print(table)
