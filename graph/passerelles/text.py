"""Text helpers shared by every parser: the converted PDF's markup, lookup keys, and text
wrapped for people (between words, never inside one).

The circular writes superscripts as ``^{…}`` (``1^{er}``, ``2^{quater}``, ``2^{qu}inquies``),
emphasis as ``*…*`` / ``**…**`` and a few HTML tags (``<i>``, ``<u>``).
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

_SUP_GROUP = re.compile(r"\s?\^\{([^}]*)\}")
_SUP_CHAR = re.compile(r"\^+(\w)")   # a run of carets is one mark: normalising stays idempotent
_EMPHASIS = re.compile(r"\*{1,2}([^*]+?)\*{1,2}")
_TAGS = re.compile(r"</?(?:i|u|b|em|strong)>")
_SPACES = re.compile(r"[ \t\u00a0]+")


def clean_markup(text: str) -> str:
    """Text as a reader sees it: superscript markup joined, emphasis and tags removed.

    ``^{o}`` becomes ``°`` (it is the ordinal mark of ``2°``).

    >>> clean_markup("art. 2^{quater}, §1^{er}, al. 1^{er}, 4^o et 2*bis*")
    'art. 2quater, §1er, al. 1er, 4° et 2bis'
    >>> clean_markup("en 4 ^{ème} année **P** <i>du</i> 2^{qu}inquies")
    'en 4ème année P du 2quinquies'
    """
    # emphasis and tags first: removing them can bring a caret next to its mark ("^*0*")
    text = _TAGS.sub("", text)
    text = _EMPHASIS.sub(r"\1", text)
    text = _SUP_GROUP.sub(lambda m: "°" if m[1] == "o" else m[1], text)
    text = _SUP_CHAR.sub(lambda m: "°" if m[1] == "o" else m[1], text)
    return _SPACES.sub(" ", text).strip()


#: Abbreviations that stay on the line of the number they introduce (« l. 811 », « art. 8 »);
#: guillemets stay with the words they open and close, and French high punctuation (« ; »,
#: « : », « ? », « ! ») with the word before it: no line starts with it.
_GLUED = re.compile(r"(?<![^\s(])(l\.|art\.|al\.|§|n°) (?=[0-9])")
_HIGH = re.compile(r"(?<=\S) ([;:?!])(?=\s|$)")


def wrap(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    """``text`` wrapped at ``width`` columns between words (a word longer than the width
    stands alone on its line, whole), the first line after ``indent``, the others after
    ``hanging`` (default: as many spaces).

    >>> wrap("admission en 7P — Décret du 3 juillet 1991, art. 8, §1er (l. 811)", 24, "  2. ")
    ['  2. admission en 7P —', '     Décret du 3 juillet', '     1991, art. 8, §1er', '     (l. 811)']
    >>> wrap("selon Infor Jeunes (non daté ; possibilité)", 28)
    ['selon Infor Jeunes (non', 'daté ; possibilité)']
    """
    hanging = " " * len(indent) if hanging is None else hanging
    text = _GLUED.sub("\\1\u00a0", text).replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    text = _HIGH.sub("\u00a0\\1", text)
    lines = textwrap.wrap(text, width=max(width, len(hanging) + 8), initial_indent=indent,
                          subsequent_indent=hanging, break_long_words=False, break_on_hyphens=False)
    return [line.replace("\u00a0", " ") for line in lines] or [indent.rstrip()]


#: Letters NFKD does not decompose: without them "mise en œuvre" would fold to "mise en uvre".
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def fold(text: str) -> str:
    """A lookup key: lower case, accents and punctuation folded, spaces collapsed.

    >>> fold("Certificat d'Études de 6ème  Professionnelle")
    'certificat d etudes de 6eme professionnelle'
    >>> fold("C.E.S.S.")
    'c e s s'
    >>> fold("la mise en Œuvre")
    'la mise en oeuvre'
    """
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^0-9a-zA-Z]+", " ", text.lower())
    return text.strip()
