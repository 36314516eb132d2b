"""IRIs of the pathway resources, declared once.

>>> str(year_iri("5P")), str(parameter_iri("majeur-18-21"))
('https://w3id.org/passerelles/id/year/5P', 'https://w3id.org/passerelles/id/parameter/majeur-18-21')
"""

from __future__ import annotations

from rdflib import URIRef

from ..catalogue.rdf import access_iri  # noqa: F401 - the access classes' IRI, declared once there
from ..namespaces import ID


def year_iri(year_id: str) -> URIRef:
    return ID[f"year/{year_id}"]


def title_iri(title_id: str) -> URIRef:
    return ID[f"title/{title_id}"]


def rule_iri(document: str, rule_id: str) -> URIRef:
    return ID[f"rule/{document}/{rule_id}"]


def parameter_iri(parameter_id: str) -> URIRef:
    return ID[f"parameter/{parameter_id}"]


def body_iri(body: str) -> URIRef:
    return ID[f"body/{body}"]


def contract_iri(contract: str) -> URIRef:
    return ID[f"contract/{contract}"]


def system_iri(system: str) -> URIRef:
    return ID[f"system/{system}"]


def jurisdiction_iri(jurisdiction: str) -> URIRef:
    return ID[f"jurisdiction/{jurisdiction}"]


def source_kind_iri(kind: str) -> URIRef:
    return ID[f"source-kind/{kind}"]


def statement_iri(document: str, statement_id: str) -> URIRef:
    return ID[f"statement/{document}/{statement_id}"]


def conflict_iri(conflict_id: str) -> URIRef:
    return ID[f"conflict/{conflict_id}"]


def state_iri(state_id: str, years: set[str] | frozenset[str]) -> URIRef:
    """A rule's input or output: a year (or formation, or situation) or a title."""
    return year_iri(state_id) if state_id in years else title_iri(state_id)
