"""The options of the repertories, as records (the JSON contract of ``passerelles options``),
answered from the graph — embedded or remote."""

from __future__ import annotations

from ..queries import load_query
from ..store import Store

_DEGREE_ORDER = {"D2": 0, "D3": 1, "7": 2}


def option_records(store: Store) -> list[dict]:
    """One record per option and list it appears in.

    Keys: ``code``, ``label``, ``list``, ``form``, ``degree`` (list), ``sector``, ``group``,
    ``access``, ``marks``, ``replaces``, ``replaced_by``, ``source`` {``document``, ``line``}.
    """
    grouped: dict[tuple[str, str], list[dict]] = {}
    for row in store.select(load_query("options").text):
        grouped.setdefault((row["code"], row["list"]), []).append(row)
    out = []
    for (code, list_name), rows in grouped.items():
        first = min(rows, key=lambda r: r["line"])
        marks: list[str] = []
        for r in sorted(rows, key=lambda r: (r["line"], r["listing"])):
            for m in (r["marks"] or "").split(" | "):
                if m and m not in marks:
                    marks.append(m)
        out.append({
            "code": code, "label": first["label"], "list": list_name, "form": first["form"],
            "degree": sorted({r["degree"] for r in rows if r.get("degree")}, key=lambda d: _DEGREE_ORDER.get(d, 9)),
            "sector": int(first["sector"]),
            "group": int(first["group"]) if first.get("group") else None,
            "access": first.get("access"),
            "marks": marks,
            "replaces": sorted({r["replaces"] for r in rows if r.get("replaces")}),
            "replaced_by": sorted({r["replacedBy"] for r in rows if r.get("replacedBy")}),
            "source": {"document": "circulaire-7282", "line": first["line"]},
        })
    return out
