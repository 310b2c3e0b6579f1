"""Generate the reference of scenario format 2 from the fact model's declaration.

Writes the block ``format-2-kinds`` of ``docs/scenario-format-2.md``: one section per kind of
entity, with a table of its fields (type or values, whether required, description) and the
sentence each value is stated by, all read from ``src/legal_analysis/schema/``. The rest of the
page is written by hand.

Run from the repository's root::

    PYTHONPATH=src .venv/bin/python docs/tools/gen_format2.py           # rewrite if changed
    PYTHONPATH=src .venv/bin/python docs/tools/gen_format2.py --check   # exit 1 if stale

``tests/test_docs.py`` fails when the committed page differs from what this script writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from docgen import ROOT, fill_blocks, md_cell, relative, stale, write
from legal_analysis.schema import NONE, SCHEMA, Field, Kind, Type

COMMAND = "PYTHONPATH=src .venv/bin/python docs/tools/gen_format2.py"
"""How to regenerate the page (named in the tests' failure messages)."""

PAGE = ROOT / "docs" / "scenario-format-2.md"

_TYPES = {Type.TEXT: "text", Type.BOOL: "true or false", Type.INT: "whole number",
          Type.DATE: "date (YYYY-MM-DD)", Type.TEXTS: "list of texts",
          Type.SOURCE: "a citation (`{source: id, pinpoint: …}`)",
          Type.SOURCES: "list of citations"}


def _anchor(kind: Kind) -> str:
    return kind.title.lower().replace(" ", "-")


def _link(kind_name: str) -> str:
    kind = SCHEMA.kind(kind_name)
    return f"[{kind.title.lower()}](#{_anchor(kind)})"


def _values(f: Field) -> str:
    return ", ".join(f"`{c.value}`" for c in f.choices)


def type_text(f: Field) -> str:
    """A field's type in words.

    >>> type_text(SCHEMA.field("force", "command"))
    '*fact*: `own`, `placed_with`, `joint`'
    >>> type_text(SCHEMA.field("person", "member_of"))
    '*fact*: id of a [force](#force), or `none`'
    """
    t = f.type
    if t is Type.MAP:
        keys = f"id of a {_link(f.keyed_by)}" if f.keyed_by else (
            f"one of {_values(f)}" if f.choices else "an id of your choice")
        value = _link(f.item) if f.item else f"*fact*: {_TYPES.get(f.of or Type.TEXT, '')}"
        return f"mapping of {keys} → {value}"
    if t in (Type.ENTITY, Type.LIST):
        return ("list of " if t is Type.LIST else "") + _link(f.item or "")
    if t is Type.CHOICE:
        text = _values(f)
    elif t is Type.REF:
        text = f"id of a {_link(f.target or '')}"
        if f.target_variants:
            text += " (" + " or ".join(SCHEMA.variant_label(f.target or "", v)
                                       for v in f.target_variants) + ")"
        if f.none:
            text += f", or `{NONE}`"
    elif t is Type.REFS:
        text = f"list of {_link(f.target or '')} ids"
    elif t is Type.GROUPED:
        text = "`{" + ", ".join(f"{c.value}: [ids]" for c in f.choices) + "}`"
    else:
        text = _TYPES[t]
    if f.unknown and not f.fact:
        text += ", or `unknown`"
    return f"*fact*: {text}" if f.fact else text


def _needed(f: Field) -> str:
    if f.required:
        return "required"
    if f.fact:
        return "`unknown`"
    if f.default is not None:
        return f"`{str(f.default).lower()}`"
    return "`unknown`" if f.unknown else "—"


def _sentences(kind: Kind) -> list[str]:
    lines: list[str] = []
    for f in kind.fields:
        for value, sentence in f.sentences.items():
            lines.append(f"| `{f.name}` | `{value}` | {md_cell(sentence)} |")
    if not lines:
        return []
    return ["<details><summary>Sentences</summary>", "",
            "| field | value | sentence |", "|---|---|---|", *lines, "", "</details>", ""]


def kinds_section() -> str:
    """The body of the block ``format-2-kinds``."""
    out: list[str] = []
    for kind in SCHEMA.kinds():
        out += [f"### {kind.title}", "", kind.description, ""]
        if kind.variant:
            out += [f"Its `{kind.variant}` sorts it into variants; a field marked *only for* "
                    "belongs to those variants alone.", ""]
        out += ["| field | type or values | default | description |", "|---|---|---|---|"]
        for f in kind.fields:
            description = f.description
            if f.variants:
                description += " *Only for " + " or ".join(
                    SCHEMA.variant_label(kind.name, v) for v in f.variants) + ".*"
            if f.role:
                description += f" (Role: {f.role}.)"
            out.append(f"| `{f.name}` | {md_cell(type_text(f))} | {_needed(f)} | "
                       f"{md_cell(description)} |")
        out += ["", *_sentences(kind)]
    return "\n".join(out)


def expected() -> dict[Path, str]:
    """The page, with its generated block as it should be now."""
    return {PAGE: fill_blocks(PAGE.read_text(encoding="utf-8"),
                              {"format-2-kinds": kinds_section()})}


def main(argv: list[str] | None = None) -> int:
    """Regenerate (or, with ``--check``, only compare) the page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report a stale page (exit 1)")
    args = parser.parse_args(argv)
    files = expected()
    if args.check:
        for path in stale(files):
            print(f"stale: {relative(path)}", file=sys.stderr)
        return 1 if stale(files) else 0
    for path in write(files):
        print(f"wrote {relative(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
