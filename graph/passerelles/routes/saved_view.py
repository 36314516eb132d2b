"""The route view kept beside the build cache's store, so that a command reads it instead of
building it again.

Building the view (:func:`passerelles.routes.view.build_view`) asks the store eight
questions and types some 170 rules and their conditions: about 0.2 s of every ``route``,
``explain`` or route diagram, for an answer that depends only on the graph. The graph of a
cache entry is fixed by its key (the corpus's checksums and this code, see
:func:`passerelles.rdf.cache.key`), so its view is too: it is saved once, next to the
store (``graph-<key>.view-py3XX.pickle``), and read back in about 15 ms.

The file is a pickle: it is read only from the user's own cache, only when the user owns it
and nobody else may write it (a pickle runs code when read). Anything wrong with it — a
damaged file, another owner, an unreadable folder — and the view is built from the store
as before, and saved anew when the cache can be written. A remote endpoint, or no cache
(``PASSERELLES_NO_CACHE``), always builds.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from typing import Callable

from ..files import owned_privately, write_atomic
from .view import RouteView

#: The pickle protocol (Python 3.8+); the file name carries the Python version as well.
PROTOCOL = 5


def view_path(app) -> Path | None:
    """Where the view of ``app``'s embedded store is kept (None: a remote endpoint, or no cache)."""
    if app.endpoint:
        return None
    from ..rdf import cache
    store = cache.store_path(app.corpus_stamp)
    if store is None:
        return None
    return store.with_name(f"{store.stem}.view-py{sys.version_info[0]}{sys.version_info[1]}.pickle")


def load_view(app, build: Callable[[], RouteView]) -> RouteView:
    """The route view of ``app``: read from beside the cache's store when it was saved there,
    else ``build()`` (and saved for the next command)."""
    path = view_path(app)
    if path is None:
        return build()
    try:
        if owned_privately(path):
            with path.open("rb") as f:
                view = pickle.load(f)
            if isinstance(view, RouteView):
                return view
    except Exception:                          # none yet, or a damaged file: built again, below
        pass
    view = build()                             # (opening the store fills the cache entry first)
    # what a search keeps on the view is keyed by the id() of its transitions: never saved
    view.__dict__.pop("_specialized", None)
    try:
        write_atomic(path, pickle.dumps(view, protocol=PROTOCOL))
    except OSError:                            # a read-only cache: the view is simply not kept
        pass
    return view
