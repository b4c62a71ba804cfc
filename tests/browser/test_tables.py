"""Desktop tables: words stay whole in every table given the room its longest words need,
and no page scrolls sideways, at the widths a desktop reader has (sidebar open)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import BrowserContext, Page

from components.blocks import FIT_STEP_PX
from tests.browser.support import (
    StreamlitServer,
    open_app,
    open_table_views,
    page_errors,
    prepare_page,
)
from tests.browser.test_phone import OVERFLOW_JS

pytestmark = pytest.mark.browser

# 1400 px too: checked in test_pages.py on the one load of each page at that width.
WIDTHS = (1100, 1280)
PAGES = ("", "roundtables", "partners", "meetings", "contributions", "data")

# Per table: the room it asked for (its `-fit<N>-table` key: N steps of FIT_STEP_PX), its
# short columns (`-short<i>`), the room it has, and per column the width drawn against the
# least that keeps its words whole.
TABLES_JS = """(step) => [...document.querySelectorAll(
    '[data-testid="stMain"] [class*="st-key-"][class*="-fit"]')].filter((box) =>
    [...box.classList].some((c) => /^st-key-.*-fit\\d+-table$/.test(c))).map((box) => {
  const key = [...box.classList].find((c) => /^st-key-.*-fit\\d+-table$/.test(c));
  const table = box.querySelector('table');
  const heads = [...table.querySelectorAll('thead th')];
  const drawn = heads.map((th) => th.getBoundingClientRect().width);
  table.style.width = 'min-content'; table.style.overflowWrap = 'break-word';
  const least = heads.map((th) => th.getBoundingClientRect().width);
  table.style.width = ''; table.style.overflowWrap = '';
  const short = [...key.matchAll(/-short(\\d+)(?=-)/g)].map((m) => Number(m[1]));
  return {key, fit: Number(key.match(/-fit(\\d+)-table$/)[1]) * step, short,
          room: box.getBoundingClientRect().width,
          columns: heads.map((th, i) => [th.innerText, drawn[i], least[i]])};
})"""


# Elements made size containers for the tables' container queries: a widget among them
# is squeezed (the data page's table choice once was, a letter a line).
CONTAINERS_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] *')]
  .filter((el) => getComputedStyle(el).containerType !== 'normal')
  .filter((el) => !el.querySelector('table') || el.querySelector('[data-testid="stRadio"]'))
  .map((el) => el.className.toString())"""


@pytest.fixture
def desk_page(context_at: Callable[[int, int], BrowserContext],
              request: pytest.FixtureRequest) -> Iterator[Page]:
    """A new tab in a context `request.param` px wide (conftest: its cache is kept)."""
    page = context_at(request.param, 900).new_page()
    prepare_page(page)
    yield page
    page.close()


def whole_word_tables(page: Page) -> list[dict]:
    """The page's tables that have their room, each checked to keep its words whole."""
    tables = page.evaluate(TABLES_JS, FIT_STEP_PX)
    for table in tables:
        # The estimate is generous: a table asking for N px needs less than N.
        least = sum(width for _, _, width in table["columns"])
        assert least <= table["fit"], (table["key"], least)
    fitting = [t for t in tables if t["fit"] <= t["room"]]
    for table in tables:
        whole = (range(1, len(table["columns"]) + 1) if table in fitting
                 else table["short"])  # in a table too wide, its short columns only
        squeezed = [(name, round(drawn), round(least)) for i, (name, drawn, least)
                    in enumerate(table["columns"], 1) if i in whole and drawn < least - 1]
        assert squeezed == [], table["key"]
    return fitting


@pytest.mark.timeout(240)
@pytest.mark.parametrize("desk_page", WIDTHS, indirect=True, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_tables_fit_without_scrolling_the_page(desk_page: Page, server: StreamlitServer,
                                               path: str) -> None:
    open_app(desk_page, server.page_url(path, "lang=en"))
    open_table_views(desk_page)
    assert page_errors(desk_page) == []
    whole_word_tables(desk_page)
    assert desk_page.evaluate(CONTAINERS_JS) == []
    assert desk_page.evaluate(OVERFLOW_JS) == []


@pytest.mark.timeout(240)
@pytest.mark.parametrize("desk_page", [1400], indirect=True, ids=["1400px"])
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_meetings_table_keeps_its_words_whole(desk_page: Page, server: StreamlitServer,
                                                  lang: str) -> None:
    """Ten columns at 1400 px: it used to be squeezed a letter a line (in English:
    test_pages.py, on its load of the page)."""
    open_app(desk_page, server.page_url("meetings", f"lang={lang}"))
    keys = [t["key"] for t in whole_word_tables(desk_page)]
    assert any(key.startswith("st-key-meetings-") for key in keys), keys
    assert desk_page.evaluate(OVERFLOW_JS) == []
