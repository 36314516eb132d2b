"""States named in French prose: the name a reader knows, with the right article.

A state is named by its id only where readers write that id (it is one of its labels: CESS,
ACC, 6P); otherwise by its label (« titre professionnel », « attestation de réinsertion … »,
never ``TP`` or ``ATT-REINSERTION``). The article follows the noun's gender and elides
before a vowel: « du CESS », « de l'ACC », « de l'attestation … », « de la 6P ».

>>> n = Noun("ACC", feminine=True)
>>> n.of(), n.to(), n.the()
("de l'ACC", "à l'ACC", "l'ACC")
>>> Noun("titre professionnel").of(), Noun("6P", feminine=True).the()
('du titre professionnel', 'la 6P')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import clean_markup, fold

#: First words of labels whose noun is feminine (« Attestation de … », « 6e année … »).
FEMININE = frozenset({"attestation", "formation", "session", "evaluation", "annee", "option", "certification",
                      "validation", "epreuve", "equivalence"})
_ORDINAL = re.compile(r"^\d+(e|re|er|eme)$")


@dataclass(frozen=True)
class Noun:
    """A name in prose and its gender."""

    name: str
    feminine: bool = False
    #: the label shown after a code readers know: « CE6P (Certificat d'études …) »
    gloss: str | None = None

    @property
    def shown(self) -> str:
        return f"{self.name} ({self.gloss})" if self.gloss else self.name

    @property
    def elided(self) -> bool:
        return fold(self.name[:1]) in "aeiouy" and bool(self.name)

    def the(self) -> str:
        """With the definite article: ``le CESS``, ``la 6P``, ``l'ACC``."""
        return f"l'{self.shown}" if self.elided else f"{'la' if self.feminine else 'le'} {self.shown}"

    def of(self) -> str:
        """After « de »: ``du CESS``, ``de la 6P``, ``de l'ACC``."""
        return f"de {self.the()}" if self.elided or self.feminine else f"du {self.shown}"

    def to(self) -> str:
        """After « à »: ``au CESS``, ``à la 6P``, ``à l'ACC``."""
        return f"à {self.the()}" if self.elided or self.feminine else f"au {self.shown}"


def _feminine(label: str) -> bool:
    words = fold(clean_markup(label)).split()
    if not words:
        return False
    first = words[0]
    if _ORDINAL.match(first):             # « 6e année … », « 1re année … »
        return True
    return first in FEMININE


def _in_prose(label: str) -> str:
    """A label inside a sentence: its first letter lower case, unless the first word is an
    acronym (« CAP Petite enfance », « CQSS … »)."""
    label = clean_markup(label)
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return label
    return label[:1].lower() + label[1:]


def noun(index, state_id: str, gloss: bool = False) -> Noun:
    """How prose names the state ``state_id`` of the route ``index``: its id when readers write
    it (one of its labels), else its label; with the gender of its label (``gloss``: a code is
    followed by its label, « CE6P (Certificat d'études …) »)."""
    info = index.states.get(state_id) or {}
    label = info.get("label") or state_id
    feminine = _feminine(label)
    known = state_id == label or state_id in (info.get("alt_labels") or ())
    if known or not info:
        return Noun(state_id, feminine, clean_markup(label) if gloss and label != state_id else None)
    return Noun(_in_prose(label), feminine)


def of(index, state_id: str) -> str:
    """``du CESS``, ``de l'ACC``, ``du titre professionnel``."""
    return noun(index, state_id).of()
