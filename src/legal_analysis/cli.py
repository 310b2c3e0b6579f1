"""The ``legal-analysis`` command line: reads files, calls the library, writes output.

Every error a user can cause ends in one line on standard error and exit code 2. Modules are
imported inside the commands that need them, so a command loads only what it uses.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

if TYPE_CHECKING:
    from .engine.analysis import Analysis

app = typer.Typer(
    name="legal-analysis",
    help="Reasoned, cited analysis of international-law questions: party status, prisoner-of-war "
         "status, non-refoulement, repatriation options and accountability.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="Inspect and check the rule base.", no_args_is_help=True)
sources_app = typer.Typer(help="Inspect and verify the sources registry.", no_args_is_help=True)
examples_app = typer.Typer(help="The worked examples shipped with the package.",
                           no_args_is_help=True)
app.add_typer(rules_app, name="rules")
app.add_typer(examples_app, name="examples")
app.add_typer(sources_app, name="sources")

R = TypeVar("R")

ScenarioArg = Annotated[Path, typer.Argument(help="A scenario file (.yaml, .yml or .json).")]
RulesOpt = Annotated[Path | None, typer.Option("--rules", help="A rules folder (default: shipped).")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Evaluate as of this date (YYYY-MM-DD).")]


def _fail(message: str) -> None:
    typer.echo(f"legal-analysis: {message}", err=True)
    raise typer.Exit(2)


def guarded(fn: Callable[[], R]) -> R:
    """Run ``fn``; turn any user error into one line on stderr and exit code 2."""
    from .errors import LegalAnalysisError

    try:
        return fn()
    except LegalAnalysisError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    raise AssertionError("unreachable")  # pragma: no cover


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        from .errors import LegalAnalysisError

        raise LegalAnalysisError(f"--as-of {text!r} is not a date",
                                 expected="a date such as 2025-04-28") from None


def _analyse(file: Path, rules: Path | None, as_of: str | None,
             changes: dict[str, Any] | None = None) -> Analysis:
    from .engine.analysis import analyse
    from .ruleset.loading import load_rulebook
    from .scenario import load_scenario

    scenario = load_scenario(file)
    rulebook = load_rulebook(rules)
    return analyse(scenario, rulebook, _date(as_of), changes)


@app.command()
def validate(file: ScenarioArg) -> None:
    """Check a scenario file: schema, references and dates. Prints 'ok' or one error line."""
    from .scenario import load_scenario

    scenario = guarded(lambda: load_scenario(file))
    typer.echo(f"{file}: ok ({len(scenario.states)} states, {len(scenario.deployments)} "
               f"deployments, {len(scenario.persons)} persons)")


@app.command()
def schema() -> None:
    """Print the JSON Schema of scenario files (for editors to check and complete them)."""
    from .facts import Scenario

    typer.echo(json.dumps(Scenario.model_json_schema(), indent=2, sort_keys=True))


@app.command()
def evaluate(
    file: ScenarioArg,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
) -> None:
    """Evaluate every conclusion for every subject of a scenario."""
    if format not in ("table", "json"):
        _fail(f"--format {format!r} is not a format (expected table or json)")
    analysis = guarded(lambda: _analyse(file, rules, as_of))
    if format == "json":
        typer.echo(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
        return
    from .render.text import table

    typer.echo(table(analysis))


@app.command()
def memo(
    file: ScenarioArg,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here.")] = None,
    format: Annotated[str, typer.Option(
        "-f", "--format", help="md, html, docx, json, or pdf (needs Chromium or Chrome)")] = "md",
    as_of: AsOfOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    template: Annotated[Path | None, typer.Option("--template",
                                                  help="A folder of Jinja templates.")] = None,
    brief: Annotated[bool, typer.Option(
        "--brief", help="A one- to two-page brief instead of the full memo.")] = False,
    only: Annotated[str | None, typer.Option(
        "--only", help="Discuss only these conclusions (ids, comma-separated).")] = None,
    set_: Annotated[list[str] | None, typer.Option(
        "--set", help="FACT=VALUE: a what-if memo with this fact changed (repeatable).")] = None,
    derivations: Annotated[bool, typer.Option(
        "--derivations", help="Add the rule-by-rule derivations as a last annex.")] = False,
    author: Annotated[str | None, typer.Option(
        "--author", help="The memo's author, for its From line (default: none).")] = None,
    rules: RulesOpt = None,
) -> None:
    """Render a reasoned memo for a scenario (Markdown by default)."""
    from .render import BROWSER_FORMATS, FORMATS, render_memo
    from .render.model import MemoOptions, build_memo

    if format not in FORMATS + BROWSER_FORMATS:
        _fail(f"--format {format!r} is not a memo format "
              f"(expected {', '.join(FORMATS + BROWSER_FORMATS)})")
    if output is None and format in ("docx", "pdf"):
        _fail(f"a {format.upper()} memo needs an output file (-o memo.{format})")

    def run() -> None:
        from .output import check_target, write_atomic

        if output is not None:
            check_target(output, force)
        analysis = _analyse(file, rules, as_of)
        wanted = tuple(c.strip() for c in (only or "").split(",") if c.strip())
        options = MemoOptions(author=author, brief=brief, only=wanted, derivations=derivations)
        if set_:
            from .engine.values import parse_changes

            changes = parse_changes(analysis.index, _pairs(set_, "--set"))
            what = analysis.what_if(changes)
            public = analysis.rulebook.conclusions
            changed = sum(1 for c in what.changes if public[c.id].spec.public)
            options = MemoOptions(author=author, brief=brief, only=wanted,
                                  derivations=derivations, assumptions=what.changes_made,
                                  changed=changed)
            analysis = what.after
        data = render_memo(analysis, build_memo(analysis, options), format, template)
        if output is None:
            sys.stdout.write(data.decode("utf-8"))
            return
        write_atomic(output, data, force)
        typer.echo(f"memo written to {output}")

    guarded(run)


@app.command()
def explain(
    file: ScenarioArg,
    conclusion: Annotated[str, typer.Argument(help="A conclusion id, e.g. party_to_conflict.")],
    subject: Annotated[list[str] | None, typer.Option(
        "--subject", help="role=id, e.g. --subject state=PRK (repeatable).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
    why_not: Annotated[str | None, typer.Option(
        "--why-not", help="Explain why the conclusion does not take this value.")] = None,
    every_part: Annotated[bool, typer.Option(
        "--every-part", help="Show every part of each test, not only the parts that decide it.")
    ] = False,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
) -> None:
    """Show why a conclusion holds or not: rules tried, facts read, exceptions, sources."""
    from .engine.trace import render_tree, render_why_not

    def run() -> list[dict[str, Any]]:
        analysis = _analyse(file, rules, as_of)
        wanted = _pairs(subject or [], "--subject")
        results = [r for r in analysis.conclusions(conclusion)
                   if all(r.subject_dict.get(k) == v for k, v in wanted.items())]
        if not results:
            from .errors import LegalAnalysisError

            known = "; ".join(r.node_id for r in analysis.conclusions(conclusion)) or "none"
            raise LegalAnalysisError(f"no subject of {conclusion!r} matches {wanted}",
                                     expected=f"one of {known}")
        if why_not is not None:
            from .engine.values import parse_value

            return [{"id": r.node_id, "why_not": analysis.why_not(r.id, parse_value(why_not),
                                                                   **r.subject_dict)}
                    for r in results]
        return [analysis.explain(r.id, **r.subject_dict) for r in results]

    trees = guarded(run)
    if format == "json":
        typer.echo(json.dumps(trees, indent=2, ensure_ascii=False))
        return
    for tree in trees:
        typer.echo("\n".join(render_why_not(tree, why_not) if why_not is not None
                             else render_tree(tree, every_part=every_part)))


def _pairs(items: list[str], option: str) -> dict[str, str]:
    from .errors import LegalAnalysisError

    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise LegalAnalysisError(f"{option} {item!r} is not of the form key=value")
        out[key.strip()] = value.strip()
    return out


@app.command("what-if")
def what_if(
    file: ScenarioArg,
    set_: Annotated[list[str], typer.Option("--set", help="FACT=VALUE (repeatable).")],
    format: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
) -> None:
    """Change facts and show every conclusion that changes, before → after."""
    from .render.text import outcome_text

    def run() -> Any:
        analysis = _analyse(file, rules, as_of)
        from .engine.values import parse_changes

        changes = parse_changes(analysis.index, _pairs(set_, "--set"))
        return analysis.what_if(changes)

    result = guarded(run)
    if format == "json":
        typer.echo(json.dumps({
            "set": {k: str(v) for k, v in result.changes_made},
            "changes": [{"id": c.id, "subject": dict(c.subject),
                         "before": c.before.to_dict() if c.before else None,
                         "after": c.after.to_dict() if c.after else None}
                        for c in result.changes]}, indent=2, ensure_ascii=False))
        return
    if not result.changes:
        typer.echo("No conclusion changes.")
        return
    for c in result.changes:
        subject = ", ".join(f"{r}={v}" for r, v in c.subject)
        typer.echo(f"{c.id} [{subject}]: {outcome_text(c.before)} → {outcome_text(c.after)}")


@app.command()
def timeline(file: ScenarioArg, rules: RulesOpt = None) -> None:
    """Evaluate at each dated event and show which conclusions change, when, and on which fact."""
    from .render.text import outcome_text

    tl = guarded(lambda: _analyse(file, rules, None).timeline())
    for event in tl.events:
        facts = ", ".join(event.facts) if event.facts else "(evaluation date)"
        typer.echo(f"{event.date.isoformat()}  {facts}")
        for c in event.changes:
            subject = ", ".join(f"{r}={v}" for r, v in c.subject)
            typer.echo(f"    {c.id} [{subject}]: {outcome_text(c.before)} → "
                       f"{outcome_text(c.after)}")


@app.command()
def batch(
    source: Annotated[Path, typer.Argument(
        metavar="INPUT", help="A folder of scenario files, or a .jsonl file (one per line).")],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write JSON Lines here (default: standard output).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes.")] = 1,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    rules: RulesOpt = None,
) -> None:
    """Evaluate many scenarios: one JSON line each, in input order; exit 1 if any failed."""
    from .batch import run_batch

    progress = sys.stderr if sys.stderr.isatty() else None
    stdout = getattr(sys.stdout, "buffer", None)
    sys.stdout.flush()
    _count, failed = guarded(lambda: run_batch(source, output, jobs=jobs, force=force, rules=rules,
                                               stdout=stdout, progress=progress))
    if failed:
        raise typer.Exit(1)


@rules_app.command("check")
def rules_check(rules: RulesOpt = None) -> None:
    """Check the rule base; exit 1 on any error."""
    from .ruleset.checker import check_rulebook
    from .ruleset.loading import load_rulebook

    book = guarded(lambda: load_rulebook(rules))
    report = check_rulebook(book)
    for line in report.lines():
        typer.echo(line)
    if report.errors:
        raise typer.Exit(1)


@rules_app.command("list")
def rules_list(rules: RulesOpt = None) -> None:
    """List the conclusions and rules of the rule base."""
    from .ruleset.loading import load_rulebook

    book = guarded(lambda: load_rulebook(rules))
    for cid in book.order:
        c = book.conclusions[cid]
        typer.echo(f"{cid}: {c.spec.title} ({', '.join(c.spec.subject)})")
        for r in c.rules:
            typer.echo(f"  {r.id} → {r.spec.value if r.spec.value_from is None else r.spec.value_from}"
                       f"  {r.location}")


@rules_app.command("show")
def rules_show(rule_id: Annotated[str, typer.Argument(help="A rule or conclusion id.")],
               rules: RulesOpt = None) -> None:
    """Show a rule: its condition, authorities, and where its conclusion is used."""
    from .render.text import show_rule
    from .ruleset.loading import load_rulebook

    book = guarded(lambda: load_rulebook(rules))
    typer.echo(guarded(lambda: show_rule(book, rule_id)))


@sources_app.command("verify")
def sources_verify(
    texts: Annotated[Path, typer.Option("--texts", help="Folder of source texts.")],
    rules: RulesOpt = None,
) -> None:
    """Check every quotation in the registry verbatim against a folder of source texts."""
    from .ruleset.loading import load_rulebook
    from .sources import verify_quotations

    book = guarded(lambda: load_rulebook(rules))
    if not texts.is_dir():
        _fail(f"{texts}: not a folder (expected the folder holding the source texts)")
    report = verify_quotations(book.registry, texts)
    for line in _verify_lines(report):
        typer.echo(line)
    if not report.ok:
        raise typer.Exit(1)


def _verify_lines(report: Any) -> list[str]:
    lines = [f"{report.verified} quotations verified verbatim"]
    for item in getattr(report, "missing_files", []):
        lines.append(f"missing text: {item}")
    for item in getattr(report, "failures", []):
        lines.append(f"not verbatim: {item}")
    return lines


@examples_app.command("list")
def examples_list() -> None:
    """List the example scenarios."""
    from .examples import example_names, example_title

    for name in example_names():
        typer.echo(f"{name}  {example_title(name)}")


@examples_app.command("show")
def examples_show(name: Annotated[str, typer.Argument(help="An example's name.")]) -> None:
    """Print an example's scenario file."""
    from .examples import example_path

    path = guarded(lambda: example_path(name))
    sys.stdout.write(path.read_text(encoding="utf-8"))


@examples_app.command("copy")
def examples_copy(
    name: Annotated[str, typer.Argument(help="An example's name.")],
    directory: Annotated[Path, typer.Argument(help="An existing folder to copy it into.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Copy an example's scenario file into a folder, to edit and analyse."""
    from .examples import copy_example

    target = guarded(lambda: copy_example(name, directory, force))
    typer.echo(f"copied to {target}")


def main() -> None:
    """Entry point of the console script."""
    app()


if __name__ == "__main__":  # pragma: no cover - python -m legal_analysis.cli
    main()
