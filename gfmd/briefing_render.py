"""A `Briefing` as Markdown and as a Word document, with the same content.

Data text must come out literally in both. In Markdown every character that Markdown,
HTML, Streamlit or LaTeX could read as markup is backslash-escaped, and line breaks are
flattened, so a title cannot open a heading, a link, a table cell or a script. In Word,
data text is added as plain runs (no style of its own) with the characters XML forbids
removed; nothing in it is parsed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from urllib.parse import quote

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Row
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from gfmd.briefing import (
    Briefing,
    Bullets,
    Paragraph,
    Sentence,
    SourceEntry,
    Spans,
    Subheading,
    Table,
    clean,
    plain,
)
from gfmd.messages import t

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MARKDOWN_MIME = "text/markdown"

# --- Markdown ------------------------------------------------------------------------------

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones that can
# start markup in CommonMark, GFM, HTML, Streamlit (:emoji:, :color[]) or LaTeX ($).
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:=&^])")
# Characters a URL keeps in an autolink; the rest (spaces, <, >, quotes) are %-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def escape_markdown(text: str) -> str:
    """Data text that every Markdown renderer shows literally, on one line."""
    return _MD_SPECIALS.sub(r"\\\1", clean(text))


def _md_spans(spans: Spans) -> str:
    return "".join(escape_markdown(s.text) if s.data else s.text for s in spans)


def _md_sentences(b: Briefing, sentences: Iterable[Sentence]) -> str:
    parts = []
    for sentence in sentences:
        refs = b.refs(sentence.sources)
        parts.append(f"{_md_spans(sentence.spans)} {refs}" if refs else _md_spans(sentence.spans))
    return " ".join(parts)


def _md_table(b: Briefing, table: Table) -> list[str]:
    columns = [*table.columns, t("briefing.col.sources")]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in table.rows:
        cells = [_md_spans(cell) for cell in row.cells] + [b.refs(row.sources)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _md_source(entry: SourceEntry) -> str:
    text = f"{entry.number}. {escape_markdown(_stop(entry.title))} "
    text += escape_markdown(_stop(entry.publisher))
    if entry.url:
        # An autolink: shown as written, never parsed; percent-encoding keeps it closed.
        text += f" <{quote(clean(entry.url), safe=_URL_SAFE)}>"
    else:
        text += " " + t("briefing.source.no_url")
    return f"{text} {t(f'briefing.source.kind.{entry.kind}')}"


def _stop(text: str) -> str:
    """Text ending with a full stop, unless it already ends a sentence ('…?')."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."


def to_markdown(b: Briefing) -> str:
    """The briefing as GitHub-flavoured Markdown."""
    lines = [f"# {b.title}", ""]
    lines += [f"- **{label}:** {_md_spans(value)}" for label, value in b.details]
    for section in b.sections:
        lines += ["", f"## {section.heading}"]
        for block in section.blocks:
            lines.append("")
            if isinstance(block, Subheading):
                lines.append(f"### {block.text}")
            elif isinstance(block, Paragraph):
                lines.append(_md_sentences(b, block.sentences))
            elif isinstance(block, Bullets):
                lines += [f"- {_md_sentences(b, item.sentences)}" for item in block.items]
            elif isinstance(block, Table):
                lines += _md_table(b, block)
    lines += ["", f"## {t('briefing.section.sources')}", ""]
    lines += [_md_source(entry) for entry in b.sources]
    return "\n".join(lines) + "\n"


# --- Word ------------------------------------------------------------------------------------

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
    _run(p, f"{_stop(entry.title)} {_stop(entry.publisher)} ")
    if entry.url:
        _hyperlink(p, clean(entry.url))
        p.add_run(" ")
    else:
        p.add_run(t("briefing.source.no_url") + " ")
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
    footer = section.footer.paragraphs[0]
    footer.add_run(t("briefing.doc.footer") + " · ")
    _page_number(footer)
    props = doc.core_properties
    props.title = b.title
    props.subject = clean(plain(b.details[0][1]))  # the themes
    props.author = t("app.short_title")
    props.last_modified_by = t("app.short_title")
    props.comments = ""
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    props.keywords = "GFMD; Morocco; briefing"


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
