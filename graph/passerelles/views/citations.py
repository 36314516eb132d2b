"""Citations, footnotes and acts, as records (the JSON contract of the README)."""

from __future__ import annotations

from typing import Any

from ..errors import InputError, UnknownNameError
from ..queries import load_query
from ..store import Store, iri, rows_by
from ..text import fold

_PLACE = ("article", "paragraph", "alinea", "point")


def _act(row: dict, prefix: str = "act") -> dict | None:
    if not row.get(prefix):
        return None
    return {
        "type": row.get(f"{prefix}Type"),
        "date": row.get(f"{prefix}Date"),
        "number": row.get(f"{prefix}Number"),
        "title": row.get(f"{prefix}Title"),
        "iri": row.get(prefix),
    }


def citation_records(store: Store) -> list[dict[str, Any]]:
    """Every citation occurrence, in the order of the corpus.

    Returns
    -------
    list of dict
        Keys: ``source`` {``document``, ``line``, ``footnote``}, ``act`` {``type``, ``date``,
        ``number``, ``title``, ``iri``} (null when unresolved), ``article``, ``paragraph``,
        ``alinea``, ``point``, ``status``, ``alternatives`` (the other readings, most likely
        first, each with the ``via`` of its evidence), ``reason``, ``text``, plus ``via``,
        ``amended_by`` (IRI of the amending act or null) and ``amended_by_line``.
    """
    alternatives = rows_by(store.select(load_query("citation-alternatives").text), "citation")
    out = []
    for row in store.select(load_query("citations").text):
        ranked = sorted(alternatives.get(row["citation"], []), key=lambda a: a["rank"])
        alts = [{"act": _act(a), **{k: a.get(k) for k in _PLACE}, "via": a.get("via")} for a in ranked]
        out.append({
            "source": {"document": row["document"], "line": row["line"], "footnote": row.get("footnote")},
            "act": _act(row),
            **{k: row.get(k) for k in _PLACE},
            "status": row["status"],
            "alternatives": alts,
            "reason": row.get("reason"),
            "text": row["text"],
            "via": row["via"],
            "amended_by": row.get("amendedBy"),
            "amended_by_line": row.get("amendedAtLine"),
        })
    return out


def title_mention_records(store: Store) -> list[dict[str, Any]]:
    """Acts named inside another act's title (``exécutant le décret du …``): not citations.

    Returns
    -------
    list of dict
        Keys: ``source`` {``line``, ``footnote``}, ``act`` (IRI of the act whose title it
        is), ``names`` (IRI of the act or provision named), ``label`` (of the one named),
        ``relation`` (``executes``, ``amends`` or ``names``), ``text``.
    """
    return [{"source": {"line": row["line"], "footnote": row.get("footnote")}, "act": row["titleOf"],
             "names": row["names"], "label": row.get("namedLabel"), "relation": row["relation"], "text": row["text"]}
            for row in store.select(load_query("title-mentions").text)]


def act_records(store: Store) -> list[dict[str, Any]]:
    """The act registry with how often and where each act is cited.

    ``count`` is the number of acts a key stands for (2 for "2 arrêtés … du 21 février
    2018"); ``title_names`` lists what the act's own title names (``exécutant le décret du
    …``) and ``named_in_titles`` the lines where another act's title names it — links
    between acts, not citations.
    """
    mentions = title_mention_records(store)
    out = []
    for row in store.select(load_query("acts").text):
        lines = sorted({int(x) for x in (row.get("lines") or "").split()})
        iri_ = row["act"]
        out.append({
            "iri": iri_, "key": row["key"], "type": row["type"], "date": row["date"],
            "number": row.get("number"), "count": int(row.get("count") or 1), "label": row["label"],
            "title": row.get("title"), "citations": row["citations"], "lines": lines,
            "title_names": [{"names": n, "relation": r}
                            for n, r in sorted({(m["names"], m["relation"]) for m in mentions if m["act"] == iri_})],
            "named_in_titles": sorted({m["source"]["line"] for m in mentions
                                       if m["names"] == iri_ or m["names"].startswith(iri_ + "/")}),
        })
    return out


def find_acts(store: Store, text: str) -> list[dict]:
    """Acts whose key, label, title or nickname contains ``text`` (accents and case ignored).

    An IRI or a key selects exactly that act.
    """
    acts = act_records(store)
    probe = fold(text)
    exact = [a for a in acts if text in (a["iri"], a["key"])]
    if exact:
        return exact
    if not probe:
        return []
    # The name (type and date) first; words of the title only when the name says nothing.
    by_name = [a for a in acts if probe in fold(" ".join([a["key"], a["label"], a["date"]]))]
    return by_name or [a for a in acts if probe in fold(a["title"] or "")]


def resolve_act(store: Store, text: str) -> dict:
    """One act named by ``text``; unknown or several: :class:`UnknownNameError` with candidates."""
    hits = find_acts(store, text)
    if len(hits) == 1:
        return hits[0]
    if not hits:
        from difflib import get_close_matches
        acts = act_records(store)
        labels = {fold(a["label"]): a["label"] for a in acts}
        close = [labels[k] for k in get_close_matches(fold(text), list(labels), n=3, cutoff=0.4)]
        raise UnknownNameError(f"no act matches {text!r}", close)
    raise UnknownNameError(f"{text!r} matches {len(hits)} acts; be more precise",
                           [f"{a['key']} ({a['label']})" for a in hits[:5]])


def filter_citations(records: list[dict], acts: list[dict] | None = None, article: str | None = None,
                     status: str | None = None) -> list[dict]:
    """Keep the citations of these acts (main reading or alternative), article and status."""
    iris = {a["iri"] for a in acts} if acts is not None else None
    out = []
    for r in records:
        readings = [(r["act"], r["article"])] + [(a["act"], a["article"]) for a in r["alternatives"]]
        if iris is not None and not any(act and act["iri"] in iris for act, _ in readings):
            continue
        if article is not None and not any(fold(art or "") == fold(article) and (iris is None or (act and act["iri"] in iris))
                                           for act, art in readings):
            continue
        if status and r["status"] != status:
            continue
        out.append(r)
    return out


def footnote_records(store: Store, number: int | None = None) -> list[dict[str, Any]]:
    """Footnotes with their anchors and citations."""
    by_note: dict[int, list[dict]] = {}
    for c in citation_records(store):
        if c["source"]["footnote"] is not None:
            by_note.setdefault(c["source"]["footnote"], []).append(c)
    out = []
    for row in store.select(load_query("footnotes").text):
        if number is not None and row["number"] != number:
            continue
        anchors = sorted(int(x) for x in (row.get("anchors") or "").split())
        out.append({"number": row["number"], "line": row["line"], "text": row["text"],
                    "anchors": anchors, "citations": by_note.get(row["number"], [])})
    if number is not None and not out:
        raise InputError(f"no footnote {number}: the circular has notes 1 to {len(store.select(load_query('footnotes').text))}")
    return out


def cited_by(store: Store, act_iri: str, article: str | None = None) -> list[dict[str, Any]]:
    """The provisions of an act ranked by the number of distinct passages citing them."""
    rows = store.select(load_query("cited-by").text, {"act": iri(act_iri)})
    out = []
    for row in rows:
        if article is not None and fold(row.get("article") or "") != fold(article):
            continue
        out.append({"provision": row["provision"], "label": row.get("label"),
                    **{k: row.get(k) for k in _PLACE}, "passages": row["passages"]})
    return out
