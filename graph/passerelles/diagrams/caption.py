"""A figure's caption as text: for a caption file beside the drawing (``--caption
separate``: Markdown and LaTeX), and the SVG's accessible description.

A journal sets the caption in its own type, under the figure: the title, the legend (in
words, since the drawing no longer carries it), the caption lines, the numbered notes and
the source.

>>> from passerelles.diagrams.model import Edge, Figure, Footnote, Node
>>> fig = Figure("De A à B", "1 parcours", nodes=[Node("year:7P", "year", "7P")],
...              edges=[Edge("year:7P", "year:7P", "award", notes=(1,))],
...              footnotes=[Footnote(1, "avoir 18 ans & plus")], caption=["Parcours 1 : A → B"])
>>> print(markdown_caption(fig))
**De A à B.** 1 parcours.
<BLANKLINE>
*Légende :* rectangle bleu clair : année d'études ou formation ; trait gras vermillon : délivrance du titre.
<BLANKLINE>
Parcours 1 : A → B
<BLANKLINE>
*Notes :*
<BLANKLINE>
1. avoir 18 ans & plus
<BLANKLINE>
*Source : circulaire 7282 du 2 septembre 2019 (Fédération Wallonie-Bruxelles), enseignement secondaire en alternance ; figure : Passerelles*
<BLANKLINE>
>>> "avoir 18 ans \\\\& plus" in latex_caption(fig)
True
"""

from __future__ import annotations

import re

from . import palette
from .model import EDGE_KINDS, NODE_KINDS, Figure



def legend_words(figure: Figure) -> str:
    """The legend in words: each shape and line the figure uses, its colour and meaning."""
    parts = []
    for element, kind in figure.legend():
        if element == "node":
            parts.append(f"{palette.shape_words(kind)} {palette.NODE[kind]['words']} : {NODE_KINDS[kind]}")
        else:
            parts.append(f"{palette.line_words(kind)} {palette.EDGE[kind]['words']} : {EDGE_KINDS[kind]}")
    return " ; ".join(parts)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?…" else text + "."


def _key(figure: Figure, key: bool) -> list[str]:
    return ["Sigles : " + " ; ".join(figure.key()) + "."] if key and figure.key() else []


def markdown_caption(figure: Figure, key: bool = False) -> str:
    """The caption as Markdown (title in bold, legend, caption lines, notes, source);
    ``key``: the boxes show only their names, listed here with what they stand for."""
    head = f"**{_sentence(figure.title)}**" + (f" {_sentence(figure.subtitle)}" if figure.subtitle else "")
    out = [head, ""]
    legend = legend_words(figure)
    if legend:
        out += [f"*Légende :* {_sentence(legend)}", ""]
    for line in figure.caption + _key(figure, key):
        out += [line, ""]
    if figure.footnotes:
        out += [f"*{figure.notes_title} :*", ""] + [f"{f.number}. {f.text}" for f in figure.notes(key)] + [""]
    out += [f"*{figure.source}*", ""]
    return "\n".join(out)


_TEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
        "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "→": r"$\rightarrow$",
        "«": r"\og{}", "»": r"\fg{}", "§": r"\S{}"}


def tex(text: str) -> str:
    """Text safe in LaTeX (UTF-8 input; special characters escaped).

    >>> tex("50 % & art. 2 §1 → CESS")
    '50 \\\\% \\\\& art. 2 \\\\S{}1 $\\\\rightarrow$ CESS'
    """
    return re.sub("|".join(re.escape(k) for k in _TEX), lambda m: _TEX[m[0]], text)


def latex_caption(figure: Figure, key: bool = False) -> str:
    """The caption as a LaTeX fragment: the title in bold, then the legend, caption lines,
    notes and source, one paragraph each (``\\par``, no blank line, so that it can go inside
    ``\\caption[Short title]{\\input{FIG.caption.tex}}``). Needs UTF-8 input and the T1
    font encoding; « » need babel's French (``\\og``, ``\\fg``)."""
    out = [r"\textbf{" + tex(_sentence(figure.title)) + "}" + (f" {tex(_sentence(figure.subtitle))}" if figure.subtitle else "")]
    legend = legend_words(figure)
    if legend:
        out.append(r"\emph{Légende :} " + tex(_sentence(legend)))
    out += [tex(line) for line in figure.caption + _key(figure, key)]
    if figure.footnotes:
        out.append(r"\emph{" + tex(figure.notes_title) + r" :}")
        out += [f"[{f.number}]~{tex(f.text)}" for f in figure.notes(key)]
    out.append(r"\emph{" + tex(figure.source) + "}")
    return "\\par\n".join(out) + "\n"


def description(figure: Figure, key: bool = False) -> str:
    """A plain description for screen readers (the SVG's ``<desc>``): subtitle, caption
    lines, legend and the notes."""
    parts = ([figure.subtitle] + list(figure.caption) + _key(figure, key)
             + ([f"Légende : {legend_words(figure)}"] if figure.legend() else []))
    if figure.footnotes:
        parts.append(f"{len(figure.footnotes)} note(s) : " + " ".join(f"[{f.number}] {f.text}"
                                                                     for f in figure.notes(key)))
    return " ".join(_sentence(p) for p in parts if p)
