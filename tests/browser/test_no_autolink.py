"""In Chromium: an address in accepted data text reads as text and is no link (security
report F2.5). Streamlit's Markdown makes a link of any bare `https://…` or `www.…` in
text, escaped or not; the escaper breaks each with an invisible word joiner. Partners, Meetings and What changed are the pages the report found links on."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from gfmd.changes import proposals
from gfmd.store.loader import DEFAULT_DATA_DIR
from tests.browser.support import StreamlitServer, open_app, page_errors, start_server
from tests.proposal_helpers import init_record
from tests.review_helpers import draft

EVIL = "Official page https://evil.example/phish www.evil.example"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """The bundled record with a co-chaired meeting whose title and summary hold
    addresses, accepted as a reviewer would."""
    data = tmp_path_factory.mktemp("autolink") / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    init_record(data)
    given = draft(summary=f"Summary: {EVIL}", title=EVIL)
    given["change"]["partners"] = {"status": "named", "names": ["Germany"]}  # type: ignore[index]
    proposals.accept(proposals.submit(given, data).id, "reviewer@ministry.example", data)
    srv = start_server(data_dir=data, log_dir=data.parent)
    yield srv
    srv.stop()


@pytest.mark.parametrize("path", ["partners", "meetings", "changes"])
def test_no_address_in_data_text_is_a_link(page: Page, server: StreamlitServer,
                                            path: str) -> None:
    open_app(page, server.page_url(path))
    assert page_errors(page) == []
    main = page.locator('[data-testid="stMain"]')
    shown = main.inner_text().replace("\u2060", "")
    assert "https://evil.example/phish" in shown and "www.evil.example" in shown
    links = main.locator("a").evaluate_all("els => els.map(a => a.href)")
    assert [href for href in links if "evil" in href] == []
