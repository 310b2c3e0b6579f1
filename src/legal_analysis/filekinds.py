"""What kind of file a path is, and opening a file for reading only if it is a regular one.

A folder given to the program (a batch's inputs, a rules folder, the source texts) may hold a
named pipe (FIFO), a socket or a device under a name such as ``x.yaml``. Opening a FIFO to read
waits for a writer, for ever if none comes, so such files are never opened: :func:`open_regular`
looks first, and opens without waiting (``O_NONBLOCK``) in case the file changed meanwhile.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def kind_of_mode(mode: int) -> str | None:
    """What a file of this mode is, if not a regular file (``"a named pipe (FIFO)"`` …)."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def special_kind(path: Path) -> str | None:
    """What ``path`` is if it exists and is not a regular file, following links; ``None`` for a
    regular file or a path where nothing is.

    >>> special_kind(Path("/")), special_kind(Path("/no/such/file"))
    ('a directory', None)
    """
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    return kind_of_mode(mode)


class NotRegularFile(OSError):
    """A path to read that is not a regular file (its ``strerror`` says what it is)."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(errno.EINVAL, f"{kind}, not a regular file", str(path))
        self.kind = kind


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading in binary, if it is a regular file (through links); raises
    :class:`NotRegularFile` otherwise, and :class:`OSError` if it cannot be opened."""
    kind = special_kind(path)
    if kind is not None:
        raise NotRegularFile(path, kind)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        kind = kind_of_mode(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotRegularFile(path, kind)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
