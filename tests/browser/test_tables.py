"""Desktop tables: no word in a table or heading is broken across lines and no page
scrolls sideways, at the widths a desktop reader has (sidebar open); a table wider than its
room scrolls in its own region (tests/browser/test_readable_tables.py: 1400 px and 390 px in
every language)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser.support import (
    StreamlitServer,
    open_app,
    open_table_views,
    page_errors,
    prepare_page,
)
from tests.browser.test_phone import OVERFLOW_JS
from tests.browser.test_readable_tables import BROKEN_WORDS_JS

pytestmark = pytest.mark.browser

# 1400 px too: checked in test_pages.py on the one load of each page at that width.
WIDTHS = (1100, 1280)
PAGES = ("", "roundtables", "partners", "meetings", "contributions", "data")


# Elements made size containers (container queries): a widget among them is squeezed (the
# data page's table choice once was, a letter a line).
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


@pytest.mark.timeout(240)
@pytest.mark.parametrize("desk_page", WIDTHS, indirect=True, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_tables_fit_without_scrolling_the_page(desk_page: Page, server: StreamlitServer,
                                               path: str) -> None:
    open_app(desk_page, server.page_url(path, "lang=en"))
    open_table_views(desk_page)
    assert page_errors(desk_page) == []
    assert desk_page.locator('[data-testid="stMain"] .gfmd-table table').count() > 0
    assert desk_page.evaluate(BROKEN_WORDS_JS) == []
    assert desk_page.evaluate(CONTAINERS_JS) == []
    assert desk_page.evaluate(OVERFLOW_JS) == []
