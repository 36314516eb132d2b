"""Figures as Mermaid flowcharts (for Markdown and notebooks; no program needed).

Node shapes and line styles follow :mod:`passerelles.diagrams.palette`: years are
rectangles, titles double circles, options "subroutine" boxes; awards are thick arrows,
passages from special education and attestations dotted ones (with their own dash
pattern). The title, the legend, the conditions and the source are ``%%`` comments (and,
in Markdown, text under the chart).

>>> from passerelles.diagrams.model import Edge, Figure, Node
>>> fig = Figure("Essai", nodes=[Node("year:7P", "year", "7P"), Node("title:CESS", "title", "CESS")],
...              edges=[Edge("year:7P", "title:CESS", "award", ("délivrance",), notes=(1,))])
>>> lines = to_mermaid(fig).splitlines()
>>> lines[:2], lines[4]
(['flowchart LR', '%% Essai'], '  year_7P ==>|"délivrance [1]"| title_CESS')
>>> lines[2:4]
['  title_CESS((("<b>CESS</b>")))', '  year_7P["<b>7P</b>"]']
"""

from __future__ import annotations

import html
import re

from . import palette
from .model import EDGE_KINDS, NODE_KINDS, Figure, Node, safe_ids, wrap

_SHAPE_WORDS = {"[": "rectangle", "(((": "double cercle", "[[": "rectangle à bords doubles", "([": "stade",
                "(": "rectangle arrondi"}
_DASH_WORDS = {None: "flèche pleine", "6 4": "flèche en tirets", "2 3": "flèche en pointillés",
               "10 3 2 3": "flèche en tirets et points"}


def _text(text: str) -> str:
    """Text safe inside a quoted Mermaid label (quotes and markup as entities)."""
    return html.escape(text, quote=False).replace('"', "#quot;")


def _node(node: Node, ident: str) -> str:
    parts = [f"<b>{_text(node.label)}</b>"]
    if node.detail:
        parts.append("<br/>".join(_text(x) for x in wrap(node.detail, palette.NODE[node.kind]["wrap"])))
    if node.note:
        parts.append(f"<i>{_text(node.note)}</i>")
    left, right = palette.NODE[node.kind]["mermaid"]
    return f'  {ident}{left}"{"<br/>".join(parts)}"{right}'


def to_mermaid(figure: Figure) -> str:
    """The Mermaid ``flowchart LR`` text of a figure."""
    ids = safe_ids(figure)
    out = ["flowchart LR", f"%% {figure.title}"] + ([f"%% {figure.subtitle}"] if figure.subtitle else [])
    for cluster in figure.clusters:
        out.append(f'  subgraph {re.sub(r"[^A-Za-z0-9_]", "_", cluster.id)}["{_text(cluster.label)}"]')
        out += ["  " + _node(n, ids[n.id]) for n in figure.members(cluster.id)]
        out.append("  end")
    out += [_node(n, ids[n.id]) for n in figure.members(None)]
    for edge in figure.edges:
        arrow = palette.EDGE[edge.kind]["mermaid"][0]
        lines = [" ".join(x for x in [edge.label[0] if edge.label else "", edge.marks()] if x), *edge.label[1:]]
        label = "<br/>".join(_text(x) for x in lines if x)
        link = f'|"{label}"|' if label else ""
        out.append(f"  {ids[edge.source]} {arrow}{link} {ids[edge.target]}")
    out += _styles(figure, ids)
    out += [f"%% {line}" for line in figure.caption]
    out += [f"%% [{f.number}] {f.text}" for f in figure.footnotes]
    out.append(f"%% Légende : {legend_text(figure)}")
    out.append(f"%% {figure.source}")
    return "\n".join(out)


def _styles(figure: Figure, ids: dict[str, str]) -> list[str]:
    kinds = [k for k in palette.NODE if any(n.kind == k for n in figure.nodes)]
    out = [f"  classDef {k} fill:{palette.NODE[k]['fillcolor']},stroke:{palette.NODE[k]['color']},color:#000000"
           for k in kinds]
    emphasised = [ids[n.id] for n in figure.nodes if n.emphasis]
    if emphasised:
        out.append("  classDef emphasis stroke-width:3px")
    out += [f"  class {','.join(ids[n.id] for n in figure.nodes if n.kind == k)} {k}" for k in kinds]
    if emphasised:
        out.append(f"  class {','.join(emphasised)} emphasis")
    most = max((e.weight for e in figure.edges), default=1)
    by_style: dict[tuple[str, str], list[str]] = {}
    for i, edge in enumerate(figure.edges):
        style = palette.EDGE[edge.kind]
        width = palette.weight_penwidth(edge.weight, most) if edge.kind == "cites" else style["penwidth"]
        by_style.setdefault((edge.kind, width), []).append(str(i))
    for (kind, width), indexes in by_style.items():
        style = palette.EDGE[kind]
        dash = style["mermaid"][1]
        out.append(f"  linkStyle {','.join(indexes)} stroke:{style['color']},stroke-width:{width}px"
                   + (f",stroke-dasharray:{dash}" if dash else ""))
    return out


def legend_text(figure: Figure) -> str:
    """The legend in words: what each shape and arrow means in the Mermaid chart."""
    parts = []
    for element, kind in figure.legend():
        if element == "node":
            parts.append(f"{NODE_KINDS[kind]} = {_SHAPE_WORDS[palette.NODE[kind]['mermaid'][0]]}")
        else:
            arrow, dash = palette.EDGE[kind]["mermaid"]
            parts.append(f"{EDGE_KINDS[kind]} = {'flèche épaisse' if arrow == '==>' else _DASH_WORDS[dash]}")
    return " ; ".join(parts)


def markdown(figure: Figure) -> str:
    """A Markdown block: the title, the chart, the legend, the conditions and the source."""
    lines = [f"**{figure.title}**", ""] + ([figure.subtitle, ""] if figure.subtitle else [])
    lines += ["```mermaid", to_mermaid(figure), "```", "", f"*Légende :* {legend_text(figure)}", ""]
    lines += [f"- {c}" for c in figure.caption]
    if figure.footnotes:
        lines += ["", "*Conditions encore à remplir :*", ""] + [f"{f.number}. {f.text}" for f in figure.footnotes]
    lines += ["", f"*{figure.source}*"]
    return "\n".join(lines) + "\n"
