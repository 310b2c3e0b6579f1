"""Commands of the ``legal-analysis`` command line that read and write scenario files —
``validate``, ``schema`` and ``migrate`` — and the error handling every command shares.

Every error a user can cause ends in one line on standard error and exit code 2.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

R = TypeVar("R")

ScenarioArg = Annotated[Path, typer.Argument(help="A scenario file (.yaml, .yml or .json).")]


def fail(message: str) -> None:
    """Print one error line and exit with code 2."""
    typer.echo(f"legal-analysis: {message}", err=True)
    raise typer.Exit(2)


def guarded(fn: Callable[[], R]) -> R:
    """Run ``fn``; turn any user error into one line on stderr and exit code 2."""
    from .errors import LegalAnalysisError

    try:
        return fn()
    except LegalAnalysisError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    raise AssertionError("unreachable")  # pragma: no cover


def validate(file: ScenarioArg) -> None:
    """Check a scenario file (format 1 or 2): schema, references and dates. Prints 'ok' or one
    error line."""
    from .bridge import unreadable
    from .documents import dotted
    from .model.loading import summary
    from .scenario import read_scenario

    read = guarded(lambda: read_scenario(file))
    if read.scenario is not None:
        s = read.scenario
        typer.echo(f"{file}: ok ({len(s.states)} states, {len(s.deployments)} deployments, "
                   f"{len(s.persons)} persons)")
        return
    assert read.model is not None
    typer.echo(f"{file}: ok (format 2: {summary(read.model)})")
    problem = unreadable(read.model)
    if problem is not None:
        typer.echo(f"note: the rules cannot yet read {problem.what} ({dotted(problem.key)}); "
                   "evaluate and memo will refuse the file until they do")


def schema(
    format_version: Annotated[int, typer.Option(
        "--format-version", help="The scenario format: 2 (the default) or 1.")] = 2,
) -> None:
    """Print the JSON Schema of scenario files (for editors to check and complete them)."""
    if format_version == 1:
        from .facts import Scenario

        typer.echo(json.dumps(Scenario.model_json_schema(), indent=2, sort_keys=True))
        return
    if format_version != 2:
        fail(f"--format-version {format_version} is not a scenario format (expected 1 or 2)")
    from .model.build import scenario_model

    typer.echo(json.dumps(scenario_model().model_json_schema(), indent=2, sort_keys=True))


def migrate(
    file: Annotated[Path, typer.Argument(help="A scenario file in format 1.")],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write the format-2 file here (default: standard output).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Rewrite a format-1 scenario in format 2; print what was done."""
    from .rewrite import rewrite, write_rewritten

    def run() -> None:
        from .output import check_target

        if output is not None:
            check_target(output, force)
        done = rewrite(file, as_json=output is not None and output.suffix == ".json")
        if output is None:
            typer.echo(done.text, nl=False)
            for note in done.notes:
                typer.echo(f"migrate: {note}", err=True)
            return
        write_rewritten(output, done.text, force)
        for note in done.notes:
            typer.echo(note)
        typer.echo(f"format 2 written to {output}")

    guarded(run)
