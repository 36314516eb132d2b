"""Printing answers: JSON for scripts, text and tables for people.

What people read is sized to the terminal (``COLUMNS``, else its width, else 80) and never
cut inside a word: text wraps between words; a table is drawn only when every column can
hold its longest word, else each row is printed as a block of ``label : value`` lines.
Data is never read as markup: a label such as ``[title]`` prints as written.

A question that has no answer exits 1; with ``--json`` it still prints valid JSON — the
empty answer (``[]``, or ``{"routes": [], "diagnosis": …}``) — so pipes do not break.
"""

from __future__ import annotations

import json
import shutil
import sys
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence

from ..errors import NoAnswer


def width() -> int:
    """The columns of the terminal (``COLUMNS`` first), 80 when there is none."""
    return max(20, shutil.get_terminal_size((80, 24)).columns)


def _console(stderr: bool = False):
    from rich.console import Console
    return Console(stderr=stderr, highlight=False, markup=False, emoji=False, width=width())


@contextmanager
def progress(message: str) -> Iterator[None]:
    """A spinner on stderr while long work runs (only on a terminal: scripts see nothing)."""
    if sys.stderr.isatty():
        with _console(stderr=True).status(message):
            yield
    else:
        yield


def print_json(data: Any) -> None:
    """JSON on stdout, UTF-8 (accents kept), keys in their documented order."""
    from ..jsonable import plain
    sys.stdout.write(json.dumps(plain(data), ensure_ascii=False, indent=2) + "\n")


def say(text: str) -> None:
    """Text for people, as it is (already wrapped, or one line)."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def err(message: str) -> None:
    """One line on stderr."""
    sys.stderr.write(f"passerelles: {message}\n")


def emit(answer: Any, as_json: bool, show: Callable[[Any], None], empty: str | None = None) -> None:
    """Print an answer: its JSON, or ``show(answer)`` for people. An empty answer, when
    ``empty`` says why, is no answer: its JSON is printed all the same, then exit 1."""
    if empty is not None and not answer:
        if as_json:
            print_json(answer)
        raise NoAnswer(empty)
    if as_json:
        print_json(answer)
    else:
        show(answer)


@contextmanager
def answering(as_json: bool, empty: Callable[[NoAnswer], Any] | None = None) -> Iterator[None]:
    """A question that may have no answer: with ``--json``, the empty answer — ``empty(error)``,
    else the one the front door gives with :class:`~passerelles.errors.NoAnswer` — is printed
    before the exit code 1."""
    try:
        yield
    except NoAnswer as exc:
        if as_json:
            if empty is not None:
                print_json(empty(exc))
            elif exc.answer is not None:
                print_json(exc.answer)
        raise


def _widths(columns: Sequence[str], cells: list[list[str]], room: int) -> list[int] | None:
    """Column widths that keep every word whole within ``room`` columns (borders included):
    each column its longest word at least, the rest shared by what the columns would take
    unwrapped; None when even the longest words do not fit side by side."""
    from rich.cells import cell_len
    text = [[h] + [row[i] for row in cells] for i, h in enumerate(columns)]
    least = [max(cell_len(w) for t in col for w in (t.split() or [""])) for col in text]
    most = [max(max((cell_len(line) for line in t.splitlines()), default=0) for t in col) for col in text]
    space = room - (3 * len(columns) + 1)
    if sum(least) > space:
        return None
    if sum(most) <= space:
        return most
    spare, want = space - sum(least), [m - n for m, n in zip(most, least)]
    widths = [n + spare * w // sum(want) for n, w in zip(least, want)]
    widths[want.index(max(want))] += space - sum(widths)
    return widths


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Rows under French headers: a table when every column holds its longest word at this
    width, else one block of ``label : value`` lines per row (wrapped between words)."""
    from ..text import wrap
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    room = width()
    widths = _widths(columns, cells, room)
    if widths is not None:
        from rich.table import Table
        from rich.text import Text
        t = Table(title=Text(title), title_justify="left")
        for c, w in zip(columns, widths):
            t.add_column(Text(c), width=w, overflow="fold")
        for row in cells:
            t.add_row(*(Text(v) for v in row))
        _console().print(t)
        return
    out = wrap(title, room)
    for i, row in enumerate(cells, 1):
        out.append(f"— {i}/{len(cells)} —")
        for label, value in zip(columns, row):
            if value:
                out += wrap(value, room, f"{label} : ", "    ")
    say("\n".join(out))


