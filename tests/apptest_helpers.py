"""Helpers for AppTest-based page tests: run the frame with a page, query params, data dir."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from components.pages import PAGES
from gfmd.tables.display import KNOWN_COLUMNS, header
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
DEFAULT_PAGE = next(p.script for p in PAGES if p.default)


def run_page(page: str | None = None, params: dict[str, list[str] | str] | None = None,
             data_dir: Path | None = None, monkeypatch=None) -> AppTest:
    """Run app.py (the frame) on `page` ('app_pages/x.py') with URL `params`.

    The frame runs first on its default page: AppTest finds a page that `st.navigation`
    registers under a URL path of its own ('data' for data_sources.py) only once a run
    has registered it. The default page itself is not run a second time."""
    if data_dir is not None:
        assert monkeypatch is not None, "pass monkeypatch to point GFMD_DATA_DIR elsewhere"
        monkeypatch.setenv("GFMD_DATA_DIR", str(data_dir))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page and page != DEFAULT_PAGE:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plotly_spec(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def texts(at: AppTest) -> str:
    """All markdown, captions, info and error text, joined (tables are HTML: `tables`)."""
    parts = [m.value for m in at.markdown]
    parts += [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [e.value for e in at.error]
    return "\n".join(parts)


def tables(at: AppTest) -> list[str]:
    """The tables on the page, as the HTML the table block writes (one element each)."""
    return [h.proto.body for h in at.get("html") if 'class="gfmd-table"' in h.proto.body]


class _Cells(HTMLParser):
    """The text of every header and data cell, row by row."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def table_frame(at: AppTest, index: int = 0) -> pd.DataFrame:
    """The `index`-th table on the page as its reader reads it: the headers in words
    mapped back to the column codes, each cell's text."""
    codes: dict[str, str] = {}
    for col in KNOWN_COLUMNS:  # two codes may read alike ("Title"): the first one wins
        codes.setdefault(header(col), col)
    parser = _Cells()
    parser.feed(tables(at)[index])
    head, *rows = parser.rows
    return pd.DataFrame(rows, columns=[codes.get(c, c) for c in head])
