"""What the command line prints, and what a failure to print means.

Every line a command prints goes through :func:`echo`, :func:`echo_json` or :func:`write`, which
write control characters as visible escapes (:mod:`.terminal`), so a name holding ESC cannot
recolour or move the text of a terminal. Errors go through :func:`fail`: one line on standard
error and exit status 2.

Standard output can fail. When its reader goes away (``legal-analysis memo s.yaml | head -c1``)
the command stops at once and quietly, with exit status 141 (128 + SIGPIPE, the status a shell
reports for a program stopped by a closed pipe). Any other failure (``> /dev/full``: no space left
on device) is one line, ``legal-analysis: standard output: No space left on device``, and exit
status 2. Either way standard output is then pointed at the null device, so that what is left in
its buffer cannot fail a second time when Python exits.

While a command writes a file (:func:`signals_end_cleanly`), SIGTERM and SIGHUP end it the way
Ctrl-C does: by an exception, so that the temporary file it writes through is removed; the exit
status is then 128 + the signal's number (143 for SIGTERM, 129 for SIGHUP), as a shell reports.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any, NoReturn

import typer

from .errors import one_line
from .terminal import visible, visible_json

EXIT_USER_ERROR = 2
"""Exit status of a command that could not do what was asked (one line on standard error)."""
EXIT_CLOSED_PIPE = 141
"""Exit status when the reader of standard output went away (128 + SIGPIPE)."""


def fail(message: str) -> NoReturn:
    """Print ``legal-analysis: message`` as one line on standard error and exit with status 2."""
    try:
        sys.stderr.write(f"legal-analysis: {one_line(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # standard error is gone too: the status must say it all
        pass
    raise typer.Exit(EXIT_USER_ERROR)


def check_format(command: str, given: str, formats: tuple[str, ...]) -> None:
    """Refuse a ``--format`` the command does not write, listing those it does."""
    if given not in formats:
        fail(f"--format {given!r} is not a format of {command} "
             f"(expected {', '.join(formats[:-1])} or {formats[-1]})")


def note(message: str) -> None:
    """Print ``legal-analysis: message`` on standard error and go on (a warning)."""
    try:
        sys.stderr.write(f"legal-analysis: {one_line(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def write(text: str) -> None:
    """Write ``text`` to standard output, control characters escaped, and flush it. A character
    the output's encoding cannot write (``→`` on a Latin-1 terminal) is written as an escape."""
    write_raw(visible(text))


def write_raw(shown: str) -> None:
    """Write ``shown`` to standard output as it is (text already made safe, with the colour
    codes of :mod:`.styled`), and flush it; a failure ends the command as :func:`write`'s."""
    try:
        try:
            sys.stdout.write(shown)
        except UnicodeEncodeError:
            encoding = getattr(sys.stdout, "encoding", None) or "ascii"
            sys.stdout.write(shown.encode(encoding, "backslashreplace").decode(encoding))
        sys.stdout.flush()
    except OSError as exc:
        stdout_failed(exc)


def echo(text: str = "") -> None:
    """Write one line (or several, joined by newlines) to standard output."""
    write(text + "\n")


def echo_json(data: Any) -> None:
    """Write ``data`` as indented JSON to standard output (DEL and C1 controls as ``\\u``
    escapes: the same JSON value)."""
    write(visible_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")


def stdout_failed(exc: OSError) -> NoReturn:
    """End the command after a failed write to standard output (see the module's text)."""
    _discard_stdout()
    if isinstance(exc, BrokenPipeError) or exc.errno in (errno.EPIPE, errno.ECONNRESET):
        raise typer.Exit(EXIT_CLOSED_PIPE)
    fail(f"standard output: {exc.strerror or exc}")


def _discard_stdout() -> None:
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(fd, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # not a real file (a test's capture)
        pass
    finally:
        os.close(fd)


class BinaryStdout:
    """Standard output as a binary stream whose failures end the command as :func:`write`'s do
    (for output written in bytes, such as a batch's JSON Lines)."""

    def __init__(self) -> None:
        self._stream = getattr(sys.stdout, "buffer", None)

    def write(self, data: bytes) -> int:
        try:
            if self._stream is None:
                sys.stdout.write(data.decode("utf-8"))
                return len(data)
            return int(self._stream.write(data))
        except OSError as exc:
            stdout_failed(exc)

    def flush(self) -> None:
        try:
            (self._stream or sys.stdout).flush()
        except OSError as exc:
            stdout_failed(exc)


END_SIGNALS: tuple[str, ...] = ("SIGTERM", "SIGHUP")
"""Signals that end a command cleanly while it writes a file (Ctrl-C's SIGINT already does)."""


def _end(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def signals_end_cleanly() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`SystemExit` (status 128 + signal)
    instead of killing the process on the spot, so ``finally`` blocks and handlers run and no
    temporary file is left behind. Outside the main thread (where signals cannot be handled)
    the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[signal.Signals, Any] = {}
    for name in END_SIGNALS:
        sig = getattr(signal, name, None)
        if sig is not None:
            previous[sig] = signal.signal(sig, _end)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

