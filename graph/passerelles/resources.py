"""Where the bundled data folders are: in the checkout (editable install) or in the wheel.

The folders live at the top of the repository (``corpus/``, ``ontology/``, ``queries/``);
a wheel carries copies under ``passerelles/_bundled/``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """The folder ``name`` (``corpus``, ``ontology`` or ``queries``) shipped with Passerelles.

    >>> bundled_dir("corpus").joinpath("manifest.json").is_file()
    True
    """
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} not found next to {_PACKAGE}")


def data_dir() -> Path:
    """Curated data files of the package (rules, titles, act disambiguation)."""
    return _PACKAGE / "data"
