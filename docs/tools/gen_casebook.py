"""Generate the casebook: the cases' scenario files, their answers, exercises and HTML memos.

A case is the home scenario (``docs/examples/dprk-*.yaml``) at one date, or a *variation* of it:
the home scenario with a few facts changed, written to ``docs/examples/casebook/<case>.yaml`` (so
the wheel ships it and ``legal-analysis examples list|show|copy`` finds it), or a *structure*
case: a hypothetical scenario of its own in scenario format 2 (``docs/examples/v2/<case>.yaml``,
also shipped), which teaches a structure of the law (see ``casebook_structures``). A structure
case whose scenario the rules cannot read yet stops the generation with the reason. Each case page,
``docs/casebook/<page>.md``, is written by hand (the commentary) except for its generated blocks,
which this script fills from the library:

``facts CASE``
    the facts changed from the home scenario, and the file (a structure case: its facts in words);
``answer CASE``
    for each question the case asks: the memo's answer, the rules that decide it with their
    authorities and pinpoints, and (for a variation) the answer in the home scenario;
``flips CASE``
    every public conclusion whose outcome differs from the home scenario (a structure case: from
    the case it names to compare with, if any);
``exercises CASE``
    the exercises ("what changes if ...?") with their answers, computed by what-if;
``memo CASE``
    the case's HTML memo (``docs/casebook/memos/<case>.html``, written with ``--memos``);
``cases`` / ``cases structures``
    the table of the home cases and variations / of the structure cases (the front page);
``quote ID``
    a verified quotation from the registry (``rules/sources.yaml``), with its pinpoint;
``output ARGS``
    the output of ``legal-analysis ARGS`` (also in ``docs/tutorial.md``).

Run from the repository's root::

    PYTHONPATH=src .venv/bin/python docs/tools/gen_casebook.py           # rewrite what changed
    PYTHONPATH=src .venv/bin/python docs/tools/gen_casebook.py --memos   # only the HTML memos
    PYTHONPATH=src .venv/bin/python docs/tools/gen_casebook.py --check   # exit 1 if stale

The cases are declared in ``casebook_home``, ``casebook_transfers`` and ``casebook_structures``;
the blocks are written by ``casebook_blocks``. ``tests/test_docs.py`` fails when a committed file
differs from what this script writes, and ``tests/test_rule_coverage.py`` analyses every case to
check that every rule fires.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

from casebook_blocks import (
    _outcome,
    _subject_words,
    case_blocks,
    exercise_teaches,
    outcome_words,
    output_block,
    quote_block,
    top_level_derivations,
)
from casebook_home import HOME_CASES
from casebook_model import CASEBOOK, COMMAND, MEMOS, SCENARIOS, Case, Casebook, scenario_text
from casebook_structures import STRUCTURE_CASES
from casebook_transfers import TRANSFER_CASES
from docgen import ROOT, GenerationError, block_names, fill_blocks, md_cell, relative, stale, write
from legal_analysis import load_rulebook

__all__ = ["CASES", "COMMAND", "SCENARIOS", "Casebook", "default_casebook", "exercise_teaches",
           "expected", "main", "top_level_derivations"]

CASES: tuple[Case, ...] = (*HOME_CASES, *TRANSFER_CASES, *STRUCTURE_CASES)
"""Every case, in the casebook's order: the home cases and variations, then the structure cases."""


def index_block(book: Casebook, structures: bool = False) -> str:
    """A table of cases on the casebook's front page: the home cases and variations, or (with
    ``structures``) the structure cases."""
    out = ["| case | question | answer | file |", "|---|---|---|---|"]
    for case in book.cases:
        if case.standalone != structures:
            continue
        analysis = book.analysis(case)
        ask = next((a for a in case.asks if case.is_variation and _outcome(
            book.home(case).get(a.conclusion, **a.subject)) != _outcome(
            analysis.get(a.conclusion, **a.subject))), case.asks[0])
        result = analysis.get(ask.conclusion, **ask.subject)
        answer = outcome_words(analysis, result)
        if case.is_variation:
            before = book.home(case).get(ask.conclusion, **ask.subject)
            answer = f"{outcome_words(book.home(case), before)} → **{answer}**"
        own_page = case.is_variation or case.standalone
        target = f"{case.page}.md" + ("" if own_page else f"#{slug(case.title)}")
        out.append(f"| [{md_cell(case.title)}]({target}) | "
                   f"`{ask.conclusion}` ({md_cell(_subject_words(analysis, result))}) | "
                   f"{md_cell(answer)} | [`{case.path.name}`]"
                   f"(../examples/{relative(case.path).removeprefix('docs/examples/')}) |")
    return "\n".join(out)


def slug(title: str) -> str:
    """A heading's anchor as Python-Markdown's ``toc`` extension makes it (and GitHub, for
    plain titles).

    >>> slug("Two soldiers captured (12 January 2025)")
    'two-soldiers-captured-12-january-2025'
    """
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def page_blocks(book: Casebook, page: str, text: str) -> dict[str, str]:
    """The blocks a page asks for, generated."""
    blocks: dict[str, str] = {}
    for name in block_names(text):
        kind, _, arg = name.partition(" ")
        if kind == "quote":
            blocks[name] = quote_block(book.rulebook, arg)
        elif kind == "output":
            blocks[name] = output_block(arg, book)
        elif kind == "cases":
            if arg not in ("", "structures"):
                raise GenerationError(f"docs/casebook/{page}.md: unknown block {name!r} (expected "
                                      "'cases' or 'cases structures')")
            blocks[name] = index_block(book, structures=arg == "structures")
        else:
            try:
                case = book.case(arg)
            except KeyError:
                raise GenerationError(f"docs/casebook/{page}.md: the block {name!r} names no "
                                      "case") from None
            if case.name not in book._blocks:
                book._blocks[case.name] = case_blocks(book, case)
            blocks.update(book._blocks[case.name])
            if name not in blocks:
                raise GenerationError(f"docs/casebook/{page}.md: unknown block {name!r}")
    return blocks


def pages(book: Casebook) -> list[str]:
    """The casebook's pages (file stems), its front page first."""
    return ["index", *dict.fromkeys(c.page for c in book.cases)]


TUTORIAL = ROOT / "docs" / "tutorial.md"


def expected(book: Casebook) -> dict[Path, str]:
    """Every file this script writes (except the HTML memos), with the content it should have."""
    out: dict[Path, str] = {}
    tutorial = TUTORIAL.read_text(encoding="utf-8")
    out[TUTORIAL] = fill_blocks(tutorial, page_blocks(book, "../tutorial", tutorial))
    for case in book.cases:
        if case.is_variation:
            out[case.path] = scenario_text(case)
    for page in pages(book):
        path = CASEBOOK / f"{page}.md"
        if not path.is_file():
            raise GenerationError(f"{relative(path)} is missing: write its commentary with the "
                                  "markers of its generated blocks")
        text = path.read_text(encoding="utf-8")
        for case in book.cases:
            if case.page == page and f"answer {case.name}" not in block_names(text):
                raise GenerationError(f"{relative(path)} has no block 'answer {case.name}'")
        out[path] = fill_blocks(text, page_blocks(book, page, text))
    return out


def write_memos(book: Casebook) -> list[Path]:
    """Write each case's HTML memo into ``docs/casebook/memos/`` (if 'html' is a memo format)."""
    from legal_analysis.render import FORMATS, render

    if "html" not in FORMATS:
        return []
    MEMOS.mkdir(parents=True, exist_ok=True)
    written = []
    for case in book.cases:
        path = MEMOS / f"{case.name}.html"
        data = render(book.analysis(case), "html")
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            written.append(path)
    return written


_DEFAULT: list[Casebook] = []


def default_casebook() -> Casebook:
    """The casebook analysed with the shipped rule base (built once per process)."""
    if not _DEFAULT:
        _DEFAULT.append(Casebook(load_rulebook(), CASES))
    return _DEFAULT[0]


def main(argv: list[str] | None = None) -> int:
    """Regenerate (or, with ``--check``, only compare) the casebook's files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files (exit 1)")
    parser.add_argument("--memos", action="store_true",
                        help="write only the HTML memos (docs/casebook/memos/, not committed)")
    parser.add_argument("--rules", type=Path, default=None, help="a rules folder (default: shipped)")
    args = parser.parse_args(argv)
    book = Casebook(load_rulebook(args.rules), CASES)
    try:
        if args.memos:
            for path in write_memos(book):
                print(f"wrote {relative(path)}")
            return 0
        files = expected(book)
    except GenerationError as err:
        print(f"gen_casebook: {err}", file=sys.stderr)
        return 2
    if args.check:
        diffs = stale(files)
        for path in diffs:
            print(f"stale: {relative(path)}", file=sys.stderr)
        return 1 if diffs else 0
    for path in write(files):
        print(f"wrote {relative(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
