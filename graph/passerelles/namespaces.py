"""Every namespace and vocabulary term of the project, declared once.

Other modules import the constants from here instead of writing IRIs as strings.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, SH

#: XML Schema datatypes. A plain ``Namespace``, not rdflib's ``DefinedNamespace``: that one
#: warns on any unknown attribute, and pytest's doctest collector probes every module global
#: for ``_mock_name`` (the "_mock_name is not defined in namespace XSD" warning).
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

#: Project base. ``id/`` holds resources, ``eli/`` the ELI-style legal identifiers.
BASE = "https://w3id.org/passerelles/"

#: The project ontology (terms the reused vocabularies lack).
PSL = Namespace(BASE + "ontology#")
#: Resources: documents, footnotes, sections, options, titles, rules, ...
ID = Namespace(BASE + "id/")
#: ELI-style identifiers of acts (type/yyyy/mm/dd[/qualifier]) and their subdivisions.
ELI_ID = Namespace(BASE + "eli/")

#: European Legislation Identifier ontology.
ELI = Namespace("http://data.europa.eu/eli/ontology#")
#: European Learning Model (credentials).
ELM = Namespace("http://data.europa.eu/snb/model/elm/")
#: schema.org, for credentials.
SDO = Namespace("https://schema.org/")

PREFIXES: dict[str, Namespace] = {
    "psl": PSL,
    "pid": ID,
    "peli": ELI_ID,
    "eli": ELI,
    "elm": ELM,
    "schema": SDO,
    "dcterms": DCTERMS,
    "prov": PROV,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
}


def bind_prefixes(graph) -> None:
    """Bind the project prefixes on an rdflib graph (idempotent)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)


def sparql_prologue() -> str:
    """PREFIX declarations for every project prefix, for queries sent to any store.

    >>> "PREFIX eli: <http://data.europa.eu/eli/ontology#>" in sparql_prologue()
    True
    """
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))


__all__ = [
    "BASE", "PSL", "ID", "ELI_ID", "ELI", "ELM", "SDO", "DCTERMS", "OWL", "PROV", "RDF",
    "RDFS", "SKOS", "XSD", "SH", "PREFIXES", "bind_prefixes", "sparql_prologue",
]
