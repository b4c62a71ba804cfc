"""In Chromium, on a copy of the bundled record: a proposal typed into the form is stored
(and refused input stays in the form); once accepted (through the domain: signing in as
a reviewer is tests/browser/test_review.py's), the new meeting is on the pages and in
What changed, and a link pinned to the old version still shows the old record, with
downloads named by the version they were built from."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from gfmd.changes import proposals
from gfmd.changes.history import current_version
from gfmd.store.loader import DEFAULT_DATA_DIR
from tests.browser.support import (
    StreamlitServer,
    Traffic,
    choose,
    csv_buttons,
    download,
    open_app,
    page_errors,
    read_csv,
    rerun_after,
    start_server,
)
from tests.proposal_helpers import init_record

TITLE = "Upkeep test workshop on skills partnerships"
SUMMARY = "Morocco took part in the upkeep test workshop"
URL = "https://news.example.org/2018/upkeep-test-workshop"


@pytest.fixture
def record(tmp_path: Path) -> Iterator[tuple[StreamlitServer, Path]]:
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    init_record(data)
    srv = start_server(data_dir=data, log_dir=tmp_path)
    yield srv, data
    srv.stop()


def _fill_meeting(page: Page, start: str) -> None:
    rerun_after(page, page.get_by_text("A thematic meeting", exact=True).click)
    rerun_after(page, lambda: choose(page, "Summit year", "2018"))
    choose(page, "Morocco's role", "Participated")
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("First day", exact=True).fill(start)
    page.get_by_label("City", exact=True).fill("Rabat")
    page.get_by_label("Country", exact=True).fill("Morocco")
    choose(page, "Themes", "Labour mobility and skills")
    page.keyboard.press("Escape")
    page.get_by_role("textbox", name="The change in one sentence").fill(SUMMARY)
    page.get_by_role("textbox", name="Public address of the source (URL)").fill(URL)
    page.get_by_role("textbox", name="The source's title").fill("Upkeep test report")
    rerun_after(page, page.get_by_role("button", name="Send for review").click)


def _meeting_rows(page: Page) -> tuple[str, list[str]]:
    name, data = download(page, csv_buttons(page).first)
    return name, read_csv(data)["title"].tolist()


@pytest.mark.timeout(300)
def test_propose_accept_and_cite_the_old_record(
        page: Page, traffic: Traffic, record: tuple[StreamlitServer, Path]) -> None:
    server, data = record
    old = current_version(data)
    open_app(page, server.page_url("propose"))
    _fill_meeting(page, "18 April 2018")
    alert = page.locator('[data-testid="stAlertContentError"]')
    expect(alert).to_contain_text("is not a date written as YYYY-MM-DD")
    expect(page.get_by_label("Title", exact=True)).to_have_value(TITLE)  # nothing lost
    assert proposals.all_proposals(data) == []

    page.get_by_label("First day", exact=True).fill("2018-04-18")
    rerun_after(page, page.get_by_role("button", name="Send for review").click)
    expect(page.locator('[data-testid="stAlertContentSuccess"]')).to_contain_text(
        "is waiting for a reviewer")
    (stored,) = proposals.pending(data)
    assert (stored.change["title"], stored.year, stored.source_url) == (TITLE, 2018, URL)

    entry, _ = proposals.accept(stored.id, "reviewer@example.org", data)
    # No wait: every page run looks at the files.
    query = "table=Thematic+meetings&q=upkeep"
    open_app(page, server.page_url("data", query))
    name, titles = _meeting_rows(page)
    assert titles == [TITLE] and name.endswith(f"-v{entry.version_after}.csv")

    open_app(page, server.page_url("changes"))
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text(SUMMARY)
    expect(main).to_contain_text("Reviewed by reviewer@example.org")
    expect(main.get_by_role("link", name="Upkeep test report")).to_have_attribute("href", URL)

    open_app(page, server.page_url("data", f"{query}&v={old}"))
    expect(page.locator('[data-testid="stAlertContentInfo"]', has_text=(
        f"You are reading the record as it stood at data version {old}"))).to_be_visible()
    name, titles = _meeting_rows(page)
    assert titles == [] and name.endswith(f"-v{old}.csv")

    rerun_after(page, page.get_by_role("link", name="Show the latest record").click)
    expect(page.get_by_text("You are reading the record as it stood")).to_have_count(0)
    assert f"v={old}" not in page.url
    assert page_errors(page) == [] and traffic.dialogs == []
