"""The front door: one object answers every question, for notebooks, scripts and the command
line alike.

:class:`Passerelles` asks the questions the ``passerelles`` command answers — citations,
footnotes, acts, cited_by, options, option, titles, check, resolve, route, explain, queries
and query (SPARQL), diagram, build, publish, serve — with the same checks and the same
errors (:mod:`passerelles.errors`: typed, one line, in the domain's words), and returns
typed records (:mod:`passerelles.records`; routes as the typed routes of
:mod:`passerelles.routes`) whose ``to_dict()`` is the command's ``--json``.

>>> from passerelles import Passerelles
>>> p = Passerelles()
>>> len(p.model.footnotes)
244
>>> p.graph.store.__class__.__name__     # rdflib API, Oxigraph underneath
'OxigraphStore'
>>> p.citations(act="décret du 3 juillet 1991", article="6")[0].source.footnote
42
>>> p.citations(status="resolvd")
Traceback (most recent call last):
...
passerelles.errors.UnknownValueError: unknown status 'resolvd': expected one of resolved, ambiguous, unresolved (did you mean 'resolved'?)
"""

from __future__ import annotations

import inspect
from functools import cached_property, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .errors import InputError, UnknownKeywordError, UnknownValueError
from .remote import DEFAULT_GRAPH, check_url
from .sandbox import DEFAULT_MAX_MEMORY

if TYPE_CHECKING:       # rdflib is imported when a graph is asked for, not to open the store
    from rdflib import Graph

    from .records import QueryResult, Records  # the answers' records: imported by the methods that make them

#: The kinds of figures :meth:`Passerelles.diagram` draws, and what each takes besides the
#: page: names in order, then keywords.
DIAGRAMS = {"route": ("FROM and TO", 2, 2), "map": ("the goal (default CESS)", 0, 1),
            "citations": ("an act (default: every act)", 0, 1)}
PAGE_OPTIONS = ("width_cm", "height_cm", "font_pt", "caption", "dpi")


def keywords(method: Callable) -> Callable:
    """Refuse a keyword ``method`` does not take with the list of those it takes (an
    :class:`~passerelles.errors.UnknownKeywordError`, also a ``TypeError``), instead of
    Python's bare ``TypeError``. Methods that pass keywords on (filters …) check them there."""
    signature = inspect.signature(method)
    named = [n for n, p in signature.parameters.items()
             if n != "self" and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    if any(p.kind is p.VAR_KEYWORD for p in signature.parameters.values()):
        return method

    @wraps(method)
    def checked(self, *args, **kwargs):
        for name in kwargs:
            if name not in named:
                raise UnknownKeywordError("keyword", name, named, f"{method.__name__}() takes no keyword {name!r}")
        return method(self, *args, **kwargs)
    return checked


class Passerelles:
    """A corpus, its parsed model, its graph, a store to query — and every question.

    Parameters
    ----------
    corpus : path, optional
        A corpus folder (default: the bundled corpus).
    endpoint : str, optional
        A SPARQL 1.1 query URL; answers then come from that endpoint instead of the
        embedded store.
    timeout : float
        Seconds to wait for each answer of an endpoint, and the time bound of the queries
        given to :meth:`query` on the embedded store (fractions kept; above 0).
    max_memory : int
        Bytes a query given to :meth:`query` may use on the embedded store beyond what the
        process holds.
    named_graph : str, optional
        On an endpoint, the named graph the queries read as their default graph: where
        ``passerelles publish`` puts the graph (the default). None: the endpoint's own
        default graph.

    Raises
    ------
    InputError
        A timeout of 0 or less, an endpoint that is not an http(s) URL or holds
        credentials, a named graph that is not an IRI.
    """

    def __init__(self, corpus: str | Path | None = None, endpoint: str | None = None,
                 timeout: float = 30.0, named_graph: str | None = DEFAULT_GRAPH,
                 max_memory: int = DEFAULT_MAX_MEMORY):
        self.corpus_dir = Path(corpus) if corpus is not None else None
        # a URL with user:password in it would be echoed by error messages
        self.endpoint = check_url(endpoint, "the endpoint") if endpoint is not None else None
        from .store import check_timeout
        self.timeout = check_timeout(timeout, "timeout")
        if named_graph is not None:
            from .store import check_iri
            check_iri(named_graph)
        self.named_graph = named_graph
        if isinstance(max_memory, bool) or not isinstance(max_memory, int) or max_memory < 64 * 1024 ** 2:
            raise InputError(f"max_memory must be at least 64 MiB, in bytes (got {max_memory!r})")
        self.max_memory = max_memory

    def __repr__(self) -> str:
        where = self.endpoint or "embedded store"
        return f"<Passerelles {self.corpus_dir or 'bundled corpus'} ({where})>"

    # -- what answers come from ----------------------------------------------------------
    @cached_property
    def corpus(self):
        """The corpus (:class:`passerelles.corpus.Corpus`): documents checked by their sums."""
        from .corpus import load_corpus
        return load_corpus(self.corpus_dir)

    @cached_property
    def corpus_stamp(self):
        """The corpus as the build cache knows it (:class:`passerelles.corpus.CorpusStamp`):
        its manifest, its files checked against their checksums — or, when they have not
        changed since they last were, trusted (:func:`passerelles.rdf.cache.corpus_stamp`).
        Opening the cache's store needs nothing more; the texts are read when a question
        needs them (:attr:`corpus`)."""
        if "corpus" in self.__dict__:
            return self.corpus
        from .rdf import cache
        return cache.corpus_stamp(self.corpus_dir)

    @cached_property
    def model(self):
        """The parsed corpus: the circular's structure, footnotes, citations, catalogue, rules."""
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
            return RemoteStore(self.endpoint, self.timeout, graph=self.named_graph)
        return self._embedded

    @cached_property
    def _embedded(self):
        """The embedded store: the build cache's, opened read-only in milliseconds when this
        corpus and this code were built before and the entry passes its checks
        (:func:`passerelles.rdf.cache.open_store`), else built and cached."""
        from .rdf import cache
        return cache.open_store(self.corpus_stamp, self._ntriples)

    def _ntriples(self) -> str:
        """The canonical N-Triples of the graph (of :attr:`memory_graph` when it was made)."""
        from .rdf.build import build_ntriples
        from .rdf.serialize import ntriples
        return ntriples(self.__dict__["memory_graph"]) if "memory_graph" in self.__dict__ else build_ntriples(self.model)

    @property
    def route_graph(self):
        """The route view: a NetworkX ``DiGraph`` built from the graph (embedded or remote).

        Nodes are :class:`~passerelles.routes.states.State` named tuples (``kind``: year,
        title, option or start; ``id``: ``5P``, ``CESS``, ``7130``; ``mode`` for a year:
        ``in`` admitted, ``done`` passed, ``attended``, ``failed``) with the attributes
        ``id``, ``label``, ``kind``, ``abbreviation``, ``alt_labels``, ``iri`` and
        ``jurisdiction``; years also ``duration`` (school years, or None when the text gives
        none), ``grade``, ``form``, ``regimes``; 7th-year options ``access`` (L, S-O, O,
        unknown), ``sector``, ``list``, ``form``, ``year`` (7P or 7TQ), ``line``,
        ``valid_from``, ``valid_until``. Each edge has ``transitions``: the
        :class:`~passerelles.routes.states.Transition` objects allowing the step (``kind``:
        admission, award, reinsertion, passage-specialise, option-access, study, attests;
        ``rule``: the typed rule with its basis, source lines and conditions; ``years``).
        The graph's ``index`` resolves ids (rules, acts, options). Built once per object.
        """
        from .routes.service import view_of
        return view_of(self)

    def ntriples(self) -> str:
        """The graph as canonical N-Triples (from the build cache when it holds a sound entry)."""
        from .rdf import cache
        return cache.load_ntriples(self.corpus_stamp, self._ntriples)

    # -- legal analysts ----------------------------------------------------------------
    @keywords
    def citations(self, act: str | None = None, article: str | None = None, status: str | None = None) -> Records:
        """Every citation occurrence (footnotes and body), in the order of the corpus.

        Parameters
        ----------
        act : str, optional
            One act, named as people write it (``décret du 3 juillet 1991``, ``D.
            03-07-1991``, ``le décret Missions``, its key or IRI); a citation counts when its
            main reading or one of its alternatives is that act.
        article : str, optional
            Only this article (``6``, ``2quater``).
        status : {"resolved", "ambiguous", "unresolved"}, optional

        Returns
        -------
        Records of :class:`~passerelles.records.Citation` (empty when none matches).

        Raises
        ------
        UnknownNameError
            An act that names nothing, or several acts (with the candidates).
        UnknownValueError
            An unknown status.
        """
        from .views.citations import (check_article, check_status, citation_records, citations_of_act, filter_citations,
                                      resolve_act)
        status, article = check_status(status), check_article(article)
        if act is None:
            return filter_citations(citation_records(self.store), None, article, status)
        found = resolve_act(self.store, act)
        # the graph finds the citations of the act (and article); the filter below keeps
        # exactly the rows it kept when it read every citation (a test compares them)
        records = citation_records(self.store, citations_of_act(self.store, found.iri, article))
        return filter_citations(records, [found], article, status)

    @keywords
    def footnotes(self, number: int | None = None) -> Records:
        """The circular's footnotes (or note ``number`` only), with their anchors in the body
        and their citations (:class:`~passerelles.records.Footnote`)."""
        from .views.citations import footnote_records
        return footnote_records(self.store, number)

    @keywords
    def acts(self) -> Records:
        """The act registry: each act once, with how often and where it is cited
        (:class:`~passerelles.records.Act`)."""
        from .views.citations import act_records
        return act_records(self.store)

    @keywords
    def cited_by(self, act: str, article: str | None = None):
        """The provisions of ``act`` ranked by the number of distinct passages citing them
        (:class:`~passerelles.records.CitedBy`; ``provisions`` empty when nothing cites it)."""
        from .records import CitedBy
        from .views.citations import check_article, cited_by, resolve_act
        article = check_article(article)
        found = resolve_act(self.store, act)
        return CitedBy(found, cited_by(self.store, found.iri, article))

    # -- the catalogue and the titles ----------------------------------------------------
    @keywords
    def options(self, sector: int | None = None, group: int | None = None, list: str | None = None,  # noqa: A002
                degree: str | None = None, access: str | None = None) -> Records:
        """The options of the repertories (chapter VI, IV), one record per option and list
        (:class:`~passerelles.records.OptionListing`), filtered; every filter is checked
        (an unknown sector, group, list, degree or access class lists the valid ones)."""
        from .views.options import filter_options
        return filter_options(self.store, sector, group, list, degree, access)

    @keywords
    def option(self, code: str):
        """One option: its listings, group, CPU transformations and the source's slips
        (:class:`~passerelles.records.OptionDetail`); an unknown code raises
        :class:`~passerelles.errors.UnknownNameError` with the closest codes and labels."""
        from .catalogue import load_catalogue
        from .views.options import option_detail
        return option_detail(load_catalogue(self.corpus), code)

    @keywords
    def check(self) -> Records:
        """The sources' own inconsistencies — the circular's tables of options, then its
        citations' slips (:class:`~passerelles.records.Finding`: codes and lines) —, then each
        secondary document's slips (a lost cross-reference, a mis-threaded reply, « Au-delà de
        cette date » with no date …) and the disagreements between documents with every side
        (:class:`~passerelles.records.DocumentFinding`)."""
        from .catalogue import load_catalogue
        from .catalogue.check import check_catalogue
        from .slips import source_findings
        from .records import Records
        from .views.options import finding
        found = Records(finding(f) for f in check_catalogue(load_catalogue(self.corpus), self.model.citations))
        curated = self.model.extras.get("curated")
        if curated is not None:
            found += [f.to_record() for f in source_findings(curated)]
        return found

    @keywords
    def titles(self, system: str | None = None, jurisdiction: str | None = None) -> Records:
        """Every title, certificate and attestation the corpus names, with its issuer and legal
        basis, its systems and jurisdiction, who awards it (or ``unknown``, with the reason) and
        its parts (:class:`~passerelles.records.Title`).

        Parameters
        ----------
        system : str, optional
            Only the titles of this system (``enseignement-secondaire``, ``promotion-sociale``,
            ``cqp``, ``titre-professionnel`` …).
        jurisdiction : {"BE", "BE-FWB", "FR"}, optional
            Only the titles of this jurisdiction (BE includes BE-FWB).

        Raises
        ------
        UnknownValueError
            An unknown system or jurisdiction (with the valid ones).
        """
        from .views.titles import title_records
        return title_records(self.store, jurisdiction, system)

    # -- routes ----------------------------------------------------------------------------
    @keywords
    def resolve(self, name: str, jurisdiction: str | None = None):
        """What a name means (:class:`~passerelles.routes.names.Resolved`: ``id``, ``label``,
        ``kind``), read as people write it; unknown or ambiguous: UnknownNameError. With
        ``jurisdiction`` (``BE``, ``BE-FWB``, ``FR``), only the titles and years of that
        jurisdiction are candidates (« certificat de qualification professionnelle » in FR is
        the CQP)."""
        from .routes.service import resolve_name
        return resolve_name(self.route_graph, name, jurisdiction)

    def route(self, from_: str, to: str, *, k: int = 3, all_routes: bool = False, max_years: int | None = None,
              **filters):
        """The routes from ``from_`` to ``to``, shortest first
        (:class:`~passerelles.routes.service.Answer`).

        Parameters
        ----------
        from_, to : str
            What the pupil holds or completed (a title, a year), and the goal (a title, a
            year, an option code, ``7e``, ``7e:L`` …), named as people write them.
        k : int
            How many of the shortest routes (1-50).
        all_routes, max_years
            Every route of at most ``max_years`` school years instead of the k shortest.
        **filters
            The pupil and the question's scope: ``age``, ``adult``, ``contracts``,
            ``holds`` (one name or a list), ``regime``, ``sector``, ``year``,
            ``jurisdiction`` (``BE``, ``BE-FWB``, ``FR``); for the other systems, what the
            record holds beyond school: ``experience`` (``"2y"``, ``"18m"`` or years),
            ``status`` (``salarie``, ``demandeur-emploi``, ``formation-initiale``),
            ``registered`` (``RNCP``, ``RS``, or ``none``: in no register), ``since_result``
            (time since a session's result, ``"14m"``), ``missing`` (parts still missing
            when FROM is a part: CCP, blocs) (:data:`passerelles.routes.service.FILTERS`).

        Raises
        ------
        NoRoute
            No route; its ``answer`` holds the diagnosis (which step fails, and why).
        InputError
            An unknown name, filter or value (with the valid ones).

        Examples
        --------
        >>> from passerelles import Passerelles
        >>> answer = Passerelles().route("CE6P", "CESS", k=1)
        >>> [s.target.id for s in answer.routes[0].steps]
        ['6P', '7P', '7P', 'CESS']
        """
        from .routes.service import ask
        return ask(self, from_, to, k=k, all_routes=all_routes, max_years=max_years, **filters)

    def explain(self, from_: str, to: str, *, k: int = 1, **filters):
        """The route(s) as a justification in French (:class:`~passerelles.routes.memo.Explanation`:
        a sentence per step, and ``memo()``, a short legal memo citing its sources as the
        circular does). Same names and filters as :meth:`route`; ``k`` at most 20."""
        from .routes.memo import Explanation
        from .routes.service import MAX_EXPLAINED, _search_options, ask
        _search_options(k, False, None, MAX_EXPLAINED)
        return Explanation.of(ask(self, from_, to, k=k, **filters))

    # -- SPARQL ------------------------------------------------------------------------------
    @keywords
    def queries(self) -> Records:
        """The query files of ``queries/``, with their purpose, parameters and an example."""
        from .queries import declared_parameters, example_args, list_queries
        from .records import QueryInfo, Records
        out = Records()
        for q in list_queries():
            declared = declared_parameters(q)
            out.append(QueryInfo(q.name, q.purpose, tuple(declared[0] if declared else ()),
                                 " ".join(["passerelles sparql", q.name, *example_args(q)]), str(q.path)))
        return out

    def query(self, query: str, /, **params: Any) -> QueryResult | bool:
        """Run a SPARQL query: a file of ``queries/`` by name (``cited-by``), a ``.rq`` file,
        or the text of one's own query (SELECT or ASK).

        Parameters are bound as RDF terms in the query's ``VALUES`` slot, never pasted into
        its text: a string is read as ``passerelles sparql --param`` reads it (an IRI when it
        starts with ``http://``, ``https://`` or ``urn:``, ``6^^integer``, ``text@fr``, else a
        literal), numbers, dates and truth values become typed literals, rdflib terms stay as
        they are, and a list gives several values. A named query refuses the parameters it
        does not take and needs its required ones.

        The query is read by a SPARQL parser first (SERVICE anywhere refused); on the
        embedded store it runs in a child process bounded by ``timeout`` and ``max_memory``
        (:class:`~passerelles.errors.QueryStopped` past them).

        Returns
        -------
        QueryResult
            The rows of a SELECT (``to_dict()``, ``frame()``, ``to_csv()``).
        bool
            The answer of an ASK.

        Examples
        --------
        >>> from passerelles import Passerelles
        >>> p = Passerelles()
        >>> p.query("cited-by", act="https://w3id.org/passerelles/eli/decret/1991/07/03")[0]["passages"]
        30
        >>> p.query("seventh-years-for-title")
        Traceback (most recent call last):
        ...
        passerelles.errors.InputError: query 'seventh-years-for-title' needs the parameter title
        """
        from .queries import QueryFile, check_params, load_query
        from .store import run_checked
        from .terms import to_terms
        if not isinstance(query, str) or not query.strip():
            raise InputError("a query is the name of a query file, a .rq file or the text of a SPARQL query")
        if "{" in query or "\n" in query:
            q = QueryFile("query", Path("<text>"), query)
        else:
            q = load_query(query)
        terms = to_terms(params)
        check_params(q, terms)
        store = self.store if self.endpoint else self._embedded.bounded(self.timeout, self.max_memory)
        # the project's own files are sound (a test parses each): not parsed again here
        trusted = q.form if q.path.name != "<text>" and q.bundled else None
        answer = run_checked(store, q.text, terms, q.name, trusted)
        if isinstance(answer, bool):
            return answer
        from .records import QueryResult
        return QueryResult(q.name, tuple(answer[0]) if answer else (), tuple(answer))

    sparql = query   # its former name

    # -- figures ----------------------------------------------------------------------------
    def diagram(self, kind: str, *names: str, page=None, **options):
        """A figure for publications (:class:`~passerelles.diagrams.Diagram`: shown inline
        in a notebook, ``save(path)`` in SVG, PDF, PNG, DOT or Mermaid), laid out for a page.

        ``kind`` is ``route`` (names FROM and TO; ``k`` and the filters of :meth:`route`, those
        of the other systems too: ``jurisdiction``, ``experience``, ``registered`` …),
        ``map`` (the goal, default CESS; ``sector`` and the filters) or ``citations`` (an act,
        default every act; ``min_count``). The page is ``page`` (a
        :class:`~passerelles.diagrams.Page`) or its options ``width_cm``, ``height_cm``,
        ``font_pt``, ``caption``, ``dpi``.

        >>> from passerelles import Passerelles
        >>> Passerelles().diagram("route", "CE6P", "CESS", k=1, width_cm=8.5).page.width_cm
        8.5
        """
        from .diagrams import Page, citations_diagram, map_diagram, route_diagram
        if kind not in DIAGRAMS:
            raise UnknownValueError("kind of figure", kind, DIAGRAMS)
        what, least, most = DIAGRAMS[kind]
        if not least <= len(names) <= most or not all(isinstance(n, str) for n in names):
            raise InputError(f"a {kind} figure takes {what}, got {len(names)} name(s)")
        given = {k: options.pop(k) for k in PAGE_OPTIONS if k in options}
        if given and page is not None:
            raise InputError("give a page or its options (width_cm …), not both")
        page = Page(**given) if given else page
        if kind == "route":
            return route_diagram(self, names[0], names[1], page=page, **options)
        if kind == "map":
            return map_diagram(self, names[0] if names else "CESS", page=page, **options)
        unknown = sorted(set(options) - {"min_count", "act"})
        if unknown:
            raise UnknownKeywordError("option of a citations figure", unknown[0], ("act", "min_count", *PAGE_OPTIONS))
        act = names[0] if names else options.get("act")
        min_count = options.get("min_count", 1)
        if isinstance(min_count, bool) or not isinstance(min_count, int):
            raise InputError(f"min_count is a number of citations, not {min_count!r}")
        return citations_diagram(self, act, min_count=min_count, page=page)

    def draw(self, kind: str, *names: str, out: str | Path, split: str | None = None, **options):
        """Draw a figure (as :meth:`diagram`) and write it to ``out`` (its extension sets the
        format); ``split`` (``degree`` for a map, ``chapter`` for citations) writes one file
        per part, ``OUT-PART.ext``. Bad input is refused before anything is drawn.

        Returns :class:`~passerelles.records.Written` (or
        :class:`~passerelles.records.WrittenParts` with ``split``): the ``--json`` record.
        """
        from .diagrams import format_of
        from .records import Written, WrittenParts
        out = Path(out)
        format_of(out)
        allowed = {"map": "degree", "citations": "chapter"}.get(kind)
        if split is not None and split != allowed:
            raise InputError(f"--split must be {allowed!r} for this figure (got {split!r})" if allowed else
                             f"a {kind} figure cannot be split")
        diagram = self.diagram(kind, *names, **options)
        if split is None:
            return Written.of(diagram.save(out))
        return WrittenParts(split, tuple(Written.of(part.save(out.with_name(f"{out.stem}-{name}{out.suffix}")))
                                         for name, part in diagram.parts()))

    @keywords
    def gallery(self, out: str | Path = "notebooks/gallery", check: bool = False) -> list:
        """The README's gallery: draw it into ``out`` (what was written), or with ``check``
        the names of the images missing or out of date (empty: up to date)."""
        from .diagrams.gallery import stale, write_gallery
        return stale(self, out) if check else write_gallery(self, out)

    # -- the graph elsewhere -------------------------------------------------------------
    @keywords
    def build(self, out: str | Path = "out"):
        """Write the graph to ``out/`` as sorted Turtle and N-Triples (atomically; two builds
        of the same corpus give byte-identical files) and fill the build cache
        (:class:`~passerelles.records.Built`: the files and what the graph holds)."""
        from collections import Counter

        from .rdf import cache
        from .rdf.serialize import triple_count, write_graph
        from .records import Built
        from .views.citations import STATUSES
        # the canonical N-Triples straight from the model (no rdflib graph to index and sort)
        model, nt = self.model, self._ntriples()
        written = write_graph(None, Path(out), nt)
        # the build is the cache's natural filler: the next question reads it at once
        cache.save(model.corpus, nt)
        statuses = Counter(c.status for c in model.citations.citations)
        counts: dict[str, Any] = {
            "triples": triple_count(nt), "documents": len(model.corpus.documents), "divisions": len(model.divisions),
            "footnotes": len(model.footnotes), "citations": len(model.citations.citations),
            "citations_by_status": {s: statuses.get(s, 0) for s in STATUSES}, "acts": len(model.registry.acts),
        }
        for name, extra in model.extras.items():
            if name == "catalogue":
                counts["options"] = len({o.code for o in getattr(extra, "options", [])})
            elif name == "curated":
                counts.update({k: len(v) for k, v in extra.items()})
        return Built({k: str(v) for k, v in written.items()}, counts)

    @keywords
    def publish(self, endpoint: str, store: str | None = None, update: str | None = None,
                graph: str = DEFAULT_GRAPH, retries: int = 3, timeout: float | None = None):
        """Replace the named graph ``graph`` of a SPARQL server with this graph: staged,
        checked by its digest, switched in under a lock other publishers honour, checked
        again (:class:`~passerelles.remote.publish.Published`). ``store`` and ``update``
        (Graph Store and Update URLs) are derived for Oxigraph and Virtuoso."""
        from .remote.publish import publish
        check_url(endpoint, "the endpoint")
        for url, what in ((store, "the Graph Store URL"), (update, "the update URL")):
            if url is not None:
                check_url(url, what)
        if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= 10:
            raise InputError(f"retries must be between 0 and 10 (got {retries!r})")
        from .store import check_timeout
        timeout = self.timeout if timeout is None else check_timeout(timeout, "timeout")
        return publish(self.ntriples(), endpoint, store=store, update=update, graph=graph, retries=retries,
                       timeout=timeout)

    @keywords
    def serve(self, port: int = 0, location: str | Path | None = None, timeout: float = 30.0,
              progress: Callable[[str], Any] | None = None):
        """Serve the graph read-only on 127.0.0.1 with Oxigraph (:class:`~passerelles.remote.local.LocalEndpoint`,
        started: its ``query_url`` answers at once; ``stop()``, or use it in a ``with``
        block). Needs the ``oxigraph`` server program (``pip install oxigraph``).

        Without ``location``, the server reads a copy of the build cache's store (made in
        milliseconds, nothing parsed); a ``location`` folder is filled from the N-Triples.
        ``progress`` is called with a line saying each step as it begins."""
        from .remote.local import LocalEndpoint
        from .remote.serve import oxigraph_binary
        oxigraph_binary()          # fail before building anything when the server is missing
        return LocalEndpoint(self.ntriples, port, location, timeout, store=self._cache_store, steps=progress).start()

    def _cache_store(self) -> Path | None:
        """The folder of the build cache's sealed store of this graph (opened, or built and
        cached, first), or None when there is no cache to hold one."""
        from .rdf import cache
        self._embedded
        folder = cache.store_path(self.corpus_stamp)
        return folder if folder is not None and folder.is_dir() else None

