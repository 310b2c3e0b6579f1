"""The HTML memo: one valid, self-contained, printable page with linked notes and diagrams."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from legal_analysis import Analysis, Rulebook, analyse, load_scenario
from legal_analysis.cli import app
from legal_analysis.render import FORMATS, render_memo
from legal_analysis.render.model import Memo, MemoOptions, build_memo

from .conftest import EXAMPLES

JAN = EXAMPLES / "dprk-2025-01-12.yaml"
OCT = EXAMPLES / "dprk-2024-10-26.yaml"
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "source", "wbr", "area", "base",
        "embed", "param", "track"}
SVG_EMPTY = {"rect", "path", "polygon", "circle", "line"}


class _Page(HTMLParser):
    """Collects tags, ids, internal links and checks that elements nest properly."""

    def __init__(self) -> None:
        """An empty parse."""
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record a start tag, its id and internal link; open it unless void."""
        found = dict(attrs)
        self.tags.append((tag, found))
        if found.get("id"):
            self.ids.append(str(found["id"]))
        href = found.get("href")
        if href and href.startswith("#"):
            self.links.append(href[1:])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record a self-closed tag (SVG shapes)."""
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        """Close the innermost open element, noting a mismatch."""
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
            return
        self.stack.pop()


def _analysis(rulebook: Rulebook, path: Path = JAN) -> Analysis:
    """A home scenario, analysed."""
    return analyse(load_scenario(path), rulebook)


def _page(text: str) -> _Page:
    """``text`` parsed."""
    page = _Page()
    page.feed(text)
    page.close()
    return page


@pytest.fixture(scope="module")
def analysis(rulebook: Rulebook) -> Analysis:
    """The January 2025 home scenario, analysed once for the module."""
    return _analysis(rulebook)


@pytest.fixture(scope="module")
def memo(analysis: Analysis) -> Memo:
    """Its memo model."""
    return build_memo(analysis)


@pytest.fixture(scope="module")
def html_text(analysis: Analysis, memo: Memo) -> str:
    """The January 2025 memo as HTML, rendered once for the module."""
    return render_memo(analysis, memo, "html").decode("utf-8")


def test_formats_are_listed() -> None:
    """The memo formats the CLI offers."""
    assert FORMATS == ("md", "html", "docx", "json")


def test_html_is_well_formed_with_unique_ids_and_working_links(html_text: str) -> None:
    """Elements nest, ids are unique, and every internal link has its target."""
    page = _page(html_text)
    assert html_text.startswith("<!DOCTYPE html>")
    assert page.errors == []
    assert page.stack == []
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    missing = sorted(set(page.links) - set(page.ids))
    assert missing == [], f"links to missing anchors: {missing[:5]}"


def test_html_is_self_contained_and_has_no_script(html_text: str) -> None:
    """No script, no external resource, a strict content security policy."""
    page = _page(html_text)
    names = {tag for tag, _ in page.tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed"}
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        assert not any(a.startswith("on") for a in attrs), tag
        if tag == "a" and not str(attrs.get("href", "#")).startswith("#"):
            assert str(attrs["href"]).startswith(("https://", "http://")), attrs
    assert "url(" not in html_text and "@import" not in html_text
    assert "Content-Security-Policy" in html_text and "default-src 'none'" in html_text


def test_html_prints_each_issue_on_a_new_page(html_text: str) -> None:
    """Print CSS: A4 pages, a page break before each legal issue."""
    assert "@media print" in html_text and "@page" in html_text
    print_css = html_text.split("@media print", 1)[1].split("</style>", 1)[0]
    assert ".issue" in print_css and "break-before: page" in print_css


def test_footnotes_are_superscript_links_with_back_links(memo: Memo, html_text: str) -> None:
    """Each citation is a superscript link to its note; each note links back."""
    page = _page(html_text)
    notes = [a for t, a in page.tags if t == "li" and str(a.get("id", "")).startswith("note-")]
    assert len(notes) == len(memo.footnotes) > 0
    refs = re.findall(r'<sup class="fnref">(.*?)</sup>', html_text)
    assert refs and all(re.fullmatch(r'(<a id="ref-\d+-\d+" href="#note-\d+">\d+</a>,?)+', r)
                        for r in refs)
    for n in memo.footnotes:
        assert f'href="#ref-{n.number}-1"' in html_text, f"note {n.number} has no back-link"


def test_one_diagram_per_issue_and_anchors_for_every_discussion(memo: Memo,
                                                                html_text: str) -> None:
    """One SVG per legal issue (not per question or subject); each issue and discussion has
    its anchor, and the bottom line links to them."""
    assert html_text.count("<svg ") == sum(1 for i in memo.issues if i.diagram) > 0
    assert len(memo.issues) >= 4
    for issue in memo.issues:
        assert f'id="{issue.anchor}"' in html_text
        for d in issue.discussions:
            assert f'id="{d.anchor}"' in html_text
    for point in memo.bottom_line:
        assert f'href="#{point.anchor}"' in html_text
    assert 'class="node answer"' in html_text or 'class="node branch"' in html_text


def test_html_is_deterministic(analysis: Analysis, memo: Memo, html_text: str) -> None:
    """Two renders give the same page (fresh analyses are compared in test_render_golden)."""
    assert render_memo(analysis, memo, "html").decode("utf-8") == html_text


def test_cli_writes_html_and_docx(tmp_path: Path) -> None:
    """``memo -f html`` and ``-f docx`` write files through the CLI."""
    runner = CliRunner()
    for fmt in ("html", "docx"):
        target = tmp_path / f"memo.{fmt}"
        result = runner.invoke(app, ["memo", str(OCT), "-f", fmt, "-o", str(target)])
        assert result.exit_code == 0, result.stderr
        assert target.stat().st_size > 1000
    assert (tmp_path / "memo.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "memo.docx").read_bytes()[:2] == b"PK"


def test_user_html_template_is_sandboxed_and_autoescaped(analysis: Analysis, memo: Memo,
                                                         tmp_path: Path) -> None:
    """A user's HTML template is autoescaped too."""
    (tmp_path / "memo.html.j2").write_text("<h1>{{ memo.title }}</h1>{{ '<b>' }}", "utf-8")
    out = render_memo(analysis, memo, "html", tmp_path).decode("utf-8")
    assert "&lt;b&gt;" in out and "<b>" not in out


def test_a_user_part_replaces_the_shipped_one(analysis: Analysis, memo: Memo,
                                             tmp_path: Path) -> None:
    """A folder holding only one part (html/bottom-line.html.j2) changes that part alone: the
    shipped memo.html.j2 includes the user's part and its own others."""
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "bottom-line.html.j2").write_text(
        "<section id=\"bottom-line\"><h2>1. In short</h2></section>", "utf-8")
    out = render_memo(analysis, memo, "html", tmp_path).decode("utf-8")
    assert "<h2>1. In short</h2>" in out and "<h2>1. Bottom line</h2>" not in out
    assert "<h2>2. Facts and evidence</h2>" in out


def test_the_derivations_are_an_annex_only_on_request(analysis: Analysis, html_text: str) -> None:
    """The rule-by-rule derivations are not in the memo; with ``derivations`` they are its
    last annex, after the table of authorities, and link back to the discussions."""
    assert "Annex D. Derivations" not in html_text
    full = render_memo(analysis, build_memo(analysis, MemoOptions(derivations=True)),
                       "html").decode("utf-8")
    assert full.index("Annex C. Table of authorities") < full.index("Annex D. Derivations")
    page = _page(full)
    assert sorted(set(page.links) - set(page.ids)) == []
