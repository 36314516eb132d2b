"""A cache of the built graph, so that commands do not parse the corpus again each time: its
canonical N-Triples, and the same graph in an Oxigraph store on disk that commands open
read-only in milliseconds (:mod:`passerelles.rdf.disk`) instead of parsing anything.

The key is a digest of everything the build reads: every field of the corpus manifest and
the checksums of its files (:meth:`passerelles.corpus.Corpus.fingerprint`), every file of
the package (code, curated data) and the versions of the RDF libraries. Any change to
one of them makes a new key, so a stale graph is never served.

An entry is two things, each checked each time it is opened:

- ``graph-KEY.nt``: the N-Triples behind their stamp — the SHA-256 digest and the triple
  count of what it holds, in its first line (:func:`passerelles.rdf.serialize.stamp`, as the
  built ``passerelles.nt``, which is a valid entry);
- ``graph-KEY.oxigraph/``: the store, holding its stamp (digest, count, key) and sealed
  with the list of its files (:func:`passerelles.rdf.disk.open_sealed`).

An entry that fails its check — an edited, cut, emptied or garbled file, one that does not
parse, a FIFO in its place, a store written to, cut, or built for another key, a block
whose checksum fails when a query reads it — is rebuilt, with one line on stderr saying
so: a damaged cache never answers. A store is rebuilt from a sound N-Triples entry without
parsing the corpus. Readers never lock; a store is replaced in one step
(:func:`passerelles.files.install_folder`).

A command answered from the cache needs no text of the corpus, only its key: the manifest
is read, and each file checked against its checksum unless it has not changed since it
last was (:func:`corpus_stamp`: its size, time, inode and device kept in
``verified-files.json``) — reading and hashing a large corpus at every command would make
every answer cost as much as the corpus is long.

The folder is ``$PASSERELLES_CACHE_DIR``, else ``$XDG_CACHE_HOME/passerelles``, else
``~/.cache/passerelles``; ``PASSERELLES_NO_CACHE=1`` turns the cache off (the graph is then
loaded into memory). Entries are written atomically; a cache that cannot be written is
skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Callable

import pyoxigraph

from .. import __version__
from ..files import FileRefused, owned_privately, read_regular, write_atomic
from .disk import DamagedStore, memory_store, open_sealed, write_store
from .serialize import DamagedGraph, read_stamped, stamped

_PACKAGE = Path(__file__).resolve().parents[1]
_LIBRARIES = ("rdflib", "oxrdflib", "pyoxigraph")

#: The largest cache entry read (the graph of the bundled corpus is under 6 MB).
MAX_ENTRY_BYTES = 512 * 1024 * 1024


def cache_dir() -> Path | None:
    if os.environ.get("PASSERELLES_NO_CACHE"):
        return None
    if os.environ.get("PASSERELLES_CACHE_DIR"):
        return Path(os.environ["PASSERELLES_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "passerelles"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Digest of the package's files (code, curated data) and of the RDF libraries' versions."""
    h = hashlib.sha256(__version__.encode())
    versions = installed_versions(_LIBRARIES)
    for library in _LIBRARIES:
        h.update(f"{library}={versions[library]}\n".encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            h.update(str(path.relative_to(_PACKAGE)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def installed_versions(libraries) -> dict[str, str]:
    """The installed version of each library (``none`` when it is not installed), read from
    the name of its ``.dist-info`` folder on ``sys.path``, as :mod:`importlib.metadata` finds
    it first — without importing that module (some 60 ms of a command's start).

    >>> installed_versions(["pyoxigraph", "no-such-library"])["no-such-library"]
    'none'
    >>> import pyoxigraph; installed_versions(["pyoxigraph"])["pyoxigraph"] == pyoxigraph.__version__
    True
    """
    wanted = {_normal(name): name for name in libraries}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                dist, _, release = name[:-len(".dist-info")].partition("-")
                library = wanted.get(_normal(dist))
                if library is not None and library not in found:
                    found[library] = release
    for library in libraries:
        if library not in found:           # an egg or another layout: ask the slow way
            from importlib.metadata import PackageNotFoundError, version
            try:
                found[library] = version(library)
            except PackageNotFoundError:
                found[library] = "none"
    return found


def _normal(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


#: The record of the corpus files verified, in the cache folder (see :func:`corpus_stamp`).
VERIFIED = "verified-files.json"


def corpus_stamp(path=None):
    """The corpus at ``path`` as the cache knows it (:func:`passerelles.corpus.stamp_corpus`),
    its files checked against their checksums unless the record kept in the cache folder
    says they have not changed since they were; the record is updated. Any problem with the
    corpus raises :class:`~passerelles.errors.CorpusError` as :func:`~passerelles.corpus.load_corpus` does."""
    from ..corpus import stamp_corpus
    folder = cache_dir()
    record = folder / VERIFIED if folder is not None else None
    seen: dict = {}
    try:
        if record is not None and owned_privately(record):
            seen = json.loads(read_regular(record, MAX_ENTRY_BYTES))
            seen = seen if isinstance(seen, dict) else {}
    except (OSError, ValueError, FileRefused):
        seen = {}                                 # none yet, or unreadable: every file is checked
    stamp, files = stamp_corpus(path, seen)
    if record is not None and any(seen.get(k) != v for k, v in files.items()):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(record, json.dumps({**seen, **files}, sort_keys=True) + "\n")
        except OSError:
            pass                                  # a read-only cache: checked again next time
    return stamp


def key(corpus) -> str:
    """The cache key of a corpus, with this code."""
    return hashlib.sha256(f"{corpus.fingerprint()}:{code_digest()}".encode()).hexdigest()[:32]


def entry_path(corpus) -> Path | None:
    """The N-Triples entry of ``corpus`` (None: no cache)."""
    folder = cache_dir()
    return None if folder is None else folder / f"graph-{key(corpus)}.nt"


def store_path(corpus) -> Path | None:
    """The store entry of ``corpus`` (None: no cache)."""
    folder = cache_dir()
    return None if folder is None else folder / f"graph-{key(corpus)}.oxigraph"


def load(corpus) -> str | None:
    """The cached graph of this corpus and code as stamped N-Triples (the text of a built
    ``passerelles.nt``), or None when there is no entry or it fails its check."""
    path = entry_path(corpus)
    if path is None:
        return None
    try:
        data = read_regular(path, MAX_ENTRY_BYTES)
        read_stamped(data)
    except (OSError, DamagedGraph, FileRefused):
        return None
    return data.decode("utf-8")


def _entry(corpus) -> tuple[str, int] | None:
    """The N-Triples of the sound cache entry of ``corpus`` and their triple count, or None
    (no cache, no entry, or a damaged one: said in one line on stderr)."""
    path = entry_path(corpus)
    if path is None:
        return None
    try:
        return read_stamped(read_regular(path, MAX_ENTRY_BYTES))
    except FileNotFoundError:
        return None
    except (DamagedGraph, FileRefused) as exc:
        _say(f"cache entry {path} is damaged ({exc}); rebuilding it")
    except OSError as exc:
        _say(f"cache entry {path} cannot be read ({exc.strerror or exc}); rebuilding it")
    return None


def load_ntriples(corpus, build: Callable[[], str]) -> str:
    """The canonical N-Triples of ``corpus``: from its cache entry when there is a sound one,
    else from ``build()``, then cached (with its store). A damaged entry is said in one line
    on stderr."""
    found = _entry(corpus)
    if found is not None:
        return found[0]
    ntriples = build()
    save(corpus, ntriples)
    return ntriples


def open_store(corpus, build: Callable[[], str]):
    """The graph of ``corpus`` in an :class:`~passerelles.store.EmbeddedStore` on Oxigraph:
    the cache's store opened read-only when there is a sound one (milliseconds, whatever the
    size), else made from the sound N-Triples entry, else from ``build()`` (canonical
    N-Triples), then cached. A damaged entry is said in one line on stderr and rebuilt —
    also when a query finds a block of it damaged (the query then runs again on the new
    store). Without a cache, the graph is loaded into memory.

    >>> from passerelles.corpus import load_corpus
    >>> from passerelles.model import build_model
    >>> from passerelles.rdf.build import build_ntriples
    >>> corpus = load_corpus()
    >>> store = open_store(corpus, lambda: build_ntriples(build_model(corpus)))
    >>> store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"] > 30000
    True
    """
    from ..store import EmbeddedStore
    return EmbeddedStore(_open(corpus, build), recover=lambda problem: _recover(corpus, build, problem))


def load_graph(corpus, build: Callable[[], str]):
    """The graph of ``corpus`` as an rdflib ``Graph`` over :func:`open_store`'s store."""
    return open_store(corpus, build).graph


def _open(corpus, build: Callable[[], str]) -> pyoxigraph.Store:
    folder = store_path(corpus)
    if folder is None:
        return memory_store(build())
    try:
        return open_sealed(folder, key(corpus))[0]
    except FileNotFoundError:
        pass
    except DamagedStore as exc:
        _say(f"cache entry {folder} is damaged ({exc}); rebuilding it")
    return _fill(corpus, build, folder)


def _recover(corpus, build: Callable[[], str], problem: BaseException) -> pyoxigraph.Store:
    """A fresh store after a query found the cached one damaged (said in one line)."""
    folder = store_path(corpus)
    _say(f"cache entry {folder} is damaged ({_first_line(problem)}); rebuilding it")
    return memory_store(build()) if folder is None else _fill(corpus, build, folder)


def _fill(corpus, build: Callable[[], str], folder: Path) -> pyoxigraph.Store:
    """Write the store entry from the sound N-Triples entry (else from ``build()``, then
    saved too) and open it; in memory when the cache cannot be written."""
    found = _entry(corpus)
    if found is not None:
        try:
            write_store(found[0], folder, key(corpus), triples=found[1])
            return open_sealed(folder, key(corpus))[0]
        except DamagedGraph as exc:      # its digest matches, but it does not parse
            _say(f"cache entry {entry_path(corpus)} is damaged ({exc}); rebuilding it")
        except (OSError, DamagedStore):
            return memory_store(found[0])
    ntriples = build()
    _save_ntriples(corpus, ntriples)
    try:
        write_store(ntriples, folder, key(corpus))
        return open_sealed(folder, key(corpus))[0]
    except (OSError, DamagedStore):
        return memory_store(ntriples)


def save(corpus, ntriples: str) -> None:
    """Store the N-Triples, stamped, and the same graph in a store: the build fills the cache
    this way. A cache that cannot be written is skipped."""
    _save_ntriples(corpus, ntriples)
    folder = store_path(corpus)
    if folder is not None:
        try:
            write_store(ntriples, folder, key(corpus))
        except OSError:
            pass


def _save_ntriples(corpus, ntriples: str) -> None:
    path = entry_path(corpus)
    if path is None:
        return
    try:
        write_atomic(path, stamped(ntriples))
    except OSError:
        pass


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:160]


def _say(message: str) -> None:
    sys.stderr.write(f"passerelles: {message}\n")
