"""Titles, certificates and attestations, as records: issuer and legal basis, and for every
title its system(s), jurisdiction, who awards it (or ``unknown``, with the reason), who
proposes it, and what it is made of or part of."""

from __future__ import annotations

from ..errors import UnknownValueError
from ..queries import load_query
from ..records import Basis, BasisAct, Records, SourceLine, Title, TitleParts, TitleRole, TitleSource
from ..routes.explain import cite
from ..rules.vocab import BODY_LABELS, Jurisdiction, System, values, within
from ..store import Store

CIRCULAR = "circulaire-7282"


def _role(row: dict) -> TitleRole:
    source = SourceLine(row["document"], row["line"]) if row.get("document") else None
    return TitleRole(row["role"], row["body"], row.get("reason"), source)


def title_records(store: Store, jurisdiction: str | None = None, system: str | None = None) -> Records:
    """Every title with its issuer, legal basis (provisions), source line, systems, roles and
    parts (:class:`~passerelles.records.Title`); only those of ``jurisdiction`` (BE includes
    BE-FWB) or of ``system`` when given.

    Raises
    ------
    UnknownValueError
        For a jurisdiction or a system that is not one of the vocabulary's (with the valid ones).
    """
    if jurisdiction is not None and jurisdiction not in values(Jurisdiction):
        raise UnknownValueError("jurisdiction", jurisdiction, values(Jurisdiction))
    if system is not None and system not in values(System):
        raise UnknownValueError("system", system, values(System))
    rows: dict[str, dict] = {}
    bases: dict[str, list[Basis]] = {}
    for row in store.select(load_query("titles").text):
        rows.setdefault(row["id"], row)
        found = bases.setdefault(row["id"], [])
        if row.get("provision"):
            place = {k: row.get(k) for k in ("article", "paragraph", "alinea", "point")}
            act = BasisAct(row["actType"], row["actDate"], row["act"], row["actLabel"])
            basis = Basis(act, **place, citation=cite({"act": act.to_dict(), **place}), provision=row["provision"])
            if basis not in found:
                found.append(basis)
    systems = {r["id"]: tuple(sorted((r.get("systems") or "").split())) for r in store.select(load_query("states").text)
               if r["kind"] == "title"}
    roles: dict[str, list[TitleRole]] = {}
    for row in store.select(load_query("title-roles").text):
        roles.setdefault(row["id"], []).append(_role(row))
    parts = {r["wholeId"]: r for r in store.select(load_query("title-parts").text)}
    out = Records()
    for id_, row in rows.items():
        own = tuple(roles.get(id_, ()))
        awards = [r for r in own if r.role == "awards"]
        if not awards and row["issuer"] == "unknown" and row.get("instanceOf"):
            # a named title of a class: what its documents say of every title of the class
            awards = [TitleRole(r.role, r.body, r.reason, r.source, row["instanceOf"])
                      for r in roles.get(row["instanceOf"], ()) if r.role == "awards"]
        if not awards:
            awards = [TitleRole("awards", row["issuer"], None, SourceLine(row["document"], row["line"]))]
        whole = None
        if row.get("hasPart"):
            p = parts.get(id_)
            whole = TitleParts(row["hasPart"]) if p is None else TitleParts(
                row["hasPart"], p.get("count"), p.get("required") or "all", p.get("optional") in (True, "true"),
                SourceLine(p["document"], p["line"]))
        title = Title(id_, row["label"], row.get("abbreviation"), row["kind"], row["issuer"], row.get("jurisdiction"),
                      tuple(bases[id_]), row.get("basisMissing"), row["title"],
                      TitleSource(row["document"], row["line"], row["quote"]), row.get("partOf"), row.get("instanceOf"),
                      row.get("speaker") or "author", whole, systems.get(id_, ()), own, tuple(awards),
                      tuple(r for r in own if r.role == "proposes"))
        if (jurisdiction is None or within(title.jurisdiction or "", jurisdiction)) and \
                (system is None or system in title.systems):
            out.append(title)
    return out


def awarded_words(title: Title) -> str:
    """Who awards a title, for a table cell: the bodies (with the document and line of the
    other documents), or « non précisé » with the reason."""
    out = []
    for r in title.awarded_by:
        if r.body == "unknown":
            out.append(f"non précisé ({r.reason})" if r.reason else "non précisé")
            continue
        where = f" ({r.source.document}, l. {r.source.line})" if r.source and r.source.document != CIRCULAR else ""
        body = r.body if r.source is None or r.source.document == CIRCULAR else BODY_LABELS.get(r.body, r.body)
        out.append(body + where + (f", comme tout {r.of_class}" if r.of_class else ""))
    return " ; ".join(out)


def parts_words(title: Title) -> str:
    """What a title is made of or part of, for a table cell."""
    if title.parts is not None:
        p = title.parts
        count = p.count if p.count is not None else "n (nombre non précisé)"
        need = "toutes requises" if p.required in (None, "all") else f"{p.required} requises"
        return f"{count} × {p.part}, {need}" + (" (découpage facultatif)" if p.optional else "")
    if title.part_of:
        return f"partie du {title.part_of}"
    if title.instance_of:
        return f"un {title.instance_of}"
    return ""


__all__ = ["title_records", "awarded_words", "parts_words"]
