"""The corpus: a folder of source documents described by ``manifest.json``.

The manifest is checked against its schema (:data:`FIELDS`: the type of every field, ISO
dates, language codes, files inside the corpus folder), then every file against its
SHA-256, and decoded as UTF-8. Only regular files are read, and none above
:data:`MAX_DOCUMENT_BYTES` (:data:`MAX_MANIFEST_BYTES` for the manifest). Any problem is a
:class:`~passerelles.errors.CorpusError` naming the file, one line per problem. Line
numbers are 1-based, as in an editor, and are what every provenance record in the graph
points to.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import cached_property
from pathlib import Path
from typing import Any, Callable

from .errors import CorpusError
from .files import FileRefused, read_regular
from .resources import bundled_dir

MANIFEST = "manifest.json"
#: The manifest format this version reads (the manifest's optional ``format`` field).
FORMAT = "passerelles-corpus/1"

#: The largest document read (16 times the circular, 240 kB): a larger file is refused
#: before it is parsed, which would take minutes.
MAX_DOCUMENT_BYTES = 4 * 1024 * 1024
#: The largest manifest read.
MAX_MANIFEST_BYTES = 1024 * 1024

#: The main document of the corpus.
CIRCULAR_ID = "circulaire-7282"


@dataclass(frozen=True)
class Document:
    """One source document: its manifest entry and its text."""

    id: str
    title: str
    issuer: str
    date: str | None
    kind: str
    language: str
    file: str
    sha256: str
    text: str = field(repr=False)
    jurisdiction: str | None = None

    @cached_property
    def lines(self) -> list[str]:
        """The lines of the text, without their line ends; ``lines[0]`` is line 1."""
        lines = self.text.split("\n")
        # A final newline ends the last line; it does not start another (as ``wc -l`` counts).
        return lines[:-1] if lines and lines[-1] == "" else lines

    def line(self, number: int) -> str:
        """Line ``number`` (1-based)."""
        return self.lines[number - 1]

    def span(self, first: int, last: int) -> str:
        """Lines ``first`` to ``last`` inclusive, joined by newlines."""
        return "\n".join(self.lines[first - 1:last])


@dataclass(frozen=True)
class Corpus:
    """The documents of a corpus folder, by id, in manifest order."""

    path: Path
    documents: dict[str, Document]

    def __getitem__(self, doc_id: str) -> Document:
        try:
            return self.documents[doc_id]
        except KeyError:
            raise CorpusError(f"corpus {self.path}: no document with id {doc_id!r} in {MANIFEST}") from None

    @property
    def circular(self) -> Document:
        return self[CIRCULAR_ID]

    def fingerprint(self) -> str:
        """A digest of everything the build reads from the corpus: every field of every
        manifest entry (titles, issuers, dates … go into the graph), in manifest order, and
        through the checksums the texts. Part of the build cache's key."""
        return _fingerprint({name: getattr(doc, name) for name in FIELDS} for doc in self.documents.values())


@dataclass(frozen=True)
class CorpusStamp:
    """A corpus as the build cache knows it: its folder and manifest entries, every text
    checked against its checksum but not kept (:func:`stamp_corpus`). Its
    :meth:`fingerprint` is that of the :class:`Corpus` the same folder loads."""

    path: Path
    entries: tuple[dict, ...]

    def fingerprint(self) -> str:
        return _fingerprint({name: entry.get(name) for name in FIELDS} for entry in self.entries)


def _fingerprint(entries) -> str:
    h = hashlib.sha256()
    for entry in entries:
        h.update(json.dumps(entry, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n")
    return h.hexdigest()


def default_corpus_dir() -> Path:
    """The corpus bundled with the package."""
    return bundled_dir("corpus")


# -- the manifest's schema -------------------------------------------------------------
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_TOKEN = re.compile(r"[a-z][a-z0-9-]*")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")          # BCP 47: fr, fr-BE, nl
_JURISDICTION = re.compile(r"[A-Z]{2}(-[A-Za-z0-9]{1,8})*")         # ISO 3166: BE-FWB, FR
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "must be a non-empty string"
    return None


def _matching(pattern: re.Pattern, what: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            return f"must be {what}, not {json.dumps(value, ensure_ascii=False)}"
        return None
    return check


def _iso_date(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            datetime.date.fromisoformat(value)
            return None
        except ValueError:
            pass
    return f"must be an ISO date YYYY-MM-DD that exists, or null, not {json.dumps(value, ensure_ascii=False)}"


def _optional(check: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    return lambda value: None if value is None else check(value)


#: Every field of a manifest entry and its check (None: valid); all but ``jurisdiction``
#: are required (``date`` may be null: the secondary sources are undated).
FIELDS: dict[str, Callable[[Any], str | None]] = {
    "id": _matching(_ID, "an identifier (letters, digits, '.', '_', '-')"),
    "title": _text,
    "issuer": _text,
    "date": _iso_date,
    "kind": _matching(_TOKEN, "a lower-case word such as 'circulaire' or 'web-page'"),
    "language": _matching(_LANGUAGE, "a language code such as 'fr' or 'fr-BE'"),
    "file": _text,
    "sha256": _matching(_SHA256, "64 lower-case hexadecimal digits"),
    "jurisdiction": _optional(_matching(_JURISDICTION, "a region code such as 'BE-FWB' or 'FR'")),
}
_OPTIONAL = {"jurisdiction"}
_TOP = {"format", "documents"}


def _unknown(key: str, known) -> str:
    close = get_close_matches(key, sorted(known), n=1)
    return f"unknown field {key!r}" + (f" (did you mean {close[0]!r}?)" if close else "")


def check_manifest(manifest: Any, folder: Path) -> list[str]:
    """The problems of a parsed manifest, one sentence each (empty: valid).

    >>> for problem in check_manifest({"documents": [{"id": "a", "title": "T", "issuer": "I",
    ...         "date": "2019-13-45", "kind": None, "language": ["fr"], "file": "../x.txt",
    ...         "sha256": "00"}]}, Path("corpus")):
    ...     print(problem)
    entry 1 (a): date must be an ISO date YYYY-MM-DD that exists, or null, not "2019-13-45"
    entry 1 (a): kind must be a lower-case word such as 'circulaire' or 'web-page', not null
    entry 1 (a): language must be a language code such as 'fr' or 'fr-BE', not ["fr"]
    entry 1 (a): sha256 must be 64 lower-case hexadecimal digits, not "00"
    entry 1 (a): file must name a file inside the corpus folder, not "../x.txt"
    """
    if not isinstance(manifest, dict):
        return ["must be a JSON object with a 'documents' list"]
    problems = [_unknown(k, _TOP) for k in manifest if k not in _TOP]
    if manifest.get("format", FORMAT) != FORMAT:
        problems.append(f"format must be {FORMAT!r}, not {json.dumps(manifest['format'], ensure_ascii=False)}")
    entries = manifest.get("documents")
    if not isinstance(entries, list):
        return problems + ["'documents' must be a list"]
    seen: set[str] = set()
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            problems.append(f"entry {i} is not an object")
            continue
        where = f"entry {i}" + (f" ({entry['id']})" if isinstance(entry.get("id"), str) else "")
        problems += [f"{where}: {_unknown(k, FIELDS)}" for k in entry if k not in FIELDS]
        missing = [k for k in FIELDS if k not in entry and k not in _OPTIONAL]
        if missing:
            problems.append(f"{where} lacks {', '.join(missing)}")
        for name, check in FIELDS.items():
            if name in entry:
                problem = check(entry[name])
                if problem:
                    problems.append(f"{where}: {name} {problem}")
        if isinstance(entry.get("file"), str) and entry["file"].strip() and not _inside(folder, entry["file"]):
            problems.append(f"{where}: file must name a file inside the corpus folder, "
                            f"not {json.dumps(entry['file'], ensure_ascii=False)}")
        if isinstance(entry.get("id"), str):
            if entry["id"] in seen:
                problems.append(f"entry {i} repeats the id {entry['id']!r}")
            seen.add(entry["id"])
    return problems


def _inside(folder: Path, name: str) -> bool:
    """``name`` is a relative path that stays inside ``folder`` (symbolic links followed)."""
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts or name.startswith("~"):
        return False
    root = folder.resolve()
    return (root / relative).resolve().is_relative_to(root)


def load_corpus(path: str | Path | None = None) -> Corpus:
    """Read and verify the corpus at ``path`` (default: the bundled corpus).

    >>> corpus = load_corpus()
    >>> corpus.circular.line(8)
    'Circulaire 7282'
    >>> len(corpus.documents)
    5
    """
    folder, entries = read_manifest(path)
    documents = {entry["id"]: _load_document(folder, entry) for entry in entries}
    return Corpus(folder, documents)


def read_manifest(path: str | Path | None = None) -> tuple[Path, list[dict]]:
    """The corpus folder at ``path`` (default: the bundled corpus) and its manifest's
    document entries, checked against the schema (the texts are not read)."""
    folder = Path(path) if path is not None else default_corpus_dir()
    manifest_path = folder / MANIFEST
    if not folder.is_dir():
        raise CorpusError(f"corpus folder not found: {folder}")
    if not manifest_path.exists():
        raise CorpusError(f"{manifest_path}: manifest missing")
    try:
        manifest = json.loads(_read(manifest_path, MAX_MANIFEST_BYTES).decode("utf-8"))
    except ValueError as exc:  # JSON errors and undecodable bytes alike
        raise CorpusError(f"{manifest_path}: not a valid manifest ({exc})") from None
    problems = check_manifest(manifest, folder)
    if problems:
        raise CorpusError("\n".join(f"{manifest_path}: {p}" for p in problems))
    return folder, manifest["documents"]


def stamp_corpus(path: str | Path | None = None, seen: dict[str, list] | None = None) -> tuple[CorpusStamp, dict[str, list]]:
    """The corpus at ``path`` as the build cache knows it, and the record of each of its
    files: ``[size, mtime_ns, inode, device, sha256]``, the file's state taken before it was
    read and found to match the manifest's checksum.

    A file whose state is its record in ``seen`` is not read again (as ``git`` and ``make``
    trust a file that has not changed); any other is read and checked as
    :func:`load_corpus` checks it, with the same errors. A command answered from the build
    cache needs no text: this is all it reads of the corpus.

    >>> stamp, records = stamp_corpus()
    >>> stamp.fingerprint() == load_corpus().fingerprint(), len(records)
    (True, 5)
    >>> stamp_corpus(seen=records)[1] == records
    True
    """
    folder, entries = read_manifest(path)
    seen = seen or {}
    records: dict[str, list] = {}
    for entry in entries:
        file = folder / entry["file"]
        try:
            st = file.stat()
            state = [st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev, entry["sha256"]]
        except OSError:
            state = None                       # _checked_text says why
        if state is None or seen.get(str(file)) != state:
            _checked_text(folder, entry)
        records[str(file)] = state
    return CorpusStamp(folder, tuple(entries)), records


def _read(file: Path, limit: int) -> bytes:
    try:
        return read_regular(file, limit)
    except FileRefused as exc:
        raise CorpusError(f"{file}: refused: {exc}") from None
    except OSError as exc:
        raise CorpusError(f"{file}: cannot read ({exc.strerror or exc})") from None


def _load_document(folder: Path, entry: dict) -> Document:
    return Document(**{name: entry.get(name) for name in FIELDS}, text=_checked_text(folder, entry))


def _checked_text(folder: Path, entry: dict) -> str:
    """The text of a manifest entry's file, checked against its checksum and decoded."""
    file = folder / entry["file"]
    data = _read(file, MAX_DOCUMENT_BYTES)
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry["sha256"]:
        raise CorpusError(f"{file}: checksum mismatch (file altered or truncated; expected {entry['sha256'][:12]}…, found {digest[:12]}…)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{file}: not UTF-8 text (byte {exc.start})") from None
