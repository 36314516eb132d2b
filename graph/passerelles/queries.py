"""The SPARQL query files of ``queries/``: finding them by name, reading their header."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, UnknownNameError
from .resources import bundled_dir
from .text import fold


@dataclass(frozen=True)
class QueryFile:
    name: str
    path: Path
    text: str

    @property
    def header(self) -> str:
        """The leading comment block: purpose, parameters, example."""
        lines = []
        for line in self.text.splitlines():
            if not line.startswith("#"):
                break
            lines.append(line[1:].strip() if len(line) > 1 else "")
        return "\n".join(lines).strip()

    @property
    def purpose(self) -> str:
        m = re.search(r"^#\s*\S+\s+—\s+(.+)$", self.text, re.MULTILINE)
        return m.group(1).strip() if m else ""

    @property
    def parameters(self) -> list[str]:
        m = re.search(r"^#\s*Parameters:\s*(.+)$", self.text, re.MULTILINE)
        if not m or m.group(1).lower().startswith("none"):
            return []
        return re.findall(r"\b([a-zA-Z][a-zA-Z0-9]*)\s*\((?:IRI|string|integer|literal)", m.group(1) + " " + self.header)


def queries_dir() -> Path:
    return bundled_dir("queries")


def list_queries() -> list[QueryFile]:
    """Every query file, by name.

    >>> "citations" in [q.name for q in list_queries()]
    True
    """
    return [QueryFile(p.stem, p, p.read_text(encoding="utf-8")) for p in sorted(queries_dir().glob("*.rq"))]


def load_query(name_or_path: str) -> QueryFile:
    """A query by name (``citations``) or by file path.

    >>> load_query("acts").name
    'acts'
    """
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        try:
            return QueryFile(path.stem, path, path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read the query ({exc})") from None
    if path.suffix == ".rq" or "/" in name_or_path:
        raise InputError(f"{path}: query file not found")
    known = {q.name: q for q in list_queries()}
    if name_or_path in known:
        return known[name_or_path]
    from difflib import get_close_matches
    close = get_close_matches(fold(name_or_path), list(known), n=3, cutoff=0.5)
    raise UnknownNameError(f"no query named {name_or_path!r}", close)
