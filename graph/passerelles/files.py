"""Files read and written safely: regular files only, bounded sizes, atomic writes.

A FIFO, a device or a folder given where a file is expected would make a plain ``open()``
block or read forever; a file far larger than any real input would be parsed for minutes.
:func:`read_regular` refuses both before reading a byte. :func:`write_atomic` writes
through a temporary file renamed into place, :func:`install_folder` puts a folder written
aside (a store) in place of another in one step; the temporary files and folders of a
process that was killed mid-write are removed by the next writer in that folder
(:func:`remove_stale_temporaries`).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import sys
import tempfile
from pathlib import Path


class FileRefused(ValueError):
    """A path that is not a regular file, or a file above its size limit."""


def read_regular(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, refused above ``limit`` bytes.

    The file is opened without blocking, so that a FIFO is refused rather than waited on.

    Raises
    ------
    FileRefused
        ``path`` is a FIFO, a device, a socket or a folder, or holds more than ``limit``
        bytes.
    OSError
        It cannot be opened or read.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "a.txt").write_text("abc")
    3
    >>> read_regular(d / "a.txt", 10)
    b'abc'
    >>> read_regular(d / "a.txt", 2)
    Traceback (most recent call last):
    ...
    passerelles.files.FileRefused: 3 bytes, above the limit of 2 bytes
    >>> os.mkfifo(d / "pipe"); read_regular(d / "pipe", 10)
    Traceback (most recent call last):
    ...
    passerelles.files.FileRefused: not a regular file (a FIFO)
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > limit:
            raise FileRefused(f"{info.st_size} bytes, above the limit of {limit} bytes")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while being read
            raise FileRefused(f"more than the limit of {limit} bytes")
        return b"".join(chunks)
    finally:
        os.close(fd)


def owned_privately(path: Path) -> bool:
    """Whether ``path`` is a regular file of this user that nobody else may write: what the
    caches read back and act on (a saved view, the record of the corpus files verified).

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp()); f = d / "x"; _ = f.write_text("x")
    >>> os.chmod(f, 0o644); owned_privately(f)
    True
    >>> os.chmod(f, 0o664); owned_privately(f)
    False
    """
    info = path.stat()
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"


# Temporary files carry the writer's process id, so that another process can tell a
# live writer's file from one a killed writer left behind.
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[A-Za-z0-9_]+\.tmp$")


def temporary_name(name: str) -> tuple[str, str]:
    """The prefix and suffix of this process's temporary files for ``name``.

    >>> prefix, suffix = temporary_name("passerelles.nt")
    >>> prefix == f".passerelles.nt.{os.getpid()}.", suffix
    (True, '.tmp')
    """
    return f".{name}.{os.getpid()}.", ".tmp"


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files and folders that killed writers left in ``folder``; return
    them.

    A temporary file is stale when the process named in it no longer runs (the files of
    live writers, this one included, are kept).

    >>> d = Path(tempfile.mkdtemp())
    >>> dead = d / ".x.nt.999999999.abc.tmp"; _ = dead.write_text("half")
    >>> mine = d / f".x.nt.{os.getpid()}.abc.tmp"; _ = mine.write_text("half")
    >>> (d / ".x.oxigraph.999999999.abc.tmp").mkdir()
    >>> sorted(p.name for p in remove_stale_temporaries(d)), mine.exists()
    (['.x.nt.999999999.abc.tmp', '.x.oxigraph.999999999.abc.tmp'], True)
    """
    removed = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for path in entries:
        m = _TEMPORARY.match(path.name)
        if m is None or _alive(int(m.group("pid"))):
            continue
        try:
            remove_path(path)
            removed.append(path)
        except OSError:
            pass
    return removed


def remove_path(path: Path) -> None:
    """Remove a file or a folder with all it holds (a symbolic link itself, not its target)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except PermissionError:  # another user's process
        return True
    except (ProcessLookupError, OverflowError, ValueError):  # gone, or no process can have it
        return False
    return True


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file in the same folder,
    then rename.

    The file gets the mode a plain ``open()`` would give it (``0o666`` less the umask), or
    keeps the mode of the file it replaces: ``mkstemp`` alone would leave it ``0600``, which
    a figure copied to a shared folder or a web server cannot be read with.

    >>> d = Path(tempfile.mkdtemp())
    >>> old = os.umask(0o022); write_atomic(d / "a.txt", "x"); _ = os.umask(old)
    >>> oct((d / "a.txt").stat().st_mode & 0o777)
    '0o644'
    >>> os.chmod(d / "a.txt", 0o640); write_atomic(d / "a.txt", b"y")
    >>> oct((d / "a.txt").stat().st_mode & 0o777), (d / "a.txt").read_text()
    ('0o640', 'y')
    """
    tmp = write_temporary(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise


def write_temporary(path: Path, data: str | bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` (with ``path``'s future mode)
    and return it: the caller renames it into place, or :func:`discard` s it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path.parent)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    prefix, suffix = temporary_name(path.name)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, mode)
    except BaseException:
        discard(Path(tmp))
        raise
    return Path(tmp)


def discard(tmp: Path) -> None:
    """Remove a temporary file if it is still there."""
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def _umask() -> int:
    """The process's umask (read by setting it and restoring it at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# --------------------------------------------------------------------------- folders
def temporary_folder(path: Path) -> Path:
    """A new empty folder beside ``path``, named as this process's temporary files (so that a
    killed writer's folder is removed by the next one), with the mode a plain ``mkdir`` would
    give it rather than ``mkdtemp``'s 0700."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path.parent)
    prefix, suffix = temporary_name(path.name)
    folder = Path(tempfile.mkdtemp(prefix=prefix, suffix=suffix, dir=path.parent))
    os.chmod(folder, 0o777 & ~_umask())
    return folder


def install_folder(new: Path, target: Path) -> None:
    """Put the folder ``new`` in place of ``target`` (absent, a folder or a file) in one step,
    and remove what was there.

    Readers see the old folder or the new one, never a mix: where the system can exchange
    two names at once (Linux ``renameat2``), there is no moment without a ``target``
    either; elsewhere the old one is renamed aside first.

    >>> d = Path(tempfile.mkdtemp())
    >>> old = d / "store"; old.mkdir(); _ = (old / "a").write_text("old")
    >>> new = temporary_folder(old); _ = (new / "b").write_text("new")
    >>> install_folder(new, old)
    >>> sorted(p.name for p in d.iterdir()), (old / "b").read_text()
    (['store'], 'new')
    """
    try:
        os.rename(new, target)          # no target (or an empty folder): done
        return
    except OSError as exc:
        if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR, errno.EISDIR):
            raise
    if _exchange(new, target):
        old = new
    else:
        prefix, suffix = temporary_name(target.name)
        old = Path(tempfile.mkdtemp(prefix=prefix, suffix=suffix, dir=target.parent)) / "old"
        os.rename(target, old)
        os.rename(new, target)
        old = old.parent
    try:
        remove_path(old)
    except OSError:
        pass            # left for remove_stale_temporaries


def _exchange(a: Path, b: Path) -> bool:
    """Swap two names at once (Linux ``renameat2(RENAME_EXCHANGE)``); False where the system
    or the file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return done == 0
