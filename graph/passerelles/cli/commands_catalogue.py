"""Commands on the catalogue of options: options, option, check."""

from __future__ import annotations

from typing import Optional

import typer

from ..catalogue import ACCESS_CLASSES, DEGREES, LISTS
from .front import front
from .options import ENDPOINT, GRAPH, JSON, TIMEOUT
from .output import emit, say, table


def _dash(value) -> str:
    return "—" if value is None or value == "" else str(value)


def options(
    ctx: typer.Context,
    sector: Optional[int] = typer.Option(None, "--sector", metavar="N", help="Only sector N (1-10, the table of sectors and groups)."),
    group: Optional[int] = typer.Option(None, "--group", metavar="N", help="Only group N (e.g. 21); article 45 and urgence formations have none."),
    list_name: Optional[str] = typer.Option(None, "--list", metavar="LIST", help=f"Only one list: {', '.join(LISTS)}."),
    degree: Optional[str] = typer.Option(None, "--degree", metavar="D", help=f"Only degree {', '.join(DEGREES)} (7 = 7th years)."),
    access: Optional[str] = typer.Option(None, "--access", metavar="A", help=f"Only 7th years of access class {', '.join(ACCESS_CLASSES)}."),
    as_json: bool = JSON,
    endpoint: Optional[str] = ENDPOINT,
    timeout: float = TIMEOUT,
    graph: Optional[str] = GRAPH,
) -> None:
    """List the options of the repertories (chapter VI, IV), one row per option and list.

    Filters combine. A degree, group or access filter leaves out the lists that give
    none (article 45 and urgence have no degree nor group; only 7th years have an access
    class). Exit 1 when no option matches.
    """
    rows = front(ctx, endpoint, timeout, graph).options(sector=sector, group=group, list=list_name, degree=degree,
                                                       access=access)
    given = {"sector": sector, "group": group, "list": list_name, "degree": degree, "access": access}

    def show(found) -> None:
        table(f"{len(found)} inscriptions, {len({r.code for r in found})} options",
              ("code", "intitulé", "liste", "forme", "degré", "secteur", "groupe", "accès", "marques", "ligne"),
              [(r.code, r.label, r.list, r.form, " ".join(r.degree) or "—", r.sector, _dash(r.group), _dash(r.access),
                ", ".join(r.marks), r.source.line) for r in found])

    emit(rows, as_json, show, "no option matches " + ", ".join(f"{k} {v}" for k, v in given.items() if v is not None))


def option(
    ctx: typer.Context,
    code: str = typer.Argument(..., metavar="CODE", help="The option's code (e.g. 7130)."),
    as_json: bool = JSON,
) -> None:
    """Show one option: its listings, group, CPU transformations and the source's inconsistencies about it.

    An unknown code is an error (exit 2) that suggests the closest codes and labels.
    """
    o = front(ctx).option(code)

    def show(o) -> None:
        say(f"{o.code} {o.label}")
        group = f"{o.group}" if o.group is not None else f"— ({o.group_reason})"
        say(f"secteur {o.sector} ; groupe {group}" + (" (déduit du code)" if o.group_derived else ""))
        table("inscriptions", ("liste", "forme", "degré", "accès", "marques", "validité", "intitulé tel qu'écrit", "ligne"),
              [(li.list, li.form, _dash(li.degree), _dash(li.access), ", ".join(li.marks),
                ", ".join(f"{w} {v}" for w, v in (("valable jusqu'en", li.valid_until),
                                                   ("nouveaux élèves jusqu'en", li.new_pupils_until)) if v),
                li.label, li.source.line) for li in o.listings])
        if o.replaces:
            say(f"remplace : {', '.join(o.replaces)}")
        if o.replaced_by:
            say(f"remplacée par : {', '.join(o.replaced_by)}")
        for t in o.cpu:
            say(f"CPU ({t.kind}, ligne {t.line}) : {t.old_code or t.old_label or '—'} → {t.new_code or '—'} "
                f"{t.new_label}, depuis {t.since}")
        for f in o.findings:
            say(f"{f.kind} : {f.message}")

    emit(o, as_json, show)


def _sides(finding) -> str:
    """Every side of a disagreement between documents, after its message."""
    sides = getattr(finding, "sides", ())
    return "".join(f" — {s.document}, l. {s.lines[0]}" + (f"-{s.lines[1]}" if s.lines[1] != s.lines[0] else "")
                   + f" : {s.says}" for s in sides)


def check(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Report the inconsistencies of the sources: the circular's tables and citations, then the other documents' slips.

    Each finding names the codes and the lines of the circular involved: the same option
    under two codes or labels, codes no repertory lists, CPU marks and access classes the
    tables disagree on, validity already past, repeated codes, shifted rows, etc.; then the
    slips its citations show (an act given two dates, an "Ibidem" pointing to the wrong
    act …), with the act keys and every line. Then each secondary document's own slips
    (a lost cross-reference, a mis-threaded reply, "Au-delà de cette date" with no date …),
    with the document as its code, and the disagreements between documents with every side.
    """
    findings = front(ctx).check()

    def show(rows) -> None:
        table(f"{len(rows)} constats", ("type", "codes", "lignes", "message"),
              [(f.kind, " ".join(f.codes), " ".join(map(str, f.lines)), f.message + _sides(f)) for f in rows])

    emit(findings, as_json, show)
