"""Styles: the Okabe-Ito colour-blind-safe palette, and a shape or line style for every
kind, so that a figure printed in greyscale still tells the kinds apart.

Fills are light tints of the palette (black text stays readable on them); lines and
borders use the full colours.

>>> OKABE_ITO["blue"], tint("#0072B2", 0.5)
('#0072B2', '#80B8D8')
>>> NODE["title"]["peripheries"], EDGE["award"]["style"], EDGE["passage-specialise"]["style"]
('2', 'bold', 'dotted')
>>> NODE["year"]["words"], EDGE["award"]["words"]
('bleu clair', 'vermillon')
"""

from __future__ import annotations

#: Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "orange": "#E69F00",
    "sky-blue": "#56B4E9",
    "bluish-green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish-purple": "#CC79A7",
    "black": "#000000",
}

FONT = "DejaVu Sans"
#: What SVG viewers may use when DejaVu Sans is not installed (close metrics first).
FONT_FALLBACK = "DejaVu Sans,Verdana,Arial,sans-serif"
GREY = "#555555"


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white (``amount`` 0: the colour, 1: white)."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02X}" for c in rgb)


_C = OKABE_ITO

#: Graphviz node attributes by kind; ``mermaid`` gives the shape brackets of a Mermaid node,
#: ``wrap`` the width (in characters) of the lines of its French label, ``words`` its colour
#: (for a legend written in a caption).
NODE = {
    "start": {"shape": "box", "style": "rounded,dashed,filled", "fillcolor": "#FFFFFF", "color": _C["black"],
              "peripheries": "1", "mermaid": ("([", "])"), "wrap": 24, "words": "blanc"},
    "year": {"shape": "box", "style": "filled", "fillcolor": tint(_C["sky-blue"], 0.65), "color": _C["blue"],
             "peripheries": "1", "mermaid": ("[", "]"), "wrap": 24, "words": "bleu clair"},
    # titles were double ellipses: a rounded box holds the same lines in far less room
    "title": {"shape": "box", "style": "rounded,filled", "fillcolor": tint(_C["orange"], 0.6), "color": _C["vermillion"],
              "peripheries": "2", "mermaid": ("(((", ")))"), "wrap": 24, "words": "orange clair"},
    "option": {"shape": "note", "style": "filled", "fillcolor": tint(_C["bluish-green"], 0.7),
               "color": _C["bluish-green"], "peripheries": "1", "mermaid": ("[[", "]]"), "wrap": 24,
               "words": "vert clair"},
    "section": {"shape": "box", "style": "filled", "fillcolor": tint(_C["reddish-purple"], 0.7),
                "color": _C["reddish-purple"], "peripheries": "1", "mermaid": ("[", "]"), "wrap": 44,
                "words": "rose"},
    "article": {"shape": "box", "style": "rounded,filled", "fillcolor": tint(_C["yellow"], 0.55),
                "color": "#8C7E00", "peripheries": "1", "mermaid": ("(", ")"), "wrap": 24, "words": "jaune"},
    # a node drawn in another part of a split figure, shown where its arrows leave or arrive
    "context": {"shape": "box", "style": "rounded,dashed", "fillcolor": "#FFFFFF", "color": GREY,
                "fontcolor": GREY, "peripheries": "1", "mermaid": ("(", ")"), "wrap": 24,
                "words": "gris"},
}

#: Graphviz edge attributes by kind; ``mermaid`` gives the arrow and the dash pattern.
EDGE = {
    "admission": {"style": "solid", "color": _C["blue"], "penwidth": "1.2", "arrowhead": "normal",
                  "mermaid": ("-->", None), "words": "bleu"},
    "reinsertion": {"style": "solid", "color": _C["reddish-purple"], "penwidth": "1.2", "arrowhead": "empty",
                    "mermaid": ("-->", None), "words": "pourpre"},
    "passage-specialise": {"style": "dotted", "color": _C["bluish-green"], "penwidth": "1.8", "arrowhead": "normal",
                           "mermaid": ("-.->", "2 3"), "words": "vert"},
    "option-access": {"style": "solid", "color": _C["bluish-green"], "penwidth": "1.2", "arrowhead": "vee",
                      "mermaid": ("-->", None), "words": "vert"},
    "award": {"style": "bold", "color": _C["vermillion"], "penwidth": "2.4", "arrowhead": "normal",
              "mermaid": ("==>", None), "words": "vermillon"},
    "attests": {"style": "dashed", "color": _C["black"], "penwidth": "1.2", "arrowhead": "normal",
                "mermaid": ("-.->", "6 4"), "words": "noir"},
    # a decision of equivalence (external) makes a title count as another: crosses systems
    "equivalence": {"style": "dashed", "color": _C["orange"], "penwidth": "2.0", "arrowhead": "diamond",
                    "mermaid": ("-.->", "10 3 2 3"), "words": "orange"},
    "study": {"style": "dashed", "color": _C["sky-blue"], "penwidth": "1.2", "arrowhead": "normal",
              "mermaid": ("-.->", "6 4"), "words": "bleu ciel"},
    "cites": {"style": "solid", "color": GREY, "penwidth": "1", "arrowhead": "normal", "mermaid": ("-->", None),
              "words": "gris"},
}

#: Emphasis (a route's start and goal, a map's goal): a thicker border.
EMPHASIS_PENWIDTH = "2.6"


def graphviz_attrs(style: dict) -> dict[str, str]:
    """The Graphviz attributes of a style (without the Mermaid shape, the wrap width and the
    colour in words)."""
    return {k: v for k, v in style.items() if k not in ("mermaid", "wrap", "words")}


def weight_penwidth(weight: int, most: int) -> str:
    """Line width for a citation count: 1 to 6 points, by the square root of the share.

    >>> weight_penwidth(1, 25), weight_penwidth(25, 25)
    ('1.0', '6.0')
    """
    share = ((weight - 1) / (most - 1)) ** 0.5 if most > 1 else 0.0
    return f"{1 + 5 * share:.1f}"


_SHAPES = {"box": "rectangle", "ellipse": "ellipse", "note": "feuillet", "tab": "onglet"}
_LINES = {"solid": "trait plein", "bold": "trait gras", "dashed": "tirets", "dotted": "pointillés"}
_HEADS = {"empty": ", pointe creuse", "vee": ", pointe ouverte"}


def shape_words(kind: str) -> str:
    """A node kind's shape in words (for legends).

    >>> shape_words("year"), shape_words("title"), shape_words("start")
    ('rectangle', 'rectangle arrondi double', 'rectangle arrondi en tirets')
    """
    style = NODE[kind]
    words = _SHAPES[style["shape"]] + (" arrondi" if "rounded" in style["style"] else "")
    if style["peripheries"] == "2":
        words += " double"
    return words + (" en tirets" if "dashed" in style["style"] else "")


def line_words(kind: str) -> str:
    """An edge kind's line in words (for legends).

    >>> line_words("award"), line_words("reinsertion")
    ('trait gras', 'trait plein, pointe creuse')
    """
    style = EDGE[kind]
    return _LINES[style["style"]] + _HEADS.get(style["arrowhead"], "")
