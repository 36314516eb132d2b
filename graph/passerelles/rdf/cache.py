"""A cache of the built graph (canonical N-Triples), so that commands do not parse the
corpus again each time.

The key is a digest of everything the build reads: every field of the corpus manifest and
the checksums of its files (:meth:`passerelles.corpus.Corpus.fingerprint`), every file of
the package (code, curated data) and the versions of the RDF libraries. Any change to
one of them makes a new key, so a stale graph is never served.

Every entry carries the SHA-256 digest and the triple count of what it stores, in its
first line (the stamp of :func:`passerelles.rdf.serialize.stamp`, as the built
``passerelles.nt``, which is a valid entry); both are checked each time it is opened. An entry that fails the check — an
edited, cut, emptied or garbled file, one that does not parse, a FIFO in its place — is
rebuilt, with one line on stderr saying so: a damaged cache never answers. (When the entry
becomes a persistent Oxigraph store, the same header — digest and count of what is stored
— is checked on open.)

The folder is ``$PASSERELLES_CACHE_DIR``, else ``$XDG_CACHE_HOME/passerelles``, else
``~/.cache/passerelles``; ``PASSERELLES_NO_CACHE=1`` turns the cache off. Entries are
written atomically; a cache that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Callable

from rdflib import Graph

from .. import __version__
from ..files import FileRefused, read_regular, write_atomic
from .serialize import DamagedGraph, read_stamped, stamped, triple_count

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
    for library in _LIBRARIES:
        try:
            h.update(f"{library}={version(library)}\n".encode())
        except PackageNotFoundError:
            h.update(f"{library}=none\n".encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            h.update(str(path.relative_to(_PACKAGE)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def key(corpus) -> str:
    """The cache key of a corpus, with this code."""
    return hashlib.sha256(f"{corpus.fingerprint()}:{code_digest()}".encode()).hexdigest()[:32]


def entry_path(corpus) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"graph-{key(corpus)}.nt"


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


def _parse(ntriples: str, triples: int) -> Graph:
    graph = Graph(store="Oxigraph")
    try:
        graph.parse(data=ntriples, format="ox-nt")
    except (SyntaxError, ValueError, OSError) as exc:
        raise DamagedGraph(f"it does not parse ({str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__})") from None
    if len(graph) != triples:
        raise DamagedGraph(f"it holds {len(graph)} triples, its stamp says {triples}")
    return graph


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
    else from ``build()``, then cached. A damaged entry is said in one line on stderr."""
    found = _entry(corpus)
    if found is not None:
        return found[0]
    ntriples = build()
    save(corpus, ntriples)
    return ntriples


def load_graph(corpus, build: Callable[[], str]) -> Graph:
    """The graph of ``corpus`` in an Oxigraph-backed rdflib ``Graph``: from its cache entry
    when there is a sound one (which must also parse, to the count its stamp says), else
    from ``build()`` (canonical N-Triples), then cached.

    A damaged entry is said in one line on stderr and rebuilt.
    """
    found = _entry(corpus)
    if found is not None:
        try:
            return _parse(*found)
        except DamagedGraph as exc:
            _say(f"cache entry {entry_path(corpus)} is damaged ({exc}); rebuilding it")
    ntriples = build()
    save(corpus, ntriples)
    return _parse(ntriples, triple_count(ntriples))


def save(corpus, ntriples: str) -> None:
    """Store the N-Triples, stamped; a cache that cannot be written is skipped."""
    path = entry_path(corpus)
    if path is None:
        return
    try:
        write_atomic(path, stamped(ntriples))
    except OSError:
        pass


def _say(message: str) -> None:
    sys.stderr.write(f"passerelles: {message}\n")
