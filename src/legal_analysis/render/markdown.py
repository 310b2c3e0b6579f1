"""The Markdown memo, rendered through Jinja2 with StrictUndefined."""

from __future__ import annotations

from pathlib import Path

from .model import Memo
from .templating import environment


def markdown(memo: Memo, template_dir: Path | None = None) -> str:
    """The memo as Markdown (footnotes in the ``[^n]`` form code hosts render)."""
    env = environment(template_dir, autoescape=False)
    from .templating import render_template

    text = render_template(env, "memo.md.j2", memo=memo)
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return "\n".join(out).strip() + "\n"
