"""The Word memo: the memo's parts as headings and tables, real footnotes, one figure per issue,
same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.styles import BabelFish
from PIL import Image

from legal_analysis import Analysis, Rulebook, analyse, load_scenario
from legal_analysis.render import render, render_memo
from legal_analysis.render.diagram import WIDTH, graph_outline
from legal_analysis.render.docx_notes import FOOTNOTES_CONTENT_TYPE, FOOTNOTES_RELATIONSHIP
from legal_analysis.render.docx_package import ZIP_TIME
from legal_analysis.render.model import Memo, MemoOptions, build_memo
from legal_analysis.render.raster import SCALE

from .conftest import EXAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def analysis(rulebook: Rulebook) -> Analysis:
    """The January 2025 home scenario, analysed once for the module."""
    return analyse(load_scenario(EXAMPLES / "dprk-2025-01-12.yaml"), rulebook)


@pytest.fixture(scope="module")
def memo(analysis: Analysis) -> Memo:
    """Its memo model."""
    return build_memo(analysis)


@pytest.fixture(scope="module")
def data(analysis: Analysis, memo: Memo) -> bytes:
    """Its Word memo."""
    return render_memo(analysis, memo, "docx")


def _paragraphs(document: Any) -> list[tuple[str, str]]:
    """(style name, text) of each body paragraph (style names looked up once, by id)."""
    names = {s.get(f"{W}styleId"): BabelFish.internal2ui(s.find(f"{W}name").get(f"{W}val"))
             for s in document.styles.element.findall(f"{W}style")}
    out = []
    for p in document.element.body.findall(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        name = names.get(style.get(f"{W}val"), "") if style is not None else "Normal"
        out.append((str(name), "".join(t.text or "" for t in p.iter(f"{W}t"))))
    return out


def _footnotes_part(document: Any) -> Any:
    """The document's one footnotes part."""
    parts = [rel.target_part for rel in document.part.rels.values()
             if rel.reltype == FOOTNOTES_RELATIONSHIP]
    assert len(parts) == 1, "exactly one footnotes part"
    return parts[0]


def test_headings_use_word_heading_styles(data: bytes, memo: Memo) -> None:
    """Title and Heading 1-3 styles carry the structure: the parts of the memo in order, one
    Heading 2 per discussion, the annexes."""
    document = Document(io.BytesIO(data))
    paragraphs = _paragraphs(document)
    styles = {style for style, _ in paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3"} <= styles
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    expected = ["1. Bottom line", "2. Facts and evidence",
                *(f"{i.number}. {i.title}" for i in memo.issues),
                f"{len(memo.issues) + 3}. Recommendations", "Annex A. Chronology",
                "Annex B. Treaty participation", "Annex C. Table of authorities"]
    assert headings == expected
    level2 = [text for style, text in paragraphs if style == "Heading 2"]
    for issue in memo.issues:
        for d in issue.discussions:
            assert f"{d.number}. {d.title}" + (f": {d.subject}" if d.subject else "") in level2
    for group in memo.authorities:
        assert group.heading in level2


def test_heading_table(data: bytes, memo: Memo, analysis: Analysis) -> None:
    """The first table is the To/Date/Re heading; a From line only for a named author."""
    document = Document(io.BytesIO(data))
    rows = [(r.cells[0].text, r.cells[1].text) for r in document.tables[0].rows]
    assert [label for label, _ in rows] == ["To", "Date", "Re"]
    assert rows[0][1] == memo.to and rows[1][1].startswith(memo.date_text)
    assert rows[2][1] == memo.re
    signed = render_memo(analysis, build_memo(analysis, MemoOptions(author="Legal Division")),
                         "docx")
    rows = [(r.cells[0].text, r.cells[1].text)
            for r in Document(io.BytesIO(signed)).tables[0].rows]
    assert ("From", "Legal Division") in rows


def test_real_footnotes_one_per_memo_note(data: bytes, memo: Memo) -> None:
    """A footnotes part with the two separators and one real footnote per memo note, each referenced once."""
    document = Document(io.BytesIO(data))
    part = _footnotes_part(document)
    assert part.partname == "/word/footnotes.xml"
    assert part.content_type == FOOTNOTES_CONTENT_TYPE
    root = parse_xml(part.blob)
    notes = root.findall(f"{W}footnote")
    special = {n.get(f"{W}id"): n.get(f"{W}type") for n in notes if n.get(f"{W}type")}
    assert special == {"-1": "separator", "0": "continuationSeparator"}
    real = [n for n in notes if not n.get(f"{W}type")]
    assert len(real) == len(memo.footnotes) > 0
    assert [int(n.get(f"{W}id")) for n in real] == list(range(1, len(real) + 1))
    texts = {"".join(t.text or "" for t in n.iter(f"{W}t")).strip() for n in real}
    assert texts == {n.text for n in memo.footnotes}
    body = document.element.body
    refs = [int(r.get(f"{W}id")) for r in body.iter(f"{W}footnoteReference")]
    assert refs == list(range(1, len(real) + 1)), "one reference per note, in reading order"
    later = [t.text for t in body.iter(f"{W}instrText") if "NOTEREF" in (t.text or "")]
    assert all("_RefNote" in t for t in later)
    settings = document.settings.element
    assert settings.find(f"{W}footnotePr") is not None


def test_figures_are_pictures_with_outlines_as_alternative_text(data: bytes, memo: Memo) -> None:
    """Each diagram (one per legal issue that has a discussion; an issue of plain answers only
    has none) is a captioned PNG picture of the drawing the HTML memo shows, not blank, with the
    diagram's text outline as its alternative text."""
    document = Document(io.BytesIO(data))
    paragraphs = _paragraphs(document)
    captions = [text for style, text in paragraphs if style == "Caption"]
    diagrams = [i.diagram for i in memo.issues if i.diagram is not None]
    assert len(captions) == len(diagrams) == len([i for i in memo.issues if i.discussions])
    shapes = document.inline_shapes
    assert len(shapes) == len(captions)
    for shape, graph, caption in zip(shapes, diagrams, captions, strict=True):
        doc_pr = shape._inline.docPr
        assert doc_pr.get("descr") == "\n".join(graph_outline(graph))
        assert caption.startswith(doc_pr.get("title") + ".")
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        part = document.part.related_parts[blip.embed]
        assert part.content_type == "image/png"
        picture = Image.open(io.BytesIO(part.blob)).convert("RGB")
        assert picture.width == WIDTH * SCALE
        colours = picture.getcolors(maxcolors=1 << 16) or []
        dark = sum(count for count, rgb in colours if isinstance(rgb, tuple) and sum(rgb) < 300)
        assert len(colours) > 4 and dark > 500, f"{caption}: the picture looks blank"
        assert picture.getpixel((0, 0)) == (255, 255, 255)


def test_transfer_table_is_a_word_table(data: bytes, memo: Memo) -> None:
    """A person's transfer options are one Word table: destination, outcome, conditions,
    authority, with a row per destination."""
    document = Document(io.BytesIO(data))
    (table,) = memo.tables
    found = [t for t in document.tables if t.rows[0].cells[0].text == "Destination"]
    assert len(found) == 1
    assert [c.text for c in found[0].rows[0].cells][:4] == [
        "Destination", "Outcome", "Conditions", "Authority"]
    assert [r.cells[0].text for r in found[0].rows[1:]] == [r.destination for r in table.rows]


def test_docx_bytes_are_deterministic(analysis: Analysis, data: bytes, memo: Memo) -> None:
    """Same bytes twice; sorted zip entries with fixed times; the memo date as the document dates."""
    assert render(analysis, "docx") == data
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert names[0] == "[Content_Types].xml" and names[1:] == sorted(names[1:])
    assert all(info.date_time == ZIP_TIME for info in archive.infolist())
    props = Document(io.BytesIO(data)).core_properties
    when = dt.datetime.fromisoformat(memo.date)
    assert props.created.replace(tzinfo=None) == when
    assert props.modified.replace(tzinfo=None) == when
    assert props.title == f"Memorandum: {memo.title}"
