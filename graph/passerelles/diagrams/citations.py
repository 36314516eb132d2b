"""The citations figure: which chapters and sections of the circular cite which articles.

Everything is read from the graph (the embedded store or an endpoint): the divisions of
the circular (``queries/divisions.rq``), where each footnote is called
(``queries/footnotes.rq``), the citations and the acts — never the corpus.

Divisions come in document order (chapters I to VIII, their sections in turn), articles in
legal order (2, 2bis, 2ter, 2quater, 3 … 9, 9bis, 9ter, 10): the figure is drawn as two
ordered columns, and each arrow's count is written where the arrow leaves its division.

>>> natural_key("2quater") < natural_key("3") < natural_key("9bis") < natural_key("10")
True
"""

from __future__ import annotations

from ..circular.structure import Division, division_at
from ..queries import load_query
from .model import Cluster, Edge, Figure, Node, natural_key

#: Divisions a citation is counted in: chapters and sections (and the introduction, annexes).
_DEEPEST = 2


def division_records(store, document: str = "circulaire-7282") -> list[Division]:
    """The divisions of a document read from the graph, in document order.

    ``path`` is the last segment of the division's IRI (``chap-II__sec-I``); ``level`` its
    depth under the document (chapters, the introduction and annexes 1, sections 2 …).
    """
    from rdflib import Literal
    rows = store.select(load_query("divisions").text, {"document": Literal(document)})
    parent = {r["division"]: r["parent"] for r in rows}

    def depth(iri: str) -> int:
        n = 0
        while iri in parent:
            iri, n = parent[iri], n + 1
        return n

    return [Division(r["kind"], r["number"] or "", r["heading"], int(r["first"]), int(r["last"]),
                     r["division"].rsplit("/", 1)[-1], depth(r["division"])) for r in rows]


def footnote_anchors(store) -> dict[int, list[int]]:
    """Footnote number → the lines where it is called."""
    return {int(r["number"]): sorted(int(x) for x in (r.get("anchors") or "").split())
            for r in store.select(load_query("footnotes").text)}


def _chapter_of(division: Division, divisions: dict[str, Division]) -> Division | None:
    """The chapter holding a division (itself for a chapter); None outside chapters."""
    path = division.path
    while path:
        d = divisions.get(path)
        if d is not None and d.kind == "chapter":
            return d
        path = path.rpartition("__")[0]
    return None


def citations_figure(records: list[dict], divisions: list[Division], footnote_anchors: dict[int, list[int]],
                     acts: dict[str, dict], only: set[str] | None = None, min_count: int = 1) -> Figure:
    """Which divisions of the circular (chapters and sections) cite which articles.

    Parameters
    ----------
    records : list of dict
        Citation records (:func:`passerelles.views.citations.citation_records`).
    divisions : list of Division
        The circular's divisions (:func:`division_records`); a citation counts for the
        deepest chapter or section holding its line (for a footnote: each division where
        the note is called, once).
    footnote_anchors : dict
        Footnote number → lines where the note is called.
    acts : dict
        Act IRI → act record (``label``, ``date``).
    only : set of str, optional
        Keep these acts' readings (the main reading or an alternative).
    min_count : int
        Leave out the pairs (division, article) cited fewer times (2: no single citation).

    Returns
    -------
    Figure
        Sections (``section:PATH``) in chapter clusters on the left, articles
        (``article:ACT#ART``) on the right, ``cites`` edges whose ``weight`` is the count.
    """
    upper = [d for d in divisions if d.level <= _DEEPEST]
    by_path = {d.path: d for d in divisions}
    counts: dict[tuple[str, str], int] = {}
    places: dict[str, Division] = {}
    articles: dict[str, tuple[str, str | None]] = {}
    missing = {"act": 0, "division": 0}
    for r in records:
        readings = _readings(r, only)
        note = r["source"]["footnote"]
        lines = footnote_anchors.get(note, []) if note is not None else [r["source"]["line"]]
        where = {d.path: d for d in (division_at(upper, line) for line in lines) if d is not None}
        if not readings or not where:
            if not readings and r["act"] is None and only is None:
                missing["act"] += 1
            elif readings:
                missing["division"] += 1
            continue
        for act, article in readings:
            aid = f"article:{act['iri'].rsplit('/eli/', 1)[-1]}#{article or ''}"
            for path, division in where.items():
                key = (f"section:{path}", aid)
                counts[key] = counts.get(key, 0) + 1
                places[path] = division
                articles[aid] = (act["iri"], article)
    total, total_places, total_articles = sum(counts.values()), len(places), len(articles)
    kept = {k: n for k, n in counts.items() if n >= min_count}
    places = {p: d for p, d in places.items() if f"section:{p}" in {s for s, _ in kept}}
    articles = {a: v for a, v in articles.items() if a in {t for _, t in kept}}
    several = len({iri for iri, _ in articles.values()}) > 1
    nodes = [_division_node(d, _chapter_of(d, by_path)) for d in places.values()]
    clusters = _chapter_clusters(places.values(), by_path)
    for aid, (iri, article) in articles.items():
        act = acts.get(iri) or {}
        group = f"act:{iri}" if several else None
        nodes.append(Node(aid, "article", f"art. {article}" if article else "(sans article)", group=group,
                          order=(1, act.get("date") or "", iri) + natural_key(article)))
    if several:
        ordered = sorted({iri for iri, _ in articles.values()}, key=lambda i: ((acts.get(i) or {}).get("date") or "", i))
        clusters += [Cluster(f"act:{iri}", _act_name(acts.get(iri), iri), 10_000 + i, _act_short(acts.get(iri), iri))
                     for i, iri in enumerate(ordered)]
    edges = [Edge(s, a, "cites", (str(n),), weight=n) for (s, a), n in kept.items()]
    caption = [f"{total} citation(s) rattachée(s) à {total_places} division(s) et {total_articles} article(s). "
               "Le nombre au départ de chaque flèche (et son épaisseur) dit combien de fois la division cite l'article ; "
               "une note de bas de page compte pour chaque division où elle est appelée."]
    if min_count > 1:
        left_out = sum(n for n in counts.values() if n < min_count)
        caption.append(_left_out(min_count, left_out, sum(kept.values()), len(places), len(articles)))
    if missing["act"] or missing["division"]:
        caption.append(f"Non représentées : {missing['act']} citation(s) dont l'acte n'est pas identifié, "
                       f"{missing['division']} hors des chapitres et sections.")
    caption += acts_key(clusters)
    title = "Articles cités par la circulaire 7282, par division"
    subtitle = "; ".join(_act_name(acts.get(i), i) for i in sorted(only)) if only else "Tous les actes cités"
    return Figure(title, subtitle, nodes, edges, clusters, [], caption, spacing=(0.01, 1.1), columns=True,
                  split_by="chapter")


def _left_out(min_count: int, left_out: int, kept: int, places: int, articles: int) -> str:
    return (f"Paires citées moins de {min_count} fois non dessinées ({left_out} citation(s)) ; "
            f"restent {kept} citation(s), {places} division(s), {articles} article(s).")


def at_least(figure: Figure, min_count: int) -> Figure:
    """``figure`` without its pairs cited fewer than ``min_count`` times (and the divisions
    and articles left without an arrow): what ``--min-count`` would draw, for a figure that
    does not fit to measure before it proposes it.

    >>> fig = Figure("t", nodes=[Node("s", "section", "1."), Node("a", "article", "art. 2"),
    ...                          Node("b", "article", "art. 3")],
    ...              edges=[Edge("s", "a", "cites", ("1",), weight=1), Edge("s", "b", "cites", ("4",), weight=4)],
    ...              columns=True)
    >>> [n.id for n in at_least(fig, 2).nodes], at_least(fig, 2).caption[-1][:40]
    (['b', 's'], 'Paires citées moins de 2 fois non dessin')
    """
    from dataclasses import replace
    edges = [e for e in figure.edges if e.weight >= min_count]
    ends = {x for e in edges for x in (e.source, e.target)}
    nodes = [n for n in figure.nodes if n.id in ends]
    groups = {n.group for n in nodes}
    line = _left_out(min_count, sum(e.weight for e in figure.edges if e.weight < min_count),
                     sum(e.weight for e in edges), len({e.source for e in edges}), len({e.target for e in edges}))
    clusters = [c for c in figure.clusters if c.id in groups]
    caption = [x for x in figure.caption if not x.startswith(("Paires citées moins de", ACTS_KEY))]
    return replace(figure, nodes=nodes, edges=edges, clusters=clusters, caption=caption + [line] + acts_key(clusters))


def _readings(record: dict, only: set[str] | None) -> list[tuple[dict, str | None]]:
    """The (act, article) readings of a citation to draw: its main reading, or with
    ``only`` every reading (main or alternative) of those acts, each once."""
    readings = [(record["act"], record["article"])] + [(a["act"], a["article"]) for a in record["alternatives"]]
    readings = [(a, art) for a, art in readings if a and (only is None or a["iri"] in only)]
    out: list = []
    for act, article in readings[:1] if only is None else readings:
        if all((act["iri"], article) != (a["iri"], art) for a, art in out):
            out.append((act, article))
    return out


def _division_node(d: Division, chapter: Division | None) -> Node:
    """A section by its number and heading; a chapter's own text as "(hors sections)"."""
    if d.kind == "chapter":
        label, detail = f"Chapitre {d.number}", "texte hors sections"
    elif d.kind == "introduction":
        label, detail = "Introduction", ""
    elif d.kind == "annex":
        label, detail = f"Annexe {d.number}", d.heading if d.heading != f"Annexe {d.number}" else ""
    else:
        label, detail = f"{d.number}.", d.heading
    group = f"chapter:{chapter.path}" if chapter is not None else None
    return Node(f"section:{d.path}", "section", label, detail, group=group, order=(0, d.first_line, -d.last_line))


def _chapter_clusters(places, by_path: dict[str, Division]) -> list[Cluster]:
    chapters = {c.path: c for c in (_chapter_of(d, by_path) for d in places) if c is not None}
    return [Cluster(f"chapter:{c.path}", f"Chapitre {c.number} : {c.heading}", c.first_line)
            for c in chapters.values()]


#: The caption line that names in full the acts the right column heads by their short names.
ACTS_KEY = "Actes cités : "


def acts_key(clusters) -> list[str]:
    """The caption line naming in full the acts whose headings show their short name only
    (a long title, wrapped in the narrow right column, made a chapter four times taller).

    >>> from passerelles.diagrams.model import Cluster
    >>> acts_key([Cluster("act:x", "Décret du 3 juillet 1991 organisant l'alternance", 1, "Décret du 3 juillet 1991"),
    ...           Cluster("chapter:I", "Chapitre I", 0)])
    ["Actes cités : Décret du 3 juillet 1991 organisant l'alternance."]
    """
    full = [c.label for c in clusters if c.id.startswith("act:") and c.short and c.short != c.label]
    return [ACTS_KEY + " ; ".join(full) + "."] if full else []


def _act_short(act: dict | None, iri: str) -> str:
    return act["label"] if act else iri.rsplit("/eli/", 1)[-1]


def _act_name(act: dict | None, iri: str) -> str:
    if not act:
        return iri.rsplit("/eli/", 1)[-1]
    return act["label"] + (f" {act['title']}" if act.get("title") else "")
