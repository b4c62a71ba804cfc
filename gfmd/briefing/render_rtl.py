"""Right-to-left Word documents: what an Arabic note needs on top of the common layout.

Every paragraph is marked bidi (it reads from the right), every run right to left, tables
are mirrored (their first column on the right), and the document names an Arabic-capable
font for complex scripts, so Word and LibreOffice shape the text without guessing.
Numbers, codes and official English titles keep their own direction inside the text: the
Unicode bidirectional algorithm does that once the paragraph direction is right.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

ARABIC_FONT = "Arial"  # ships with Word; Debian's LibreOffice maps it to Liberation Sans
BIDI_LANGUAGE = "ar-MA"


def _flag(parent: OxmlElement, tag: str) -> None:
    """Add `<tag/>` (a true flag) to `parent` unless it is there."""
    if parent.find(qn(tag)) is None:
        parent.append(OxmlElement(tag))


def _paragraphs(doc: Document) -> list:
    body = doc.element.body
    parts = [body, *(s.header._element for s in doc.sections),
             *(s.footer._element for s in doc.sections)]
    return [p for part in parts for p in part.iter(qn("w:p"))]


def _complex_sizes(doc: Document) -> None:
    """Give Arabic the sizes the layout gives Latin text: Word sizes complex scripts by
    `w:szCs`, which python-docx's `font.size` leaves at the template's 11 pt, so an
    Arabic one-page note was set larger than its French twin and ran to two pages."""
    rprs = [s.element.rPr for s in doc.styles if getattr(s.element, "rPr", None) is not None]
    rprs += [r.rPr for p in _paragraphs(doc) for r in p.iter(qn("w:r"))
             if r.rPr is not None]
    for rpr in rprs:
        size = rpr.find(qn("w:sz"))
        if size is None:
            continue
        cs = rpr.find(qn("w:szCs"))
        if cs is None:
            cs = OxmlElement("w:szCs")
            size.addnext(cs)
        cs.set(qn("w:val"), size.get(qn("w:val")))


def make_rtl(doc: Document) -> None:
    """Turn a finished document right to left, in place."""
    _complex_sizes(doc)
    normal = doc.styles["Normal"].element.get_or_add_rPr()
    fonts = normal.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        normal.append(fonts)
    fonts.set(qn("w:cs"), ARABIC_FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:bidi"), BIDI_LANGUAGE)
    normal.append(lang)
    for p in _paragraphs(doc):
        _flag(p.get_or_add_pPr(), "w:bidi")
        for r in p.iter(qn("w:r")):
            _flag(r.get_or_add_rPr(), "w:rtl")
    for tbl in doc.element.body.iter(qn("w:tbl")):
        _flag(tbl.tblPr, "w:bidiVisual")
