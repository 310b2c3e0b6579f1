"""The casebook's generated blocks: a case's facts, answers, comparison, exercises and memo, a
verified quotation, a command's output."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from casebook_model import EXAMPLES, Case, Casebook, yaml_value
from docgen import GenerationError, md_cell, relative
from legal_analysis import Analysis, Result, Rulebook
from legal_analysis.core import is_unknown
from legal_analysis.engine.world import FactEntry, describe_key
from legal_analysis.render.names import and_join, upper_first
from legal_analysis.render.propositions import proposition
from legal_analysis.render.wording import actor_name, fact_name, fact_value_text, label
from legal_analysis.sources import cite, format_date


def _render_model() -> Any:
    from legal_analysis.render import model

    return model


def outcome_words(analysis: Analysis, result: Result | None) -> str:
    """An outcome in a few words: the value's label, or 'undetermined (x or y)'."""
    if result is None:
        return "not asked"
    if result.status == "established":
        return str(label(analysis, result.id, result.value))
    if result.status == "conflict":
        return "conflict between rules of equal rank"
    options = list(dict.fromkeys(
        str(label(analysis, result.id, b.value)) if b.status == "established"
        else "no rule decides"
        for b in result.branches))
    return "undetermined" + (f" ({' or '.join(options)})" if options else "")


def _subject_words(analysis: Analysis, result: Result) -> str:
    names = []
    for _role, ident in result.subject:
        if ident in analysis.scenario.states:
            names.append(analysis.scenario.states[ident].name)
        elif ident in analysis.scenario.persons:
            names.append(analysis.scenario.persons[ident].name)
        else:
            names.append(ident)
    return ", ".join(names)


def _authorities(book: Rulebook, rule_id: str) -> str:
    rule = book.rules[rule_id]
    return "; ".join(dict.fromkeys(cite(book.registry.get(a.source), a.pinpoint, first=False)
                                   for a in rule.spec.authorities))


@contextmanager
def top_level_derivations() -> Iterator[None]:
    """Derivation trees cut below their first level, while the block runs.

    ``Analysis.explain`` derives every sub-conclusion a rule tests, again for each rule that tests
    it: a deep rule base makes that slow. The outcome of each rule of the conclusion itself (the
    only part read here) does not depend on the sub-trees, and every sub-conclusion is a result of
    its own, so the trees are cut at their first level (``trace.MAX_DEPTH``).
    """
    from legal_analysis.engine import trace

    saved = trace.MAX_DEPTH
    trace.MAX_DEPTH = 0
    try:
        yield
    finally:
        trace.MAX_DEPTH = saved


OUTCOME_WORDS = {"applies": "applies", "fails": "does not apply", "unknown": "may apply",
                 "defeated": "is displaced by an exception",
                 "overridden": "is overridden by a rule of higher rank"}


def answer_block(book: Casebook, case: Case) -> str:
    """The questions of a case, with the memo's answers and the rules that decide them."""
    m = _render_model()
    analysis = book.analysis(case)
    out: list[str] = []
    for ask in case.asks:
        result = analysis.get(ask.conclusion, **ask.subject)
        with top_level_derivations():
            tree = analysis.explain(ask.conclusion, **ask.subject)
        out += [f"**Question** (`{ask.conclusion}`). {result.question}", "",
                f"> **The memo's answer.** {m.short_answer(analysis, result)}", ""]
        if case.is_variation:
            before = book.home(case).get(ask.conclusion, **ask.subject)
            home = outcome_words(book.home(case), before)
            here = outcome_words(analysis, result)
            if (before.status, repr(before.value)) != (result.status, repr(result.value)):
                out += [f"In the home scenario the answer is *{home}*; here it is **{here}**.", ""]
            else:
                out += [f"The answer is the same as in the home scenario (*{home}*).", ""]
        lines = []
        for node in tree["rules"]:
            if node["outcome"] == "fails":
                continue
            rid = node["rule"]
            lines.append(f"- Rule `{rid}` {OUTCOME_WORDS[node['outcome']]}: {node['explanation']}"
                         f" *Authorities:* {_authorities(book.rulebook, rid)}.")
        if result.rules == ("default",):
            default = book.rulebook.conclusions[ask.conclusion].spec.default
            if default is not None:
                lines.append("- No rule applies, so the default holds: "
                             + " ".join(default.explain.split()) + " *Authorities:* "
                             + "; ".join(cite(book.rulebook.registry.get(a.source), a.pinpoint,
                                              first=False) for a in default.authorities) + ".")
        if lines:
            out += ["The rules tried (those that do not apply are left out):", "", *lines, ""]
    return "\n".join(out)


def facts_block(book: Casebook, case: Case) -> str:
    """The facts a variation changes, with their value in the home scenario; a standalone case's
    facts in words."""
    base = relative(EXAMPLES / f"{case.base}.yaml")
    if case.standalone:
        return standalone_facts(book, case)
    if not case.is_variation:
        return (f"Scenario file: [`{relative(case.path)}`](../examples/{case.path.name}) "
                f"(`legal-analysis examples show {case.example}`).")
    home = book.home(case)
    out = [f"Scenario file: [`{relative(case.path)}`](../examples/casebook/{case.path.name}) "
           f"(`legal-analysis examples show {case.name}`): the home scenario "
           f"[`{base}`](../examples/{case.base}.yaml) with these facts changed:", "",
           "| fact | home scenario | this case | why |", "|---|---|---|---|"]
    for change in case.changes:
        entry = home.index.entries.get(change.key)
        before = yaml_value(entry.value) if entry is not None else "(from the rule base's data)"
        label = describe_key(entry.key) if entry is not None else change.key
        out.append(f"| `{change.key}` ({md_cell(label)}) | {md_cell(before)} | "
                   f"**{md_cell(yaml_value(change.value))}** | {md_cell(change.why)} |")
    return "\n".join(out)


def standalone_facts(book: Casebook, case: Case) -> str:
    """A standalone case's scenario in words: who fights whom, whose troops are placed with whom,
    who is held by whom, then every fact it states, in the library's sentences."""
    analysis = book.analysis(case)
    s = analysis.scenario
    name = analysis.names
    target = "../examples/" + relative(case.path).removeprefix("docs/examples/")
    out = [f"Scenario file: [`{relative(case.path)}`]({target}) "
           f"(`legal-analysis examples show {case.example}`), a hypothetical scenario in "
           f"[scenario format 2](../scenario-format-2.md), as of {format_date(s.as_of)}:", ""]
    for conflict in s.conflicts.values():
        sides = " and ".join(s.states[b].name for b in conflict.belligerents)
        out.append(f"- {conflict.name}: {sides} fight each other.")
    for dep in s.deployments.values():
        if dep.receiving_state is None:
            forces = dep.name or f"The forces of {s.states[dep.sending_state].name}"
            out.append(f"- {forces} fight {s.states[dep.against].name} in "
                       f"{name[dep.conflict]}.")
            continue
        out.append(f"- {s.states[dep.sending_state].name} has placed troops with "
                   f"{s.states[dep.receiving_state].name}, who fight {s.states[dep.against].name} "
                   f"in {name[dep.conflict]}.")
    for person in s.persons.values():
        held = f", held by {s.states[person.captured_by].name}" if person.captured_by else ""
        of = (f", a member of {s.states[s.deployments[person.deployment].sending_state].name}'s "
              "troops" if person.deployment else "")
        out.append(f"- {person.name}{of}{held}.")
    rows = [(fact_sentence(analysis, e), e.certainty if not e.disputed else "disputed")
            for e in analysis.index.entries.values()
            if _stated(e) and (e.accounts or not is_unknown(e.value))]
    out += ["", "The facts it states (every other fact is unknown; the library derives more from them):", "",
            "| fact | how sure |", "|---|---|",
            *[f"| {md_cell(text)} | {md_cell(sure)} |" for text, sure in rows]]
    return "\n".join(out)


def _stated(entry: FactEntry) -> bool:
    """Whether the scenario states a fact (a treaty binding a state is read from the treaty's
    participation); the others are derived by the library."""
    return not entry.derived or entry.key.path[:1] == ("bound",)


def fact_sentence(analysis: Analysis, entry: FactEntry) -> str:
    """A fact as the memo states it: its sentence for the value, each account of a disputed fact
    with who gives it, or its name and value where it has no sentence."""
    key = str(entry.key)
    if entry.accounts and entry.disputed:
        return upper_first(f"{fact_name(key, analysis)}: " + "; ".join(
            f"{fact_value_text(analysis, v, key)} according to "
            f"{and_join([actor_name(analysis, a) for a in by])}" for v, by in entry.accounts))
    said = proposition(analysis, key, entry.value)
    if said is not None:
        return upper_first(said)
    return upper_first(f"{fact_name(key, analysis)}: {fact_value_text(analysis, entry.value, key)}")


def flips_block(book: Casebook, case: Case) -> str:
    """Every public conclusion whose outcome differs from the home scenario (for a variation), or
    from the case a standalone case is compared with."""
    home, here = book.base(case), book.analysis(case)
    if home is None:
        return ""
    base = "the home scenario" if case.is_variation else f"`{case.compare_with}`"
    rows = book.flips(case)
    if not rows:
        return f"No public conclusion differs from {base}."
    column = "home scenario" if case.is_variation else base
    out = [f"| conclusion | subject | {column} | this case |", "|---|---|---|---|"]
    for before, after in rows:
        r = after or before
        assert r is not None
        out.append(f"| `{r.id}` | {md_cell(_subject_words(here, r))} | "
                   f"{md_cell(outcome_words(home, before))} | "
                   f"**{md_cell(outcome_words(here, after))}** |")
    return "\n".join(out)


def exercises_block(book: Casebook, case: Case) -> str:
    """The exercises, each with its answer computed by what-if."""
    if not case.exercises:
        return ""
    analysis = book.analysis(case)
    out: list[str] = []
    for i, ex in enumerate(case.exercises):
        result = book.what_if(case, i)
        command = f"legal-analysis what-if {relative(case.path)} " + " ".join(
            f"--set {k}={yaml_value(v)}" for k, v in ex.changes.items())
        out += [f"**Exercise {i + 1}.** {ex.question}", "", '<details markdown="1">',
                "<summary>Answer</summary>", ""]
        changes = [c for c in result.changes if c.id in book.public]
        if not changes:
            out.append(f"`{command}`: no conclusion's answer changes.")
        else:
            out += [f"`{command}` changes:", "",
                    "| conclusion | subject | before | after |", "|---|---|---|---|"]
            for c in changes:
                r = c.after or c.before
                assert r is not None
                out.append(f"| `{c.id}` | {md_cell(_subject_words(analysis, r))} | "
                           f"{md_cell(outcome_words(analysis, c.before))} | "
                           f"**{md_cell(outcome_words(result.after, c.after))}** |")
        m = _render_model()
        for ask in ex.show or case.asks:
            before = analysis.get(ask.conclusion, **ask.subject)
            after = result.after.get(ask.conclusion, **ask.subject)
            if _outcome(before) == _outcome(after) and reasons_differ(before, after):
                out += ["", f"`{ask.conclusion}` ({md_cell(_subject_words(analysis, after))}) "
                            f"keeps its answer, for other reasons. The memo's answer now reads:",
                        "", f"> {m.short_answer(result.after, after)}"]
        if ex.hint:
            out += ["", " ".join(ex.hint.split())]
        out += ["", "</details>", ""]
    return "\n".join(out)


def _outcome(result: Result) -> tuple[str, str]:
    return (result.status, repr(result.value))


def reasons_differ(before: Result, after: Result) -> bool:
    """Whether two results with the same outcome rest on different rules or details."""
    return (before.rules, before.details, tuple((b.value, b.rules) for b in before.branches)) != \
        (after.rules, after.details, tuple((b.value, b.rules) for b in after.branches))


def exercise_teaches(book: Casebook, case: Case, number: int) -> bool:
    """Whether an exercise's answer shows something: a changed outcome or changed reasons, or a
    hint saying why nothing changes."""
    if case.exercises[number].hint:
        return True
    result = book.what_if(case, number)
    if any(c.id in book.public for c in result.changes):
        return True
    analysis = book.analysis(case)
    return any(reasons_differ(analysis.get(a.conclusion, **a.subject),
                              result.after.get(a.conclusion, **a.subject))
               for a in case.exercises[number].show or case.asks)


def memo_block(case: Case) -> str:
    """The case's HTML memo, embedded."""
    return "\n".join([
        f"The full memo for this case, as `legal-analysis memo {relative(case.path)} -f html` "
        f"writes it ([open it on its own](memos/{case.name}.html)):", "",
        f'<iframe class="memo" src="memos/{case.name}.html" title="Memo: {case.title}" '
        'loading="lazy" style="width: 100%; height: 40em; border: 1px solid #ccc;"></iframe>'])


def quote_block(book: Rulebook, quote_id: str) -> str:
    """A verified quotation, with its source's short citation and pinpoint."""
    if quote_id not in book.registry.quotations:
        raise GenerationError(f"unknown quotation {quote_id!r} (not in rules/sources.yaml)")
    q = book.registry.quotations[quote_id]
    return f"> “{q.text}” — {cite(book.registry.get(q.source), q.pinpoint, first=False)}"


MAX_OUTPUT_LINES = 40
"""Most lines of a command's output shown in an ``output`` block."""


def output_block(args: str, book: Casebook) -> str:
    """A command's output, run in-process (``legal-analysis ARGS``), as a ``text`` block."""
    import shlex

    from typer.testing import CliRunner

    from legal_analysis.cli import app

    argv = shlex.split(args)
    if "--rules" not in argv and argv and argv[0] in RULES_COMMANDS:
        argv += ["--rules", str(book.rulebook.directory)]
    result = CliRunner().invoke(app, argv)
    if result.exit_code != 0:
        raise GenerationError(f"`legal-analysis {args}` exited {result.exit_code}: {result.output}")
    lines = [line.rstrip() for line in result.output.rstrip("\n").splitlines()]
    if len(lines) > MAX_OUTPUT_LINES:
        lines = [*lines[:MAX_OUTPUT_LINES], f"… ({len(lines) - MAX_OUTPUT_LINES} more lines)"]
    return "\n".join(["```text", f"$ legal-analysis {args}", *lines, "```"])


RULES_COMMANDS = frozenset({"evaluate", "memo", "explain", "what-if", "timeline"})
"""Commands that take ``--rules`` (the generator passes its rule base to them)."""


def case_blocks(book: Casebook, case: Case) -> dict[str, str]:
    """Every block a page may hold for one case."""
    return {f"facts {case.name}": facts_block(book, case),
            f"answer {case.name}": answer_block(book, case),
            f"flips {case.name}": flips_block(book, case),
            f"exercises {case.name}": exercises_block(book, case),
            f"memo {case.name}": memo_block(case)}
