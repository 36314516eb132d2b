"""Values people write, as the RDF terms a query is given.

A value typed on the command line (``--param act=https://…``, ``n=6^^integer``,
``CEFA@fr``) and a value given in Python (``act="https://…"``, ``n=6``, an rdflib term) mean
the same term, whichever way it comes: :func:`parse_term` reads text, :func:`to_term` reads
a Python value (text through :func:`parse_term`), and :func:`to_terms` a mapping of
parameters, where a list or a tuple gives several values and a string is one value, never a
sequence of characters.

Terms are never pasted into a query: they fill its ``#@values`` slot
(:func:`passerelles.store.bind_values`).

>>> to_terms({"act": "https://w3id.org/passerelles/eli/decret/1991/07/03", "n": [6, "7^^integer"]})["n"]
[rdflib.term.Literal('6', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')), rdflib.term.Literal('7', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))]
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any, Mapping

from rdflib import Literal, URIRef

from .errors import InputError
from .namespaces import XSD
from .store import iri

# Shortcuts of ``value^^TYPE``, each with the lexical forms it accepts (checked here so that
# an ill-typed literal is refused instead of silently matching nothing).
TYPES = {
    "string": (XSD.string, r"(?s).*"),
    "integer": (XSD.integer, r"[+-]?[0-9]+"),
    "decimal": (XSD.decimal, r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"),
    "boolean": (XSD.boolean, r"true|false|1|0"),
    "date": (XSD.date, r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(?:Z|[+-][0-9]{2}:[0-9]{2})?"),
}
IRI_PREFIXES = ("http://", "https://", "urn:")
_LANGUAGE = re.compile(r"(?s)(.*)@([a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*)")
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

#: How a value is read, said once for the command line's help and the README.
VALUE_HELP = (
    "VALUE is an IRI when it starts with http://, https:// or urn: (checked), otherwise a plain "
    "literal; 'text@fr' is a literal with a language tag; 'VALUE^^TYPE' a typed literal, TYPE one of "
    + ", ".join(TYPES) + " (e.g. n=6^^integer, d=2019-09-01^^date; 'http://x^^string' keeps a URL as text)."
)


def parse_term(value: str) -> URIRef | Literal:
    """The RDF term a written value stands for.

    >>> parse_term("https://w3id.org/passerelles/eli/decret/1991/07/03").n3()
    '<https://w3id.org/passerelles/eli/decret/1991/07/03>'
    >>> parse_term("2019-2020").n3()
    '"2019-2020"'
    >>> parse_term("6^^integer").n3()
    '"6"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> parse_term("CEFA@fr").n3()
    '"CEFA"@fr'
    >>> parse_term("x> } ; DROP ALL ; #").n3()
    '"x> } ; DROP ALL ; #"'
    >>> parse_term("six^^integer")
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: not a valid integer: 'six'
    >>> parse_term("2019-02-31^^date")
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: not a valid date: '2019-02-31'
    """
    if "^^" in value:
        text, _, kind = value.rpartition("^^")
        if kind not in TYPES:
            raise InputError(f"unknown type ^^{kind}: use one of {', '.join(TYPES)}")
        datatype, lexical = TYPES[kind]
        if not re.fullmatch(lexical, text):
            raise InputError(f"not a valid {kind}: {text!r}")
        if kind == "date":
            try:  # the lexical form is right; the day must exist too (2019-02-31 does not)
                datetime.date.fromisoformat(re.sub(r"(Z|[+-][0-9]{2}:[0-9]{2})$", "", text))
            except ValueError:
                raise InputError(f"not a valid date: {text!r}") from None
        return Literal(text) if kind == "string" else Literal(text, datatype=datatype)
    if value.startswith(IRI_PREFIXES):
        return iri(value)
    tagged = _LANGUAGE.fullmatch(value)
    if tagged:
        return Literal(tagged.group(1), lang=tagged.group(2))
    return Literal(value)


def to_term(value: Any, name: str = "value") -> URIRef | Literal:
    """The RDF term for a Python value: text as :func:`parse_term` reads it, numbers, truth
    values and dates as typed literals, rdflib terms as they are.

    >>> to_term("https://w3id.org/passerelles/id/title/CESS").n3()
    '<https://w3id.org/passerelles/id/title/CESS>'
    >>> to_term(42).n3(), to_term(True).n3(), to_term(datetime.date(2019, 9, 1)).n3()
    ('"42"^^<http://www.w3.org/2001/XMLSchema#integer>', '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>', '"2019-09-01"^^<http://www.w3.org/2001/XMLSchema#date>')
    >>> to_term({"x": 1}, "act")
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: act: a parameter value is text, a number, a date or an RDF term, not dict
    """
    if isinstance(value, (URIRef, Literal)):
        if isinstance(value, URIRef):
            iri(str(value))          # checked as a typed IRI is
        return value
    if isinstance(value, str):
        return parse_term(value)
    if isinstance(value, (bool, int, float, Decimal, datetime.date)):
        if isinstance(value, float) and value != value:
            raise InputError(f"{name}: not a number (nan)")
        return Literal(value)
    raise InputError(f"{name}: a parameter value is text, a number, a date or an RDF term, "
                     f"not {type(value).__name__}")


def to_terms(params: Mapping[str, Any]) -> dict[str, list[URIRef | Literal]]:
    """Parameters by name as lists of terms: a list or a tuple gives several values (one row
    each), anything else one value — a string is one value, never its characters.

    >>> {k: [t.n3() for t in v] for k, v in to_terms({"a": "x", "b": ("urn:y", 2)}).items()}
    {'a': ['"x"'], 'b': ['<urn:y>', '"2"^^<http://www.w3.org/2001/XMLSchema#integer>']}
    >>> to_terms({"a": []})
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: parameter a: an empty list of values
    """
    out: dict[str, list[URIRef | Literal]] = {}
    for name, value in params.items():
        if not isinstance(name, str) or not NAME.fullmatch(name):
            raise InputError(f"not a valid parameter name: {name!r}")
        values = list(value) if isinstance(value, (list, tuple)) else [value]
        if not values:
            raise InputError(f"parameter {name}: an empty list of values")
        out[name] = [to_term(v, name) for v in values]
    return out


def parse_params(pairs: list[str]) -> dict[str, list[URIRef | Literal]]:
    """``KEY=VALUE`` texts as terms by name; a repeated key collects its values.

    >>> {k: [t.n3() for t in v] for k, v in parse_params(["a=1", "b=urn:x", "a=2"]).items()}
    {'a': ['"1"', '"2"'], 'b': ['<urn:x>']}
    >>> parse_params(["provision"])
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: a parameter is KEY=VALUE, got 'provision'
    """
    params: dict[str, list[URIRef | Literal]] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise InputError(f"a parameter is KEY=VALUE, got {pair!r}")
        if not NAME.fullmatch(key):
            raise InputError(f"not a valid parameter name: {key!r}")
        params.setdefault(key, []).append(parse_term(value))
    return params
