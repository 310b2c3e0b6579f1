"""Text from a scenario can never become markup: HTML escapes it, Markdown neutralises it, Word
holds it as plain text, and the diagrams escape it too."""

from __future__ import annotations

import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document

from legal_analysis import Analysis, Rulebook, analyse, load_scenario
from legal_analysis.render import FORMATS, render_memo
from legal_analysis.render.diagram import Graph, Node, graph_mermaid
from legal_analysis.render.model import build_memo

from .conftest import EXAMPLES

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
LINK = "[click](javascript:alert(3))"
FENCE = "```"


def _evil_scenario(tmp_path: Path) -> Path:
    """The January 2025 scenario with markup in its title, names and a note."""
    text = (EXAMPLES / "dprk-2025-01-12.yaml").read_text("utf-8")
    swaps = {
        "title: Two DPRK soldiers": f"title: '{SCRIPT} {IMG} {LINK} {FENCE} Two DPRK soldiers",
        "(as of 12 January 2025)\nas_of:": "(as of 12 January 2025)'\nas_of:",
        # no short name: the memo then calls the state by its (hostile) name throughout
        "    name: Democratic People's Republic of Korea\n    short: the DPRK\n":
            f"    name: \"Korea {SCRIPT} {IMG} & Co | {LINK}\"\n",
        "    name: National intelligence agencies": f"    name: {IMG} National intelligence agencies",
        "        No source reports who commands the DPRK troops":
            f"        {SCRIPT} {IMG} No source reports who commands the DPRK troops",
    }
    for old, new in swaps.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "evil.yaml"
    path.write_text(text, "utf-8")
    return path


@pytest.fixture(scope="module")
def evil(rulebook: Rulebook, tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    """The hostile scenario, analysed."""
    analysis = analyse(load_scenario(_evil_scenario(tmp_path_factory.mktemp("evil"))), rulebook)
    assert SCRIPT in analysis.scenario.title
    assert IMG in analysis.scenario.states["PRK"].name
    return analysis


@pytest.fixture(scope="module")
def renders(evil: Analysis) -> dict[str, bytes]:
    """The hostile scenario's memo in every format."""
    memo = build_memo(evil)
    return {fmt: render_memo(evil, memo, fmt) for fmt in FORMATS}


class _Tags(HTMLParser):
    """Collects the start tags and the text of a page."""
    def __init__(self) -> None:
        """An empty parse."""
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record a start tag and its attributes."""
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        """Record text."""
        self.text.append(data)


def test_html_shows_the_text_escaped_and_has_no_injected_element(renders: dict[str, bytes]) -> None:
    """The page shows the markup as text and holds no script, img or on* attribute."""
    html = renders["html"].decode("utf-8")
    assert SCRIPT not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    parser = _Tags()
    parser.feed(html)
    names = {tag for tag, _ in parser.tags}
    assert "script" not in names and "img" not in names
    assert not [(t, a) for t, attrs in parser.tags for a, _ in attrs if a.startswith("on")]
    shown = "".join(parser.text)
    assert SCRIPT in shown and IMG in shown, "the text is shown, as text"
    # the diagrams' SVG text is escaped too
    svgs = re.findall(r"<svg .*?</svg>", html, re.S)
    assert any("Korea &lt;script&gt;" in svg for svg in svgs)


def test_markdown_neutralises_raw_html_links_and_fences(renders: dict[str, bytes]) -> None:
    """No raw HTML, no link, no code fence comes from scenario text."""
    md = renders["md"].decode("utf-8")
    assert "<script" not in md and "<img" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert not re.search(r"(?<!\\)\]\(javascript:", md), "a link would be made"
    fences = [line for line in md.splitlines() if line.startswith("```")]
    assert all(f in ("```mermaid", "```") for f in fences)
    assert len(fences) % 2 == 0
    assert "#60;script#62;" in md, "Mermaid labels use entity codes"


def test_mermaid_labels_cannot_break_out() -> None:
    """Quotes, brackets, backticks and newlines cannot end a Mermaid label."""
    evil = '"] --> x["<b>` [y] {z} |w|\nclick q call alert(1)'
    out = graph_mermaid(Graph("t", (Node("q", evil, evil, 0, "question"),), ()))
    node = out.splitlines()[1]
    assert node.startswith('  q["') and node.endswith('"]:::question') and node.count('"') == 2
    assert len(out.splitlines()) == 3, "no line was injected"
    assert "<b>" not in out and "`" not in out


def test_docx_holds_the_text_as_plain_text(evil: Analysis, renders: dict[str, bytes]) -> None:
    """Word shows the markup as text; the XML holds it escaped."""
    data = renders["docx"]
    document = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert SCRIPT in text and IMG in text
    assert SCRIPT in cells
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "<script" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert document.core_properties.title.endswith(evil.scenario.title)


def test_json_keeps_the_text_as_data(renders: dict[str, bytes]) -> None:
    """JSON carries the text unchanged."""
    data = json.loads(renders["json"])
    assert SCRIPT in data["memo"]["title"]
