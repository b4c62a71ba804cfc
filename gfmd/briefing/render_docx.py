"""A `Briefing` as a Word document (python-docx): A4, headings, tables with repeated
header rows, hyperlinked numbered sources, page numbers.

Data text is added as plain runs (no style of its own) with the characters XML forbids
removed; nothing in it is parsed.
"""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
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
from gfmd.briefing.text import plain
from gfmd.markdown import clean
from gfmd.messages import t

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_STYLES = ("Title", "Heading 1", "Heading 2", "List Bullet")
_MARGIN = Mm(20)
_HANG = Mm(10)
_TEXT_WIDTH_MM = 210 - 2 * 20
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


def _widths(rows: list[list[str]]) -> list[float]:
    """Column widths in mm: each wide enough for its longest word (so short words do not
    break), the rest of the line shared out by how much text each column holds on average."""
    columns = list(zip(*rows, strict=True))
    floors = [min(max(len(word) for text in col for word in (text.split() or [""]))
                  * _MM_PER_CHAR + _CELL_PADDING_MM, _MAX_FLOOR_MM) for col in columns]
    if sum(floors) > _TEXT_WIDTH_MM:
        floors = [f * _TEXT_WIDTH_MM / sum(floors) for f in floors]
    weights = [min(sum(len(text) for text in col) / len(col), 60) or 1 for col in columns]
    spare = _TEXT_WIDTH_MM - sum(floors)
    return [f + spare * w / sum(weights) for f, w in zip(floors, weights, strict=True)]


def _table(b: Briefing, doc: Document, table: Table) -> None:
    header = [*table.columns, t("briefing.col.sources")]
    body = [[clean(plain(cell)) for cell in row.cells] + [b.refs(row.sources)]
            for row in table.rows]
    out = doc.add_table(rows=1, cols=len(header))
    out.style = "Table Grid"
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    out.autofit = False
    widths = [Mm(w) for w in _widths([header, *body])]
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
    doc.add_paragraph()


def _hyperlink(paragraph: DocxParagraph, url: str) -> None:
    """A clickable URL, its text shown as written."""
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
    text.text = url
    run.extend([props, text])
    link.append(run)
    paragraph._p.append(link)


def _source(doc: Document, entry: SourceEntry) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.left_indent = _HANG
    p.paragraph_format.first_line_indent = -_HANG
    p.paragraph_format.tab_stops.add_tab_stop(_HANG)
    p.paragraph_format.space_after = Pt(3)
    p.add_run(f"[{entry.number}]\t").bold = True
    _run(p, f"{stop(entry.title)} {stop(entry.publisher)} ")
    if entry.url:
        _hyperlink(p, clean(entry.url))
        p.add_run(" ")
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


def _setup(doc: Document, b: Briefing) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, _MARGIN)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    for name in ("Title", "Heading 1", "Heading 2"):
        doc.styles[name].font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
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
    props.keywords = "GFMD; Morocco; briefing"


def _theme_label(b: Briefing) -> str:
    labels = dict(b.details)
    return t("briefing.doc.themes") if t("briefing.doc.themes") in labels \
        else t("briefing.doc.theme")


def to_docx(b: Briefing) -> bytes:
    """The briefing as a Word document: A4, real headings, tables, numbered sources."""
    doc = docx.Document()
    _setup(doc, b)
    ids = {name: doc.styles[name].style_id for name in _STYLES}
    _styled(doc, ids["Title"], b.title)
    for label, value in b.details:
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        _run(p, f"{label}: ").bold = True
        _run(p, plain(value))
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
                _table(b, doc, block)
    _styled(doc, ids["Heading 1"], t("briefing.section.sources"))
    for entry in b.sources:
        _source(doc, entry)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
