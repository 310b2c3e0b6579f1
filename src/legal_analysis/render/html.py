"""The HTML memo: one self-contained page (inline CSS and SVG, no script, no external resource).

The template is rendered with autoescaping, so any text from a scenario is escaped. Footnote
references are superscript links to the notes list; each note links back to every place that
cites it. Diagrams are inline SVG from :mod:`.diagram`, whose text is escaped there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from .diagram import Graph, graph_svg
from .parts import Memo
from .templating import environment, render_template

_URL = re.compile(r"<(https?://[^\s<>\"']+)>")


@dataclass
class NoteRefs:
    """Footnote references for one rendering: numbers each citing place, for the back-links."""

    places: dict[int, list[str]] = field(default_factory=dict)

    def cite(self, notes: Iterable[int]) -> Markup:
        """Superscript links to the notes ``notes``, each with an id the note links back to."""
        links = []
        for n in notes:
            number = int(n)
            places = self.places.setdefault(number, [])
            ref = f"ref-{number}-{len(places) + 1}"
            places.append(ref)
            links.append(f'<a id="{ref}" href="#note-{number}">{number}</a>')
        if not links:
            return Markup("")
        return Markup('<sup class="fnref">' + ",".join(links) + "</sup>")

    def back(self, number: int) -> Markup:
        """Back-links from note ``number`` to the places that cite it: ↩, or ↩ 1 2 3."""
        places = self.places.get(int(number), [])
        if len(places) == 1:
            return Markup(f'<a class="back" href="#{places[0]}" aria-label="back to the text">↩</a>')
        links = " ".join(f'<a href="#{ref}" aria-label="back to citation {i}">{i}</a>'
                         for i, ref in enumerate(places, start=1))
        return Markup(f'<span class="back">↩ {links}</span>') if links else Markup("")


def citation(text: str) -> Markup:
    """A citation escaped, its ``<https://...>`` address made a link.

    >>> print(citation("Smith, 'A&B' <https://x.org/a?b=1&c=2>"))
    Smith, &#39;A&amp;B&#39; &lt;<a href="https://x.org/a?b=1&amp;c=2">https://x.org/a?b=1&amp;c=2</a>&gt;
    >>> print(citation('<script>alert(1)</script>'))
    &lt;script&gt;alert(1)&lt;/script&gt;
    """
    out: list[str] = []
    last = 0
    for m in _URL.finditer(text):
        out.append(str(escape(text[last:m.start()])))
        url = escape(m.group(1))
        out.append(f'&lt;<a href="{url}">{url}</a>&gt;')
        last = m.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def svg(graph: Graph) -> Markup:
    """A reasoning diagram as inline SVG."""
    return Markup(graph_svg(graph))


def html(memo: Memo, template_dir: Path | None = None) -> str:
    """The memo as one HTML page."""
    env = environment(template_dir, autoescape=True)
    text = render_template(env, "memo.html.j2", memo=memo, refs=NoteRefs(), svg=svg,
                           citation=citation)
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip()) + "\n"
