"""Titles, certificates and attestations, as records."""

from __future__ import annotations

from ..queries import load_query
from ..routes.explain import cite
from ..store import Store


def title_records(store: Store) -> list[dict]:
    """Every title with its issuer, legal basis (provisions) and source line."""
    out: dict[str, dict] = {}
    for row in store.select(load_query("titles").text):
        rec = out.setdefault(row["id"], {
            "id": row["id"], "label": row["label"], "abbreviation": row.get("abbreviation"), "kind": row["kind"],
            "issued_by": row["issuer"], "jurisdiction": row.get("jurisdiction"), "basis": [],
            "basis_missing": row.get("basisMissing"), "iri": row["title"],
            "source": {"document": "circulaire-7282", "line": row["line"], "quote": row["quote"]},
        })
        if row.get("provision"):
            basis = {"act": {"type": row["actType"], "date": row["actDate"], "iri": row["act"], "label": row["actLabel"]},
                     **{k: row.get(k) for k in ("article", "paragraph", "alinea", "point")}}
            basis["citation"] = cite(basis)
            basis["provision"] = row["provision"]
            if basis not in rec["basis"]:
                rec["basis"].append(basis)
    return list(out.values())
