"""The Word briefing reopens with python-docx: A4, real headings, tables, numbered sources."""

from __future__ import annotations

import io

import docx
import pytest
from docx.document import Document

from gfmd.briefing import Briefing, BriefingRequest, compose, to_docx
from gfmd.dataset import Dataset


@pytest.fixture(scope="module")
def labour(dataset: Dataset) -> tuple[Briefing, Document]:
    b = compose(dataset, BriefingRequest(themes=("labour-mobility",), years=(2010, 2018),
                                         meeting="GFMD workshop on labour migration",
                                         version="abc123"))
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
        "Summary", "Talking points", "Roles on these themes", "Related thematic meetings",
        "Context: the Forum's structure and Morocco's contributions",
        "National figures and Platform for Partnerships practices", "Caveats", "Sources"]
    assert headings(doc, 2) == [
        "Morocco's roles in the Forum's structure", "Contributions, 2010–2018",
        "National figures", "Platform for Partnerships practices", "How the record is read",
        "Where sources differ or add detail", "What is unknown"]
    assert doc.core_properties.title == labour[0].title


def test_header_lists_the_selection(labour: tuple[Briefing, Document]) -> None:
    texts = [p.text for p in labour[1].paragraphs]
    assert "Theme: Labour mobility and skills" in texts
    assert "Years: 2010–2018" in texts
    assert "Prepared for: GFMD workshop on labour migration" in texts
    assert "Data version: abc123" in texts


def test_tables_hold_roles_meetings_and_money(labour: tuple[Briefing, Document]) -> None:
    roles, meetings, money = labour[1].tables
    assert [c.text for c in roles.rows[0].cells] == [
        "Year", "Role", "Roundtable or meeting", "Title", "Sources"]
    assert [c.text for c in roles.rows[1].cells] == [
        "2010", "Team member", "Roundtable 2.1",
        "Reducing the cost of migration and maximizing human development", "[1]"]
    assert len(roles.rows) == 6
    assert [c.text for c in meetings.rows[3].cells] == [
        "3 May 2018", "Geneva, Switzerland", "Participated", "Labour Migration and Skills",
        "[1, 5]"]
    assert [c.text for c in money.rows[-1].cells] == [
        "2018", "USD 207,622", "207,622", "new money", "[1]"]
    assert len(roles.rows[0]._tr.trPr.xpath("./w:tblHeader")) == 1  # repeats on each page


def test_facts_carry_their_reference_numbers(labour: tuple[Briefing, Document]) -> None:
    bullets = [p.text for p in labour[1].paragraphs if p.style.name == "List Bullet"]
    assert bullets[0] == ("In 2010, Morocco sat on the team of GFMD roundtable 2.1, “Reducing "
                          "the cost of migration and maximizing human development”. [1]")


def test_numbered_source_list_with_urls(labour: tuple[Briefing, Document]) -> None:
    b, doc = labour
    paragraphs = doc.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Sources") + 1
    sources = paragraphs[start:]
    assert len(sources) == len(b.sources) == 16
    for p, entry in zip(sources, b.sources, strict=True):
        assert p.text.startswith(f"[{entry.number}]\t{entry.title}")
        if entry.url:
            assert [h.url for h in p.hyperlinks] == [entry.url]
        else:
            assert "No URL recorded." in p.text and not p.hyperlinks
