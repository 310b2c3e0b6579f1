"""Output for a person at a terminal: colour, tables and progress bars (through ``rich``).

On a terminal (standard output a TTY) the conclusions table and explanations are laid out by
``rich`` to the terminal's width (at most :data:`~.render.summary.WIDTH` columns) and coloured,
unless ``NO_COLOR`` is set (https://no-color.org). Anywhere else (a pipe, a file, a test) they
are the plain text of :mod:`.render.summary` and :mod:`.render.explanation`, 100 columns wide,
the same bytes every time. Progress bars go to standard error, and only when it is a TTY.

Every piece of text from a scenario is made safe (:func:`.terminal.visible`) before it is
styled, so the only control codes written are the styles' own.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TextIO

from rich.console import Console, Group, RenderableType
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .console import echo, write_raw
from .render.summary import SUBJECT_COLUMN, WIDTH, Summary, plain
from .terminal import visible

STATUS_STYLES: dict[str, str] = {"established": "green", "undetermined": "yellow",
                                 "conflict": "red"}
"""The colour of a row's answer, by the result's status."""


def on_terminal(stream: TextIO | None = None) -> bool:
    """Whether ``stream`` (standard output unless told) is a terminal."""
    stream = sys.stdout if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def colour_wanted() -> bool:
    """Whether colour may be used on a terminal: not when ``NO_COLOR`` is set to anything."""
    return not os.environ.get("NO_COLOR")


def width(terminal: bool) -> int:
    """The width to lay text out to: the terminal's, at most :data:`WIDTH`; else :data:`WIDTH`."""
    if not terminal:
        return WIDTH
    return max(20, min(shutil.get_terminal_size((WIDTH, 24)).columns, WIDTH))


def console(columns: int, colour: bool, file: TextIO | None = None) -> Console:
    """A ``rich`` console writing to ``file`` (a buffer unless told) as to a terminal of
    ``columns`` columns, with colour or with no control codes at all."""
    return Console(file=file if file is not None else io.StringIO(), width=columns,
                   force_terminal=colour, color_system="standard" if colour else None,
                   no_color=not colour, highlight=False, emoji=False, markup=False,
                   legacy_windows=False, soft_wrap=False)


def safe(text: str) -> Text:
    """Text from a scenario or a rule base as a ``rich`` text, control characters escaped."""
    return Text(visible(text, keep=""))


def styled_summary(table: Summary, columns: int, colour: bool) -> str:
    """The conclusions table as ``rich`` lays it out for a terminal ``columns`` wide: the
    subjects in a column as wide in every block, the answer beside them coloured by its
    status, and each version of the facts as an item under it."""
    out = console(columns, colour)
    rows = [row for block in table.blocks for row in block.rows]
    column = min(max((len(visible(r.subjects, keep="")) for r in rows), default=1),
                 SUBJECT_COLUMN)
    out.print(safe(table.heading), style="bold")
    for block in table.blocks:
        out.print()
        out.print(safe(block.title), style="bold")
        grid = Table.grid(padding=(0, 0, 0, 2), pad_edge=True)
        grid.add_column(width=column + 2, style="cyan", overflow="fold")  # with its padding
        grid.add_column(ratio=1, overflow="fold")
        for row in block.rows:
            answer = safe(row.answer)
            answer.stylize(STATUS_STYLES.get(row.status, ""))
            cell: RenderableType = answer
            if row.branches:
                items = Table.grid(padding=(0, 1, 0, 0))
                items.add_column(width=1)
                items.add_column(ratio=1, overflow="fold")
                for version in row.branches:
                    items.add_row("-", safe(version))
                cell = Group(answer, items)
            grid.add_row(safe(row.subjects), cell)
        out.print(grid)
    text: str = out.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(_TRAILING.sub(lambda m: m.group().replace(" ", ""), line)
                     for line in text.split("\n"))


_TRAILING = re.compile(r"(?: |\x1b\[[0-9;]*m)+$")
"""Spaces at the end of a line, among any style codes that close it."""


def show_summary(table: Summary) -> None:
    """Print the conclusions table: plain text unless standard output is a terminal."""
    if not on_terminal():
        echo(plain(table))
        return
    write_raw(styled_summary(table, width(True), colour_wanted()))


LINE_STYLES: dict[str, str] = {"lead": "bold", "applies": "green", "fails": "dim",
                               "open": "yellow", "displaced": "magenta", "heading": "bold"}
"""Styles of an explanation's kinds of line (see :mod:`.render.explanation`)."""


def styled_lines(lines: Sequence[tuple[str, str]], colour: bool) -> str:
    """Lines already wrapped, each with its kind, with the kind's style."""
    out = console(10_000, colour)
    for text, kind in lines:
        out.print(safe(text), style=LINE_STYLES.get(kind, ""))
    return out.file.getvalue()  # type: ignore[attr-defined,no-any-return]


def show_lines(lines: Sequence[tuple[str, str]]) -> None:
    """Print lines of text: coloured by kind on a terminal, plain anywhere else."""
    if not on_terminal() or not colour_wanted():
        echo("\n".join(text for text, _kind in lines))
        return
    write_raw(styled_lines(lines, True))


Meter = Callable[[int, "int | None", int], None]
"""Told how many items are done, of how many (None: not known), and how many failed."""


@contextlib.contextmanager
def batch_bar(stream: TextIO | None = None) -> Iterator[Meter | None]:
    """A progress bar for a batch on ``stream`` (standard error unless told) when it is a
    terminal; None, and nothing shown, otherwise."""
    stream = sys.stderr if stream is None else stream
    if not on_terminal(stream):
        yield None
        return
    bar = Progress(TextColumn("batch"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(),
                   console=console(width(True), colour_wanted(), stream), transient=False,
                   redirect_stdout=False, redirect_stderr=False)
    task = bar.add_task("batch", total=None, failed=0)

    def meter(count: int, total: int | None, failed: int) -> None:
        bar.update(task, completed=count, total=total, failed=f"{failed:,}")

    with bar:
        yield meter


@contextlib.contextmanager
def stage_bar(steps: Sequence[str], stream: TextIO | None = None
              ) -> Iterator[Callable[[], None]]:
    """A progress bar through named steps (a long memo's: analyse, compose, render) on
    ``stream`` (standard error unless told) when it is a terminal; the step function it gives
    moves to the next step. Nothing is shown when the stream is not a terminal."""
    stream = sys.stderr if stream is None else stream
    if not steps or not on_terminal(stream):
        yield lambda: None
        return
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(),
                   console=console(width(True), colour_wanted(), stream), transient=True,
                   redirect_stdout=False, redirect_stderr=False)
    task = bar.add_task(steps[0], total=len(steps))
    done = [0]

    def step() -> None:
        done[0] += 1
        bar.update(task, completed=done[0],
                   description=steps[min(done[0], len(steps) - 1)])
        bar.refresh()  # each step is shown, however quickly the one before it ended

    with bar:
        yield step
