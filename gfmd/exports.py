"""Downloads: CSV that is safe to open in a spreadsheet, and JSON. One function each,
used by both the command line and the app, so no raw CSV ever leaves the project.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(cell: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
        return "'" + cell
    return cell


def safe_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV for spreadsheets: formula-looking text neutralised, numbers kept as numbers,
    UTF-8 with a byte-order mark so Excel reads accents."""
    out = df.copy()
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col])):
            out[col] = out[col].map(neutralise, na_action="ignore")
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def json_bytes(df: pd.DataFrame) -> bytes:
    """JSON records; unknown values are null, dates ISO 8601."""
    records = df.astype(object).where(df.notna(), None).to_dict(orient="records")
    return json.dumps(records, ensure_ascii=False, indent=1, default=_iso).encode("utf-8")


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
