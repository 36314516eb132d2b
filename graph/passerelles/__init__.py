"""Passerelles: a regulatory knowledge graph of alternance education in the
Fédération Wallonie-Bruxelles, built from circulaire 7282 and four companion documents.

The RDF graph is the single source of truth; SPARQL queries and NetworkX route searches
are views of it. :class:`Passerelles` is the front door: every question the ``passerelles``
command answers, with the same checks and errors, as typed records whose ``to_dict()`` is
the command's ``--json`` and which become pandas DataFrames with ``frame()``.

>>> from passerelles import Passerelles
>>> p = Passerelles()                                   # the bundled corpus, embedded store
>>> cites = p.citations(act="décret du 3 juillet 1991", article="6")
>>> len({c.source.footnote for c in cites})             # notes citing art. 6 (l. 261 …)
30
>>> answer = p.route("CE6P", "CESS", k=1)
>>> next(line for line in answer.text(width=60).splitlines() if line.startswith("Parcours"))
'Parcours 1 : CE6P → 6P → 7P (1 an) → CESS — 1 année scolaire'
>>> answer.routes[0].steps[1].rule.source.lines      # typed routes: rules, lines, conditions
'l. 811-812'
>>> p.query("cited-by", act="https://w3id.org/passerelles/eli/decret/1991/07/03")[0]["label"]
'art. 6'
>>> p.options(access="O", sector=7)[0].code
'7130'
"""

__version__ = "0.1.0"

from .errors import (CorpusError, EndpointError, InputError, NoAnswer, NoRoute, PasserellesError, QueryStopped,
                     UnknownKeywordError, UnknownNameError, UnknownValueError)

__all__ = [
    "Passerelles",
    "Records", "to_frame",
    "PasserellesError", "InputError", "UnknownNameError", "UnknownValueError", "UnknownKeywordError", "NoAnswer",
    "NoRoute",
    "CorpusError", "EndpointError", "QueryStopped",
    "__version__",
]


def __getattr__(name: str):
    # The front door pulls in rdflib and Oxigraph, the records some forty dataclasses: imported
    # when first asked for, so that ``import passerelles`` (and the command line's --help and
    # --version) stays light.
    if name == "Passerelles":
        from .api import Passerelles
        return Passerelles
    if name in ("Records", "to_frame"):
        from . import records
        return getattr(records, name)
    raise AttributeError(f"module 'passerelles' has no attribute {name!r}")
