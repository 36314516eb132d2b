"""Unicode superscript digits, as the converted PDF writes footnote numbers and anchors."""

from __future__ import annotations

import re

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

#: A run of superscript digits not opened by "⁽" (table notes such as ``1C ⁽¹⁾`` are not footnotes).
SUPERSCRIPT_RUN = re.compile(rf"(?<!⁽)[{SUPERSCRIPT_DIGITS}]+(?!⁾)")


def superscript_to_int(run: str) -> int:
    """The number written by a run of superscript digits.

    >>> superscript_to_int("¹²³")
    123
    """
    return int(run.translate(_TO_ASCII))


def strip_superscripts(text: str) -> str:
    """Remove superscript digit runs (footnote anchors) from text.

    >>> strip_superscripts("organisant l'enseignement¹⁵.")
    "organisant l'enseignement."
    """
    return SUPERSCRIPT_RUN.sub("", text)
