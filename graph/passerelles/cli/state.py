"""What every sub-command shares: the :class:`~passerelles.api.Passerelles` object for the
corpus chosen with ``--corpus`` (loaded lazily, once per process)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..api import Passerelles


@dataclass
class State:
    corpus_dir: Path | None = None
    debug: bool = False
    _apps: dict = field(default_factory=dict)

    def app(self, endpoint: str | None = None, timeout: float = 30.0, graph: str | None = None) -> Passerelles:
        """The app for these options; ``graph`` (with an endpoint) is the named graph to read,
        the default one of ``publish`` when not given, ``''`` for the endpoint's own."""
        from ..remote import DEFAULT_GRAPH
        named = DEFAULT_GRAPH if graph is None else (graph or None)
        key = (self.corpus_dir, endpoint, timeout, named)
        if key not in self._apps:
            self._apps[key] = Passerelles(self.corpus_dir, endpoint=endpoint, timeout=timeout, named_graph=named)
        return self._apps[key]

    @property
    def corpus(self):
        return self.app().corpus

    @property
    def model(self):
        return self.app().model


STATE = State()
