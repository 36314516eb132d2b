"""The parsed model of a corpus: everything the graph is built from, in Python objects.

Parsing happens here once; the RDF graph (:mod:`passerelles.rdf.build`) is made from the
model, and every query answers from the graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .circular.footnotes import Footnote, parse_footnotes
from .circular.structure import Division, body_start, parse_structure
from .corpus import Corpus
from .legal.resolve import CitationIndex, resolve_citations


@dataclass
class Model:
    corpus: Corpus
    divisions: list[Division]
    footnotes: list[Footnote]
    citations: CitationIndex
    extras: dict[str, Any] = field(default_factory=dict)   # catalogue, curated data

    @property
    def registry(self):
        return self.citations.registry


def build_model(corpus: Corpus) -> Model:
    """Parse the corpus.

    >>> from passerelles.corpus import load_corpus
    >>> m = build_model(load_corpus())
    >>> len(m.footnotes), m.divisions[1].heading
    (244, "STRUCTURE DE L'ENSEIGNEMENT SECONDAIRE EN ALTERNANCE")
    """
    doc = corpus.circular
    start = body_start(doc.lines)
    divisions = parse_structure(doc.lines)
    notes = parse_footnotes(doc.lines, start)
    citations = resolve_citations(doc, notes, start)
    model = Model(corpus, divisions, notes, citations)
    for name, loader in _EXTRAS:
        model.extras[name] = loader(model)
    return model


def _load_catalogue(model: Model):
    from .catalogue import load_catalogue
    return load_catalogue(model.corpus)


def _load_curated(model: Model):
    """The curated years, titles, parameters and rules — checked against this corpus: their
    sources cite lines of it, so another circular (``--corpus``) whose lines do not hold the
    quotations is an error rather than silently stale citations."""
    from .errors import CorpusError
    from .rules import load, validate
    problems = validate(model.corpus)
    if problems:
        raise CorpusError(f"corpus {model.corpus.path}: the curated rules do not match it "
                          f"({len(problems)} problem(s); first: {problems[0]})")
    return load()


_EXTRAS = [("catalogue", _load_catalogue), ("curated", _load_curated)]
