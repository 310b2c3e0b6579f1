"""Shared helpers of the documentation generators: generated blocks between markers, file checks.

A generated block in a Markdown file is written between two HTML comments, which every renderer
hides::

    <!-- generated: NAME -->
    ... text written by a generator, never by hand ...
    <!-- end generated -->

Everything outside the markers is hand-written and left as it is.

>>> text = "intro\\n<!-- generated: answer -->\\nold\\n<!-- end generated -->\\nafter\\n"
>>> block_names(text)
['answer']
>>> print(fill_blocks(text, {"answer": "new"}), end="")
intro
<!-- generated: answer -->
new
<!-- end generated -->
after
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
"""The repository's root folder."""

BLOCK = re.compile(
    r"(?P<open><!-- generated: (?P<name>[^>]+?) -->\n)(?P<body>.*?)(?P<close><!-- end generated -->)",
    re.S)
"""A generated block: its opening marker (with the block's name), its body and its closing marker."""


class GenerationError(Exception):
    """A page asks for a block the generator cannot write, or lacks one it must hold."""


def block_names(text: str) -> list[str]:
    """The names of the generated blocks in ``text``, in order."""
    return [m.group("name") for m in BLOCK.finditer(text)]


def fill_blocks(text: str, blocks: Mapping[str, str]) -> str:
    """``text`` with the body of each generated block replaced by ``blocks[name]``.

    Every block in the text must have a body in ``blocks``; a body always ends with one newline.
    """
    missing = [n for n in block_names(text) if n not in blocks]
    if missing:
        raise GenerationError("no generated text for the block(s) " + ", ".join(missing))

    def body(m: re.Match[str]) -> str:
        content = blocks[m.group("name")].strip("\n")
        return m.group("open") + (content + "\n" if content else "") + m.group("close")

    return BLOCK.sub(body, text)


def strip_blocks(text: str) -> str:
    """``text`` without the bodies of its generated blocks: what was written by hand."""
    return BLOCK.sub(lambda m: m.group("open") + m.group("close"), text)


def relative(path: Path) -> str:
    """``path`` relative to the repository's root, with forward slashes."""
    return path.resolve().relative_to(ROOT).as_posix()


def stale(expected: Mapping[Path, str]) -> dict[Path, str]:
    """The files whose content differs from ``expected``, each with a short unified diff."""
    out: dict[Path, str] = {}
    for path, text in expected.items():
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            diff = difflib.unified_diff(current.splitlines(), text.splitlines(),
                                        f"{relative(path)} (committed)",
                                        f"{relative(path)} (generated)", lineterm="", n=1)
            out[path] = "\n".join(list(diff)[:40])
    return out


def write(expected: Mapping[Path, str]) -> list[Path]:
    """Write every file whose content differs from ``expected``; return those written."""
    changed = list(stale(expected))
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(expected[path], encoding="utf-8")
    return changed


def md_cell(text: str) -> str:
    """``text`` made safe in a Markdown table cell (one line, pipes escaped).

    >>> md_cell("a | b\\nc")
    'a \\\\| b c'
    """
    return " ".join(text.split()).replace("|", "\\|")
