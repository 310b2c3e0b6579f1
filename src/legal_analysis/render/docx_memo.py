"""The Word memo: the same parts as every format, with real headings, tables and footnotes.

Built with python-docx from the memo model. Word styles carry the structure (Title, Heading 1-3,
List Bullet, List Number, Quote, Caption), so the navigation pane and a table of contents work.
Citations are real Word footnotes (:mod:`.docx_notes`). Each issue's diagram is a picture: the
SVG the HTML memo shows, painted as PNG (:mod:`.raster`), with the diagram as a text outline for
its alternative text. The bytes are deterministic (:mod:`.docx_package`).
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

from .diagram import graph_outline, graph_svg
from .docx_notes import FootnoteWriter, add_footnote_styles, xml_text
from .docx_package import drop_thumbnail, fix_properties, save
from .parts import Discussion, Issue, Memo
from .raster import Fonts, png

NAVY = RGBColor(0x1F, 0x3A, 0x5F)
MARGIN = Cm(2.2)
TEXT_WIDTH = Cm(21.0 - 2 * 2.2)
"""The width of the text block on an A4 page with the memo's margins."""
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
    if memo.kind == "brief":
        _brief(doc, memo)
    else:
        _bottom_line(doc, memo)
        _facts(doc, memo, notes)
        fonts = Fonts.installed()
        for issue in memo.issues:
            _issue(doc, issue, notes, fonts)
        _recommendations(doc, memo, len(memo.issues) + 3)
        _annexes(doc, memo)
    body.append(section_properties)
    notes.attach(doc)
    drop_thumbnail(doc)
    kind = "Brief" if memo.kind == "brief" else "Memorandum"
    fix_properties(doc, title=f"{kind}: {xml_text(memo.title)}", author=xml_text(memo.author or ""),
                   subject=xml_text(memo.re), date=memo.date)
    return save(doc)


def _base_styles(doc: Any) -> None:
    """The body font, heading colours, A4 page and margins."""
    normal = doc.styles["Normal"]
    normal.font.name = "Cambria"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for level in (1, 2, 3):
        doc.styles[f"Heading {level}"].font.color.rgb = NAVY
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


def _heading_p(doc: Any, text: str, level: int, *, page_break: bool = False) -> Any:
    """Append a heading: the Title style for level 0, Heading 1-9 otherwise."""
    p = _add_paragraph(doc, "Title" if level == 0 else f"Heading {level}")
    p.add_run(xml_text(text))
    p.paragraph_format.page_break_before = page_break or None
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


def _table(doc: Any, header: Sequence[str], rows: Sequence[Sequence[str]],
           notes: FootnoteWriter | None = None,
           cited: Sequence[tuple[int, Sequence[int]]] = ()) -> Any:
    """A grid table with a bold header row; ``cited`` footnotes (row, notes) go in the first
    cell of their row."""
    table = doc._body.add_table(len(rows) + 1, len(header), TEXT_WIDTH)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        run = cell.paragraphs[0].add_run(xml_text(text))
        run.bold = True
        run.font.size = Pt(9)
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.paragraphs[0].add_run(xml_text(text)).font.size = Pt(9.5)
    if notes is not None:
        for index, numbers in cited:
            notes.cite(table.rows[index + 1].cells[0].paragraphs[0], numbers)
    return table


def _heading(doc: Any, memo: Memo) -> None:
    """The title, the To/From/Date/Re table, abbreviations and a what-if memo's assumptions."""
    _heading_p(doc, "Brief" if memo.kind == "brief" else "Memorandum", 0)
    _para(doc, memo.title, bold=True, size=13)
    rows = [("To", memo.to)] + ([("From", memo.author)] if memo.author else []) + [
        ("Date", f"{memo.date_text} (the facts as known on that day)"), ("Re", memo.re)]
    table = doc._body.add_table(len(rows), 2, TEXT_WIDTH)
    table.style = doc.styles["Table Grid"]
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].width, row.cells[1].width = Cm(2.6), Cm(14.0)
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].paragraphs[0].add_run(xml_text(value))
    if memo.abbreviations:
        _runs(_add_paragraph(doc), (("Abbreviations: ", "i"), ("; ".join(
            f"{short}, {full}" for short, full in memo.abbreviations) + ".", "")))
    if memo.assumptions:
        _para(doc, "What-if memo. This memo supposes facts other than those of the scenario:",
              bold=True)
        for a in memo.assumptions:
            _para(doc, a, style="List Bullet")
        if memo.assumption_effect:
            _para(doc, memo.assumption_effect)


def _bottom_line(doc: Any, memo: Memo) -> None:
    """1. The numbered conclusions and the next steps."""
    _heading_p(doc, "1. Bottom line", 1)
    for point in memo.bottom_line:
        _para(doc, f"{point.text} (§ {point.section})", style="List Number")
    if memo.next_steps:
        _para(doc, "Next steps.", bold=True)
        for step in memo.next_steps:
            _para(doc, step, style="List Bullet")


def _facts(doc: Any, memo: Memo, notes: FootnoteWriter) -> None:
    """2. The facts, how sure each is, and the gaps that matter."""
    _heading_p(doc, "2. Facts and evidence", 1)
    if memo.summary:
        _para(doc, memo.summary)
    if memo.facts:
        _table(doc, ("Fact", "Status"), [(f.fact, f.status) for f in memo.facts], notes,
               [(i, f.notes) for i, f in enumerate(memo.facts)])
    _gaps(doc, memo, ("Fact", "Decides", "Known so far", "Who could establish it"))


def _gaps(doc: Any, memo: Memo, header: Sequence[str]) -> None:
    """The gaps that matter, as a table."""
    if not memo.gaps:
        return
    _para(doc, "The gaps that matter. The answers turn on these facts, which the facts do not "
               "establish:")
    _table(doc, header, [(g.fact, g.decides, g.known, g.who) for g in memo.gaps])


def _issue(doc: Any, issue: Issue, notes: FootnoteWriter, fonts: Fonts) -> None:
    """One legal issue: positions, plain answers, transfer tables, discussions, diagram."""
    _heading_p(doc, f"{issue.number}. {issue.title}", 1, page_break=True)
    for pos in issue.positions:
        p = _runs(_add_paragraph(doc), ((f"{pos.actor} {pos.verb} that {pos.claim}.", ""),))
        notes.cite(p, pos.notes)
    if issue.plain:
        _para(doc, "Plain answers.", bold=True)
        for c in issue.plain:
            notes.cite(_para(doc, c.text, style="List Bullet"), c.notes)
    for t in issue.tables:
        _para(doc, f"Transfer of {t.persons}.", bold=True)
        _table(doc, ("Destination", "Outcome", "Conditions", "Authority", "Reasons"),
               [(r.destination, r.outcome, r.conditions, r.authority,
                 ", ".join(f"§ {n}" for n in r.reasons)) for r in t.rows])
    for d in issue.discussions:
        _discussion(doc, d, notes)
    if issue.diagram is not None:
        caption = (f"Figure {issue.number - 2}. {issue.title}: each question, the facts an open "
                   "answer turns on, and the answers.")
        _figure(doc, png(graph_svg(issue.diagram), fonts), graph_outline(issue.diagram), caption)


def _discussion(doc: Any, d: Discussion, notes: FootnoteWriter) -> None:
    """One question: question, answer, law, application, versions, contested points."""
    _heading_p(doc, f"{d.number}. {d.title}" + (f": {d.subject}" if d.subject else ""), 2)
    _runs(_add_paragraph(doc), (("Question. ", "b"), (d.question, "")))
    if d.answer:
        _runs(_add_paragraph(doc), (("Answer. ", "b"), (d.answer, "")))
    if d.law:
        _heading_p(doc, "The law", 3)
        for c in d.law:
            notes.cite(_para(doc, c.text, style="Quote"), c.notes)
    if d.law_above:
        _para(doc, d.law_above)
    if d.application:
        _heading_p(doc, "Application", 3)
        p = _add_paragraph(doc)
        for passage in d.application:
            p.add_run(xml_text(passage.text + " "))
            notes.cite(p, passage.notes)
    if d.versions:
        _heading_p(doc, "Versions of the facts", 3)
        for number, v in enumerate(d.versions, start=1):
            who = f" (on the account of {v.accounts})" if v.accounts else ""
            p = _add_paragraph(doc)
            p.paragraph_format.left_indent = Cm(0.6)
            _runs(p, ((f"({number}) {v.lead}{who}: ", ""), (v.outcome, "b"), (". ", "")))
            for reason in v.reasons:
                p.add_run(xml_text(reason.text + " "))
                notes.cite(p, reason.notes)
        if d.further:
            _para(doc, d.further)
    if d.contested:
        _heading_p(doc, "Contested points of law", 3)
        for item in d.contested:
            _para(doc, item.issue, style="List Bullet")
            for number, view in enumerate(item.views, start=1):
                notes.cite(_para(doc, f"View {number}: {view.text}", style="List Bullet 2"),
                           view.notes)
            if item.weight:
                _para(doc, item.weight, style="List Bullet 2")
    if d.contested_above:
        _para(doc, d.contested_above)
    if d.changes:
        _runs(_add_paragraph(doc), (("What would change the answer. ", "b"),
                                    (" ".join(d.changes), "")))


def _figure(doc: Any, picture: bytes, outline: Sequence[str], caption: str) -> None:
    """A figure: the picture, the diagram's text outline as its alternative text, its caption."""
    p = _add_paragraph(doc)
    p.paragraph_format.keep_with_next = True
    shape = p.add_run().add_picture(io.BytesIO(picture), width=FIGURE_WIDTH)
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", xml_text("\n".join(outline)))
    doc_pr.set("title", xml_text(caption.split(". ", 1)[0]))
    _para(doc, caption, style="Caption")


def _recommendations(doc: Any, memo: Memo, number: int) -> None:
    """The recommendations."""
    if not memo.recommendations:
        return
    _heading_p(doc, f"{number}. Recommendations", 1, page_break=memo.kind != "brief")
    for r in memo.recommendations:
        _para(doc, r, style="List Number")


def _brief(doc: Any, memo: Memo) -> None:
    """The brief: bottom line, facts to establish, transfer tables, recommendations."""
    _heading_p(doc, "1. Bottom line", 1)
    _para(doc, "Section numbers (§) refer to the full memo.", italic=True, size=9)
    for point in memo.bottom_line:
        _para(doc, f"{point.text} (§ {point.section})", style="List Number")
    if memo.gaps:
        _heading_p(doc, "2. Facts to establish", 1)
        _table(doc, ("Fact", "Decides", "Who could establish it"),
               [(g.fact, g.decides, g.who) for g in memo.gaps[:4]])
    if memo.tables:
        _heading_p(doc, "3. Where they may be sent", 1)
        for t in memo.tables:
            _para(doc, f"{t.persons}.", bold=True)
            _table(doc, ("Destination", "Outcome", "Conditions"),
                   [(r.destination, r.outcome, r.conditions) for r in t.rows])
    _recommendations(doc, memo, 4 if memo.tables else 3)


def _annexes(doc: Any, memo: Memo) -> None:
    """The annexes: chronology, treaty participation, authorities, derivations."""
    if memo.chronology:
        _heading_p(doc, "Annex A. Chronology", 1, page_break=True)
        _table(doc, ("Date", "Event"), [
            (e.date, e.text + (" (after the date of this memo)" if e.kind == "later" else ""))
            for e in memo.chronology])
    if memo.treaties is not None:
        _heading_p(doc, "Annex B. Treaty participation", 1)
        _table(doc, ("State", *memo.treaties.treaties),
               [(state, *cells) for state, cells in memo.treaties.rows])
        if memo.treaties.notes:
            _para(doc, "Reservations and declarations:")
        for n in memo.treaties.notes:
            _para(doc, n, style="List Bullet")
    if memo.authorities:
        _heading_p(doc, "Annex C. Table of authorities", 1)
        for group in memo.authorities:
            _heading_p(doc, group.heading, 2)
            for entry in group.entries:
                _para(doc, entry, style="List Bullet")
    if memo.derivations:
        _heading_p(doc, "Annex D. Derivations", 1, page_break=True)
        _para(doc, "Each answer rests on the derivation below: every rule tried, each test it "
                   "made (✓ holds, ✗ does not hold, ? not known), the facts it read and their "
                   "sources.")
        for derived in memo.derivations:
            _heading_p(doc, f"{derived.number}. {derived.title}: {derived.subject}", 2)
            for line in derived.lines:
                p = _add_paragraph(doc)
                fmt = p.paragraph_format
                fmt.left_indent = Cm(0.5 * line.depth)
                fmt.space_after = Pt(1)
                text = f"{line.mark} {line.text}" if line.mark else line.text
                if line.link:
                    text += f" (derived in {line.link[0]})"
                run = p.add_run(xml_text(text))
                run.font.size = Pt(8.5)
                run.bold = line.kind == "conclusion" or None
                run.italic = line.kind == "omitted" or None
