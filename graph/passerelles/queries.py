"""The SPARQL query files of ``queries/``: finding them by name, reading their header
(purpose, parameters, example), checking the parameters a question gives them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, UnknownNameError, UnknownValueError
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


    @property
    def form(self) -> str | None:
        """The query's form as its text writes it: the first line that opens with SELECT,
        ASK, CONSTRUCT or DESCRIBE (after the header and the prefixes); None if none does.

        >>> load_query("reachable-to").form
        'SELECT'
        """
        m = _FORM.search(self.text)
        return m.group(1).upper() if m else None

    @property
    def bundled(self) -> bool:
        """Whether this is one of the project's own query files (``queries/``)."""
        return self.path.is_file() and self.path.resolve().parent == queries_dir().resolve()


_FORM = re.compile(r"^\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE | re.MULTILINE)


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


def example_args(query: QueryFile) -> list[str]:
    """The ``--param`` options of the query's own ``# Example:`` line (sample values).

    >>> example_args(load_query("cited-by"))
    ['--param', 'act=https://w3id.org/passerelles/eli/decret/1991/07/03']
    >>> example_args(load_query("acts"))
    []
    """
    m = re.search(r"^#\s*Example:(.*)$", query.text, re.MULTILINE)
    args: list[str] = []
    for pair in re.findall(r"--param\s+(\S+)", m.group(1) if m else ""):
        args += ["--param", pair]
    return args


def example_params(query: QueryFile) -> dict[str, str]:
    """The sample parameters of the query's ``# Example:`` line, as written (text).

    >>> example_params(load_query("cited-by"))
    {'act': 'https://w3id.org/passerelles/eli/decret/1991/07/03'}
    """
    return dict(pair.partition("=")[::2] for pair in example_args(query)[1::2])


def declared_parameters(query: QueryFile) -> tuple[list[str], list[str]] | None:
    """The parameters a query's header declares, and the required ones among them.

    None when the header says nothing (a user's file): any variable of the query may then
    be given.

    >>> declared_parameters(load_query("cited-by"))
    (['act'], ['act'])
    >>> declared_parameters(load_query("acts"))
    ([], [])
    """
    line = re.search(r"^#\s*Parameters:(.*)$", query.text, re.MULTILINE)
    if line is None:
        return None
    names = list(dict.fromkeys(query.parameters))
    required = [n for n in names if re.search(rf"\b{n}\s*\([^)]*\brequired\b", query.header)]
    return names, required


def check_params(query: QueryFile, params) -> None:
    """Refuse parameters a query does not take, and missing required ones.

    >>> check_params(load_query("cited-by"), {})
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: query 'cited-by' needs the parameter act
    >>> check_params(load_query("cited-by"), {"actor": "x"})
    Traceback (most recent call last):
    ...
    passerelles.errors.UnknownValueError: query 'cited-by' has no parameter actor: expected one of act (did you mean 'act'?)
    """
    declared = declared_parameters(query)
    if declared is None:
        known = set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", query.text))
        required: list[str] = []
    else:
        known, required = set(declared[0]), declared[1]
    if params and not known:
        raise InputError(f"query {query.name!r} takes no parameters")
    unknown = sorted(set(params) - known)
    if unknown:
        raise UnknownValueError("parameter", unknown[0], sorted(known),
                                f"query {query.name!r} has no parameter {unknown[0]}")
    missing = [n for n in required if n not in params]
    if missing:
        raise InputError(f"query {query.name!r} needs the parameter {missing[0]}")
