"""The gallery: one small PNG of each kind of figure, for the README.

``passerelles diagram gallery`` (or :func:`write_gallery`) draws them into
``notebooks/gallery/``. Each PNG carries, in a ``tEXt`` chunk, the SHA-256 of the DOT text it
was drawn from; a test recomputes the DOT from the graph and compares, so a gallery that no
longer matches the code says so (without comparing pixels, which differ between builds of
cairo).

>>> [item.name for item in GALLERY]
['route', 'map', 'citations']
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .page import Page

#: Where the README looks for the gallery, from the repository's root.
GALLERY_DIR = Path("notebooks") / "gallery"
#: Small images: about 400 pixels for a 17 cm figure.
GALLERY_DPI = 60
_KEY = b"passerelles:dot-sha256"


@dataclass(frozen=True)
class Item:
    """A figure of the gallery: its file name, the command that draws it in full, and how."""

    name: str
    command: str
    make: Callable


def _route(app, page):
    from . import route_diagram
    return route_diagram(app, "CE6P", "CESS", page=page)


def _map(app, page):
    from . import map_diagram
    return dict(map_diagram(app, "CESS", page=page).parts())["D3"]


def _citations(app, page):
    from . import citations_diagram
    return citations_diagram(app, "décret du 3 juillet 1991", min_count=2, page=page)


GALLERY = (
    Item("route", "passerelles diagram route CE6P CESS -o route.pdf", _route),
    Item("map", "passerelles diagram map --to CESS --split degree -o map.pdf   # the part '3e degré'", _map),
    Item("citations", 'passerelles diagram citations --act "décret du 3 juillet 1991" --min-count 2 -o cites.pdf',
         _citations),
)


def dot_digest(dot: str) -> str:
    return hashlib.sha256(dot.encode("utf-8")).hexdigest()


def with_text(png: bytes, key: bytes, value: str) -> bytes:
    """The PNG with a ``tEXt`` chunk ``key`` = ``value`` right after its header.

    >>> png = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108000000003a7e9b55")
    >>> text_of(with_text(png, b"k", "v"), b"k")
    'v'
    """
    data = key + b"\0" + value.encode("latin-1")
    chunk = struct.pack(">I", len(data)) + b"tEXt" + data + struct.pack(">I", zlib.crc32(b"tEXt" + data))
    end = 8 + 8 + struct.unpack(">I", png[8:12])[0] + 4   # signature, then the IHDR chunk
    return png[:end] + chunk + png[end:]


def text_of(png: bytes, key: bytes) -> str | None:
    """The value of a PNG's ``tEXt`` chunk ``key`` (None when absent)."""
    at = 8
    while at + 8 <= len(png):
        length, kind = struct.unpack(">I", png[at:at + 4])[0], png[at + 4:at + 8]
        data = png[at + 8:at + 8 + length]
        if kind == b"tEXt" and data.split(b"\0", 1)[0] == key:
            return data.split(b"\0", 1)[1].decode("latin-1")
        at += 12 + length
    return None


def gallery_diagrams(app) -> list[tuple[Item, object]]:
    """Each gallery item with its diagram (17 cm, 8 pt, printed small)."""
    page = Page(dpi=GALLERY_DPI)
    return [(item, item.make(app, page)) for item in GALLERY]


def write_gallery(app, folder: str | Path = GALLERY_DIR) -> list[dict]:
    """Draw the gallery into ``folder``; return what was written (name, file, size, digest)."""
    from ..rdf.serialize import write_atomic
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for item, diagram in gallery_diagrams(app):
        png = with_text(diagram.render("png"), _KEY, dot_digest(diagram.dot))
        path = folder / f"{item.name}.png"
        write_atomic(path, png)
        out.append({"name": item.name, "out": str(path), "command": item.command,
                    "printed": diagram.printed.to_dict() if diagram.printed else None, "dot_sha256": dot_digest(diagram.dot)})
    return out


def stale(app, folder: str | Path = GALLERY_DIR) -> list[str]:
    """The gallery images missing from ``folder`` or drawn from another DOT than today's."""
    folder = Path(folder)
    out = []
    for item, diagram in gallery_diagrams(app):
        path = folder / f"{item.name}.png"
        if not path.is_file() or text_of(path.read_bytes(), _KEY) != dot_digest(diagram.dot):
            out.append(item.name)
    return out
