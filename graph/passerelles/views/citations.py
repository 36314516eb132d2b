"""Citations, footnotes and acts, as records (the JSON contract of the README)."""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..lookup import Entry, NameIndex
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


#: How people write the type of an act: its name, the diagrams' abbreviation (``D.
#: 03-07-1991``, as ``routes/explain.py`` cites acts) and other short forms.
ACT_TYPE_NAMES = {
    "decret": ("décret", "D."),
    "loi": ("loi", "L."),
    "arrete-royal": ("arrêté royal", "A.R."),
    "agcf": ("arrêté du Gouvernement de la Communauté française", "AGCF", "arrêté du Gouvernement"),
    "aecf": ("arrêté de l'Exécutif de la Communauté française", "AECF", "arrêté de l'Exécutif"),
    "circulaire": ("circulaire", "Circ."),
}


def act_entries(acts: list[dict], nicknames: dict[str, list[str]] | None = None) -> list[Entry]:
    """Lookup entries for acts (records of :func:`act_records`): the names people give them.

    Each act is named by its key, its label (``Décret du 3 juillet 1991``), its type written
    any way with its date (``D. 03-07-1991``, ``décret 3/7/1991``: :func:`~passerelles.lookup.name_key`
    reads every form of a date), its number (circulars), its title and its ``nicknames``
    (IRI -> names, e.g. ``Missions``).

    >>> act = {"iri": "https://w3id.org/passerelles/eli/decret/1997/07/24", "key": "decret/1997/07/24",
    ...        "type": "decret", "date": "1997-07-24", "number": None, "label": "Décret du 24 juillet 1997",
    ...        "title": "définissant les missions prioritaires"}
    >>> index = NameIndex(act_entries([act], {act["iri"]: ["Missions"]}))
    >>> {index.lookup(n).id for n in ("D. 24-07-1997", "le décret Missions", "décret du 24/7/1997")}
    {'decret/1997/07/24'}
    """
    out = []
    for a in acts:
        y, m, d = a["date"].split("-")
        when = f"{d}-{m}-{y}"
        names = [a["key"]] + list((nicknames or {}).get(a["iri"], []))
        if a.get("title"):
            names.append(f"{a['label']} {a['title']}")
        for kind in ACT_TYPE_NAMES.get(a["type"], ()):
            names.append(f"{kind} du {when}")
            names += [f"{kind} {nick}" for nick in (nicknames or {}).get(a["iri"], [])]
            if a.get("number"):
                names += [f"{kind} n°{a['number']}", f"{kind} {a['number']}", f"{kind} n°{a['number']} du {when}"]
            if a.get("title"):
                names.append(f"{kind} {a['title']}")
        codes = (a["iri"], a["number"]) if a["type"] == "circulaire" and a.get("number") else (a["iri"],)
        out.append(Entry(a["key"], a["label"], tuple(dict.fromkeys(names)), codes, a["type"]))
    return out


def _act_index(store: Store) -> tuple[NameIndex, dict[str, dict]]:
    acts = act_records(store)
    nicknames: dict[str, list[str]] = {}
    for row in store.select(load_query("act-names").text):
        nicknames.setdefault(row["act"], []).append(row["name"])
    return NameIndex(act_entries(acts, nicknames)), {a["key"]: a for a in acts}


def find_acts(store: Store, text: str) -> list[dict]:
    """The acts ``text`` names equally well: one, several (``décret du 14 mars 2019``), or none.

    ``text`` is read as :mod:`passerelles.lookup` reads names: key, IRI, label, type and date
    in any form, number, nickname, words of the title; see :func:`act_entries`.
    """
    index, by_key = _act_index(store)
    return [by_key[e.id] for e in index.match(text).entries]


def resolve_act(store: Store, text: str) -> dict:
    """One act named by ``text``; unknown or several: :class:`~passerelles.errors.UnknownNameError`
    with the candidates (see :meth:`passerelles.lookup.NameIndex.lookup`)."""
    index, by_key = _act_index(store)
    return by_key[index.lookup(text, "act").id]


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
