"""Tables a person can read on every screen (issue 31; walk review F5, F15, F16, F34;
language review S3): at 1400 px and 390 px, in English, French and Arabic, on every page
with a table, no word of a table cell, a table header or a heading is broken across
lines, no page scrolls sideways, and at 390 px a page is no taller than what it shows
needs, and axe-core finds no serious violation in the phone's cards.

One load per page, width and language does every check. A word is measured in the page:
a Range over the word's text, and the line boxes its client rectangles fall on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser.support import (
    StreamlitServer,
    full_page_screenshot,
    open_app,
    page_errors,
    prepare_page,
    rerun_after,
)
from tests.browser.test_accessibility import axe_violations, describe
from tests.browser.test_phone import OVERFLOW_JS

pytestmark = pytest.mark.browser

WIDTHS = (1400, 390)
LANGUAGES = ("en", "fr", "ar")
PAGES = ("roundtables", "partners", "meetings", "contributions", "data")

# Every whitespace-delimited word of the main area's table cells, table headers and
# headings whose text lies on more than one line box: [word, tag, lines]. A word is
# measured within its text node (a hyphenated word, "Co-chair", is one word: a break
# after its hyphen counts as a break). Rectangles without area are not drawn text.
BROKEN_WORDS_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const found = [];
  for (const el of main.querySelectorAll('table th, table td, h1, h2, h3, h4, h5, h6')) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = [];
        for (const r of range.getClientRects()) {
          if (r.width < 0.5 || r.height < 0.5) continue;
          if (!lines.some((top) => Math.abs(top - r.top) < r.height / 2)) lines.push(r.top);
        }
        if (lines.length > 1) found.push([m[0], el.tagName, lines.length]);
      }
    }
  }
  return found;
}"""

# How tall the main area is (Streamlit scrolls it, not the document), and its cards.
HEIGHT_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return {height: main.scrollHeight,
          cards: main.querySelectorAll('.gfmd-table tbody tr').length};
}"""

# At 390 px, the most a page may be, px: what the page shows, as measured on 2026-12-08
# (English; French runs up to 8 % longer, Arabic 5 %), with about 15 % to spare for a
# longer word or a few more rows. A table row is a card of about 110-300 px (a line a
# field, a title over two to four lines). The squeezed tables these replace made the same
# pages 10,000-26,000 px tall (walk review F34).
MAX_HEIGHT_390 = {
    # 5,300 px: title, intro, the chart (about 900 px with its legend and notes), then 19
    # roles as cards of six fields (year, role, roundtable, title, themes, partners).
    "roundtables": 6_500,
    # 7,300 px: three figures, the chart, the list of partners, the roles no source names
    # partners for, then 18 roles as cards of seven fields.
    "partners": 8_800,
    # 9,200 px: the map (about 500 px), its legend, description and sources, then 25
    # meetings as cards of seven fields, 4 meetings with no known venue, the context.
    "meetings": 11_000,
    # 3,800 px: two figures, why carry-over is not new money, the chart, then 16 years as
    # cards of at most five short fields.
    "contributions": 4_800,
    # 17,200 px: 95 cards: the participation table (15 years of ten short fields), the
    # version, 68 sources (title, publisher, date, kind), the method note (about 3,000 px
    # of prose) and 12 themes.
    "data": 20_000,
}


@pytest.fixture
def tab(context_at: Callable[[int, int], BrowserContext],
        request: pytest.FixtureRequest) -> Iterator[Page]:
    """A new tab (a new session) in the context of the width asked for."""
    page = context_at(request.param, 844 if request.param < 500 else 1000).new_page()
    prepare_page(page)
    yield page
    page.close()


def readable(page: Page) -> list[list]:
    """What stops a reader on the view as drawn: broken words, sideways scrolling."""
    return page.evaluate(BROKEN_WORDS_JS) + page.evaluate(OVERFLOW_JS)


@pytest.mark.timeout(300)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("tab", WIDTHS, indirect=True, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize("path", PAGES)
def test_tables_read_whole_words_without_scrolling_the_page(
        tab: Page, server: StreamlitServer, path: str, lang: str,
        request: pytest.FixtureRequest, screenshots: Path) -> None:
    open_app(tab, server.page_url(path, f"lang={lang}"))
    assert page_errors(tab) == []
    width = request.node.callspec.params["tab"]
    full_page_screenshot(tab, screenshots / f"readable-{path}-{width}-{lang}.png")
    assert tab.locator('[data-testid="stMain"] table').count() > 0
    assert readable(tab) == []
    if width < 500:
        size = tab.evaluate(HEIGHT_JS)
        assert size["height"] <= MAX_HEIGHT_390[path], size
        found = axe_violations(tab)  # the cards too (test_accessibility: 1400 px)
        assert found == [], describe(found)
    if path == "data":  # every other table of the page, in the same tab
        choices = tab.locator('[data-testid="stMain"] [data-testid="stButtonGroup"] button')
        for i in range(1, choices.count()):
            rerun_after(tab, choices.nth(i).click)
            assert page_errors(tab) == []
            assert readable(tab) == [], choices.nth(i).inner_text()
