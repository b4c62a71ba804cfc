"""The Excel download: reopened with openpyxl, text that looks like a formula is text,
numbers and dates are typed, headers are words, and the sources sheet resolves ids."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from components.blocks import display_frame
from gfmd.record.dataset import Dataset
from gfmd.tables.build import build_all
from gfmd.tables.display import header as display_header
from gfmd.tables.spreadsheet import xlsx_bytes

HOSTILE = ['=HYPERLINK("http://x","y")', "=1+1", "+1+1", "-2+3", "@SUM(A1)", "\tTAB",
           "\rCR", "#N/A", "plain"]


def reopen(data: bytes) -> dict[str, Worksheet]:
    wb = load_workbook(io.BytesIO(data))
    return {ws.title: ws for ws in wb.worksheets}


def column(ws: Worksheet, name: str) -> list:
    headers = [c.value for c in ws[1]]
    idx = headers.index(name) + 1
    return [ws.cell(row=r, column=idx) for r in range(2, ws.max_row + 1)]


def test_formula_looking_text_stays_text(dataset: Dataset) -> None:
    df = pd.DataFrame({"title": HOSTILE, "year": pd.array([2010] * len(HOSTILE), "Int64")})
    sheets = reopen(xlsx_bytes(df, dataset))
    cells = column(sheets["Data"], "Title")
    # a carriage return, which no text of the record may hold, is marked (U+FFFD)
    assert [c.value for c in cells] == [v.replace("\r", "\ufffd") for v in HOSTILE]
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.quotePrefix for c in cells if c.value[0] in "=+-@\t\r")


def test_numbers_dates_and_flags_are_typed(dataset: Dataset) -> None:
    frames = build_all(dataset)
    sheets = reopen(xlsx_bytes(frames["thematic_meetings"], dataset))
    data = sheets["Data"]
    years = column(data, "Summit year")
    assert all(c.data_type == "n" and isinstance(c.value, int) for c in years)
    starts = [c for c in column(data, "Start date") if c.value is not None]
    assert starts and all(c.is_date for c in starts)
    first = frames["thematic_meetings"]["start_date"].dropna().iloc[0]
    assert starts[0].value.date() == first if isinstance(first, dt.date) else True
    assert {c.value for c in column(data, "In the country profile")} <= {True, False}
    money = reopen(xlsx_bytes(frames["contributions"], dataset))["Data"]
    amounts = [c.value for c in column(money, "Amount (USD)") if c.value is not None]
    assert amounts and all(isinstance(a, int) for a in amounts)


def test_headers_in_words_frozen_and_labels(dataset: Dataset) -> None:
    frames = build_all(dataset)
    data = reopen(xlsx_bytes(frames["roundtables"], dataset))["Data"]
    headers = [c.value for c in data[1]]
    assert headers[:5] == ["Country code", "Summit year", "Chairmanship", "Role", "Roundtable"]
    assert data.freeze_panes == "A2"
    assert data.auto_filter.ref.startswith("A1:")
    assert {c.value for c in column(data, "Role")} <= {"Co-chair", "Team member", "Coordinator"}
    title = get_column_letter(headers.index("Title") + 1)
    assert data.column_dimensions[title].width > 30  # the title column is wide


def test_sources_sheet_resolves_every_cited_id(dataset: Dataset) -> None:
    frames = build_all(dataset)
    sheets = reopen(xlsx_bytes(frames["thematic_meetings"], dataset))
    sources = sheets["Sources"]
    assert [c.value for c in sources[1]] == ["Source id", "Title", "Publisher", "Address (URL)"]
    ids = [sources.cell(row=r, column=1).value for r in range(2, sources.max_row + 1)]
    cited = set(frames["thematic_meetings"]["source"].dropna())
    assert cited <= set(ids)
    for r, sid in enumerate(ids, start=2):
        assert sources.cell(row=r, column=2).value == dataset.sources[sid].title


def test_source_cells_hold_the_titles_the_screen_shows(dataset: Dataset) -> None:
    """The data sheet says what the screen says: a source's title, not its id (walk
    review F29); the Sources sheet still gives each one's id, publisher and address."""
    frames = build_all(dataset)
    for name, col in (("thematic_meetings", "source"), ("roundtables", "source"),
                      ("roundtables", "partners_source"), ("partners", "source")):
        data = reopen(xlsx_bytes(frames[name], dataset))["Data"]
        cells = [c.value or "" for c in column(data, display_header(col))]
        assert cells == display_frame(frames[name], dataset)[col].tolist()
        assert not set(cells) & set(dataset.sources)  # no id left


@pytest.mark.parametrize("name", ["participation", "summits", "partners", "delegations"])
def test_every_table_writes(dataset: Dataset, name: str) -> None:
    df = build_all(dataset)[name]
    data = reopen(xlsx_bytes(df, dataset))["Data"]
    assert data.max_row == len(df) + 1


def test_empty_table_writes_headers_only(dataset: Dataset) -> None:
    df = build_all(dataset)["roundtables"].iloc[0:0]
    sheets = reopen(xlsx_bytes(df, dataset))
    assert sheets["Data"].max_row == 1 and sheets["Sources"].max_row == 1
