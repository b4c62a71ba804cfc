"""Helpers for AppTest-based page tests: run the frame with a page, query params, data dir."""

from __future__ import annotations

import json
import re
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
    """All markdown but the tables (`tables`), captions, info and error text, joined."""
    parts = [m.value for m in at.markdown if not m.value.startswith("| ")]  # not tables
    parts += [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [e.value for e in at.error]
    return "\n".join(parts)


def tables(at: AppTest) -> list[str]:
    """The Markdown tables on the page (the table block writes each as one element)."""
    return [m.value for m in at.markdown if m.value.startswith("| ")]


def table_frame(at: AppTest, index: int = 0) -> pd.DataFrame:
    """The `index`-th table on the page as its reader reads it: the headers in words
    mapped back to the column codes, the Markdown escapes of the cells removed."""
    codes: dict[str, str] = {}
    for col in KNOWN_COLUMNS:  # two codes may read alike ("Title"): the first one wins
        codes.setdefault(header(col), col)
    head, _, *rows = tables(at)[index].split("\n")
    cells = [[_UNESCAPE.sub(r"\1", c.strip()) for c in _CELL.split(line)[1:-1]]
             for line in [head, *rows]]
    return pd.DataFrame(cells[1:], columns=[codes.get(c, c) for c in cells[0]])


_CELL = re.compile(r"(?<!\\)\|")  # a pipe that is not escaped ends a cell
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: a backslash before punctuation
