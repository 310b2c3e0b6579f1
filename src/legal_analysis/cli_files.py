"""Commands of the ``legal-analysis`` command line that read and write scenario files —
``validate``, ``schema`` and ``migrate`` — and the error handling every command shares.

Every error a user can cause ends in one line on standard error and exit code 2.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from .console import echo, fail, note, write

if TYPE_CHECKING:
    from .documents import Document
    from .facts import Scenario
    from .ruleset.loading import Rulebook

R = TypeVar("R")

ScenarioArg = Annotated[Path, typer.Argument(help="A scenario file (.yaml, .yml or .json).")]
RulesOpt = Annotated[Path | None, typer.Option("--rules", help="A rules folder (default: shipped).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Do not print warnings.")]


def guarded(fn: Callable[[], R]) -> R:
    """Run ``fn``; turn any user error into one line on stderr and exit code 2."""
    from .errors import LegalAnalysisError

    try:
        return fn()
    except LegalAnalysisError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))


def warn_about(scenario: Scenario, rulebook: Rulebook, doc: Document) -> int:
    """Print the scenario's warnings on standard error, one line each; return how many."""
    from .lint import scenario_warnings

    found = scenario_warnings(scenario, rulebook, doc)
    for warning in found:
        typer.echo(str(warning), err=True)
    return len(found)


def validate(file: ScenarioArg, rules: RulesOpt = None, quiet: QuietOpt = False) -> None:
    """Check a scenario file (format 1 or 2): schema, references, dates and citations. Prints
    'ok' or one error line; warnings (facts no rule reads, questions that cannot arise,
    contradictions) go to stderr."""
    from .bridge import unreadable
    from .documents import dotted
    from .model.loading import summary
    from .ruleset.loading import load_rulebook
    from .scenario import ScenarioFile, read_scenario_file

    def run() -> tuple[ScenarioFile, int]:
        book = load_rulebook(rules)
        read = read_scenario_file(file, book.registry)
        if read.scenario is None or read.document is None or quiet:
            return read, 0
        return read, warn_about(read.scenario, book, read.document)

    read, warned = guarded(run)
    if read.scenario is not None:
        s = read.scenario
        tail = f"; {warned} warning{'s' if warned > 1 else ''}" if warned else ""
        echo(f"{file}: ok ({len(s.states)} states, {len(s.deployments)} deployments, "
             f"{len(s.persons)} persons{tail})")
        return
    assert read.model is not None
    echo(f"{file}: ok (format 2: {summary(read.model)})")
    problem = unreadable(read.model)
    if problem is not None:
        echo(f"note: the rules cannot yet read {problem.what} ({dotted(problem.key)}); "
             "evaluate and memo will refuse the file until they do")


def schema(
    format_version: Annotated[int, typer.Option(
        "--format-version", help="The scenario format: 2 (the default) or 1.")] = 2,
) -> None:
    """Print the JSON Schema of scenario files (for editors to check and complete them)."""
    if format_version == 1:
        from .facts import Scenario

        write(json.dumps(Scenario.model_json_schema(), indent=2, sort_keys=True) + "\n")
        return
    if format_version != 2:
        fail(f"--format-version {format_version} is not a scenario format (expected 1 or 2)")
    from .model.build import scenario_model

    write(json.dumps(scenario_model().model_json_schema(), indent=2, sort_keys=True) + "\n")


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
            write(done.text)
            for line in done.notes:
                note(f"migrate: {line}")
            return
        write_rewritten(output, done.text, force)
        for line in done.notes:
            echo(line)
        echo(f"format 2 written to {output}")

    guarded(run)
