"""The briefing a desk officer takes away: opened from a link, downloaded as Word in a real
Chromium, and the file reopens with the headings and sources the preview shows."""

from __future__ import annotations

import io

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from tests.browser.support import StreamlitServer, Traffic, download, open_app, page_errors

pytestmark = pytest.mark.browser

QUERY = "theme=Labour%20mobility%20and%20skills&years=2010&years=2018"
FILE_NAME = "morocco-gfmd-briefing-labour-mobility-2010-2018.docx"


def test_word_briefing_downloads_from_a_shared_link(
        page: Page, traffic: Traffic, server: StreamlitServer) -> None:
    open_app(page, server.page_url("briefing", QUERY))
    assert page_errors(page) == []
    preview = page.locator(".st-key-briefing-preview")
    expect(preview.get_by_role("heading", name="Summary")).to_be_visible()
    expect(preview).to_contain_text("Labour mobility and skills")

    name, data = download(page, page.locator(".st-key-briefing-docx button"))

    assert name == FILE_NAME
    assert data[:2] == b"PK"  # a .docx is a zip archive
    doc = Document(io.BytesIO(data))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Summary" in headings and "Sources" in headings
    assert any("Roundtable 2.1" in cell.text for table in doc.tables
               for row in table.rows for cell in row.cells)
    assert any("gfmd.org" in p.text or p._p.xpath(".//w:hyperlink")
               for p in doc.paragraphs)
    assert traffic.dialogs == []
