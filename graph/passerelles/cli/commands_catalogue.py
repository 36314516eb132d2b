"""Commands on the catalogue of options: options, option, check."""

from __future__ import annotations

import difflib
from typing import Optional

import typer
from rich.table import Table

from ..catalogue import ACCESS_CLASSES, DEGREES, LISTS, Catalogue, Option, load_catalogue
from ..catalogue.check import check_catalogue
from ..errors import InputError, NoAnswer, UnknownNameError
from ..text import fold
from .main import app
from .options import ENDPOINT, GRAPH, JSON, TIMEOUT
from .output import console, print_json
from .state import STATE


def _catalogue() -> Catalogue:
    return load_catalogue(STATE.corpus)


def _choice(value: str | None, valid: tuple[str, ...], option: str) -> str | None:
    """``value`` spelled as in ``valid`` (case aside), or an InputError listing the valid values."""
    if value is None:
        return None
    for v in valid:
        if v.lower() == value.strip().lower():
            return v
    raise InputError(f"{option} {value!r}: expected one of {', '.join(valid)}")


def _number(value: int | None, valid: list[int], option: str) -> int | None:
    if value is not None and value not in valid:
        raise InputError(f"{option} {value}: expected one of {', '.join(map(str, valid))}")
    return value


@app.command("options")
def options_command(
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
    from ..queries import load_query
    from ..views.options import option_records
    store = STATE.app(endpoint, timeout, graph).store
    records = option_records(store)
    sector = _number(sector, list(range(1, 11)), "--sector")
    if group is not None:
        # valid even with no option: every group of the table (the graph's SKOS scheme)
        groups = sorted({int(r["group"]) for r in store.select(load_query("sectors-groups").text)})
        group = _number(group, groups, "--group")
    list_name = _choice(list_name, LISTS, "--list")
    degree = _choice(degree, DEGREES, "--degree")
    access = _choice(access, ACCESS_CLASSES, "--access")
    rows = [r for r in records
            if (sector is None or r["sector"] == sector) and (group is None or r["group"] == group)
            and (list_name is None or r["list"] == list_name) and (degree is None or degree in r["degree"])
            and (access is None or r["access"] == access)]
    if not rows:
        given = {"sector": sector, "group": group, "list": list_name, "degree": degree, "access": access}
        raise NoAnswer("no option matches " + ", ".join(f"{k} {v}" for k, v in given.items() if v is not None))
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"{len(rows)} listings, {len({r['code'] for r in rows})} options")
    for column in ("code", "label", "list", "form", "degree", "sector", "group", "access", "marks", "line"):
        table.add_column(column, overflow="fold", no_wrap=column not in ("label", "marks"))
    for r in rows:
        table.add_row(r["code"], r["label"], r["list"], r["form"], " ".join(r["degree"]) or "—", str(r["sector"]),
                      _dash(r["group"]), _dash(r["access"]), ", ".join(r["marks"]), str(r["source"]["line"]))
    console.print(table)


def _dash(value) -> str:
    return "—" if value is None else str(value)


@app.command("option")
def option_command(
    code: str = typer.Argument(..., metavar="CODE", help="The option's code (e.g. 7130)."),
    as_json: bool = JSON,
) -> None:
    """Show one option: its listings, group, CPU transformations and the source's inconsistencies about it.

    An unknown code is an error (exit 2) that suggests the closest codes and labels.
    """
    cat = _catalogue()
    option = cat.option(code.strip())
    if option is None:
        raise _unknown(cat, code.strip())
    data = _option_data(cat, option)
    if as_json:
        print_json(data)
        return
    group = f"{option.group} {cat.group(option.group).label}" if option.group is not None else f"— ({option.group_reason})"
    console.print(f"[bold]{option.code}[/bold] {option.label}")
    console.print(f"sector {option.sector} {cat.sector(option.sector).label}; group {group}"
                  + (" (derived from the code)" if option.group_derived else ""))
    table = Table()
    for column in ("list", "form", "degree", "access", "marks", "validity", "label as written", "line"):
        table.add_column(column, overflow="fold")
    for li in data["listings"]:
        validity = ", ".join(f"{k.replace('_', ' ')} {li[k]}" for k in ("valid_until", "new_pupils_until") if li[k])
        table.add_row(li["list"], li["form"], _dash(li["degree"]), _dash(li["access"]), ", ".join(li["marks"]),
                      validity, li["label"], str(li["source"]["line"]))
    console.print(table)
    for key in ("replaces", "replaced_by"):
        if data[key]:
            console.print(f"{key.replace('_', ' ')}: {', '.join(data[key])}")
    for t in data["cpu"]:
        console.print(f"CPU ({t['kind']}, line {t['line']}): {t['old_code'] or t['old_label'] or '—'} → "
                      f"{t['new_code'] or '—'} {t['new_label']}, from {t['since']}")
    for f in data["findings"]:
        console.print(f"[yellow]{f['kind']}[/yellow] {f['message']}")


def _option_data(cat: Catalogue, o: Option) -> dict:
    source = {"document": cat.document}
    return {
        "code": o.code, "label": o.label, "sector": o.sector, "group": o.group,
        "group_derived": o.group_derived, "group_reason": o.group_reason,
        "listings": [{"list": li.list, "form": li.form, "degree": li.degree, "access": li.access,
                      "access_reason": li.access_reason, "marks": list(li.marks), "valid_until": li.valid_until,
                      "new_pupils_until": li.new_pupils_until, "anomalies": list(li.anomalies), "label": li.label,
                      "source": {**source, "line": li.line}} for li in o.listings],
        "replaces": list(o.replaces), "replaced_by": list(o.replaced_by),
        "cpu": [{"kind": t.kind, "line": t.line, "since": t.since, "new_code": t.new_code, "new_label": t.new_label,
                 "old_code": t.old_code, "old_label": t.old_label, "school_year": t.school_year,
                 "new_study_years": list(t.new_study_years), "old_study_years": list(t.old_study_years)}
                for t in cat.cpu if o.code in (t.new_code, t.old_code)],
        "findings": [f.as_dict() for f in check_catalogue(cat) if o.code in f.codes],
    }


def _unknown(cat: Catalogue, code: str) -> UnknownNameError:
    """The error for a code no repertory lists, with the closest codes and labels."""
    labels = {o.code: o.label for o in cat.options}
    if code.isdigit():
        close = _close_codes(code, list(labels))
    else:  # a label, or part of one
        wanted, by_fold = fold(code), {fold(label): c for c, label in labels.items()}
        close = [c for c, label in labels.items() if wanted and wanted in fold(label)][:5] or \
            [by_fold[k] for k in difflib.get_close_matches(wanted, list(by_fold), n=5, cutoff=0.5)]
    cpu_lines = [t.line for t in cat.cpu if code in (t.new_code, t.old_code)]
    where = f" (it appears only in the CPU tables, line {', '.join(map(str, cpu_lines))})" if cpu_lines else ""
    return UnknownNameError(f"no option with code {code!r} in the repertories{where}",
                            [f"{c} {labels[c]}" for c in close])


def _close_codes(code: str, codes: list[str]) -> list[str]:
    """Codes that differ from ``code`` in at most two digits, nearest first.

    >>> _close_codes("2114", ["2214", "8214", "2113", "9999"])
    ['2113', '2214', '8214']
    """
    def distance(other: str) -> tuple[int, int]:
        digits = sum(a != b for a, b in zip(code, other)) + abs(len(code) - len(other))
        return digits, abs(int(other) - int(code))
    return sorted((c for c in codes if distance(c)[0] <= 2), key=distance)[:5]


@app.command("check")
def check_command(as_json: bool = JSON) -> None:
    """Report the inconsistencies of the sources: the circular's tables and citations, then the other documents' slips.

    Each finding names the codes and the lines of the circular involved: the same option
    under two codes or labels, codes no repertory lists, CPU marks and access classes the
    tables disagree on, validity already past, repeated codes, shifted rows, etc.; then the
    slips its citations show (an act given two dates, an "Ibidem" pointing to the wrong
    act …), with the act keys and every line. Then each secondary document's own slips
    (a lost cross-reference, a mis-threaded reply, "Au-delà de cette date" with no date …),
    with the document as its code, and the disagreements between documents with every side.
    """
    from ..slips import source_findings
    findings = [*check_catalogue(_catalogue(), STATE.model.citations), *source_findings(STATE.model.extras["curated"])]
    if as_json:
        print_json([f.as_dict() for f in findings])
        return
    table = Table(title=f"{len(findings)} findings")
    for column in ("kind", "codes", "lines", "message"):
        table.add_column(column, overflow="fold")
    for f in findings:
        table.add_row(f.kind, " ".join(f.codes), " ".join(map(str, f.lines)), f.message)
    console.print(table)
