"""The Word memo: real headings, a heading table, real footnotes, authorities and the appendix.

Built with python-docx from the memo model. Word styles carry the structure (Title, Heading 1-3,
List Bullet, List Number, Quote, Caption), so the navigation pane and a table of contents work.
Citations are real Word footnotes (:mod:`.docx_notes`). Diagrams are pictures: the SVG the HTML
memo shows, painted as PNG (:mod:`.raster`), each with the diagram as a text outline for its
alternative text. The bytes are deterministic (:mod:`.docx_package`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from .diagram import graph_outline, graph_svg, timeline_outline, timeline_svg
from .docx_notes import FootnoteWriter, add_footnote_styles, xml_text
from .docx_package import drop_thumbnail, fix_properties, save
from .model import Memo, Section
from .raster import Fonts, png

NAVY = RGBColor(0x1F, 0x3A, 0x5F)
MARGIN = Cm(2.2)
TEXT_WIDTH = Cm(21.0 - 2 * 2.2)
"""The width of the text block on an A4 page with the memo's margins."""
FIGURE_NOTE = (
    "Figures. Each issue ends with a diagram of its reasoning: the question on the left, the rules "
    "tried in the middle and the answer, or the outcome under each version of the facts, on the "
    "right. A solid dark path leads to the answer; dashed amber marks what turns on facts not "
    "known; grey marks a rule that does not apply and red one displaced by an exception or a rule "
    "of higher rank. Each picture's alternative text gives the same diagram as a text outline."
)
FIGURE_WIDTH = Cm(16.0)
"""The width a diagram is shown at (within the text block)."""


def docx_memo(memo: Memo) -> bytes:
    """The memo as a Word document (deterministic bytes)."""
    doc = Document()
    _base_styles(doc)
    body = doc.element.body
    section_properties = body.find(qn("w:sectPr"))
    body.remove(section_properties)  # put back last; meanwhile blocks are appended in order
    add_footnote_styles(doc)
    notes = FootnoteWriter({n.number: n.text for n in memo.footnotes})
    _heading(doc, memo)
    _questions(doc, memo)
    _facts(doc, memo, notes)
    _positions(doc, memo, notes)
    h = _add_heading(doc, "Discussion", 1)
    h.paragraph_format.page_break_before = True
    _para(doc, FIGURE_NOTE, italic=True, size=9)
    fonts = Fonts.installed()
    for number, section in enumerate(memo.sections, start=1):
        _section(doc, section, notes, fonts, page_break=number > 1)
    _conclusion(doc, memo)
    _timeline(doc, memo, fonts)
    _authorities(doc, memo)
    _appendix(doc, memo)
    body.append(section_properties)
    notes.attach(doc)
    drop_thumbnail(doc)
    fix_properties(doc, title=f"Memorandum: {xml_text(memo.title)}", author=xml_text(memo.from_),
                   subject=xml_text(memo.re), date=memo.date)
    return save(doc)


def _base_styles(doc: Any) -> None:
    """The body font, heading colours, A4 page and margins."""
    normal = doc.styles["Normal"]
    normal.font.name = "Cambria"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for level in (1, 2, 3):
        style = doc.styles[f"Heading {level}"]
        style.font.color.rgb = NAVY
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN


def _add_paragraph(doc: Any, style: str | None = None) -> Any:
    """Append a paragraph in ``style`` (a built-in style's name) to the end of the body.

    python-docx's ``add_paragraph`` searches the whole body for the section properties and
    looks the style up by name each time, which is quadratic in a long memo; built-in style ids
    are their names without spaces.
    """
    p = OxmlElement("w:p")
    if style is not None and style != "Normal":
        p.get_or_add_pPr().style = style.replace(" ", "")
    doc.element.body.append(p)
    return Paragraph(p, doc._body)


def _add_table(doc: Any, rows: int, cols: int) -> Any:
    """Append a table as wide as the text block (A4 less the margins)."""
    return doc._body.add_table(rows, cols, TEXT_WIDTH)


def _add_heading(doc: Any, text: str, level: int) -> Any:
    """Append a heading: the Title style for level 0, Heading 1-9 otherwise."""
    p = _add_paragraph(doc, "Title" if level == 0 else f"Heading {level}")
    p.add_run(xml_text(text))
    return p


def _para(doc: Any, text: str, *, style: str | None = None, bold: bool = False,
          italic: bool = False, size: float | None = None) -> Any:
    """Add a paragraph holding one run of ``text``."""
    p = _add_paragraph(doc, style)
    if text:
        run = p.add_run(xml_text(text))
        run.bold = bold or None
        run.italic = italic or None
        if size is not None:
            run.font.size = Pt(size)
    return p


def _runs(p: Any, parts: Iterable[tuple[str, str]]) -> Any:
    """Append runs to ``p``: each part is (text, style) with style '', 'b' or 'i'."""
    for text, style in parts:
        run = p.add_run(xml_text(text))
        if style == "b":
            run.bold = True
        elif style == "i":
            run.italic = True
    return p


def _heading(doc: Any, memo: Memo) -> None:
    """The title, the memo's subject line, the To/From/Date/Re table and the summary."""
    _add_heading(doc, "Memorandum", 0)
    _para(doc, memo.title, bold=True, size=13)
    rows = (("To", memo.to), ("From", memo.from_),
            ("Date", f"{memo.date} (the date as of which the facts are assessed)"), ("Re", memo.re))
    table = _add_table(doc, len(rows), 2)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].width, row.cells[1].width = Cm(2.6), Cm(14.0)
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].paragraphs[0].add_run(xml_text(value))
    if memo.summary:
        _add_heading(doc, "Summary of the facts", 1)
        _para(doc, " ".join(memo.summary.split()))


def _questions(doc: Any, memo: Memo) -> None:
    """The questions presented and the short answers."""
    _add_heading(doc, "Questions presented", 1)
    for q in memo.questions:
        _para(doc, q, style="List Number")
    _add_heading(doc, "Short answers", 1)
    for s in memo.sections:
        p = _add_paragraph(doc, "List Bullet")
        see = f" (Section {s.number}; derivation in appendix A.{s.number}.)"
        _runs(p, ((f"{s.number}. {s.title}", "b"), (f" ({s.subject}): ", ""),
                  (s.short_answer, ""), (see, "i")))


def _facts(doc: Any, memo: Memo, notes: FootnoteWriter) -> None:
    """The facts relied on, each with its provenance and footnotes."""
    _add_heading(doc, "Facts", 1)
    for f in memo.facts:
        p = _add_paragraph(doc, "List Bullet")
        _runs(p, ((f.label, "b"), (f": {f.value} — ", ""), (f.provenance, "i")))
        notes.cite(p, f.notes)


def _positions(doc: Any, memo: Memo, notes: FootnoteWriter) -> None:
    """The positions the actors take, and their assessment."""
    if not memo.positions:
        return
    _add_heading(doc, "Positions taken", 1)
    for pos in memo.positions:
        p = _add_paragraph(doc, "List Bullet")
        _runs(p, ((pos.actor, "b"), (f" {pos.verb} that ", ""), (pos.claim, "")))
        notes.cite(p, pos.notes)
        p = _add_paragraph(doc, "List Bullet 2")
        _runs(p, (("Assessment: ", "i"), (pos.assessment, "")))


def _section(doc: Any, s: Section, notes: FootnoteWriter, fonts: Fonts, *,
             page_break: bool) -> None:
    """One issue: question, answer, law, application, branches, contested points, figure."""
    h = _add_heading(doc, xml_text(f"{s.number}. {s.title} — {s.subject}"), 2)
    h.paragraph_format.page_break_before = page_break
    _runs(_add_paragraph(doc), (("Question. ", "b"), (s.question, "")))
    _runs(_add_paragraph(doc), (("Answer. ", "b"), (s.short_answer, "")))
    if s.rule:
        _add_heading(doc, "The law", 3)
        for c in s.rule:
            notes.cite(_para(doc, c.text, style="Quote"), c.notes)
    _add_heading(doc, "Application", 3)
    for c in s.application:
        notes.cite(_para(doc, c.text, style="List Bullet"), c.notes)
    if s.branches:
        _add_heading(doc, "Branches", 3)
        _para(doc, "The facts leave this open; the outcome under each version:")
        for number, b in enumerate(s.branches, start=1):
            who = f" (on the account of {b.accounts})" if b.accounts else ""
            p = _add_paragraph(doc)
            p.paragraph_format.left_indent = Cm(0.6)
            _runs(p, ((f"({number}) {b.lead}{who}: ", ""), (b.outcome, "b"), (".", "")))
        if s.further:
            _para(doc, s.further)
    if s.contested:
        _add_heading(doc, "Contested points of law", 3)
        for item in s.contested:
            _para(doc, item.issue, style="List Bullet")
            for v in item.views:
                notes.cite(_para(doc, f"View: {v.text}", style="List Bullet 2"), v.notes)
    if s.changes:
        _add_heading(doc, "What would change the outcome", 3)
        for change in s.changes:
            _para(doc, change, style="List Bullet")
    _figure(doc, png(graph_svg(s.diagram), fonts), graph_outline(s.diagram),
            f"Figure {s.number}. The reasoning: the question, the rules tried and the answer. "
            f"The full derivation is in appendix A.{s.number}.")


def _figure(doc: Any, picture: bytes, outline: Sequence[str], caption: str) -> None:
    """A figure: the picture, the diagram's text outline as its alternative text, its caption."""
    p = _add_paragraph(doc)
    p.paragraph_format.keep_with_next = True
    shape = p.add_run().add_picture(io.BytesIO(picture), width=FIGURE_WIDTH)
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", xml_text("\n".join(outline)))
    doc_pr.set("title", xml_text(caption.split(". ", 1)[0]))
    _para(doc, caption, style="Caption")


def _conclusion(doc: Any, memo: Memo) -> None:
    """The conclusion, one line per section."""
    h = _add_heading(doc, "Conclusion", 1)
    h.paragraph_format.page_break_before = True
    for c in memo.conclusion:
        _runs(_add_paragraph(doc, "List Bullet"),
              ((f"{c.number}. {c.title}", "b"), (f" ({c.subject}): {c.answer}", "")))


def _timeline(doc: Any, memo: Memo, fonts: Fonts) -> None:
    """The timeline of dated facts as a figure."""
    if not memo.timeline:
        return
    _add_heading(doc, "Timeline of dated facts", 1)
    _figure(doc, png(timeline_svg(memo.timeline, memo.date), fonts),
            timeline_outline(memo.timeline, memo.date),
            f"Figure {len(memo.sections) + 1}. The dated facts of the scenario, oldest first.")


def _authorities(doc: Any, memo: Memo) -> None:
    """The table of authorities, grouped by kind."""
    h = _add_heading(doc, "Table of authorities", 1)
    h.paragraph_format.page_break_before = True
    for group in memo.authorities:
        _add_heading(doc, group.heading, 2)
        for entry in group.entries:
            _para(doc, entry, style="List Bullet")


def _appendix(doc: Any, memo: Memo) -> None:
    """The appendix: each section's derivation, indented by depth."""
    h = _add_heading(doc, "Appendix: derivations", 1)
    h.paragraph_format.page_break_before = True
    _para(doc, "Each conclusion above rests on the derivation below: every rule tried, each test it "
               "made (✓ holds, ✗ does not hold, ? not known), the facts it read and their sources.")
    for entry in memo.appendix:
        _add_heading(doc, xml_text(f"A.{entry.number}. {entry.title} — {entry.subject}"), 2)
        for line in entry.lines:
            p = _add_paragraph(doc)
            fmt = p.paragraph_format
            fmt.left_indent = Cm(0.5 * line.depth)
            fmt.space_after = Pt(1)
            text = f"{line.mark} {line.text}" if line.mark else line.text
            if line.link:
                text += f" (derived in {line.link[0]})"
            run = p.add_run(xml_text(text))
            run.font.size = Pt(8.5)
            if line.kind == "conclusion":
                run.bold = True
            elif line.kind == "omitted":
                run.italic = True
