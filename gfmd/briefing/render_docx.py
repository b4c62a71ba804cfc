"""A `Briefing` as a Word document (python-docx): A4, headings, tables with repeated
header rows, hyperlinked numbered sources, page numbers.

Data text is added as plain runs (no style of its own) with the characters XML forbids
removed; nothing in it is parsed.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Row
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from gfmd.briefing.model import (
    Briefing,
    Bullets,
    Paragraph,
    Sentence,
    SourceEntry,
    Subheading,
    Table,
)
from gfmd.briefing.render_markdown import footer, stop
from gfmd.briefing.render_rtl import make_rtl
from gfmd.briefing.text import plain
from gfmd.text.markdown import clean
from gfmd.text.messages import is_rtl, t, use_language

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_STYLES = ("Title", "Heading 1", "Heading 2", "List Bullet")
_HANG = Mm(10)


@dataclass(frozen=True)
class _Layout:
    """Page and type sizes: the full note reads comfortably; the short note is set tighter
    so that it fits one A4 page for a minister's folder."""

    margin_mm: int
    body_pt: float
    space_pt: float
    title_pt: float
    heading_pt: float
    source_pt: float

    @property
    def text_width_mm(self) -> float:
        return 210 - 2 * self.margin_mm


_FULL = _Layout(margin_mm=20, body_pt=10.5, space_pt=4, title_pt=24, heading_pt=14,
                source_pt=10.5)
_SHORT = _Layout(margin_mm=11, body_pt=8.5, space_pt=1.5, title_pt=13, heading_pt=10.5,
                 source_pt=7)
_MM_PER_CHAR = 2.4  # a bold 10.5 pt character in a wide fallback font
_CELL_PADDING_MM = 4.5
_MAX_FLOOR_MM = 40.0


def _run(paragraph: DocxParagraph, text: str) -> Run:
    """`text` as one plain run, no style of its own. Its characters go into the XML as they
    are (python-docx's `add_run(text)` rebuilds the text one character at a time)."""
    run = paragraph.add_run()
    run._r.add_t(clean(text))
    return run


def _styled(doc: Document, style_id: str | None, text: str | None = None) -> DocxParagraph:
    """A new paragraph in the style with `style_id`. Setting the id directly: python-docx
    looks a style name up by scanning every style, which took most of the build time."""
    p = doc.add_paragraph()
    if style_id:
        p._p.style = style_id
    if text is not None:
        _run(p, text)
    return p


def _paragraph(b: Briefing, doc: Document, sentences: tuple[Sentence, ...],
               style_id: str | None = None) -> None:
    parts = []
    for sentence in sentences:
        refs = b.refs(sentence.sources)
        parts.append(f"{plain(sentence.spans)} {refs}" if refs else plain(sentence.spans))
    _run(_styled(doc, style_id), " ".join(parts))


def _row_flag(row: _Row, tag: str) -> None:
    """Switch on a row property: `w:tblHeader` (repeat on every page), `w:cantSplit`."""
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _widths(rows: list[list[str]], text_width_mm: float, pt: float) -> list[float]:
    """Column widths in mm: each wide enough for its longest word (so short words do not
    break), the rest of the line shared out by how much text each column holds on average."""
    columns = list(zip(*rows, strict=True))
    per_char = _MM_PER_CHAR * pt / _FULL.body_pt
    floors = [min(max(len(word) for text in col for word in (text.split() or [""]))
                  * per_char + _CELL_PADDING_MM, _MAX_FLOOR_MM) for col in columns]
    if sum(floors) > text_width_mm:
        floors = [f * text_width_mm / sum(floors) for f in floors]
    weights = [min(sum(len(text) for text in col) / len(col), 60) or 1 for col in columns]
    spare = text_width_mm - sum(floors)
    return [f + spare * w / sum(weights) for f, w in zip(floors, weights, strict=True)]


def _table(b: Briefing, doc: Document, table: Table, layout: _Layout) -> None:
    header = [*table.columns, t("briefing.col.sources")]
    body = [[clean(plain(cell)) for cell in row.cells] + [b.refs(row.sources)]
            for row in table.rows]
    out = doc.add_table(rows=1, cols=len(header))
    out.style = "Table Grid"
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    out.autofit = False
    widths = [Mm(w) for w in _widths([header, *body], layout.text_width_mm,
                                     layout.body_pt - 0.5)]
    for cell, text in zip(out.rows[0].cells, header, strict=True):
        _run(cell.paragraphs[0], text).bold = True
    _row_flag(out.rows[0], "w:tblHeader")
    for values in body:
        row = out.add_row()
        _row_flag(row, "w:cantSplit")
        for cell, text in zip(row.cells, values, strict=True):
            _run(cell.paragraphs[0], text)
    # Word reads the cell widths, LibreOffice the column grid: set both.
    for column, width in zip(out.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    doc.add_paragraph().paragraph_format.space_after = Pt(0)


def _readable(url: str) -> str:
    """The address as a reader types it: percent-encoded letters (Arabic, accents) shown as
    letters, so a printed address stays short; spaces and controls stay encoded."""
    shown = unquote(url)
    return url if any(c.isspace() or not c.isprintable() for c in shown) else shown


def _hyperlink(paragraph: DocxParagraph, url: str, shown: str | None = None) -> None:
    """A clickable URL; the link keeps the address as stored, the text shows it readably
    (or `shown`: the site alone, where the one-page note has no room for the address)."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0563C1")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.extend([color, underline])
    text = OxmlElement("w:t")
    text.set(qn("xml:space"), "preserve")
    text.text = shown or _readable(url)
    run.extend([props, text])
    link.append(run)
    paragraph._p.append(link)


def _site(url: str) -> str:
    """'https://www.gfmd.org/news/…' -> 'gfmd.org': what a printed one-page note shows of
    an address, the link itself keeping the whole of it."""
    host = urlparse(url).hostname or url
    return host.removeprefix("www.")


def _source(doc: Document, entry: SourceEntry, style_id: str, kind: bool = True) -> None:
    p = _styled(doc, style_id)
    p.paragraph_format.left_indent = _HANG
    p.paragraph_format.first_line_indent = -_HANG
    p.paragraph_format.tab_stops.add_tab_stop(_HANG)
    p.add_run(f"[{entry.number}]\t").bold = True
    _run(p, f"{stop(entry.title)} {stop(entry.publisher)} ")
    if entry.url:  # the short note shows the site only: the full note has the address
        _hyperlink(p, clean(entry.url), None if kind else _site(entry.url))
        p.add_run(" ")
    if kind:  # the short note leaves the kind of source to the full note
        p.add_run(t(f"briefing.source.kind.{entry.kind}")).italic = True


def _page_number(paragraph: DocxParagraph) -> None:
    """A PAGE field, which Word and LibreOffice fill in."""
    begin, end = OxmlElement("w:fldChar"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    end.set(qn("w:fldCharType"), "end")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    for element in (begin, instr, end):  # one run each, as Word writes them
        paragraph.add_run()._r.append(element)


def _setup(doc: Document, b: Briefing, layout: _Layout) -> str:
    """Page, styles, header, footer and properties; returns the source list's style id."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(layout.margin_mm))
    section.header_distance = section.footer_distance = Mm(layout.margin_mm / 2)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(layout.body_pt)
    normal.paragraph_format.space_after = Pt(layout.space_pt)
    for name, size in (("Title", layout.title_pt), ("Heading 1", layout.heading_pt),
                       ("Heading 2", layout.heading_pt - 1)):
        doc.styles[name].font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        doc.styles[name].font.size = Pt(size)
    doc.styles["Heading 1"].paragraph_format.space_before = Pt(layout.heading_pt)
    doc.styles["Title"].paragraph_format.space_after = Pt(layout.heading_pt)
    doc.styles["Table Grid"].font.size = Pt(layout.body_pt - 0.5)
    sources = doc.styles.add_style("Source List", WD_STYLE_TYPE.PARAGRAPH)
    sources.base_style = normal
    sources.font.size = Pt(layout.source_pt)
    sources.paragraph_format.space_after = Pt(layout.space_pt - 1)
    small = section.footer.paragraphs[0]
    _run(small, footer(b) + " · ").font.size = Pt(8)
    _page_number(small)
    if b.classification:  # on every page, as a ministry marks its papers
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(header, b.classification).bold = True
    props = doc.core_properties
    props.title = b.title
    props.subject = clean(plain(dict(b.details)[_theme_label(b)]))
    props.author = t("app.short_title")
    props.last_modified_by = t("app.short_title")
    props.comments = t("briefing.doc.data_version", version=b.version) if b.version else ""
    props.version = b.version or ""
    props.category = b.classification
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    props.keywords = t("briefing.doc.keywords")
    return sources.style_id


# The language Word checks spelling in: the note's, never the template's US English; an
# Arabic word (or an Arabic name in a French note) is checked as Moroccan Arabic.
PROOFING = {"en": "en-GB", "fr": "fr-FR", "ar": "ar-MA"}
BIDI_PROOFING = "ar-MA"


def _proofing(doc: Document, lang: str) -> None:
    """Mark the document's defaults, every style and every run with the note's language,
    so Word and LibreOffice spell-check French as French and Arabic as Arabic."""
    tag = PROOFING.get(lang, "en-GB")
    holders = list(doc.styles.element.iterfind(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"))
    holders += [s.element.get_or_add_rPr() for s in doc.styles
                if s.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER)]
    body = doc.element.body
    parts = [body, *(s.header._element for s in doc.sections),
             *(s.footer._element for s in doc.sections)]
    holders += [r.get_or_add_rPr() for part in parts for r in part.iter(qn("w:r"))]
    for rpr in holders:
        found = rpr.find(qn("w:lang"))
        if found is None:
            found = OxmlElement("w:lang")
            rpr.append(found)
        found.set(qn("w:val"), tag)
        found.set(qn("w:bidi"), BIDI_PROOFING)
        found.attrib.pop(qn("w:eastAsia"), None)


def _theme_label(b: Briefing) -> str:
    labels = dict(b.details)
    return t("briefing.doc.themes") if t("briefing.doc.themes") in labels \
        else t("briefing.doc.theme")


def _details(doc: Document, b: Briefing) -> None:
    """The heading block, a line each; the short note runs the short fields on together
    (the purpose keeps its own line) to leave the page to the messages."""
    purpose = t("briefing.doc.purpose")
    p = None
    for label, value in b.details:
        if p is None or not b.short or label == purpose:
            p = doc.add_paragraph()
            p.paragraph_format.space_after = Pt(0)
        else:
            _run(p, "   ·   ")
        _run(p, t("format.label", label=label) + " ").bold = True
        _run(p, plain(value))
        if label == purpose:
            p = None


def to_docx(b: Briefing) -> bytes:
    """The briefing as a Word document, in its own language (Streamlit builds it on the
    click, in a thread that knows no page): A4, real headings, tables, numbered sources."""
    with use_language(b.language):
        return _docx(b)


def _docx(b: Briefing) -> bytes:
    doc = docx.Document()
    layout = _SHORT if b.short else _FULL
    source_style = _setup(doc, b, layout)
    ids = {name: doc.styles[name].style_id for name in _STYLES}
    _styled(doc, ids["Title"], b.title)
    _details(doc, b)
    for section in b.sections:
        _styled(doc, ids["Heading 1"], section.heading)
        for block in section.blocks:
            if isinstance(block, Subheading):
                _styled(doc, ids["Heading 2"], block.text)
            elif isinstance(block, Paragraph):
                _paragraph(b, doc, block.sentences)
            elif isinstance(block, Bullets):
                for item in block.items:
                    _paragraph(b, doc, item.sentences, ids["List Bullet"])
            elif isinstance(block, Table):
                _table(b, doc, block, layout)
    _styled(doc, ids["Heading 1"], t("briefing.section.sources"))
    for entry in b.sources:
        _source(doc, entry, source_style, kind=not b.short)
    if is_rtl():
        make_rtl(doc)
    _proofing(doc, b.language)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
