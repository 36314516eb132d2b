"""The Python API, for notebooks and scripts: one object gives the model, the graph and
the answers.

>>> from passerelles.api import Passerelles
>>> p = Passerelles()
>>> len(p.model.footnotes)
244
>>> p.graph.store.__class__.__name__     # rdflib API, Oxigraph underneath
'OxigraphStore'
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .remote import DEFAULT_GRAPH, check_url
from .sandbox import DEFAULT_MAX_MEMORY
from .store import check_timeout

if TYPE_CHECKING:       # rdflib is imported when a graph is asked for, not to open the store
    from rdflib import Graph


class Passerelles:
    """A corpus, its parsed model, its graph and a store to query.

    Parameters
    ----------
    corpus : path, optional
        A corpus folder (default: the bundled corpus).
    endpoint : str, optional
        A SPARQL 1.1 query URL; answers then come from that endpoint instead of the
        embedded store.
    timeout : float
        Seconds to wait for each answer of an endpoint, and the time bound of the queries
        given to :meth:`sparql` on the embedded store (fractions kept; above 0).
    max_memory : int
        Bytes a query given to :meth:`sparql` may use on the embedded store beyond what the
        process holds.
    named_graph : str, optional
        On an endpoint, the named graph the queries read as their default graph: where
        ``passerelles publish`` puts the graph (the default). None: the endpoint's own
        default graph.
    """

    def __init__(self, corpus: str | Path | None = None, endpoint: str | None = None,
                 timeout: float = 30.0, named_graph: str | None = DEFAULT_GRAPH,
                 max_memory: int = DEFAULT_MAX_MEMORY):
        self.corpus_dir = Path(corpus) if corpus is not None else None
        self.endpoint = endpoint
        self.timeout = check_timeout(timeout, "timeout")
        self.named_graph = named_graph
        self.max_memory = max_memory

    @cached_property
    def corpus(self):
        from .corpus import load_corpus
        return load_corpus(self.corpus_dir)

    @cached_property
    def model(self):
        from .model import build_model
        return build_model(self.corpus)

    @cached_property
    def memory_graph(self) -> Graph:
        """The graph as built, in rdflib's memory store (what ``build`` serialises)."""
        from .rdf.build import build_graph
        return build_graph(self.model)

    @cached_property
    def graph(self) -> Graph:
        """The graph as an rdflib ``Graph`` over the embedded Oxigraph store (rdflib's API,
        Oxigraph's SPARQL): read-only when the store comes from the build cache
        (:attr:`memory_graph` is a copy of one's own)."""
        return self._embedded.graph

    @cached_property
    def store(self):
        """Where queries run: the embedded graph, or the remote endpoint if one was given."""
        from .store import RemoteStore
        if self.endpoint:
            # a URL with user:password in it would be echoed by error messages
            return RemoteStore(check_url(self.endpoint), self.timeout, graph=self.named_graph)
        return self._embedded

    @cached_property
    def _embedded(self):
        """The embedded store: the build cache's, opened read-only in milliseconds when this
        corpus and this code were built before and the entry passes its checks
        (:func:`passerelles.rdf.cache.open_store`), else built and cached."""
        from .rdf import cache
        return cache.open_store(self.corpus, self._ntriples)

    def _ntriples(self) -> str:
        """The canonical N-Triples of the graph (of :attr:`memory_graph` when it was made)."""
        from .rdf.build import build_ntriples
        from .rdf.serialize import ntriples
        return ntriples(self.__dict__["memory_graph"]) if "memory_graph" in self.__dict__ else build_ntriples(self.model)

    # -- answers -----------------------------------------------------------------
    def citations(self, act: str | None = None, article: str | None = None, status: str | None = None) -> list[dict]:
        """Citation records (see the README's JSON contract), filtered."""
        from .errors import InputError
        from .views.citations import citation_records, filter_citations, resolve_act
        acts = None
        if act is not None:
            if not act.strip():
                raise InputError("--act needs a value, e.g. 'décret du 3 juillet 1991'")
            acts = [resolve_act(self.store, act)]   # one act, or an error with candidates
        return filter_citations(citation_records(self.store), acts, article, status)

    def sparql(self, name_or_path: str, **params) -> list[dict] | bool:
        """Run a query of ``queries/`` (or a file) with parameters bound as RDF terms.

        The query is read by a SPARQL parser first (SERVICE anywhere refused); on the
        embedded store it runs in a child process bounded by ``timeout`` and ``max_memory``
        (:class:`~passerelles.errors.QueryStopped` past them). Rows of a SELECT, the truth
        value of an ASK.
        """
        from .queries import load_query
        from .store import EmbeddedStore, run_checked
        query = load_query(name_or_path)
        store = self.store if self.endpoint else EmbeddedStore(self.graph, self.timeout, self.max_memory)
        return run_checked(store, query.text, params, query.name)
