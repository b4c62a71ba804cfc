"""Hostile text in every text field of the data: HTML with script, Markdown and LaTeX,
spreadsheet formula prefixes, bare web addresses and a 10,000-character string.

Data files are hand-edited and copied from outside sources, so their text is untrusted.
It must still validate (it is within the model's limits), every CSV export must keep a
spreadsheet from reading a cell as a formula, and no page may render it as live Markdown
or HTML, nor make a link of an address. (What the browser finally draws is tested
elsewhere; controls and direction overrides, which the record refuses, in
tests/test_unseen_text.py.)
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from components.pages import PAGES as REGISTRY
from gfmd.store.loader import DEFAULT_DATA_DIR, Dataset, load_dataset
from gfmd.store.yaml_read import read_yaml
from gfmd.tables.build import TABLES
from gfmd.tables.exports import safe_csv_bytes
from tests.apptest_helpers import run_page, tables

PAGES = [spec.script for spec in REGISTRY]

LONG = ("=" + "<script>alert(1)</script> **long** [x](javascript:alert(1)) " * 200)[:10_000]
HOSTILE = [
    "<script>alert(1)</script>",
    "**md** [x](javascript:alert(1)) $x$",
    "=cmd|' /C calc'!A0",
    "+1",
    "-1",
    "@SUM(1)",
    "Official page https://evil.example/phish www.evil.example",
    LONG,
]
# Substrings that would be live if a hostile value reached Markdown unescaped.
LIVE_MARKERS = ["<script>", "](javascript:", "**md**", "$x$", "**long**", "://evil",
                "www.evil"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Fields holding free text (ids, codes, dates and enum values are checked by the model).
TEXT_KEYS = {"title", "as_written", "text", "evidence", "city", "locality", "country",
             "reason", "name", "official_name", "description", "summary", "submitted_by",
             "label", "unit"}
TEXT_LISTS = {"other"}  # attendance.other: lines as written


def _poison(node: Any, values: list[str], counter: list[int]) -> Any:
    """Replace every free-text value under `node`, cycling through `values`."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, str):
                out[key] = values[counter[0] % len(values)]
                counter[0] += 1
            elif key in TEXT_LISTS and isinstance(value, list):
                out[key] = [values[(counter[0] + i) % len(values)] for i in range(len(value))]
                counter[0] += len(value)
            else:
                out[key] = _poison(value, values, counter)
        return out
    if isinstance(node, list):
        return [_poison(item, values, counter) for item in node]
    return node


def _rewrite(path: Path, offset: int) -> int:
    """Poison one file in place; returns how many text fields it had."""
    data = read_yaml(path).data  # the strict reader: 'yes' and dates stay text
    counter = [offset]
    poisoned = _poison(data, HOSTILE, counter)
    path.write_text(yaml.safe_dump(poisoned, sort_keys=False, allow_unicode=True, width=4096),
                    encoding="utf-8")
    return counter[0] - offset


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/ with every text field of every participation file and the country file
    poisoned; each file starts the cycle at another value, so every field sees each."""
    root = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DEFAULT_DATA_DIR, root)
    files = [*sorted((root / "participation").rglob("*.yaml")), root / "country/MAR.yaml"]
    for offset, path in enumerate(files):
        assert _rewrite(path, offset) > 0, path
    return root


@pytest.fixture(scope="module")
def hostile(hostile_dir: Path) -> Dataset:
    return load_dataset(hostile_dir)


def test_hostile_text_still_validates(hostile: Dataset) -> None:
    assert [str(p) for p in hostile.problems] == []
    assert len(hostile.years) == len(load_dataset(DEFAULT_DATA_DIR).years)


def test_every_hostile_value_reached_the_data(hostile: Dataset) -> None:
    dump = json.dumps([y.model_dump(mode="json") for y in hostile.years]
                      + [c.model_dump(mode="json") for c in hostile.countries.values()])
    for value in HOSTILE:
        assert json.dumps(value)[1:-1] in dump, value[:30]


def _csv_rows(df: pd.DataFrame) -> list[list[str]]:
    text = safe_csv_bytes(df).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("name", sorted(TABLES))
def test_no_csv_cell_starts_like_a_formula(hostile: Dataset, name: str) -> None:
    df = TABLES[name].build(hostile)
    rows = _csv_rows(df)
    header, body = rows[0], rows[1:]
    assert len(body) == len(df)
    numeric = {i for i, col in enumerate(df.columns)
               if pd.api.types.is_numeric_dtype(df[col]) or pd.api.types.is_bool_dtype(df[col])}
    for cell in header:
        assert not cell.startswith(FORMULA_START), cell
    for row in body:
        for i, cell in enumerate(row):
            if i in numeric:  # numbers stay numbers (a negative longitude is not a formula)
                continue
            assert not cell.startswith(FORMULA_START), (name, header[i], cell[:40])


def test_the_csv_check_is_not_vacuous(hostile: Dataset) -> None:
    """The tables really carry the hostile values, neutralised with a leading apostrophe."""
    cells = [cell for name in TABLES for row in _csv_rows(TABLES[name].build(hostile))[1:]
             for cell in row]
    for value in ("=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)"):
        assert any(cell.startswith("'" + value) for cell in cells), value
    assert any(cell.startswith("'=<script>") and len(cell) > 9_000 for cell in cells)


def _markdown_elements(at: AppTest) -> list[tuple[str, Any]]:
    """Every element whose text Streamlit renders as Markdown, with its proto."""
    out = []
    for kind in ("markdown", "caption", "info", "error", "warning", "success", "title",
                 "header", "subheader", "latex"):
        out += [(kind, e) for e in at.get(kind)]
    out += [("metric label", m) for m in at.metric]
    return out


# What the table block writes (components/blocks.py html_table): a data cell adds no tag
# and no attribute of its own.
TABLE_MARKUP = {"div", "div class", "div role", "div tabindex", "div aria-label", "table",
                "table role", "thead", "thead role", "tbody", "tbody role", "tr", "tr role",
                "th", "th role", "th scope", "th class", "td", "td role", "td class",
                "td data-label", "span", "span class", "a", "a href", "bdi"}


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen |= {tag} | {f"{tag} {name}" for name, _ in attrs}
        self.hrefs += [value or "" for name, value in attrs if name == "href"]


def _markup(body: str) -> set[str]:
    """Every tag, and tag with attribute, in `body`."""
    parser = _Markup()
    parser.feed(body)
    return parser.seen


def _hrefs(body: str) -> list[str]:
    """Every link's address in `body`."""
    parser = _Markup()
    parser.feed(body)
    return parser.hrefs


@pytest.mark.parametrize("page", PAGES)
def test_pages_show_hostile_text_as_text(page: str, hostile_dir: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page(page, data_dir=hostile_dir, monkeypatch=monkeypatch)  # no exception
    assert not at.error, [e.value for e in at.error]  # the data is valid: no banner
    for kind, element in _markdown_elements(at):
        text = element.label if kind == "metric label" else element.value
        for marker in LIVE_MARKERS:
            assert marker not in str(text), (kind, str(text)[:120])
        if getattr(element.proto, "allow_html", False):
            assert "script" not in str(text).lower(), (kind, str(text)[:120])
    for body in tables(at):  # HTML: only the table block's own tags and attributes
        assert _markup(body) <= TABLE_MARKUP, _markup(body) - TABLE_MARKUP
        assert all(href.startswith(("https://", "http://")) for href in _hrefs(body))
    for chart in at.get("plotly_chart"):
        assert "<script" not in chart.proto.spec, "plotly renders a subset of HTML"
    for deck in at.get("deck_gl_json_chart"):
        tooltip = json.loads(deck.proto.tooltip or "{}")
        assert "html" not in tooltip, "an HTML tooltip would render data text as HTML"


def test_the_page_check_is_not_vacuous(hostile_dir: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Across the pages, hostile values do reach Markdown elements, escaped."""
    shown = []
    for page in PAGES:
        at = run_page(page, data_dir=hostile_dir, monkeypatch=monkeypatch)
        shown += [str(e.label if kind == "metric label" else e.value)
                  for kind, e in _markdown_elements(at)]
    text = "\n".join(shown)
    assert "\\<script\\>" in text or "\\*\\*md\\*\\*" in text or "\\*\\*long\\*\\*" in text
    assert "evil.example/phish" in text
