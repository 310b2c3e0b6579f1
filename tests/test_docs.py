"""The documentation runs: its code blocks, its commands, and its generated parts are current.

* Every ```python block of ``README.md`` and ``docs/**/*.md`` is executed, in order, in one
  namespace per file, with the repository's root as working directory.
* Every line of a ```sh, ```console, ```bash or ```shell block that starts with
  ``legal-analysis `` (or ``$ legal-analysis ``) is run as ``python -m legal_analysis`` with the
  same arguments (through bash, so redirections work), in a scratch folder in which ``docs`` and
  ``rules`` lead to the repository's; it must exit 0, or N where the line before the block is
  ``<!-- expect-exit: N -->``. Other lines (``make``, ``pip``) are not run.
* A block is skipped where the line before it is ``<!-- not-run: reason -->``.
* The generated reference (``docs/scenario-format.md``, the kinds of ``docs/scenario-format-2.md``,
  the conclusions in ``docs/conclusions.md``) and the casebook (scenario files, answers,
  exercises) equal what their generators write now.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "docs" / "tools"
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))

import docgen  # noqa: E402
import gen_casebook  # noqa: E402
import gen_format2  # noqa: E402
import gen_reference  # noqa: E402

FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
MARK = re.compile(r"^<!--\s*(?P<kind>not-run|expect-exit|file)\s*:\s*(?P<arg>.*?)\s*-->$")
SHELLS = {"sh", "console", "bash", "shell"}


@dataclass(frozen=True)
class Block:
    """A fenced code block of a Markdown file."""

    path: Path
    line: int
    lang: str
    code: str
    skip: str | None
    expect_exit: int
    file: str | None = None

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def doc_files() -> list[Path]:
    """README.md and every Markdown file under docs/."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def blocks(path: Path) -> Iterator[Block]:
    """The fenced code blocks of a Markdown file, with the marker on the line before each."""
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, lang = m.group("fence"), m.group("info").strip().split(" ")[0].lower()
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(fence):
            body.append(lines[i][len(m.group("indent")):])
            i += 1
        i += 1
        skip, expect, file = None, 0, None
        j = start - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        mark = MARK.match(lines[j].strip()) if j >= 0 else None
        if mark and mark.group("kind") == "not-run":
            skip = mark.group("arg") or "marked not-run"
        elif mark and mark.group("kind") == "file":
            file = mark.group("arg")
        elif mark:
            expect = int(mark.group("arg"))
        yield Block(path, start + 1, lang, "\n".join(body) + "\n", skip, expect, file)


def commands(block: Block) -> list[str]:
    """The ``legal-analysis`` lines of a shell block (continuation lines joined)."""
    out: list[str] = []
    pending = ""
    for raw in block.code.splitlines():
        line = pending + raw.strip()
        pending = ""
        if line.endswith("\\"):
            pending = line[:-1] + " "
            continue
        if line.startswith("$ "):
            line = line[2:]
        if line.startswith("legal-analysis "):
            out.append(line)
    return out


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


FILES = doc_files()
PY_FILES = [p for p in FILES if any(b.lang == "python" for b in blocks(p))]
SH_FILES = [p for p in FILES if any(b.lang in SHELLS and commands(b) for b in blocks(p))]


# -- python blocks ----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", PY_FILES, ids=_ids(PY_FILES))
def test_python_blocks_run(path: Path, monkeypatch: pytest.MonkeyPatch,
                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for block in blocks(path):
        if block.lang != "python" or block.skip:
            continue
        try:
            exec(compile(block.code, block.where, "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{block.where}: the python block fails: {type(exc).__name__}: {exc}")
    capsys.readouterr()


# -- shell blocks -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Run:
    """One command run from the docs, and what became of it."""

    where: str
    command: str
    expected: int
    code: int
    output: str


def _scratch() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="legal-analysis-docs-"))
    for name in ("docs", "rules", "README.md"):
        (folder / name).symlink_to(ROOT / name)
    return folder


def _run_file(path: Path) -> list[Run]:
    folder = _scratch()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep
           + os.environ.get("PYTHONPATH", ""), "LA_PYTHON": sys.executable}
    prelude = 'legal-analysis() { "$LA_PYTHON" -m legal_analysis "$@"; }\nset -o pipefail\n'
    runs: list[Run] = []
    try:
        for block in blocks(path):
            if block.lang not in SHELLS or block.skip:
                continue
            for command in commands(block):
                proc = subprocess.run(["bash", "-c", prelude + command], cwd=folder, env=env,
                                      capture_output=True, text=True, timeout=120, check=False)
                runs.append(Run(block.where, command, block.expect_exit, proc.returncode,
                                (proc.stdout[-1500:] + proc.stderr[-1500:]).strip()))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return runs


@cache
def _all_runs() -> dict[Path, list[Run]]:
    """Every file's commands, files run side by side (each file's commands in order)."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip(SH_FILES, pool.map(_run_file, SH_FILES), strict=True))


@pytest.mark.parametrize("path", SH_FILES, ids=_ids(SH_FILES))
def test_commands_run(path: Path) -> None:
    failures = [f"{r.where}: `{r.command}` exited {r.code}, expected {r.expected}\n{r.output}"
                for r in _all_runs()[path] if r.code != r.expected]
    assert not failures, "\n\n".join(failures)


def test_the_block_parser_reads_markers(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("<!-- not-run: needs the shared texts -->\n```sh\nlegal-analysis sources "
                    "verify --texts x\n```\n\n<!-- expect-exit: 2 -->\n```console\n$ legal-analysis "
                    "validate broken.yaml\nlegal-analysis: broken.yaml: error\nmake demo\n```\n",
                    encoding="utf-8")
    found = list(blocks(page))
    assert [b.skip for b in found] == ["needs the shared texts", None]
    assert found[1].expect_exit == 2
    assert commands(found[1]) == ["legal-analysis validate broken.yaml"]


def test_file_blocks_show_their_file() -> None:
    """A block marked ``<!-- file: PATH -->`` shows that file exactly, so what you copy loads."""
    for path in FILES:
        for block in blocks(path):
            if block.file is not None:
                shown = (ROOT / block.file).read_text(encoding="utf-8")
                assert block.code == shown, (f"{block.where}: the block differs from {block.file}; "
                                             "copy the file into the block again")


# -- generated parts --------------------------------------------------------------------------------

def _stale_message(diffs: dict[Path, str], command: str) -> str:
    names = ", ".join(docgen.relative(p) for p in diffs)
    return (f"generated documentation is out of date ({names}): the library's answers or the "
            f"models changed. Regenerate with:\n    {command}\nand review the diff.\n\n"
            + "\n\n".join(diffs.values()))


def test_reference_is_current() -> None:
    diffs = docgen.stale(gen_reference.expected(gen_casebook.default_casebook().rulebook))
    assert not diffs, _stale_message(diffs, gen_reference.COMMAND)


def test_format_2_reference_is_current() -> None:
    diffs = docgen.stale(gen_format2.expected())
    assert not diffs, _stale_message(diffs, gen_format2.COMMAND)


def test_casebook_is_current() -> None:
    diffs = docgen.stale(gen_casebook.expected(gen_casebook.default_casebook()))
    assert not diffs, _stale_message(diffs, gen_casebook.COMMAND)


def test_no_orphan_case_files() -> None:
    book = gen_casebook.default_casebook()
    known = {c.path for c in book.cases if c.is_variation}
    orphans = sorted(p.name for p in gen_casebook.SCENARIOS.glob("*.yaml") if p not in known)
    assert not orphans, (f"docs/examples/casebook holds files of no case: {orphans}; delete them "
                         "or add their cases to docs/tools/casebook_home.py or "
                         "casebook_transfers.py")


def test_every_variation_flips_a_question_it_asks() -> None:
    book = gen_casebook.default_casebook()
    for case in book.cases:
        if not case.is_variation:
            continue
        flipped = [a.conclusion for a in case.asks
                   if _outcome(book.home(case).get(a.conclusion, **a.subject))
                   != _outcome(book.analysis(case).get(a.conclusion, **a.subject))]
        assert flipped, f"{case.name}: no question it asks has another answer than at home"


def _outcome(result: Any) -> tuple[str, str]:
    return (result.status, repr(result.value))


def test_every_exercise_changes_something() -> None:
    book = gen_casebook.default_casebook()
    for case in book.cases:
        for i, exercise in enumerate(case.exercises):
            assert gen_casebook.exercise_teaches(book, case, i), (
                f"{case.name}: exercise {exercise.question!r} changes no conclusion's answer, "
                "nor the reasons of those it shows")


def test_casebook_quotes_only_registered_quotations() -> None:
    """Hand-written text quotes nothing: verbatim passages come from the registry, generated."""
    book = gen_casebook.default_casebook()
    texts = [q.text for q in book.rulebook.registry.quotations.values()]
    for page in (ROOT / "docs" / "casebook").glob("*.md"):
        own = docgen.strip_blocks(page.read_text(encoding="utf-8"))
        own = re.sub(r"`[^`]*`|<[^>]*>", "", own)  # code spans and HTML tags quote nothing
        for pair in re.findall(r"“([^”]+)”|\"([^\"]+)\"", own):
            quoted = "".join(pair)
            assert any(quoted in t for t in texts), (
                f"{page.name}: “{quoted}” is not a registered verified quotation; use a "
                "<!-- generated: quote ID --> block")


def test_field_notes_are_still_needed() -> None:
    """A description kept in the generator must not duplicate one the model now has."""
    from legal_analysis import facts

    models: dict[str, type[BaseModel]] = {
        m.__name__: m for m in (*[e[0] for e in gen_reference.ENTITIES],
                                *[p[0] for p in gen_reference.PROVENANCE],
                                *[r[0] for r in gen_reference.RULE_MODELS])}
    notes = {**gen_reference.FIELD_NOTES, **gen_reference.RULE_NOTES}
    for (model, name) in notes:
        assert model in models and name in models[model].model_fields, (model, name)
        own = models[model].model_fields[name].description
        assert own in (None, gen_reference.REF_DESCRIPTION), (
            f"{model}.{name} now has a description in the code: delete its entry in "
            "docs/tools/gen_reference.py (FIELD_NOTES or RULE_NOTES)")
    assert facts.Scenario in models.values()


def test_every_model_field_is_described() -> None:
    models: list[type[BaseModel]] = [e[0] for e in gen_reference.ENTITIES]
    models += [p[0] for p in gen_reference.PROVENANCE] + [r[0] for r in gen_reference.RULE_MODELS]
    for model in models:
        for name, info in model.model_fields.items():
            assert gen_reference.field_description(model, name, info), (
                f"{model.__name__}.{name} has no description: add one in the model")


@pytest.mark.parametrize("module", [docgen, gen_reference, gen_casebook, gen_format2],
                         ids=["docgen", "gen_reference", "gen_casebook", "gen_format2"])
def test_generator_doctests(module: Any) -> None:
    import doctest

    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0
