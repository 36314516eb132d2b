"""ELI-style identifiers of acts and of their subdivisions.

An act is keyed ``type/yyyy/mm/dd`` as Belgium's ELI does (``decret/1991/07/03``), with a
further segment where the corpus needs one to tell acts apart: the act's official number
(``arrete-royal/1982/07/02/49``, ``circulaire/2018/05/14/6652``) or, for two acts of the
same type and day, a qualifier from the curated act file (``decret/2019/03/14/accrochage``).
Belgium's official ELIs also need the act's NUMAC, which the corpus does not give: the
graph keeps room for an ``owl:sameAs`` to it and never invents one.

Subdivisions are named like Akoma Ntoso eIds: ``art_6__para_1__al_1__point_2``.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from ..namespaces import ELI_ID
from .citing import ACT_TYPES


_KEY = re.compile(r"^(?P<type>[a-z-]+)/(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})(?:/(?P<q>[a-z0-9-]+))?$")


def act_key(act_type: str, date: str, qualifier: str | None = None) -> str:
    """The key of an act from its type, ISO date and optional qualifier.

    >>> act_key("decret", "1991-07-03")
    'decret/1991/07/03'
    >>> act_key("arrete-royal", "1982-07-02", "49")
    'arrete-royal/1982/07/02/49'
    """
    if act_type not in ACT_TYPES:
        raise ValueError(f"unknown act type {act_type!r}")
    key = f"{act_type}/{date.replace('-', '/')}"
    return f"{key}/{qualifier}" if qualifier else key


def parse_act_key(key: str) -> dict:
    """Split an act key into type, ISO date and qualifier.

    >>> parse_act_key("decret/2019/03/14/accrochage")
    {'type': 'decret', 'date': '2019-03-14', 'qualifier': 'accrochage'}
    """
    m = _KEY.match(key)
    if not m or m["type"] not in ACT_TYPES:
        raise ValueError(f"not an act key: {key!r}")
    return {"type": m["type"], "date": f"{m['y']}-{m['m']}-{m['d']}", "qualifier": m["q"]}


def act_iri(key: str) -> URIRef:
    """IRI of an act.

    >>> str(act_iri("decret/1991/07/03"))
    'https://w3id.org/passerelles/eli/decret/1991/07/03'
    """
    parse_act_key(key)
    return ELI_ID[key]


def eid(article: str | None, paragraph: str | None = None, alinea: str | None = None,
        point: str | None = None) -> str:
    """Akoma Ntoso-style eId of a subdivision; empty when nothing below the act is named.

    >>> eid("6", "1", "1", "2")
    'art_6__para_1__al_1__point_2'
    >>> eid("2quater", "1")
    'art_2quater__para_1'
    >>> eid(None, None, "3")
    'al_3'
    """
    parts = [f"{tag}_{value}" for tag, value in
             (("art", article), ("para", paragraph), ("al", alinea), ("point", point)) if value]
    return "__".join(parts)


def provision_iri(key: str, article: str | None = None, paragraph: str | None = None,
                  alinea: str | None = None, point: str | None = None) -> URIRef:
    """IRI of a provision (the act itself when no subdivision is named).

    >>> str(provision_iri("decret/1991/07/03", "6", "1", "1", "2"))
    'https://w3id.org/passerelles/eli/decret/1991/07/03/art_6__para_1__al_1__point_2'
    """
    base = act_iri(key)
    sub = eid(article, paragraph, alinea, point)
    return URIRef(f"{base}/{sub}") if sub else base


def parent_eids(article: str | None, paragraph: str | None = None, alinea: str | None = None,
                point: str | None = None) -> list[str]:
    """The eIds of a subdivision and of each subdivision above it, deepest first.

    >>> parent_eids("6", "1", None, "2")
    ['art_6__para_1__point_2', 'art_6__para_1', 'art_6']
    """
    levels = [("art", article), ("para", paragraph), ("al", alinea), ("point", point)]
    named = [(i, v) for i, (_, v) in enumerate(levels) if v]
    out = []
    for n in range(len(named), 0, -1):
        kept = dict(named[:n])
        out.append(eid(*(kept.get(i) for i in range(4))))
    return out
