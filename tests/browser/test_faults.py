"""Broken and booby-trapped data in a real Chromium.

The server reads a copy of data/ (`GFMD_DATA_DIR`) where 2016's file is invalid
(amount_usd: -1), one 2012 role title is HTML/Markdown/script/formula text, another is
"=1+1", and a 2014 title is 10,000 characters long. Every page must name the bad file in
its banner, serve the valid years, raise nothing, show the hostile text as text, and
neutralise the formula in the CSV download (read on Roundtables' load of every year with
a hostile or long title).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from gfmd.store.loader import load_dataset
from tests.browser.support import (
    BROKEN_FILE,
    FORMULA_TITLE,
    HOSTILE_TITLE,
    LONG_TITLE,
    PAGE_IDS,
    PAGES,
    AppPage,
    Checks,
    StreamlitServer,
    Traffic,
    csv_buttons,
    download,
    open_app,
    page_errors,
    page_url,
    read_csv,
    slider_values,
    table_column_values,
    table_columns,
)

pytestmark = pytest.mark.browser

BANNER = ".st-key-data-problems"  # st.container(key="data-problems") in components/banner.py
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")

# Run in the page: did any of the hostile text turn into markup or run as script?
INJECTED_JS = """() => ({
  xss: window.__xss === undefined ? null : String(window.__xss),
  img: document.querySelectorAll('img[src="x"], img[onerror]').length,
  script: [...document.scripts].filter((s) => s.textContent.includes('__xss')).length,
  bold: [...document.querySelectorAll('strong, b')]
          .filter((e) => e.textContent.trim() === 'bold').length,
})"""


def assert_not_injected(page: Page, traffic: Traffic) -> None:
    assert page.evaluate(INJECTED_JS) == {"xss": None, "img": 0, "script": 0, "bold": 0}
    assert traffic.dialogs == []


def expected_problems(broken_data: Path) -> list[str]:
    return [str(p) for p in load_dataset(broken_data).problems]


def check_hostile_titles(page: Page) -> None:
    """The hostile titles are shown literally, and neutralised in the CSV (not the JSON)."""
    table = page.locator('[data-testid="stMain"] .gfmd-table table').first
    assert "Title" in table_columns(table)
    assert {HOSTILE_TITLE, FORMULA_TITLE} <= set(table_column_values(table, "Title"))

    _, data = download(page, csv_buttons(page).first)
    titles = set(read_csv(data)["title"])
    assert {HOSTILE_TITLE, "'" + FORMULA_TITLE} <= titles and FORMULA_TITLE not in titles
    frame = read_csv(data)
    for column in frame.columns:
        assert not frame[column].str.startswith(FORMULA_START).any(), column
    # JSON is data, not a spreadsheet: it keeps the text as written.
    json_button = page.locator('[data-testid="stMain"] [data-testid="stDownloadButton"] button',
                               has_text="Download JSON").first
    _, raw = download(page, json_button)
    assert {HOSTILE_TITLE, FORMULA_TITLE} <= {row["title"] for row in json.loads(raw)}


def check_long_title(page: Page) -> None:
    """A 10,000-character title is shown whole, in the table and the CSV, without the
    page scrolling sideways."""
    table = page.locator('[data-testid="stMain"] .gfmd-table table').first
    assert LONG_TITLE in table_column_values(table, "Title")
    overflow = page.evaluate("""() => {
      const main = document.querySelector('[data-testid="stMain"]');
      return main.scrollWidth - main.clientWidth;
    }""")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"
    _, data = download(page, csv_buttons(page).first)
    assert LONG_TITLE in set(read_csv(data)["title"])


@pytest.mark.parametrize("app_page", PAGES, ids=PAGE_IDS)
def test_every_page_names_the_bad_file_and_shows_the_hostile_text_as_text(
        page: Page, traffic: Traffic, broken_server: StreamlitServer, broken_data: Path,
        app_page: AppPage) -> None:
    """On Roundtables, the same load's table and downloads hold the hostile (2012) and
    the 10,000-character (2014) titles."""
    # 2010–2014 holds the hostile (2012) and the long (2014) titles, not the bad 2016 file.
    open_app(page, page_url(broken_server, app_page, "years=2010&years=2014"))
    checks = Checks()
    with checks("names the bad file and serves the valid years"):
        assert page_errors(page) == []
        banner = page.locator(BANNER)
        expect(banner).to_be_visible()
        problems = expected_problems(broken_data)
        assert len(problems) == 1 and problems[0].startswith(f"data/{BROKEN_FILE}:")
        expect(banner.locator('[data-testid="stAlertContentError"]')).to_contain_text(
            "1 data problem:")
        expect(banner.locator('[data-testid="stCode"]')).to_contain_text(problems[0])
        # The valid years still frame the filters: 2007–2025 without 2016 is still 2007–2025.
        assert slider_values(page) == [2010, 2014]
    if app_page.name == "roundtables":
        with checks("hostile titles shown literally and neutralised in the CSV"):
            check_hostile_titles(page)
        with checks("a 10,000-character title shown without breaking the layout"):
            check_long_title(page)
    with checks("nothing injected"):
        assert_not_injected(page, traffic)
        assert "Traceback" not in broken_server.log_text()
    checks.done()


def test_data_page_serves_exactly_the_valid_years(
        page: Page, traffic: Traffic, broken_server: StreamlitServer, broken_data: Path) -> None:
    open_app(page, broken_server.page_url("data"))
    valid = sorted(y.year for y in load_dataset(broken_data).years)
    assert 2016 not in valid and len(valid) == 14
    _, data = download(page, csv_buttons(page).first)
    assert sorted(read_csv(data)["summit_year"].astype(int)) == valid
    expect(page.locator('[data-testid="stMetric"]', has_text="Validation")).to_contain_text(
        "1 problem")
    assert page_errors(page) == []
    assert_not_injected(page, traffic)
