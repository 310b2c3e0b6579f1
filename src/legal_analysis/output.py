"""Writing output files safely: never over an existing file without leave, never half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import Location, OutputError


def check_target(path: Path, force: bool) -> None:
    """Refuse a target that is a directory, whose folder is missing, or that exists (no force)."""
    where = Location(str(path))
    if path.is_dir():
        raise OutputError("the output path is a directory", location=where,
                          expected="a file name, e.g. memo.md inside that directory")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError("the output folder does not exist", location=where,
                          expected=f"an existing folder; create {parent} first")
    if path.exists() and not force:
        raise OutputError("the file exists already and was left as it was", location=where,
                          expected="another path, or --force to overwrite it")
    if not os.access(parent, os.W_OK):
        raise OutputError("the output folder is not writable", location=where)


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place."""
    check_target(path, force)
    parent = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write the file: {exc.strerror or exc}",
                          location=Location(str(path))) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
