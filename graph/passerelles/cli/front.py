"""The front door a command asks: the :class:`~passerelles.Passerelles` for the options the
command line was given.

``--corpus`` (before the command) travels in the click context (:class:`Settings` in
``ctx.obj``), never in a module global. Front doors are kept for the options that made them,
so that several commands run in one process (the tests, a shell) do not load the graph
again: a cache keyed by every option, not a channel between commands.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import typer



@dataclass(frozen=True)
class Settings:
    """The options given before the command (``--corpus``, ``--debug``), and ``--json`` given
    to a group of commands (``passerelles diagram --json route …``)."""

    corpus: Path | None = None
    debug: bool = False
    json: bool = False


_FRONTS: dict[tuple, object] = {}
_KEPT = 8


def settings(ctx: typer.Context) -> Settings:
    return ctx.obj if isinstance(ctx.obj, Settings) else Settings()


def front(ctx: typer.Context, endpoint: str | None = None, timeout: float = 30.0, graph: str | None = None,
          max_memory: int | None = None):
    """The front door for these options; ``graph`` (with an endpoint) is the named graph to
    read — ``publish``'s when not given, ``''`` for the endpoint's own default graph."""
    from ..api import Passerelles
    from ..remote import DEFAULT_GRAPH
    from ..sandbox import DEFAULT_MAX_MEMORY
    max_memory = DEFAULT_MAX_MEMORY if max_memory is None else max_memory
    named = DEFAULT_GRAPH if graph is None else (graph or None)
    key = (settings(ctx).corpus, endpoint, timeout, named, max_memory)
    if key not in _FRONTS:
        if len(_FRONTS) >= _KEPT:
            _FRONTS.pop(next(iter(_FRONTS)))
        _FRONTS[key] = Passerelles(key[0], endpoint=endpoint, timeout=timeout, named_graph=named,
                                   max_memory=max_memory)
    return _FRONTS[key]
