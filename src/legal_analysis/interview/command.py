"""The ``legal-analysis new`` command: ask (or read) the answers, then write the scenario."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..console import echo, fail, note, signals_end_cleanly, write
from ..errors import LegalAnalysisError

if TYPE_CHECKING:
    from ..sources import Registry
    from .answers_file import Answers


def new(
    file: Annotated[Path | None, typer.Argument(
        help="The scenario file to write (default with --answers: standard output).")] = None,
    answers: Annotated[Path | None, typer.Option(
        "--answers", help="Read the answers from this file instead of asking.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a new scenario file by answering questions: states, conflict, forces, captured
    persons, destinations. Enter or 'unknown' leaves a fact unknown."""
    from ..cli_files import guarded
    from ..ruleset.loading import load_rulebook
    from .answers_file import read_answers_file
    from .prompting import interview

    if file is None and answers is None:
        file = Path(_ask_file_name())
    if file is not None:
        guarded(lambda: _check(file, force))
    registry = guarded(lambda: load_rulebook(None).registry)
    if answers is not None:
        given = guarded(lambda: read_answers_file(answers))
    else:
        try:
            given = interview(registry)
        except (typer.Abort, EOFError, KeyboardInterrupt):
            note("new: stopped; nothing was written")
            raise typer.Exit(1) from None
    name = file.stem if file is not None else (answers.stem if answers else "new-scenario")
    with signals_end_cleanly():
        if answers is not None or file is None:
            guarded(lambda: _write(given, name, file, force, registry))
            return
        try:
            _write(given, name, file, force, registry)
        except LegalAnalysisError as exc:
            kept = guarded(lambda: _keep(given, file))
            fail(f"{exc}; the answers are kept in {kept}: correct them there, then run "
                 f"legal-analysis new {file} --answers {kept}")


def _ask_file_name() -> str:
    try:
        return str(typer.prompt("The scenario file to write", default="my-case.yaml"))
    except (typer.Abort, EOFError, KeyboardInterrupt):
        note("new: stopped; nothing was written")
        raise typer.Exit(1) from None


def _check(file: Path, force: bool) -> None:
    from ..output import check_target

    check_target(file, force)


def _write(given: Answers, name: str, file: Path | None, force: bool,
           registry: Registry | None) -> None:
    from ..output import write_atomic
    from .writing import scenario_from_answers

    text, scenario = scenario_from_answers(given, name, registry)
    if file is None:
        write(text)
        return
    write_atomic(file, text.encode("utf-8"), force)
    counts = ", ".join(f"{n} {what}{'' if n == 1 else 's'}" for n, what in (
        (len(scenario.states), "state"), (len(scenario.deployments), "force"),
        (len(scenario.persons), "person")))
    echo(f"scenario written to {file} ({counts}); check it with: legal-analysis validate {file}")


def _keep(given: Answers, file: Path) -> Path:
    """Write typed answers beside ``file`` (never over a file), to be corrected and read with
    ``--answers``."""
    import yaml

    from ..output import check_target, write_atomic
    from .answers_file import answers_data

    n, kept = 1, file.with_name(f"{file.stem}.answers.yaml")
    while kept.exists() or kept.is_symlink():
        n += 1
        kept = file.with_name(f"{file.stem}.answers-{n}.yaml")
    check_target(kept, False)
    text = yaml.safe_dump(answers_data(given), sort_keys=False, allow_unicode=True)
    write_atomic(kept, text.encode("utf-8"))
    return kept
