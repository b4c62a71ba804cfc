"""The Excel download: a workbook people open, beside the CSV machines read.

Headers in words, coded values as labels, sources by title (as on screen), numbers and
dates typed, the header row frozen and filterable, and a Sources sheet giving each cited
source's id, title, publisher and address. Text
that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return) is
stored as a text cell with Excel's quote prefix, so it stays text even when edited;
openpyxl itself would write a string starting with "=" as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gfmd.record.dataset import Dataset
from gfmd.tables.display import CITED, SOURCE_COLUMNS, header, readable
from gfmd.tables.exports import FORMULA_PREFIXES, plain_cell
from gfmd.text.messages import language, t

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Long text wraps in a column this wide (characters); others fit their content.
LONG_TEXT = frozenset({"title", "note", "reason", "as_written", "theme", "other_roles",
                       "summit_place", "themes"})
WIDE, NARROW, MAX_WIDTH = 60, 8, 40
DATE_FORMAT = "yyyy-mm-dd"


def _cell_value(value: object) -> object:
    """A pandas cell as openpyxl takes it: NA as empty, numpy scalars as Python ones."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", plain_cell(value))
    return value


def _set(cell: Cell, value: object) -> None:
    """Write `value`; text stays text, whatever it starts with."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl made "=..." a formula and "#N/A" an error
        if value.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT


def _write(ws: Worksheet, headers: list[str], rows: Iterable[Iterable[object]],
           long: set[int]) -> None:
    """Header row (bold, frozen, filterable), the rows, and column widths."""
    widths = [len(h) for h in headers]
    for col, name in enumerate(headers, start=1):
        _set(ws.cell(row=1, column=col), _cell_value(name))
        ws.cell(row=1, column=col).font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, start=2):
        for c, raw in enumerate(row, start=1):
            value = _cell_value(raw)
            cell = ws.cell(row=r, column=c)
            _set(cell, value)
            if c - 1 in long:
                cell.alignment = wrap
            shown = 10 if isinstance(value, dt.date) else len(str(value or ""))
            widths[c - 1] = max(widths[c - 1], shown)
    for c, width in enumerate(widths):
        limit = WIDE if c in long else MAX_WIDTH
        ws.column_dimensions[get_column_letter(c + 1)].width = max(NARROW, min(width, limit)) + 2
    ws.freeze_panes = "A2"
    if headers:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(ws.max_row, 1)}"


def cited_sources(df: pd.DataFrame) -> list[str]:
    """Source ids the rows cite, in source columns and as "[id]" in their text."""
    ids: list[str] = []
    for col in df.columns:
        for cell in df[col].tolist():
            if not isinstance(cell, str):
                continue
            if col in SOURCE_COLUMNS:
                ids.append(cell)
            else:
                ids.extend(m.group(1) for m in CITED.finditer(cell))
    return list(dict.fromkeys(ids))


def xlsx_bytes(df: pd.DataFrame, dataset: Dataset, version: str | None = None) -> bytes:
    """`df` as an .xlsx workbook: a data sheet and the sources its rows cite, and below
    them (and in the file's properties) the data version the rows were built from, so a
    figure in a saved workbook can be traced to the record as it stood."""
    wb = Workbook()
    data = wb.active
    data.title = t("sheet.data")
    shown = readable(df, dataset)  # what the screen shows: sources by title
    columns = list(shown.columns)
    _write(data, [header(c) for c in columns],
           shown.itertuples(index=False, name=None),
           {i for i, c in enumerate(columns) if c in LONG_TEXT})

    sources = wb.create_sheet(t("sheet.sources"))
    rows = []
    for sid in cited_sources(df):
        src = dataset.sources.get(sid)
        rows.append([sid, src.shown_title(language()) if src else t("common.unknown"),
                     src.shown_publisher(language()) if src else None,
                     src.url if src else None])
    _write(sources, [header("id"), header("source_title"), header("publisher"), header("url")],
           rows, {1})
    for r in range(2, sources.max_row + 1):
        link = sources.cell(row=r, column=4)
        if isinstance(link.value, str):
            link.hyperlink = link.value
    if version:
        stamp = t("sheet.version", version=version)
        _set(sources.cell(row=sources.max_row + 2, column=1), stamp)
        wb.properties.version = version
        wb.properties.description = stamp
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
