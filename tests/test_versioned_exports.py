"""Every download says which data version it was built from: in its file name (never cut
off by the length limit), and for Excel below the Sources sheet and in its properties,
while the CSV stays a table a machine reads. Source links in Markdown are only ever
http(s) links with a literal label."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from gfmd.briefing import BriefingRequest, compose
from gfmd.record.dataset import Dataset
from gfmd.tables.build import build_all
from gfmd.tables.columns import DOWNLOAD_NAMES
from gfmd.tables.exports import safe_csv_bytes
from gfmd.tables.spreadsheet import xlsx_bytes
from gfmd.text import formatting as fmt
from gfmd.text.markdown import link

VERSION = "1a2b3c4d5e6f"


def test_file_names_end_with_the_version() -> None:
    assert fmt.file_name(("Morocco", "gfmd", "roundtables", "2010-2016"), "csv",
                         version=VERSION) == f"morocco-gfmd-roundtables-2010-2016-v{VERSION}.csv"
    long = fmt.file_name(("x" * 400,), "xlsx", version=VERSION)
    assert long.endswith(f"-v{VERSION}.xlsx") and len(long) == 150 + len(".xlsx")
    assert fmt.file_name(("a",), "csv") == "a.csv"


def test_a_briefing_file_is_named_with_its_version(dataset: Dataset) -> None:
    b = compose(dataset, BriefingRequest(themes=("gender",), years=(2010, 2018),
                                         version=VERSION))
    assert b.file_name("docx") == f"morocco-gfmd-briefing-gender-2010-2018-v{VERSION}.docx"


def test_the_workbook_carries_the_version(dataset: Dataset) -> None:
    df = build_all(dataset)["roundtables"]
    wb = load_workbook(io.BytesIO(xlsx_bytes(df, dataset, VERSION)))
    sources = wb["Sources"]
    stamp = sources.cell(row=sources.max_row, column=1).value
    assert stamp == f"Built from data version {VERSION}."
    assert sources.cell(row=sources.max_row - 1, column=1).value is None  # a blank row apart
    assert sources.auto_filter.ref.endswith(str(sources.max_row - 2))  # the table, not the stamp
    assert wb.properties.version == VERSION
    plain = load_workbook(io.BytesIO(xlsx_bytes(df, dataset)))["Sources"]
    assert plain.max_row == sources.max_row - 2


def test_the_csv_stays_a_plain_table(dataset: Dataset) -> None:
    df = build_all(dataset)["roundtables"]
    back = pd.read_csv(io.BytesIO(safe_csv_bytes(df)), encoding="utf-8-sig")
    assert list(back.columns) == [DOWNLOAD_NAMES.get(c, c) for c in df.columns]
    assert len(back) == len(df)


@pytest.mark.parametrize(("text", "url", "expected"), [
    ("Report [1]", "https://example.org/a(b)", "[Report \\[1\\]](https://example.org/a%28b%29)"),
    ("Page", "javascript:alert(1)", "Page"),
    ("Page", "file:///etc/passwd", "Page"),
    ("Page", None, "Page"),
])
def test_links_are_http_only_with_literal_labels(text: str, url: str | None,
                                                 expected: str) -> None:
    assert link(text, url) == expected
