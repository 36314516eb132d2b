"""How a provision is written for a reader: the act types' French names, French dates,
places in an act (:class:`Locator`) and how they are cited.

Kept apart from the citation grammar (:mod:`.grammar`, regular expressions compiled at
import), the act registry (:mod:`.acts`, YAML) and the identifiers (:mod:`.identifiers`,
rdflib): every route answer cites its legal basis and needs only these.

>>> format_locator(Locator("6", "1")), french_date("1991-07-03"), ACT_TYPES["decret"]
('art. 6, §1er', '3 juillet 1991', 'Décret')
"""

from __future__ import annotations

from dataclasses import dataclass

#: Act types of the JSON contract, with their French names.
ACT_TYPES = {
    "decret": "Décret",
    "loi": "Loi",
    "arrete-royal": "Arrêté royal",
    "agcf": "Arrêté du Gouvernement de la Communauté française",
    "aecf": "Arrêté de l'Exécutif de la Communauté française",
    "circulaire": "Circulaire",
}

#: The same types in the plural ("2 arrêtés du Gouvernement …").
ACT_TYPES_PLURAL = {
    "decret": "décrets",
    "loi": "lois",
    "arrete-royal": "arrêtés royaux",
    "agcf": "arrêtés du Gouvernement de la Communauté française",
    "aecf": "arrêtés de l'Exécutif de la Communauté française",
    "circulaire": "circulaires",
}


@dataclass(frozen=True)
class Locator:
    """A place in an act. Values are strings ("2quater", "1"); None when not given."""

    article: str | None = None
    paragraph: str | None = None
    alinea: str | None = None
    point: str | None = None

    def is_empty(self) -> bool:
        return not (self.article or self.paragraph or self.alinea or self.point)


_MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]


def french_date(iso: str) -> str:
    """``1991-07-03`` → ``3 juillet 1991``; ``1er`` for the first of the month.

    >>> french_date("2019-09-01")
    '1er septembre 2019'
    """
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{'1er' if d == 1 else d} {_MONTHS_FR[m - 1]} {y}"


def format_locator(loc: Locator) -> str:
    """A locator as a reader cites it: ``art. 6, §1er, al. 1er, 2°``.

    Parsing the formatted text gives the locator back.

    >>> format_locator(Locator("6", "1", "1", "2"))
    'art. 6, §1er, al. 1er, 2°'
    >>> format_locator(Locator("2quater", "2", None, None))
    'art. 2quater, §2'
    """
    def ordinal(v: str) -> str:
        return "1er" if v == "1" else v

    parts = []
    if loc.article:
        parts.append(f"art. {ordinal(loc.article)}")
    if loc.paragraph:
        parts.append(f"§{ordinal(loc.paragraph)}")
    if loc.alinea:
        parts.append(f"al. {ordinal(loc.alinea)}")
    if loc.point:
        parts.append(f"{loc.point}°")
    return ", ".join(parts)
