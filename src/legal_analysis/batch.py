"""Evaluating many scenarios in one pass, one JSON record each, without stopping on a bad one.

:func:`evaluate_many` is pure: it takes ``(name, raw bytes)`` pairs and yields one record per
scenario, lazily, so a stream of any length runs in flat memory. The readers turn a folder of
scenario files or a JSON Lines file into such pairs; :func:`run_batch` (behind
``legal-analysis batch``) writes the records as JSON Lines, optionally over a process pool.

>>> from legal_analysis import load_rulebook
>>> from legal_analysis.examples import example_path
>>> path = example_path("dprk-2024-10-26")
>>> items = [(path.name, path.read_bytes()), ("broken.yaml", b"id: [")]
>>> [(r["ok"], r.get("scenario")) for r in evaluate_many(items, load_rulebook())]
[(True, 'dprk-2024-10-26'), (False, None)]
"""

from __future__ import annotations

import json
import os
import re
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol, TextIO

from .documents import MAX_FILE_BYTES, parse_document
from .errors import LegalAnalysisError, Location, ScenarioError
from .filekinds import NotRegularFile, open_regular
from .terminal import visible_json

if TYPE_CHECKING:
    from .ruleset.loading import Rulebook

CHUNKSIZE = 32
"""Scenarios sent to a worker process at a time with ``--jobs``."""
SUFFIXES = (".yaml", ".yml", ".json")
"""The scenario files a folder given to ``batch`` is read for."""

Item = tuple[str, bytes | LegalAnalysisError]
"""A scenario's name and raw bytes, or the error met while reading it."""


class Sink(Protocol):
    """Where records are written: a binary file or standard output."""

    def write(self, data: bytes, /) -> int: ...

    def flush(self) -> None: ...


_JSONL_LINE = re.compile(r"^(?P<path>.+\.jsonl):(?P<line>\d+)$")


def evaluate_one(name: str, raw: bytes | LegalAnalysisError, rulebook: Rulebook,
                 status_only: bool = False) -> dict[str, Any]:
    """The record of one scenario: its conclusions, or the one-line error that stopped it.

    A ``name`` of the form ``FILE.jsonl:N`` is line N of a JSON Lines file: it is read as JSON
    and its errors point at that line of FILE.jsonl. With ``status_only`` each conclusion is
    its id, subject, status and value, and no branches are worked out.
    """
    from .engine.analysis import analyse
    from .scenario import build_scenario

    jsonl = _JSONL_LINE.match(name)
    doc_name = jsonl.group("path") if jsonl else name
    try:
        if isinstance(raw, LegalAnalysisError):
            raise raw
        if len(raw) > MAX_FILE_BYTES:
            raise ScenarioError(f"the scenario is more than the limit of {MAX_FILE_BYTES:,} bytes",
                                location=Location(doc_name),
                                expected="a smaller scenario; split it into several")
        doc = parse_document(raw, doc_name, ScenarioError)
        analysis = analyse(build_scenario(doc, rulebook.registry), rulebook)
    except LegalAnalysisError as exc:
        if jsonl:
            exc = _at_line(exc, jsonl.group("path"), int(jsonl.group("line")))
        return {"source": name, "ok": False, "error": str(exc)}
    except Exception as exc:  # a bug, not bad input: report it and go on with the next one
        text = " ".join(str(exc).split())[:200]
        return {"source": name, "ok": False,
                "error": f"{name}: internal error, please report it: {type(exc).__name__}: {text}"}
    data = analysis.status_dict() if status_only else analysis.to_dict()
    return {"source": name, "ok": True, "scenario": data["scenario"], "as_of": data["as_of"],
            "conclusions": data["conclusions"]}


def _at_line(exc: LegalAnalysisError, path: str, line: int) -> LegalAnalysisError:
    """``exc`` located on ``line`` of ``path`` (a JSON Lines record is one line long)."""
    col = exc.location.col if exc.location is not None and exc.location.line else 0
    return type(exc)(exc.message, location=Location(path, line, col), field=exc.field,
                     expected=exc.expected, suggestion=exc.suggestion)


def evaluate_many(items: Iterable[Item], rulebook: Rulebook,
                  status_only: bool = False) -> Iterator[dict[str, Any]]:
    """One record per ``(name, raw bytes)`` item, in order, lazily; a bad item gives an error
    record (``{"source", "ok": false, "error"}``) and the next item is evaluated as usual.
    ``status_only``: see :func:`evaluate_one`."""
    for name, raw in items:
        yield evaluate_one(name, raw, rulebook, status_only)


def record_line(record: dict[str, Any]) -> bytes:
    """A record as one line of JSON Lines (UTF-8, compact, newline-terminated; no raw control
    character, so that it can be shown on a terminal: see :func:`.terminal.visible_json`)."""
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return (visible_json(text) + "\n").encode("utf-8")


# -- reading inputs -------------------------------------------------------------------------------

def folder_files(folder: Path) -> list[Path]:
    """The scenario files of a folder (not its sub-folders), sorted by name; hidden files skipped.
    Anything else with a scenario file's name (a folder, a named pipe) is listed, to be reported
    by :func:`read_files` (and never opened)."""
    return sorted(p for p in folder.iterdir()
                  if p.suffix in SUFFIXES and not p.name.startswith("."))


def read_files(paths: Iterable[Path]) -> Iterator[Item]:
    """Each file's name and bytes (at most one byte past the size limit), or its read error;
    only regular files are read (a named pipe would wait for a writer for ever)."""
    for path in paths:
        try:
            with open_regular(path) as fh:
                yield str(path), fh.read(MAX_FILE_BYTES + 1)
        except NotRegularFile as exc:
            yield str(path), ScenarioError(f"cannot read the file: it is {exc.kind}, not a "
                                           "regular file, and was not opened",
                                           location=Location(str(path)),
                                           expected="a scenario file")
        except OSError as exc:
            yield str(path), ScenarioError(f"cannot read the file: {exc.strerror or exc}",
                                           location=Location(str(path)))


def read_jsonl(path: Path) -> Iterator[Item]:
    """Each non-blank line of a JSON Lines file, named ``PATH:LINE``; an over-long line is cut
    one byte past the size limit (and so refused) without being held in memory whole."""
    with path.open("rb") as fh:
        for number, line in enumerate(_lines(fh), start=1):
            if line.strip():
                yield f"{path}:{number}", line


def _lines(fh: BinaryIO) -> Iterator[bytes]:
    while line := fh.readline(MAX_FILE_BYTES + 1):
        if len(line) > MAX_FILE_BYTES and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
        yield line


def read_input(source: Path) -> tuple[Iterator[Item], int | None]:
    """The items of a folder or a ``.jsonl`` file, and how many there are (when known)."""
    if source.is_dir():
        files = folder_files(source)
        return read_files(files), len(files)
    if source.suffix == ".jsonl" and source.is_file():
        return read_jsonl(source), None
    if not source.exists():
        raise ScenarioError("no such file or folder", location=Location(str(source)))
    raise ScenarioError("not a folder or a .jsonl file", location=Location(str(source)),
                        expected="a folder of .yaml, .yml or .json scenarios, or a .jsonl file")


# -- running a batch --------------------------------------------------------------------------

def available_cpus() -> int:
    """The processors this process may run on: the most worker processes worth starting."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_WORKER_RULEBOOK: Rulebook | None = None
_WORKER_STATUS_ONLY = False


def _init_worker(rules: str | None, status_only: bool = False) -> None:
    """Load the rule base once in each worker process (whose SIGTERM and SIGHUP take their
    default action again: the pool stops its workers with SIGTERM, and the parent may have
    handlers of its own for them)."""
    global _WORKER_RULEBOOK, _WORKER_STATUS_ONLY
    from .engine.cache import load_program

    for name in ("SIGTERM", "SIGHUP"):
        if (sig := getattr(signal, name, None)) is not None:
            signal.signal(sig, signal.SIG_DFL)

    _WORKER_RULEBOOK = load_program(rules).rulebook
    _WORKER_STATUS_ONLY = status_only


def _work(item: Item) -> tuple[bool, bytes]:
    assert _WORKER_RULEBOOK is not None, "the worker was started without its initializer"
    record = evaluate_one(item[0], item[1], _WORKER_RULEBOOK, _WORKER_STATUS_ONLY)
    return record["ok"], record_line(record)


def record_lines(items: Iterable[Item], rulebook: Rulebook, jobs: int = 1,
                 rules: Path | None = None, status_only: bool = False
                 ) -> Iterator[tuple[bool, bytes]]:
    """Each item's record as ``(ok, JSON line)``, in input order whatever ``jobs`` is; with
    ``jobs > 1`` over a process pool whose workers load the rule base in ``rules`` once."""
    if jobs <= 1:
        for record in evaluate_many(items, rulebook, status_only):
            yield record["ok"], record_line(record)
        return
    import multiprocessing

    with multiprocessing.Pool(jobs, initializer=_init_worker,
                              initargs=(None if rules is None else str(rules),
                                        status_only)) as pool:
        yield from pool.imap(_work, items, chunksize=CHUNKSIZE)


def run_batch(source: Path, output: Path | None, *, jobs: int = 1, force: bool = False,
              rules: Path | None = None, stdout: Sink | None = None,
              progress: TextIO | None = None, status_only: bool = False,
              meter: Callable[[int, int | None, int], None] | None = None) -> tuple[int, int]:
    """Evaluate every scenario of ``source`` into JSON Lines (``output``, written atomically,
    or ``stdout``); show a counter on ``progress`` if given, and tell ``meter`` (a progress
    bar) how far it is. Returns (scenarios, failed).
    ``jobs`` above :func:`available_cpus` is taken as that many (more processes than
    processors only cost memory)."""
    from .engine.cache import load_program
    from .output import atomic_writer, check_target

    if jobs < 1:
        raise LegalAnalysisError(f"--jobs {jobs} is not a number of processes",
                                 expected="1 or more")
    jobs = min(jobs, available_cpus())
    if output is not None:
        check_target(output, force)
    items, total = read_input(source)
    rulebook = load_program(rules).rulebook
    lines = record_lines(items, rulebook, jobs, rules, status_only)
    if output is None:
        assert stdout is not None, "give an output path or a stream"
        return _drain(lines, stdout, total, progress, meter)
    with atomic_writer(output, force) as fh:
        return _drain(lines, fh, total, progress, meter)


def _drain(lines: Iterator[tuple[bool, bytes]], out: Sink, total: int | None,
           progress: TextIO | None,
           meter: Callable[[int, int | None, int], None] | None = None) -> tuple[int, int]:
    count = failed = 0
    shown = 0.0
    for ok, line in lines:
        out.write(line)
        count += 1
        failed += not ok
        if meter is not None:
            meter(count, total, failed)
        if progress is not None and time.monotonic() - shown > 0.1:
            shown = time.monotonic()
            _show(progress, count, total, failed)
    out.flush()
    if progress is not None:
        _show(progress, count, total, failed)
        progress.write("\n")
    return count, failed


def _show(progress: TextIO, count: int, total: int | None, failed: int) -> None:
    of = f"/{total:,}" if total is not None else ""
    progress.write(f"\rbatch: {count:,}{of} scenarios, {failed:,} failed")
    progress.flush()
