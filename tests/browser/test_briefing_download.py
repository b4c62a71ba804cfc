"""The briefing an aide takes away, in a real Chromium: text typed just before the click is
in the Word file, and the page's address rebuilds the same note on a fresh server."""

from __future__ import annotations

import io
from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from docx import Document
from playwright.sync_api import Browser, Page, expect

from gfmd.record.reference import theme_label
from gfmd.store.loader import DEFAULT_DATA_DIR, load_dataset
from gfmd.text.messages import LANGUAGES, t, use_language
from tests.browser.conftest import new_context
from tests.browser.support import (
    StreamlitServer,
    Traffic,
    data_version,
    download,
    open_app,
    page_errors,
    prepare_page,
    rerun_after,
)

pytestmark = pytest.mark.browser

QUERY = "b_theme=Diaspora%20and%20development&b_years=2007&b_years=2025"
MEETING = "Diaspora forum, Rabat — *draft*"
DRAFTER = "Directorate of Migration Affairs"


def _word(data: bytes) -> list[str]:
    assert data[:2] == b"PK"  # a .docx is a zip archive
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


@pytest.mark.parametrize("short", [False, True], ids=["full", "one-page"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_download_arrives_and_reads_in_the_page_language(
        page: Page, server: StreamlitServer, lang: str, short: bool) -> None:
    """The Word file is built on the click, in a thread that knows no page: it must still
    be written in the page's language, like the Markdown built in the page's run."""
    with use_language(lang):
        theme = theme_label(load_dataset(DEFAULT_DATA_DIR).themes["diaspora-development"])
        title = t("briefing.doc.title.short" if short else "briefing.doc.title")
        heading = t("briefing.section.key-messages")
        sources = t("briefing.section.sources")
    query = urlencode({"lang": lang, "b_theme": theme, "b_years": [2007, 2025],
                       **({"b_short": "true"} if short else {})}, doseq=True)
    open_app(page, server.page_url("briefing", query))
    assert page_errors(page) == []

    name, data = download(page, page.locator(".st-key-briefing-docx button"))
    assert name.endswith(".docx") and ("-short-" in name) == short
    word = Document(io.BytesIO(data))
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == title and heading in texts and sources in texts
    assert word.core_properties.title == title

    name, data = download(page, page.locator(".st-key-briefing-md button"))
    assert name.endswith(".md")
    markdown = data.decode("utf-8")
    assert markdown.startswith(f"# {title}\n")
    assert f"\n## {heading}\n" in markdown and f"\n## {sources}\n" in markdown
    assert page_errors(page) == []


def test_text_typed_just_before_the_click_is_in_the_file(
        page: Page, traffic: Traffic, server: StreamlitServer) -> None:
    open_app(page, server.page_url("briefing", QUERY))
    assert page_errors(page) == []
    preview = page.locator(".st-key-briefing-preview")
    expect(preview.get_by_role("heading", name="Key messages")).to_be_visible()

    # Type into two fields and click at once: no blur, no Enter, no pause.
    page.get_by_label("Meeting being prepared for (optional)").fill(MEETING)
    page.get_by_label("Prepared by (optional)").fill(DRAFTER)
    page.get_by_role("spinbutton", name="year, Meeting date (optional)").click()
    page.keyboard.type("20260310")  # year, month, day: each segment moves on when full
    build = page.get_by_role("button", name="Build the note")
    rerun_after(page, build.click)

    expect(preview).to_contain_text(MEETING)
    name, data = download(page, page.locator(".st-key-briefing-docx button"))
    assert name == f"morocco-gfmd-briefing-diaspora-development-2007-2025-v{data_version()}.docx"
    texts = _word(data)
    assert f"Meeting: {MEETING}" in texts
    assert f"Prepared by: {DRAFTER}" in texts
    assert "Date of the meeting: 10 March 2026" in texts
    # What Morocco did on the theme first, the background after (issue 32).
    messages = texts[texts.index("Key messages") + 1:]
    assert messages[0].startswith("On the theme “Diaspora and development”, Morocco")
    assert any(m.startswith("Morocco co-chaired the Global Forum with Germany in 2017–2018")
               for m in messages)
    assert traffic.dialogs == []


def test_a_shared_link_rebuilds_the_same_note_on_a_fresh_server(
        page: Page, browser: Browser,
        fresh_server: Callable[..., StreamlitServer], server: StreamlitServer) -> None:
    open_app(page, server.page_url("briefing", QUERY))
    page.get_by_label("Meeting being prepared for (optional)").fill(MEETING)
    page.get_by_label("Classification (optional)").fill("For internal use")
    page.get_by_text("Short note (one A4 page)").click()
    rerun_after(page, page.get_by_role("button", name="Build the note").click)
    _, first = download(page, page.locator(".st-key-briefing-md button"))
    assert "b_meeting=" in page.url and "b_short=true" in page.url

    other = fresh_server()
    shared = page.url.replace(server.url, other.url)
    context = new_context(browser)
    try:
        tab = context.new_page()
        prepare_page(tab)
        open_app(tab, shared)  # no click: the link alone builds the note
        assert page_errors(tab) == []
        _, again = download(tab, tab.locator(".st-key-briefing-md button"))
    finally:
        context.close()
    assert again == first
    text = again.decode("utf-8")
    assert "**For internal use**" in text and "## The most relevant roles and meetings" in text
