"""Phone and tablet: at 390 px and 768 px no page scrolls sideways, with its tables open
and (briefing) its preview shown; on a phone in French and Arabic too, whose words are
longer or run right to left; and every page's document says its language and direction
(`<html lang dir>`, set by the app's script, for screen readers and the browser). On a phone, where the years stand upright, every chart's
axis labels stay inside it and clear of its axis titles. Screenshots of each page at 390 px are written to a
temporary directory (or to $GFMD_SCREENSHOTS) to be looked at."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser.support import (
    CHART_PAGES,
    PAGES,
    AppPage,
    StreamlitServer,
    chart_label_problems,
    document_language,
    full_page_screenshot,
    open_app,
    open_table_views,
    page_errors,
    page_url,
    prepare_page,
)

pytestmark = pytest.mark.browser

WIDTHS = {"phone": 390, "tablet": 768}
# Pages whose tables wait behind a "Table view" expander, and how many there are.
TABLE_VIEWS = {"overview": 1, "meetings": 1}
# (device, language): every language on a phone, where room is shortest.
VIEWS = [("phone", "en"), ("phone", "fr"), ("phone", "ar"), ("tablet", "en")]
# The briefing previews a note once a theme is chosen; other pages show everything.
QUERY = {"briefing": "theme=Labour%20mobility%20and%20skills"}

OVERFLOW_JS = """() => {
  const out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) out.push(['document', doc.scrollWidth, doc.clientWidth]);
  const main = document.querySelector('[data-testid="stMain"]');
  if (main && main.scrollWidth > main.clientWidth + 1)
    out.push(['main', main.scrollWidth, main.clientWidth]);
  // Elements sticking out of the main area (a cut-off button, a wide table): to the right,
  // or to the left where the page runs right to left.
  const box = main ? main.getBoundingClientRect() : {left: 0, right: doc.clientWidth};
  for (const el of (main || doc).querySelectorAll('[data-testid="stElementContainer"]')) {
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > box.right + 1 || r.left < box.left - 1))
      out.push([el.innerText.slice(0, 40), r.left, r.right, box.left, box.right]);
  }
  return out;
}"""


@pytest.fixture
def narrow_page(context_at: Callable[[int, int], BrowserContext],
                request: pytest.FixtureRequest) -> Iterator[Page]:
    """A new tab (a new session) in the device's context (conftest: its cache is kept)."""
    page = context_at(WIDTHS[request.param[0]], 844).new_page()
    prepare_page(page)
    yield page
    page.close()


@pytest.mark.timeout(240)
@pytest.mark.parametrize("narrow_page", VIEWS, indirect=True,
                         ids=[f"{device}-{lang}" for device, lang in VIEWS])
@pytest.mark.parametrize("app_page", PAGES, ids=[p.name for p in PAGES])
def test_no_page_scrolls_sideways(narrow_page: Page, server: StreamlitServer,
                                  app_page: AppPage, request: pytest.FixtureRequest,
                                  screenshots: Path) -> None:
    page = narrow_page
    device, lang = request.node.callspec.params["narrow_page"]
    query = "&".join(q for q in (QUERY.get(app_page.name, ""), f"lang={lang}") if q)
    open_app(page, page_url(server, app_page, query))
    direction = [lang, "rtl" if lang == "ar" else "ltr"]
    assert document_language(page, direction) == direction  # the document's lang and dir
    opened = open_table_views(page)  # in the page's language, or they stay shut
    assert page_errors(page) == []
    if app_page.name in TABLE_VIEWS:
        assert opened == TABLE_VIEWS[app_page.name]
    if device == "phone":
        shot = screenshots / f"phone-{app_page.name}-{lang}.png"
        full_page_screenshot(page, shot)
        if app_page in CHART_PAGES:
            assert chart_label_problems(page) == []
    assert page.evaluate(OVERFLOW_JS) == []
