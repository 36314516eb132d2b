"""Answers as JSON data: records by their ``to_dict()``, tuples as lists.

Apart from :mod:`passerelles.records` (some thirty dataclasses, 40 ms to import): printing
an answer with ``--json`` needs only this.

>>> plain({"a": (1, 2)})
{'a': [1, 2]}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def plain(value: Any) -> Any:
    """A value as JSON data: records by their :meth:`~Record.to_dict`, tuples as lists."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    return value
