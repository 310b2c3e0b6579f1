"""The ``legal-analysis`` command line: reads files, calls the library, writes output.

Every error a user can cause ends in one line on standard error and exit code 2. Modules are
imported inside the commands that need them, so a command loads only what it uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .cli_files import (
    QuietOpt,
    RulesOpt,
    ScenarioArg,
    guarded,
    migrate,
    schema,
    validate,
    warn_about,
)
from .console import (
    BinaryStdout,
    check_format,
    echo,
    echo_json,
    fail,
    note,
    signals_end_cleanly,
    write,
)
from .interview.command import new

if TYPE_CHECKING:
    from .engine.analysis import Analysis

app = typer.Typer(
    name="legal-analysis",
    help="Reasoned, cited analysis of international-law questions: party status, prisoner-of-war "
         "status, non-refoulement, repatriation options and accountability.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="Inspect and check the rule base.", no_args_is_help=True)
sources_app = typer.Typer(help="Inspect and verify the sources registry.", no_args_is_help=True)
examples_app = typer.Typer(help="The worked examples shipped with the package.",
                           no_args_is_help=True)
app.add_typer(rules_app, name="rules")
app.add_typer(examples_app, name="examples")
app.add_typer(sources_app, name="sources")

app.command()(validate)
app.command()(schema)
app.command()(migrate)
app.command()(new)

AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Evaluate as of this date (YYYY-MM-DD).")]


def _date(text: str | None) -> dt.date | None:
    from .dates import date_option

    return date_option("--as-of", text)


def _analyse(file: Path, rules: Path | None, as_of: str | None,
             changes: dict[str, Any] | None = None, *, warn: bool = False) -> Analysis:
    from .engine.analysis import analyse
    from .engine.cache import load_program
    from .scenario import read_scenario

    when = _date(as_of)
    rulebook = load_program(rules).rulebook
    scenario, doc = read_scenario(file, rulebook.registry)
    if warn:
        warn_about(scenario, rulebook, doc)
    return analyse(scenario, rulebook, when, changes)


@app.command()
def evaluate(
    file: ScenarioArg,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
    only: Annotated[str | None, typer.Option(
        "--only", help="Show only these conclusions (ids, comma-separated).")] = None,
    subject: Annotated[list[str] | None, typer.Option(
        "--subject", help="role=id: show only this subject's rows, e.g. --subject person=soldier-1 "
                          "(repeatable).")] = None,
    branches: Annotated[bool, typer.Option(
        "--branches", help="Under each open answer, the outcome under each version of the facts.")
    ] = False,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Evaluate every conclusion for every subject of a scenario (warnings go to stderr)."""
    from .render.summary import select

    check_format("evaluate", format, ("table", "json"))

    def run() -> tuple[Analysis, list[Any]]:
        from .engine.values import pairs

        analysis = _analyse(file, rules, as_of, warn=not quiet)
        wanted = tuple(c.strip() for c in (only or "").split(",") if c.strip())
        return analysis, select(analysis, wanted, pairs(subject or [], "--subject"))

    analysis, results = guarded(run)
    if format == "json":
        echo_json({**analysis.to_dict(), "conclusions": [r.to_dict() for r in results]})
        return
    from .render.summary import summary
    from .styled import show_summary

    show_summary(guarded(lambda: summary(analysis, results, branches)))


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

    check_format("memo", format, FORMATS + BROWSER_FORMATS)
    if output is None and format in ("docx", "pdf"):
        fail(f"a {format.upper()} memo needs an output file (-o memo.{format})")

    def run(step: Callable[[], None]) -> None:
        from .output import check_target, write_atomic

        if output is not None:
            check_target(output, force)
        analysis = _analyse(file, rules, as_of)
        step()
        wanted = tuple(c.strip() for c in (only or "").split(",") if c.strip())
        options = MemoOptions(author=author, brief=brief, only=wanted, derivations=derivations)
        if set_:
            from .engine.values import pairs, parse_changes

            changes = parse_changes(analysis.index, pairs(set_, "--set"))
            what = analysis.what_if(changes)
            public = analysis.rulebook.conclusions
            changed = sum(1 for c in what.changes if public[c.id].spec.public)
            options = MemoOptions(author=author, brief=brief, only=wanted,
                                  derivations=derivations, assumptions=what.changes_made,
                                  changed=changed)
            analysis = what.after
        built = build_memo(analysis, options)
        step()
        data = render_memo(analysis, built, format, template)
        step()
        if output is None:
            write(data.decode("utf-8"))
            return
        write_atomic(output, data, force)
        echo(f"memo written to {output}")

    from .styled import stage_bar

    long = format in ("docx", "pdf")  # a memo that takes long enough to want a progress bar
    steps = ("analysing the scenario", "composing the memo", f"writing the {format.upper()} file")
    with signals_end_cleanly(), stage_bar(steps if long else ()) as step:
        guarded(lambda: run(step))


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
        "--every-part", help="Show every test of each rule: the facts it read, their certainty "
                             "and sources, and the conclusions it relies on.")] = False,
    ids: Annotated[bool, typer.Option(
        "--ids", help="Name each rule by its id and where it is written.")] = False,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
) -> None:
    """Say why a conclusion holds or what it turns on, then each rule tried and its outcome."""
    check_format("explain", format, ("text", "json"))

    def run() -> tuple[Analysis, list[Any], list[dict[str, Any]]]:
        from .engine.values import pairs

        analysis = _analyse(file, rules, as_of)
        wanted = pairs(subject or [], "--subject")
        results = [r for r in analysis.conclusions(conclusion)
                   if all(r.subject_dict.get(k) == v for k, v in wanted.items())]
        if not results:
            from .errors import LegalAnalysisError

            known = "; ".join(r.node_id for r in analysis.conclusions(conclusion))
            raise LegalAnalysisError(f"no subject of {conclusion!r} matches {wanted}",
                                     expected=f"one of {known}" if known else
                                     "a subject, and the conclusion has none in this scenario")
        if why_not is not None:
            from .engine.values import why_not_value

            value = why_not_value(analysis, conclusion, why_not)
            shown.append(value)
            return analysis, results, [
                {"id": r.node_id, "why_not": analysis.why_not(r.id, value, **r.subject_dict)}
                for r in results]
        return analysis, results, [analysis.explain(r.id, **r.subject_dict) for r in results]

    shown: list[Any] = []  # the --why-not value as the conclusion holds it ('yes' → True)
    analysis, results, trees = guarded(run)
    if format == "json":
        echo_json(trees)
        return
    from .render.explanation import explanation, why_not_lines
    from .styled import on_terminal, show_lines, width

    columns = width(on_terminal())
    lines: list[tuple[str, str]] = []
    for result, tree in zip(results, trees, strict=True):
        if lines:
            lines.append(("", "text"))
        lines += (why_not_lines(analysis, result, shown[0], tree, ids=ids, width=columns)
                  if shown else explanation(analysis, result, tree, every_part=every_part,
                                            ids=ids, width=columns))
    show_lines(lines)


@app.command("what-if")
def what_if(
    file: ScenarioArg,
    set_: Annotated[list[str], typer.Option("--set", help="FACT=VALUE (repeatable).")],
    format: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
) -> None:
    """Change facts and show every conclusion that changes, before → after."""
    from .engine.analysis import jsonable

    check_format("what-if", format, ("text", "json"))
    from .render.text import outcome_text

    def run() -> Any:
        analysis = _analyse(file, rules, as_of)
        from .engine.values import pairs, parse_changes

        changes = parse_changes(analysis.index, pairs(set_, "--set"))
        return analysis.what_if(changes)

    result = guarded(run)
    if format == "json":
        echo_json({
            "set": {k: jsonable(v) for k, v in result.changes_made},
            "changes": [{"id": c.id, "subject": dict(c.subject),
                         "before": c.before.to_dict() if c.before else None,
                         "after": c.after.to_dict() if c.after else None}
                        for c in result.changes]})
        return
    if not result.changes:
        echo("No conclusion changes.")
        return
    for c in result.changes:
        subject = ", ".join(f"{r}={v}" for r, v in c.subject)
        echo(f"{c.id} [{subject}]: {outcome_text(c.before)} → {outcome_text(c.after)}")


@app.command()
def timeline(file: ScenarioArg, rules: RulesOpt = None) -> None:
    """Evaluate at each dated event and show which conclusions change, when, and on which fact."""
    from .render.text import outcome_text

    tl = guarded(lambda: _analyse(file, rules, None).timeline())
    for event in tl.events:
        facts = ", ".join(event.facts) if event.facts else "(evaluation date)"
        echo(f"{event.date.isoformat()}  {facts}")
        for c in event.changes:
            subject = ", ".join(f"{r}={v}" for r, v in c.subject)
            echo(f"    {c.id} [{subject}]: {outcome_text(c.before)} → {outcome_text(c.after)}")


@app.command()
def batch(
    source: Annotated[Path, typer.Argument(
        metavar="INPUT", help="A folder of scenario files, or a .jsonl file (one per line).")],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write JSON Lines here (default: standard output).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes.")] = 1,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    status_only: Annotated[bool, typer.Option(
        "--status-only", help="Give each conclusion's status and value only (no branches).")
    ] = False,
    rules: RulesOpt = None,
) -> None:
    """Evaluate many scenarios: one JSON line each, in input order; exit 1 if any failed."""
    from .batch import available_cpus, run_batch

    if jobs > (cpus := available_cpus()):
        note(f"--jobs {jobs} is more than the {cpus} processor(s) available: {cpus} used")
    from .styled import batch_bar

    stdout = BinaryStdout()
    stdout.flush()
    with signals_end_cleanly(), batch_bar() as meter:
        _count, failed = guarded(lambda: run_batch(source, output, jobs=jobs, force=force,
                                                   rules=rules, stdout=stdout, meter=meter,
                                                   status_only=status_only))
    if failed:
        raise typer.Exit(1)


@rules_app.command("check")
def rules_check(rules: RulesOpt = None) -> None:
    """Check the rule base; exit 1 on any error."""
    from .engine.cache import load_program
    from .engine.checker import check_rulebook

    book = guarded(lambda: load_program(rules).rulebook)
    report = check_rulebook(book)
    for line in report.lines():
        echo(line)
    if report.errors:
        raise typer.Exit(1)


@rules_app.command("list")
def rules_list(rules: RulesOpt = None) -> None:
    """List the conclusions and rules of the rule base."""
    from .engine.cache import load_program

    book = guarded(lambda: load_program(rules).rulebook)
    for cid in book.order:
        c = book.conclusions[cid]
        echo(f"{cid}: {c.spec.title} ({', '.join(c.spec.subject)})")
        for r in c.rules:
            echo(f"  {r.id} → {r.spec.value if r.spec.value_from is None else r.spec.value_from}"
                       f"  {r.location}")


@rules_app.command("show")
def rules_show(rule_id: Annotated[str, typer.Argument(help="A rule or conclusion id.")],
               rules: RulesOpt = None) -> None:
    """Show a rule: its condition, authorities, and where its conclusion is used."""
    from .engine.cache import load_program
    from .render.text import show_rule

    book = guarded(lambda: load_program(rules).rulebook)
    echo(guarded(lambda: show_rule(book, rule_id)))


@sources_app.command("verify")
def sources_verify(
    texts: Annotated[Path, typer.Option("--texts", help="Folder of source texts.")],
    rules: RulesOpt = None,
) -> None:
    """Check every quotation in the registry verbatim against a folder of source texts."""
    from .engine.cache import load_program
    from .sources import verify_quotations

    book = guarded(lambda: load_program(rules).rulebook)
    if not texts.is_dir():
        fail(f"{texts}: not a folder (expected the folder holding the source texts)")
    report = verify_quotations(book.registry, texts)
    for line in _verify_lines(report):
        echo(line)
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
        echo(f"{name}  {example_title(name)}")


@examples_app.command("show")
def examples_show(name: Annotated[str, typer.Argument(help="An example's name.")]) -> None:
    """Print an example's scenario file."""
    from .examples import example_path

    path = guarded(lambda: example_path(name))
    write(guarded(lambda: path.read_text(encoding="utf-8")))


@examples_app.command("copy")
def examples_copy(
    name: Annotated[str, typer.Argument(help="An example's name, or blank: an empty template.")],
    directory: Annotated[Path, typer.Argument(
        help="An existing folder to copy it into (blank: or the file to write).")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Copy an example's scenario file into a folder, to edit and analyse."""
    from .examples import copy_example
    from .interview.blank import BLANK, copy_blank

    with signals_end_cleanly():
        target = guarded(lambda: copy_blank(directory, force) if name == BLANK
                         else copy_example(name, directory, force))
    echo(f"copied to {target}")


def main() -> None:
    """Entry point of the console script."""
    app()


if __name__ == "__main__":  # pragma: no cover - python -m legal_analysis.cli
    main()
