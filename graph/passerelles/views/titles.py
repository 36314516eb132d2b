"""Titles, certificates and attestations, as records: issuer and legal basis, and for every
title its system(s), jurisdiction, who awards it (or ``unknown``, with the reason), who
proposes it, and what it is made of or part of."""

from __future__ import annotations

from ..errors import InputError
from ..queries import load_query
from ..routes.explain import cite
from ..rules.vocab import System, Jurisdiction, values, within
from ..store import Store


def title_records(store: Store, jurisdiction: str | None = None, system: str | None = None) -> list[dict]:
    """Every title with its issuer, legal basis (provisions), source line, systems, roles and
    parts; only those of ``jurisdiction`` (BE includes BE-FWB) or of ``system`` when given.

    Raises
    ------
    InputError
        For a jurisdiction or a system that is not one of the vocabulary's.
    """
    if jurisdiction is not None and jurisdiction not in values(Jurisdiction):
        raise InputError(f"unknown jurisdiction {jurisdiction!r}; one of {', '.join(values(Jurisdiction))}")
    if system is not None and system not in values(System):
        raise InputError(f"unknown system {system!r}; one of {', '.join(values(System))}")
    out: dict[str, dict] = {}
    for row in store.select(load_query("titles").text):
        rec = out.setdefault(row["id"], {
            "id": row["id"], "label": row["label"], "abbreviation": row.get("abbreviation"), "kind": row["kind"],
            "issued_by": row["issuer"], "jurisdiction": row.get("jurisdiction"), "basis": [],
            "basis_missing": row.get("basisMissing"), "iri": row["title"],
            "source": {"document": row["document"], "line": row["line"], "quote": row["quote"]},
            "part_of": row.get("partOf"), "instance_of": row.get("instanceOf"), "speaker": row.get("speaker") or "author",
            "parts": {"part": row["hasPart"]} if row.get("hasPart") else None,
        })
        if row.get("provision"):
            basis = {"act": {"type": row["actType"], "date": row["actDate"], "iri": row["act"], "label": row["actLabel"]},
                     **{k: row.get(k) for k in ("article", "paragraph", "alinea", "point")}}
            basis["citation"] = cite(basis)
            basis["provision"] = row["provision"]
            if basis not in rec["basis"]:
                rec["basis"].append(basis)
    systems = {r["id"]: sorted((r.get("systems") or "").split()) for r in store.select(load_query("states").text)
               if r["kind"] == "title"}
    roles: dict[str, list[dict]] = {}
    for row in store.select(load_query("title-roles").text):
        roles.setdefault(row["id"], []).append(
            {"role": row["role"], "body": row["body"], "reason": row.get("reason"),
             "source": {"document": row["document"], "line": row["line"]} if row.get("document") else None})
    parts = {r["wholeId"]: r for r in store.select(load_query("title-parts").text)}
    for rec in out.values():
        rec["systems"] = systems.get(rec["id"], [])
        rec["roles"] = roles.get(rec["id"], [])
        awards = [r for r in rec["roles"] if r["role"] == "awards"]
        if not awards and rec["issued_by"] == "unknown" and rec["instance_of"]:
            # a named title of a class: what its documents say of every title of the class
            awards = [{**r, "of_class": rec["instance_of"]} for r in roles.get(rec["instance_of"], ()) if r["role"] == "awards"]
        rec["awarded_by"] = awards or [{"role": "awards", "body": rec["issued_by"], "reason": None,
                                        "source": {"document": rec["source"]["document"], "line": rec["source"]["line"]}}]
        rec["proposed_by"] = [r for r in rec["roles"] if r["role"] == "proposes"]
        if rec["parts"] is not None and rec["id"] in parts:
            p = parts[rec["id"]]
            rec["parts"].update(count=p.get("count"), required=p.get("required") or "all",
                                optional=p.get("optional") in (True, "true"),
                                source={"document": p["document"], "line": p["line"]})
    return [r for r in out.values()
            if (jurisdiction is None or within(r["jurisdiction"] or "", jurisdiction))
            and (system is None or system in r["systems"])]


def awarded_words(record: dict) -> str:
    """Who awards a title, in a table cell: the bodies, or « unknown » with the reason."""
    out = []
    for r in record["awarded_by"]:
        if r["body"] == "unknown":
            out.append(f"unknown ({r['reason']})" if r.get("reason") else "unknown")
        else:
            where = f" ({r['source']['document']} l. {r['source']['line']})" if r.get("source") and \
                r["source"]["document"] != "circulaire-7282" else ""
            out.append(r["body"] + where + (f", as every {r['of_class']}" if r.get("of_class") else ""))
    return "; ".join(out)


def parts_words(record: dict) -> str:
    """What a title is made of or part of, in a table cell."""
    if record.get("parts"):
        p = record["parts"]
        count = p.get("count") if p.get("count") is not None else "n (not stated)"
        need = "all" if p.get("required") in (None, "all") else p["required"]
        return f"{count} × {p['part']}, {need} required" + (" (cut optional)" if p.get("optional") else "")
    if record.get("part_of"):
        return f"part of {record['part_of']}"
    if record.get("instance_of"):
        return f"a {record['instance_of']}"
    return ""
