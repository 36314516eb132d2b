"""What every sub-command shares: the corpus chosen with ``--corpus`` and the built graph.

Both are loaded lazily, once per process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class State:
    corpus_dir: Path | None = None
    debug: bool = False
    _cache: dict[str, Any] = field(default_factory=dict)

    @property
    def corpus(self):
        if "corpus" not in self._cache:
            from ..corpus import load_corpus
            self._cache["corpus"] = load_corpus(self.corpus_dir)
        return self._cache["corpus"]

    @property
    def model(self):
        """The parsed model of the corpus (footnotes, citations, catalogue, rules)."""
        if "model" not in self._cache:
            from ..model import build_model
            self._cache["model"] = build_model(self.corpus)
        return self._cache["model"]

    @property
    def graph(self):
        """The RDF graph built from the corpus (rdflib ``Graph``)."""
        if "graph" not in self._cache:
            from ..rdf.build import build_graph
            self._cache["graph"] = build_graph(self.model)
        return self._cache["graph"]


STATE = State()
