"""Real Word footnotes for python-docx, which has no footnote API.

A Word footnote is a ``w:footnote`` in the part ``word/footnotes.xml`` (related to the document by
the footnotes relationship, with its own content type), referred to from the body by a run holding
``w:footnoteReference w:id="n"``. Word expects two special notes first: the separator (id -1) and
the continuation separator (id 0); real notes are numbered from 1, and Word shows them numbered
in the order their references appear in the body.

A memo cites the same note in several places. Word gives each footnote one reference, so the first
citation of a note is its ``w:footnoteReference`` (inside a bookmark) and every later citation is
a ``NOTEREF`` field to that bookmark, formatted as a footnote mark and holding the number as its
result, as Word's own cross-references do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from ..terminal import visible

FOOTNOTES_PART = "/word/footnotes.xml"
FOOTNOTES_CONTENT_TYPE: str = CONTENT_TYPE.WML_FOOTNOTES
FOOTNOTES_RELATIONSHIP: str = RELATIONSHIP_TYPE.FOOTNOTES

_INVALID_XML = re.compile("[\ufffe\uffff]")

STYLES_XML = (
    f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="FootnoteText">'
    '<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>'
    '<w:unhideWhenUsed/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>',
    f'<w:style {nsdecls("w")} w:type="character" w:styleId="FootnoteReference">'
    '<w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
    '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/>'
    '</w:rPr></w:style>',
)
"""Word's built-in footnote styles (the default template lacks them)."""


def xml_text(text: str) -> str:
    """``text`` as XML 1.0 can hold it: control characters written as visible escapes, as in
    the other formats, and the two non-characters U+FFFE and U+FFFF left out.

    >>> xml_text("a\\x01b\\tc")
    'a\\\\x01b\\tc'
    """
    return _INVALID_XML.sub("", visible(text))


def add_footnote_styles(document: Any) -> None:
    """Add the ``footnote text`` and ``footnote reference`` styles to a document."""
    styles = document.styles.element
    for xml in STYLES_XML:
        styles.append(parse_xml(xml))


def _separator(note_id: int, kind: str) -> str:
    """A separator footnote (``separator`` or ``continuationSeparator``) with its id."""
    return (f'<w:footnote w:type="{kind}" w:id="{note_id}"><w:p><w:pPr><w:spacing w:after="0" '
            f'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:{kind}/></w:r></w:p></w:footnote>')


def footnotes_xml(notes: Iterable[tuple[int, str]]) -> bytes:
    """The footnotes part: the two separators, then each (Word id, text) as a footnote."""
    root = parse_xml(f'<w:footnotes {nsdecls("w")}>' + _separator(-1, "separator")
                     + _separator(0, "continuationSeparator") + "</w:footnotes>")
    for note_id, text in notes:
        note = OxmlElement("w:footnote", {qn("w:id"): str(note_id)})
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        ppr.append(OxmlElement("w:pStyle", {qn("w:val"): "FootnoteText"}))
        p.append(ppr)
        mark = _run_with_style()
        mark.append(OxmlElement("w:footnoteRef"))
        p.append(mark)
        p.append(_text_run(" " + text))
        note.append(p)
        root.append(note)
    data: bytes = serialize_part_xml(root)
    return data


def _run_with_style() -> Any:
    """An empty run in the footnote reference style."""
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:rStyle", {qn("w:val"): "FootnoteReference"}))
    run.append(rpr)
    return run


def _text_run(text: str) -> Any:
    """A run holding ``text`` (spaces kept)."""
    run = OxmlElement("w:r")
    t = OxmlElement("w:t", {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
    t.text = xml_text(text)
    run.append(t)
    return run


@dataclass
class FootnoteWriter:
    """Writes footnote references into paragraphs and, at the end, the footnotes part.

    Word ids are given in the order notes are first cited, which is the order Word numbers them,
    so a note's number in Word is its id.
    """

    texts: Mapping[int, str]
    """Each memo note's text, by its number in the memo model."""
    ids: dict[int, int] = field(default_factory=dict)
    """Memo note number → Word footnote id."""

    def cite(self, paragraph: Any, numbers: Iterable[int]) -> None:
        """Append references to the notes ``numbers`` at the end of ``paragraph``."""
        p = paragraph._p
        for i, number in enumerate(numbers):
            if i:
                comma = _run_with_style()
                t = OxmlElement("w:t")
                t.text = ","
                comma.append(t)
                p.append(comma)
            if number in self.ids:
                self._cross_reference(p, self.ids[number])
                continue
            note_id = len(self.ids) + 1
            self.ids[number] = note_id
            name = f"_RefNote{note_id}"
            p.append(OxmlElement("w:bookmarkStart", {qn("w:id"): str(note_id), qn("w:name"): name}))
            run = _run_with_style()
            run.append(OxmlElement("w:footnoteReference", {qn("w:id"): str(note_id)}))
            p.append(run)
            p.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): str(note_id)}))

    @staticmethod
    def _cross_reference(p: Any, note_id: int) -> None:
        """A NOTEREF field to the bookmark of an earlier reference, showing its number."""
        def field_char(kind: str) -> Any:
            """A run holding a field character (begin, separate or end)."""
            run = OxmlElement("w:r")
            run.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))
            return run

        p.append(field_char("begin"))
        instr = OxmlElement("w:r")
        text = OxmlElement("w:instrText", {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
        text.text = f" NOTEREF _RefNote{note_id} \\f \\h "
        instr.append(text)
        p.append(instr)
        p.append(field_char("separate"))
        result = _run_with_style()
        t = OxmlElement("w:t")
        t.text = str(note_id)
        result.append(t)
        p.append(result)
        p.append(field_char("end"))

    def notes(self) -> list[tuple[int, str]]:
        """(Word id, text) of every note cited, in id order."""
        return sorted((note_id, self.texts[number]) for number, note_id in self.ids.items())

    def attach(self, document: Any) -> None:
        """Add the footnotes part to ``document`` and tell Word which notes are separators."""
        part = Part(PackURI(FOOTNOTES_PART), FOOTNOTES_CONTENT_TYPE, footnotes_xml(self.notes()),
                    document.part.package)
        document.part.relate_to(part, FOOTNOTES_RELATIONSHIP)
        settings = document.settings.element
        pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
                       '<w:footnote w:id="0"/></w:footnotePr>')
        settings.insert_element_before(pr, "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
                                       "m:mathPr", "w:attachedSchema", "w:themeFontLang",
                                       "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
                                       "w:doNotAutoCompressPictures", "w:forceUpgrade",
                                       "w:captions", "w:readModeInkLockDown", "w:smartTagType",
                                       "sl:schemaLibrary", "w:shapeDefaults",
                                       "w:doNotEmbedSmartTags", "w:decimalSymbol",
                                       "w:listSeparator")
