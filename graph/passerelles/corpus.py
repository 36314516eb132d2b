"""The corpus: a folder of source documents described by ``manifest.json``.

Loading checks every file against its SHA-256 and decodes it as UTF-8; any problem is a
:class:`~passerelles.errors.CorpusError` naming the file. Line numbers are 1-based, as in
an editor, and are what every provenance record in the graph points to.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import CorpusError
from .resources import bundled_dir

MANIFEST = "manifest.json"
_REQUIRED = ("id", "title", "issuer", "date", "kind", "language", "file", "sha256")

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
        """A digest of all the documents' checksums: the build's cache key."""
        h = hashlib.sha256()
        for doc in self.documents.values():
            h.update(f"{doc.id}:{doc.sha256}\n".encode())
        return h.hexdigest()


def default_corpus_dir() -> Path:
    """The corpus bundled with the package."""
    return bundled_dir("corpus")


def load_corpus(path: str | Path | None = None) -> Corpus:
    """Read and verify the corpus at ``path`` (default: the bundled corpus).

    >>> corpus = load_corpus()
    >>> corpus.circular.line(8)
    'Circulaire 7282'
    >>> len(corpus.documents)
    5
    """
    folder = Path(path) if path is not None else default_corpus_dir()
    manifest_path = folder / MANIFEST
    if not folder.is_dir():
        raise CorpusError(f"corpus folder not found: {folder}")
    if not manifest_path.is_file():
        raise CorpusError(f"{manifest_path}: manifest missing")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        entries = manifest["documents"]
    except (ValueError, KeyError, TypeError) as exc:
        raise CorpusError(f"{manifest_path}: not a valid manifest ({exc})") from None
    documents: dict[str, Document] = {}
    if not isinstance(entries, list):
        raise CorpusError(f"{manifest_path}: 'documents' must be a list")
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise CorpusError(f"{manifest_path}: entry {i} is not an object")
        if entry.get("id") in documents:
            raise CorpusError(f"{manifest_path}: entry {i} repeats the id {entry['id']!r}")
        missing = [k for k in _REQUIRED if k not in entry]
        if missing:
            raise CorpusError(f"{manifest_path}: entry {i} lacks {', '.join(missing)}")
        documents[entry["id"]] = _load_document(folder, entry)
    return Corpus(folder, documents)


def _load_document(folder: Path, entry: dict) -> Document:
    file = folder / entry["file"]
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{file}: cannot read ({exc.strerror or exc})") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry["sha256"]:
        raise CorpusError(f"{file}: checksum mismatch (file altered or truncated; expected {entry['sha256'][:12]}…, found {digest[:12]}…)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{file}: not UTF-8 text (byte {exc.start})") from None
    fields = {k: entry[k] for k in _REQUIRED}
    return Document(**fields, text=text, jurisdiction=entry.get("jurisdiction"))
