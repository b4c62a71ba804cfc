"""The Excel download in a real Chromium: beside the CSV, the same rows, headers in words,
and a title that looks like a formula reopens as text, not as a formula."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page

from gfmd.store.loader import DEFAULT_DATA_DIR
from gfmd.tables.display import header
from gfmd.text.messages import t, use_language
from tests.browser.support import (
    StreamlitServer,
    csv_buttons,
    download,
    open_app,
    page_errors,
    read_csv,
    running_server,
)

pytestmark = pytest.mark.browser

FORMULA = '=HYPERLINK("http://example.invalid","click")'
ORIGINAL = "Supporting migrants and diaspora as agents of socioeconomic change"


@pytest.fixture(scope="module")
def formula_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """A server on a data copy where one 2012 roundtable title is a formula."""
    data = tmp_path_factory.mktemp("formula") / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    path = data / "participation" / "MAR" / "2012.yaml"
    text = path.read_text(encoding="utf-8")
    assert f"title: {ORIGINAL}" in text
    path.write_text(text.replace(f"title: {ORIGINAL}", f"title: {json.dumps(FORMULA)}", 1),
                    encoding="utf-8")
    with running_server(data_dir=data, log_dir=tmp_path_factory.mktemp("formula-log")) as srv:
        yield srv


def test_excel_download_holds_the_rows_shown_with_formulas_as_text(
        page: Page, formula_server: StreamlitServer, tmp_path: Path) -> None:
    open_app(page, formula_server.page_url("roundtables", "years=2012&years=2012"))
    assert page_errors(page) == []
    _, csv = download(page, csv_buttons(page).first)
    rows = read_csv(csv)
    button = page.locator('[data-testid="stMain"] [data-testid="stDownloadButton"] button',
                          has_text="Download Excel").first
    name, data = download(page, button)

    assert name.startswith("morocco-gfmd-roundtables") and name.endswith(".xlsx")
    assert data[:2] == b"PK"
    wb = load_workbook(io.BytesIO(data))
    sheet = wb["Data"]
    headers = [c.value for c in sheet[1]]
    assert {"Summit year", "Role", "Roundtable", "Title"} <= set(headers)
    assert sheet.max_row - 1 == len(rows)
    title = headers.index("Title") + 1
    cells = [sheet.cell(row=r, column=title) for r in range(2, sheet.max_row + 1)]
    hostile = [c for c in cells if c.value == FORMULA]
    assert len(hostile) == 1 and hostile[0].data_type == "s" and hostile[0].quotePrefix
    assert sheet.freeze_panes == "A2"
    assert "Sources" in wb.sheetnames and wb["Sources"].max_row >= 2


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_excel_download_is_in_the_page_language(page: Page, server: StreamlitServer,
                                                lang: str) -> None:
    """The workbook is built on the click, outside the page's run: its sheets and headers
    are still in the page's language."""
    with use_language(lang):
        excel, data_sheet, year = t("common.download_xlsx"), t("sheet.data"), header("year")
    open_app(page, server.page_url("roundtables", f"lang={lang}"))
    button = page.locator('[data-testid="stMain"] [data-testid="stDownloadButton"] button',
                          has_text=excel).first
    _, data = download(page, button)
    sheet = load_workbook(io.BytesIO(data))[data_sheet]
    assert year in [c.value for c in sheet[1]]
    assert page_errors(page) == []
