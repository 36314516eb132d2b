"""Writing the graph: sorted N-Triples and Turtle, byte-identical for the same corpus,
each file written atomically (a temporary file renamed into place), so that a failed build
leaves the previous output whole.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph

from ..namespaces import PREFIXES


def ntriples(graph: Graph) -> str:
    """Canonical N-Triples: one triple a line, lines sorted, no blank nodes expected."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"


def turtle(graph: Graph) -> str:
    """Turtle with the project prefixes; subjects and predicates in sorted order."""
    g = Graph()
    for prefix, ns in sorted(PREFIXES.items()):
        g.bind(prefix, ns, override=True)
    for triple in graph:
        g.add(triple)
    return g.serialize(format="turtle")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file in the same folder,
    then rename.

    The file gets the mode a plain ``open()`` would give it (``0o666`` less the umask), or
    keeps the mode of the file it replaces: ``mkstemp`` alone would leave it ``0600``, which
    a figure copied to a shared folder or a web server cannot be read with.

    >>> import os, tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> old = os.umask(0o022); write_atomic(d / "a.txt", "x"); _ = os.umask(old)
    >>> oct((d / "a.txt").stat().st_mode & 0o777)
    '0o644'
    >>> os.chmod(d / "a.txt", 0o640); write_atomic(d / "a.txt", b"y")
    >>> oct((d / "a.txt").stat().st_mode & 0o777), (d / "a.txt").read_text()
    ('0o640', 'y')
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    """The process's umask (read by setting it and restoring it at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_graph(graph: Graph, out: Path, nt: str | None = None) -> dict[str, Path]:
    """Write ``passerelles.nt`` and ``passerelles.ttl`` into ``out``.

    ``nt``: the graph's canonical N-Triples when the caller already made them. Both texts are
    made before either file is touched: a serialisation error leaves the previous output as
    it was.
    """
    texts = {"passerelles.nt": nt if nt is not None else ntriples(graph), "passerelles.ttl": turtle(graph)}
    written = {}
    for name, text in texts.items():
        write_atomic(out / name, text)
        written[name] = out / name
    return written
