"""Writing output files safely: never over an existing file without leave, never half-written.

A relative path is taken from the current folder, as a shell user expects (``-o ../memo.md``
writes beside the current folder); the folder must exist already. A symbolic link is not written
through unless ``--force`` says so; then the file it points at is replaced, atomically. Only a
regular file is ever replaced: a device, a named pipe (FIFO), a socket or a directory at the path
(or at the end of a link) is refused, with or without ``--force``, since renaming a file over it
would destroy it (a device node replaced by a regular file, for one).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import Location, OutputError
from .filekinds import special_kind


def check_target(path: Path, force: bool) -> Path:
    """Refuse a target that is not a regular file (a directory, device, FIFO or socket, itself
    or at the end of a link), whose folder is missing, that exists or is a symbolic link (both
    unless ``force``); return the path to write (a link's target, with ``force``)."""
    where = Location(str(path))
    if path.is_symlink():
        if not force:
            raise OutputError("the output path is a symbolic link and was left as it was",
                              location=where,
                              expected="another path, or --force to replace the file it points to")
        try:
            path = path.resolve()
        except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
            raise OutputError("the output path is a symbolic link that leads nowhere (a loop)",
                              location=where, expected="another path") from None
        where = Location(str(path))
    kind = special_kind(path)
    if kind == "a directory":
        raise OutputError("the output path is a directory", location=where,
                          expected="a file name, e.g. memo.md inside that directory")
    if kind is not None:
        raise OutputError(f"the output path is {kind}, not a regular file, and was left as it was",
                          location=where, expected="the path of a regular file or a new file")
    parent = path.parent if str(path.parent) else Path(".")
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"{parent} is a file, not a folder", location=where,
                          expected="a path inside an existing folder")
    if not parent.is_dir():
        raise OutputError("the output folder does not exist", location=where,
                          expected=f"an existing folder; create {parent} first")
    if path.exists() and not force:
        raise OutputError("the file exists already and was left as it was", location=where,
                          expected="another path, or --force to overwrite it")
    if not os.access(parent, os.W_OK):
        raise OutputError("the output folder is not writable", location=where)
    return path


@contextlib.contextmanager
def atomic_writer(path: Path, force: bool = False) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through: a temporary file beside it, renamed into place
    when the block ends without error, and removed otherwise (no partial or stray file)."""
    target = check_target(path, force)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise OutputError(f"cannot write the file: {exc.strerror or exc}",
                          location=Location(str(path))) from None
    try:
        os.fchmod(fd, _mode(target))
        with os.fdopen(fd, "wb") as fh:
            yield fh
        kind = special_kind(target)
        if kind is not None:  # put there since the check: never rename over it
            raise OutputError(f"the output path is {kind}, not a regular file, and was left as "
                              "it was", location=Location(str(path)),
                              expected="the path of a regular file or a new file")
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write the file: {exc.strerror or exc}",
                          location=Location(str(path))) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode(target: Path) -> int:
    """The permissions of the file replaced, or those of a new file under the umask (a
    temporary file is private until renamed; the result should not be)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place."""
    with atomic_writer(path, force) as fh:
        fh.write(data)
