"""The graph in an Oxigraph store on disk: written once into a fresh folder, sealed, put in
place in one step; opened read-only — in milliseconds, not a parse — and checked.

A store holds the graph in the named graph :data:`GRAPH` (the one ``publish`` writes and
``serve`` serves) and, in a graph of its own (:data:`STAMP_GRAPH`), the stamp of what it
holds: the SHA-256 and the triple count of the canonical N-Triples it was loaded from
(:func:`passerelles.rdf.serialize.stamp`), and the build cache's key when it is a cache
entry. Its seal (:data:`SEAL`, a file beside RocksDB's) repeats them and lists the store's
files with their sizes.

:func:`open_sealed` checks, cheaply, before anything is answered:

- the seal reads, and the folder holds exactly the files it lists, at those sizes — RocksDB
  never changes a file in place, so any write to the store (a new log, a grown manifest),
  and any cut, removed or added file, shows;
- RocksDB opens the folder read-only (it checks its manifest and the files' sizes, and
  each block's checksum when it reads the block: a block garbled later is an error when
  read, never a wrong answer — see :class:`passerelles.store.EmbeddedStore`);
- the stamp inside is the seal's (and the key the one asked for).

The triples are counted when the store is made, against the stamp of the N-Triples it is
made from, before it is sealed; opening does not count them again (that reads the whole
store: 70 ms at ×30), since a store that changed after its seal shows in its files.

Any failure is a :class:`DamagedStore` whose message says what. Readers never lock:
any number of processes open a store at once. A store is never written after it is
sealed; a new build writes a new folder and :func:`passerelles.files.install_folder` puts it
in place.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp()) / "graph.oxigraph"
>>> seal = write_store('<urn:a> <urn:b> "c" .\\n', folder)
>>> store, found = open_sealed(folder)
>>> found == seal, [str(q) for q in store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(GRAPH))]
(True, ['<urn:a> <urn:b> "c" <https://w3id.org/passerelles/graph/circulaire-7282>'])
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph

from ..files import FileRefused, install_folder, read_regular, remove_path, temporary_folder
from ..remote import DEFAULT_GRAPH
from .serialize import DamagedGraph, digest, triple_count

#: The named graph that holds the graph in a store.
GRAPH = DEFAULT_GRAPH
#: The graph of the store's own stamp (never read by queries: see :func:`query_options`).
STAMP_GRAPH = "https://w3id.org/passerelles/graph/stamp"
#: The seal's file name, in the store's folder.
SEAL = "passerelles-seal.json"
FORMAT = "passerelles-store/1"

_STAMP = "https://w3id.org/passerelles/graph/stamp#"
_INFO_LOGS = ("LOG",)       # RocksDB's diagnostic log: not data, and it may be rotated by a reader


class DamagedStore(ValueError):
    """A store folder that fails its checks; the message says which."""


@dataclass(frozen=True)
class Seal:
    """What a store holds (digest and triple count of its N-Triples, the cache key it was
    built for) and its files with their sizes."""

    sha256: str
    triples: int
    key: str | None = None
    files: dict[str, int] = field(default_factory=dict, compare=False)
    format: str = FORMAT


def query_options() -> dict:
    """The dataset every query of a store sees: the graph as the default graph, and as the
    only named graph (as on a server where ``publish`` put it) — never the stamp."""
    graph = pyoxigraph.NamedNode(GRAPH)
    return {"default_graph": graph, "named_graphs": [graph]}


def memory_store(nt: str) -> pyoxigraph.Store:
    """An in-memory store holding the N-Triples ``nt`` in :data:`GRAPH` (no stamp).

    >>> len(memory_store('<urn:a> <urn:b> "c" .\\n'))
    1
    """
    store = pyoxigraph.Store()
    store.load(nt.encode("utf-8"), pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode(GRAPH))
    return store


#: The stores this process wrote, by the digest of the graph they hold: another store of the
#: same graph (the build's, then the cache's) is made by copying one (table files
#: hard-linked) and stamping it anew, not by loading the N-Triples again.
_WRITTEN: dict[str, Path] = {}


def write_store(nt: str, target: Path, key: str | None = None, triples: int | None = None) -> Seal:
    """Write a store holding the canonical N-Triples ``nt`` at ``target`` (a folder), in one
    step: loaded into a fresh folder beside it (:func:`prepare_store`), then put in place of
    whatever was there. A failure leaves ``target`` as it was.
    """
    folder, seal = prepare_store(nt, target, key, triples)
    try:
        install_folder(folder, target)
    except BaseException:
        remove_path(folder)
        raise
    written(target, seal)
    return seal


def written(target: Path, seal: Seal) -> None:
    """Remember that this process put a store holding ``seal``'s graph at ``target``."""
    _WRITTEN[seal.sha256] = target


def _copy(source: Path, folder: Path, graph: Seal | None = None) -> pyoxigraph.Store | None:
    """The store at ``source`` copied into the empty ``folder`` (table files hard-linked),
    opened read-write without its stamp; None when ``source`` is no longer a sound store (of
    the graph ``graph`` names, when given)."""
    import shutil
    try:
        _, seal = open_sealed(source)
    except (FileNotFoundError, DamagedStore):
        return None
    if graph is not None and (seal.sha256, seal.triples) != (graph.sha256, graph.triples):
        return None                                      # another graph is there now
    try:
        for name in seal.files:
            try:
                os.link(source / name, folder / name)    # RocksDB never changes a table file
            except OSError:
                shutil.copy2(source / name, folder / name)
    except OSError:                                      # it went away meanwhile: load instead
        for entry in list(folder.iterdir()):
            remove_path(entry)
        return None
    store = pyoxigraph.Store(str(folder))
    store.remove_graph(pyoxigraph.NamedNode(STAMP_GRAPH))
    return store


def prepare_store(nt: str, target: Path, key: str | None = None, triples: int | None = None) -> tuple[Path, Seal]:
    """A sealed store holding ``nt`` in a new temporary folder beside ``target``, to be put in
    place with :func:`passerelles.files.install_folder`; and its seal.

    ``triples``: how many triples ``nt`` holds, when a stamp says it (default: its lines).

    Raises
    ------
    DamagedGraph
        ``nt`` does not parse, or holds another number of triples than ``triples``.
    OSError
        The folder cannot be written.
    """
    seal = Seal(digest(nt), triple_count(nt) if triples is None else triples, key)
    folder = temporary_folder(target)
    try:
        copied = _WRITTEN.get(seal.sha256)
        store = _copy(copied, folder, seal) if copied is not None else None
        if store is None:
            store = pyoxigraph.Store(str(folder))
            try:
                store.bulk_load(nt.encode("utf-8"), pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode(GRAPH))
            except (SyntaxError, ValueError) as exc:
                raise DamagedGraph(f"it does not parse ({_first_line(exc)[:120]})") from None
            held = len(store)
            if held != seal.triples:
                raise DamagedGraph(f"it holds {held} triples, its stamp says {seal.triples}")
        store.extend(_stamp_quads(seal))
        store.flush()
        store.optimize()
        del store           # closes RocksDB (pyoxigraph has no close()): its files are final
        seal = Seal(seal.sha256, seal.triples, key, _listing(folder))
        # the folder is not in place yet: nobody reads the seal before it is whole
        (folder / SEAL).write_text(json.dumps(asdict(seal), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    except BaseException:
        remove_path(folder)
        raise
    return folder, seal


def open_sealed(folder: Path, key: str | None = None) -> tuple[pyoxigraph.Store, Seal]:
    """The store at ``folder``, opened read-only once its checks pass (module docstring), and
    its seal. ``key``: the cache key the store must have been built for.

    Raises
    ------
    FileNotFoundError
        There is no store at ``folder``.
    DamagedStore
        It fails a check (the message says which).
    """
    if not os.path.lexists(folder):
        raise FileNotFoundError(folder)
    if not folder.is_dir() or folder.is_symlink():
        raise DamagedStore("it is not a folder")
    seal = read_seal(folder)
    found = _listing(folder)
    if found != seal.files:
        raise DamagedStore(_difference(seal.files, found))
    try:
        store = pyoxigraph.Store.read_only(str(folder))
    except (OSError, RuntimeError, ValueError) as exc:
        raise DamagedStore(f"Oxigraph cannot open it: {_first_line(exc)}") from None
    try:
        stamp = {q.predicate.value[len(_STAMP):]: q.object.value for q in
                 store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(STAMP_GRAPH))}
        inside = Seal(stamp.get("sha256", ""), int(stamp.get("triples", -1)), stamp.get("key"))
        if inside != seal:
            raise DamagedStore("the stamp it holds is not its seal's")
        if key is not None and seal.key != key:
            raise DamagedStore("it was built for another corpus or another version")
    except (OSError, RuntimeError, ValueError) as exc:
        raise DamagedStore(f"it cannot be read: {_first_line(exc)}") from None
    return store, seal


def copy_store(source: Path, target: Path) -> int:
    """Copy the sound store at ``source`` (:func:`open_sealed`) into the new folder ``target``,
    without its stamp and seal: a store of the graph alone, in :data:`GRAPH`, for a server
    to open (``passerelles serve``). Its table files are hard-linked where the file system
    allows (RocksDB never changes one; a server writing to the copy makes new ones), the
    rest copied. Returns the number of triples.

    Raises
    ------
    DamagedStore
        ``source`` fails its checks.
    OSError
        ``target`` exists or cannot be written.
    """
    import shutil
    _, seal = open_sealed(source)
    target.mkdir()
    try:
        store = _copy(source, target)
        if store is None:
            raise DamagedStore("it went away while it was copied")
        store.flush()
        del store
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return seal.triples


def read_seal(folder: Path) -> Seal:
    """The seal of the store at ``folder``.

    Raises
    ------
    DamagedStore
        No seal, or one that does not read.
    """
    try:
        data = json.loads(read_regular(folder / SEAL, 1024 * 1024).decode("utf-8"))
        seal = Seal(**data)
        valid = (seal.format == FORMAT and isinstance(seal.sha256, str) and len(seal.sha256) == 64
                 and isinstance(seal.triples, int) and isinstance(seal.files, dict)
                 and all(isinstance(k, str) and isinstance(v, int) for k, v in seal.files.items()))
    except FileNotFoundError:
        raise DamagedStore("it has no seal") from None
    except (OSError, FileRefused, ValueError, TypeError) as exc:
        raise DamagedStore(f"its seal does not read ({_first_line(exc)})") from None
    if not valid:
        raise DamagedStore("its seal does not read")
    return seal


def _stamp_quads(seal: Seal) -> list[pyoxigraph.Quad]:
    node, graph = pyoxigraph.NamedNode(_STAMP + "this"), pyoxigraph.NamedNode(STAMP_GRAPH)
    values = {"sha256": seal.sha256, "triples": str(seal.triples)}
    if seal.key is not None:
        values["key"] = seal.key
    return [pyoxigraph.Quad(node, pyoxigraph.NamedNode(_STAMP + name), pyoxigraph.Literal(value), graph)
            for name, value in values.items()]


def _listing(folder: Path) -> dict[str, int]:
    """The store's files and their sizes (its seal and RocksDB's diagnostic logs aside)."""
    out = {}
    for entry in os.scandir(folder):
        if entry.name == SEAL or entry.name.startswith(_INFO_LOGS):
            continue
        out[entry.name] = entry.stat(follow_symlinks=False).st_size if entry.is_file(follow_symlinks=False) else -1
    return dict(sorted(out.items()))


def _difference(expected: dict[str, int], found: dict[str, int]) -> str:
    missing = sorted(set(expected) - set(found))
    if missing:
        return f"its file {missing[0]} is missing"
    added = sorted(set(found) - set(expected))
    if added:
        return f"it holds a file its seal does not list ({added[0]}): it was written to"
    name = next(n for n in sorted(expected) if expected[n] != found[n])
    return f"its file {name} holds {found[name]} bytes, its seal says {expected[name]}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:160]
