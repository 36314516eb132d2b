"""A cache of the built graph (canonical N-Triples), so that commands do not parse the
corpus again each time.

The key is a digest of the corpus's checksums and of every file of the package that the
build reads or runs (code, curated data): any change to either makes a new key, so a
stale graph is never served. The folder is ``$PASSERELLES_CACHE_DIR``, else
``$XDG_CACHE_HOME/passerelles``, else ``~/.cache/passerelles``; ``PASSERELLES_NO_CACHE=1``
turns the cache off. Entries are written atomically; an unreadable entry is rebuilt.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from .. import __version__

_PACKAGE = Path(__file__).resolve().parents[1]


def cache_dir() -> Path | None:
    if os.environ.get("PASSERELLES_NO_CACHE"):
        return None
    if os.environ.get("PASSERELLES_CACHE_DIR"):
        return Path(os.environ["PASSERELLES_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "passerelles"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Digest of the package's code and curated data (what the build depends on)."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".yaml", ".yml") and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(_PACKAGE)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def key(corpus) -> str:
    return hashlib.sha256(f"{corpus.fingerprint()}:{code_digest()}".encode()).hexdigest()[:32]


def load(corpus) -> str | None:
    """The cached N-Triples of this corpus and code, if any."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"graph-{key(corpus)}.nt"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def save(corpus, ntriples: str) -> None:
    """Store the N-Triples; a cache that cannot be written is silently skipped."""
    folder = cache_dir()
    if folder is None:
        return
    from .serialize import write_atomic
    try:
        write_atomic(folder / f"graph-{key(corpus)}.nt", ntriples)
    except OSError:
        pass
