"""Synthetic corpora for measuring growth: the bundled corpus with the circular's body
replicated N times, each copy's footnotes renumbered so that they read as one long circular.

Copy ``i`` (1 … N-1) of the body (from the salutation to the end) is appended after the
original text, every footnote ``n`` of it numbered ``n + i × 244`` — at the note's own first
line and at its anchors in the body, in the form it had (superscript or plain digits). The
original lines keep their numbers, so the curated rules' quotations are still found where
they cite them; the secondary sources are copied as they are. The manifest gets the new
circular's checksum.

The circular of ×100 (about 24 MB) is above the document size limit of a corpus
(:data:`passerelles.corpus.MAX_DOCUMENT_BYTES`, 4 MB): :func:`lifted_limit` raises it for
the benchmark — in this process, and for the commands the benchmark runs, through
:data:`COMMAND` (``python -c`` that raises it, then runs the command line).

Usage::

    python benchmarks/synthetic.py 10 /tmp/corpus-x10     # write a corpus ×10
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

from passerelles.circular.footnotes import parse_footnotes
from passerelles.circular.structure import body_start
from passerelles.circular.superscripts import SUPERSCRIPT_DIGITS, SUPERSCRIPT_RUN, superscript_to_int
from passerelles.corpus import CIRCULAR_ID, MANIFEST, default_corpus_dir, load_corpus

_TO_SUPER = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
#: The size limit of a document while measuring (the ×100 circular is about 24 MB).
LIMIT = 1 << 30
#: The command line with the size limit lifted: ``COMMAND + [args…]``.
COMMAND = [sys.executable, "-c",
           f"import runpy, sys, passerelles.corpus as c; c.MAX_DOCUMENT_BYTES = {LIMIT}; "
           "sys.argv[0] = 'passerelles'; runpy.run_module('passerelles', run_name='__main__')"]


@contextmanager
def lifted_limit():
    """Raise the corpus's document size limit in this process while measuring."""
    import passerelles.corpus as corpus
    old, corpus.MAX_DOCUMENT_BYTES = corpus.MAX_DOCUMENT_BYTES, LIMIT
    try:
        yield
    finally:
        corpus.MAX_DOCUMENT_BYTES = old


def replicated_lines(lines: list[str], times: int) -> list[str]:
    """The circular's lines with its body replicated ``times`` times (1: unchanged)."""
    start = body_start(lines)
    notes = parse_footnotes(lines, start)
    count = len(notes)
    first = {n.lines[0]: n.number for n in notes}           # a note's own first line → its number
    anchors: dict[int, set[int]] = {}
    for n in notes:
        for line in n.anchors:
            anchors.setdefault(line, set()).add(n.number)
    body = range(start, len(lines) + 1)
    out = list(lines)
    for copy in range(1, times):
        shift = copy * count
        for number in body:
            text = lines[number - 1]
            if number in first:
                text = _renumber_note(text, first[number], first[number] + shift)
            if number in anchors:
                here = anchors[number]
                text = SUPERSCRIPT_RUN.sub(
                    lambda m: str(superscript_to_int(m.group()) + shift).translate(_TO_SUPER)
                    if superscript_to_int(m.group()) in here else m.group(), text)
            out.append(text)
    return out


def _renumber_note(line: str, old: int, new: int) -> str:
    """A note's first line with its number ``old`` written ``new``, in the same digits."""
    stripped = line.lstrip()
    indent = line[:len(line) - len(stripped)]
    for form, to in ((str(old).translate(_TO_SUPER), str(new).translate(_TO_SUPER)), (str(old), str(new))):
        if stripped.startswith(form):
            return indent + to + stripped[len(form):]
    raise ValueError(f"note {old} does not start its line: {line[:40]!r}")


def write_corpus(times: int, target: Path, source: Path | None = None) -> Path:
    """Write the corpus ×``times`` into the folder ``target`` (made anew); return it."""
    source = source or default_corpus_dir()
    corpus = load_corpus(source)
    manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    circular = corpus.circular
    text = "\n".join(replicated_lines(circular.lines, times)) + "\n"
    data = text.encode("utf-8")
    (target / circular.file).write_bytes(data)
    for entry in manifest["documents"]:
        if entry["id"] == CIRCULAR_ID:
            entry["sha256"] = hashlib.sha256(data).hexdigest()
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or not args[0].isdigit() or int(args[0]) < 1:
        print(__doc__.split("Usage::")[1].strip(), file=sys.stderr)
        return 2
    folder = write_corpus(int(args[0]), Path(args[1]))
    print(f"wrote {folder} (circular ×{args[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
