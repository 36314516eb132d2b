"""Titles, certificates and attestations, as records."""

from __future__ import annotations

from ..queries import load_query
from ..records import Basis, BasisAct, Records, Title, TitleSource
from ..routes.explain import cite
from ..store import Store


def title_records(store: Store) -> Records:
    """Every title with its issuer, legal basis (provisions) and source line
    (:class:`~passerelles.records.Title`)."""
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
    return Records(
        Title(row["id"], row["label"], row.get("abbreviation"), row["kind"], row["issuer"], row.get("jurisdiction"),
              tuple(bases[id_]), row.get("basisMissing"), row["title"],
              TitleSource("circulaire-7282", row["line"], row["quote"]))
        for id_, row in rows.items())
