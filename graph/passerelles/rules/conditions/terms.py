"""The RDF terms the conditions write (:meth:`Condition.to_rdf`), loaded on first use.

Evaluating and describing conditions — every route question — needs no RDF; writing the
graph does. Reading rdflib, the namespaces and the IRI helpers here, when ``to_rdf`` first
asks for them, keeps some 150 ms of imports out of every ``route``.

>>> from passerelles.rules.conditions import terms
>>> terms.PSL.requiresTitle
rdflib.term.URIRef('https://w3id.org/passerelles/ontology#requiresTitle')
"""

from __future__ import annotations

from importlib import import_module

#: Each name, with the module it comes from.
_FROM = {**dict.fromkeys(("Literal", "URIRef", "BNode"), "rdflib"),
         **dict.fromkeys(("PSL", "RDF", "XSD"), "passerelles.namespaces"),
         **dict.fromkeys(("title_iri", "year_iri", "contract_iri", "parameter_iri", "body_iri"), "passerelles.rules.iris")}

__all__ = sorted(_FROM)


def __getattr__(name: str):
    if name not in _FROM:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_FROM[name]), name)
    globals()[name] = value           # looked up once
    return value
