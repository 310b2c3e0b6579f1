"""Loading a rule base compiled, from a cache on disk when its files have not changed.

Loading and checking the rule files and generating their code takes some 150 ms; a command run
once pays it every time. :func:`load_program` keeps the loaded rule base and its generated code
(as :mod:`marshal`-ed code objects) in one file per rule base, named by a hash of everything
that could change them: the rule files' contents and paths, the Python version, and the source
of the modules that read rules and generate code. A cache file that is missing, unreadable or
from another version is ignored and written anew; nothing else is ever written there.

The cache folder is ``$LEGAL_ANALYSIS_CACHE`` if set (``off`` turns the cache off), else
``$XDG_CACHE_HOME/legal_analysis``, else ``~/.cache/legal_analysis``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from .. import facts, scenario
from ..ruleset import conditions, loading, paths, schema
from ..ruleset.loading import Rulebook, default_rules_dir, load_rulebook
from . import codegen, program
from .program import Compiled, Program, register

CACHE_ENV = "LEGAL_ANALYSIS_CACHE"
_SOURCES = (codegen, program, loading, conditions, paths, schema, facts, scenario)
"""The modules whose source, if changed, makes a cached rule base stale."""


def cache_dir() -> Path | None:
    """Where compiled rule bases are kept (None when the cache is turned off)."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "legal_analysis"


def fingerprint(directory: Path) -> str:
    """A hash of everything a compiled rule base depends on (see the module docstring)."""
    h = hashlib.sha256()
    h.update(sys.version.encode())
    for module in _SOURCES:
        h.update(Path(str(module.__file__)).read_bytes())
    root = directory.resolve()
    h.update(str(root).encode())
    for path in sorted(root.rglob("*")):
        h.update(str(path.relative_to(root)).encode() + b"\0")
        if path.is_file():
            h.update(path.read_bytes())
        elif not path.is_dir():  # a pipe or device is named, never opened: loading refuses it
            h.update(b"\1not a regular file\0")
    return h.hexdigest()


def load_program(directory: str | Path | None = None) -> Program:
    """The compiled program of the rule base in ``directory`` (default: the shipped one),
    from the cache when possible; errors in the rule files are raised as by
    :func:`~legal_analysis.ruleset.loading.load_rulebook`."""
    root = Path(directory) if directory is not None else default_rules_dir()
    folder = cache_dir()
    path = None
    if folder is not None and root.is_dir():
        try:
            path = folder / f"{fingerprint(root)}.pickle"
        except OSError:
            path = None
    if path is not None and path.is_file():
        try:
            with path.open("rb") as fh:
                book, compiled = pickle.load(fh)
            if isinstance(book, Rulebook) and isinstance(compiled, Compiled):
                found = Program(book, compiled)
                register(found)
                return found
        except Exception:  # a stale or damaged cache file: load the rules instead
            pass
    book = load_rulebook(root)
    made = Program(book)
    register(made)
    if path is not None:
        _store(path, (book, made.compiled))
    return made


def _store(path: Path, value: object) -> None:
    """Write ``value`` to ``path`` atomically; a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)
