"""The Word briefing reopens with python-docx: A4, real headings, tables, numbered sources."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn

from gfmd.briefing import Briefing, BriefingRequest, compose, to_docx
from gfmd.record.dataset import Dataset
from gfmd.text.messages import use_language


@pytest.fixture(scope="module")
def labour(dataset: Dataset) -> tuple[Briefing, Document]:
    b = compose(dataset, BriefingRequest(themes=("labour-mobility",), years=(2010, 2018),
                                         meeting="GFMD workshop on labour migration",
                                         meeting_date=dt.date(2026, 3, 10),
                                         prepared_by="Directorate of Migration Affairs",
                                         classification="For internal use",
                                         prepared_on=dt.date(2026, 3, 1), version="abc123"))
    return b, docx.Document(io.BytesIO(to_docx(b)))


def headings(doc: Document, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def test_page_is_a4_portrait(labour: tuple[Briefing, Document]) -> None:
    section = labour[1].sections[0]
    size = (round(section.page_width.mm, 1), round(section.page_height.mm, 1))
    assert size == (210.0, 297.0)  # stored in twentieths of a point
    assert round(section.left_margin.mm) == round(section.right_margin.mm) == 20


def test_headings_use_word_heading_styles(labour: tuple[Briefing, Document]) -> None:
    _, doc = labour
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == [
        "Briefing note: Morocco in the Global Forum on Migration and Development"]
    assert headings(doc, 1) == [
        "Key messages", "Counterparts on these themes", "Since the last forum",
        "Roles and meetings on these themes",
        "Context: the Forum's structure and Morocco's contributions",
        "National figures and Platform for Partnerships practices", "Caveats", "Sources"]
    assert doc.core_properties.title == labour[0].title


def test_heading_block_a_ministry_uses(labour: tuple[Briefing, Document]) -> None:
    texts = [p.text for p in labour[1].paragraphs]
    start = texts.index("Meeting: GFMD workshop on labour migration")
    assert texts[start:start + 7] == [
        "Meeting: GFMD workshop on labour migration",
        "Date of the meeting: 10 March 2026",
        "Date prepared: 1 March 2026",
        "Prepared by: Directorate of Migration Affairs",
        "Classification: For internal use",
        "Theme: Labour mobility and skills",
        "Years: 2010–2018"]
    assert any(t.startswith("Purpose: Background for the meeting above") for t in texts)
    assert not any("abc123" in t for t in texts)  # the data version is not in the body
    header = labour[1].sections[0].header.paragraphs[0].text
    assert header == "For internal use"  # on every page


def test_data_version_in_properties_and_footer(labour: tuple[Briefing, Document]) -> None:
    doc = labour[1]
    props = doc.core_properties
    assert props.version == "abc123"
    assert props.comments == "Data version abc123"
    assert props.subject == "Labour mobility and skills"
    assert props.category == "For internal use"
    footer = doc.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Morocco in the GFMD: briefing note · Data version abc123 · ")


def test_one_table_of_roles_and_meetings(labour: tuple[Briefing, Document]) -> None:
    tables = labour[1].tables
    assert len(tables) == 2  # counterparts, and roles and meetings: no money table
    counterparts, record = tables
    assert [c.text for c in counterparts.rows[0].cells] == [
        "Government", "Years", "Together on", "Sources"]
    assert [c.text for c in record.rows[0].cells] == [
        "When", "Role", "Roundtable or meeting", "With", "Sources"]
    assert len(record.rows) == 6
    assert [c.text for c in record.rows[-1].cells][:3] == [
        "3 May 2018", "Participated",
        "Thematic meeting: “Labour Migration and Skills”, Geneva, Switzerland"]
    assert len(record.rows[0]._tr.trPr.xpath("./w:tblHeader")) == 1  # repeats on each page


def test_facts_carry_their_reference_numbers(labour: tuple[Briefing, Document]) -> None:
    bullets = [p.text for p in labour[1].paragraphs if p.style.name == "List Bullet"]
    assert bullets[2].startswith("Morocco co-chaired the Global Forum with Germany in "
                                 "2017–2018 and hosted its 11th Summit in Marrakesh")
    assert bullets[2].endswith("Days later, the same city hosted the "
                               "Intergovernmental Conference to Adopt the Global Compact for "
                               "Safe, Orderly and Regular Migration (10–11 December 2018), a "
                               "separate United Nations meeting, not a GFMD one. [7]")


def test_numbered_source_list_with_urls(labour: tuple[Briefing, Document]) -> None:
    b, doc = labour
    paragraphs = doc.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Sources") + 1
    sources = paragraphs[start:]
    assert len(sources) == len(b.sources)
    for p, entry in zip(sources, b.sources, strict=True):
        assert p.text.startswith(f"[{entry.number}]\t{entry.title}")
        if entry.url:
            assert [h.url for h in p.hyperlinks] == [entry.url]
        else:
            assert "No URL recorded" not in p.text and not p.hyperlinks
            assert "method note" in p.text  # the one source without an address


@pytest.mark.parametrize(("lang", "proofing", "keyword"), [
    ("en", "en-GB", "briefing note"), ("fr", "fr-FR", "note d'information"),
    ("ar", "ar-MA", "مذكرة إحاطة")])
def test_word_checks_the_note_in_its_own_language(dataset: Dataset, lang: str, proofing: str,
                                                  keyword: str) -> None:
    """Never the template's US English, which makes Word underline every French and Arabic
    word (language review F27, A16): the defaults, every style and every run."""
    with use_language(lang):
        b = compose(dataset, BriefingRequest(themes=("diaspora-development",), short=True))
    doc = docx.Document(io.BytesIO(to_docx(b)))
    lang_tag, bidi_tag = qn("w:val"), qn("w:bidi")
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    marks = [defaults.find(qn("w:rPr")).find(qn("w:lang"))]
    marks += [r._r.rPr.find(qn("w:lang")) for p in doc.paragraphs for r in p.runs]
    marks += [r._r.rPr.find(qn("w:lang")) for t in doc.tables for row in t.rows
              for c in row.cells for p in c.paragraphs for r in p.runs]
    assert all(m is not None and m.get(lang_tag) == proofing and m.get(bidi_tag) == "ar-MA"
               for m in marks)
    xml = doc.styles.element.xml + doc.element.xml
    assert "en-US" not in xml
    assert keyword in doc.core_properties.keywords
    assert "Morocco" not in doc.core_properties.keywords or lang == "en"


def test_arabic_text_is_set_at_the_layouts_sizes(dataset: Dataset) -> None:
    """Word sizes Arabic by w:szCs: left at the template's 11 pt, the Arabic one-page note
    ran to two pages (walk review F36)."""
    with use_language("ar"):
        b = compose(dataset, BriefingRequest(themes=("diaspora-development",), short=True))
    doc = docx.Document(io.BytesIO(to_docx(b)))
    for name in ("Normal", "Heading 1", "Title", "Source List"):
        rpr = doc.styles[name].element.rPr
        assert rpr.find(qn("w:szCs")).get(qn("w:val")) == rpr.find(qn("w:sz")).get(qn("w:val"))


def test_the_one_page_note_shows_each_sources_site_and_links_its_address(
        dataset: Dataset) -> None:
    b = compose(dataset, BriefingRequest(themes=("diaspora-development",), short=True))
    doc = docx.Document(io.BytesIO(to_docx(b)))
    listed = [p for p in doc.paragraphs if p.style.name == "Source List"]
    first = next(p for p in listed if p.hyperlinks)
    entry = next(e for e in b.sources if e.url and f"[{e.number}]" in first.text)
    assert first.hyperlinks[0].url == entry.url
    assert first.hyperlinks[0].text == "gfmd.org" and entry.url not in first.text
