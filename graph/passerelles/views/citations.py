"""Citations, footnotes and acts, as records (the JSON contract of the README)."""

from __future__ import annotations

from typing import Any

import pyoxigraph

from ..errors import InputError, UnknownValueError
from ..lookup import Entry, NameIndex
from ..queries import load_query
from ..records import (Act, ActRef, Citation, CitationSource, CitedProvision, Footnote, Reading, Records,
                       TitleName)
from ..store import Store, iri, rows_by
from ..text import clean_markup, fold

_PLACE = ("article", "paragraph", "alinea", "point")

#: The statuses of a citation.
STATUSES = ("resolved", "ambiguous", "unresolved")


def _act(row: dict, prefix: str = "act") -> ActRef | None:
    if not row.get(prefix):
        return None
    return ActRef(row.get(f"{prefix}Type"), row.get(f"{prefix}Date"), row.get(f"{prefix}Number"),
                  row.get(f"{prefix}Title"), row.get(prefix))


def citation_records(store: Store, citations: list[str] | None = None) -> Records:
    """Every citation occurrence, in the order of the corpus (:class:`~passerelles.records.Citation`);
    ``citations``: only these (IRIs), asked for by the queries rather than filtered here."""
    if citations is not None and not citations:
        return Records()
    params = None if citations is None else {"citation": [pyoxigraph.NamedNode(c) for c in citations]}
    alternatives = rows_by(store.select(load_query("citation-alternatives").text, params), "citation")
    out = Records()
    for row in store.select(load_query("citations").text, params):
        ranked = sorted(alternatives.get(row["citation"], []), key=lambda a: a["rank"])
        alts = tuple(Reading(_act(a), *(a.get(k) for k in _PLACE), a.get("via")) for a in ranked)
        out.append(Citation(
            CitationSource(row["document"], row["line"], row.get("footnote")), _act(row),
            *(row.get(k) for k in _PLACE), row["status"], alts, row.get("reason"),
            row["text"], row["via"], row.get("amendedBy"), row.get("amendedAtLine")))
    return out


def citations_of_act(store: Store, act: str, article: str | None = None) -> list[str]:
    """The citations one of whose readings (main or alternative) is of ``act`` (IRI), and of
    ``article`` when given (as the lookup folds it: ``2quater``), by ``citations-of-act.rq``:
    the graph is asked for them, so that the cost follows the answer."""
    params = {"ofAct": pyoxigraph.NamedNode(act)}
    if article is not None:
        params["ofArticle"] = pyoxigraph.Literal(fold(article))
    return [row["citation"] for row in store.select(load_query("citations-of-act").text, params)]


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


def act_records(store: Store) -> Records:
    """The act registry with how often and where each act is cited (:class:`~passerelles.records.Act`).

    ``count`` is the number of acts a key stands for (2 for "2 arrêtés … du 21 février
    2018"); ``title_names`` lists what the act's own title names (``exécutant le décret du
    …``) and ``named_in_titles`` the lines where another act's title names it — links
    between acts, not citations.
    """
    mentions = title_mention_records(store)
    out = Records()
    for row in store.select(load_query("acts").text):
        lines = tuple(sorted({int(x) for x in (row.get("lines") or "").split()}))
        iri_ = row["act"]
        out.append(Act(
            iri_, row["key"], row["type"], row["date"], row.get("number"), int(row.get("count") or 1), row["label"],
            row.get("title"), row["citations"], lines,
            tuple(TitleName(n, r) for n, r in sorted({(m["names"], m["relation"]) for m in mentions if m["act"] == iri_})),
            tuple(sorted({m["source"]["line"] for m in mentions if m["names"] == iri_ or m["names"].startswith(iri_ + "/")}))))
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


def act_entries(acts: list[Act], nicknames: dict[str, list[str]] | None = None) -> list[Entry]:
    """Lookup entries for acts (records of :func:`act_records`): the names people give them.

    Each act is named by its key, its label (``Décret du 3 juillet 1991``), its type written
    any way with its date (``D. 03-07-1991``, ``décret 3/7/1991``: :func:`~passerelles.lookup.name_key`
    reads every form of a date), its number (circulars), its title and its ``nicknames``
    (IRI -> names, e.g. ``Missions``).

    >>> act = Act("https://w3id.org/passerelles/eli/decret/1997/07/24", "decret/1997/07/24", "decret", "1997-07-24",
    ...           None, 1, "Décret du 24 juillet 1997", "définissant les missions prioritaires", 3, (), (), ())
    >>> index = NameIndex(act_entries([act], {act.iri: ["Missions"]}))
    >>> {index.lookup(n).id for n in ("D. 24-07-1997", "le décret Missions", "décret du 24/7/1997")}
    {'decret/1997/07/24'}
    """
    out = []
    for a in acts:
        y, m, d = a.date.split("-")
        when = f"{d}-{m}-{y}"
        names = [a.key] + list((nicknames or {}).get(a.iri, []))
        if a.title:
            names.append(f"{a.label} {a.title}")
        for kind in ACT_TYPE_NAMES.get(a.type, ()):
            names.append(f"{kind} du {when}")
            names += [f"{kind} {nick}" for nick in (nicknames or {}).get(a.iri, [])]
            if a.number:
                names += [f"{kind} n°{a.number}", f"{kind} {a.number}", f"{kind} n°{a.number} du {when}"]
            if a.title:
                names.append(f"{kind} {a.title}")
        codes = (a.iri, a.number) if a.type == "circulaire" and a.number else (a.iri,)
        out.append(Entry(a.key, a.label, tuple(dict.fromkeys(names)), codes, a.type))
    return out


def _act_index(store: Store) -> tuple[NameIndex, dict[str, Act]]:
    acts = act_records(store)
    nicknames: dict[str, list[str]] = {}
    for row in store.select(load_query("act-names").text):
        nicknames.setdefault(row["act"], []).append(row["name"])
    return NameIndex(act_entries(acts, nicknames)), {a.key: a for a in acts}


def find_acts(store: Store, text: str) -> list[Act]:
    """The acts ``text`` names equally well: one, several (``décret du 14 mars 2019``), or none.

    ``text`` is read as :mod:`passerelles.lookup` reads names: key, IRI, label, type and date
    in any form, number, nickname, words of the title; see :func:`act_entries`.
    """
    index, by_key = _act_index(store)
    return [by_key[e.id] for e in index.match(text).entries]


def resolve_act(store: Store, text: str) -> Act:
    """One act named by ``text``; unknown or several: :class:`~passerelles.errors.UnknownNameError`
    with the candidates (see :meth:`passerelles.lookup.NameIndex.lookup`)."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("an act is named by text, e.g. 'décret du 3 juillet 1991'")
    index, by_key = _act_index(store)
    return by_key[index.lookup(text, "act").id]


def check_article(article: str | None) -> str | None:
    """An article as people write it (``6``, ``2quater``), or None; empty text refused."""
    if article is None:
        return None
    if not isinstance(article, (str, int)) or isinstance(article, bool) or not str(article).strip():
        raise InputError("an article is a number such as 6 or 2quater")
    return str(article).strip()


def check_status(status: str | None) -> str | None:
    """A citation status, or None; anything else is refused with the statuses."""
    if status is not None and status not in STATUSES:
        raise UnknownValueError("status", status, STATUSES)
    return status


def filter_citations(records: list[Citation], acts: list[Act] | None = None, article: str | None = None,
                     status: str | None = None) -> Records:
    """Keep the citations of these acts (main reading or alternative), article and status."""
    iris = {a.iri for a in acts} if acts is not None else None
    out = Records()
    for r in records:
        readings = [(r.act, r.article)] + [(a.act, a.article) for a in r.alternatives]
        if iris is not None and not any(act and act.iri in iris for act, _ in readings):
            continue
        if article is not None and not any(fold(art or "") == fold(article) and (iris is None or (act and act.iri in iris))
                                           for act, art in readings):
            continue
        if status and r.status != status:
            continue
        out.append(r)
    return out


def footnote_records(store: Store, number: int | None = None) -> Records:
    """Footnotes with their anchors and citations (:class:`~passerelles.records.Footnote`);
    ``number``: that note only (a note the circular does not have is an input error)."""
    if number is not None and (isinstance(number, bool) or not isinstance(number, int)):
        raise InputError(f"a footnote is given by its number, not {number!r}")
    by_note: dict[int, list[Citation]] = {}
    for c in citation_records(store):
        if c.source.footnote is not None:
            by_note.setdefault(c.source.footnote, []).append(c)
    rows = store.select(load_query("footnotes").text)
    out = Records()
    for row in rows:
        if number is not None and row["number"] != number:
            continue
        anchors = tuple(sorted(int(x) for x in (row.get("anchors") or "").split()))
        out.append(Footnote(row["number"], row["line"], clean_markup(row["text"]), row["text"], anchors,
                            tuple(by_note.get(row["number"], ()))))
    if number is not None and not out:
        raise InputError(f"no footnote {number}: the circular has notes 1 to {len(rows)}")
    return out


def cited_by(store: Store, act_iri: str, article: str | None = None) -> Records:
    """The provisions of an act ranked by the number of distinct passages citing them."""
    rows = store.select(load_query("cited-by").text, {"act": iri(act_iri)})
    out = Records()
    for row in rows:
        if article is not None and fold(row.get("article") or "") != fold(article):
            continue
        out.append(CitedProvision(row["provision"], row.get("label"), *(row.get(k) for k in _PLACE), row["passages"]))
    return out
