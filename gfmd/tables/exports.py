"""Downloads: CSV that is safe to open in a spreadsheet, and JSON. One function each,
used by both the command line and the app, so no raw CSV ever leaves the project.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd

from gfmd.record.types import marked
from gfmd.tables.columns import DOWNLOAD_NAMES

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


# Invisible direction marks (LRM, RLM, the Arabic letter mark, embeddings, isolates): a
# page may need them, a spreadsheet cell never does: they stay in the text, unseen, and
# break sorting, matching and formulas that compare it.
DIRECTION_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def plain_cell(cell: object) -> object:
    """A text cell without direction marks, any control or invisible character shown as
    U+FFFD (a hand edit may bring one the record refuses); other cells as they are."""
    return marked(DIRECTION_MARKS.sub("", cell)) if isinstance(cell, str) else cell


def neutralise(cell: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe
    (direction marks removed first, so none can hide a formula)."""
    cell = plain_cell(cell)
    if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
        return "'" + cell
    return cell


def safe_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV for spreadsheets: formula-looking text neutralised, numbers kept as numbers,
    UTF-8 with a byte-order mark so Excel reads accents; headers are the codes, with
    `DOWNLOAD_NAMES`."""
    out = df.rename(columns=DOWNLOAD_NAMES)
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col])):
            out[col] = out[col].map(neutralise, na_action="ignore")
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def json_bytes(df: pd.DataFrame) -> bytes:
    """JSON records, keyed as the CSV's headers; unknown values are null, dates ISO 8601."""
    df = df.rename(columns=DOWNLOAD_NAMES)
    records = df.astype(object).where(df.notna(), None).to_dict(orient="records")
    return json.dumps(records, ensure_ascii=False, indent=1, default=_iso).encode("utf-8")


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
