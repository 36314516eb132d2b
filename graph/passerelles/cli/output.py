"""Printing answers: JSON for scripts, rich tables and text for people."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from typing import Any, Iterator

from rich.console import Console

console = Console(highlight=False, soft_wrap=True)
_stderr = Console(stderr=True, highlight=False)


@contextmanager
def progress(message: str) -> Iterator[None]:
    """A spinner on stderr while long work runs (only on a terminal: scripts see nothing)."""
    if _stderr.is_terminal:
        with _stderr.status(message):
            yield
    else:
        yield


def print_json(data: Any) -> None:
    """JSON on stdout, UTF-8 (accents kept), keys in a stable order."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def err(message: str) -> None:
    """One line on stderr."""
    sys.stderr.write(f"passerelles: {message}\n")
